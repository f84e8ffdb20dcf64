"""Build newsline's bundled knowledge files from real datasets.

    .venv/bin/python scripts/knowledge/build.py [--sources ../shared/data/knowledge]

Reads the source folders (each with its SOURCE.txt: origin, commit, licence), writes one file
per source under ``newsline/data/knowledge/`` in the knowledge-file format (docs/SPEC.md, "The
knowledge file"), each with its licence and attribution in its header and a source on every
entry, writes ``SOURCES.md`` beside them, and updates the curated
``newsline/data/knowledge.json``: entries that real data replaces are dropped, the rest gain
their ``country``, and generic aliases ("full-scale invasion") go. Run it again after a source
changes; it writes the same bytes for the same input. Prints the sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import events as ev
import offices as off

from newsline.knowledge import generic_event_name
from newsline.names import person_key

Entry = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "newsline" / "data" / "knowledge"
CURATED = ROOT / "newsline" / "data" / "knowledge.json"
SCHEMA = "newsline.knowledge/1"

CC0 = "CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/)"
CC_BY = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
CC_BY_SA = "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)"
FOREIGN_AS_OF = "2022-12-11"  # the every-politician-scrapers/world commit of the foreign list
INTL_AS_OF = "2023-01-10"
REPLACED_ABOUT = ("Entries of the curated newsline/data/knowledge.json that real data "
                  "replaced, kept so that a rebuild loses nothing written by hand: each comes "
                  "back to the curated file when the built data stops covering it, and a "
                  "replaced event's names are the aliases of the built event.")

FILES: dict[str, dict[str, str]] = {
    "offices_uk_ministers_ifg.json": {
        "about": "UK government ministers since May 1979 with their dated appointments: every "
                 "cabinet-level post (Prime Minister, Chancellor of the Exchequer, the "
                 "Secretaries of State under the titles news uses, 'Home Secretary', 'Foreign "
                 "Secretary'...) and the junior posts with a name of their own ('Minister for "
                 "Europe'). Back-to-back appointments of one person to one office are one term.",
        "licence": CC_BY,
        "attribution": "Contains data from the Institute for Government Ministers Database "
                       "(instituteforgov/ifg-ministers-database-public, commit 92e2270), "
                       "licensed under CC BY 4.0; selected, renamed and merged by newsline.",
        "origin": "https://github.com/instituteforgov/ifg-ministers-database-public "
                  "(commit 92e2270, data/appointment.csv, person.csv, post.csv)",
    },
    "offices_heads_wikidata.json": {
        "about": "Heads of state and government of every sovereign state in office in or "
                 "after 2021, from Wikidata, with the years of their terms only (a term runs "
                 "from 1 January of its first year to 31 December of its last: 'precision' "
                 "'year'; 'to' null with 'as_of' is a term open at the snapshot). Terms the "
                 "curated file or the IfG file give to the day are left out here.",
        "licence": CC0,
        "attribution": "Wikidata (CC0), via every-politician-scrapers/world-leaders-2021, "
                       "commit be7039c, data/wikidata.csv.",
        "origin": "https://github.com/every-politician-scrapers/world-leaders-2021 "
                  "(commit be7039c, data/wikidata.csv)",
    },
    "offices_foreign_ministers_wikidata.json": {
        "about": "The foreign minister of every country in office on " + FOREIGN_AS_OF
                 + ", from Wikidata, with the day they took office; the end of the term is "
                 "not in the source ('to' null, 'as_of' the snapshot day). Countries whose "
                 "foreign ministers the curated or the IfG file list are left out here.",
        "licence": CC0,
        "attribution": "Wikidata (CC0), via every-politician-scrapers/world, commit 4ee5b6a, "
                       "sources/foreign/wikidata.csv.",
        "origin": "https://github.com/every-politician-scrapers/world (commit 4ee5b6a, "
                  "sources/foreign/wikidata.csv)",
    },
    "offices_international_wikidata.json": {
        "about": "Heads of international bodies (UN Secretary-General and Deputy, President of "
                 "the UN General Assembly, WTO Director-General, PACE President, OSCE High "
                 "Commissioner on National Minorities) from Wikidata; holders the curated file "
                 "lists are left out here.",
        "licence": CC0,
        "attribution": "Wikidata (CC0), via every-politician-scrapers/world, commit 8878662, "
                       "html/holders21.csv.",
        "origin": "https://github.com/every-politician-scrapers/world (commit 8878662, "
                  "html/holders21.csv)",
    },
    "events_wikidata.json": {
        "about": "Dated events from Wikidata since " + str(ev.MIN_YEAR) + ": wars (with their "
                 "end), coups, massacres, protests, uprisings, revolutions, strikes, treaties, "
                 "declarations of independence, battles and other historical events. 'date' is "
                 "the first day, 'end' the last; 'precision' 'year' or 'month' where Wikidata's "
                 "value is no finer (the date is then the first day of that year or month). "
                 "Names are Wikidata's English labels with the spellings news uses (hyphen for "
                 "en dash, no parenthetical); generic or shared names are left out.",
        "licence": CC0,
        "attribution": "Wikidata (CC0), via the Wikidata query results kept in "
                       "MonitoringCommie/LeftistMonitor (commit 837b7a4, "
                       "data/scraped/events/*_raw.json) and "
                       "DinisSousa2003/Historical-Events-Search-Engine (commit f4bceb7, "
                       "retrieved_queries/historicEvents.json).",
        "origin": "https://www.wikidata.org/ (query results: "
                  "https://github.com/MonitoringCommie/LeftistMonitor commit 837b7a4; "
                  "https://github.com/DinisSousa2003/Historical-Events-Search-Engine commit "
                  "f4bceb7)",
    },
    "events_wikipedia_on_this_day.json": {
        "about": "Events dated to the day by English Wikipedia's 'On this day' pages since "
                 + str(ev.MIN_YEAR) + ": only those whose sentence opens with the event's own "
                 "name ('The 2010 Haiti earthquake strikes ...') or that name a lost flight; "
                 "where the name is also a Wikidata event's, the entry carries the Wikidata id "
                 "in 'wikidata' and Wikidata's year or month is refined to the day. This file "
                 "is derived from Wikipedia text and keeps its licence, CC BY-SA 4.0.",
        "licence": CC_BY_SA,
        "attribution": "Derived from English Wikipedia's day pages ('January 1' ... 'December "
                       "31', Events sections), CC BY-SA 4.0, via ayaankazerouni/map-history "
                       "commit bcf117b, src/data/events-by-month; names and dates extracted by "
                       "newsline. Share-alike: a work built on this file keeps CC BY-SA 4.0.",
        "origin": "https://en.wikipedia.org/wiki/January_1 ... /December_31 (via "
                  "https://github.com/ayaankazerouni/map-history commit bcf117b)",
    },
}


# ------------------------------------------------------------------ writing


def write(path: Path, header: dict[str, Any], sections: dict[str, list[Entry]]) -> int:
    """One knowledge file, an entry a line (diffs stay readable); returns its size."""
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    keys = [k for k, v in sections.items() if v]
    for i, key in enumerate(keys):
        items = sections[key]
        lines.append(f"  {json.dumps(key)}: [")
        for j, item in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append("    " + json.dumps(item, ensure_ascii=False) + comma)
        lines.append("  ]" + ("," if i < len(keys) - 1 else ""))
    if not keys:
        lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    path.write_text(text, "utf-8")
    return len(text.encode("utf-8"))


def header(name: str) -> dict[str, Any]:
    meta = FILES[name]
    return {"schema": SCHEMA, "about": meta["about"], "licence": meta["licence"],
            "attribution": meta["attribution"], "origin": meta["origin"]}


# ------------------------------------------------------------------ the curated file


_CURATED_COUNTRY = {
    "Chancellor of the Exchequer": "United Kingdom", "Pope": "Vatican City",
    "Chair of the Federal Reserve": "United States",
    "Administrator of the Coalition Provisional Authority": "Iraq",
    "President of the Palestinian National Authority": "Palestine",
}
_NO_COUNTRY = ("European", "Union for Foreign Affairs", "NATO", "United Nations",
               "International Monetary Fund", "World Health Organization", "BP", "Apple Inc.")


def curated_country(office: str) -> str | None:
    if office in _CURATED_COUNTRY:
        return _CURATED_COUNTRY[office]
    if office.startswith("United States ") or office.endswith(" of the United States"):
        return "United States"
    if any(word in office for word in _NO_COUNTRY) or " of " not in office:
        return None
    return off.country(office.rsplit(" of ", 1)[1])


def _overlaps(a: Entry, b: Entry) -> bool:
    far = "9999-12-31"
    return a["from"] <= (b["to"] or far) and b["from"] <= (a["to"] or far)


def _surname(holder: str) -> str:
    parts = person_key(holder).split()
    return parts[-1] if parts else ""


def covered(entry: Entry, exact: list[Entry]) -> bool:
    """A coarser term the day-exact terms already give: same country, the same person (full
    name or surname), overlapping in time."""
    key, sur = person_key(entry["holder"]), _surname(entry["holder"])
    for e in exact:
        if e.get("country") != entry.get("country") or not _overlaps(e, entry):
            continue
        if person_key(e["holder"]) == key or _surname(e["holder"]) == sur or any(
                person_key(s) == key for s in e.get("short", [])):
            return True
    return False


def clean_curated(curated: dict[str, Any], replaced: dict[str, Any], ifg_offices: set[str],
                  generated: list[Entry]) -> tuple[dict[str, Any], dict[str, Any],
                                                   dict[str, list[str]], Counter[str]]:
    """The curated file without what the real data replaces, with countries and kinds, and
    what was replaced (kept in ``scripts/knowledge/replaced.json``, so that nothing written by
    hand is lost: an entry comes back when the real data stops covering it). A curated UK
    Prime Minister, Chancellor or Foreign Secretary since 1979 gives way to the IfG file; a
    curated event that a built one gives to the same day (within 3 days) gives way to it, its
    names becoming the built event's aliases (returned by built name)."""
    stats: Counter[str] = Counter()
    out = dict(curated)
    gone: dict[str, Any] = {"offices": [], "titles": [], "events": []}
    kept_offices: list[Entry] = []
    for o in [*curated["offices"], *replaced.get("offices", [])]:
        if o["office"] in ifg_offices and o["from"] >= "1979-05-04":
            stats["offices replaced by IfG"] += 1
            gone["offices"].append(o)
            continue
        where = curated_country(o["office"])
        entry = {k: v for k, v in o.items() if k not in ("country", "source")}
        if where:
            entry["country"] = where
        entry["source"] = o["source"]
        kept_offices.append(entry)
    out["offices"] = kept_offices
    still = {o["office"] for o in kept_offices}
    titles = [*curated["titles"], *replaced.get("titles", [])]
    out["titles"] = [t for t in titles if t["office"] in still]
    gone["titles"] = [t for t in titles if t["office"] not in still]

    by_name: dict[str, Entry] = {}
    for built in generated:
        for n in [built["name"], *built.get("aliases", [])]:
            by_name.setdefault(ev.fold(n), built)
    aliases: dict[str, list[str]] = {}
    kept_events: list[Entry] = []
    for e in [*curated["events"], *replaced.get("events", [])]:
        names = [n for n in [e["name"], *e.get("aliases", [])] if not generic_event_name(n)]
        stats["generic aliases dropped"] += len(e.get("aliases", [])) + 1 - len(names)
        found = [by_name[ev.fold(n)] for n in names if ev.fold(n) in by_name]
        g = found[0] if found else None
        entry = {"name": e["name"], "aliases": [n for n in names if n != e["name"]],
                 "date": e["date"], "kind": e.get("kind") or ev.kind_of(e["name"], "event"),
                 "source": e["source"]}
        if g is not None and g.get("precision", "day") == "day" and abs(
                (dt.date.fromisoformat(g["date"]) - dt.date.fromisoformat(e["date"])).days) <= 3:
            aliases[g["name"]] = sorted({*aliases.get(g["name"], []), *names} - {g["name"]})
            stats["events replaced by real data (names kept as aliases)"] += 1
            gone["events"].append(entry)
            continue
        if g is not None:
            stats["events kept over a real-data namesake of another date"] += 1
            print(f"  curated {e['name']!r} {e['date']} kept; {g['name']!r} {g['date']} "
                  f"{g.get('precision', 'day')} in {g['source']}", file=sys.stderr)
        kept_events.append(entry)
    out["events"] = kept_events
    return out, gone, aliases, stats


