"""A learned pair scorer for cross-document event coreference (numpy only).

A logistic regression reads, for two event mentions of one document cluster, how alike their
words are (lemma, concept key, spelling, the mention's own words), their arguments by role
(participants, place, time: shared or clashing), their sentences (tf-idf cosine of content
lemmas, shared names, agreeing or clashing numbers such as a quake's magnitude), where they
are (same document, same sentence) and how central their concept is to the cluster (the share
of its documents that mention it). It is trained on the ECB+ training topics only, within the
gold subtopics (:func:`newsline.eval.events.train`); its weights live in
``newsline/data/events_coref_model.json``. Mentions are then clustered by average link on the
probabilities (:func:`newsline.corpus.events_coref.cluster_mentions`).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz.distance import Levenshtein

from newsline.corpus import logistic
from newsline.corpus.logistic import standardise

MODEL_FILE = "events_coref_model.json"
KINDS = ("HUMAN", "LOC", "TIME")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# verbs that name many different happenings: a shared lemma says little
LIGHT = frozenset({"say", "report", "tell", "make", "take", "find", "place", "check", "set",
                   "give", "get", "have", "do", "go", "come", "see", "put", "hold", "keep",
                   "call", "add", "state", "claim", "show", "use", "leave", "include", "be"})

# more concept groups of common news happenings, from general knowledge, on top of
# :func:`newsline.analyze.events_lexicon.concept_keys`
EXTRA_GROUPS: tuple[tuple[str, ...], ...] = (
    ("escape", "flee", "breakout", "abscond", "getaway"),
    ("find", "discover", "discovery", "locate", "uncover", "detect"),
    ("damage", "destroy", "destruction", "devastate", "devastation", "wreck", "ruin",
     "demolish", "raze"),
    ("steal", "theft", "rob", "robbery", "heist", "holdup", "burglary", "loot", "stickup"),
    ("treat", "treatment", "rehab", "rehabilitation", "therapy"),
    ("fix", "repair", "restore", "restoration", "patch", "mend"),
    ("outage", "downtime", "disruption", "blackout", "interruption", "disrupt", "interrupt"),
    ("sue", "lawsuit", "suit", "litigation"),
    ("kidnap", "kidnapping", "abduct", "abduction"),
    ("approve", "approval", "pass", "adopt", "endorse", "ratify"),
    ("marry", "marriage", "wed", "wedding"),
    ("collapse", "topple", "crumble", "cave"),
    ("erupt", "eruption"),
    ("riot", "unrest", "clash", "uprising"),
    ("suicide", "hang", "overdose"),
    ("ban", "prohibit", "prohibition", "outlaw", "bar"),
    ("return", "comeback"),
    ("sign", "ink"),
    ("rescue", "save", "pull"),
)
_EXTRA: dict[str, frozenset[str]] = {}
for _g in EXTRA_GROUPS:
    for _w in _g:
        _EXTRA[_w] = _EXTRA.get(_w, frozenset()) | {"x:" + _g[0]}


def concepts_of(lemma: str, base: frozenset[str]) -> frozenset[str]:
    """``base`` (the lexicon's concept keys of ``lemma``) and the extra groups it is in."""
    return base | _EXTRA.get(lemma.lower(), frozenset())


FEATURES: tuple[str, ...] = (
    "same_lemma", "same_concept", "spelling", "prefix4", "words_jaccard",
    "human_shared", "human_clash", "loc_shared", "loc_clash", "time_shared", "time_clash",
    "context_cos", "names_jaccard", "number_shared", "number_clash",
    "same_doc", "same_sentence", "light", "both_verbs", "both_nouns",
    "centrality", "concept_x_context", "concept_x_args", "lemma_x_centrality",
    "no_concept_x_context", "concept_x_same_doc", "concept_x_number_clash",
    "vector_cos", "no_concept_x_vector", "window_jaccard", "concept_x_window", "max_centrality",
)


def numbers_of(text: str) -> frozenset[str]:
    """Numbers written with digits, normalised: "6.1" and "6,1" read alike, "1,000" as 1000."""
    out = set()
    for n in _NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(,\d{3})+", n):
            n = n.replace(",", "")
        out.add(n.replace(",", "."))
    return frozenset(out)


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


class Group:
    """What the features read about the whole document cluster: idf of sentence lemmas and in
    how many of its documents each concept occurs."""

    def __init__(self, items: list[Any]) -> None:
        sentences: dict[tuple[str, int], frozenset[str]] = {}
        docs: set[str] = set()
        concept_docs: dict[str, set[str]] = {}
        for it in items:
            sentences[(it.doc, it.sentence)] = it.context
            docs.add(it.doc)
            for c in it.concepts:
                concept_docs.setdefault(c, set()).add(it.doc)
        df: Counter[str] = Counter()
        for words in sentences.values():
            df.update(words)
        n = len(sentences)
        self.idf = {w: math.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()}
        self.docs = max(len(docs), 1)
        self.concept_docs = {c: len(d) for c, d in concept_docs.items()}
        self._vec: dict[tuple[str, int], dict[str, float]] = {}

    def vector(self, it: Any) -> dict[str, float]:
        key = (it.doc, it.sentence)
        if key not in self._vec:
            vec = {w: self.idf.get(w, 1.0) for w in it.context}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self._vec[key] = {w: v / norm for w, v in vec.items()}
        return self._vec[key]

    def centrality(self, it: Any) -> float:
        return max((self.concept_docs.get(c, 0) for c in it.concepts), default=0) / self.docs


def features(a: Any, b: Any, group: Group) -> list[float]:
    """The feature row of one pair of :class:`~newsline.corpus.events_coref.EventItem`."""
    same_lemma = float(a.lemma == b.lemma)
    concept = float(bool(a.concepts & b.concepts)) or same_lemma
    spelling = Levenshtein.normalized_similarity(a.lemma, b.lemma)
    prefix = float(len(a.lemma) >= 4 and a.lemma[:4] == b.lemma[:4])
    row = [same_lemma, concept, spelling, prefix, _jaccard(a.words, b.words)]
    shared_args = 0.0
    for kind in KINDS:
        x, y = a.args.get(kind, set()), b.args.get(kind, set())
        both = bool(x and y)
        share = _jaccard(x, y) if both else 0.0
        shared_args += share
        row += [share, float(both and not x & y)]
    va, vb = group.vector(a), group.vector(b)
    if len(va) > len(vb):
        va, vb = vb, va
    ctx = sum(v * vb.get(k, 0.0) for k, v in va.items())
    num_shared = float(bool(a.numbers & b.numbers))
    num_clash = float(bool(a.numbers and b.numbers and not a.numbers & b.numbers))
    same_doc = float(a.doc == b.doc)
    cent = min(group.centrality(a), group.centrality(b))
    row += [ctx, _jaccard(a.names, b.names), num_shared, num_clash,
            same_doc, float(same_doc and a.sentence == b.sentence),
            float(a.lemma in LIGHT or b.lemma in LIGHT),
            float(a.pos == "VERB" and b.pos == "VERB"), float(a.pos == "NOUN" and b.pos == "NOUN"),
            cent, concept * ctx, concept * shared_args / 3, same_lemma * cent,
            (1 - concept) * ctx, concept * same_doc, concept * num_clash]
    vec = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    window = _jaccard(a.window, b.window)
    row += [vec, (1 - concept) * vec, window, concept * window,
            max(group.centrality(a), group.centrality(b))]
    return row


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0
                 ) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression on standardised features: (weights, bias, means, scales)."""
    z, mean, scale = standardise(x)
    w, bias = logistic.fit_logistic(z, y, l2)
    return w, bias, mean, scale


CATEGORIES = ("same_lemma", "same_concept", "other")


def expand(x: np.ndarray) -> np.ndarray:
    """One block of the features (and a bias) per kind of pair: same lemma, same concept,
    neither; a logistic regression on the blocks is one regression per kind."""
    if not len(x):
        return np.zeros((0, (x.shape[1] + 1) * len(CATEGORIES)))
    cat = np.where(x[:, 0] > 0, 0, np.where(x[:, 1] > 0, 1, 2))
    blocks = []
    for c in range(len(CATEGORIES)):
        mask = (cat == c).astype(float)[:, None]
        blocks.append(np.hstack([x * mask, mask]))
    return np.hstack(blocks)


def expanded_names() -> list[str]:
    return [f"{c}:{n}" for c in CATEGORIES for n in (*FEATURES, "bias")]


class PairModel:
    """Logistic regression over the category blocks of :data:`FEATURES` (:func:`expand`)."""

    def __init__(self, weights: dict[str, float], bias: float,
                 mean: dict[str, float], scale: dict[str, float], threshold: float = 0.5,
                 meta: dict[str, Any] | None = None) -> None:
        self.names = list(weights)
        self.w = np.array([weights[n] / scale[n] for n in self.names])
        self.b = bias - float(sum(weights[n] * mean[n] / scale[n] for n in self.names))
        self.raw = {"weights": weights, "bias": bias, "mean": mean, "scale": scale}
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def from_arrays(cls, w: np.ndarray, b: float, mean: np.ndarray, scale: np.ndarray,
                    threshold: float = 0.5, meta: dict[str, Any] | None = None) -> PairModel:
        names = expanded_names()
        return cls({n: float(v) for n, v in zip(names, w, strict=True)}, b,
                   {n: float(v) for n, v in zip(names, mean, strict=True)},
                   {n: float(v) for n, v in zip(names, scale, strict=True)}, threshold, meta)

    def to_json(self) -> dict[str, Any]:
        r = self.raw
        return {"features": self.names, "weights": r["weights"], "bias": r["bias"],
                "mean": r["mean"], "scale": r["scale"], "threshold": self.threshold,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        return cls(data["weights"], data["bias"], data["mean"], data["scale"],
                   data.get("threshold", 0.5), data.get("meta"))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        return 1 / (1 + np.exp(-(expand(x) @ self.w + self.b)))

    def matrix(self, items: list[Any]) -> np.ndarray:
        """Probabilities of every pair of ``items`` (a symmetric matrix, zero diagonal)."""
        n = len(items)
        out = np.zeros((n, n))
        if n < 2:
            return out
        group = Group(items)
        idx = [(i, j) for i in range(n) for j in range(i + 1, n)]
        x = np.array([features(items[i], items[j], group) for i, j in idx])
        p = self.probabilities(x)
        ii, jj = np.array(idx).T
        out[ii, jj] = p
        out[jj, ii] = p
        return out


@lru_cache(maxsize=1)
def load_model() -> PairModel | None:
    """The committed model, or None when the weights file is missing or stale."""
    try:
        text = resources.files("newsline.data").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    data = json.loads(text)
    if list(data.get("features", ())) != expanded_names():
        return None
    return PairModel.from_json(data)


def average_link_matrix(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering on a dense similarity matrix: merge the two clusters of highest
    mean similarity while it is at least ``threshold``."""
    n = len(sim)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    if n < 2:
        return list(members.values())
    total = sim.astype(float).copy()
    np.fill_diagonal(total, 0.0)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while True:
        mean = total / np.outer(size, size)
        mean[~alive, :] = -1.0
        mean[:, ~alive] = -1.0
        np.fill_diagonal(mean, -1.0)
        flat = int(np.argmax(mean))
        i, j = divmod(flat, n)
        if mean[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        members[i].extend(members.pop(j))
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        total[i, i] = 0.0
        total[j, :] = 0.0
        total[:, j] = 0.0
        size[i] += size[j]
        alive[j] = False
    return list(members.values())


# --- documents -------------------------------------------------------------------------------

DOC_FEATURES: tuple[str, ...] = (
    "cos_all", "cos_content", "cos_names", "cos_numbers", "cos_lead",
    "year_shared", "year_clash",
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")
_URL_LINE = re.compile(r"\s*(https?\s*:|www\s*\.)", re.I)


def _tfidf(bags: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    df: Counter[str] = Counter()
    for c in bags.values():
        df.update(set(c))
    n = len(bags)
    out = {}
    for d, c in bags.items():
        vec = {w: (1 + math.log(k)) * math.log((1 + n) / (1 + df[w])) for w, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[d] = {w: v / norm for w, v in vec.items() if v}
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def document_features(texts: dict[str, str], stop: frozenset[str],
                      all_vectors: dict[str, dict[str, float]]
                      ) -> dict[tuple[str, str], list[float]]:
    """Feature rows of every pair (a < b) of the documents of one topic."""
    content: dict[str, Counter[str]] = {}
    names: dict[str, Counter[str]] = {}
    numbers: dict[str, Counter[str]] = {}
    lead: dict[str, Counter[str]] = {}
    years: dict[str, set[str]] = {}
    for d, t in texts.items():
        lines = [line for line in t.split("\n") if line.strip() and not _URL_LINE.match(line)]
        body = "\n".join(lines)
        content[d], names[d], numbers[d], lead[d] = Counter(), Counter(), Counter(), Counter()
        for i, line in enumerate(lines):
            for w in _TOKEN.findall(line):
                low = w.lower()
                if low in stop:
                    continue
                if w[0].isdigit():
                    if not _YEAR.fullmatch(w):
                        numbers[d][low] += 1
                elif w[0].isupper():
                    names[d][low] += 1
                else:
                    content[d][low] += 1
                if i < 3:
                    lead[d][low] += 1
        years[d] = set(_YEAR.findall(body))
    vecs = [_tfidf(content), _tfidf(names), _tfidf(numbers), _tfidf(lead)]
    ids = sorted(texts)
    out = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            both = bool(years[a] and years[b])
            row = [_cos(all_vectors[a], all_vectors[b])] + [_cos(v[a], v[b]) for v in vecs]
            row += [float(bool(years[a] & years[b])), float(both and not years[a] & years[b])]
            out[(a, b)] = row
    return out


class DocModel:
    """Logistic regression over :data:`DOC_FEATURES`: are two documents of one topic about
    the same happening?"""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 min_cluster: int = 4, meta: dict[str, Any] | None = None) -> None:
        self.weights, self.bias = weights, bias
        self.w = np.array([weights[n] for n in DOC_FEATURES])
        self.threshold, self.min_cluster = threshold, min_cluster
        self.meta = meta or {}

    def to_json(self) -> dict[str, Any]:
        return {"features": list(DOC_FEATURES), "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold, "min_cluster": self.min_cluster, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocModel:
        return cls(data["weights"], data["bias"], data["threshold"], data["min_cluster"],
                   data.get("meta"))

    def similarities(self, rows: dict[tuple[str, str], list[float]]
                     ) -> dict[tuple[str, str], float]:
        if not rows:
            return {}
        keys = list(rows)
        p = 1 / (1 + np.exp(-(np.array([rows[k] for k in keys]) @ self.w + self.bias)))
        return {k: float(v) for k, v in zip(keys, p, strict=True)}


DOC_MODEL_FILE = "events_doc_model.json"


@lru_cache(maxsize=1)
def load_doc_model() -> DocModel | None:
    try:
        text = resources.files("newsline.data").joinpath(DOC_MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    data = json.loads(text)
    if tuple(data.get("features", ())) != DOC_FEATURES:
        return None
    return DocModel.from_json(data)
