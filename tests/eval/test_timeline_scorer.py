"""The SemEval-2015 Task 4 scorer: conversion, closure, and gold-vs-gold on the trial data."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newsline.entity_timeline import name_matches
from newsline.eval.semeval import Counts, PointGraph, compare, read_cat, read_timeline, relations

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
TASK = DATA / "semeval2015_timeline"
needs_data = pytest.mark.skipif(not TASK.is_dir(), reason="no shared data")

TOY = [(0, "XXXX-XX-XX", ["d-1-said"]), (1, "2008-XX-XX", ["d-2-won", "e-3-victory"]),
       (2, "2009-05-01", ["d-4-lost"]), (2, "2009-05-01", ["e-5-fell"])]


def test_conversion_and_closure() -> None:
    rels = relations(TOY)
    assert ("d-2-won", "BEFORE", "d-4-lost") in rels
    assert ("T:2009-05-01", "INCLUDES", "d-4-lost") in rels
    assert not any("d-1-said" in (a, b) for a, _, b in rels)  # position 0: no order
    graph = PointGraph(rels)
    assert graph.entailed(("e-3-victory", "BEFORE", "e-5-fell"))  # by closure
    assert not graph.entailed(("e-5-fell", "BEFORE", "d-4-lost"))


def test_toy_scores() -> None:
    assert compare(TOY, TOY).prf()["f1"] == 100.0
    swapped = [(3 - o if o else 0, d, ms) for o, d, ms in TOY]
    assert compare(swapped, TOY).prf()["f1"] < 100.0
    assert compare([], TOY).prf() == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@needs_data
def test_gold_against_itself_is_100_and_perturbations_score_less() -> None:
    gold_total, swap_total, half_total = Counts(), Counts(), Counts()
    for path in sorted((TASK / "TimeLines_trial_data_task4_v1.2").glob("*.txt")):
        _, lines = read_timeline(path)
        gold_total.add(compare(lines, lines))
        orders = sorted({o for o, _, _ in lines if o > 0})
        a, b = random.Random(0).sample(orders, 2)
        swapped = [(b if o == a else a if o == b else o, d, ms) for o, d, ms in lines]
        swap_total.add(compare(swapped, lines))
        half_total.add(compare(lines[::2], lines))
    assert gold_total.prf()["f1"] == 100.0
    assert 80.0 < swap_total.prf()["f1"] < 100.0
    half = half_total.prf()
    assert half["precision"] == 100.0 and half["recall"] < 50.0


@needs_data
def test_cat_reader_maps_offsets_to_task_ids() -> None:
    path = next((TASK / "SemEval_Task4_data" / "corpus_1" / "corpus_trackA_CAT").glob("100911*"))
    doc = read_cat(path)
    assert doc.dct == "2008-03-01"
    start = doc.text.index("defeat")
    assert doc.mention_id(start) == "100911-0-defeat"


def test_target_matching() -> None:
    """The target is looked up as ``newsline timeline --entity`` looks a name up."""
    assert name_matches("Dreamliner", "Boeing 787 Dreamliner", "OTHER") == "short"
    assert name_matches("Boeing", "Boeing 787 Dreamliner", "ORG") is None
    assert name_matches("Gallois", "Louis Gallois", "PERSON") == "part"
    generic = frozenset({"index"})
    assert name_matches("the Nasdaq Composite Index", "NASDAQ composite", "ORG",
                        generic) == "whole"


def test_gold_dates_are_read_in_one_form() -> None:
    from newsline.eval.semeval import padded

    assert padded("1968") == "1968-XX-XX"
    assert padded("2006-03") == "2006-03-XX"
    assert padded("XXX-XX-XX") == "XXXX-XX-XX"
    assert padded("2010-06-07") == "2010-06-07" and padded("2010-06-XX") == "2010-06-XX"
