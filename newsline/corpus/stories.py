"""Stories: articles grouped into real-world storylines, with their events and span.

Articles are read in date order. Each one joins the open story it fits best, or starts a new
one. A story is open to an article while its latest article is at most ``WINDOW_DAYS`` older:
time comes first, so the same leaders in articles years apart make different storylines, and an
article that recalls an earlier storyline is dated by its own publication and joins the
storyline of its own days. The fit is the cosine between the article and the story's centroid
(average link), or a strong match with one of the story's recent articles; an average link
keeps one bridging article from chaining two storylines together, as single-link union-find
did. An article's vector is its entities (tf-idf, weighted by type: people and organisations
say more than places) plus, at a lower weight, the content words of its title and opening.

Candidate stories come through an inverted index of terms, never all pairs. A story needs two
articles; a document is in at most one story. Its title is the cleaned title of its most
central article (closest to the centroid), else that article's first sentence, shortened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from newsline.corpus.entities import EntityIndex
from newsline.vectors import cosine
from newsline.model import Article, DateEstimate, Event, Story

WINDOW_DAYS = 45
MIN_CENTROID = 0.25  # cosine to a story's centroid that admits an article
MIN_MEMBER = 0.45  # or cosine to one of its recent articles
RECENT_MEMBERS = 8
WORD_WEIGHT = 0.5  # the content words of title and opening, against the entities' 1.0
OPENING_CHARS = 400
TITLE_CHARS = 90
TYPE_WEIGHT = {"PERSON": 1.5, "ORG": 1.3, "EVENT": 1.5, "OTHER": 1.2, "FAC": 1.0,
               "NORP": 0.5, "GPE": 0.6, "LOC": 0.6}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_OUTLET_SUFFIX = re.compile(r"\s+[-|–—:]\s+(?:[A-Z][\w.&' ]{1,30})$")
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


@dataclass(slots=True)
class _Doc:
    id: str
    day: dt.date | None
    vector: dict[str, float]


@dataclass(slots=True)
class _Story:
    members: list[_Doc] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    latest: dt.date = dt.date.min

    norm: float | None = None  # of ``total``, computed when first needed after a change

    def add(self, doc: _Doc) -> None:
        self.members.append(doc)
        for k, v in doc.vector.items():
            self.total[k] += v
        self.norm = None
        if doc.day and doc.day > self.latest:
            self.latest = doc.day

    def centroid_cosine(self, vec: dict[str, float]) -> float:
        if self.norm is None:
            self.norm = math.sqrt(sum(v * v for v in self.total.values())) or 1.0
        return sum(v * self.total.get(k, 0.0) for k, v in vec.items()) / self.norm


def _terms(articles: dict[str, Article], index: EntityIndex,
           doc_ids: list[str]) -> dict[str, Counter[str]]:
    """Each document's weighted-to-be terms: ``e:<entity id>`` and ``w:<word>``."""
    counts: dict[str, Counter[str]] = {d: Counter() for d in doc_ids}
    for (doc, _), ent in index.by_mention.items():
        if doc in counts:
            counts[doc]["e:" + ent] += 1
    for d in doc_ids:
        art = articles[d]
        head = f"{art.title or ''} {art.text[:OPENING_CHARS]}"
        for w in _WORD.findall(head):
            low = w.lower()
            if low not in STOP_WORDS:
                counts[d]["w:" + low] += 1
    return counts


def _vectors(articles: dict[str, Article], index: EntityIndex,
             doc_ids: list[str]) -> dict[str, dict[str, float]]:
    types = {e.id: e.type for e in index.entities}
    counts = _terms(articles, index, doc_ids)
    df = Counter(t for c in counts.values() for t in c)
    n = max(1, len(doc_ids))
    out = {}
    for doc, c in counts.items():
        vec = {}
        for term, tf in c.items():
            if df[term] < 2:
                continue  # a term no other article has links nothing
            kind, key = term.split(":", 1)
            w = TYPE_WEIGHT.get(types.get(key, ""), 1.0) if kind == "e" else WORD_WEIGHT
            vec[term] = (1 + math.log(tf)) * math.log(1 + n / df[term]) * w
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[doc] = {k: v / norm for k, v in vec.items()}
    return out


