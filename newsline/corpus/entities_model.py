"""A learned mention-pair score for the entity resolver's last pass.

After the rules of :mod:`newsline.corpus.entities` have made their (precise) clusters, this pass
joins clusters whose mentions a small logistic-regression model scores as coreferent: for two
clusters, the average score of their mention pairs (average link); clusters are joined, best
pair first, while that average is at least the model's threshold. Two clusters that each hold a
different full person name are never joined.

The model is a plain table of weights (``newsline/data/entity_pairs.json``), one weight per
feature and kind of pair (name/common noun/pronoun on each side, same or different article), so
every merge can say which features carried it. It was trained on ECB+ topics 1-35 less the dev
topics, with gold mentions, and its threshold chosen on the dev topics (2, 5, 12, 18, 21, 23,
34, 35) — never on the test topics 36-45 nor on MEANTIME. The training script lives outside
the package: ``python benchmarks/entities/train.py --data ../shared/data`` rewrites it.

The corpus build runs it (``resolve(..., learned=True)``, the default) inside the topics the
resolver finds; two clusters that each hold a different organisation or place name the rules
kept apart are never joined by it, which keeps it from chaining a topic's companies into one.

Features of a mention pair (all in [0, 1] or small counts):

- ``doc_sim``: tf-idf cosine of the two articles' bags of mention words (the same article: 1);
- ``same_type``, ``time_both``, ``time_one``: type agreement, both or one a time expression;
- ``same_head``, ``head_in_other``: same head lemma; one's head among the other's words;
- ``same_text``, ``jaccard``, ``fuzzy``: same normalised text, content-word overlap, string
  similarity;
- ``sent_dist``: log sentence distance inside one article;
- ``plural_agree``, ``pronoun_fits``: number agreement; a pronoun fits the other's type;
- ``salience_min``, ``salience_max``: log sizes of the two rule clusters.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from newsline.names import FAMILY, PRONOUNS, fold, form_of, head_word, lemma, name_key
from newsline.vectors import average_link, cosines, tfidf

# weight of the best pair against the average (single plus average link). ECB+ dev alone
# prefers 0.6 (75.2 CoNLL F1 with gold mentions, 0.2: 74.5 at its best threshold), but its
# topics are 20 articles: on a story of hundreds (T17), the best of many pairs is nearly always
# high, and 0.6 chained whole topics of common nouns into one entity
MIX = 0.2
SUBSTORY = 0.10  # average article similarity that makes one sub-story (chosen on ECB+ train)
BASE = ("bias", "doc_sim", "same_type", "time_both", "time_one", "same_head", "head_in_other",
        "same_text", "jaccard", "fuzzy", "sent_dist", "plural_agree", "pronoun_fits",
        "salience_min", "salience_max", "doc_sim_rel", "head_x_doc", "text_x_doc", "top_name",
        "top_name_block", "cooc", "same_story")
FORMS = ("name", "nominal", "pronoun")
CATEGORIES = tuple(f"{a}-{b}-{where}" for a_i, a in enumerate(FORMS) for b in FORMS[a_i:]
                   for where in ("same-doc", "cross-doc"))
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "from", "by", "with",
         "his", "her", "its", "their", "this", "that", "these", "those", "s", "'s", "as", "into",
         "off", "near", "about", "after", "over", "under", "who", "which", "is", "was"}
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening",
    "night", "week", "weekend", "month", "year", "day", "hour", "minute", "decade", "century",
    "am", "pm", "a.m.", "p.m.", "midnight", "noon", "season", "ago", "earlier", "later", "now",
}


def _content(text: str) -> list[str]:
    return [lemma(w) for w in re.findall(r"[\w'’.-]+", fold(text)) if w not in _STOP]


def _time_like(text: str) -> bool:
    ws = re.findall(r"[\w.]+", fold(text))
    return any(w in _TIME_WORDS or re.fullmatch(r"(1[89]|20)\d\d|\d{1,2}(:\d\d)?", w)
               for w in ws)


@dataclass(slots=True)
class Item:
    """One mention as the model sees it."""

    doc: str
    text: str
    type: str
    sentence: int
    cluster: int  # the rule cluster it belongs to
    story: int = 0  # the sub-story of its article (:func:`substories`)
    family: str = ""  # the family the rules gave it ("American" -> PLACE), else its type's
    form: str = ""  # what the rules took it for (FORMS), else what its text looks like


@dataclass(frozen=True, slots=True)
class PairModel:
    weights: np.ndarray  # (categories, features)
    threshold: float

    @classmethod
    def from_dict(cls, d: dict) -> PairModel:
        w = np.zeros((len(CATEGORIES), len(BASE)))
        for c_i, cat in enumerate(CATEGORIES):
            for f_i, feat in enumerate(BASE):
                w[c_i, f_i] = d["weights"].get(cat, {}).get(feat, 0.0)
        return cls(w, float(d["threshold"]))

    def to_dict(self) -> dict:
        return {"threshold": round(self.threshold, 4), "features": list(BASE),
                "weights": {cat: {f: round(float(self.weights[c, i]), 5)
                                  for i, f in enumerate(BASE)}
                            for c, cat in enumerate(CATEGORIES)}}


@cache
def load() -> PairModel | None:
    try:
        text = resources.files("newsline.data").joinpath("entity_pairs.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    return PairModel.from_dict(json.loads(text))


def _doc_bags(analyses: Sequence) -> list[list[str]]:  # noqa: ANN001 - DocAnalysis
    return [[w for m in a.mentions for w in _content(m.text)] for a in analyses]


def doc_vectors(analyses: Sequence) -> sparse.csr_matrix:  # noqa: ANN001 - DocAnalysis
    """Unit tf-idf rows of the articles' bags of mention words."""
    return tfidf(_doc_bags(analyses))


