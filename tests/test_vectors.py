"""The shared vectors layer: tf-idf, average link and the logistic fit, checked against
definitions written out here the slow way."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from newsline.vectors import average_link, cosine, cosines, fit_logistic, tfidf


def _naive_average_link(sim: np.ndarray, threshold: float) -> list[list[int]]:
    clusters = [[i] for i in range(len(sim))]
    while len(clusters) > 1:
        best, pair = -math.inf, None
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                m = np.mean([sim[i, j] for i in clusters[a] for j in clusters[b]])
                if m > best:
                    best, pair = m, (a, b)
        if best < threshold or pair is None:
            break
        a, b = pair
        clusters[a] = sorted(clusters[a] + clusters.pop(b))
    return sorted(clusters, key=lambda c: c[0])


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.integers(0, 10_000), st.sampled_from([0.2, 0.5, 0.8]))
def test_average_link_is_mean_linkage_with_a_stop(n: int, seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    m = rng.random((n, n)).round(3) + rng.random((n, n)) * 1e-6  # no ties
    sim = (m + m.T) / 2
    assert average_link(sim, threshold) == _naive_average_link(sim, threshold)


def test_average_link_small_cases() -> None:
    assert average_link(np.zeros((0, 0)), 0.5) == []
    assert average_link(np.ones((1, 1)), 0.5) == [[0]]
    sim = np.array([[1, 0.9, 0], [0.9, 1, 0.1], [0, 0.1, 1]])
    assert average_link(sim, 0.5) == [[0, 1], [2]]
    assert average_link(sim, 0.01) == [[0, 1, 2]]


def test_tfidf_rows_are_unit_and_rare_terms_weigh_more() -> None:
    rows = tfidf([{"a": 2, "rare": 1}, ["a", "b"], ["a", "b", "b"], []])
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    assert norms[:3] == pytest.approx([1, 1, 1])
    assert norms[3] == 0
    sim = cosines(rows)
    assert sim[1, 2] > sim[0, 1]  # b is shared by 1 and 2
    assert sim[0, 0] == pytest.approx(1)


def test_cosine_of_sparse_dicts() -> None:
    assert cosine({"a": 0.6, "b": 0.8}, {"b": 1.0}) == pytest.approx(0.8)
    assert cosine({}, {"a": 1.0}) == 0


def test_fit_logistic_sets_the_penalised_gradient_to_zero() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 3))
    y = (x @ np.array([1.5, -2.0, 0.0]) + rng.normal(size=300) > 0.3).astype(float)
    w, b = fit_logistic(x, y, l2=2.0)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    grad = x.T @ (p - y) + 2.0 * w
    assert np.abs(grad).max() < 1e-3
    assert abs(float((p - y).sum())) < 1e-3  # the intercept is not penalised
    w0, b0 = fit_logistic(x, y, l2=2.0, intercept=False)
    assert b0 == 0.0 and w0.shape == (3,)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 5), max_size=6),
                min_size=1, max_size=12), st.booleans())
def test_tfidf_is_scikit_learns_to_the_last_bit(bags: list[dict[str, int]],
                                                 sublinear: bool) -> None:
    """The weighting is written out for speed; it must be the library's, bit for bit."""
    ours = tfidf(bags, sublinear=sublinear).toarray()
    if not any(bags):
        assert not ours.any()
        return
    counts = DictVectorizer(sort=True).fit_transform(bags)
    theirs = TfidfTransformer(sublinear_tf=sublinear, smooth_idf=True,
                              norm="l2").fit_transform(counts).toarray()
    assert ours.shape == theirs.shape
    assert (ours == theirs).all()


@settings(max_examples=100, deadline=None)
@given(st.floats(-2.0, 3.0), st.floats(0.0, 1.0))
def test_average_link_of_one_pair_is_scipys(sim01: float, threshold: float) -> None:
    """Two items are settled without scipy; the answer must be what linkage and fcluster give
    (the short cut is only taken for them)."""
    sim = np.array([[1.0, sim01], [sim01, 1.0]])
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    shift = max(0.0, -float(dist.min()))
    labels = fcluster(linkage([dist[0, 1] + shift], method="average"),
                      t=1.0 - threshold + shift + 1e-12, criterion="distance")
    expected = [[0, 1]] if labels[0] == labels[1] else [[0], [1]]
    assert average_link(sim, threshold) == expected
