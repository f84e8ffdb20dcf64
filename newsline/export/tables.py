"""The timeline as tables for pandas, R and SQL tools: one table per kind of thing.

``newsline export --format parquet --out FOLDER`` writes one Parquet file per table
(``documents.parquet``, ``events.parquet``, ...), ``--format csv-tables`` one CSV file per
table; an ``--out`` ending in ``.zip`` gets the same files inside one zip archive.

Every table is flat (no lists in a cell) and joins on ids: ``event_mentions.event`` is
``events.id``, ``participants.entity`` is ``entities.id``, ``documents.story`` is
``stories.id``, and so on. Texts and quotes are kept exactly as stored, so
``documents.text[start:end] == quote`` holds in every table with offsets; the CSV tables are
for programs (for a spreadsheet, ``--format csv`` guards cells against formulas).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsline.errors import NewslineError

Json = dict[str, Any]
Row = dict[str, Any]

# table -> its columns and their types ("str", "int", "float", "bool"; every one nullable)
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "str"), ("source", "str"), ("title", "str"), ("outlet", "str"), ("url", "str"),
        ("date", "str"), ("date_earliest", "str"), ("date_latest", "str"),
        ("date_basis", "str"), ("date_confidence", "float"), ("story", "str"),
        ("problem_stage", "str"), ("problem_reason", "str"), ("text", "str"),
        # the source's byline and section; provenance as JSON text (record, format,
        # file_created, extra), empty when nothing is known
        ("author", "str"), ("section", "str"), ("provenance", "str"),
    ),
    "entities": (
        ("id", "str"), ("name", "str"), ("type", "str"), ("named", "bool"),
        ("mentions", "int"), ("documents", "int"), ("events", "int"),
    ),
    "aliases": (("entity", "str"), ("alias", "str"), ("mentions", "int")),
    "entity_mentions": (
        ("entity", "str"), ("doc", "str"), ("start", "int"), ("end", "int"), ("text", "str"),
        ("kind", "str"),
    ),
    "events": (
        ("id", "str"), ("type", "str"), ("summary", "str"), ("status", "str"),
        ("date", "str"), ("date_earliest", "str"), ("date_latest", "str"),
        ("date_basis", "str"), ("date_confidence", "float"), ("story", "str"),
        ("mentions", "int"),
    ),
    "event_mentions": (
        ("event", "str"), ("doc", "str"), ("start", "int"), ("end", "int"), ("quote", "str"),
        ("modality", "str"), ("attributed_to", "str"), ("trigger_start", "int"),
        ("trigger_end", "int"),
    ),
    "participants": (("event", "str"), ("entity", "str"), ("role", "str")),
    "stories": (
        ("id", "str"), ("title", "str"), ("earliest", "str"), ("latest", "str"),
        ("documents", "int"), ("events", "int"),
    ),
    "summaries": (
        ("story", "str"), ("date", "str"), ("text", "str"), ("doc", "str"), ("start", "int"),
        ("end", "int"),
    ),
    "flags": (
        ("id", "str"), ("kind", "str"), ("severity", "str"), ("message", "str"),
        ("documents", "int"),
    ),
    "flag_documents": (("flag", "str"), ("doc", "str")),
    # the quotes behind every date and flag: owner is a document, event or flag id
    "evidence": (
        ("owner", "str"), ("owner_kind", "str"), ("doc", "str"), ("start", "int"),
        ("end", "int"), ("quote", "str"), ("reason", "str"),
    ),
}
FORMATS = ("parquet", "csv-tables")


def tables(tl: Json) -> dict[str, list[Row]]:
    """Every table of the timeline dict ``tl`` (SPEC.md), rows as dicts of the columns."""
    story_of_doc = {d: s["id"] for s in _list(tl.get("stories")) for d in _list(s["documents"])}
    story_of_event = {e: s["id"] for s in _list(tl.get("stories")) for e in _list(s["events"])}
    out: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    for d in _list(tl.get("documents")):
        out["documents"].append(document_row(d, story_of_doc.get(d["id"])))
        out["evidence"] += evidence_rows(d["id"], "document", d.get("date"))
    events_of: Counter[str] = Counter()
    for ev in _list(tl.get("events")):
        out["events"].append(event_row(ev, story_of_event.get(ev["id"])))
        out["event_mentions"] += event_mention_rows(ev)
        parts = participant_rows(ev)
        out["participants"] += parts
        out["evidence"] += evidence_rows(ev["id"], "event", ev.get("date"))
        events_of.update({p["entity"] for p in parts})
    for e in _list(tl.get("entities")):
        out["entities"].append(entity_row(e, events_of[e["id"]]))
        out["aliases"] += alias_rows(e)
        out["entity_mentions"] += [
            {"entity": e["id"], "doc": m["doc"], "start": m["start"], "end": m["end"],
             "text": m["text"], "kind": m.get("kind", "name")} for m in _list(e["mentions"])]
    for s in _list(tl.get("stories")):
        out["stories"].append(story_row(s))
    for line in _list(tl.get("summaries")):
        out["summaries"].append({k: line.get(k) for k, _ in COLUMNS["summaries"]})
    for f in _list(tl.get("flags")):
        out["flags"].append({"id": f["id"], "kind": f["kind"], "severity": f["severity"],
                             "message": f["message"], "documents": len(f["documents"])})
        out["flag_documents"] += [{"flag": f["id"], "doc": d} for d in f["documents"]]
        out["evidence"] += [{"owner": f["id"], "owner_kind": "flag", **_evidence(e)}
                            for e in _list(f.get("evidence"))]
    return out


def document_row(d: Json, story: str | None) -> Row:
    problem = _dict(d.get("problem"))
    return {"id": d["id"], "source": d.get("source"), "title": d.get("title"),
            "outlet": d.get("outlet"), "url": d.get("url"), **_date(d.get("date")),
            "story": story, "problem_stage": problem.get("stage"),
            "problem_reason": problem.get("reason"), "text": d.get("text"),
            "author": d.get("author"), "section": d.get("section"),
            "provenance": provenance_text(d.get("provenance"))}


def provenance_text(value: object) -> str | None:
    """A document's provenance as one cell: compact JSON of a non-empty object, else None
    (the store's ``documents.provenance`` holds the same text)."""
    if not isinstance(value, dict) or not value:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entity_row(e: Json, events: int) -> Row:
    mentions = _list(e.get("mentions"))
    named = e.get("named")
    return {"id": e["id"], "name": e["name"], "type": e["type"],
            "named": bool(named) if named is not None else None,
            "mentions": len(mentions), "documents": len({m["doc"] for m in mentions}),
            "events": events}


def alias_rows(e: Json) -> list[Row]:
    counts = Counter(m["text"] for m in _list(e.get("mentions")))
    return [{"entity": e["id"], "alias": a, "mentions": counts.get(a, 0)}
            for a in _list(e.get("aliases"))]


def event_row(ev: Json, story: str | None) -> Row:
    return {"id": ev["id"], "type": ev["type"], "summary": ev["summary"],
            "status": ev["status"], **_date(ev.get("date")), "story": story,
            "mentions": len(_list(ev.get("mentions")))}


def event_mention_rows(ev: Json) -> list[Row]:
    return [{"event": ev["id"], "doc": m["doc"], "start": m["start"], "end": m["end"],
             "quote": m["quote"], "modality": m.get("modality"),
             "attributed_to": m.get("attributed_to"), "trigger_start": m.get("trigger_start"),
             "trigger_end": m.get("trigger_end")} for m in _list(ev.get("mentions"))]


def participant_rows(ev: Json) -> list[Row]:
    """Each participant with its role, and each place with the role ``place``."""
    rows = [{"event": ev["id"], "entity": p["entity"], "role": p["role"]}
            for p in _list(ev.get("participants"))]
    return rows + [{"event": ev["id"], "entity": p, "role": "place"}
                   for p in _list(ev.get("places"))]


def story_row(s: Json) -> Row:
    return {"id": s["id"], "title": s["title"], "earliest": s.get("earliest"),
            "latest": s.get("latest"), "documents": len(_list(s.get("documents"))),
            "events": len(_list(s.get("events")))}


def evidence_rows(owner: str, kind: str, date: object) -> list[Row]:
    return [{"owner": owner, "owner_kind": kind, **_evidence(e)}
            for e in _list(_dict(date).get("evidence"))]


def _evidence(e: Json) -> Row:
    return {"doc": e["doc"], "start": e["start"], "end": e["end"], "quote": e["quote"],
            "reason": e.get("reason")}


def _date(date: object) -> Row:
    d = _dict(date)
    return {"date": d.get("value"), "date_earliest": d.get("earliest"),
            "date_latest": d.get("latest"), "date_basis": d.get("basis"),
            "date_confidence": d.get("confidence")}


# ---------------------------------------------------------------------------- writing


def arrow_table(name: str, rows: list[Row]) -> Any:
    """One table as a ``pyarrow.Table`` with the column types of :data:`COLUMNS`."""
    pa = _pyarrow()
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(col, kinds[kind]) for col, kind in COLUMNS[name]])
    return pa.Table.from_pylist([{c: r.get(c) for c, _ in COLUMNS[name]} for r in rows],
                                schema=schema)


