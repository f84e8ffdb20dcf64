"""L2-regularised logistic regression by Newton's method, in numpy.

The learned scorers of the build (entity pairs, event-mention pairs, document pairs, timeline
days) are small logistic regressions over a few dozen hand-made features; scikit-learn is not a
dependency, and this is all they need from it. One implementation serves them all.
"""

from __future__ import annotations

import numpy as np


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(z-scores, feature means, feature scales); a constant feature keeps scale 1."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return (x - mean) / scale, mean, scale


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Sample weights that give both classes the same total weight (scikit-learn's
    ``class_weight="balanced"``)."""
    n = len(y)
    pos = max(float(y.sum()), 1.0)
    neg = max(n - float(y.sum()), 1.0)
    return np.where(y > 0, n / (2 * pos), n / (2 * neg))


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 1.0, *, intercept: bool = True,
    sample_weight: np.ndarray | None = None, iterations: int = 50, tol: float = 1e-8,
) -> tuple[np.ndarray, float]:
    """Weights and intercept (0.0 without one) minimising the weighted log loss plus
    ``l2 / 2 * |w|^2``; the intercept is not penalised."""
    n, k = x.shape
    sw = np.ones(n) if sample_weight is None else sample_weight
    xa = np.hstack([x, np.ones((n, 1))]) if intercept else x
    w = np.zeros(xa.shape[1])
    reg = np.full(xa.shape[1], float(l2))
    if intercept:
        reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xa @ w, -30, 30)))
        grad = xa.T @ (sw * (p - y)) + reg * w
        hess = (xa * (sw * p * (1 - p))[:, None]).T @ xa + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < tol:
            break
    return (w[:-1], float(w[-1])) if intercept else (w, 0.0)
