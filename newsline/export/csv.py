"""The timeline as CSV: one row per event mention, the flat view a spreadsheet wants.

An event without mentions still gets one row (mention columns empty), so no event is lost.
Every cell is text from the articles, so a cell that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from newsline.model import Timeline, timeline_dict

COLUMNS = (
    "event_id",
    "event_date",
    "earliest",
    "latest",
    "status",
    "type",
    "summary",
    "participants",
    "document_id",
    "document_title",
    "outlet",
    "document_date",
    "modality",
    "attributed_to",
    "quote",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Json = dict[str, Any]


def render_csv(timeline: Timeline | Json) -> str:
    """Render ``timeline`` (the typed timeline, or its SPEC.md dict) as CSV text with a
    header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows(timeline_dict(timeline)):
        writer.writerow([guard_formula(row[c]) for c in COLUMNS])
    return out.getvalue()


def rows(timeline: Json) -> list[dict[str, str]]:
    """The CSV rows as dicts (unguarded), events in date order, mentions as given."""
    documents = {_s(d.get("id")): d for d in _list(timeline.get("documents"))}
    names = {_s(e.get("id")): _s(e.get("name")) for e in _list(timeline.get("entities"))}
    out = []
    for ev in sorted(_list(timeline.get("events")), key=_event_key):
        date = _dict(ev.get("date"))
        base = {
            "event_id": _s(ev.get("id")),
            "event_date": _s(date.get("value")),
            "earliest": _s(date.get("earliest")),
            "latest": _s(date.get("latest")),
            "status": _s(ev.get("status")),
            "type": _s(ev.get("type")),
            "summary": _s(ev.get("summary")),
            "participants": "; ".join(
                names.get(pid, pid)
                for pid in (_s(_dict(p).get("entity")) for p in _list(ev.get("participants")))
            ),
        }
        mentions = _list(ev.get("mentions")) or [{}]
        for m in mentions:
            m = _dict(m)
            doc = documents.get(_s(m.get("doc")), {})
            who = _s(m.get("attributed_to"))
            out.append(
                {
                    **base,
                    "document_id": _s(m.get("doc")),
                    "document_title": _s(doc.get("title")),
                    "outlet": _s(doc.get("outlet")),
                    "document_date": _s(_dict(doc.get("date")).get("value")),
                    "modality": _s(m.get("modality")),
                    "attributed_to": names.get(who, who),
                    "quote": _s(m.get("quote")),
                }
            )
    return out


def guard_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would evaluate as a formula."""
    return "'" + cell if cell.lstrip(" ").startswith(_FORMULA_START) else cell


def _event_key(ev: Json) -> tuple[int, str, str]:
    date = _dict(ev.get("date"))
    start = _s(date.get("earliest") or date.get("value") or date.get("latest"))
    return (0 if start else 1, start, _s(ev.get("id")))


def _s(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _list(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}
