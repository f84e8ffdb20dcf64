"""The build script's readers on small real-shaped inputs: which "On this day" sentences give
an event's name, which names are distinctive, how Wikidata dates and UK posts are read."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "knowledge"


@pytest.fixture(scope="module")
def build() -> Iterator[tuple[ModuleType, ModuleType]]:
    sys.path.insert(0, str(SCRIPTS))
    try:
        yield importlib.import_module("events"), importlib.import_module("offices")
    finally:
        sys.path.remove(str(SCRIPTS))


SENTENCES = [
    "The 5.9 Mw Whittier Narrows earthquake shakes the San Gabriel Valley, killing eight.",
    "The Oklahoma City bombing kills 168 people.",
    "Gulf War: Ground troops cross the Saudi Arabian border and enter Iraq.",
    "The Siege of Sarajevo ends.",
    "The Good Friday Agreement is accepted in a referendum in Northern Ireland.",
    "The Dayton Agreement is signed in Paris.",
    "Haiti attacks the Spanish colony of Santo Domingo.",
    "About 200 Extinction Rebellion activists are arrested in London.",
    "Four people are killed when Lufthansa CityLine Flight 5634 crashes on approach.",
    "A wildfire in East Attica kills at least 102 people.",
    "The rescue agreement takes effect.",
]


def test_sentence_names(build: tuple[ModuleType, ModuleType]) -> None:
    events, _ = build
    words = events.Words.of(SENTENCES * 3 + ["the rescue of the crew", "a rescue team",
                                             "the rescue began", "in eastern Syria"] * 3)
    got = {s: events._subject_name(s) for s in SENTENCES}
    assert got[SENTENCES[0]] == "Whittier Narrows earthquake"
    assert got[SENTENCES[1]] == "Oklahoma City bombing"
    assert got[SENTENCES[2]] is None  # a heading, not the day's event
    assert got[SENTENCES[3]] is None  # something that befell it later
    assert got[SENTENCES[4]] is None
    assert got[SENTENCES[5]] == "Dayton Agreement"
    assert got[SENTENCES[6]] is None  # "attacks" is the verb
    assert got[SENTENCES[7]] is None
    assert events._FLIGHT.findall(SENTENCES[8]) == ["Lufthansa CityLine Flight 5634"]
    assert got[SENTENCES[9]] is None  # no name
    assert words.distinctive("Whittier Narrows earthquake")
    assert not words.distinctive("Rescue Agreement")  # a common word and an event word
    assert not words.distinctive("the war") and not words.distinctive("Eastern offensive")
    assert words.distinctive("2010 Haiti earthquake")


def test_wikidata_dates(build: tuple[ModuleType, ModuleType]) -> None:
    events, _ = build
    assert events.parse_date("2014-03-18T00:00:00Z") == (dt.date(2014, 3, 18), "day")
    assert events.parse_date("2022-01-01T00:00:00Z") == (dt.date(2022, 1, 1), "year")
    assert events.parse_date("2020-11-01T00:00:00Z") == (dt.date(2020, 11, 1), "month")
    assert events.parse_date("-0232-01-01T00:00:00Z") is None
    assert events.parse_date("1453-05-29T00:00:00Z") is None  # before MIN_YEAR
    assert events.last_day(dt.date(2020, 2, 1), "month") == dt.date(2020, 2, 29)
    assert "Polish-Soviet War" in events.variants("Polish–Soviet War")
    assert "1973 Chilean coup" in events.variants("1973 Chilean coup d'état")
    assert "Cetekovac massacre" in events.variants("Četekovac massacre")


def test_uk_posts(build: tuple[ModuleType, ModuleType]) -> None:
    _, offices = build
    assert offices._uk_office("Secretary of State for the Home Department") == (
        "Home Secretary of the United Kingdom", ["Home Secretary"])
    assert offices._uk_office(
        "Secretary of State for Foreign, Commonwealth and Development Affairs") == (
        "Foreign Secretary of the United Kingdom", ["Foreign Secretary"])
    assert offices._uk_office("Minister of State") is None
    assert offices._uk_office("Parliamentary Under-Secretary of State") is None
    assert offices._uk_office("Minister for Europe") == ("Minister for Europe",
                                                         ["Minister for Europe"])
    assert offices._monarch_name("Salman of Saudi Arabia") == ("Salman", [])
    assert offices._monarch_name("Charles III of the United Kingdom") == ("Charles III",
                                                                         ["Charles"])
    assert offices.country("People's Republic of China") == "China"
