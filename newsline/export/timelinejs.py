"""The timeline in Knight Lab's TimelineJS format, the JSON a newsroom embeds
(https://timeline.knightlab.com/docs/json-format.html).

``{"title": slide, "events": [slide], "eras": [era], "scale": "human"}``: one slide per dated
event, with its date (a day, a month or a year; or a range, ``start_date`` to ``end_date``,
when only its bounds are known), its summary as the headline, its status, type, who and
where, and its sources (each quote with its article, outlet and date, at most
:data:`MAX_SOURCES`), grouped by story (``group`` is the story's title); each story that
spans days and holds two dated events is an era. Undated events cannot sit on a time axis:
they are left out, and the title slide says how many.

TimelineJS renders ``headline`` and ``text`` as HTML, so every piece of article text is
HTML-escaped here; ``group`` and era headlines are shown as plain text, so markup characters
are dropped from them (``&`` becomes the look-alike ``＆``, ``"`` becomes ``'``). Links are
made only from ``http``/``https`` URLs, and ``autolink`` is off so that no URL inside a
quote becomes a link.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape
from typing import Any

Json = dict[str, Any]

MAX_SOURCES = 8  # quotes shown on one slide; the rest are counted
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# markup characters in plain-text fields: dropped, or their look-alikes
_PLAIN = str.maketrans({"<": None, ">": None, "&": "\uff06", '"': "'"})


def timelinejs(tl: Json) -> Json:
    """The TimelineJS object of the timeline dict ``tl`` (SPEC.md)."""
    documents = {d["id"]: d for d in _list(tl.get("documents"))}
    names = {e["id"]: e["name"] for e in _list(tl.get("entities"))}
    story_of = {e: s for s in _list(tl.get("stories")) for e in _list(s.get("events"))}
    slides: list[tuple[tuple[str, str], Json]] = []
    undated = 0
    taken = {"title"}
    for ev in _list(tl.get("events")):
        span = date_span(_dict(ev.get("date")))
        if span is None:
            undated += 1
            continue
        story = story_of.get(ev["id"])
        slide: Json = {
            "start_date": span[0],
            "text": {"headline": escape(_s(ev.get("summary"))),
                     "text": event_html(ev, documents, names)},
            "unique_id": _slide_id(_s(ev["id"]), taken),
            "autolink": False,
        }
        if span[1] is not None:
            slide["end_date"] = span[1]
        if story is not None and _s(story.get("title")):
            slide["group"] = plain(_s(story["title"]))
        slides.append(((_key(span[0]), _s(ev["id"])), slide))
    slides.sort(key=lambda pair: pair[0])
    events = [s for _, s in slides]
    out: Json = {"title": title_slide(tl, len(events), undated), "events": events,
                 "scale": "human"}
    eras = story_eras(tl, {s["unique_id"] for s in events})
    if eras:
        out["eras"] = eras
    return out


def render_timelinejs(tl: Json) -> str:
    # ensure_ascii keeps U+2028/U+2029 escaped, so the file can also be pasted into a script
    return json.dumps(timelinejs(tl), ensure_ascii=True, indent=1) + "\n"


def date_span(date: Json) -> tuple[Json, Json | None] | None:
    """(start_date, end_date or None) of a DateEstimate: its value at its own granularity,
    else its bounds as a range; None when it has neither."""
    value = _parts(date.get("value"))
    if value is not None:
        return value, None
    lo, hi = _parts(date.get("earliest")), _parts(date.get("latest"))
    if lo is None and hi is None:
        return None
    if lo is None or hi is None or lo == hi:
        return (lo or hi or {}), None
    return lo, hi


def _parts(value: object) -> Json | None:
    m = _DATE_RE.match(_s(value))
    if not m:
        return None
    try:  # a real day (or month) only
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None
    out = {"year": int(m.group(1))}
    if m.group(2):
        out["month"] = int(m.group(2))
    if m.group(3):
        out["day"] = int(m.group(3))
    return out


def _slide_id(event_id: str, taken: set[str]) -> str:
    """The event's id as a slide id TimelineJS can put in a URL fragment and the page: letters,
    digits, ``-`` and ``_`` (a newsline id is already one), unique among the slides."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", event_id).strip("-") or "event"
    out, n = base, 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    taken.add(out)
    return out


def _key(parts: Json) -> str:
    return f"{parts['year']:04d}-{parts.get('month', 0):02d}-{parts.get('day', 0):02d}"


