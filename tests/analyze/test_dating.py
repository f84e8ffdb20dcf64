"""The article-date estimate: each kind of clue on small news-like texts."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.analyze import analyze, dating
from newsline.analyze.timex import find_timexes
from newsline.model import Article, DateEstimate

D = dt.date


def _infer(text: str, tense: dating.Tense = "past") -> DateEstimate:
    """Inference alone, every sentence read in one tense (no parser needed)."""
    found = find_timexes(text, None)
    return dating.infer(Article("a", "a", text), found, [tense] * len(found))


def _inside(est: DateEstimate, day: dt.date) -> bool:
    return (est.earliest is None or est.earliest <= day) and (
        est.latest is None or day <= est.latest)


def _offsets_exact(est: DateEstimate, text: str) -> None:
    assert est.evidence
    for e in est.evidence:
        assert text[e.start:e.end] == e.quote
        assert e.reason


def test_metadata_first() -> None:
    art = Article("a", "a", "Nothing dated here.", published=D(2011, 2, 3))
    est = dating.estimate(art, [], [])
    assert est.basis == "metadata" and est.value == "2011-02-03"


def test_past_date_is_lower_bound_and_lag_upper_bound() -> None:
    text = "General Motors said on April 24, 2009 that sales fell by a fifth."
    est = _infer(text)
    assert est.earliest == D(2009, 4, 24)
    assert est.latest is not None and D(2009, 4, 24) < est.latest <= D(2009, 5, 31)
    assert est.value is not None and est.value.startswith("2009-04")
    _offsets_exact(est, text)
    assert any(e.quote == "April 24, 2009" for e in est.evidence)


def test_future_date_is_upper_bound() -> None:
    text = "The election will be held on June 12, 2010, officials said."
    est = _infer(text, "future")
    assert est.latest == D(2010, 6, 12)
    assert est.earliest is None
    assert "still to come" in est.evidence[0].reason


def test_future_cue_next_to_the_date_overrides_a_past_sentence() -> None:
    text = ("The company reported on April 24, 2009 that sales fell. Its chief said profits "
            "would recover in 2010.")
    est = _infer(text)
    assert est.earliest == D(2009, 4, 24)
    assert _inside(est, D(2009, 4, 26))


@pytest.mark.parametrize(("text", "tense"), [
    # a target told in a past sentence: the goal is still to come
    ("The union set a goal to cut emissions by 2030.", "past"),
    ("Officials said they could have a vaccine available by 2030.", "past"),
    # a deadline in a present sentence
    ("The bloc sees its share of the market doubling by the end of 2030.", "present"),
    ("Leaders met ahead of the 2030 elections.", "past"),
])
def test_a_deadline_or_what_lies_ahead_is_no_lower_bound(text: str, tense: dating.Tense
                                                         ) -> None:
    est = _infer(text, tense)
    assert est.earliest is None and est.latest == D(2030, 12, 31)
    assert "still to come" in est.evidence[0].reason


def test_a_deadline_told_as_met_is_in_the_past() -> None:
    est = _infer("By 2010 sales had doubled, the company said.")
    assert est.earliest == D(2010, 1, 1)


def test_weekday_and_month_day_agree_on_the_year() -> None:
    # Gordon Brown was Prime Minister from June 2007 to May 2010; of the March 6ths in that
    # time only the 2009 one was a Friday.
    text = "Prime Minister Gordon Brown spoke in London on Friday, March 6, about the banks."
    est = _infer(text)
    assert est.earliest == D(2009, 3, 6)
    assert est.latest is not None and est.latest <= D(2009, 3, 31)
    assert est.value == "2009-03-06"
    _offsets_exact(est, text)
    assert any("Friday, March 6" in e.quote for e in est.evidence)


def test_anniversary_of_a_dated_event() -> None:
    text = "Crowds gathered to mark the 25th anniversary of the fall of the Berlin Wall."
    est = _infer(text)
    assert est.value == "2014-11-09"
    assert _inside(est, D(2014, 11, 9))
    assert est.earliest is not None and est.earliest.year == 2014
    _offsets_exact(est, text)
    assert "anniversary" in est.evidence[0].quote


def test_office_holder_bounds_the_date() -> None:
    text = "Chancellor Merkel and President Obama met in Berlin to discuss trade."
    est = _infer(text)
    assert est.earliest == D(2009, 1, 20) and est.latest == D(2017, 1, 20)
    _offsets_exact(est, text)
    assert any(e.quote == "President Obama" for e in est.evidence)


def test_a_listed_holder_by_surname_alone_needs_the_country() -> None:
    # the built lists hold every country's president: "President Ali" in a report from
    # Cairo is no sign of Guyana's president (in office since 2020)
    cairo = "President Ali spoke to reporters in Cairo about the protests."
    assert not [c for c in dating.reasoning(Article("a", "a", cairo), [], []).clues
                if c.kind == "office"]
    for text in ("Guyana's President Ali spoke to reporters about the oil fields.",
                 "President Irfaan Ali spoke to reporters about the oil fields."):
        est = _infer(text)
        assert est.earliest is not None and est.earliest.year == 2020, text
        assert any("Guyana" in e.reason for e in est.evidence), text
    # the country's adjective names it too
    est = _infer("The Kenyan President Ruto spoke to reporters about the harvest.")
    assert est.earliest is not None and est.earliest.year == 2022
    assert not [c for c in dating.reasoning(
        Article("a", "a", "President Ruto spoke in Lima."), [], []).clues if c.kind == "office"]


def test_only_the_named_landmarks_own_day_is_background() -> None:
    # a landmark the article names: its own day is background, no anchor for the lag
    named = "The Deepwater Horizon rig exploded on April 20, 2010, and oil still washes ashore."
    found = find_timexes(named, None)
    assert not [c for c in dating.reasoning(Article("a", "a", named), found,
                                             ["past"] * len(found)).clues
                if c.kind == "reporting-lag"]
    # a day that is some other landmark's, which the article does not name, is news
    other = "The company said on November 19, 2005 that its sales fell by a fifth."
    est = _infer(other)
    assert est.earliest == D(2005, 11, 19) and est.latest is not None
    assert (est.latest - D(2005, 11, 19)).days <= 31


def test_former_office_holder_is_a_lower_bound() -> None:
    text = "Former President Hosni Mubarak appeared in court in a cage."
    est = _infer(text)
    assert est.earliest == D(2011, 2, 11)


@pytest.mark.parametrize("text", [
    "A day after President Hosni Mubarak stepped down, employees went back to work.",
    "Egypt's President Hosni Mubarak, who was ousted in a revolt, appeared in court.",
])
def test_a_holder_told_as_having_left_office_is_a_lower_bound(text: str) -> None:
    est = _infer(text)
    assert est.earliest == D(2011, 2, 11) and est.latest is None


@pytest.mark.parametrize("text", [
    "President Hosni Mubarak stepped up security in Cairo.",
    "Crowds called for President Hosni Mubarak's resignation in Cairo.",
])
def test_a_holder_in_office_still_bounds_both_ways(text: str) -> None:
    assert _infer(text).latest == D(2011, 2, 11)


def test_landmark_event_is_a_lower_bound() -> None:
    text = "Oil still washes ashore from the Deepwater Horizon spill."
    est = _infer(text)
    assert est.earliest == D(2010, 4, 20)
    assert est.evidence[0].quote == "Deepwater Horizon"


def test_last_year_next_to_a_year() -> None:
    est = _infer("Sales fell last year (2008) and are falling still.")
    assert est.earliest == D(2009, 1, 1) and est.latest == D(2009, 12, 31)


def test_contradictory_clues_keep_the_more_trusted() -> None:
    # a loose title ("President Clinton" long after his term) against an explicit date
    text = "President Clinton spoke at the summit on March 3, 2012 in New York."
    est = _infer(text)
    assert _inside(est, D(2012, 3, 4))
    assert est.earliest == D(2012, 3, 3)


def test_agency_dateline_is_the_day_filed() -> None:
    # the dateline's year from the day-level date, not from a year named alone (a plan)
    text = ("LONDON, April 27 (Reuters) - Airline shares fell on Monday. The company said on "
            "April 20, 2009 that it would expand. It hopes to grow in 2010.")
    est = _infer(text)
    assert est.earliest == D(2009, 4, 26) and est.latest == D(2009, 4, 28)
    assert est.value == "2009-04-27"
    _offsets_exact(est, text)
    assert est.evidence[0].quote == "April 27 (Reuters)"
    assert "dateline" in est.evidence[0].reason


def test_month_day_in_a_wide_interval_names_the_likeliest_day() -> None:
    # Obama's term is too wide to give "June 4" a year for sure; the spill says 2010 is likeliest
    text = ("President Obama visited the coast on June 4 as oil from the Deepwater Horizon "
            "spill reached the beaches.")
    est = _infer(text)
    assert est.earliest == D(2010, 4, 20) and est.latest == D(2017, 1, 20)  # bounds unchanged
    assert est.value == "2010-06-04"
    assert est.confidence <= 0.3
    _offsets_exact(est, text)
    assert any(e.quote == "June 4" and "likeliest" in e.reason for e in est.evidence)


def test_relative_words_alone_say_nothing() -> None:
    for text in ("Nobody said anything of note.", "Monday's vote was delayed until tomorrow."):
        est = _infer(text)
        assert not est.is_known and est.basis == "unknown" and est.evidence == []


@pytest.mark.parametrize("with_parser", [True])
def test_real_analyzer_dates_an_undated_article(with_parser: bool) -> None:
    text = ("WASHINGTON - President Barack Obama on Tuesday signed the stimulus bill. "
            "The House passed it on February 13, 2009, and the Senate followed.")
    result = analyze(Article("b", "b", text))
    est = result.date
    assert est.basis == "inferred"
    assert _inside(est, D(2009, 2, 17))
    _offsets_exact(est, text)
