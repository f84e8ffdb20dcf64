"""The CoNLL-2012 metrics against the reference scorer's published test cases.

Cases A1-A13 are conll/reference-coreference-scorers ``test/CorefMetricTestConfig.pm``
(key ``TC-A.key`` = {a} {b c} {d e f}; expected values are that file's recall/precision);
the Luo (2005) systems a-d and the Vilain et al. (1995) MUC table are the papers' worked examples.
"""

from __future__ import annotations

import pytest

from newsline.eval.coref import b_cubed, ceaf_e, conll_scores, muc

KEY = [["a"], ["b", "c"], ["d", "e", "f"]]
B_OVERLAP = "B"  # a mention with other boundaries than b: a distinct mention
B_DUP = "b"  # the same span as b again: de-duplicated by the scorer


def _f(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


# id: response, muc (r, p), b3 (r, p), ceafe (r, p) or None where the reference file gives none
CASES = {
    "A1": ([["a"], ["b", "c"], ["d", "e", "f"]], (1, 1), (1, 1), (1, 1)),
    "A2": ([["a"], ["d", "e"]], (1 / 3, 1), ((7 / 3) / 6, 1), (0.6, 0.9)),
    "A3": ([["a"], ["b", "c", "x"], ["d", "e", "f", "y"], ["z"]],
           (1, 3 / 5), (1, (4 + 7 / 12) / 9), (0.88571, 0.66429)),
    "A4": ([["a"], ["b", "c", "x"], ["d", "y"], ["z"]],
           (1 / 3, 1 / 3), ((3 + 1 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7), (0.73333, 0.55)),
    "A5": ([["a"], ["b", "c", "x", B_OVERLAP], ["d", "y"], ["z"]],
           (1 / 3, 1 / 4), ((3 + 1 / 3) / 6, 2.5 / 8), (0.68889, 0.51667)),
    "A6": ([["a"], ["b", "c", "x"], ["d", "y"], [B_OVERLAP, "z"]],
           (1 / 3, 1 / 4), ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 8), (0.73333, 0.55)),
    "A7": ([["a"], ["b", "c", "x", B_DUP], ["d", "y"], ["z"]],
           (1 / 3, 1 / 3), ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7), (0.73333, 0.55)),
    "A8": ([["a"], ["b", "c", "x"], ["d", "y"], [B_DUP, "z"]],
           (1 / 3, 1 / 3), ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7), (0.73333, 0.55)),
    "A9": ([["a"], ["b", "c", "x"], ["d", "y"], [B_DUP] * 10 + ["z"]],
           (1 / 3, 1 / 3), ((10 / 3) / 6, (1 + 4 / 3 + 1 / 2) / 7), (0.73333, 0.55)),
    "A10": ([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]], (0, 0), (3 / 6, 1), None),
    "A11": ([["a", "b", "c", "d", "e", "f"]],
            (1, 3 / 5), (1, (1 / 6 + 2 * 2 / 6 + 3 * 3 / 6) / 6), None),
    "A12": ([["a"], ["x"], ["y"], ["c"], ["d"], ["e"], ["z"]],
            (0, 0), ((1 + 1 / 2 + 2 / 3) / 6, 4 / 7), None),
    "A13": ([["a", "x", "y", "c", "d", "e", "z"]],
            (1 / 3, 1 / 6), ((1 + 1 / 2 + 2 * 2 / 3) / 6, (1 / 7 + 1 / 7 + 2 * 2 / 7) / 7), None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_reference_scorer_cases(case: str) -> None:
    response, m, b, c = CASES[case]
    for metric, expected in ((muc, m), (b_cubed, b), (ceaf_e, c)):
        if expected is None:
            continue
        got = metric(KEY, response)
        assert got.recall == pytest.approx(expected[0], abs=1e-5), (case, metric.__name__)
        assert got.precision == pytest.approx(expected[1], abs=1e-5), (case, metric.__name__)
        assert got.f1 == pytest.approx(_f(*expected), abs=1e-5)


def test_published_f1_values() -> None:
    assert muc(KEY, CASES["A3"][0]).f1 == pytest.approx(0.75)
    assert b_cubed(KEY, CASES["A2"][0]).f1 == pytest.approx(14 / 25)
    assert b_cubed(KEY, CASES["A3"][0]).f1 == pytest.approx(110 / 163)
    assert ceaf_e(KEY, CASES["A3"][0]).f1 == pytest.approx(0.75918, abs=1e-5)
    assert ceaf_e(KEY, CASES["A5"][0]).f1 == pytest.approx(0.59048, abs=1e-5)


LUO_KEY = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10, 11, 12]]
LUO = {  # Luo (2005), Table: MUC, B³ and CEAF-e (φ4) F
    "a": ([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11, 12]], 0.947, 0.865, 0.733),
    "b": ([[1, 2, 3, 4, 5, 8, 9, 10, 11, 12], [6, 7]], 0.947, 0.737, 0.667),
    "c": ([list(range(1, 13))], 0.900, 0.545, 0.294),
    "d": ([[i] for i in range(1, 13)], 0.0, 0.400, 0.178),
}


@pytest.mark.parametrize("system", sorted(LUO))
def test_luo_2005(system: str) -> None:
    response, m, b, c = LUO[system]
    assert round(muc(LUO_KEY, response).f1, 3) == m
    assert round(b_cubed(LUO_KEY, response).f1, 3) == b
    assert round(ceaf_e(LUO_KEY, response).f1, 3) == c


VILAIN = [  # Vilain et al. (1995), Table 1 and two larger cases: key, response, (p, r, f)
    ([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]], (1.0, 0.667, 0.8)),
    ([["A", "B"], ["C", "D"]], [["A", "B", "C", "D"]], (0.667, 1.0, 0.8)),
    ([["A", "B", "C", "D"]], [["A", "B", "C", "D"]], (1.0, 1.0, 1.0)),
    ([["A", "B", "C"]], [["A", "C"]], (1.0, 0.5, 0.667)),
    ([["B", "C", "D", "E", "G", "H", "J"]], [["A", "B", "C"], ["D", "E", "F"], ["G", "H", "I"]],
     (0.5, 0.5, 0.5)),
    ([["A", "B", "C"], ["D", "E", "F", "G"]], [["A", "B"], ["C", "D"], ["F", "G", "H"]],
     (0.5, 0.4, 0.444)),
]


@pytest.mark.parametrize("key,response,expected", VILAIN)
def test_vilain_muc(key: list[list[str]], response: list[list[str]],
                    expected: tuple[float, float, float]) -> None:
    got = muc(key, response)
    assert (round(got.precision, 3), round(got.recall, 3), round(got.f1, 3)) == expected


def test_larger_alignment_uses_the_optimum() -> None:
    key = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    response = [[1, 2, 4], [3, 5, 6, 7], [8, 9]]
    # the best alignment: {123}-{124} 4/6, {456}-{3567} 4/7, {789}-{89} 4/5
    expected = 4 / 6 + 4 / 7 + 4 / 5
    assert ceaf_e(key, response).recall == pytest.approx(expected / 3)


def test_conll_scores_is_the_mean() -> None:
    s = conll_scores(KEY, CASES["A4"][0])
    assert s["conll_f1"] == pytest.approx((s["muc_f1"] + s["b3_f1"] + s["ceafe_f1"]) / 3, abs=0.01)