def substories(analyses: Sequence, threshold: float | None = None) -> list[int]:  # noqa: ANN001
    """Average-link clusters of articles by mention-word similarity: the sub-stories of a block
    (each article's label)."""
    t = SUBSTORY if threshold is None else threshold
    groups = average_link(cosines(doc_vectors(analyses)), t)
    label = [0] * len(analyses)
    for g_i, g in enumerate(groups):
        for i in g:
            label[i] = g_i
    return label


def _form_code(text: str) -> int:
    return FORMS.index(form_of(text))


def _category_table() -> np.ndarray:
    """(form a, form b, same doc) -> category index."""
    table = np.zeros((3, 3, 2), dtype=np.int64)
    for a in range(3):
        for b in range(3):
            lo, hi = sorted((a, b))
            for same in (0, 1):
                where = "same-doc" if same else "cross-doc"
                table[a, b, same] = CATEGORIES.index(f"{FORMS[lo]}-{FORMS[hi]}-{where}")
    return table


_CATS = _category_table()
_PRONOUN_KINDS = ("PERSON", "THING", "GROUP", "RELATIVE", "OTHER")
_FAMS = ("PERSON", "ORG", "PLACE", "NORP", "EVENT", "OTHER")


def _fits_table() -> np.ndarray:
    t = np.zeros((len(_PRONOUN_KINDS), len(_FAMS)))
    for p, want in enumerate(_PRONOUN_KINDS):
        for f, fam in enumerate(_FAMS):
            t[p, f] = (want == "PERSON" and fam == "PERSON") or (
                want == "THING" and fam != "PERSON") or (
                want == "GROUP" and fam in ("ORG", "NORP", "PERSON")) or want == "RELATIVE"
    return t


_FITS = _fits_table()


class _Text(NamedTuple):
    """What the pair features read of one mention text."""

    form: int  # FORMS index
    content: tuple[str, ...]  # content lemmas (the folded text when there are none)
    head: str  # head lemma
    key: str  # name key
    folded: str
    time: bool  # a time expression
    plural: bool
    pronoun: int  # _PRONOUN_KINDS index


