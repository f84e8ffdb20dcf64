"""Event mentions: the time that is the event's own, modality, attribution, new types."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.model import Article, DocAnalysis, EventMention


def run(text: str, day: dt.date = dt.date(2009, 3, 30)) -> DocAnalysis:
    return analyze(Article("t", "t.txt", text, published=day, published_basis="metadata"))


def first(a: DocAnalysis, kind: str) -> EventMention:
    return next(e for e in a.events if e.type == kind)


def time_text(a: DocAnalysis, e: EventMention) -> str | None:
    return a.timexes[e.time].text if e.time is not None else None


def test_a_time_of_the_object_is_not_the_events_time() -> None:
    a = run("GM announced it lost $6 billion in the first quarter of 2009.")
    assert time_text(a, first(a, "announcement")) is None


def test_a_time_of_the_trigger_is_the_events_time() -> None:
    a = run("General Motors announced on Wednesday that it lost $6 billion in the first "
            "quarter of 2009.")
    assert time_text(a, first(a, "announcement")) == "Wednesday"
    a = run("Obama will meet Abe in Tokyo next week.")
    assert time_text(a, first(a, "meeting")) == "next week"


def test_a_reference_to_an_earlier_event_keeps_its_year() -> None:
    a = run("It was her first state visit, to Beijing in 2014.")
    visit = first(a, "visit")
    assert time_text(a, visit) == "2014"
    assert [a.mentions[i].text for i in visit.places] == ["Beijing"]


def test_has_yet_to_is_negated_and_media_attribution_is_kept_whole() -> None:
    a = run("Queen Elizabeth has yet to visit Japan, Japanese media reported.")
    visit = first(a, "visit")
    assert visit.modality == "negated"
    assert visit.attributed_to == "Japanese media"


def test_new_event_types() -> None:
    a = run("North Korea tested a nuclear missile last week, according to Xinhua.")
    test = first(a, "weapons-test")
    assert test.attributed_to == "Xinhua" and time_text(a, test) == "last week"
    a = run("Ford named Alan Mulally chief executive in 2006.")
    assert time_text(a, first(a, "appointment")) == "2006"
    a = run("Rebels attacked the town on Sunday.")
    assert first(a, "attack").modality == "asserted"
    a = run("The company sent a letter to its customers.")
    assert not [e for e in a.events if e.type == "dispatch"]
