"""The CSV export: one row per event mention, round-trips through csv.reader, no formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

from newsline.export.csv import COLUMNS, guard_formula, render_csv

try:
    from tests.export.fixtures import PAYLOADS, adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import PAYLOADS, adversarial_timeline, demo_timeline  # type: ignore[no-redef]


def read(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == COLUMNS
    rows = list(reader)
    assert all(len(r) == len(COLUMNS) for r in rows)
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows]


def test_one_row_per_mention() -> None:
    timeline = demo_timeline()
    rows = read(render_csv(timeline))
    assert len(rows) == sum(len(e["mentions"]) for e in timeline["events"])
    expected = {(e["id"], m["quote"]) for e in timeline["events"] for m in e["mentions"]}
    assert {(r["event_id"], r["quote"]) for r in rows} == expected


def test_row_content() -> None:
    rows = read(render_csv(demo_timeline()))
    row = next(
        r for r in rows if r["event_id"] == "ev-summit" and r["document_id"] == "d-kcna-0914"
    )
    assert row == {
        "event_id": "ev-summit",
        "event_date": "2023-09-13",
        "earliest": "2023-09-13",
        "latest": "2023-09-13",
        "status": "occurred",
        "type": "meeting",
        "summary": "Kim and Putin hold talks at the Vostochny Cosmodrome",
        "participants": "Kim Jong Un; Vladimir Putin",
        "document_id": "d-kcna-0914",
        "document_title": "Respected Comrade Kim Jong Un holds talks with Putin",
        "outlet": "KCNA",
        "document_date": "2023-09-14",
        "modality": "asserted",
        "attributed_to": "Korean Central News Agency",
        "quote": "Kim Jong Un and Vladimir Putin held talks at the Vostochny Cosmodrome on "
        "13 September",
    }
    other = next(r for r in rows if r["attributed_to"] == "U.S. officials")
    assert other["event_id"] in {"ev-visit", "ev-arms"}
    starts = [r["earliest"] or r["event_date"] for r in rows]
    assert [s for s in starts if s] == sorted(s for s in starts if s)


def test_event_without_mentions_keeps_a_row() -> None:
    timeline = demo_timeline()
    timeline["events"][0]["mentions"] = []
    rows = read(render_csv(timeline))
    lone = [r for r in rows if r["event_id"] == timeline["events"][0]["id"]]
    assert len(lone) == 1 and lone[0]["quote"] == "" and lone[0]["document_id"] == ""


def test_hostile_round_trip_and_formula_guard() -> None:
    timeline = adversarial_timeline()
    rows = read(render_csv(timeline))
    cells = [c for r in rows for c in r.values()]
    for payload in PAYLOADS:
        assert any(payload in c for c in cells)
    multiline = [r for r in rows if "\r\nsecond line" in r["quote"]]
    assert len(multiline) == 1 and multiline[0]["attributed_to"] == "'@SUM(A1)"
    assert any(r["quote"] == '\'=HYPERLINK("http://x")' for r in rows)
    assert any(r["summary"].startswith("'=cmd|") for r in rows)
    for cell in cells:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_guard_formula() -> None:
    cases: dict[str, Any] = {
        "=1+1": "'=1+1",
        "+1": "'+1",
        "-1": "'-1",
        "@SUM(A1)": "'@SUM(A1)",
        "\t=x": "'\t=x",
        "  =x": "'  =x",
        "plain": "plain",
        "": "",
        "a=b": "a=b",
        "2023-09-12": "2023-09-12",
    }
    for cell, want in cases.items():
        assert guard_formula(cell) == want