def event_html(ev: Json, documents: dict[str, Json], names: dict[str, str]) -> str:
    """The slide's text: status, type and date; who and where; the sources, each quote with
    its article. Every value from the data is escaped."""
    date = _dict(ev.get("date"))
    head = [f"<b>{escape(_s(ev.get('status')))}</b>", escape(_s(ev.get("type")))]
    when = _when(date)
    if when:
        head.append(f"{escape(when)}, {escape(_s(date.get('basis')))}")
    parts = [f"<p>{' · '.join(head)}</p>"]
    who = [f"{escape(names.get(p['entity'], p['entity']))} ({escape(_s(p.get('role')))})"
           for p in _list(ev.get("participants"))]
    where = [escape(names.get(p, p)) for p in _list(ev.get("places"))]
    if who or where:
        line = ("Who: " + ", ".join(who)) if who else ""
        if where:
            line += ("; where: " if line else "Where: ") + ", ".join(where)
        parts.append(f"<p>{line}</p>")
    mentions = _list(ev.get("mentions"))
    if mentions:
        items = [source_html(m, documents.get(_s(m.get("doc")), {}), names)
                 for m in mentions[:MAX_SOURCES]]
        more = len(mentions) - MAX_SOURCES
        if more > 0:
            items.append(f"<li>and {more} more report{'s' if more != 1 else ''}</li>")
        parts.append("<p>Sources:</p><ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def _when(date: Json) -> str:
    """``2009-04 (by 2009-04-03)``: the value and the bounds, where they say more."""
    value, lo, hi = (_s(date.get(k)) for k in ("value", "earliest", "latest"))
    if lo and hi:
        bound = lo if lo == hi else f"between {lo} and {hi}"
    else:
        bound = f"from {lo}" if lo else f"by {hi}" if hi else ""
    if value and bound and bound != value:
        return f"{value} ({bound})"
    return value or bound


def source_html(m: Json, doc: Json, names: dict[str, str]) -> str:
    """``“quote” (modality; per whom): Title, Outlet, date`` with the title linked to the
    article's URL when it has an http(s) one."""
    title = escape(_s(doc.get("title")) or _s(doc.get("source")) or _s(m.get("doc")))
    url = _s(doc.get("url"))
    if re.match(r"^https?://", url, re.I):
        title = f'<a href="{escape(url, quote=True)}" target="_blank" rel="noopener">{title}</a>'
    how = [escape(_s(m.get("modality")))] if m.get("modality") else []
    who = _s(m.get("attributed_to"))
    if who:
        how.append("per " + escape(names.get(who, who)))
    where = [title] + [escape(x) for x in (_s(doc.get("outlet")),
                                           _s(_dict(doc.get("date")).get("value"))) if x]
    quote = f"“{escape(_s(m.get('quote')))}”"
    return (f"<li>{quote}" + (f" ({'; '.join(how)})" if how else "")
            + f": {', '.join(where)}</li>")


def title_slide(tl: Json, dated: int, undated: int) -> Json:
    docs = len(_list(tl.get("documents")))
    text = (f"<p>{dated} dated event{'s' if dated != 1 else ''} from {docs} "
            f"article{'s' if docs != 1 else ''}, grouped by story, each with its sources.")
    if undated:
        text += (f" {undated} undated event{'s are' if undated != 1 else ' is'} left out: "
                 "the JSON export (newsline export --format json) holds every event.")
    return {"text": {"headline": "Timeline", "text": text + "</p>"}, "unique_id": "title"}


def story_eras(tl: Json, shown: set[str]) -> list[Json]:
    """Each story that spans more than a day and holds two slides, as an era."""
    eras = []
    for s in _list(tl.get("stories")):
        lo, hi = _parts(s.get("earliest")), _parts(s.get("latest"))
        if lo is None or hi is None or lo == hi:
            continue
        if sum(1 for e in _list(s.get("events")) if e in shown) < 2:
            continue
        eras.append({"start_date": lo, "end_date": hi,
                     "text": {"headline": plain(_s(s.get("title")))}})
    return sorted(eras, key=lambda e: (_key(e["start_date"]), e["text"]["headline"]))


def plain(text: str) -> str:
    """``text`` for a field TimelineJS shows as plain text: one line, no markup characters."""
    return " ".join(text.translate(_PLAIN).split())


def _s(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _list(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}
