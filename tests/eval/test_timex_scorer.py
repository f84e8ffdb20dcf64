"""The TE3 scorer on hand-made cases, and the TimeML reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval.timebank import parse_tml
from newsline.eval.timex import score

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_perfect() -> None:
    gold = {"d": [(0, 6, "DATE", "2015-03-06")]}
    m = score(gold, gold)
    assert m["strict_f1"] == m["relaxed_f1"] == m["value_f1"] == m["type_accuracy"] == 100


def test_strict_relaxed_and_values() -> None:
    gold = {"d": [(0, 10, "DATE", "2015-W09"), (20, 25, "DURATION", "P3Y"),
                  (30, 35, "DATE", "2015")]}
    system = {"d": [(5, 10, "DATE", "2015-W09"),  # overlap only, right value
                    (20, 25, "DATE", "P2Y"),       # exact span, wrong type and value
                    (40, 45, "DATE", "2014")]}     # spurious
    m = score(gold, system)
    # strict: 1 of 3 both ways -> P = R = F1 = 33.33
    assert m["strict_f1"] == pytest.approx(100 / 3)
    # relaxed: 2 of 3 -> 66.67
    assert m["relaxed_precision"] == pytest.approx(200 / 3)
    assert m["relaxed_f1"] == pytest.approx(200 / 3)
    # attributes over the 2 relaxed matches: type 1/2, value 1/2
    assert m["type_accuracy"] == pytest.approx(50)
    assert m["value_accuracy"] == pytest.approx(50)
    # value F1 = 1 correct of 3 system and 3 gold = relaxed F1 x value accuracy
    assert m["value_f1"] == pytest.approx(100 / 3)
    assert m["value_f1"] == pytest.approx(m["relaxed_f1"] * m["value_accuracy"] / 100)


def test_unequal_counts_and_one_to_one() -> None:
    gold = {"a": [(0, 10, "DATE", "1998")], "b": [(0, 4, "DATE", "X")]}
    system = {"a": [(0, 4, "DATE", "1998"), (5, 10, "DATE", "1998")]}
    m = score(gold, system)
    # one gold in "a" can pair with one system timex only: relaxed P = 1/2, R = 1/2
    assert m["relaxed_precision"] == pytest.approx(50)
    assert m["relaxed_recall"] == pytest.approx(50)
    assert m["strict_f1"] == 0
    assert m["value_f1"] == pytest.approx(50)


def test_empty() -> None:
    assert score({}, {})["value_f1"] == 0


def test_parse_tml_offsets() -> None:
    src = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">x</TIMEX3></DCT>'
           '<TEXT>Sales &amp; profits <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE"'
           ' value="1998-W01">last week</TIMEX3>.</TEXT></TimeML>')
    doc = parse_tml(src, "x")
    assert str(doc.dct) == "1998-01-08"
    assert doc.text == "Sales & profits fell last week."
    (t,) = doc.timexes
    assert (doc.text[t.start:t.end], t.type, t.value) == ("last week", "DATE", "1998-W01")


@pytest.mark.skipif(not (DATA / "timebank").is_dir(), reason="shared data not present")
def test_reads_platinum() -> None:
    from newsline.eval.timebank import read_split

    docs = read_split(DATA, "platinum")
    assert len(docs) == 20
    assert sum(len(d.timexes) for d in docs) == 138
    assert all(d.text[t.start:t.end] == t.text for d in docs for t in d.timexes)
