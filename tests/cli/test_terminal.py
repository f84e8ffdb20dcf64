"""The timeline in the terminal: it fits the width on a terminal (40, 80, 200 columns) and is
one full line a record when piped, never cuts a word, names an untitled article by its
text, shows each flag's severity, and prints hostile article text literally."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsline.cli import app
from newsline.entity_report import entity_reports, print_entity_reports, store_entity_reports
from newsline.export.json import timeline
from newsline.store import Store
from newsline.terminal import print_entity_timeline, print_timeline
from newsline.text_display import OPENING, doc_title, first_sentence, shorten, text_title

WIDTHS = (40, 80, 200)
BOXES = re.compile(r"[─━│┃┏┓┗┛┡┩╇╭╮╰╯├┤┬┴┼]")
LONG = ("Airbus unveiled plans for the A380, a twin-deck aircraft that can carry up to 840 "
        "people in all-economy class, at a ceremony in Toulouse attended by several European "
        "political leaders and five thousand guests from the airlines that ordered it.")
UNTITLED_TEXT = ("Officials from the People's Republic of China have agreed to purchase sixty "
                 "Boeing 787 Dreamliner aircraft in a deal worth billions. In China, airliners "
                 "are selected by the government.")
HOSTILE = "[bold]Big[/bold] news \x1b[31mred\x1b[0m\x1b]0;pwned\x07 [link=http://x]here[/link]"


def _tl() -> dict[str, Any]:
    def date(value: str | None, lo: str | None = None, hi: str | None = None) -> dict[str, Any]:
        return {"value": value, "earliest": lo or value, "latest": hi or value,
                "basis": "stated", "confidence": 0.9, "evidence": []}

    docs = [
        {"id": "d-titled", "source": "/srv/news/2005/01/18/airbus.json",
         "title": "Airbus launches world's largest passenger plane in a ceremony at Toulouse",
         "text": LONG, "outlet": None, "date": date("2005-01-18")},
        {"id": "d-untitled", "source": "/very/long/path/to/the/feeds/archive/2005/boeing.txt",
         "title": None, "text": UNTITLED_TEXT, "outlet": None, "date": date("2005-01-29")},
        {"id": "d-hostile", "source": "x.txt", "title": HOSTILE, "text": "Some text here.",
         "outlet": None, "date": date("2005-02-01")},
    ]
    mention = [{"doc": d["id"], "start": 0, "end": 5, "quote": "quote", "modality": "asserted",
                "attributed_to": None} for d in docs]
    events = [
        {"id": "ev-1", "type": "announcement", "summary": LONG, "participants": [],
         "places": [], "date": date("2005-01-18"), "status": "occurred", "mentions": mention},
        {"id": "ev-2", "type": "agreement", "summary": "China agreed to buy Boeing aircraft.",
         "participants": [], "places": [], "date": date("2005-01", "2005-01-01", "2005-01-31"),
         "status": "planned", "mentions": mention[1:2] * 5},
        {"id": "ev-3", "type": "other", "summary": HOSTILE, "participants": [], "places": [],
         "date": date(None, "2005-01-20", "2005-03-02"), "status": "did-not-occur",
         "mentions": mention[2:]},
    ]
    return {
        "schema": "newsline.timeline/1", "generated_at": "2026-01-01T00:00:00Z",
        "documents": docs, "entities": [], "events": events,
        "stories": [{"id": "sty-1", "title": "Airbus and Boeing sell the largest planes",
                     "documents": ["d-titled", "d-untitled"], "events": ["ev-1", "ev-2"],
                     "earliest": "2005-01-18", "latest": "2005-01-29"},
                    {"id": "sty-2", "title": HOSTILE, "documents": ["d-hostile"],
                     "events": [], "earliest": "2005-02-01", "latest": "2005-02-01"}],
        "flags": [
            {"id": "f-info", "kind": "name-variant", "severity": "info",
             "message": "Two spellings of one name.", "documents": ["d-titled"], "evidence": []},
            {"id": "f-odd", "kind": "other", "severity": "catastrophic",
             "message": "A severity no page knows.", "documents": [], "evidence": []},
            {"id": "f-warn", "kind": "duplicate", "severity": "warning",
             "message": "The same article twice.", "documents": ["d-untitled"], "evidence": []},
            {"id": "f-err", "kind": "anachronism", "severity": "error",
             "message": "An office holder named before taking office. " * 4,
             "documents": ["d-titled", "d-untitled"], "evidence": []},
        ],
    }


def _printed(render: Any, width: int, tty: bool) -> str:
    buf = io.StringIO()
    render(Console(width=width, file=buf, force_terminal=tty, color_system=None))
    return buf.getvalue()


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in t.split()}


def _assert_whole_words(out: str, allowed: set[str]) -> None:
    """Every word printed is a word given, or a word given before an ellipsis (its trailing
    comma or colon perhaps dropped): no word is cut inside."""
    for word in out.split():
        if word in allowed or word in ("↳", "…"):
            continue
        assert word.endswith("…"), word
        stem = word.removesuffix("…")
        assert any(stem + tail in allowed for tail in ("", ",", ";", ":", "-", "–")), word


# ---------------------------------------------------------------- the shared helpers


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("Airbus unveiled the world's largest plane", 20) == "Airbus unveiled the…"
    assert shorten("Airbus, the maker of planes", 10) == "Airbus…"  # no dangling comma
    assert shorten("short  text\nhere", 40) == "short text here"  # one line, whole
    assert shorten("Supercalifragilisticexpialidocious word", 10) == "Supercali…"  # one word
    assert shorten("abc def", 1) == "…" and shorten("abc def", 0) == ""
    for width in range(2, 60):
        cut = shorten(LONG, width)
        assert len(cut) <= width
        assert cut.removesuffix("…").rstrip(",") in LONG
        assert LONG.startswith(cut.removesuffix("…")) and (
            cut == LONG or LONG[len(cut) - 1] in " ," or " " not in cut)


def test_shorten_counts_terminal_cells() -> None:
    def wide(ch: str) -> int:
        return 2 if ord(ch) > 0x2E80 else 1
    cut = shorten("東京都の人口は多いです 東京", 10, cell_width=wide)
    assert sum(map(wide, cut)) <= 10 and cut.endswith("…")


def test_a_title_is_made_from_the_first_sentence() -> None:
    assert text_title(UNTITLED_TEXT) == ("Officials from the People's Republic of China have "
                                         "agreed to purchase…")
    assert text_title("\n\n  The U.S. Army said on Monday it would go. Then more.") == (
        "The U.S. Army said on Monday it would go.")
    assert first_sentence("Mr. Smith went. He came back.") == "Mr. Smith went. He came back."
    assert text_title("A headline line\nThe body starts here.") == "A headline line"
    assert text_title(" \n ") == ""
    # only the opening counts (what the store's openings give), its last word perhaps cut
    long = "word " * 100
    assert text_title(long) == text_title(long[:OPENING]) and len(text_title(long)) <= 70
    assert text_title("x" * 10 + " " + "y" * 300).endswith("…")
    assert doc_title(None, UNTITLED_TEXT, "d1") == text_title(UNTITLED_TEXT)
    assert doc_title("  A  title ", "text", "d1") == "A title"
    assert doc_title(None, "", "d1") == "d1"


# ---------------------------------------------------------------- the timeline


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_fits_the_terminal(width: int) -> None:
    tl = _tl()
    out = _printed(lambda c: print_timeline(c, tl), width, tty=True)
    lines = out.splitlines()
    assert lines and all(len(line) <= width for line in lines), max(lines, key=len)
    assert not BOXES.search(out)
    texts = [d["title"] or "" for d in tl["documents"]] + [d["text"] for d in tl["documents"]]
    texts += [e["summary"] for e in tl["events"]] + [f["message"] for f in tl["flags"]]
    texts += [s["title"] for s in tl["stories"]]
    allowed = _words(*texts, "[bold]Big[/bold] news red [link=http://x]here[/link]")
    allowed |= _words("Other events Flags (4: 1 error, 1 warning, 2 info) ⚑ error warning "
                      "info (asserted) (planned) occurred planned did-not-occur +2 more – "
                      "[2005-01-18 – 2005-01-29, 2 articles] sty-1 2005-01-18 2005-01 "
                      "2005-01-20 2005-03-02 anachronism: duplicate: name-variant: other:")
    _assert_whole_words(out, allowed)
    # the summary is all there, wrapped at word boundaries
    assert " ".join(out.split()).count(LONG) == 1


def test_the_summary_wraps_under_its_column_at_80() -> None:
    out = _printed(lambda c: print_timeline(c, _tl()), 80, tty=True)
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "Airbus unveiled" in line)
    column = lines[first].index("Airbus unveiled")
    assert lines[first].startswith("  2005-01-18")
    follow = lines[first + 1]
    assert follow[:column].strip() == "" and follow[column] != " "


def test_piped_the_timeline_is_one_full_line_a_record() -> None:
    tl = _tl()
    out = _printed(lambda c: print_timeline(c, tl), 80, tty=False)
    lines = out.splitlines()
    assert not BOXES.search(out)
    event = [line for line in lines if "Airbus unveiled" in line]
    assert len(event) == 1 and LONG in event[0]  # neither wrapped nor shortened
    assert event[0].startswith("  2005-01-18  occurred  ")
    assert "[Airbus launches world's largest passenger plane in a ceremony at Toulouse " \
           "(asserted) ⚑ error;" in event[0]
    assert any(line.startswith("Airbus and Boeing sell the largest planes  [2005-01-18 – "
                               "2005-01-29, 2 articles]  sty-1") for line in lines)
    # the same, whatever width the console believes it has
    assert _printed(lambda c: print_timeline(c, tl), 40, tty=False) == out


def test_an_untitled_article_is_named_by_its_text_not_its_path() -> None:
    for tty in (True, False):
        out = _printed(lambda c: print_timeline(c, _tl()), 80, tty=tty)
        assert "/very/long/path" not in out and "boeing.txt" not in out
        assert "↳ Officials from the People's" in out or "[Officials from the People's" in out


@pytest.mark.parametrize("tty", [True, False])
def test_flags_show_their_severity(tty: bool) -> None:
    out = _printed(lambda c: print_timeline(c, _tl()), 80, tty=tty)
    flags = out[out.index("Flags"):].splitlines()
    assert flags[0] == "Flags (4: 1 error, 1 warning, 2 info)"
    kinds = [line.split()[2] for line in flags[1:] if line.startswith("  ⚑")]
    assert kinds == ["anachronism:", "duplicate:", "name-variant:", "other:"]  # errors first
    marks = [line.split()[1] for line in flags[1:] if line.startswith("  ⚑")]
    assert marks == ["error", "warning", "info", "info"]  # an unknown severity reads as info
    # a source names the most severe flag on its article (the untitled one has a warning too)
    assert "(asserted) ⚑ error" in out and out.count("⚑ warning") == 1


def test_hostile_text_prints_literally() -> None:
    for tty in (True, False):
        out = _printed(lambda c: print_timeline(c, _tl()), 200, tty=tty)
        assert "\x1b" not in out and "\x07" not in out and "pwned" not in out
        assert "[bold]Big[/bold] news red [link=http://x]here[/link]" in out


def test_the_whole_timeline_of_a_real_build_fits(built_db: Path) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
    for width in WIDTHS:
        out = _printed(lambda c: print_timeline(c, tl), width, tty=True)
        assert all(len(line) <= width for line in out.splitlines())
        assert not BOXES.search(out)
    piped = _printed(lambda c: print_timeline(c, tl), 80, tty=False)
    for ev in tl["events"]:
        summary = " ".join(ev["summary"].split())
        assert sum(summary in line for line in piped.splitlines()) >= 1, summary


# ---------------------------------------------------------------- one entity


def test_the_entity_report_reads_the_tables_as_the_timeline_has_it(built_db: Path) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
        names = ["GM", "General Motors", "general motors", "Chrysler", "Nobody Atall"]
        names += [e["id"] for e in tl["entities"][:5]]
        for name in names:
            assert store_entity_reports(store, name) == entity_reports(tl, name), name


@pytest.mark.parametrize("width", WIDTHS)
def test_the_entity_report_fits_the_terminal(built_db: Path, width: int) -> None:
    with Store(built_db) as store:
        reports = store_entity_reports(store, "General Motors")
    out = _printed(lambda c: print_entity_reports(c, reports), width, tty=True)
    assert all(len(line) <= width for line in out.splitlines())
    assert "Why these forms are one entity" in out
    piped = _printed(lambda c: print_entity_reports(c, reports), 40, tty=False)
    ev = reports[0]["events"][0]
    assert any(" ".join(ev["summary"].split()) in line for line in piped.splitlines())


def test_the_entity_report_counts_in_good_english() -> None:
    report = {"id": "ent-1", "name": HOSTILE, "type": "ORG", "documents": 1,
              "aliases": [{"form": "X", "count": 1, "sources": ["A title"]}], "merges": [],
              "events": [{"id": "ev", "summary": "It happened.", "status": "occurred",
                          "date": None}]}
    out = _printed(lambda c: print_entity_reports(c, [report]), 80, tty=False)
    assert "(1 document, 1 event)" in out
    assert out.startswith("[bold]Big[/bold] news red") and "\x1b" not in out


@pytest.mark.parametrize("width", WIDTHS)
def test_the_entity_timeline_fits_the_terminal(built_db: Path, width: int) -> None:
    etl = json.loads(CliRunner().invoke(app, ["timeline", "--db", str(built_db), "--entity",
                                              "General Motors", "--json"]).stdout)
    # a long argument summary as the entity timeline cuts it (at a word, text_display.shorten)
    etl["events"][0]["summary"] = shorten("x" * 100 + " abcdefghij" * 6, 160)
    out = _printed(lambda c: print_entity_timeline(c, etl), width, tty=True)
    assert all(len(line) <= width for line in out.splitlines())
    assert "abcdefghij…" in out and "abcdefghij a..." not in out


def test_the_cli_timeline_is_plain_lines_when_piped(built_db: Path) -> None:
    result = CliRunner().invoke(app, ["timeline", "--db", str(built_db)])
    assert result.exit_code == 0 and not BOXES.search(result.stdout)
    shown = CliRunner().invoke(app, ["timeline", "--db", str(built_db), "--entity",
                                     "General Motors"])
    assert shown.exit_code == 0 and not BOXES.search(shown.stdout)
    events = [line for line in shown.stdout.splitlines() if line.startswith("  ")]
    assert events and all("«" in line for line in events)  # each event one line