def render_csv_table(name: str, rows: list[Row]) -> str:
    """One table as CSV text with a header row; an empty cell is a missing value."""
    out = io.StringIO()
    writer = csv.writer(out)
    cols = [c for c, _ in COLUMNS[name]]
    writer.writerow(cols)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else _cell(r.get(c)) for c in cols])
    return out.getvalue()


def _cell(value: object) -> object:
    return ("true" if value else "false") if isinstance(value, bool) else value


def _parquet_bytes(name: str, rows: list[Row]) -> bytes:
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(arrow_table(name, rows), sink)
    return sink.getvalue()


def files(tl: Json, fmt: str) -> Iterator[tuple[str, bytes]]:
    """Each table of ``tl`` as (file name, bytes) in format ``fmt`` (parquet or csv-tables)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}")
    encode: Callable[[str, list[Row]], bytes]
    if fmt == "parquet":
        _pyarrow()  # fail before any file is written
        encode, ext = _parquet_bytes, ".parquet"
    else:
        encode, ext = (lambda n, r: render_csv_table(n, r).encode("utf-8")), ".csv"
    for name, rows in tables(tl).items():
        yield name + ext, encode(name, rows)


def write_tables(tl: Json, dest: Path, fmt: str) -> list[Path]:
    """Write every table into the folder ``dest`` (made if missing), or into one zip archive
    when ``dest`` ends in ``.zip``; returns the paths written (the archive alone for a zip)."""
    try:
        if dest.suffix.lower() == ".zip":
            data = list(files(tl, fmt))
            with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
                for name, blob in data:
                    z.writestr(name, blob)
            return [dest]
        if dest.exists() and not dest.is_dir():
            raise NewslineError("not a folder", str(dest),
                                "give a folder (made if missing) or a path ending in .zip")
        dest.mkdir(parents=True, exist_ok=True)
        written = []
        for name, blob in files(tl, fmt):
            (dest / name).write_bytes(blob)
            written.append(dest / name)
        return written
    except OSError as exc:
        raise NewslineError(f"cannot write: {exc.strerror or exc}", str(dest),
                            "choose a writable path") from None


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise NewslineError("the parquet export needs pyarrow", None,
                            "install it: pip install pyarrow==26.0.1") from None
    return pyarrow


def _list(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}
