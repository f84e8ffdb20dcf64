"""The name-variant suite: the build's "same entity" decisions on short generated articles,
and the resolver alone on the bare strings (a component figure)."""

from __future__ import annotations

import pytest

from newsline.eval.entities import (
    load_variants,
    product_variant_decisions,
    product_variant_scores,
    variant_article,
    variant_scores,
)
from newsline.knowledge import Knowledge

# the build's merges on the generated articles; the goal is 0.95 each (issue 11): recall
# measured 0.9075, the NER's splits and labels cost most of the gap
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.94


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


def test_generated_articles_hold_the_name_where_they_say() -> None:
    for it in load_variants()[:40]:
        for side, which in enumerate("ab"):
            text, (start, end) = variant_article(it[which], it.get(f"{which}_context"),
                                                 it.get("type", "PERSON"), side)
            assert text[start:end] == it[which]
            assert text.count(".") >= 2  # two sentences at least
            assert "[" not in text


def test_bare_string_component_floors() -> None:
    scores = variant_scores(load_variants(), Knowledge.load())
    assert scores["precision"] >= 0.98, scores["errors"]
    assert scores["recall"] >= 0.95, scores["errors"]


def test_the_build_merges_a_sample_of_pairs_as_labelled() -> None:
    items = load_variants()
    wanted = [("Muammar Gaddafi", "Muammar Qaddafi"), ("Xi Jinping", "Jinping Xi"),
              ("Ed Miliband", "David Miliband"), ("Kim Jong-un", "Kim Jong-il"),
              ("North Atlantic Treaty Organization", "NATO"), ("Iran", "Iraq")]
    sample = [it for it in items if (it["a"], it["b"]) in wanted and "a_context" not in it]
    assert len(sample) == len(wanted)
    for it, d in zip(sample, product_variant_decisions(sample), strict=True):
        assert d["build"] == d["gold"], (it["a"], it["b"], d)


@pytest.mark.slow
def test_product_precision_and_recall_floors() -> None:
    scores = product_variant_scores(load_variants())
    assert scores["precision"] >= PRECISION_FLOOR, scores["errors"]
    assert scores["recall"] >= RECALL_FLOOR, scores["errors"]
