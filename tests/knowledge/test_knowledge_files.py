"""The bundled knowledge files built from real data: the loader reads them all, every fact has
its source and every file its licence, no name is generic, every date reads, and facts known
from the sources are there."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from newsline import knowledge
from newsline.analyze import dating_kb
from newsline.knowledge import Knowledge, alternation, generic_event_name

FOLDER = Path(str(resources.files("newsline.data").joinpath("knowledge")))
BUILT = sorted(FOLDER.glob("*.json"))

# Phrases that name no particular event; news text is full of them.
GENERIC = ["the war", "an offensive", "a full-scale offensive", "the summit", "the earthquake",
           "the conflict", "the floods", "the two-year-old conflict", "civil war",
           "the civil war", "their third summit", "the 60th anniversary", "the invasion",
           "full-scale invasion", "the attacks", "the crisis", "the revolution", "the uprising",
           "a general strike", "the peace talks", "the election", "the referendum",
           "the ceasefire", "the massacre", "the bombing", "the coup", "a military coup",
           "the protests", "mass protests", "the pandemic", "the disaster", "the siege",
           "the first world war summit", "recent clashes", "the annexation", "the treaty",
           "peace agreement", "the Agreement", "The War", "the 2nd congress"]


def _files() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in BUILT}


def _all() -> dict[str, Any]:
    return knowledge.data(knowledge.source(None))


def test_the_loader_reads_every_file_of_the_folder() -> None:
    names = [n for n, _ in knowledge._bundled_files()]
    assert names[-1] == knowledge.BUNDLED  # the curated file last: its aliases win
    assert names[:-1] == [f"{knowledge.BUNDLED_DIR}/{p.name}" for p in BUILT]
    assert len(BUILT) >= 4
    data = _all()
    loaded = {section: [{k: v for k, v in item.items() if k != knowledge.BUILT}
                        for item in data[section]] for section in knowledge.SECTIONS}
    for name, file in _files().items():
        for section in knowledge.SECTIONS:
            for item in file.get(section, []):
                assert item in loaded[section], (name, item)
    # the built files' office terms are marked as such, the curated file's are not
    built = sum(len(f.get("offices", [])) for f in _files().values())
    assert sum(bool(o.get(knowledge.BUILT)) for o in data["offices"]) == built
    curated = json.loads((BUILT[0].parent.parent / "knowledge.json").read_text("utf-8"))
    assert not any(o.get(knowledge.BUILT) for o in data["offices"][-len(curated["offices"]):])


def test_the_digest_covers_every_bundled_file(monkeypatch: pytest.MonkeyPatch) -> None:
    files = knowledge._bundled_files()
    before = knowledge.source(None).digest
    changed = tuple((n, b + b" ") if n.endswith("events_wikidata.json") else (n, b)
                    for n, b in files)
    monkeypatch.setattr(knowledge, "_bundled_files", lambda: changed)
    knowledge._digest.cache_clear()
    try:
        assert knowledge.source(None).digest != before
    finally:
        monkeypatch.undo()
        knowledge._digest.cache_clear()
    assert knowledge.source(None).digest == before


def test_every_file_names_its_licence_and_every_fact_its_source() -> None:
    sources_md = (FOLDER / "SOURCES.md").read_text("utf-8")
    for name, file in _files().items():
        assert file["schema"] == "newsline.knowledge/1"
        for key in ("about", "licence", "attribution", "origin"):
            assert file.get(key), (name, key)
        assert name in sources_md
        for section in ("offices", "events"):
            for item in file.get(section, []):
                assert item.get("source", "").startswith("https://"), (name, item)
    assert "BY-SA" in _files()["events_wikipedia_on_this_day.json"]["licence"]
    assert "CC BY 4.0" in _files()["offices_uk_ministers_ifg.json"]["licence"]
    curated = _all()
    for section in ("entities", "offices", "events", "commemorations"):
        assert all(item.get("source") for item in curated[section]), section


def test_generic_phrases_are_caught() -> None:
    for phrase in GENERIC:
        assert generic_event_name(phrase), phrase
    for name in ["2010 Haiti earthquake", "annexation of Crimea", "Arab Spring", "Gulf War",
                 "Fukushima nuclear disaster", "World War II", "Six-Day War", "9/11"]:
        assert not generic_event_name(name), name


def test_no_event_is_named_generically() -> None:
    for e in _all()["events"]:
        for n in [e["name"], *e.get("aliases", [])]:
            assert not generic_event_name(n), (n, e["source"])
    view = dating_kb.of(knowledge.source(None))
    for phrase in GENERIC:
        assert phrase.lower() not in view.events, phrase
        assert view.event_rx is not None and not view.event_rx.fullmatch(phrase), phrase


def test_every_date_reads_and_terms_run_forwards() -> None:
    data = _all()
    for o in data["offices"]:
        start = dt.date.fromisoformat(o["from"])
        if o.get("to"):
            assert start <= dt.date.fromisoformat(o["to"]), o
        if o.get("as_of"):
            assert o.get("to") is None and start <= dt.date.fromisoformat(o["as_of"]), o
        assert o.get("precision", "day") in ("day", "year"), o
        if o.get("known_since"):
            assert dt.date.fromisoformat(o["known_since"]) <= dt.date.fromisoformat(
                o.get("to") or o.get("as_of") or "9999-12-31"), o
    for e in data["events"]:
        day = dt.date.fromisoformat(e["date"])
        assert day.year >= 1000, e
        if e.get("end"):
            assert day <= dt.date.fromisoformat(e["end"]), e
        assert e.get("precision", "day") in ("day", "month", "year"), e
    assert all(dt.date.fromisoformat(c["month_day"].join(["2000-", ""])) for c in
               data["commemorations"])


def test_built_offices_have_titles_and_countries() -> None:
    for name, file in _files().items():
        offices = {o["office"] for o in file.get("offices", [])}
        titled = {t["office"] for t in file.get("titles", []) if t["titles"]}
        assert offices <= titled, (name, sorted(offices - titled)[:5])
        if name != "offices_international_wikidata.json":
            assert all(o.get("country") for o in file.get("offices", [])), name


def test_known_facts() -> None:
    kb = Knowledge.bundled()
    merkel = [t for t in kb.terms if t.holder == "Angela Merkel"
              and t.office == "Chancellor of Germany"]
    assert [(t.start, t.end) for t in merkel] == [(dt.date(2005, 11, 22), dt.date(2021, 12, 8))]
    cook = [t for t in kb.holders("Foreign Secretary of the United Kingdom", dt.date(1999, 1, 1))]
    assert [t.holder for t in cook] == ["Robin Cook"] and "instituteforgov" in cook[0].source
    assert [t.holder for t in kb.holders("Home Secretary of the United Kingdom",
                                         dt.date(2008, 1, 1))] == ["Jacqui Smith"]
    assert [t.holder for t in kb.holders("Chancellor of the Exchequer",
                                         dt.date(2012, 1, 1))] == ["George Osborne"]
    view = dating_kb.of(knowledge.source(None))
    assert view.events["six-day war"].date == dt.date(1967, 6, 5)
    assert view.events["malaysia airlines flight 17"].date == dt.date(2014, 7, 17)
    assert view.events["annexation of crimea"].date == dt.date(2014, 3, 18)
    six_day = next(e for e in _all()["events"] if e["name"] == "Six-Day War")
    assert six_day["end"] == "1967-06-10" and six_day["kind"] == "war"
    countries = {o.get("country") for o in _all()["offices"]}
    assert {"Germany", "United Kingdom", "Brazil", "Kenya", "Japan", "South Korea"} <= countries


def test_the_analysis_reads_a_title_of_the_built_data() -> None:
    view = dating_kb.of(knowledge.source(None))
    terms = view.by_title[("home secretary", "smith")]
    assert any(t.holder == "Jacqui Smith" for t in terms)
    assert view.title_rx is not None and view.title_rx.search("said Home Secretary Jacqui Smith")


def test_alternation_matches_like_a_plain_one() -> None:
    import re

    words = ["Gulf War", "Gulf", "Gulf of Mexico", "War", "a.b", "abc", "ab"]
    text = "the Gulf War, Gulf of Mexico oil, a.b and axb, abc ab Gulf"
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(alternation(words))
    assert [m[0] for m in trie.finditer(text)] == [m[0] for m in plain.finditer(text)]
    assert re.compile(alternation([])).search("anything") is None
