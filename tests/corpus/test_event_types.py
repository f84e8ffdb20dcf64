"""The news event types beyond diplomacy, and summaries that never invent an agent."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import run_stages
from newsline.analyze.nlp import load
from newsline.corpus import build_corpus
from newsline.corpus.events import _summary
from newsline.model import Article


def _events(text: str) -> dict[str, str]:
    article = Article("d", "s", text, published=dt.date(2012, 3, 1),
                      published_basis="metadata")
    analysis = run_stages(article, load()(text))
    return {e.type: e.summary for e in build_corpus([article], [analysis]).events}


def test_arrests_deaths_and_disasters_are_events_with_plain_summaries() -> None:
    got = _events("Police arrested John Smith in Oakland on Tuesday. "
                  "John Brown died in London on Monday. "
                  "A powerful earthquake struck Indonesia on Sunday.")
    assert got["arrest"] == "Arrest of John Smith in Oakland"
    assert got["death"] == "Death of John Brown in London"
    assert got["disaster"] == "Earthquake in Indonesia"


def test_a_summary_calls_nobody_the_agent_who_is_not_one() -> None:
    names = {"x": "Saddam Hussein", "y": "Iraq"}
    assert _summary("execution", [("x", "patient")], [], names, "") == \
        "Execution involving Saddam Hussein"
    assert _summary("execution", [("y", "agent"), ("x", "patient")], [], names, "") == \
        "Execution by Iraq"
    assert _summary("acquisition", [("x", "patient")], [], names, "") == \
        "Acquisition of Saddam Hussein"


def test_only_a_person_dies_resigns_or_is_arrested_in_a_summary() -> None:
    names = {"p": "Steve Jobs", "o": "Apple Inc.", "g": "Pentagon"}
    types = {"p": "PERSON", "o": "ORG", "g": "ORG"}
    assert _summary("death", [("o", "agent"), ("p", "agent")], [], names, "", "died",
                    types) == "Death of Steve Jobs"
    assert _summary("death", [("g", "agent")], [], names, "", "killed", types) == "Death"
    assert _summary("resignation", [("o", "agent")], [], names, "", "resigned",
                    types) == "Resignation"