def _cluster(dated: list[_Doc]) -> list[_Story]:
    stories: list[_Story] = []
    postings: dict[str, set[int]] = defaultdict(set)  # term -> stories holding it
    for doc in dated:
        assert doc.day is not None
        horizon = doc.day - dt.timedelta(days=WINDOW_DAYS)
        best, best_fit = -1, 0.0
        for si in sorted({s for t in doc.vector for s in postings[t]}):
            story = stories[si]
            if story.latest < horizon:
                continue
            fit = story.centroid_cosine(doc.vector)
            member = max((cosine(doc.vector, m.vector) for m in story.members[-RECENT_MEMBERS:]
                          if m.day and m.day >= horizon), default=0.0)
            if fit >= MIN_CENTROID or member >= MIN_MEMBER:
                score = max(fit, member)
                if score > best_fit:
                    best, best_fit = si, score
        if best < 0:
            stories.append(_Story())
            best = len(stories) - 1
        stories[best].add(doc)
        for t in doc.vector:
            postings[t].add(best)
    return stories


def build_stories(
    articles: dict[str, Article],
    doc_dates: dict[str, DateEstimate],
    index: EntityIndex,
    events: list[Event],
) -> list[Story]:
    """Group the articles into storylines, attach each event to the story most of its
    mentions sit in, and give each story a readable title and its span."""
    ids = sorted(articles)
    vectors = _vectors(articles, index, ids)
    docs = [_Doc(d, doc_dates[d].day if d in doc_dates else None, vectors[d]) for d in ids]
    dated = sorted((d for d in docs if d.day), key=lambda d: (d.day, d.id))
    groups = _cluster(dated)
    # an undated article joins the story it fits best, if it fits well
    for doc in (d for d in docs if d.day is None):
        fits = [(g.centroid_cosine(doc.vector), i) for i, g in enumerate(groups)]
        fit, gi = max(fits, default=(0.0, -1))
        if gi >= 0 and fit >= MIN_CENTROID + 0.1:
            groups[gi].members.append(doc)

    stories: list[Story] = []
    doc_story: dict[str, str] = {}
    for group in groups:
        if len(group.members) < 2:
            continue
        members = sorted(group.members, key=lambda d: (d.day or dt.date.max, d.id))
        central = max(members, key=lambda d: (group.centroid_cosine(d.vector), d.id))
        days = [d.day for d in members if d.day is not None]
        ids_ = [d.id for d in members]
        sid = "sty-" + hashlib.sha1(min(ids_).encode()).hexdigest()[:12]
        stories.append(Story(sid, story_title(articles[central.id], index), ids_, [],
                             min(days) if days else None, max(days) if days else None))
        for d in ids_:
            doc_story[d] = sid
    by_story = {s.id: s for s in stories}
    for ev in sorted(events, key=lambda e: e.id):
        votes = Counter(doc_story[m.doc] for m in ev.mentions if m.doc in doc_story)
        if votes:
            top = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
            by_story[top].events.append(ev.id)
    stories.sort(key=lambda s: (s.earliest or dt.date.max, s.id))
    return stories


def _shorten(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:-–— ")
    return cut + "…"


def story_title(article: Article, index: EntityIndex | None = None) -> str:
    """A title a reader understands: the article's own title without an outlet suffix
    ("… - Wikinews", "… | Reuters"), else its first sentence, shortened; else the names it
    mentions most."""
    title = " ".join((article.title or "").split())
    if title:
        stripped = _OUTLET_SUFFIX.sub("", title)
        return _shorten(stripped if len(stripped) >= 12 else title)
    m = _SENTENCE.match(article.text.strip())
    first = (m.group(1) if m else article.text.strip()).strip()
    if len(first.split()) >= 4:
        return _shorten(first.rstrip("."))
    if index is not None:
        names = {e.id: e.name for e in index.entities}
        counts = Counter(ent for (d, _), ent in index.by_mention.items() if d == article.id)
        top = [names[e] for e, _ in counts.most_common(3)]
        if top:
            return ", ".join(top)
    return _shorten(first) or "Untitled story"
