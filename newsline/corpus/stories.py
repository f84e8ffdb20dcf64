"""Stories: every article in exactly one real-world storyline, with its events and span.

Two articles tell one storyline when a learned document-pair model says so
(:class:`StoryModel`, a logistic regression fitted on the ECB+ training topics by
``benchmarks/stories/train.py``, weights in ``newsline/data/story_model.json``). It reads the
tf-idf cosines of the two texts (all words, names and numbers counted more; content words;
names; numbers; the leads) and of their resolved entities, and whether they name the same or
only different years. Time separates: two articles whose dates are both confident and far apart
(:data:`GAP_DAYS` between their bounds) never tell one storyline, so the same leaders meeting
years apart make two stories; a missing, uncertain or wide date forbids nothing, so an undated
article joins the storyline its text fits.

The whole corpus is grouped at once, never all pairs: candidate pairs share rare terms (the
sparse tf-idf rows cut to terms that few documents hold, each document's nearest
:data:`NEIGHBOURS`), the graph of likely pairs splits into components, and each component is
clustered by average link on the pair probabilities (a confident date clash counts as -1). A
small cluster joins the larger one it fits on average, if it fits well enough; a storyline told
in one article is a one-article story. A story's id is a hash of its first document id; its
title is the cleaned title of its most central article, else that article's first sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from spacy.lang.en.stop_words import STOP_WORDS

from newsline.corpus.entities import EntityIndex
from newsline.model import Article, DateEstimate, Event, Story
from newsline.vectors import average_link, sigmoid, tfidf

MODEL_FILE = "story_model.json"
FEATURES: tuple[str, ...] = (
    "cos_all", "cos_content", "cos_names", "cos_numbers", "cos_lead", "cos_entities",
    "year_shared", "year_clash",
)
NAME_WEIGHT = 3  # names and numbers tell two similar happenings apart: count them more
LEAD_LINES = 3
LEAD_CHARS = 600
# time: only two confident dates this far apart separate
GAP_DAYS = 60
MIN_DATE_CONFIDENCE = 0.6
CLASH = -1.0  # the similarity of a pair whose confident dates are far apart
# blocking: candidate pairs share terms held by at most this share of the documents
BLOCK_DF_SHARE = 0.05
BLOCK_DF_MIN = 50  # ... or by this many, in a small corpus
NEIGHBOURS = 40
MIN_BLOCK_COS = 0.02
MAX_COMPONENT = 3000  # average link runs on a dense matrix of one component
CELLS = 4_000_000  # cells of one block of the candidate search
TITLE_CHARS = 90

STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "according", "mr", "mrs", "ms", "year",
                                "years", "new"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_URL_LINE = re.compile(r"\s*(https?\s*:|www\s*\.)", re.I)
_OUTLET_SUFFIX = re.compile(r"\s+[-|–—:]\s+(?:[A-Z][\w.&' ]{1,30})$")
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


@dataclass(slots=True)
class StoryModel:
    """Logistic regression over :data:`FEATURES`: do two articles tell one storyline?
    ``threshold`` stops the average link; a cluster under ``min_cluster`` articles joins the
    larger cluster of highest mean probability when that mean is at least ``attach``."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    min_cluster: int = 3
    attach: float = 0.3
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        w = np.array([self.weights[n] for n in FEATURES])
        return sigmoid(x @ w + self.bias)

    def to_json(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold, "min_cluster": self.min_cluster,
                "attach": self.attach, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryModel:
        return cls(data["weights"], data["bias"], data["threshold"], data["min_cluster"],
                   data["attach"], data.get("meta", {}))


# without the fitted model: the all-words cosine alone
FALLBACK = StoryModel({n: (12.0 if n == "cos_all" else 0.0) for n in FEATURES}, -3.0)


@lru_cache(maxsize=1)
def load_model() -> StoryModel:
    """The committed model, or :data:`FALLBACK` when the file is missing or stale."""
    try:
        text = resources.files("newsline.data").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return FALLBACK
    data = json.loads(text)
    if tuple(data.get("features", ())) != FEATURES:
        return FALLBACK
    return StoryModel.from_json(data)


# --- what the model reads ----------------------------------------------------------------


@dataclass(slots=True)
class Texts:
    """The documents' tf-idf rows (one matrix per view, rows in ``ids`` order), their years
    and their date intervals."""

    ids: list[str]
    views: dict[str, sparse.csr_matrix]
    years: list[frozenset[str]]
    spans: list[tuple[dt.date, dt.date] | None]  # confident dates only

    def dated(self, doc_dates: dict[str, DateEstimate]) -> Texts:
        """The same texts with the date intervals of ``doc_dates``: all that dates change in
        what the model reads, so the build reads the texts once for both groupings."""
        return Texts(self.ids, self.views, self.years, [_span(doc_dates.get(d)) for d in self.ids])


def _bags(article: Article) -> tuple[list[Counter[str]], frozenset[str]]:
    """The all-words, content, names, numbers and lead bags of one article, and its years."""
    lines = [ln for ln in article.text.split("\n") if ln.strip() and not _URL_LINE.match(ln)]
    if article.title:
        lines.insert(0, article.title)
    bags: list[Counter[str]] = [Counter() for _ in range(5)]
    every, content, names, numbers, lead = bags
    lead_chars = 0
    for i, line in enumerate(lines):
        in_lead = i < LEAD_LINES and lead_chars < LEAD_CHARS
        lead_chars += len(line)
        for w in _TOKEN.findall(line):
            low = w.lower()
            if low in STOP:
                continue
            if w[0].isdigit():
                every[low] += NAME_WEIGHT
                if not _YEAR.fullmatch(w):
                    numbers[low] += 1
            elif w[0].isupper():
                every[low] += NAME_WEIGHT
                names[low] += 1
            else:
                every[low] += 1
                content[low] += 1
            if in_lead:
                lead[low] += 1
    return bags, frozenset(_YEAR.findall("\n".join(lines)))


def _span(date: DateEstimate | None) -> tuple[dt.date, dt.date] | None:
    """A date's bounds when it is confident and bounded on both sides, else None."""
    if date is None or date.confidence < MIN_DATE_CONFIDENCE:
        return None
    lo = date.earliest or date.day
    hi = date.latest or date.day
    if lo is None or hi is None:
        return None
    return lo, hi


def texts(articles: dict[str, Article], doc_dates: dict[str, DateEstimate],
          index: EntityIndex, ids: Sequence[str] | None = None) -> Texts:
    """What the model reads of the documents ``ids`` (default: all, sorted)."""
    ids = sorted(articles) if ids is None else list(ids)
    entity_bags: dict[str, Counter[str]] = {d: Counter() for d in ids}
    for entity in index.entities:
        for m in entity.mentions:
            # names only: a pronoun or "the company" repeats its antecedent's entity
            if m.doc in entity_bags and m.kind == "name":
                entity_bags[m.doc][entity.id] += 1
    columns: list[list[Counter[str]]] = [[] for _ in range(5)]
    years = []
    for d in ids:
        bags, ys = _bags(articles[d])
        for col, bag in zip(columns, bags, strict=True):
            col.append(bag)
        years.append(ys)
    names = ("all", "content", "names", "numbers", "lead")
    views = {n: tfidf(col) for n, col in zip(names, columns, strict=True)}
    views["entities"] = tfidf([entity_bags[d] for d in ids])
    return Texts(ids, views, years, [_span(doc_dates.get(d)) for d in ids])


def _row_dots(m: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.zeros(len(a))
    if m.shape[1] == 0:
        return out
    step = 10_000
    for s in range(0, len(a), step):
        prod = m[a[s:s + step]].multiply(m[b[s:s + step]])
        out[s:s + step] = np.asarray(prod.sum(axis=1)).ravel()
    return out


def candidate_pairs(x: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of rows that share rare terms: each row's :data:`NEIGHBOURS` nearest by
    the cosine over terms at most :data:`BLOCK_DF_SHARE` of the rows hold. Never a dense
    matrix of all pairs: the search runs in blocks of rows."""
    n = x.shape[0]
    if n < 2 or x.shape[1] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    df = np.bincount(x.indices, minlength=x.shape[1])
    keep = np.flatnonzero((df >= 2) & (df <= max(BLOCK_DF_MIN, BLOCK_DF_SHARE * n)))
    xr = sparse.csr_matrix(x[:, keep])
    step = max(1, CELLS // n)
    found: list[np.ndarray] = []
    for s in range(0, n, step):
        block = sparse.csr_matrix(xr[s:s + step] @ xr.T)
        for r in range(block.shape[0]):
            i = s + r
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            mask = (cols != i) & (vals >= MIN_BLOCK_COS)
            cols, vals = cols[mask], vals[mask]
            if len(cols) > NEIGHBOURS:
                cols = cols[np.argpartition(-vals, NEIGHBOURS)[:NEIGHBOURS]]
            a, b = np.minimum(cols, i), np.maximum(cols, i)
            found.append(a.astype(np.int64) * n + b)
    keys = np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    return keys // n, keys % n


def pair_features(t: Texts, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The :data:`FEATURES` row of each pair (a[k], b[k])."""
    cols = [_row_dots(t.views[v], a, b)
            for v in ("all", "content", "names", "numbers", "lead", "entities")]
    shared = np.array([bool(t.years[i] & t.years[j]) for i, j in zip(a, b, strict=True)])
    clash = np.array([bool(t.years[i] and t.years[j] and not t.years[i] & t.years[j])
                      for i, j in zip(a, b, strict=True)])
    return np.column_stack([*cols, shared.astype(float), clash.astype(float)]) if len(a) \
        else np.zeros((0, len(FEATURES)))


def date_clash(t: Texts, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where both dates are confident and at least :data:`GAP_DAYS` apart."""
    out = np.zeros(len(a), dtype=bool)
    for k, (i, j) in enumerate(zip(a, b, strict=True)):
        x, y = t.spans[i], t.spans[j]
        if x is not None and y is not None:
            gap = max((y[0] - x[1]).days, (x[0] - y[1]).days)
            out[k] = gap >= GAP_DAYS
    return out


# --- grouping ------------------------------------------------------------------------------


def _labels(n: int, a: np.ndarray, b: np.ndarray, sim: np.ndarray,
            threshold: float) -> np.ndarray:
    """A component label per document: documents linked by pairs of similarity at least
    ``threshold``; a component larger than :data:`MAX_COMPONENT` is split again on a higher
    threshold."""
    strong = sim >= threshold
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (a[strong], b[strong])),
                              shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels)
    for big in np.flatnonzero(sizes > MAX_COMPONENT):
        if threshold >= 1.0:
            break
        members = np.flatnonzero(labels == big)
        inside = (labels[a] == big) & (labels[b] == big)
        pos = np.full(n, -1)
        pos[members] = np.arange(len(members))
        sub = _labels(len(members), pos[a[inside]], pos[b[inside]], sim[inside],
                      threshold + 0.05)
        labels[members] = labels.max() + 1 + sub
    return labels


def _split(keys: np.ndarray) -> list[np.ndarray]:
    """Indices into ``keys`` grouped by equal key."""
    order = np.argsort(keys, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(keys[order])) + 1) if len(keys) else []


def cluster(t: Texts, model: StoryModel | None = None) -> list[list[int]]:
    """Every document (row of ``t``) in exactly one group, by average link on the model's
    pair probabilities within the components of the candidate graph."""
    model = model or load_model()
    n = len(t.ids)
    if n == 0:
        return []
    a, b = candidate_pairs(t.views["all"])
    sim = model.probabilities(pair_features(t, a, b))
    sim = np.where(date_clash(t, a, b), CLASH, sim)
    labels = _labels(n, a, b, sim, model.threshold)
    comps = _split(labels)
    pos = np.zeros(n, dtype=np.int64)
    for comp in comps:
        pos[comp] = np.arange(len(comp))
    inside = np.flatnonzero(labels[a] == labels[b])
    pairs_of = {int(labels[a[idx[0]]]): idx for idx in
                (inside[k] for k in _split(labels[a[inside]]))}
    groups: list[list[int]] = []
    for comp in comps:
        members = [int(x) for x in comp]
        if len(members) == 1:
            groups.append(members)
            continue
        dense = np.zeros((len(members), len(members)))
        idx = pairs_of.get(int(labels[comp[0]]), np.zeros(0, dtype=np.int64))
        dense[pos[a[idx]], pos[b[idx]]] = sim[idx]
        dense[pos[b[idx]], pos[a[idx]]] = sim[idx]
        groups += [[members[k] for k in g] for g in average_link(dense, model.threshold)]
    return _attach_small(groups, a, b, sim, model)


def _attach_small(groups: list[list[int]], a: np.ndarray, b: np.ndarray, sim: np.ndarray,
                  model: StoryModel) -> list[list[int]]:
    """A group under ``min_cluster`` documents joins the larger group of highest mean
    similarity, when that mean reaches ``model.attach``."""
    where = np.zeros(sum(len(g) for g in groups), dtype=np.int64)
    for gi, g in enumerate(groups):
        where[g] = gi
    size = np.array([len(g) for g in groups])
    small = size < model.min_cluster
    totals: dict[int, dict[int, float]] = {}
    ga, gb = where[a], where[b]
    for x, y, v in zip(ga, gb, sim, strict=True):
        if x == y:
            continue
        for one, other in ((int(x), int(y)), (int(y), int(x))):
            if small[one] and not small[other]:
                row = totals.setdefault(one, {})
                row[other] = row.get(other, 0.0) + float(v)
    out = {i: list(g) for i, g in enumerate(groups)}
    for si in sorted(totals):
        means = {gi: s / (size[si] * size[gi]) for gi, s in totals[si].items()}
        best = max(means, key=lambda gi: (means[gi], -gi))
        if means[best] >= model.attach:
            out[best] += out.pop(si)
    return [sorted(g) for g in out.values()]


def _central(t: Texts, members: list[int]) -> int:
    """The member closest to the group's centroid (all-words tf-idf)."""
    rows = t.views["all"][members]
    centroid = np.asarray(rows.sum(axis=0)).ravel()
    scores = rows @ centroid
    return members[int(np.argmax(scores))] if len(members) > 1 else members[0]


def build_stories(
    articles: dict[str, Article],
    doc_dates: dict[str, DateEstimate],
    index: EntityIndex,
    events: list[Event],
    read: Texts | None = None,
) -> list[Story]:
    """Every article in exactly one storyline; each event in the story most of its mentions
    sit in; each story with a readable title and its span. ``read``: the :func:`texts` of
    ``articles`` and ``index`` already made (on any dates)."""
    t = texts(articles, doc_dates, index) if read is None else read.dated(doc_dates)
    stories: list[Story] = []
    doc_story: dict[str, str] = {}
    for group in cluster(t):
        ids = sorted(t.ids[k] for k in group)
        days = [day for d in ids if d in doc_dates and (day := doc_dates[d].day) is not None]
        ordered = sorted(ids, key=lambda d: ((doc_dates[d].day if d in doc_dates else None)
                                             or dt.date.max, d))
        sid = "sty-" + hashlib.sha1(ids[0].encode()).hexdigest()[:12]
        central = t.ids[_central(t, sorted(group))]
        stories.append(Story(sid, story_title(articles[central], index), ordered, [],
                             min(days) if days else None, max(days) if days else None))
        for d in ids:
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
