"""The learned pair scorer of cross-document event coreference.

For two event mentions of one block, a logistic regression reads how alike their words are
(lemma, concept key, spelling, the mention's own words), their arguments by kind (people,
places, times of their sentences: shared or clashing), their sentences (tf-idf cosine of
content lemmas, shared names, agreeing or clashing numbers such as a quake's magnitude), where
they are (same document, same sentence), their context windows and how central their concept
is to the block (the share of its documents that mention it). One regression per kind of pair
(same lemma, same concept, neither: :data:`CATEGORIES`).

Every feature is computed for all pairs of a block at once, as a matrix (:func:`feature_matrices`),
from what the analysis stored (:class:`~newsline.model.EventMention` cues and
:class:`~newsline.model.SentenceCues`). The weights are fitted on the ECB+ training topics and
the threshold chosen on the dev topics by ``benchmarks/events/train.py``; they live in
``newsline/data/events_coref_model.json``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from scipy import sparse

from newsline.vectors import cosines, sigmoid, tfidf

MODEL_FILE = "events_coref_model.json"
KINDS = ("people", "places", "times")
# verbs that name many different happenings: a shared lemma says little
LIGHT = frozenset({"say", "report", "tell", "make", "take", "find", "place", "check", "set",
                   "give", "get", "have", "do", "go", "come", "see", "put", "hold", "keep",
                   "call", "add", "state", "claim", "show", "use", "leave", "include", "be"})

FEATURES: tuple[str, ...] = (
    "same_lemma", "same_concept", "spelling", "prefix4", "words_jaccard",
    "people_shared", "people_clash", "places_shared", "places_clash", "times_shared",
    "times_clash", "context_cos", "names_jaccard", "number_shared", "number_clash",
    "same_doc", "same_sentence", "light", "both_verbs", "both_nouns",
    "centrality", "concept_x_context", "concept_x_args", "lemma_x_centrality",
    "no_concept_x_context", "concept_x_same_doc", "concept_x_number_clash",
    "window_jaccard", "concept_x_window", "max_centrality",
    "own_people_shared", "own_people_clash", "own_places_shared", "own_places_clash",
    "own_times_shared", "own_times_clash", "concept_x_own_shared",
)
CATEGORIES = ("same_lemma", "same_concept", "other")


@dataclass(slots=True)
class EventItem:
    """One event mention to link: where it is and what the pair features read."""

    key: tuple[str, int, int]  # (document, trigger start, trigger end)
    doc: str
    lemma: str
    concepts: frozenset[str]
    args: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> words
    sentence: int = -1  # sentence index in its document
    pos: str = ""  # the head's coarse part of speech: VERB, NOUN, ...
    words: frozenset[str] = frozenset()  # the mention's own words, lower case
    numbers: frozenset[str] = frozenset()  # numbers of the mention and of its sentence
    context: frozenset[str] = frozenset()  # content lemmas of its sentence
    names: frozenset[str] = frozenset()  # names in its sentence
    window: frozenset[str] = frozenset()  # content lemmas within a few tokens of the mention
    # the mention's own arguments from the parse: its participants' and places' words, its
    # time's value
    own: dict[str, frozenset[str]] = field(default_factory=dict)


# Up to this many multiply-adds (mentions x mentions x distinct members), a block's overlap
# counts are a dense product: a block holds tens of mentions, and scipy's sparse machinery
# costs more than the product itself there. Beyond it (a block of hundreds of mentions, or one
# large enough that BLAS starts its threads) the sparse product is cheaper by far: the
# incidence matrix holds a few members a row. Both count exactly, so the results are equal.
DENSE_PRODUCT = 500_000


def _overlap(sets: Sequence[Iterable[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(shared-member counts of every pair, set sizes)."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for w in s:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    n, v = len(sets), max(len(vocab), 1)
    if n * n * v <= DENSE_PRODUCT:
        flat = np.array(rows, dtype=np.int64) * v + np.array(cols, dtype=np.int64)
        b = np.bincount(flat, minlength=n * v).reshape(n, v).astype(float)
        return b @ b.T, b.sum(axis=1)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, v))
    return (m @ m.T).toarray(), np.asarray(m.sum(axis=1)).ravel()


def _jaccard(sets: Sequence[Iterable[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Jaccard of every pair, 0 where either is empty; whether both are non-empty; the
    shared-member counts)."""
    inter, size = _overlap(sets)
    both = np.outer(size > 0, size > 0)
    union = size[:, None] + size[None, :] - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        jac = np.where(both & (union > 0), inter / np.maximum(union, 1), 0.0)
    return jac, both, inter


