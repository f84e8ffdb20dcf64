"""The dating benchmark: metrics on hand-made cases, readers and a tiny real run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsline.eval import dating as ed
from newsline.model import DateEstimate

D = dt.date
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_value_midpoint() -> None:
    assert ed.value_midpoint("2009-04-24") == D(2009, 4, 24)
    assert ed.value_midpoint("2009-04") == D(2009, 4, 15)
    assert ed.value_midpoint("2009-Q2") == D(2009, 5, 16)
    assert ed.value_midpoint("XXXX-WXX-2") is None
    assert ed.value_midpoint("2009-12") == D(2009, 12, 16)
    assert ed.value_midpoint("2009") == D(2009, 7, 2)


def test_inside_error_width() -> None:
    truth = D(2010, 5, 10)
    closed = DateEstimate("2010-05-08", D(2010, 5, 1), D(2010, 5, 31), "inferred", 0.5)
    assert ed.inside(closed, truth) and ed.error_days(closed, truth) == 2
    assert ed.width_days(closed) == 31
    open_hi = DateEstimate("2010", D(2010, 1, 1), None, "inferred", 0.1)
    assert ed.inside(open_hi, truth) and ed.width_days(open_hi) == ed.OPEN_WIDTH_DAYS
    assert ed.error_days(open_hi, truth) == abs((D(2010, 7, 2) - truth).days)
    unknown = DateEstimate.unknown()
    assert not ed.inside(unknown, truth)
    assert ed.error_days(unknown, truth) == ed.NO_VALUE_ERROR_DAYS
    outside = DateEstimate("2011-01-01", D(2011, 1, 1), D(2011, 1, 3), "inferred", 0.5)
    assert not ed.inside(outside, truth)


def test_score() -> None:
    truth = D(2010, 5, 10)
    pairs = [
        (DateEstimate("2010-05-10", D(2010, 5, 9), D(2010, 5, 12), "inferred", 0.7), truth),
        (DateEstimate("2010-05-30", D(2010, 5, 1), D(2010, 6, 30), "inferred", 0.4), truth),
        (DateEstimate.unknown(), truth),
    ]
    m = ed.score(pairs)
    assert m["n"] == 3
    assert m["inside_bounds"] == pytest.approx(200 / 3, abs=0.01)
    assert m["median_error_days"] == 20
    assert m["within_3_days"] == pytest.approx(100 / 3, abs=0.01)
    assert m["within_31_days"] == pytest.approx(200 / 3, abs=0.01)
    assert m["median_width_days"] == 61
    assert ed.score([])["n"] == 0


def test_printed_date() -> None:
    assert ed.printed_date("Tuesday, September 6, 2022 ") == D(2022, 9, 6)
    assert ed.printed_date("March 01, 2008") == D(2008, 3, 1)
    assert ed.printed_date("Apple unveils iPhone 4") is None


needs_data = pytest.mark.skipif(not (DATA / "timeset_wikinews").is_dir(),
                                reason="shared benchmark data not present")


@needs_data
def test_readers_hide_the_date() -> None:
    cases = ed.timeset_cases(DATA, ("dev",))
    assert len(cases) == 18
    for c in cases:
        assert ed.printed_date(c.text.split("\n")[1]) is None
    sem = ed.semeval_cases(DATA)
    assert 85 <= len(sem) <= 90
    assert all(ed.printed_date(c.text.split("\n")[1][:20]) is None for c in sem)
    test, dev = ed.t17_split(DATA)
    assert 0 < len(test) <= ed.T17_TEST_SIZE
    assert not {c.id for c in test} & {c.id for c in dev}


@needs_data
def test_run_on_five_timeset_articles() -> None:
    cases = {"timeset": ed.timeset_cases(DATA, ("dev",))[:5]}
    result = ed.run(DATA, workers=1, cases=cases)
    assert result["benchmark"] == "dating"
    m = result["datasets"]["timeset"]
    assert m["n"] == 5
    assert set(m) == {"inside_bounds", "median_error_days", "within_3_days", "within_31_days",
                      "median_width_days", "n"}
    assert len(result["details"]["articles"]["timeset"]) == 5
