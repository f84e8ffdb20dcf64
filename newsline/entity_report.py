"""``newsline entity NAME``: one entity, its aliases with counts and sources, and the merges
that made it, each with the rule behind it. Data first (:func:`entity_reports`), then the
terminal rendering (:func:`print_entity_reports`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from rich.console import Console

from newsline.names import name_key
from newsline.terminal import safe


def entity_reports(tl: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Every entity whose id, canonical name or an alias matches ``name``."""
    key = name_key(name)
    docs = {d["id"]: d for d in tl["documents"]}
    out = []
    for e in tl["entities"]:
        if e["id"] != name and not any(name_key(a) == key for a in e["aliases"]):
            continue
        counts = Counter(m["text"] for m in e["mentions"])
        sources: dict[str, list[str]] = defaultdict(list)
        for m in e["mentions"]:
            d = docs.get(m["doc"], {})
            label = d.get("title") or d.get("source") or m["doc"]
            if label not in sources[m["text"]]:
                sources[m["text"]].append(label)
        events = [ev for ev in tl["events"]
                  if e["id"] in {p["entity"] for p in ev["participants"]} | set(ev["places"])]
        out.append({
            "id": e["id"], "name": e["name"], "type": e["type"],
            "aliases": [{"form": a, "count": counts.get(a, 0), "sources": sources.get(a, [])}
                        for a in e["aliases"]],
            "merges": e.get("merges", []),
            "documents": len({m["doc"] for m in e["mentions"]}),
            "events": [{"id": ev["id"], "summary": ev["summary"], "status": ev["status"],
                        "date": ev["date"]["value"]} for ev in events],
        })
    return out


def print_entity_reports(console: Console, reports: list[dict[str, Any]]) -> None:
    for r in reports:
        console.print(f"[bold]{safe(r['name'])}[/]  {r['type']}  {r['id']}  "
                      f"({r['documents']} documents, {len(r['events'])} events)")
        console.print("  Aliases (mentions, sources):")
        for a in r["aliases"]:
            shown = "; ".join(a["sources"][:3]) + (" …" if len(a["sources"]) > 3 else "")
            console.print(f"    {safe(a['form'])}  ×{a['count']}  — {safe(shown)}")
        if r["merges"]:
            console.print("  Why these forms are one entity:")
            for m in r["merges"]:
                console.print(f"    {safe(m['left'])} = {safe(m['right'])}: "
                              f"{safe(m['rule'])}")
        console.print("  Other forms share its name once case, accents, hyphens, titles and "
                      "possessives are set aside, or are a short form resolved in its article.",
                      style="dim")
        if r["events"]:
            console.print("  Events:")
            for ev in sorted(r["events"], key=lambda e: e["date"] or "9999"):
                console.print(f"    {ev['date'] or 'undated'}  {ev['status']:<13} "
                              f"{safe(ev['summary'])}")