def feature_matrices(items: list[EventItem]) -> Iterator[np.ndarray]:
    """One ``n x n`` matrix per name of :data:`FEATURES`, in that order."""
    n = len(items)
    lemmas = [it.lemma for it in items]
    lemma_id = np.array([hash(x) for x in lemmas])
    same_lemma = (lemma_id[:, None] == lemma_id[None, :]).astype(float)
    shared_concepts, _ = _overlap([it.concepts for it in items])
    concept = np.maximum((shared_concepts > 0).astype(float), same_lemma)
    yield same_lemma
    yield concept
    yield np.asarray(process.cdist(lemmas, lemmas, scorer=Levenshtein.normalized_similarity,
                                   dtype=np.float32), dtype=float)
    pre = np.array([hash(x[:4]) if len(x) >= 4 else i for i, x in enumerate(lemmas)])
    long = np.array([len(x) >= 4 for x in lemmas])
    yield ((pre[:, None] == pre[None, :]) & long[:, None] & long[None, :]).astype(float)
    yield _jaccard([it.words for it in items])[0]
    shared_args = np.zeros((n, n))
    for jac, clash in _by_kind([it.args for it in items]):
        shared_args += jac
        yield jac
        yield clash
    # the sentences' content lemmas: tf-idf over the distinct sentences of the block
    sent_of: dict[tuple[str, int], int] = {}
    bags: list[list[str]] = []
    for it in items:
        k = (it.doc, it.sentence)
        if k not in sent_of:
            sent_of[k] = len(bags)
            bags.append(list(it.context))
    rows = tfidf(bags)
    idx = np.array([sent_of[(it.doc, it.sentence)] for it in items])
    ctx = cosines(rows)[np.ix_(idx, idx)] if rows.shape[1] else np.zeros((n, n))
    yield ctx
    yield _jaccard([it.names for it in items])[0]
    num_inter, num_size = _overlap([it.numbers for it in items])
    num_both = np.outer(num_size > 0, num_size > 0)
    num_shared = (num_inter > 0).astype(float)
    num_clash = (num_both & (num_inter == 0)).astype(float)
    yield num_shared
    yield num_clash
    doc_id = np.array([hash(it.doc) for it in items])
    same_doc = (doc_id[:, None] == doc_id[None, :]).astype(float)
    sentence = np.array([it.sentence for it in items])
    yield same_doc
    yield same_doc * (sentence[:, None] == sentence[None, :])
    light = np.array([it.lemma in LIGHT for it in items])
    yield (light[:, None] | light[None, :]).astype(float)
    verb = np.array([it.pos == "VERB" for it in items])
    noun = np.array([it.pos == "NOUN" for it in items])
    yield np.outer(verb, verb).astype(float)
    yield np.outer(noun, noun).astype(float)
    docs = {it.doc for it in items}
    concept_docs: dict[str, set[str]] = {}
    for it in items:
        for c in it.concepts:
            concept_docs.setdefault(c, set()).add(it.doc)
    cent = np.array([max((len(concept_docs[c]) for c in it.concepts), default=0)
                     for it in items]) / max(len(docs), 1)
    low_cent = np.minimum(cent[:, None], cent[None, :])
    yield low_cent
    yield concept * ctx
    yield concept * shared_args / 3
    yield same_lemma * low_cent
    yield (1 - concept) * ctx
    yield concept * same_doc
    yield concept * num_clash
    window = _jaccard([it.window for it in items])[0]
    yield window
    yield concept * window
    yield np.maximum(cent[:, None], cent[None, :])
    own_shared = np.zeros((n, n))
    for jac, clash in _by_kind([it.own for it in items]):
        own_shared += jac
        yield jac
        yield clash
    yield concept * own_shared / 3