@lru_cache(maxsize=1 << 16)  # pure, and a block's texts recur ("he", "the company", "Obama")
def _text(text: str) -> _Text:
    return _Text(_form_code(text), tuple(_content(text) or [fold(text)]),
                 lemma(head_word(text)), name_key(text), fold(text), _time_like(text),
                 _is_plural(text), _PRONOUN_KINDS.index(PRONOUNS.get(text.casefold(), "OTHER")))


@dataclass(slots=True)
class _Block:
    """What the pair features of one block are made of (:func:`_block`): per-item codes,
    the few ``n x n`` tables that are cheaper made whole, and small tables gathered by item
    (``*_rows``: row ``x`` holds, for every item ``j``, the value for a first item whose
    code is ``x``), from which :func:`_rows` makes the features of any rows of pairs."""

    n: int
    doc_of: np.ndarray  # the item's article
    forms: np.ndarray  # FORMS index
    inter: np.ndarray  # (n, n) content words two items share
    sizes: np.ndarray  # content words of each item
    head_in: np.ndarray  # (n, n) one's head lemma among the other's content words
    fuzzy: np.ndarray  # (n, n) string similarity, in percent
    doc_rows: np.ndarray  # by article: the cosine of the two articles' mention words
    rel_rows: np.ndarray  # by article: that similarity relative to the best other article
    hid: np.ndarray  # head lemma index
    key_ids: np.ndarray  # name key index
    type_ids: np.ndarray  # type index
    time: np.ndarray
    sents: np.ndarray
    plural: np.ndarray
    pkind: np.ndarray
    fams: np.ndarray
    fits_rows: np.ndarray  # by pronoun kind: it fits the other's family
    fitted_rows: np.ndarray  # by family: the other, a pronoun, fits it
    sal: np.ndarray
    clusters: np.ndarray
    named: np.ndarray
    td: np.ndarray  # the most mentioned named cluster of the item's type in its article
    tb: np.ndarray  # ... and in the block
    share_rows: np.ndarray  # by head: the share of its articles that hold the other's cluster
    shared_rows: np.ndarray  # by cluster: the share of the other's head's articles holding it
    cat_rows: np.ndarray  # by form: the pair's category, in another article and in the same
    story: np.ndarray


def _codes(values: Sequence[str]) -> np.ndarray:
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) for v in values])


