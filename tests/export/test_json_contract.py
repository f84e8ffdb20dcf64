"""The JSON export against the contract of SPEC.md: schema, offsets, stable ids."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from newsline.export.json import offset_problems, render_json, schema, timeline, validate
from newsline.store import Store


@pytest.fixture(scope="module")
def tl(built_db: Path) -> dict:
    with Store(built_db) as store:
        return timeline(store)


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_export_validates_against_the_shipped_schema(tl: dict) -> None:
    validate(tl)
    assert tl["schema"] == "newsline.timeline/1"
    assert tl["documents"] and tl["entities"] and tl["events"]


def test_every_quote_is_the_text_it_points_to(tl: dict) -> None:
    assert offset_problems(tl) == []
    texts = {d["id"]: d["text"] for d in tl["documents"]}
    checked = 0
    for ev in tl["events"]:
        for m in ev["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["quote"]
            checked += 1
    for e in tl["entities"]:
        for m in e["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
    assert checked > 0


def test_a_wrong_offset_is_caught(tl: dict) -> None:
    bad = copy.deepcopy(tl)
    bad["events"][0]["mentions"][0]["start"] += 1
    with pytest.raises(ValueError, match="text\\["):
        validate(bad)


def test_a_missing_field_is_caught(tl: dict) -> None:
    bad = copy.deepcopy(tl)
    del bad["events"][0]["status"]
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


def test_documents_belong_to_at_most_one_story(tl: dict) -> None:
    seen: list[str] = [d for s in tl["stories"] for d in s["documents"]]
    assert len(seen) == len(set(seen))


def test_ids_are_stable_across_rebuilds(built_copy: Path) -> None:
    from newsline.pipeline import build
    from newsline.settings import Settings

    with Store(built_copy) as store:
        first = timeline(store)
        build(store, Settings(db=built_copy, workers=1, progress=False))
        second = timeline(store)
    for key in ("documents", "entities", "events", "stories", "flags"):
        assert [x["id"] for x in first[key]] == [x["id"] for x in second[key]], key
    strip = lambda t: {k: v for k, v in t.items() if k != "generated_at"}  # noqa: E731
    assert strip(first) == strip(second)


def test_rendered_json_round_trips(tl: dict) -> None:
    assert json.loads(render_json(tl)) == tl


def test_event_status_and_modality_vocabulary(tl: dict) -> None:
    statuses = {e["status"] for e in tl["events"]}
    assert statuses <= {"occurred", "planned", "expected", "rumoured", "denied", "cancelled",
                        "did-not-occur", "unknown"}
    assert "occurred" in statuses
