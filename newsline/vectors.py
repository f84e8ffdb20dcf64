"""Sparse term vectors, shared by story clustering, event coreference and summarisation."""

from __future__ import annotations


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length sparse vectors: their dot product, over the shorter one."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())
