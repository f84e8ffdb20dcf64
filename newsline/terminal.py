"""The timeline in the terminal (rich): stories, then their events in date order, each with
its status, date range and sources. Renders the same timeline dict as every other view.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsline.model import Timeline, timeline_dict
from newsline.names import name_key

# What article text must never send to a terminal: escape sequences (CSI "ESC [ ... m",
# OSC "ESC ] ... BEL" that sets a window title, other ESC codes and their 8-bit forms),
# then any other C0 or C1 control but tab and newline, and the bidirectional overrides that
# make text read differently from what it is.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: str) -> str:
    """``text`` with every escape sequence and control character removed (tab and newline
    kept), safe to print to a terminal."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def safe(text: str) -> str:
    """Article-derived ``text`` ready for rich: controls removed, markup escaped."""
    return escape(plain(text))


STATUS_STYLE = {
    "occurred": "green", "planned": "cyan", "expected": "cyan", "rumoured": "yellow",
    "denied": "red", "cancelled": "red", "did-not-occur": "red", "unknown": "dim",
}


def _date(d: dict[str, Any]) -> str:
    value = d.get("value")
    lo, hi = d.get("earliest"), d.get("latest")
    if value and lo and hi and lo == hi:
        return str(value)
    if value:
        return f"{value} ({lo or '…'} – {hi or '…'})" if (lo or hi) else str(value)
    if lo or hi:
        return f"{lo or '…'} – {hi or '…'}"
    return "undated"


def _sort_key(ev: dict[str, Any]) -> tuple[str, str]:
    d = ev["date"]
    return (d.get("earliest") or d.get("value") or d.get("latest") or "9999", ev["id"])


def _matching_entities(tl: dict[str, Any], name: str) -> set[str]:
    key = name_key(name)
    return {e["id"] for e in tl["entities"]
            if e["id"] == name or any(name_key(a) == key for a in e["aliases"])}


def print_timeline(
    console: Console, timeline: Timeline | dict[str, Any], entity: str | None = None,
    story: str | None = None,
) -> None:
    """Print stories and events of the timeline (typed, or its SPEC.md dict); ``entity`` (any
    alias) and ``story`` (id) filter them."""
    tl = timeline_dict(timeline)
    events = {e["id"]: e for e in tl["events"]}
    docs = {d["id"]: d for d in tl["documents"]}
    flags_by_doc: dict[str, list[dict[str, Any]]] = {}
    for f in tl["flags"]:
        for d in f["documents"]:
            flags_by_doc.setdefault(d, []).append(f)
    wanted: set[str] | None = None
    if entity:
        ids = _matching_entities(tl, entity)
        if not ids:
            console.print(f"No entity named {safe(entity)!s} in this corpus.")
            return
        wanted = {e["id"] for e in tl["events"]
                  if ids & ({p["entity"] for p in e["participants"]} | set(e["places"]))}
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    in_story: set[str] = set()
    for s in tl["stories"]:
        in_story.update(s["events"])
        if story and s["id"] != story:
            continue
        span = f"{s['earliest'] or '?'} – {s['latest'] or '?'}"
        n = len(s["documents"])
        title = f"{s['title']}  [{span}, {n} article{'s' if n != 1 else ''}]  {s['id']}"
        groups.append((title, [events[i] for i in s["events"] if i in events]))
    if not story:
        groups.append(("Other events", [e for i, e in events.items() if i not in in_story]))
    if story and not groups:
        console.print(f"No story with id {safe(story)}.")
        return
    shown = 0
    for title, evs in groups:
        evs = [e for e in evs if wanted is None or e["id"] in wanted]
        if not evs:
            continue
        table = Table(title=safe(title), title_justify="left", show_lines=False, expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("event")
        table.add_column("sources", overflow="fold")
        for ev in sorted(evs, key=_sort_key):
            status = ev["status"]
            sources = []
            for m in ev["mentions"][:3]:
                d = docs.get(m["doc"], {})
                label = d.get("title") or d.get("source") or m["doc"]
                warn = " ⚑" if m["doc"] in flags_by_doc else ""
                sources.append(f"{label} ({m['modality']}){warn}")
            more = len(ev["mentions"]) - 3
            if more > 0:
                sources.append(f"+{more} more")
            table.add_row(
                safe(_date(ev["date"])),
                f"[{STATUS_STYLE.get(status, 'dim')}]{safe(status)}[/]",
                safe(ev["summary"]),
                safe("\n".join(sources)),
            )
            shown += 1
        console.print(table)
    if tl["flags"]:
        console.print(f"[bold]Flags[/] ({len(tl['flags'])}):")
        for f in tl["flags"][:20]:
            console.print(f"  ⚑ [{f['severity']}] {safe(f['kind'])}: {safe(f['message'])}")
    if shown == 0:
        console.print("No events to show.")


def print_entity_timeline(console: Console, etl: dict[str, Any]) -> None:
    """One entity's timeline (:mod:`newsline.entity_timeline`): its events in time order, each
    with its date, the entity's role, what happened and where it is told."""
    if not etl["entities"]:
        console.print(f"No entity named {safe(etl['query'])!s} in this corpus.")
        return
    names = ", ".join(f"{e['name']} ({e['type']})" for e in etl["entities"][:5])
    more = len(etl["entities"]) - 5
    table = Table(title=safe(names + (f" +{more} more" if more > 0 else "")),
                  title_justify="left", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("role", no_wrap=True)
    table.add_column("event")
    table.add_column("told in", overflow="fold")
    for ev in etl["events"]:
        via = {v["text"] for v in ev.get("via", []) if v.get("kind") != "name"}
        told = [f"{m['doc'][:10]} «{m['trigger']}»" for m in ev["mentions"][:3]]
        if len(ev["mentions"]) > 3:
            told.append(f"+{len(ev['mentions']) - 3} more")
        summary = ev["summary"] + (f"  (as {', '.join(sorted(via))})" if via else "")
        table.add_row(safe(_date(ev["date"])), safe(ev["role"]), safe(summary),
                      safe("\n".join(told)))
    console.print(table)
    if not etl["events"]:
        console.print("No events to show.")
