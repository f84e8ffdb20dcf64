"""``newsline entity NAME``: one entity, its aliases with counts and sources, and the merges
that made it, each with the rule behind it. Data first, then the terminal rendering
(:func:`print_entity_reports`).

:func:`store_entity_reports` reads only what the report shows from the store's tables (the
entity's aliases, merges and mentions, its events, the titles of the articles that name it),
never the whole build; :func:`entity_reports` makes the same reports from a timeline dict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from newsline.model import Entity
from newsline.names import name_key
from newsline.store import Store
from newsline.terminal import Lines, clean
from newsline.text_display import counted, doc_title

PAGE = 500  # events read from the store at a time


def _report(entity: Entity, labels: Mapping[str, str],
            events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One entity's report; ``labels``: document id -> how the report names it."""
    counts = Counter(m.text for m in entity.mentions)
    sources: dict[str, list[str]] = defaultdict(list)
    for m in entity.mentions:
        label = labels.get(m.doc) or m.doc
        if label not in sources[m.text]:
            sources[m.text].append(label)
    return {
        "id": entity.id, "name": entity.name, "type": entity.type,
        "aliases": [{"form": a, "count": counts.get(a, 0), "sources": sources.get(a, [])}
                    for a in entity.aliases],
        "merges": [dict(m) for m in entity.merges],
        "documents": len({m.doc for m in entity.mentions}),
        "events": [{"id": ev["id"], "summary": ev["summary"], "status": ev["status"],
                    "date": ev["date"]} for ev in events],
    }


def entity_reports(tl: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Every entity whose id or an alias matches ``name`` (:func:`newsline.names.name_key`),
    from a timeline dict."""
    key = name_key(name)
    labels = {d["id"]: doc_title(d.get("title"), d.get("text"), d["id"])
              for d in tl["documents"]}
    out = []
    for e in tl["entities"]:
        if e["id"] != name and not any(name_key(a) == key for a in e["aliases"]):
            continue
        events = [{**ev, "date": ev["date"]["value"]} for ev in tl["events"]
                  if e["id"] in {p["entity"] for p in ev["participants"]} | set(ev["places"])]
        out.append(_report(Entity.from_dict(e), labels, events))
    return out


def matching_ids(store: Store, name: str) -> list[str]:
    """The ids of the entities whose id is ``name`` or one of whose aliases has its key, in
    id order (the aliases' stored ``key`` is only case-folded, so every alias is compared by
    :func:`newsline.names.name_key`: a scan of one narrow table)."""
    key = name_key(name)
    ids = {entity for entity, alias in store.conn.execute("SELECT entity, alias FROM aliases")
           if name_key(alias) == key}
    if store.entity(name) is not None:
        ids.add(name)
    return sorted(ids)


def _events(store: Store, entity_id: str) -> list[dict[str, Any]]:
    """The events the entity takes part in or is a place of, in id order (as the timeline
    lists them)."""
    rows: list[dict[str, Any]] = []
    while True:
        total, page = store.entity_events(entity_id, PAGE, len(rows))
        rows += page
        if not page or len(rows) >= total:
            break
    return sorted(({"id": r["id"], "summary": r["summary"], "status": r["status"],
                    "date": r["date"]} for r in rows), key=lambda r: r["id"])


def store_entity_reports(store: Store, name: str) -> list[dict[str, Any]]:
    """:func:`entity_reports` of the store's last build, read from its tables."""
    out = []
    for entity_id in matching_ids(store, name):
        entity = store.entity_object(entity_id)
        if entity is None:
            continue
        docs = store.documents_titles([m.doc for m in entity.mentions])
        labels = {d: doc_title(row.get("title"), row.get("opening"), d)
                  for d, row in docs.items()}
        out.append(_report(entity, labels, _events(store, entity_id)))
    return out


def print_entity_reports(console: Console, reports: list[dict[str, Any]]) -> None:
    out = Lines(console)
    for n, r in enumerate(reports):
        if n:
            out.blank()
        head = Text(clean(r["name"]), "bold")
        counts = f"{counted(r['documents'], 'document')}, {counted(len(r['events']), 'event')}"
        head.append(f"  {clean(r['type'])}  {clean(r['id'])}  ({counts})")
        out.wrapped(head, 2, Text())
        out.print(Text("  Aliases (mentions, sources):"))
        for a in r["aliases"]:
            shown = "; ".join(clean(s) for s in a["sources"][:3]) + (
                " …" if len(a["sources"]) > 3 else "")
            out.wrapped(Text(f"{clean(a['form'])}  ×{a['count']}  — {shown}"), 6, Text("    "))
        if r["merges"]:
            out.print(Text("  Why these forms are one entity:"))
            for m in r["merges"]:
                out.wrapped(Text(f"{clean(m['left'])} = {clean(m['right'])}: "
                                 f"{clean(m['rule'])}"), 6, Text("    "))
        out.wrapped(Text("Other forms share its name once case, accents, hyphens, titles and "
                         "possessives are set aside, or are a short form resolved in its "
                         "article.", "dim"), 2, Text("  "))
        if r["events"]:
            out.print(Text("  Events:"))
            status = max(len(clean(ev["status"])) for ev in r["events"])
            for ev in sorted(r["events"], key=lambda e: e["date"] or "9999"):
                out.record([(clean(ev["date"] or "undated"), 10, ""), (clean(ev["status"]),
                            status, "")], Text(clean(ev["summary"])), indent=4)
