"""The timex tagger on small news sentences: spans, TIMEX3 types and values, tense anchoring."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.analyze.timex import find_timexes

DCT = dt.date(2015, 3, 4)  # a Wednesday


def one(text: str, dct: dt.date | None = DCT) -> tuple[str, str, str]:
    found = find_timexes(text, dct)
    assert found, f"no timex in {text!r}"
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.type, t.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders will meet on Friday in Brussels.", ("Friday", "DATE", "2015-03-06")),
        ("The leaders met on Friday in Brussels.", ("Friday", "DATE", "2015-02-27")),
        ("Police said Friday that two men were arrested.", ("Friday", "DATE", "2015-02-27")),
        ("The deal was signed on the 12th, officials said.", ("the 12th", "DATE", "2015-02-12")),
        ("The bank collapsed in June, regulators said.", ("June", "DATE", "2014-06")),
        ("The summit will be held in June.", ("June", "DATE", "2015-06")),
        ("The company was founded on March 3, 2011.", ("March 3, 2011", "DATE", "2011-03-03")),
        ("He was born on 3 March 1950 in Leeds.", ("3 March 1950", "DATE", "1950-03-03")),
        ("The report is dated 2014-12-19.", ("2014-12-19", "DATE", "2014-12-19")),
        ("Filed on 12/19/2014 in court.", ("12/19/2014", "DATE", "2014-12-19")),
        ("Sales fell in March 2014.", ("March 2014", "DATE", "2014-03")),
        ("The plant opened in 2009.", ("2009", "DATE", "2009")),
        ("Prices soared in the 1990s.", ("the 1990s", "DATE", "199")),
        ("The law passed last week.", ("last week", "DATE", "2015-W09")),
        ("The law will pass next month.", ("next month", "DATE", "2015-04")),
        ("Profits rose this year.", ("this year", "DATE", "2015")),
        ("Earlier this year the firm cut jobs.", ("Earlier this year", "DATE", "2015")),
        ("The minister resigned yesterday.", ("yesterday", "DATE", "2015-03-03")),
        ("The vote is today.", ("today", "DATE", "2015-03-04")),
        ("She arrived two days ago.", ("two days ago", "DATE", "2015-03-02")),
        ("The merger closed 18 months ago.", ("18 months ago", "DATE", "2013-09")),
        ("Sales rose in the past six months.", ("the past six months", "DURATION", "P6M")),
        ("He served three years in prison.", ("three years", "DURATION", "P3Y")),
        ("He served 18 months in prison.", ("18 months", "DURATION", "P18M")),
        ("It was the worst in a decade.", ("a decade", "DURATION", "P10Y")),
        ("A two-day summit opened.", ("two-day", "DURATION", "P2D")),
        ("A nearly three-year-old dispute ended.", ("nearly three-year-old", "DURATION", "P3Y")),
        ("Three years later he returned.", ("Three years", "DURATION", "P3Y")),
        ("Earnings rose in the fourth quarter.", ("the fourth quarter", "DATE", "2014-Q4")),
        ("Growth slowed in the third quarter of 2009.",
         ("the third quarter of 2009", "DATE", "2009-Q3")),
        ("Revenue in Q3 2013 fell.", ("Q3 2013", "DATE", "2013-Q3")),
        ("It closed in the summer of 2013.", ("the summer of 2013", "DATE", "2013-SU")),
        ("They met at 2:30 p.m. at the palace.", ("2:30 p.m.", "TIME", "2015-03-04T14:30")),
        ("The talks ended at noon.", ("noon", "TIME", "2015-03-04T12:00")),
        ("The minister spoke this morning.", ("this morning", "TIME", "2015-03-04TMO")),
        ("He will speak tonight.", ("tonight", "TIME", "2015-03-04TNI")),
        ("The paper is printed every week.", ("every week", "SET", "P1W")),
        ("The figures are published daily.", ("daily", "SET", "P1D")),
        ("The tax is paid annually.", ("annually", "SET", "P1Y")),
        ("Prices are now falling.", ("now", "DATE", "PRESENT_REF")),
        ("The firm currently employs 300.", ("currently", "DATE", "PRESENT_REF")),
        ("He recently moved to Paris.", ("recently", "DATE", "PAST_REF")),
        ("The shop closed on Christmas Day.", ("Christmas Day", "DATE", "2014-12-25")),
        ("Fireworks marked Independence Day.", ("Independence Day", "DATE", "2014-07-04")),
        ("The firm was profitable in mid-2014.", ("mid-2014", "DATE", "2014")),
        ("Sales rose in fiscal 2013.", ("fiscal 2013", "DATE", "2013")),
        ("The fire broke out early Saturday.", ("early Saturday", "DATE", "2015-02-28")),
    ],
)
def test_values(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


def test_no_dct_keeps_underspecified_values() -> None:
    assert one("The summit will be held in June.", None) == ("June", "DATE", "XXXX-06")
    t = find_timexes("They met on Friday.", None)[0]
    assert (t.value, t.earliest, t.anchored) == ("XXXX-WXX-5", None, False)


def test_bounds_and_anchoring() -> None:
    t = find_timexes("Sales fell in March 2014.", DCT)[0]
    assert (t.earliest, t.latest, t.anchored) == (dt.date(2014, 3, 1), dt.date(2014, 3, 31), False)
    t = find_timexes("The law passed last week.", DCT)[0]
    assert (t.earliest, t.latest, t.anchored) == (dt.date(2015, 2, 23), dt.date(2015, 3, 1), True)
    t = find_timexes("Earnings rose in the fourth quarter.", DCT)[0]
    assert (t.earliest, t.latest) == (dt.date(2014, 10, 1), dt.date(2014, 12, 31))
    t = find_timexes("He served three years.", DCT)[0]
    assert (t.earliest, t.latest) == (None, None)


def test_range_gives_two_timexes() -> None:
    text = "The festival ran from the 3rd to the 7th of March 2015."
    found = find_timexes(text, DCT)
    assert [(t.text, t.value) for t in found] == [
        ("the 3rd", "2015-03-03"), ("the 7th of March 2015", "2015-03-07")]


def test_sentence_index_and_offsets() -> None:
    text = "Talks began on Monday. They will end on Friday."
    found = find_timexes(text, DCT, sentences=[(0, 22), (23, len(text))])
    assert [(t.text, t.value, t.sentence) for t in found] == [
        ("Monday", "2015-03-02", 0), ("Friday", "2015-03-06", 1)]
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "The 6-year-old boy was found.", "It costs $1990 a unit.", "He may go.",
        "Shares fell 2015 points.",
        "Iraq imports three-quarters of its food.",  # a fraction, not three quarters
    ],
)
def test_non_timexes(text: str) -> None:
    assert find_timexes(text, DCT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tense cues: "as soon as" and "would be ...ing" point ahead; "United" is not a past verb
        ("The group might come to the U.S. as soon as Tuesday, Castro said.",
         ("Tuesday", "DATE", "2015-03-10")),
        ("Officials said the minister would be traveling to the United States Thursday.",
         ("Thursday", "DATE", "2015-03-05")),
        # a year modifying a noun is a timex; a spelled-out year in a transcript too
        ("Burton criticised his unsuccessful 1996 campaign for re-election.",
         ("1996", "DATE", "1996")),
        ("In nineteen ninety-six a bomb blast shook the Olympic park.",
         ("nineteen ninety-six", "DATE", "1996")),
        # "the year ended ..." is the fiscal year, a duration
        ("For the year ended Sept. 30, Ralston earned $1.5 billion.",
         ("the year", "DURATION", "P1Y")),
        # fractional durations spell out the remainder
        ("The secretary spent 5 1/2 hours in Nairobi.", ("5 1/2 hours", "DURATION", "PT5H30M")),
        ("He served 2 1/2 years in prison.", ("2 1/2 years", "DURATION", "P2Y6M")),
        ("The bell rang for a minute and a half.",
         ("a minute and a half", "DURATION", "PT1M30S")),
        # adjectival durations leave out the article
        ("It ended the eight-year war with Iran.", ("eight-year", "DURATION", "P8Y")),
        # earnings reports: "the 1988 quarter" is the latest reported quarter, a year back
        ("Kirschner earned $376,000 in the 1988 quarter.", ("the 1988 quarter", "DATE", "1988-Q4")),
        ("Aqaba is Iraq's only outlet now that the embargo holds.",
         ("now", "DATE", "PRESENT_REF")),
    ],
)
def test_news_conventions(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


def test_ages_are_not_durations() -> None:
    assert find_timexes("Mr. Schwarz, 52 years old, will succeed Mr. Dale.", DCT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # future cues that end in -ed or carry no verb: payable, expected, ahead of
        ("The dividend is payable Dec. 15 to holders of record.",
         ("Dec. 15", "DATE", "2015-12-15")),
        ("The deal is expected in November.", ("November", "DATE", "2015-11")),
        ("Traders squared positions ahead of the weekend.", ("the weekend", "DATE", "2015-W10-WE")),
        ("Sales will peak this November.", ("this November", "DATE", "2015-11")),
        # "the year" is the current year unless it is a fiscal year "ended ..."
        ("Sales for the full year rose 13%.", ("the full year", "DATE", "2015")),
        ("It aims to cut costs by the end of the year.", ("the end of the year", "DATE", "2015")),
        ("His promise to halve unemployment by the year two thousand was dropped.",
         ("the year two thousand", "DATE", "2000")),
        # earnings reports: year-ago comparisons are quarters
        ("Net rose in the third quarter to $5 million from $3 million a year earlier.",
         ("the third quarter", "DATE", "2014-Q3")),
        ("It earned $4 million in the year-ago third quarter.",
         ("the year-ago third quarter", "DATE", "2013-Q3")),
        ("It lost $3 million in the corresponding period last year.",
         ("the corresponding period last year", "DATE", "2013-Q4")),
        # a clock time with its date
        ("The offer expires at 5 p.m. EST, March 6.", ("5 p.m. EST, March 6", "TIME",
                                                       "2015-03-06T17:00")),
        ("Stocks closed 4% below the previous Friday.", ("the previous Friday", "DATE",
                                                         "2015-02-20")),
        ("The hearing is set for the week of March 16.", ("the week of March 16", "DATE",
                                                          "2015-W12")),
        # rates are sets; unanchored parts of the day; references
        ("The plan saves $500 million a year.", ("a year", "SET", "P1Y")),
        ("Troops reached the town at midday.", ("midday", "TIME", "2015-03-04T12:00")),
        ("Rebels shelled the city overnight.", ("overnight", "TIME", "2015-03-04TNI")),
        ("Rates should stay low in the near term.", ("the near term", "DATE", "FUTURE_REF")),
        ("These days the port is quiet.", ("These days", "DATE", "PRESENT_REF")),
        ("Turnout on Election Day was low.", ("Election Day", "DATE", "2014-11-04")),
        ("Shares rose 3% during the week.", ("the week", "DATE", "2015-W10")),
    ],
)
def test_more_conventions(text: str, expected: tuple[str, str, str]) -> None:
    assert one(text) == expected


def test_narrative_anchoring() -> None:
    """'that year', 'the following year', 'earlier that day' follow the last date mentioned."""
    found = find_timexes("He fled in June 1998 and returned later that year.", DCT)
    assert [(t.text, t.value) for t in found] == [("June 1998", "1998-06"),
                                                  ("later that year", "1998")]
    found = find_timexes("He was promoted on May 2, 1995, and the following year he retired.", DCT)
    assert found[-1].text == "the following year" and found[-1].value == "1996"
    found = find_timexes("He was shot on Oct. 23, 1998. Earlier that day he had called.", DCT)
    assert (found[-1].text, found[-1].value) == ("Earlier that day", "1998-10-23")
    assert find_timexes("They suffered losses that day.", DCT) == []  # no date to refer to


def test_an_irregular_past_verb_puts_a_later_month_day_in_the_year_before() -> None:
    dct = dt.date(2012, 3, 1)
    found = find_timexes("The earthquake struck central Italy on April 6.", dct)
    assert [(t.text, t.value) for t in found] == [("April 6", "2011-04-06")]
    found = find_timexes("The summit opens on April 6.", dct)
    assert [(t.text, t.value) for t in found] == [("April 6", "2012-04-06")]
