"""ROUGE-N, Date-F1 and tilse's alignment ROUGE on hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.eval.rouge import (
    agreement_rouge,
    align_many_to_one,
    align_rouge,
    date_f1,
    porter_stem,
    rouge_n,
    rouge_tokens,
)

D = dt.date


@pytest.mark.parametrize("word,stem", [
    ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"),
    ("filing", "file"), ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"),
    ("generalizations", "gener"), ("electrical", "electr"), ("adjustable", "adjust"),
    ("controll", "control"), ("effective", "effect"), ("adoption", "adopt"),
])
def test_porter_stems(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_tokens_lowercase_drop_stop_words_and_stem() -> None:
    assert rouge_tokens("The dogs were RUNNING -LRB- fast -RRB- .") == [
        "dog", "run", "lrb", "fast", "rrb"]


def test_rouge_1_and_2_by_hand() -> None:
    # tokens: cat sat mat / cat lay mat ("the", "on" are stop words)
    r1 = rouge_n("The cat sat on the mat", "The cat lay on the mat", 1)
    assert (r1.precision, r1.recall) == pytest.approx((2 / 3, 2 / 3))
    assert rouge_n("The cat sat on the mat", "The cat lay on the mat", 2).f1 == 0.0
    # stemming: running dogs / dogs run -> run dog / dog run
    assert rouge_n("running dogs", "dogs run", 1).f1 == pytest.approx(1.0)
    assert rouge_n("running dogs", "dogs run", 2).f1 == 0.0
    assert rouge_n("cat sat mat", "cat sat mat", 2).f1 == pytest.approx(1.0)


def test_date_f1_by_hand() -> None:
    s = date_f1([D(2020, 1, i) for i in (1, 2, 3, 4)], [D(2020, 1, i) for i in (2, 4, 6)])
    assert (s.precision, s.recall, s.f1) == pytest.approx((0.5, 2 / 3, 4 / 7))
    assert date_f1([], [D(2020, 1, 1)]).f1 == 0.0


def test_alignment_weights_hits_by_date_distance() -> None:
    pred = {D(2020, 1, 1): ["cat sat mat"]}
    ref = {D(2020, 1, 2): ["cat sat mat"]}
    scores = align_rouge(pred, ref)
    assert scores[1].f1 == pytest.approx(0.5) and scores[2].f1 == pytest.approx(0.5)


def test_many_to_one_alignment_prefers_matching_content() -> None:
    pred = {D(2020, 1, 1): ["flood river town"], D(2020, 1, 10): ["election vote president"]}
    ref = {D(2020, 1, 3): ["election vote president"]}
    # recall side: the reference day maps to the predicted day with the same content
    assert align_many_to_one(sorted(ref), sorted(pred), pred, ref, False) == [
        (D(2020, 1, 3), D(2020, 1, 10))]
    s = align_rouge(pred, ref)[1]
    # precision: (0 * 1/3 + 3 * 1/8) / 6 = 1/16; recall: (3 * 1/8) / 3 = 1/8
    assert (s.precision, s.recall, s.f1) == pytest.approx((1 / 16, 1 / 8, 1 / 12))


def test_agreement_compares_only_shared_days() -> None:
    pred = {D(2020, 1, 1): ["cat sat mat"], D(2020, 1, 5): ["dog ran"]}
    ref = {D(2020, 1, 1): ["cat sat mat"]}
    s = agreement_rouge(pred, ref)[1]
    assert (s.precision, s.recall) == pytest.approx((3 / 5, 1.0))