def add_aliases(events: list[Entry], aliases: dict[str, list[str]],
                taken: set[str]) -> None:
    """The replaced curated events' names joined to the built events that replaced them,
    unless generic or another event's name."""
    for e in events:
        extra = [a for a in aliases.get(e["name"], []) if not generic_event_name(a)
                 and ev.fold(a) not in taken - {ev.fold(n) for n in [e["name"], *e["aliases"]]}]
        if extra:
            e["aliases"] = sorted({*e["aliases"], *extra} - {e["name"]})


def write_curated(data: dict[str, Any]) -> None:
    lines = ["{"]
    keys = list(data)
    for i, key in enumerate(keys):
        value = data[key]
        comma = "," if i < len(keys) - 1 else ""
        if isinstance(value, list):
            lines.append(f"  {json.dumps(key)}: [")
            for j, item in enumerate(value):
                c = "," if j < len(value) - 1 else ""
                lines.append("    " + json.dumps(item, ensure_ascii=False) + c)
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    CURATED.write_text("\n".join(lines) + "\n", "utf-8")


# ------------------------------------------------------------------ SOURCES.md


def sources_md(sizes: dict[str, dict[str, int]]) -> str:
    out = ["# Sources of the bundled knowledge files", "",
           "Built by `scripts/knowledge/build.py` from the folders of `shared/data/knowledge/` "
           "(each with its SOURCE.txt); the loader (`newsline/knowledge.py`) reads every "
           "`*.json` here, then the curated `../knowledge.json`. Every entry names its source "
           "(a Wikidata item, an IfG appointment, a Wikipedia day page).", "",
           "| file | entries | licence | origin |", "| --- | --- | --- | --- |"]
    for name, meta in FILES.items():
        n = ", ".join(f"{v} {k}" for k, v in sizes.get(name, {}).items())
        out.append(f"| `{name}` | {n} | {meta['licence']} | {meta['origin']} |")
    out += ["", "## Attribution and licences", ""]
    for name, meta in FILES.items():
        out += [f"### `{name}`", "", meta["about"], "", f"- Licence: {meta['licence']}",
                f"- Attribution: {meta['attribution']}", f"- Origin: {meta['origin']}", ""]
    out += ["## The curated file", "",
            "`../knowledge.json` keeps the entries written by hand, each with its source URL "
            "(mostly English Wikipedia articles): offices and events the files above do not "
            "give to the day, entities, titles and commemorations. Its UK Prime Ministers, "
            "Chancellors and Foreign Secretaries since 1979 are replaced by the IfG file, and "
            "events the Wikidata and On-this-day files give to the day are replaced by them "
            "(their names and aliases then join those entries).", "",
            "## Refreshing", "",
            "`.venv/bin/python scripts/knowledge/build.py --sources DIR` reads these folders "
            "of DIR (default `../shared/data/knowledge`), each a copy of the named files:", "",
            "- `uk_ministers_ifg/`: instituteforgov/ifg-ministers-database-public, "
            "data/{appointment,person,post}.csv",
            "- `world_leaders_2021_wikidata/`: every-politician-scrapers/world-leaders-2021, "
            "data/wikidata.csv",
            "- `wikipedia_on_this_day/`: ayaankazerouni/map-history, "
            "src/data/events-by-month/01..12.json",
            "- `wikidata_events_leftistmonitor/` (optional): MonitoringCommie/LeftistMonitor, "
            "data/scraped/events/*_raw.json (Wikidata query results only)",
            "- `wikidata_events_historic/` (optional): "
            "DinisSousa2003/Historical-Events-Search-Engine, "
            "retrieved_queries/historicEvents.json",
            "- `wikidata_world_eps/` (optional): every-politician-scrapers/world, "
            "sources/foreign/wikidata.csv as foreign_ministers.csv and html/holders21.csv", "",
            "Curated entries that real data replaced are kept in "
            "`scripts/knowledge/replaced.json` (they come back if the real data stops "
            "covering them); a replaced event's names are the built event's aliases.", "",
            "`events_wikipedia_on_this_day.json` is a derived work of Wikipedia text and is "
            "licensed CC BY-SA 4.0: redistribute it, or a work built on it, under the same "
            "licence with the attribution above. The other files are CC0 (Wikidata) or "
            "CC BY 4.0 (IfG: keep the attribution).", ""]
    return "\n".join(out)


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=ROOT.parent / "shared/data/knowledge",
                    help="folder of the source folders (default ../shared/data/knowledge)")
    args = ap.parse_args(argv)
    src: Path = args.sources
    need = ["uk_ministers_ifg", "world_leaders_2021_wikidata", "wikipedia_on_this_day"]
    missing = [n for n in need if not (src / n).is_dir()]
    if missing:
        print(f"Error: missing source folders ({src}): {', '.join(missing)}", file=sys.stderr)
        return 2
    opt = {n: (src / n if (src / n).is_dir() else None) for n in (
        "wikidata_events_leftistmonitor", "wikidata_events_historic", "wikidata_world_eps")}
    for n, p in opt.items():
        if p is None:
            print(f"Note: no {src / n}; its data is left out", file=sys.stderr)
    curated = json.loads(CURATED.read_text("utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, dict[str, int]] = {}

    # offices
    uk, uk_titles = off.uk_ministers(src / "uk_ministers_ifg")
    ifg_offices = {o["office"] for o in uk}
    otd_rows = [r["description"] for f in sorted((src / "wikipedia_on_this_day").glob(
        "[0-9][0-9].json")) for r in json.loads(f.read_text("utf-8"))]
    words = ev.Words.of(otd_rows)
    wd_events = ev.wikidata_events(opt["wikidata_events_leftistmonitor"],
                                   opt["wikidata_events_historic"])
    otd_events = ev.on_this_day(src / "wikipedia_on_this_day", words)
    wd_events, otd_events = ev.merge_sources(wd_events, otd_events)
    wd_events, wd_dropped = ev.finish(wd_events, words)
    otd_events, otd_dropped = ev.finish(otd_events, words)
    seen = {ev.fold(n) for e in wd_events for n in [e["name"], *e["aliases"]]}
    otd_events = [e for e in otd_events if ev.fold(e["name"]) not in seen]
    replaced_file = Path(__file__).with_name("replaced.json")
    replaced: dict[str, Any] = (json.loads(replaced_file.read_text("utf-8"))
                                if replaced_file.exists() else {})
    cur, gone, aliases, cur_stats = clean_curated(curated, replaced, ifg_offices,
                                                  [*wd_events, *otd_events])
    curated_names = {ev.fold(n) for e in cur["events"] for n in [e["name"], *e["aliases"]]}
    wd_events = [e for e in wd_events if ev.fold(e["name"]) not in curated_names]
    otd_events = [e for e in otd_events if ev.fold(e["name"]) not in curated_names]
    for e in [*wd_events, *otd_events]:
        e["aliases"] = [a for a in e["aliases"] if ev.fold(a) not in curated_names]
    taken = {ev.fold(n) for e in [*wd_events, *otd_events, *cur["events"]]
             for n in [e["name"], *e.get("aliases", [])]}
    add_aliases([*wd_events, *otd_events], aliases, taken)
    write(replaced_file, {"about": REPLACED_ABOUT}, {
        "offices": sorted(gone["offices"], key=lambda o: (o["office"], o["from"])),
        "titles": sorted(gone["titles"], key=lambda t: t["office"]),
        "events": sorted(gone["events"], key=lambda e: (e["date"], e["name"]))})
    exact = [o for o in [*cur["offices"], *uk] if o.get("precision", "day") == "day"]

    heads, head_titles = off.world_leaders(src / "world_leaders_2021_wikidata")
    heads = [h for h in heads if not covered(h, exact)]
    head_titles = [t for t in head_titles if t["office"] in {h["office"] for h in heads}]
    files: dict[str, dict[str, list[Entry]]] = {
        "offices_uk_ministers_ifg.json": {"offices": uk, "titles": uk_titles},
        "offices_heads_wikidata.json": {"offices": heads, "titles": head_titles},
    }
    if opt["wikidata_world_eps"] is not None:
        fm, fm_titles = off.foreign_ministers(opt["wikidata_world_eps"], FOREIGN_AS_OF)
        known = {o.get("country") for o in exact if "Foreign" in o["office"]
                 or o["office"] == "United States Secretary of State"}
        fm = [o for o in fm if o["country"] not in known]
        fm_titles = [t for t in fm_titles if t["office"] in {o["office"] for o in fm}]
        files["offices_foreign_ministers_wikidata.json"] = {"offices": fm, "titles": fm_titles}
        intl, intl_titles = off.international(opt["wikidata_world_eps"], INTL_AS_OF)
        curated_keys = {(o["office"], person_key(o["holder"])) for o in cur["offices"]}
        intl = [o for o in intl if (o["office"], person_key(o["holder"])) not in curated_keys]
        intl_titles = [t for t in intl_titles if t["office"] in {o["office"] for o in intl}]
        files["offices_international_wikidata.json"] = {"offices": intl,
                                                        "titles": intl_titles}
    files["events_wikidata.json"] = {"events": sorted(wd_events, key=lambda e: (
        e["date"], e["name"]))}
    files["events_wikipedia_on_this_day.json"] = {"events": sorted(otd_events, key=lambda e: (
        e["date"], e["name"]))}

    for old in OUT.glob("*.json"):
        if old.name not in files:
            old.unlink()
    for name, sections in files.items():
        write(OUT / name, header(name), sections)
        sizes[name] = {k: len(v) for k, v in sections.items() if v}
    (OUT / "SOURCES.md").write_text(sources_md(sizes), "utf-8")
    write_curated(cur)

    report(files, cur, cur_stats, wd_dropped + otd_dropped)
    return 0


def report(files: dict[str, dict[str, list[Entry]]], cur: dict[str, Any],
           cur_stats: Counter[str], dropped: Counter[str]) -> None:
    all_offices = [o for f in files.values() for o in f.get("offices", [])] + cur["offices"]
    all_events = [e for f in files.values() for e in f.get("events", [])] + cur["events"]
    print(f"offices: {len(all_offices)} terms, {len({o['office'] for o in all_offices})} "
          f"offices, {len({person_key(o['holder']) for o in all_offices})} distinct holders, "
          f"{len({o['country'] for o in all_offices if o.get('country')})} countries")
    for name, f in files.items():
        print(f"  {name}: " + ", ".join(f"{len(v)} {k}" for k, v in f.items()))
    print(f"  curated: {len(cur['offices'])} offices, {len(cur['events'])} events")
    kinds = Counter(e.get("kind", "event") for e in all_events)
    print(f"events: {len(all_events)}; by kind: " + ", ".join(
        f"{k} {v}" for k, v in kinds.most_common()))
    print(f"  day-precise: {sum(1 for e in all_events if 'precision' not in e)}, since 1990: "
          f"{sum(1 for e in all_events if e['date'] >= '1990')}, with end: "
          f"{sum(1 for e in all_events if e.get('end'))}")
    print("  dropped: " + ", ".join(f"{k} {v}" for k, v in dropped.items()))
    print("curated: " + ", ".join(f"{k} {v}" for k, v in cur_stats.items()))


if __name__ == "__main__":
    sys.exit(main())
