"""Stories: articles grouped into storylines, with their events and span.

Two articles join the same story when they are close in time (within ``WINDOW_DAYS`` of each
other) and name the same people and organisations (tf-idf weighted cosine of their entity
sets). Time comes first: the same two leaders in articles years apart are different storylines.
Comparisons go through an inverted index of entities inside a sliding time window, never over
all pairs. A story's title is the title of its most central article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from newsline.build.entities import EntityIndex
from newsline.build.graph import UnionFind
from newsline.model import Article, DateEstimate, Event, Story

WINDOW_DAYS = 45
MIN_SIMILARITY = 0.30
TYPE_WEIGHT = {"PERSON": 1.5, "ORG": 1.3, "EVENT": 1.5, "OTHER": 1.2, "FAC": 1.0,
               "NORP": 0.5, "GPE": 0.6, "LOC": 0.6}


@dataclass(slots=True)
class _Doc:
    id: str
    day: dt.date | None
    vector: dict[str, float]


def _vectors(index: EntityIndex, doc_ids: list[str]) -> dict[str, dict[str, float]]:
    types = {e.id: e.type for e in index.entities}
    counts: dict[str, Counter[str]] = {d: Counter() for d in doc_ids}
    for (doc, _), ent in index.by_mention.items():
        if doc in counts:
            counts[doc][ent] += 1
    df = Counter(ent for c in counts.values() for ent in c)
    n = max(1, len(doc_ids))
    out = {}
    for doc, c in counts.items():
        vec = {
            ent: (1 + math.log(tf)) * math.log(1 + n / df[ent]) * TYPE_WEIGHT.get(types[ent], 1.0)
            for ent, tf in c.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[doc] = {k: v / norm for k, v in vec.items()}
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def build_stories(
    articles: dict[str, Article],
    doc_dates: dict[str, DateEstimate],
    index: EntityIndex,
    events: list[Event],
) -> list[Story]:
    ids = sorted(articles)
    vectors = _vectors(index, ids)
    docs = [_Doc(d, doc_dates[d].day if d in doc_dates else None, vectors[d]) for d in ids]
    dated = sorted((d for d in docs if d.day), key=lambda d: (d.day, d.id))
    uf = UnionFind()
    sims: dict[tuple[str, str], float] = {}
    postings: dict[str, list[_Doc]] = defaultdict(list)
    for doc in dated:
        assert doc.day is not None
        candidates = {o.id: o for ent in doc.vector for o in postings[ent]
                      if o.day and o.day >= doc.day - dt.timedelta(days=WINDOW_DAYS)}
        for other in candidates.values():
            s = _cosine(doc.vector, other.vector)
            if s >= MIN_SIMILARITY:
                uf.union(doc.id, other.id)
                sims[(doc.id, other.id)] = sims[(other.id, doc.id)] = s
        for ent in doc.vector:
            postings[ent].append(doc)
    # an undated article joins the story of its most similar dated article, if close enough
    for doc in (d for d in docs if d.day is None):
        best = max(((_cosine(doc.vector, o.vector), o.id) for o in dated), default=(0.0, ""))
        if best[0] >= MIN_SIMILARITY + 0.1:
            uf.union(doc.id, best[1])
            sims[(doc.id, best[1])] = sims[(best[1], doc.id)] = best[0]

    groups: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        groups[uf.find(d)].append(d)
    doc_story: dict[str, str] = {}
    stories = []
    by_id = {d.id: d for d in docs}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda d: (by_id[d].day or dt.date.max, d))
        central = max(members, key=lambda d: (sum(sims.get((d, o), 0.0) for o in members), d))
        days = [day for d in members if (day := by_id[d].day) is not None]
        sid = "sty-" + hashlib.sha1(min(members).encode()).hexdigest()[:12]
        title = articles[central].title or _fallback_title(central, index)
        stories.append(Story(sid, title, members, [], min(days) if days else None,
                             max(days) if days else None))
        for d in members:
            doc_story[d] = sid
    by_story = {s.id: s for s in stories}
    for ev in sorted(events, key=lambda e: e.id):
        votes = Counter(doc_story[m.doc] for m in ev.mentions if m.doc in doc_story)
        if votes:
            by_story[votes.most_common(1)[0][0]].events.append(ev.id)
    stories.sort(key=lambda s: (s.earliest or dt.date.max, s.id))
    return stories


def _fallback_title(doc: str, index: EntityIndex) -> str:
    names = {e.id: e.name for e in index.entities}
    counts = Counter(ent for (d, _), ent in index.by_mention.items() if d == doc)
    top = [names[e] for e, _ in counts.most_common(3)]
    return ", ".join(top) or "Untitled story"
