"""The pages' data: one function per page, each a plain dict read from the store's tables.

Datasette style: a view reads what one page shows (a page of stories, one story's events,
one event's mentions ...) through :class:`newsline.store.Store`'s indexed queries, never the
whole build, and returns JSON-ready data; ``newsline.web.render`` turns it into HTML and the
``/api/`` routes send it as it is. Nothing here is markup: article text stays text, and the
templates escape it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from newsline import text_display
from newsline.export.html import STATUSES, format_date, safe_href
from newsline.store import Store

Json = dict[str, Any]

# What a mention's modality says about whether the event happened, as a reader puts it.
SAYS = {
    "asserted": "happened", "reported": "happened", "negated": "did not happen",
    "planned": "is to happen", "expected": "is to happen", "rumoured": "unconfirmed",
    "hypothetical": "unconfirmed",
}
SEVERITIES = ("error", "warning", "info")
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,])")


class NotFound(LookupError):
    """No such story, event, entity or document: the route answers 404."""

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"no {kind} with id {id!r}")
        self.kind, self.id = kind, id


def page_of(total: int, limit: int, offset: int) -> Json:
    """Where a page sits in a list: its bounds and the offsets of the next and previous."""
    return {"total": total, "limit": limit, "offset": offset,
            "next": offset + limit if offset + limit < total else None,
            "prev": max(0, offset - limit) if offset > 0 else None}


# ---------------------------------------------------------------------------- home


def home(store: Store, limit: int, offset: int) -> Json:
    """The stories, newest first, each with its span, counts, "in brief" lines and strip."""
    total, rows = store.story_list(limit, offset)
    ids = [r["id"] for r in rows]
    lines = store.story_lines(ids)
    days = store.story_days(ids)
    counts = store.counts()
    return {
        "page": "home",
        "counts": {k: counts[k] for k in ("articles", "entities", "events", "stories", "flags")},
        "built": store.has_build(),
        "stories": [{**_story(r), "brief": [_line(x) for x in lines.get(r["id"], [])],
                     "strip": strip(days.get(r["id"], []), r["earliest"], r["latest"])}
                    for r in rows],
        **page_of(total, limit, offset),
    }


def _story(row: Json) -> Json:
    return {"id": row["id"], "title": row["title"] or "Untitled story",
            "earliest": row["earliest"], "latest": row["latest"],
            "span": span_label(row["earliest"], row["latest"]),
            "documents": row["documents"], "outlets": row["outlets"], "events": row["events"]}


def _line(row: Json) -> Json:
    return {"date": row["date"], "date_label": format_date(row["date"]), "text": row["text"],
            "doc": row["doc"], "start": row["start"], "end": row["end"]}


def strip(days: Iterable[Json], lo: str | None, hi: str | None, bins: int = 48) -> Json | None:
    """A small histogram of events over a story's span: ``bins`` bars, heights 0..1."""
    counted = [(d, int(row["events"])) for row in days if (d := _iso(row["day"]))]
    if not counted:
        return None
    first = min([d for d, _ in counted] + [x for x in (_iso(lo),) if x])
    last = max([d for d, _ in counted] + [x for x in (_iso(hi),) if x])
    width = max(1, (last - first).days + 1)
    heights = [0] * bins
    for day, n in counted:
        heights[min(bins - 1, (day - first).days * bins // width)] += n
    top = max(heights) or 1
    return {"bins": bins, "bars": [{"i": i, "n": n, "h": round(n / top, 3)}
                                   for i, n in enumerate(heights) if n],
            "first": first.isoformat(), "last": last.isoformat()}


# ---------------------------------------------------------------------------- a story


FILTERS = ("since", "until", "type", "status", "entity", "outlet")


def story(store: Store, story_id: str, filters: dict[str, str | None], limit: int,
          offset: int) -> Json:
    """One story: its events in date order on a time axis, filtered, a page at a time."""
    row = store.story(story_id)
    if row is None:
        raise NotFound("story", story_id)
    wanted = {k: v for k, v in filters.items() if k in FILTERS and v}
    total, events = store.event_list(story=story_id, limit=limit, offset=offset, **wanted)
    facets = store.story_facets(story_id)
    return {
        "page": "story",
        "story": _story(row),
        "brief": [_line(x) for x in store.story_lines([story_id])[story_id]],
        "filters": {k: filters.get(k) or None for k in FILTERS},
        "facets": facets,
        # the axis shows the story's own span; zooming out reaches its events' whole extent
        "axis": {"first": row["earliest"] or facets["first"],
                 "last": row["latest"] or facets["last"],
                 "min": facets["first"], "max": facets["last"]},
        "events": event_cards(store, events),
        **page_of(total, limit, offset),
    }


CHIPS = 12  # the participants and places an event's card names (the event page: EVENT_CHIPS)
EVENT_CHIPS = 40


def event_cards(store: Store, rows: Sequence[Json], history: int = 8, chips: int = CHIPS,
                ) -> list[Json]:
    """Events as a list shows them: date, status, who takes part (the first ``chips`` of its
    participants and of its places, and how many there are; ``entities`` holds every one's
    id, for the story's filter), the status history (the first ``history`` mentions, in the
    order their articles were written) and the sources."""
    ids = [r["id"] for r in rows]
    mentions = store.event_mentions_of(ids, first=history) if history else {}
    counts = store.mention_counts(ids)
    parts = store.participants_of(ids)
    out = []
    for r in rows:
        people = parts.get(r["id"], [])
        who = [p for p in people if not p["place"]]
        where = [p for p in people if p["place"]]
        out.append({
            **_event(r),
            "participants": [_ref(p) for p in who[:chips]],
            "places": [_ref(p) for p in where[:chips]],
            "participants_total": len(who), "places_total": len(where),
            "entities": sorted({p["entity"] for p in people}),
            "outlets": sorted(counts[r["id"]]["outlets"]),
            "history": [_told(m) for m in mentions.get(r["id"], [])],
            "more": max(0, r["mentions"] - history),
            "sources": counts[r["id"]]["documents"],
        })
    return out


def _event(r: Json) -> Json:
    status = r["status"] if r["status"] in STATUSES else "unknown"
    return {"id": r["id"], "type": r["type"], "summary": r["summary"], "status": status,
            "status_label": r["status"], "date": date_view(r), "span_start": r["span_start"],
            "span_end": r["span_end"], "mentions": r["mentions"], "story": r.get("story")}


def _ref(p: Json) -> Json:
    return {"id": p["entity"], "name": p["name"] or p["entity"], "type": p["type"] or "",
            "role": p["role"], "known": p["name"] is not None}


def _told(m: Json) -> Json:
    """One mention as its event's history shows it."""
    return {"seq": m["seq"], "doc": m["doc"], "title": doc_title(m), "outlet": m["outlet"],
            "date": m["date"],
            "date_label": format_date(m["date"]) if m["date"] else "undated",
            "modality": m["modality"], "says": SAYS.get(m["modality"], "unclear"),
            "quote": m.get("quote"), "start": m["start"], "end": m["end"],
            "trigger_start": m.get("trigger_start"), "trigger_end": m.get("trigger_end"),
            "attributed": {"id": m["attributed_to"] if m["attributed_name"] else None,
                           "name": m["attributed_name"] or m["attributed_to"]}
            if m.get("attributed_to") else None}


# ---------------------------------------------------------------------------- an event

COMPARED = 500  # the mentions whose dates, numbers and places are compared (first written)


def event(store: Store, event_id: str, limit: int = 50, offset: int = 0) -> Json:
    """One event: its mentions (a page of them) with their quotes, modality, attribution and
    the article's date, and where sources disagree, the sides with their counts of
    independent sources: on status from every mention, on date, numbers and places from the
    first :data:`COMPARED` written."""
    row = store.event(event_id)
    if row is None:
        raise NotFound("event", event_id)
    card = event_cards(store, [row], history=0, chips=EVENT_CHIPS)[0]
    del card["history"], card["more"], card["entities"]  # every id: the event object has them
    everyone = store.mention_sides(event_id)
    compared = store.mention_quotes(event_id, COMPARED)
    said = _said(store, event_id, compared)
    for m in compared:
        m.update(said[m["seq"]], says=SAYS.get(m["modality"], "unclear"))
    page = [_told(m) for m in store.event_mention_page(event_id, limit, offset)]
    on_page = _said(store, event_id, page)
    for m in page:
        m.update(on_page[m["seq"]])
    sources = _Sources(store, event_id, {doc: outlet for _, doc, _, outlet in everyone})
    sides = disagreements(everyone, compared, sources)
    examples = [x for d in sides for side in d["sides"] for x in side["examples"]]
    named = store.documents_titles([x["doc"] for x in examples])
    for x in examples:
        x["title"] = doc_title(named.get(x["doc"], x))
        x["date_label"] = format_date(x["date"]) if x["date"] else "undated"
    evidence = store.evidence_of("event", [event_id])[event_id]
    return {
        "page": "event",
        "event": {**card, "date": date_view(row, evidence)},
        "story": {"id": row["story"], "title": row["story_title"]} if row["story"] else None,
        "mentions": page,
        "independent_sources": sources.count(doc for _, doc, _, _ in everyone),
        "compared": len(compared),
        "disagreements": sides,
        **page_of(len(everyone), limit, offset),
    }


def _said(store: Store, event_id: str, mentions: Sequence[Json]) -> dict[int, Json]:
    """The time expressions (of days), places and numbers inside each mention's quote."""
    context = store.mention_context(event_id, [m["seq"] for m in mentions])
    out: dict[int, Json] = {m["seq"]: {"times": [], "places": [], "numbers": []}
                            for m in mentions}
    starts = {m["seq"]: m["start"] for m in mentions}
    skip: dict[int, list[tuple[int, int]]] = {}
    for t in context["times"]:
        at = starts[t["seq"]]
        skip.setdefault(t["seq"], []).append((t["start"] - at, t["end"] - at))
        if t["type"] == "DATE":
            out[t["seq"]]["times"].append({"text": t["text"], "value": t["value"],
                                           "earliest": t["earliest"], "latest": t["latest"]})
    for p in context["places"]:
        if p["name"] not in out[p["seq"]]["places"]:
            out[p["seq"]]["places"].append(p["name"])
    for m in mentions:
        out[m["seq"]]["places"].sort()
        out[m["seq"]]["numbers"] = numbers(m["quote"] or "", skip.get(m["seq"], []))
    return out


def numbers(quote: str, skip: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The numbers a quote states (not those inside a time expression, not years)."""
    out = []
    for m in _NUMBER.finditer(quote):
        if any(a <= m.start() < b for a, b in skip):
            continue
        value = m.group().replace(",", "")
        if re.fullmatch(r"(1[89]|20)\d\d", value):
            continue
        if value not in out:
            out.append(value)
    return out


class _Sources:
    """Which articles count as one source: those of one outlet, and those a ``duplicate``
    flag joins (a wire story printed twice is one source, not two)."""

    def __init__(self, store: Store, event_id: str, outlet: dict[str, str | None]) -> None:
        self.parent = {d: d for d in outlet}
        by_outlet: dict[str, str] = {}
        for doc in sorted(outlet):
            name = outlet[doc]
            if name:
                self._join(doc, by_outlet.setdefault(name.casefold(), doc))
        for a, b in store.duplicate_pairs(event_id):
            if a in self.parent and b in self.parent:
                self._join(a, b)

    def _find(self, d: str) -> str:
        while self.parent[d] != d:
            self.parent[d] = self.parent[self.parent[d]]
            d = self.parent[d]
        return d

    def _join(self, a: str, b: str) -> None:
        self.parent[self._find(a)] = self._find(b)

    def count(self, docs: Iterable[str]) -> int:
        return len({self._find(d) for d in docs if d in self.parent})


def disagreements(everyone: Sequence[tuple[int, str, str, str | None]],
                  compared: Sequence[Json], sources: _Sources) -> list[Json]:
    """Where the mentions disagree: on status (``everyone``: every mention's seq, document,
    modality), or on date, numbers or places (``compared``: the mentions with their quotes
    read), each side with its count of mentions and of independent sources and a few of its
    quotes; the side with the most independent sources first."""
    quoted = {m["seq"]: m for m in compared}
    facets: dict[str, dict[str, list[tuple[int, str]]]] = {
        "status": {}, "date": {}, "numbers": {}, "places": {}}
    for seq, doc, modality, _ in everyone:
        facets["status"].setdefault(SAYS.get(modality, "unclear"), []).append((seq, doc))
    spans: dict[str, tuple[str, str]] = {}
    for m in compared:
        key = (m["seq"], m["doc"])
        for t in m["times"][:1]:
            facets["date"].setdefault(t["value"], []).append(key)
            spans[t["value"]] = (t["earliest"] or "0000", t["latest"] or "9999")
        if m["numbers"]:
            facets["numbers"].setdefault(", ".join(m["numbers"]), []).append(key)
        if m["places"]:
            facets["places"].setdefault(", ".join(m["places"]), []).append(key)
    out = []
    for facet, sides in facets.items():
        values = list(sides)
        if len(values) < 2 or (facet == "status" and set(values) <= {"happened"}):
            continue
        if facet == "date":  # "September" and "13 September" agree; "October" does not
            if not any(spans[a][1] < spans[b][0] or spans[b][1] < spans[a][0]
                       for a in values for b in values if a < b):
                continue
        elif facet in ("numbers", "places"):
            sets = [set(v.split(", ")) for v in values]
            if not any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1:]):
                continue
        values = sorted(values, key=lambda v: (-len(sides[v]), v))[:8]  # the largest sides
        counted = {v: sources.count(doc for _, doc in sides[v]) for v in values}
        ranked = sorted(values, key=lambda v: (-counted[v], -len(sides[v]), v))
        out.append({"facet": facet, "sides": [
            {"value": v, "sources": counted[v], "mentions": len(sides[v]),
             "examples": [{k: quoted[seq][k] for k in ("seq", "doc", "outlet", "title", "date",
                                                      "quote", "start", "end")}
                          for seq, _ in sides[v] if seq in quoted][:6]}
            for v in ranked]})
    return out


# ---------------------------------------------------------------------------- an entity


def entity(store: Store, entity_id: str, limit: int, offset: int) -> Json:
    """One entity: its aliases with counts, each merge and why, its events in date order, the
    entities it is found with, the articles that name it most."""
    row = store.entity(entity_id)
    if row is None:
        raise NotFound("entity", entity_id)
    total, events = store.entity_events(entity_id, limit, offset)
    roles = store.entity_roles(entity_id, [e["id"] for e in events])
    cards = event_cards(store, events, history=3)
    for card in cards:
        card["roles"] = sorted({r["role"] for r in roles.get(card["id"], [])})
    names, aliases = store.entity_alias_page(entity_id, SHOWN, 0)
    return {
        "page": "entity",
        "entity": {"id": row["id"], "name": row["name"], "type": row["type"],
                   "named": None if row["named"] is None else bool(row["named"]),
                   "mentions": row["mentions"], "documents": row["documents"],
                   "events": row["events"]},
        # the most used names and the first merges; the rest on the entity's names pages
        "aliases": aliases,
        "aliases_total": names,
        "merges": [_merge(m) for m in store.entity_merges(entity_id, SHOWN)],
        "merges_total": store.count_merges(entity_id),
        "cooccurring": store.cooccurring(entity_id),
        "top_documents": [{"id": d["id"], "mentions": d["mentions"], "outlet": d["outlet"],
                           "date": d["date"], "title": doc_title(d),
                           "date_label": format_date(d["date"]) if d["date"] else "undated"}
                          for d in store.entity_documents(entity_id)],
        "timeline": cards,
        **page_of(total, limit, offset),
    }


SHOWN = 30  # names and merges an entity's page shows (its names pages list them all)


def entity_list(store: Store, entity_id: str, which: str, limit: int, offset: int) -> Json:
    """An entity's names (most mentioned first) or the merges that made it (in the order
    they were made), a page at a time."""
    row = store.entity(entity_id)
    if row is None:
        raise NotFound("entity", entity_id)
    if which == "names":
        total, items = store.entity_alias_page(entity_id, limit, offset)
    else:
        total = store.count_merges(entity_id)
        items = [_merge(m) for m in store.entity_merges(entity_id, limit, offset)]
    return {"page": f"entity {which}", "list": which,
            "entity": {"id": row["id"], "name": row["name"], "type": row["type"]},
            "entries": items, **page_of(total, limit, offset)}


def _merge(m: Json) -> Json:
    return {"left": m["left_form"], "right": m["right_form"], "rule": m["rule"]}


# ---------------------------------------------------------------------------- a document


PART = 40_000  # characters of a document's text one page marks up (a long one has parts)


def parts_of(text: str, size: int = PART) -> list[tuple[int, int]]:
    """A text cut into parts of at most ``size`` characters, each ending at a line break
    (else a space) in its second half when it can: the same cuts on every request."""
    out, a = [], 0
    while len(text) - a > size:
        b = text.rfind("\n", a + size // 2, a + size)
        if b < 0:
            b = text.rfind(" ", a + size // 2, a + size)
        b = b + 1 if b >= 0 else a + size
        out.append((a, b))
        a = b
    out.append((a, len(text)))
    return out


def document(store: Store, doc_id: str, at: int | None = None, part: int | None = None) -> Json:
    """One article: its text with every annotation's offsets, its date with the clues used
    and set aside, its flags, and its problem when its analysis failed. A text longer than
    :data:`PART` characters comes a part at a time: ``part`` (from 0), or the part holding
    character ``at`` (where a quote's link points), else the first."""
    row = store.document(doc_id)
    if row is None:
        raise NotFound("document", doc_id)
    text = row["text"]
    cuts = parts_of(text)
    if part is None:
        part = next((i for i, (_, b) in enumerate(cuts) if at is not None and at < b), 0)
    part = min(max(0, part), len(cuts) - 1)
    lo, hi = cuts[part]
    notes = store.annotations(doc_id, (lo, hi) if len(cuts) > 1 else None)
    used = [e for e in store.evidence_of("document", [doc_id])[doc_id] if e["doc"] == doc_id]
    aside = [e for e in store.evidence_of("document", [doc_id], set_aside=True)[doc_id]
             if e["doc"] == doc_id]
    own = store.analysis_date(doc_id)
    source, url = row["source"] or "", row["url"] or ""
    seen_events: dict[str, Json] = {}
    for m in notes["events"]:
        seen_events.setdefault(m["event"], {"id": m["event"], "summary": m["summary"],
                                            "type": m["type"], "status": m["status"]})
    other: list[Json] = []  # dates the text gives that are neither clue used nor set aside
    for t in notes["timexes"]:
        if t["type"] == "DATE" and not any(e["start"] <= t["start"] and t["end"] <= e["end"]
                                           for e in [*used, *aside]) and not any(
                x["text"] == t["text"] and x["value"] == t["value"] for x in other):
            other.append(t)
    own_date = own.to_dict() if own is not None else None
    build_date = date_view(row, used)
    return {
        "page": "document",
        "document": {
            "id": row["id"], "title": doc_title(row), "has_title": bool(row["title"]),
            "outlet": row["outlet"], "author": row["author"], "section": row["section"],
            "provenance": provenance_view(row["provenance"]),
            "source": {"text": source, "href": safe_href(source)},
            "url": {"text": url, "href": safe_href(url)} if url and url != source else None,
            "story": {"id": row["story"], "title": row["story_title"]} if row["story"] else None,
            "problem": {"stage": row["problem_stage"], "reason": row["problem_reason"]}
            if row["problem_stage"] else None,
            "built": bool(row["built"]), "words": len(text.split()), "length": len(text),
            "text": text[lo:hi],
        },
        # which part of the text ``text`` is: its offsets in the whole (annotations keep
        # the whole text's offsets), and the neighbouring parts
        "part": {"index": part, "count": len(cuts), "start": lo, "end": hi,
                 "prev": part - 1 if part > 0 else None,
                 "next": part + 1 if part + 1 < len(cuts) else None},
        "date": build_date,
        "clues": {
            "used": [{"start": e["start"], "end": e["end"], "quote": e["quote"],
                      "reason": e["reason"]} for e in used],
            "set_aside": [{"start": e["start"], "end": e["end"], "quote": e["quote"],
                           "reason": e["reason"]} for e in aside],
            "other_dates": [{"start": t["start"], "end": t["end"], "quote": t["text"],
                             "value": t["value"]} for t in other],
            "own_estimate": date_view(_date_row(own_date), []) if own_date and (
                own_date["value"] != row["date"] or own_date["basis"] != row["date_basis"])
            else None,
        },
        "annotations": {k: notes[k] for k in ("mentions", "events", "timexes", "evidence",
                                              "set_aside")},
        "events": list(seen_events.values()),
        "flags": flag_items(store, notes["flags"]),
    }


def provenance_view(p: Json) -> Json | None:
    """Where in its source an article was found, as the document page shows it: format,
    record, the file's own date and the source's other named values, each as text (a
    hostile timeline's provenance may hold anything); None when nothing is known."""
    def text(value: object) -> str | None:
        return None if value is None or isinstance(value, dict | list) else str(value)

    extra = p.get("extra")
    view = {"format": text(p.get("format")), "record": text(p.get("record")),
            "file_created": text(p.get("file_created")),
            "extra": [{"key": str(k), "value": text(v) or ""} for k, v in extra.items()]
            if isinstance(extra, dict) else []}
    return view if any(view.values()) else None


def _date_row(d: Json) -> Json:
    return {"date": d.get("value"), "date_earliest": d.get("earliest"),
            "date_latest": d.get("latest"), "date_basis": d.get("basis"),
            "date_confidence": d.get("confidence")}


# ---------------------------------------------------------------------------- flags, search


def flags(store: Store, kind: str | None, severity: str | None, limit: int, offset: int) -> Json:
    """Every flag, errors first, filterable by kind and severity."""
    total, rows = store.flag_list(kind, severity, limit, offset)
    return {"page": "flags", "filters": {"kind": kind, "severity": severity},
            "facets": store.flag_facets(), "flags": flag_items(store, rows),
            **page_of(total, limit, offset)}


def flag_items(store: Store, rows: Sequence[Json]) -> list[Json]:
    ids = [r["id"] for r in rows]
    docs = store.flag_documents(ids)
    evidence = store.evidence_of("flag", ids)
    return [{"id": r["id"], "kind": r["kind"],
             "severity": r["severity"] if r["severity"] in SEVERITIES else "info",
             "severity_label": r["severity"], "message": r["message"],
             "documents": [{"id": d["doc"], "title": doc_title(d), "outlet": d["outlet"],
                            "date": d["date"]} for d in docs.get(r["id"], [])],
             "evidence": evidence.get(r["id"], [])} for r in rows]


def search(store: Store, query: str, limit: int, offset: int) -> Json:
    """Full-text search over articles and names; the articles grouped by story."""
    found: Json = store.search(query, limit, offset) if query.strip() else {
        "total": 0, "documents": [], "entities": []}
    groups: list[Json] = []
    where: dict[str | None, Json] = {}
    for d in found["documents"]:
        key = d["story"]
        if key not in where:
            where[key] = {"story": {"id": key, "title": d["story_title"] or "Untitled story"}
                          if key else None, "documents": []}
            groups.append(where[key])
        where[key]["documents"].append({
            "id": d["id"], "title": doc_title(d), "outlet": d["outlet"], "date": d["date"],
            "date_label": format_date(d["date"]) if d["date"] else "undated",
            "snippet": snippet(d["snippet"] or "")})
    return {"page": "search", "query": query, "entities": found["entities"], "groups": groups,
            **page_of(found["total"], limit, offset)}


def snippet(text: str) -> list[list[Any]]:
    """A snippet as ``[text, matched]`` pieces (the store marks matches with ``Store.HIT``)."""
    start, stop = Store.HIT
    out: list[list[Any]] = []
    for i, piece in enumerate(re.split(f"[{start}{stop}]", text)):
        if piece:
            out.append([piece, i % 2 == 1])
    return out


# ---------------------------------------------------------------------------- shared


def doc_title(row: Json) -> str:
    """A document's title, else one made from the opening of its text, else its id: the
    terminal's and the HTML export's title too (:func:`text_display.doc_title`)."""
    return text_display.doc_title(str(row.get("title") or ""),
                                  str(row.get("opening") or row.get("text") or ""),
                                  str(row.get("id") or row.get("doc") or "untitled"))


def span_label(lo: str | None, hi: str | None) -> str:
    if lo and hi and lo == hi:
        return format_date(lo)
    return f"{format_date(lo) if lo else '?'} – {format_date(hi) if hi else '?'}"


def date_view(row: Json, evidence: Sequence[Json] | None = None) -> Json:
    """A date estimate as a page shows it (from ``date*`` columns)."""
    value, lo, hi = row.get("date"), row.get("date_earliest"), row.get("date_latest")
    if lo and hi and lo != hi:
        bounds = f"between {format_date(lo)} and {format_date(hi)}"
    elif lo and not hi:
        bounds = f"not before {format_date(lo)}"
    elif hi and not lo:
        bounds = f"not after {format_date(hi)}"
    else:
        bounds = ""
    confidence = row.get("date_confidence")
    return {"value": value, "earliest": lo, "latest": hi,
            "label": format_date(value) if value else "undated", "range": bounds,
            "basis": row.get("date_basis"),
            "confidence": round(float(confidence), 3) if isinstance(confidence, int | float)
            else None,
            "evidence": [{"doc": e["doc"], "start": e["start"], "end": e["end"],
                          "quote": e["quote"], "reason": e["reason"]} for e in evidence or []]}


def _iso(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None