def _by_kind(args: list[Mapping[str, frozenset[str]]]
             ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """For each argument kind (:data:`KINDS`): the Jaccard of every pair's words of that kind,
    and where both have some but share none (a clash)."""
    for kind in KINDS:
        sets = [a.get(kind, frozenset()) for a in args]
        jac, both, inter = _jaccard(sets)
        yield jac, (both & (inter == 0)).astype(float)


def categories(items: list[EventItem]) -> np.ndarray:
    """The kind of each pair: 0 same lemma, 1 same concept, 2 neither."""
    lemma = np.array([hash(it.lemma) for it in items])
    same = lemma[:, None] == lemma[None, :]
    inter, _ = _overlap([it.concepts for it in items])
    return np.where(same, 0, np.where(inter > 0, 1, 2))


def pair_rows(items: list[EventItem]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature rows of every pair i < j, and the pairs' indices (for fitting)."""
    i, j = np.triu_indices(len(items), k=1)
    x = np.column_stack([m[i, j] for m in feature_matrices(items)]) if len(i) else \
        np.zeros((0, len(FEATURES)))
    return x, i, j


def expand(x: np.ndarray) -> np.ndarray:
    """One block of the features (and a bias) per kind of pair; a logistic regression on the
    blocks is one regression per kind."""
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
    """Logistic regression over the category blocks of :data:`FEATURES` (:func:`expand`),
    fitted on standardised columns; kept as raw weights per category for scoring."""

    def __init__(self, weights: dict[str, float], bias: float,
                 mean: dict[str, float], scale: dict[str, float], threshold: float = 0.5,
                 meta: dict[str, Any] | None = None) -> None:
        self.raw = {"weights": weights, "bias": bias, "mean": mean, "scale": scale}
        self.threshold = threshold
        self.meta = meta or {}
        const = bias - sum(weights[n] * mean[n] / scale[n] for n in weights)
        self.w = np.zeros((len(CATEGORIES), len(FEATURES)))
        self.b = np.full(len(CATEGORIES), const)
        for ci, c in enumerate(CATEGORIES):
            for fi, f in enumerate(FEATURES):
                self.w[ci, fi] = weights[f"{c}:{f}"] / scale[f"{c}:{f}"]
            self.b[ci] += weights[f"{c}:bias"] / scale[f"{c}:bias"]

    @classmethod
    def from_arrays(cls, w: np.ndarray, b: float, mean: np.ndarray, scale: np.ndarray,
                    threshold: float = 0.5, meta: dict[str, Any] | None = None) -> PairModel:
        names = expanded_names()
        return cls({n: float(v) for n, v in zip(names, w, strict=True)}, b,
                   {n: float(v) for n, v in zip(names, mean, strict=True)},
                   {n: float(v) for n, v in zip(names, scale, strict=True)}, threshold, meta)

    def to_json(self) -> dict[str, Any]:
        r = self.raw
        return {"features": expanded_names(), "weights": r["weights"], "bias": r["bias"],
                "mean": r["mean"], "scale": r["scale"], "threshold": self.threshold,
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        return cls(data["weights"], data["bias"], data["mean"], data["scale"],
                   data.get("threshold", 0.5), data.get("meta"))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """The probability of each feature row (for checks; :meth:`matrix` scores blocks)."""
        if not len(x):
            return np.zeros(0)
        cat = np.where(x[:, 0] > 0, 0, np.where(x[:, 1] > 0, 1, 2))
        return sigmoid(np.einsum("ij,ij->i", x, self.w[cat]) + self.b[cat])

    def matrix(self, items: list[EventItem]) -> np.ndarray:
        """Probabilities of every pair of ``items`` (a symmetric matrix, zero diagonal)."""
        n = len(items)
        if n < 2:
            return np.zeros((n, n))
        # each pair summed with its own category's weights only, in feature order: the very
        # sums of a logit per category, a third of the work
        features = feature_matrices(items)
        same_lemma, same_concept = next(features), next(features)
        # the kind of pair, as :func:`categories` makes it
        cat = np.where(same_lemma > 0, 0, np.where(same_concept > 0, 1, 2))
        logit = np.zeros((n, n))
        for fi, m in enumerate(itertools.chain((same_lemma, same_concept), features)):
            logit += self.w[:, fi].take(cat) * m
        logit += self.b.take(cat)
        out = sigmoid(logit)
        np.fill_diagonal(out, 0.0)
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
