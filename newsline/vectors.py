"""Text vectors, similarities, clustering and the small learned scorers: the one copy of each.

Story clustering, event coreference, document clustering, summaries and the learned pair
scorers all need the same few things; they come from scikit-learn and scipy (tested, fast,
sparse) rather than being rewritten per stage:

- :func:`tfidf`: unit-length tf-idf rows of bags of terms (scikit-learn's ``TfidfTransformer``
  weighting, sublinear tf and smoothed idf, of the sorted count matrix ``DictVectorizer`` would
  make; both computed directly, to the same bits, since the build weighs thousands of small
  blocks where the library's input checks cost more than the work);
- :func:`cosines`: the cosine of every pair of rows (their dot products, rows being unit);
- :func:`average_link`: agglomerative clustering by mean similarity with a stopping
  threshold (scipy's ``linkage(method="average")`` cut by ``fcluster``);
- :func:`fit_logistic`: L2-regularised logistic regression (scikit-learn's
  ``LogisticRegression``), with :func:`standardise` and :func:`balanced_weights`;
- :func:`cosine`: the cosine of two sparse dict vectors, for the incremental cases (a story's
  running centroid) where a matrix would be rebuilt on every step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

Bag = Mapping[str, float] | Iterable[str]


def _as_dict(bag: Bag) -> dict[str, float]:
    if isinstance(bag, Mapping):
        return {str(k): float(v) for k, v in bag.items() if v}
    out: dict[str, float] = {}
    for term in bag:
        out[term] = out.get(term, 0.0) + 1.0
    return out


def tfidf(bags: Sequence[Bag], *, sublinear: bool = True) -> sparse.csr_matrix:
    """Unit-length tf-idf rows, one per bag (a term -> count mapping, or an iterable of terms).

    ``idf = ln((1 + n) / (1 + df)) + 1`` (smoothed, as scikit-learn defines it) and, with
    ``sublinear``, ``tf = 1 + ln(count)``. An empty bag is a row of zeros."""
    dicts = [_as_dict(b) for b in bags]
    if not dicts:
        return sparse.csr_matrix((0, 0))
    # the count matrix with sorted columns, as DictVectorizer(sort=True) makes it, built
    # directly: the build calls this for thousands of small blocks, where the vectorizer's
    # own checks cost more than the counting
    vocab = {t: i for i, t in enumerate(sorted({t for d in dicts for t in d}))}
    if not vocab:
        return sparse.csr_matrix((len(dicts), 0))
    indptr, indices, values = [0], [], []
    for d in dicts:
        for term in sorted(d, key=vocab.__getitem__):
            indices.append(vocab[term])
            values.append(d[term])
        indptr.append(len(indices))
    counts = sparse.csr_matrix((np.array(values, dtype=float), np.array(indices, dtype=np.int32),
                                np.array(indptr, dtype=np.int32)),
                               shape=(len(dicts), len(vocab)))
    return _weigh(counts, sublinear)


def _weigh(x: sparse.csr_matrix, sublinear: bool) -> sparse.csr_matrix:
    """scikit-learn's ``TfidfTransformer(sublinear_tf=sublinear, smooth_idf=True,
    norm="l2").fit_transform(x)``, in place and with its very operations, so that the values
    are the same to the last bit; without the transformer's input checks, which cost more than
    the weighting on the thousands of small blocks the build weighs."""
    n = x.shape[0]
    df = np.bincount(x.indices, minlength=x.shape[1]).astype(float)
    df += 1.0
    idf = np.full_like(df, fill_value=n + 1, dtype=float)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    data = x.data
    if sublinear:
        np.log(data, data)
        data += 1.0
    data *= idf[x.indices]
    # each row's sum of squares added up in order, as scikit-learn's
    # inplace_csr_row_normalize_l2 does (numpy's pairwise sum would differ in the last bit):
    # scipy's sparse matrix-vector product sums each row in order, and a matrix whose row r
    # holds row r's values, each in a column of its own, times the values is those sums
    nnz = len(data)
    squares = sparse.csr_matrix((data, np.arange(nnz, dtype=np.int32), x.indptr),
                                shape=(n, nnz)) @ data
    norms = np.sqrt(squares)
    norms[squares == 0.0] = 1.0  # an empty row stays a row of zeros
    data /= np.repeat(norms, np.diff(x.indptr))
    return x


def cosines(rows: sparse.spmatrix | np.ndarray, other: sparse.spmatrix | np.ndarray | None = None
            ) -> np.ndarray:
    """Dense matrix of cosines between unit-length rows (of ``rows`` and ``other``)."""
    b = rows if other is None else other
    prod = rows @ b.T
    return np.asarray(prod.toarray() if sparse.issparse(prod) else prod, dtype=float)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length sparse vectors: their dot product, over the shorter one."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def average_link(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering of ``len(sim)`` items on a symmetric similarity matrix:
    clusters are merged by highest mean pairwise similarity while it is at least
    ``threshold``. Returns lists of row indices, each sorted, ordered by their first item."""
    n = len(sim)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    s = np.asarray(sim, dtype=float)
    dist = 1.0 - (s + s.T) / 2.0
    np.fill_diagonal(dist, 0.0)
    # a similarity above 1 (a bonus) is still a distance of at least 0: clip, keep the order
    lo = float(dist.min())
    shift = -lo if lo < 0 else 0.0
    # merges at mean similarity >= threshold are mean distances <= 1 - threshold
    cut = 1.0 - threshold + shift + 1e-12
    if n == 2 and np.isfinite(dist).all():
        # one pair, as linkage and fcluster settle it (the merge height is the distance, kept
        # when at most the cut) without their checks, which cost more than the clustering on
        # the thousands of two-mention blocks of a build
        return [[0, 1]] if dist[0, 1] + shift <= cut else [[0], [1]]
    tree = linkage(squareform(dist + shift, checks=False), method="average")
    labels = fcluster(tree, t=cut, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(z-scores, feature means, feature scales); a constant feature keeps scale 1."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return (x - mean) / scale, mean, scale


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Sample weights that give both classes the same total weight."""
    from sklearn.utils.class_weight import compute_sample_weight

    if len(np.unique(y)) < 2:
        return np.ones(len(y))
    return np.asarray(compute_sample_weight("balanced", y), dtype=float)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, *, intercept: bool = True,
    sample_weight: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """Weights and intercept (0.0 without one) minimising the weighted log loss plus
    ``l2 / 2 * |w|^2`` (scikit-learn's ``C = 1 / l2``); the intercept is not penalised."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0 / max(l2, 1e-12), fit_intercept=intercept,
                               solver="lbfgs", max_iter=2000, tol=1e-8)
    model.fit(x, (np.asarray(y) > 0).astype(int), sample_weight=sample_weight)
    bias = float(model.intercept_[0]) if intercept else 0.0
    return np.asarray(model.coef_[0], dtype=float), bias


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))
