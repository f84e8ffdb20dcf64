"""Who did what to whom, where: participants and roles on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.analyze import analyze
from newsline.model import Article, DocAnalysis, EventMention


def run(text: str) -> DocAnalysis:
    return analyze(Article("t", "t.txt", text, published=dt.date(2019, 3, 25),
                           published_basis="metadata"))


def event(a: DocAnalysis, trigger: str) -> EventMention:
    return next(e for e in a.events if e.trigger == trigger)


def roles(a: DocAnalysis, e: EventMention) -> set[tuple[str, str]]:
    return {(a.mentions[p.mention].text, p.role) for p in e.participants}


def places(a: DocAnalysis, e: EventMention) -> list[str]:
    return [a.mentions[i].text for i in e.places]


def test_active_verb_subject_is_agent_object_is_patient() -> None:
    a = run("Microsoft sued Apple in San Francisco on Wednesday.")
    sued = event(a, "sued")
    assert roles(a, sued) == {("Microsoft", "agent"), ("Apple", "patient")}
    assert places(a, sued) == ["San Francisco"]


def test_passive_by_phrase_is_agent_subject_is_patient() -> None:
    a = run("The iPhone was unveiled by Steve Jobs on Tuesday.")
    e = event(a, "unveiled")
    assert {("Steve Jobs", "agent"), ("iPhone", "patient")} <= roles(a, e)


def test_possessor_of_an_event_noun_is_agent() -> None:
    a = run("Apple's launch of the iPod surprised analysts.")
    e = event(a, "launch")
    assert ("Apple", "agent") in roles(a, e)
    assert ("iPod", "patient") in roles(a, e)


def test_destination_of_a_visit_is_a_place_and_no_agent() -> None:
    a = run("Japanese Prime Minister Shinzo Abe visited Beijing in October.")
    e = event(a, "visited")
    assert roles(a, e) == {("Shinzo Abe", "agent")}
    assert places(a, e) == ["Beijing"]
    a = run("Chinese President Xi Jinping will travel to Paris next week.")
    e = event(a, "travel")
    assert ("Xi Jinping", "agent") in roles(a, e)
    assert places(a, e) == ["Paris"]


def test_a_visit_noun_takes_its_visitor_from_the_verb() -> None:
    a = run("Xi Jinping arrived on Sunday for a state visit to France.")
    e = event(a, "visit")
    assert ("Xi Jinping", "agent") in roles(a, e)
    assert places(a, e) == ["France"]


def test_a_person_who_arrives_is_the_agent_and_the_city_the_place() -> None:
    a = run("Xi Jinping arrived in Paris on Sunday.")
    e = event(a, "arrived")
    assert roles(a, e) == {("Xi Jinping", "agent")}
    assert places(a, e) == ["Paris"]


def test_a_country_as_subject_acts() -> None:
    a = run("China tested a missile on Monday.")
    e = event(a, "tested")
    assert ("China", "agent") in roles(a, e)


@pytest.mark.parametrize("text", [
    "Paris announced new rules for taxis.",
    "Chinese President Xi Jinping met Emmanuel Macron in Paris.",
])
def test_a_city_is_never_an_agent(text: str) -> None:
    a = run(text)
    for e in a.events:
        assert ("Paris", "agent") not in roles(a, e)


def test_subject_of_a_change_of_state_is_patient() -> None:
    a = run("Shares of General Motors fell sharply on Monday.")
    assert ("Shares of General Motors", "patient") in roles(a, event(a, "fell")) or any(
        r == "patient" for _, r in roles(a, event(a, "fell")))


def test_shared_subject_and_object_control() -> None:
    a = run("Apple plans to sell the iPhone in China. The SDK allows developers to create "
            "applications.")
    assert ("Apple", "agent") in roles(a, event(a, "sell"))
    assert ("developers", "agent") in roles(a, event(a, "create"))
    assert ("applications", "patient") in roles(a, event(a, "create"))


def test_argument_mentions_keep_offsets_and_coreference_links() -> None:
    text = ("Apple released the new software on Monday. It said the company would sell "
            "applications to developers.")
    a = run(text)
    for m in a.mentions:
        assert text[m.start:m.end] == m.text
        if m.antecedent is not None:
            assert a.mentions[m.antecedent].antecedent is None or m.antecedent < len(a.mentions)
    names = [m for m in a.mentions if m.antecedent is None]
    assert a.mentions[:len(names)] == names  # names (and arguments) first, then coreference


def test_a_common_noun_named_in_apposition_is_a_participant() -> None:
    a = run("In April, the technology blog Gizmodo obtained a prototype of the new phone.")
    assert any(role == "agent" and "blog" in text
               for text, role in roles(a, event(a, "obtained")))


def test_a_time_the_parser_made_the_subject_gives_way_to_the_name_before_it() -> None:
    a = run("Apple introduces iPhone January 10, 2007 Apple Inc. today has introduced the "
            "much-anticipated iPhone at a conference.")
    introduced = event(a, "introduced")
    assert any(role == "agent" and text.startswith("Apple")
               for text, role in roles(a, introduced))
    assert not any(text == "today" for text, _ in roles(a, introduced))
