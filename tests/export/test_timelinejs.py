"""The TimelineJS export: valid against the structure Knight Lab documents
(https://timeline.knightlab.com/docs/json-format.html), every dated event on it with its
sources, undated ones counted, and every text from the articles escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsline.export.json import timeline
from newsline.export.timelinejs import MAX_SOURCES, date_span, render_timelinejs, timelinejs
from newsline.store import Store

try:
    from tests.export.fixtures import PAYLOADS, adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import PAYLOADS, adversarial_timeline, demo_timeline  # type: ignore[no-redef]

# The TimelineJS 3 JSON format as its documentation states it: the required fields, the
# types, the ranges of the date parts; nothing else allowed where the format lists all.
_DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
        "millisecond": {"type": "integer"},
        "display_date": {"type": "string"},
        "format": {"type": "string"},
    },
    "additionalProperties": False,
}
_TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
_SLIDE_PROPERTIES = {
    "start_date": _DATE,
    "end_date": _DATE,
    "text": _TEXT,
    "media": {"type": "object", "required": ["url"]},
    "group": {"type": "string"},
    "display_date": {"type": "string"},
    "background": {"type": "object"},
    "autolink": {"type": "boolean"},
    "unique_id": {"type": "string", "minLength": 1},
}
TIMELINEJS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "events": {
            "type": "array",
            "items": {"type": "object", "required": ["start_date"],
                      "properties": _SLIDE_PROPERTIES, "additionalProperties": False},
        },
        "title": {"type": "object", "not": {"required": ["start_date"]},
                  "properties": _SLIDE_PROPERTIES, "additionalProperties": False},
        "eras": {
            "type": "array",
            "items": {"type": "object", "required": ["start_date", "end_date"],
                      "properties": {"start_date": _DATE, "end_date": _DATE, "text": _TEXT},
                      "additionalProperties": False},
        },
        "scale": {"enum": ["human", "cosmological"]},
    },
    "additionalProperties": False,
}


def check(tl: dict[str, Any]) -> dict[str, Any]:
    """The export of ``tl``, read back as a JSON document, valid, with the structural rules
    TimelineJS itself applies (unique slide ids, an end never before its start)."""
    out = json.loads(render_timelinejs(tl))
    jsonschema.validate(out, TIMELINEJS_SCHEMA)
    ids = [s["unique_id"] for s in [out["title"], *out["events"]]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    for slide in out["events"] + out.get("eras", []):
        if "end_date" in slide:
            assert _tuple(slide["start_date"]) < _tuple(slide["end_date"])
    starts = [_tuple(s["start_date"]) for s in out["events"]]
    assert starts == sorted(starts)
    return out


def _tuple(d: dict[str, int]) -> tuple[int, int, int]:
    return d["year"], d.get("month", 0), d.get("day", 0)


class _Texts(HTMLParser):
    """The tags and the text of an HTML fragment, as a browser parses it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(fragment: str) -> _Texts:
    p = _Texts()
    p.feed(fragment)
    p.close()
    return p


def test_demo_timeline_is_valid_and_complete() -> None:
    tl = demo_timeline()
    out = check(tl)
    dated = [e for e in tl["events"] if date_span(e["date"]) is not None]
    assert {s["unique_id"] for s in out["events"]} == {e["id"] for e in dated}
    undated = len(tl["events"]) - len(dated)
    assert undated == 0 or f"{undated} undated" in out["title"]["text"]["text"]
    assert out["scale"] == "human"


def test_dates_keep_their_granularity_and_ranges() -> None:
    out = check(demo_timeline())
    slides = {s["unique_id"]: s for s in out["events"]}
    assert slides["ev-summit"]["start_date"] == {"year": 2023, "month": 9, "day": 13}
    assert "end_date" not in slides["ev-summit"]
    assert slides["ev-lavrov"]["start_date"] == {"year": 2023, "month": 10}  # a month
    # no value, only a lower bound: placed at the bound, without an end
    assert slides["ev-putin-visit"]["start_date"] == {"year": 2023, "month": 9, "day": 14}
    assert date_span({"value": None, "earliest": "2023-09-01", "latest": "2023-09-11"}) == (
        {"year": 2023, "month": 9, "day": 1}, {"year": 2023, "month": 9, "day": 11})
    assert date_span({"value": "2023", "earliest": None, "latest": None}) == (
        {"year": 2023}, None)
    assert date_span({"value": None, "earliest": None, "latest": None}) is None


