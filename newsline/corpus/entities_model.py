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
from functools import cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from newsline.names import FAMILY, PRONOUNS, fold, form_of, head_word, lemma, name_key
from newsline.vectors import average_link, cosines, tfidf

MIX = 0.6  # weight of the best pair against the average (single plus average link; dev)
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


def features(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    """(features, n, n) pair features and (n, n) category indices for the items of one block
    (feature-major: each feature's n x n matrix is contiguous, so filling and scoring them
    stream through memory instead of striding across it)."""
    n = len(items)
    texts = [it.text for it in items]
    forms = np.array([_form_code(t) for t in texts])
    docs = sorted({it.doc for it in items})
    doc_of = np.array([docs.index(it.doc) for it in items])
    same_doc = doc_of[:, None] == doc_of[None, :]
    vocab: dict[str, int] = {}
    content = [_content(t) or [fold(t)] for t in texts]
    rows, cols = [], []
    for i, ws in enumerate(content):
        for w in set(ws):
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    tok = np.zeros((n, len(vocab)))
    tok[rows, cols] = 1.0
    # article vectors: tf-idf of the mention words of each article
    bags: list[list[str]] = [[] for _ in docs]
    for i, ws in enumerate(content):
        bags[doc_of[i]].extend(ws)
    ddoc = cosines(tfidf(bags))
    doc_sim = ddoc[doc_of[:, None], doc_of[None, :]].copy()
    doc_sim[same_doc] = 1.0
    inter = tok @ tok.T
    sizes = tok.sum(1)
    jaccard = inter / np.maximum(sizes[:, None] + sizes[None, :] - inter, 1.0)
    heads = [lemma(head_word(t)) for t in texts]
    head_ids = np.array([vocab.get(h, -1) for h in heads])
    hv = {h: k for k, h in enumerate(sorted(set(heads)))}
    hid = np.array([hv[h] for h in heads])
    same_head = hid[:, None] == hid[None, :]
    head_in = np.zeros((n, n), dtype=bool)
    has = head_ids >= 0
    head_in[has] = tok[:, head_ids[has]].T > 0
    head_in = head_in | head_in.T
    keys = [name_key(t) for t in texts]
    kid = {k: i for i, k in enumerate(sorted(set(keys)))}
    key_ids = np.array([kid[k] for k in keys])
    same_text = key_ids[:, None] == key_ids[None, :]
    low = [fold(t) for t in texts]
    fuzzy = process.cdist(low, low, scorer=fuzz.ratio, dtype=np.uint8, workers=1) / 100.0
    types = np.array([it.type for it in items])
    same_type = types[:, None] == types[None, :]
    time = np.array([_time_like(t) for t in texts])
    sents = np.array([it.sentence for it in items])
    sent_dist = np.where(same_doc, np.log1p(np.abs(sents[:, None] - sents[None, :])), 0.0)
    plural = np.array([_is_plural(t) for t in texts])
    plural_agree = plural[:, None] == plural[None, :]
    fams = np.array([_FAMS.index(FAMILY.get(it.type, "OTHER")) for it in items])
    pkind = np.array([_PRONOUN_KINDS.index(PRONOUNS.get(t.casefold(), "OTHER")) for t in texts])
    fits = _FITS[pkind[:, None], fams[None, :]]  # i a pronoun fitting j
    is_pro = forms == 2
    pronoun_fits = np.where(is_pro[:, None], fits, 0) + np.where(is_pro[None, :], fits.T, 0)
    counts = np.bincount([it.cluster for it in items])
    sal = np.log1p(counts[[it.cluster for it in items]])
    f = np.zeros((len(BASE), n, n))
    f[0] = 1.0
    f[1] = doc_sim
    f[2] = same_type
    f[3] = time[:, None] & time[None, :]
    f[4] = time[:, None] ^ time[None, :]
    f[5] = same_head
    f[6] = head_in
    f[7] = same_text
    f[8] = jaccard
    f[9] = fuzzy
    f[10] = sent_dist
    f[11] = plural_agree
    f[12] = np.minimum(pronoun_fits, 1)
    f[13] = np.minimum(sal[:, None], sal[None, :])
    f[14] = np.maximum(sal[:, None], sal[None, :])
    # the article most like this one: similarity relative to the best other article
    np.fill_diagonal(ddoc, 0.0)
    best = np.maximum(ddoc.max(1), 1e-9)
    rel = ddoc / best[:, None]
    rel = np.minimum(rel, rel.T)[doc_of[:, None], doc_of[None, :]]
    rel[same_doc] = 1.0
    f[15] = rel
    f[16] = same_head * doc_sim
    f[17] = same_text * doc_sim
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
    td = np.array([top_doc.get((int(doc_of[i]), types[i]), -1) for i in range(n)])
    tb = np.array([top_block.get(types[i], -1) for i in range(n)])
    f[18] = ((~named[:, None]) & (clusters[None, :] == td[:, None])) | (
        (~named[None, :]) & (clusters[:, None] == td[None, :]))
    # how often the other's rule cluster is in the articles that use this head word
    nd = len(docs)
    head_docs = np.zeros((len(hv), nd))
    head_docs[hid[~named], doc_of[~named]] = 1.0
    clus_docs = np.zeros((int(clusters.max()) + 1, nd))
    clus_docs[clusters, doc_of] = 1.0
    share = (head_docs @ clus_docs.T) / np.maximum(head_docs.sum(1, keepdims=True), 1.0)
    co = np.where((~named)[:, None], share[hid[:, None], clusters[None, :]], 0.0)
    f[20] = np.maximum(co, co.T)
    story = np.array([it.story for it in items])
    f[21] = story[:, None] == story[None, :]
    f[19] = ((~named[:, None]) & (clusters[None, :] == tb[:, None])) | (
        (~named[None, :]) & (clusters[:, None] == tb[None, :]))
    cats = _CATS[forms[:, None], forms[None, :], same_doc.astype(np.int64)]
    return f, cats


def _is_plural(text: str) -> bool:
    from newsline.corpus.entities import _plural

    return form_of(text) == "nominal" and _plural(text)


def scores(model: PairModel, f: np.ndarray, cats: np.ndarray) -> np.ndarray:
    """The model's probability of every pair: each feature's weight for the pair's category,
    times the feature, summed feature by feature."""
    z = np.zeros(cats.shape)
    for k in range(len(f)):
        z += f[k] * model.weights[:, k][cats]
    return 1.0 / (1.0 + np.exp(-z))


def link_weights(items: Sequence[Item]) -> np.ndarray:
    """Which mention pairs count in a cluster average: not a pronoun with another article."""
    pro = np.array([form_of(it.text) == "pronoun" for it in items])
    docs = np.array([it.doc for it in items])
    cross = docs[:, None] != docs[None, :]
    return (~((pro[:, None] | pro[None, :]) & cross)).astype(float)


def _update_column(avg: np.ndarray, best_col: np.ndarray, best_val: np.ndarray,
                   alive: np.ndarray, column: Callable[[int], np.ndarray],
                   refresh: Callable[[int], None], a: int, b: int) -> None:
    """After clusters ``a`` and ``b`` changed (merged into ``a``, or their link cut): rows
    ``a`` and ``b`` again, and in every other row the entries of columns ``a`` and ``b``; a
    row whose best was one of those columns is scored again in full."""
    refresh(a)
    if alive[b]:
        refresh(b)
    else:
        avg[b] = -1.0
        best_val[b] = -1.0
        avg[:, b] = -1.0
    others = alive.copy()
    others[[a, b]] = False
    col = column(a)
    avg[others, a] = col[others]
    stale = others & ((best_col == a) | (best_col == b))
    for r in np.flatnonzero(stale):
        refresh(int(r))
    better = others & ~stale & ((col > best_val) | ((col == best_val) & (a < best_col)))
    best_col[better] = a
    best_val[better] = col[better]


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


def agglomerate(items: Sequence[Item], model: PairModel,
                person_names: Sequence[frozenset[str]] | None = None,
                avoid: Sequence[frozenset[str]] | None = None) -> list[Join]:
    """Merges of the rule clusters of ``items`` (one block), best first, by a mix of the
    average and the best pair score of two clusters.

    ``person_names[c]``: the full person names in rule cluster ``c``; two clusters with
    different such names never join, nor a cluster with a name in ``avoid[c]`` (the full names
    the rules found a short name ambiguous between). Two names in one article, or of two
    families (the country, its people), are the rules' business: the model never joins them.
    """
    n = len(items)
    if n < 2:
        return []
    f, cats = features(items)
    p = scores(model, f, cats)
    w = link_weights(items)
    # a common noun or pronoun never joins one in an article of another sub-story
    story = np.array([it.story for it in items])
    forms = np.array([_form_code(it.text) for it in items])
    apart = (story[:, None] != story[None, :]) & ((forms[:, None] > 0) | (forms[None, :] > 0))
    docs = np.array([it.doc for it in items])
    fam = np.array([it.family or FAMILY.get(it.type, "OTHER") for it in items])
    apart |= (forms[:, None] == 0) & (forms[None, :] == 0) & (
        (docs[:, None] == docs[None, :]) | (fam[:, None] != fam[None, :]))
    p = np.where(apart, 0.0, p)
    labels = np.array([it.cluster for it in items])
    k = int(labels.max()) + 1
    member = np.zeros((n, k))
    member[np.arange(n), labels] = 1.0
    s = member.T @ (p * w) @ member
    cnt = member.T @ w @ member
    pw = p * w
    mx = np.zeros((k, k))
    np.maximum.at(mx, (labels[:, None].repeat(n, 1), labels[None, :].repeat(n, 0)), pw)
    mix = MIX
    np.fill_diagonal(cnt, 0.0)
    names: list[set[str]] = [set(person_names[c]) if person_names else set() for c in range(k)]
    shun: list[set[str]] = [set(avoid[c]) if avoid else set() for c in range(k)]
    alive = np.ones(k, dtype=bool)
    rep: dict[int, list[int]] = {c: [] for c in range(k)}
    for i in range(n):
        rep[int(labels[i])].append(i)

    def row(r: int) -> np.ndarray:
        """Row ``r`` of the clusters' link scores (-1 where there is no link)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(cnt[r] > 0, (1 - mix) * s[r] / np.maximum(cnt[r], 1e-12) + mix * mx[r],
                         -1.0)
        v[~alive] = -1.0
        v[r] = -1.0
        return v

    # the best link of each row, kept up to date after each merge, so a merge costs O(k)
    # instead of scoring all k x k pairs again; ties go to the first row and column, as an
    # argmax over the whole matrix would
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(cnt > 0, (1 - mix) * s / np.maximum(cnt, 1e-12) + mix * mx, -1.0)
    np.fill_diagonal(avg, -1.0)
    best_col = np.argmax(avg, axis=1)
    best_val = avg[np.arange(k), best_col]
    joins: list[Join] = []

    def column(c: int) -> np.ndarray:
        """Column ``c`` of the link scores, as :func:`row` makes them."""
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.where(cnt[:, c] > 0,
                         (1 - mix) * s[:, c] / np.maximum(cnt[:, c], 1e-12) + mix * mx[:, c],
                         -1.0)
        v[~alive] = -1.0
        v[c] = -1.0
        return v

    def refresh(r: int) -> None:
        v = row(r)
        c = int(np.argmax(v))
        best_col[r], best_val[r] = c, v[c]
        avg[r] = v

    while True:
        vals = np.where(alive, best_val, -1.0)
        a = int(np.argmax(vals))
        b = int(best_col[a])
        best = float(vals[a])
        if best < model.threshold:
            break
        if (names[a] and names[b] and not (names[a] & names[b])) or (
                names[a] & shun[b] or names[b] & shun[a]):
            s[a, b] = s[b, a] = 0.0
            cnt[a, b] = cnt[b, a] = 0.0
            mx[a, b] = mx[b, a] = 0.0
            _update_column(avg, best_col, best_val, alive, column, refresh, a, b)
            continue
        ia, ib = rep[a], rep[b]
        sub = pw[np.ix_(ia, ib)]
        x, y = divmod(int(np.argmax(sub)), len(ib))
        i, j = ia[x], ib[y]
        joins.append(Join(i, j, best, explain(model, f[:, i, j], int(cats[i, j]))))
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
        rep[a] = ia + ib
        _update_column(avg, best_col, best_val, alive, column, refresh, a, b)
    return joins