def _block(items: Sequence[Item]) -> _Block:
    n = len(items)
    codes = [_text(it.text) for it in items]
    forms = np.array([FORMS.index(it.form) if it.form else c.form
                      for it, c in zip(items, codes, strict=True)])
    docs = sorted({it.doc for it in items})
    doc_of = np.array([docs.index(it.doc) for it in items])
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, c in enumerate(codes):
        for w in set(c.content):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    tok = np.zeros((n, len(vocab)))
    tok[rows, cols] = 1.0
    # the counts of shared words are whole numbers, exact however they are summed: the sparse
    # product (a mention holds a few words) instead of a dense one over the whole vocabulary
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=tok.shape)
    inter = (incidence @ incidence.T).toarray()
    # article vectors: tf-idf of the mention words of each article
    bags: list[list[str]] = [[] for _ in docs]
    for i, c in enumerate(codes):
        bags[doc_of[i]].extend(c.content)
    ddoc = cosines(tfidf(bags))
    heads = [c.head for c in codes]
    head_ids = np.array([vocab.get(h, -1) for h in heads])
    head_in = np.zeros((n, n), dtype=bool)
    has = head_ids >= 0
    head_in[has] = tok[:, head_ids[has]].T > 0
    head_in = head_in | head_in.T
    hv = {h: k for k, h in enumerate(sorted(set(heads)))}
    hid = np.array([hv[h] for h in heads])
    low = [c.folded for c in codes]
    fuzzy = process.cdist(low, low, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
    types = [it.type for it in items]
    counts = np.bincount([it.cluster for it in items])
    # the article most like this one: similarity relative to the best other article
    away = ddoc.copy()
    np.fill_diagonal(away, 0.0)
    best = np.maximum(away.max(1), 1e-9)
    rel = away / best[:, None]
    rel = np.minimum(rel, rel.T)
    # the most mentioned named rule cluster of a type, in an article and in the block
    clusters = np.array([it.cluster for it in items])
    named = forms == 0
    top_doc: dict[tuple[int, str], int] = {}
    top_block: dict[str, int] = {}
    tally: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    btally: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for i in range(n):
        tally[(int(doc_of[i]), types[i])][int(clusters[i])] += 1
        if named[i]:
            btally[types[i]][int(clusters[i])] += 1
    named_clusters = {int(c) for c in clusters[named]}
    for key, cs in tally.items():
        cand = {c: v for c, v in cs.items() if c in named_clusters}
        if cand:
            top_doc[key] = max(cand, key=lambda c: (cand[c], -c))
    for t, cs in btally.items():
        top_block[t] = max(cs, key=lambda c: (cs[c], -c))
    # how often the other's rule cluster is in the articles that use this head word
    nd = len(docs)
    head_docs = np.zeros((len(hv), nd))
    head_docs[hid[~named], doc_of[~named]] = 1.0
    clus_docs = np.zeros((int(clusters.max()) + 1, nd))
    clus_docs[clusters, doc_of] = 1.0
    share = (head_docs @ clus_docs.T) / np.maximum(head_docs.sum(1, keepdims=True), 1.0)
    fams = np.array([_FAMS.index(FAMILY.get(it.type, "OTHER")) for it in items])
    pkind = np.array([c.pronoun for c in codes])
    return _Block(
        n, doc_of, forms, inter, tok.sum(1), head_in, fuzzy, ddoc[:, doc_of], rel[:, doc_of],
        hid, _codes([c.key for c in codes]), _codes(types), np.array([c.time for c in codes]),
        np.array([it.sentence for it in items]), np.array([c.plural for c in codes]), pkind,
        fams, _FITS[:, fams], _FITS[pkind].T, np.log1p(counts[clusters]), clusters, named,
        np.array([top_doc.get((int(doc_of[i]), types[i]), -1) for i in range(n)]),
        np.array([top_block.get(types[i], -1) for i in range(n)]),
        share[:, clusters], share[hid].T, _CATS[:, forms, :],
        np.array([it.story for it in items]))


def _rows(b: _Block, r: slice | np.ndarray, first: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The features and categories of the pairs (i, j) for the rows ``i`` in ``r`` and the
    columns ``j >= first``: that part of what :func:`features` gives, to the last bit (every
    feature is a function of the two items and the block's tables alone)."""
    c = slice(first, None)
    same_doc = b.doc_of[r, None] == b.doc_of[None, c]
    doc_sim = b.doc_rows[:, c][b.doc_of[r]]
    doc_sim[same_doc] = 1.0
    inter = b.inter[r, c]
    jaccard = inter / np.maximum(b.sizes[r, None] + b.sizes[None, c] - inter, 1.0)
    same_head = b.hid[r, None] == b.hid[None, c]
    same_text = b.key_ids[r, None] == b.key_ids[None, c]
    time_i, time_j = b.time[r, None], b.time[None, c]
    sent_dist = np.where(same_doc, np.log1p(np.abs(b.sents[r, None] - b.sents[None, c])), 0.0)
    is_pro = b.forms == 2
    # i a pronoun fitting j, or j one fitting i
    pronoun_fits = (np.where(is_pro[r, None], b.fits_rows[:, c][b.pkind[r]], 0)
                    + np.where(is_pro[None, c], b.fitted_rows[:, c][b.fams[r]], 0))
    rel = b.rel_rows[:, c][b.doc_of[r]]
    rel[same_doc] = 1.0
    unnamed_i, unnamed_j = ~b.named[r, None], ~b.named[None, c]
    clus_i, clus_j = b.clusters[r, None], b.clusters[None, c]
    f = np.empty((len(BASE), *same_doc.shape))
    f[0] = 1.0
    f[1] = doc_sim
    f[2] = b.type_ids[r, None] == b.type_ids[None, c]
    f[3] = time_i & time_j
    f[4] = time_i ^ time_j
    f[5] = same_head
    f[6] = b.head_in[r, c]
    f[7] = same_text
    f[8] = jaccard
    f[9] = b.fuzzy[r, c] / 100.0
    f[10] = sent_dist
    f[11] = b.plural[r, None] == b.plural[None, c]
    f[12] = np.minimum(pronoun_fits, 1)
    f[13] = np.minimum(b.sal[r, None], b.sal[None, c])
    f[14] = np.maximum(b.sal[r, None], b.sal[None, c])
    f[15] = rel
    f[16] = same_head * doc_sim
    f[17] = same_text * doc_sim
    f[18] = (unnamed_i & (clus_j == b.td[r, None])) | (unnamed_j & (clus_i == b.td[None, c]))
    f[19] = (unnamed_i & (clus_j == b.tb[r, None])) | (unnamed_j & (clus_i == b.tb[None, c]))
    f[20] = np.maximum(np.where(unnamed_i, b.share_rows[:, c][b.hid[r]], 0.0),
                       np.where(unnamed_j, b.shared_rows[:, c][b.clusters[r]], 0.0))
    f[21] = b.story[r, None] == b.story[None, c]
    by_form = b.cat_rows[:, c][b.forms[r]]
    cats = np.where(same_doc, by_form[:, :, 1], by_form[:, :, 0])
    return f, cats


def features(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    """(features, n, n) pair features and (n, n) category indices for the items of one block
    (feature-major: each feature's n x n matrix is contiguous, so filling and scoring them
    stream through memory instead of striding across it)."""
    b = _block(items)
    return _rows(b, slice(0, b.n))


# rows of pairs scored at once: their features (len(BASE) matrices of this many cells) stay
# in the processor's cache instead of going through memory, as a whole block's would
SCORE_CELLS = 1 << 15


def block_scores(model: PairModel, items: Sequence[Item]) -> tuple[np.ndarray, _Block]:
    """:func:`scores` of :func:`features` of ``items``, the same to the last bit, made a few
    rows at a time, each pair once: every feature, and so the score, is the same both ways
    round (i, j and j, i: equalities, minima and maxima, symmetric tables), so a score below
    the diagonal is the one above it; and the block, for the features of the joined pairs."""
    b = _block(items)
    p = np.empty((b.n, b.n))
    step = max(1, SCORE_CELLS // max(b.n, 1))
    for lo in range(0, b.n, step):
        hi = min(lo + step, b.n)
        part = scores(model, *_rows(b, slice(lo, hi), lo))  # rows lo..hi, columns lo..n
        p[lo:, lo:hi] = part.T
        p[lo:hi, lo:] = part  # the pairs inside the rows as made, not turned round
    return p, b


def _is_plural(text: str) -> bool:
    from newsline.corpus.entities import _plural

    return form_of(text) == "nominal" and _plural(text)


def scores(model: PairModel, f: np.ndarray, cats: np.ndarray) -> np.ndarray:
    """The model's probability of every pair: each feature's weight for the pair's category,
    times the feature, summed feature by feature."""
    z = np.zeros(cats.shape)
    for k in range(len(f)):
        z += f[k] * model.weights[:, k].take(cats)
    return 1.0 / (1.0 + np.exp(-z))


def link_weights(items: Sequence[Item]) -> np.ndarray:
    """Which mention pairs count in a cluster average: not a pronoun with another article."""
    pro = np.array([_text(it.text).form == 2 for it in items])
    docs = _codes([it.doc for it in items])
    cross = docs[:, None] != docs[None, :]
    return (~((pro[:, None] | pro[None, :]) & cross)).astype(float)


def _update_column(best_col: np.ndarray, best_val: np.ndarray, alive: np.ndarray,
                   column: Callable[[int], np.ndarray], refresh: Callable[[np.ndarray], None],
                   a: int, b: int) -> None:
    """After clusters ``a`` and ``b`` changed (merged into ``a``, or their link cut): rows
    ``a`` and ``b`` again, and in every other row the entries of columns ``a`` and ``b``; a
    row whose best was one of those columns is scored again in full."""
    if not alive[b]:
        best_val[b] = -1.0
    others = alive.copy()
    others[[a, b]] = False
    col = column(a)
    stale = others & ((best_col == a) | (best_col == b))
    again = np.flatnonzero(stale)
    refresh(np.concatenate(([a, b] if alive[b] else [a], again)).astype(np.int64))
    better = others & ~stale & ((col > best_val) | ((col == best_val) & (a < best_col)))
    best_col[better] = a
    best_val[better] = col[better]


def _cluster_pairs(op: np.ufunc, x: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """(k, k): ``op`` reduced over the entries of ``x`` of each pair of clusters (rows of
    cluster a, columns of cluster b); zero for a cluster with no item."""
    order = np.argsort(labels, kind="stable")
    present, starts = np.unique(labels[order], return_index=True)
    grouped = op.reduceat(op.reduceat(x[order], starts, axis=0)[:, order], starts, axis=1)
    out = np.zeros((k, k))
    out[np.ix_(present, present)] = grouped
    return out


@dataclass(frozen=True, slots=True)
class Join:
    a: int  # an item of one cluster
    b: int  # an item of the other
    score: float  # the clusters' average pair score
    why: str


def explain(model: PairModel, f: np.ndarray, cat: int, top: int = 3) -> str:
    contrib = model.weights[cat] * f
    order = np.argsort(-contrib)
    named = [f"{BASE[k]}" for k in order[:top + 1] if BASE[k] != "bias" and contrib[k] > 0][:top]
    return ", ".join(named)


# words that tell a person's sex, for the one guard that keeps "the first woman" out of a
# man's entity (and "he" out of a woman's); plain English, nothing learnt
_SEX_WORDS = {
    "he": "m", "him": "m", "his": "m", "himself": "m", "man": "m", "boy": "m", "father": "m",
    "husband": "m", "son": "m", "brother": "m", "king": "m", "prince": "m", "actor": "m",
    "businessman": "m", "chairman": "m", "spokesman": "m", "uncle": "m", "nephew": "m",
    "grandfather": "m", "widower": "m", "mr": "m", "mr.": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f", "woman": "f", "girl": "f",
    "mother": "f", "wife": "f", "daughter": "f", "sister": "f", "queen": "f", "princess": "f",
    "actress": "f", "businesswoman": "f", "chairwoman": "f", "spokeswoman": "f", "aunt": "f",
    "niece": "f", "grandmother": "f", "widow": "f", "lady": "f", "mrs": "f", "mrs.": "f",
    "ms": "f", "ms.": "f",
}


def sex_of(text: str) -> str | None:
    """"m" or "f" when a pronoun or a common noun's head word says so ("he", "the first
    woman"), else None; a name says nothing (its title may: "Mrs Clinton")."""
    words = text.casefold().split()
    if not words:
        return None
    if len(words) == 1 and words[0] in _SEX_WORDS:
        return _SEX_WORDS[words[0]]
    if words[0] in ("mr", "mr.", "mrs", "mrs.", "ms", "ms."):
        return _SEX_WORDS[words[0]]
    if form_of(text) == "nominal":
        return _SEX_WORDS.get(words[-1])
    return None


def agglomerate(items: Sequence[Item], model: PairModel,
                person_names: Sequence[frozenset[str]] | None = None,
                avoid: Sequence[frozenset[str]] | None = None,
                families: Sequence[frozenset[str]] | None = None,
                sexes: Sequence[frozenset[str]] | None = None) -> list[Join]:
    """Merges of the rule clusters of ``items`` (one block), best first, by a mix of the
    average and the best pair score of two clusters.

    ``person_names[c]``: the full person names in rule cluster ``c``; two clusters with
    different such names never join, nor a cluster with a name in ``avoid[c]`` (the full names
    the rules found a short name ambiguous between). ``families[c]``: the families of the
    names in cluster ``c``; two clusters whose names share no family never join (a chain of
    common nouns never makes one entity of a person, a company and a country). Two clusters
    that both hold common nouns, none with the same head lemma, join only when they share a
    full name, or one is a common noun of a single article that names the other ("the star"
    in an article about Tara Reid, whose cluster holds "the actress" of another): "people"
    never joins "soldiers", and "the report" of an article that never names the rig never
    joins the rig that "oil" joined. A cluster with a full person name never takes a plural
    common noun ("people" are not Hosni Mubarak), and a cluster that a pronoun or noun tells
    is a man never joins one told a woman ("the first woman" is not Barack Obama; ``sexes[c]``
    adds what cluster ``c``'s mentions outside the block say, :func:`sex_of`). Two names
    in one article, or of two families (the country, its people), are the rules' business:
    the model never joins them.
    """
    n = len(items)
    if n < 2:
        return []
    p, block = block_scores(model, items)
    w = link_weights(items)
    # a common noun or pronoun never joins one in an article of another sub-story
    story = block.story
    forms = block.forms
    apart = (story[:, None] != story[None, :]) & ((forms[:, None] > 0) | (forms[None, :] > 0))
    docs = block.doc_of
    fam = _codes([it.family or FAMILY.get(it.type, "OTHER") for it in items])
    apart |= (forms[:, None] == 0) & (forms[None, :] == 0) & (
        (docs[:, None] == docs[None, :]) | (fam[:, None] != fam[None, :]))
    p = np.where(apart, 0.0, p)
    labels = np.array([it.cluster for it in items])
    k = int(labels.max()) + 1
    member = np.zeros((n, k))
    member[np.arange(n), labels] = 1.0
    pw = p * w
    s = member.T @ pw @ member
    cnt = _cluster_pairs(np.add, w, labels, k)  # whole numbers: exact in any order
    mx = np.maximum(_cluster_pairs(np.maximum, pw, labels, k), 0.0)
    mix = MIX
    np.fill_diagonal(cnt, 0.0)
    names: list[set[str]] = [set(person_names[c]) if person_names else set() for c in range(k)]
    shun: list[set[str]] = [set(avoid[c]) if avoid else set() for c in range(k)]
    kinds: list[set[str]] = [set(families[c]) if families else set() for c in range(k)]
    heads: list[set[int]] = [set() for _ in range(k)]  # the head lemmas of its common nouns
    for i in np.flatnonzero(forms == 1).tolist():
        heads[int(labels[i])].add(int(block.hid[i]))
    many = np.zeros(k, dtype=bool)  # it holds a plural common noun ("people", "the two")
    many[labels[(forms == 1) & block.plural]] = True
    person = np.array([any(":" not in x for x in names[c]) for c in range(k)])  # a full name
    # "he" / "the woman": what its mentions, here and (``sexes``) elsewhere, say it is
    sex: list[set[str]] = [set(sexes[c]) if sexes else set() for c in range(k)]
    for i, it in enumerate(items):
        said = sex_of(it.text)
        if said:
            sex[int(labels[i])].add(said)
    spans: list[set[int]] = [set() for _ in range(k)]  # the articles of its mentions
    named_in: list[set[int]] = [set() for _ in range(k)]  # ... and of its name mentions
    for i in range(n):
        spans[int(labels[i])].add(int(docs[i]))
        if forms[i] == 0:
            named_in[int(labels[i])].add(int(docs[i]))

    def local(x: int, y: int) -> bool:
        """Cluster ``x`` has no name and lies in one article, where ``y`` is named: "the
        star" of an article about Tara Reid."""
        return not named_in[x] and len(spans[x]) == 1 and spans[x] <= named_in[y]
    alive = np.ones(k, dtype=bool)
    rep: dict[int, list[int]] = {c: [] for c in range(k)}
    for i in range(n):
        rep[int(labels[i])].append(i)

    def rows(r: np.ndarray) -> np.ndarray:
        """Rows ``r`` of the clusters' link scores (-1 where there is no link)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(cnt[r] > 0, (1 - mix) * s[r] / np.maximum(cnt[r], 1e-12) + mix * mx[r],
                         -1.0)
        v[:, ~alive] = -1.0
        v[np.arange(len(r)), r] = -1.0
        return v

    # the best link of each row, kept up to date after each merge, so a merge costs O(k)
    # instead of scoring all k x k pairs again; ties go to the first row and column, as an
    # argmax over the whole matrix would
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(cnt > 0, (1 - mix) * s / np.maximum(cnt, 1e-12) + mix * mx, -1.0)
    np.fill_diagonal(avg, -1.0)
    best_col = np.argmax(avg, axis=1)
    best_val = avg[np.arange(k), best_col]
    pairs: list[tuple[int, int, float]] = []  # the joins: an item of each cluster, the score

    def column(c: int) -> np.ndarray:
        """Column ``c`` of the link scores, as :func:`rows` makes them."""
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(cnt[:, c] > 0,
                         (1 - mix) * s[:, c] / np.maximum(cnt[:, c], 1e-12) + mix * mx[:, c],
                         -1.0)
        v[~alive] = -1.0
        v[c] = -1.0
        return v

    def refresh(r: np.ndarray) -> None:
        """Rows ``r`` scored again in full, and the best of each (its first)."""
        v = rows(r)
        c = np.argmax(v, axis=1)
        best_col[r] = c
        best_val[r] = v[np.arange(len(r)), c]

    while True:
        vals = np.where(alive, best_val, -1.0)
        a = int(np.argmax(vals))
        b = int(best_col[a])
        best = float(vals[a])
        if best < model.threshold:
            break
        if (names[a] and names[b] and not (names[a] & names[b])) or (
                names[a] & shun[b] or names[b] & shun[a]) or (
                kinds[a] and kinds[b] and not (kinds[a] & kinds[b])) or (
                heads[a] and heads[b] and not (heads[a] & heads[b]) and not (names[a] & names[b])
                and not (local(a, b) or local(b, a))) or (
                person[a] and many[b] or person[b] and many[a]) or (
                len({x[-1] for x in sex[a] | sex[b]}) > 1):
            s[a, b] = s[b, a] = 0.0
            cnt[a, b] = cnt[b, a] = 0.0
            mx[a, b] = mx[b, a] = 0.0
            _update_column(best_col, best_val, alive, column, refresh, a, b)
            continue
        ia, ib = rep[a], rep[b]
        sub = pw[np.ix_(ia, ib)]
        x, y = divmod(int(np.argmax(sub)), len(ib))
        i, j = ia[x], ib[y]
        pairs.append((i, j, best))
        s[a] += s[b]
        s[:, a] += s[:, b]
        cnt[a] += cnt[b]
        cnt[:, a] += cnt[:, b]
        mx[a] = np.maximum(mx[a], mx[b])
        mx[:, a] = np.maximum(mx[:, a], mx[:, b])
        s[a, a] = cnt[a, a] = mx[a, a] = 0.0
        alive[b] = False
        names[a] |= names[b]
        shun[a] |= shun[b]
        kinds[a] |= kinds[b]
        heads[a] |= heads[b]
        many[a] |= many[b]
        person[a] |= person[b]
        sex[a] |= sex[b]
        spans[a] |= spans[b]
        named_in[a] |= named_in[b]
        rep[a] = ia + ib
        _update_column(best_col, best_val, alive, column, refresh, a, b)
    return _explained(model, block, pairs)


def _explained(model: PairModel, block: _Block, pairs: list[tuple[int, int, float]]
               ) -> list[Join]:
    """The joins, each with the features that carried its pair, made for the joined rows
    only, a few rows at a time."""
    rows = np.unique([i for i, _, _ in pairs]).astype(np.int64)
    where = {int(i): k for k, i in enumerate(rows)}
    step = max(1, SCORE_CELLS // max(block.n, 1))
    chunks = [_rows(block, rows[s:s + step]) for s in range(0, len(rows), step)]
    joins = []
    for i, j, score in pairs:
        f, cats = chunks[where[i] // step]
        k = where[i] % step
        joins.append(Join(i, j, score, explain(model, f[:, k, j], int(cats[k, j]))))
    return joins
