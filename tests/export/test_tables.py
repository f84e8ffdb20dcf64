"""The tables for pandas and R: Parquet files pyarrow reads back, CSV tables csv reads back,
one per kind, with the row counts and columns of the timeline, and texts kept exactly."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsline.errors import NewslineError
from newsline.export.json import timeline
from newsline.export.tables import COLUMNS, render_csv_table, tables, write_tables
from newsline.store import Store

try:
    from tests.export.fixtures import XSS_SCRIPT, adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import XSS_SCRIPT, adversarial_timeline, demo_timeline  # type: ignore[no-redef]

ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def expected_counts(tl: dict[str, Any]) -> dict[str, int]:
    return {
        "documents": len(tl["documents"]),
        "entities": len(tl["entities"]),
        "aliases": sum(len(e["aliases"]) for e in tl["entities"]),
        "entity_mentions": sum(len(e["mentions"]) for e in tl["entities"]),
        "events": len(tl["events"]),
        "event_mentions": sum(len(e["mentions"]) for e in tl["events"]),
        "participants": sum(len(e["participants"]) + len(e["places"]) for e in tl["events"]),
        "stories": len(tl["stories"]),
        "summaries": len(tl.get("summaries", [])),
        "flags": len(tl["flags"]),
        "flag_documents": sum(len(f["documents"]) for f in tl["flags"]),
        "evidence": sum(len(d["date"]["evidence"]) for d in tl["documents"])
        + sum(len(e["date"]["evidence"]) for e in tl["events"])
        + sum(len(f["evidence"]) for f in tl["flags"]),
    }


def read_parquet(folder: Path) -> dict[str, pa.Table]:
    return {p.stem: pq.read_table(p) for p in sorted(folder.glob("*.parquet"))}


def check_parquet(tl: dict[str, Any], folder: Path) -> dict[str, pa.Table]:
    got = read_parquet(folder)
    assert set(got) == set(COLUMNS)
    counts = expected_counts(tl)
    for name, table in got.items():
        assert table.schema.names == [c for c, _ in COLUMNS[name]], name
        assert [f.type for f in table.schema] == [ARROW[k] for _, k in COLUMNS[name]], name
        assert table.num_rows == counts[name], name
    return got


def test_parquet_tables_read_back(tmp_path: Path) -> None:
    tl = demo_timeline()
    written = write_tables(tl, tmp_path / "out", "parquet")
    assert len(written) == len(COLUMNS)
    got = check_parquet(tl, tmp_path / "out")
    events = {r["id"]: r for r in got["events"].to_pylist()}
    assert events["ev-summit"]["story"] == "s-kim-russia"
    assert events["ev-summit"]["date"] == "2023-09-13"
    assert events["ev-summit"]["mentions"] == 2
    assert events["ev-protest"]["story"] is None
    docs = {r["id"]: r for r in got["documents"].to_pylist()}
    assert docs["d-ap-0912"]["story"] == "s-kim-russia"
    assert docs["d-blog-undated"]["date_earliest"] == "2023-09-01"
    parts = got["participants"].to_pylist()
    assert {"event": "ev-summit", "entity": "e-vostochny", "role": "place"} in parts
    ents = {r["id"]: r for r in got["entities"].to_pylist()}
    assert ents["e-kim"]["events"] == sum(
        1 for e in tl["events"] if "e-kim" in {p["entity"] for p in e["participants"]})
    # every offset of every table points at its quote in the document's text
    texts = {r["id"]: r["text"] for r in got["documents"].to_pylist()}
    for name, key in (("event_mentions", "quote"), ("entity_mentions", "text"),
                      ("evidence", "quote")):
        for r in got[name].to_pylist():
            assert texts[r["doc"]][r["start"]:r["end"]] == r[key], name


def test_hostile_text_is_kept_exactly(tmp_path: Path) -> None:
    tl = adversarial_timeline()
    got = check_parquet(tl, Path(write_tables(tl, tmp_path / "p", "parquet")[0]).parent)
    titles = {r["id"]: r["title"] for r in got["documents"].to_pylist()}
    assert titles["a1"] == f"{XSS_SCRIPT} Breaking"
    texts = {r["id"]: r["text"] for r in got["documents"].to_pylist()}
    assert texts == {d["id"]: d["text"] for d in tl["documents"]}
    # the CSV tables keep it too: formulas and line breaks included
    write_tables(tl, tmp_path / "c", "csv-tables")
    with (tmp_path / "c" / "documents.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"]: r["text"] for r in rows} == texts
    quotes = {r["quote"] for r in csv.DictReader(
        io.StringIO((tmp_path / "c" / "event_mentions.csv").read_text("utf-8"), newline=""))}
    assert '=HYPERLINK("http://x")' in quotes


def test_csv_tables_read_back(tmp_path: Path) -> None:
    tl = demo_timeline()
    write_tables(tl, tmp_path / "c", "csv-tables")
    counts = expected_counts(tl)
    for name, cols in COLUMNS.items():
        with (tmp_path / "c" / f"{name}.csv").open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            assert next(reader) == [c for c, _ in cols]
            rows = list(reader)
        assert len(rows) == counts[name] and all(len(r) == len(cols) for r in rows)
    assert render_csv_table("flags", []) == ",".join(c for c, _ in COLUMNS["flags"]) + "\r\n"


@pytest.mark.parametrize("fmt, ext", [("parquet", ".parquet"), ("csv-tables", ".csv")])
def test_zip_holds_one_file_per_table(tmp_path: Path, fmt: str, ext: str) -> None:
    tl = demo_timeline()
    dest = tmp_path / "tables.zip"
    assert write_tables(tl, dest, fmt) == [dest]
    with zipfile.ZipFile(dest) as z:
        assert sorted(z.namelist()) == sorted(n + ext for n in COLUMNS)
        if fmt == "parquet":
            events = pq.read_table(io.BytesIO(z.read("events.parquet")))
            assert events.num_rows == len(tl["events"])


def test_a_file_where_the_folder_goes_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(NewslineError, match="not a folder"):
        write_tables(demo_timeline(), tmp_path / "taken", "parquet")


def test_the_built_corpus_exports(built_db: Path, tmp_path: Path) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
    write_tables(tl, tmp_path / "pq", "parquet")
    got = check_parquet(tl, tmp_path / "pq")
    stories = {r["id"] for r in got["stories"].to_pylist()}
    assert {r["story"] for r in got["documents"].to_pylist()} <= stories | {None}
    assert tables(tl)["events"][0].keys() == {c for c, _ in COLUMNS["events"]}
