"""The corpus lends dates only to articles that have none of their own."""

from __future__ import annotations

import datetime as dt

from newsline.corpus.dates import lend_dates
from newsline.model import DateEstimate, Event, EventRef, Evidence

D = dt.date


def _event(mentions: list[tuple[str, str]], day: dt.date, dated_by: str = "a") -> Event:
    stated = DateEstimate(day.isoformat(), day, day, "stated", 0.8,
                          [Evidence(dated_by, 0, 6, "Monday", "the report dates it")])
    return Event("e1", "attack", "An attack", date=stated,
                 mentions=[EventRef(doc, 0, 9, "the blast", modality)
                           for doc, modality in mentions])


def test_an_undated_article_takes_the_events_date_as_its_lower_bound() -> None:
    own = {"a": DateEstimate.exact(D(2011, 3, 2), "metadata", 1.0),
           "b": DateEstimate.unknown()}
    out = lend_dates(own, [_event([("a", "asserted"), ("b", "reported")], D(2011, 3, 1))])
    assert out["b"].earliest == D(2011, 3, 1) and out["b"].latest is None
    assert out["b"].basis == "inferred"
    assert any("other articles date" in e.reason for e in out["b"].evidence)
    assert out["a"] == own["a"]


def test_an_article_with_an_estimate_of_its_own_keeps_it() -> None:
    mine = DateEstimate("2010-06", D(2010, 6, 1), D(2010, 6, 30), "inferred", 0.4)
    own = {"a": DateEstimate.exact(D(2011, 3, 2), "metadata", 1.0), "b": mine,
           "c": DateEstimate(None, D(2009, 1, 1), None, "inferred", 0.1)}
    out = lend_dates(own, [_event([("a", "asserted"), ("b", "asserted"), ("c", "asserted")],
                                  D(2011, 3, 1))])
    assert out["b"] is mine and out["c"] is own["c"]


def test_a_planned_event_or_an_undated_event_lends_nothing() -> None:
    own = {"b": DateEstimate.unknown()}
    assert lend_dates(own, [_event([("b", "planned")], D(2011, 3, 1))])["b"] == own["b"]
    ev = _event([("b", "asserted")], D(2011, 3, 1))
    ev.date = DateEstimate.unknown()
    assert lend_dates(own, [ev])["b"] == own["b"]


def test_the_latest_of_several_lent_bounds_wins() -> None:
    own = {"b": DateEstimate.unknown()}
    early = _event([("b", "asserted")], D(2011, 3, 1))
    late = _event([("b", "asserted")], D(2011, 5, 9))
    for order in ([early, late], [late, early]):
        assert lend_dates(own, order)["b"].earliest == D(2011, 5, 9)