def test_undated_events_are_left_out_and_counted() -> None:
    tl = demo_timeline()
    for ev in tl["events"][:2]:
        ev["date"] = {"value": None, "earliest": None, "latest": None, "basis": "unknown",
                      "confidence": 0.0, "evidence": []}
    out = check(tl)
    assert len(out["events"]) == len(tl["events"]) - 2
    assert "2 undated events are left out" in out["title"]["text"]["text"]


def test_slide_content_status_group_and_sources() -> None:
    tl = demo_timeline()
    out = check(tl)
    slide = next(s for s in out["events"] if s["unique_id"] == "ev-summit")
    assert slide["text"]["headline"] == "Kim and Putin hold talks at the Vostochny Cosmodrome"
    assert slide["group"] == "Kim Jong Un's trip to Russia"
    assert slide["autolink"] is False
    body = parse(slide["text"]["text"])
    assert "occurred" in body.text and "meeting" in body.text
    assert "Kim Jong Un (participant)" in body.text and "Vostochny Cosmodrome" in body.text
    ev = next(e for e in tl["events"] if e["id"] == "ev-summit")
    for m in ev["mentions"]:
        assert m["quote"] in body.text
    assert "per Korean Central News Agency" in body.text  # attribution by entity name
    links = [dict(a)["href"] for t, a in body.tags if t == "a"]
    assert links == ["https://www.reuters.com/world/asia-pacific/kim-putin-2023-09-05/",
                     "https://kcnawatch.org/newstream/kim-putin-talks/"]
    assert next(s for s in out["events"] if s["unique_id"] == "ev-sat3")["group"] == (
        "North Korea's spy satellite launches")
    alone = next(s for s in out["events"] if s["unique_id"] == "ev-protest")
    assert "group" not in alone  # in no story


def test_sources_are_capped() -> None:
    tl = demo_timeline()
    ev = tl["events"][0]
    ev["mentions"] = ev["mentions"] * 5
    out = check(tl)
    slide = next(s for s in out["events"] if s["unique_id"] == ev["id"])
    items = [t for t, _ in parse(slide["text"]["text"]).tags if t == "li"]
    assert len(items) == MAX_SOURCES + 1
    assert f"and {len(ev['mentions']) - MAX_SOURCES} more reports" in slide["text"]["text"]


def test_story_spans_are_eras() -> None:
    out = check(demo_timeline())
    eras = {e["text"]["headline"]: e for e in out["eras"]}
    assert eras["Kim Jong Un's trip to Russia"]["start_date"] == {"year": 2023, "month": 9,
                                                                  "day": 5}
    assert eras["North Korea's spy satellite launches"]["end_date"] == {
        "year": 2023, "month": 11, "day": 21}


def test_hostile_text_is_escaped_everywhere() -> None:
    tl = adversarial_timeline()
    out = check(tl)
    assert out["events"], "the adversarial timeline has a dated event"
    for slide in [out["title"], *out["events"], *out.get("eras", [])]:
        for field in ("headline", "text"):
            html = slide.get("text", {}).get(field, "")
            parsed = parse(html)
            # only the tags the exporter writes, and no attribute but a link's own
            assert {t for t, _ in parsed.tags} <= {"p", "b", "ul", "li", "a"}
            for tag, attrs in parsed.tags:
                names = {k for k, _ in attrs}
                assert names <= ({"href", "target", "rel"} if tag == "a" else set())
                if tag == "a":
                    assert re.match(r"^https?://", dict(attrs)["href"] or "")
            for payload in PAYLOADS:
                if payload != "{{ 7*7 }}":
                    assert payload not in html
        for field in ("group",):
            assert not set(slide.get(field, "")) & set('<>&"')
    slide = out["events"][0]
    text = parse(slide["text"]["text"]).text
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert parse(slide["text"]["headline"]).text.startswith("Summary <script>")
    assert "javascript:" not in json.dumps(out).lower()


def test_the_built_corpus_exports(built_db: Path) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
    out = check(tl)
    dated = sum(1 for e in tl["events"] if date_span(e["date"]) is not None)
    assert len(out["events"]) == dated > 0
    undated = len(tl["events"]) - dated
    if undated:
        assert f"{undated} undated" in out["title"]["text"]["text"]
    groups = {s["title"] for s in tl["stories"]}
    assert {s["group"] for s in out["events"] if "group" in s} <= groups


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-30", "20230", "", "2023-9-1", None])
def test_malformed_dates_are_undated(value: str | None) -> None:
    assert date_span({"value": value, "earliest": None, "latest": None}) is None


def test_the_object_and_the_text_agree() -> None:
    tl = demo_timeline()
    assert json.loads(render_timelinejs(tl)) == timelinejs(tl)
    assert "\u2028" not in render_timelinejs(adversarial_timeline())
