"""The name-variant suite: the resolver's "same entity" decisions against the labels."""

from __future__ import annotations

from newsline.eval.entities import load_variants, variant_scores
from newsline.knowledge import Knowledge

PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95


def test_suite_is_well_formed() -> None:
    items = load_variants()
    assert len(items) >= 200
    assert {"a", "b", "same"} <= set(items[0])
    assert sum(1 for it in items if not it["same"]) >= 50
    for it in items:
        for side in ("a", "b"):
            ctx = it.get(f"{side}_context")
            if ctx:
                assert f"[{it[side]}]" in ctx


def test_precision_and_recall_floors() -> None:
    scores = variant_scores(load_variants(), Knowledge.load())
    assert scores["precision"] >= PRECISION_FLOOR, scores["errors"]
    assert scores["recall"] >= RECALL_FLOOR, scores["errors"]
