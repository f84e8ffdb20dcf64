"""The timeline as one self-contained HTML page (no external CSS, JS, fonts or CDNs).

Two steps, datasette style: ``build_view`` turns the timeline dict of SPEC.md into a view dict
(lookups resolved, dates formatted, links checked), then the jinja2 templates in
``templates/`` render it. Every string in the timeline is treated as hostile: autoescape is on
for everything, only ``http``/``https`` URLs become links, and the data the filter script reads
is JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc. The inline style and script are
static files, so the page can carry a Content-Security-Policy built from their hashes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from newsline.model import Timeline, timeline_dict
from newsline.text_display import doc_title, shorten

STATUSES = (
    "occurred",
    "planned",
    "expected",
    "rumoured",
    "denied",
    "cancelled",
    "did-not-occur",
    "unknown",
)
SEVERITIES = ("error", "warning", "info")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SVG_W, _SVG_X0, _SVG_X1, _ROW_H, _TOP = 1000, 20, 980, 18, 30

Json = dict[str, Any]


def render_html(timeline: Timeline | Json) -> str:
    """Render ``timeline`` (the typed timeline, or its SPEC.md dict) as one self-contained
    HTML page."""
    return (
        _env()
        .get_template("page.html")
        .render(
            view=build_view(timeline_dict(timeline)),
            css=Markup(_asset("timeline.css")),
            js=Markup(_asset("timeline.js")),
            csp=content_security_policy(meta=True),
        )
    )


def content_security_policy(meta: bool = False) -> str:
    """The CSP that lets the page's own inline style and script run, and nothing else.

    ``meta=True`` leaves out the directives a ``<meta>`` element cannot carry.
    """
    policy = (
        "default-src 'none'; "
        f"style-src '{_sha256(_asset('timeline.css'))}'; "
        f"script-src '{_sha256(_asset('timeline.js'))}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return policy if meta else policy + "; frame-ancestors 'none'"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators raw."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JS_ESCAPES[m.group()], text)


def safe_href(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL fit for an href, else None."""
    if not isinstance(url, str) or not url or url != url.strip():
        return None
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def anchor(prefix: str, id: object) -> str:
    """A fragment id for an object: injective, and made only of [A-Za-z0-9_-] and dots."""
    return prefix + "-" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f".{ord(m.group()):x}.", _s(id))


def format_date(value: object) -> str:
    """``2023-09-12`` → ``12 Sep 2023``, ``2023-09`` → ``Sep 2023``; anything else as given."""
    text = _s(value)
    m = _DATE_RE.match(text)
    if not m:
        return text
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12:
        label = f"{_MONTHS[int(month) - 1]} {year}"
        return f"{int(day)} {label}" if day else label
    return text


# ---------------------------------------------------------------------------- the view


def build_view(timeline: Json) -> Json:
    """Resolve the timeline into what the page shows (plain data, no markup)."""
    documents = _list(timeline.get("documents"))
    entities = _list(timeline.get("entities"))
    events = _list(timeline.get("events"))
    stories = _list(timeline.get("stories"))
    flags = _list(timeline.get("flags"))
    ctx = _Context(documents, entities, events, stories, flags)
    # optional, additive: per-story timeline summary lines (newsline.corpus.summarise)
    lines_of: dict[str, list[Json]] = defaultdict(list)
    for line in _list(timeline.get("summaries")):
        if isinstance(line, dict):
            lines_of[_s(line.get("story"))].append(line)

    story_views: list[Json] = []
    in_story: set[str] = set()
    for story in sorted(stories, key=_story_key):
        evs = [ctx.events[e] for e in _list(story.get("events")) if _s(e) in ctx.events]
        in_story.update(_s(ev.get("id")) for ev in evs)
        story_views.append(ctx.story_view(story, evs, lines_of.get(_s(story.get("id")), [])))
    other = [ev for ev in events if _s(ev.get("id")) not in in_story]
    event_views = [ctx.event_view(ev) for ev in _sorted_events(other)]

    severity = Counter(_severity(f.get("severity")) for f in flags)
    return {
        "schema": _s(timeline.get("schema")),
        "generated_at": _s(timeline.get("generated_at")),
        "counts": [
            ("documents", len(documents)),
            ("entities", len(entities)),
            ("events", len(events)),
            ("stories", len(stories)),
            ("flags", len(flags)),
        ],
        "severity_counts": [(s, severity[s]) for s in SEVERITIES if severity[s]],
        "stories": story_views,
        "other_events": event_views,
        "flags": [ctx.flag_view(f) for f in sorted(flags, key=_flag_key)],
        # only what an article names: described-only participants ("the shares") stay in the data
        "entities": [ctx.entity_view(e) for e in sorted(entities, key=ctx.entity_key)
                     if e.get("named", True) is not False],
        "documents": [ctx.document_view(d) for d in sorted(documents, key=_doc_key)],
        "filters": {
            "types": sorted({_s(ev.get("type")) for ev in events}),
            "statuses": [s for s in STATUSES if any(ev.get("status") == s for ev in events)],
            "entities": sorted({_s(e.get("name")) for e in entities
                                if e.get("named", True) is not False}),
        },
        "index_json": Markup(json_for_script(ctx.filter_index())),
    }


class _Context:
    """Lookups by id over one timeline, and the per-object view builders."""

    def __init__(
        self,
        documents: list[Json],
        entities: list[Json],
        events: list[Json],
        stories: list[Json],
        flags: list[Json],
    ) -> None:
        self.documents = {_s(d.get("id")): d for d in documents}
        self.entities = {_s(e.get("id")): e for e in entities}
        self.events = {_s(e.get("id")): e for e in events}
        self.all_events = events
        self.flags_by_doc: dict[str, list[Json]] = defaultdict(list)
        for flag in sorted(flags, key=_flag_key):
            for doc in _list(flag.get("documents")):
                self.flags_by_doc[_s(doc)].append(flag)
        self.story_of_doc = {
            _s(doc): story for story in stories for doc in _list(story.get("documents"))
        }
        self.events_of_entity: dict[str, list[str]] = defaultdict(list)
        self.events_of_doc: dict[str, list[str]] = defaultdict(list)
        for ev in events:
            ev_id = _s(ev.get("id"))
            for ent in _event_entity_ids(ev):
                if ev_id not in self.events_of_entity[ent]:
                    self.events_of_entity[ent].append(ev_id)
            for m in _list(ev.get("mentions")):
                if ev_id not in self.events_of_doc[_s(m.get("doc"))]:
                    self.events_of_doc[_s(m.get("doc"))].append(ev_id)

    # -- references (a name and where it lives on the page)

    def entity_ref(self, id: object, role: object = None) -> Json:
        ent = self.entities.get(_s(id))
        return {
            "name": _s(ent.get("name")) if ent else _s(id),
            "href": "#" + anchor("entity", id) if ent else None,
            "type": _s(ent.get("type")) if ent else "",
            "role": _s(role) if role else "",
        }

    def doc_ref(self, id: object) -> Json:
        doc = self.documents.get(_s(id))
        if doc is None:
            return {
                "title": f"unknown document {_s(id)}",
                "href": None,
                "outlet": "",
                "date": "",
                "flags": [],
            }
        return {
            "title": _doc_title(doc),
            "href": "#" + anchor("doc", id),
            "outlet": _s(doc.get("outlet")),
            "date": format_date(_dict(doc.get("date")).get("value")),
            "flags": [self.flag_ref(f) for f in self.flags_by_doc.get(_s(id), [])],
        }

    def flag_ref(self, flag: Json) -> Json:
        return {
            "kind": _s(flag.get("kind")),
            "severity": _severity(flag.get("severity")),
            "severity_label": _s(flag.get("severity")),
            "message": _s(flag.get("message")),
            "href": "#" + anchor("flag", flag.get("id")),
        }

    def evidence_view(self, ev: Json, here: str | None = None) -> Json:
        """A quote and why it matters; no citation when it comes from the document ``here``."""
        return {
            "quote": _s(ev.get("quote")),
            "reason": _s(ev.get("reason")),
            "doc": None
            if here is not None and _s(ev.get("doc")) == here
            else self.doc_ref(ev.get("doc")),
        }

    def date_view(self, date: Any, here: str | None = None) -> Json:
        date = _dict(date)
        value, lo, hi = date.get("value"), date.get("earliest"), date.get("latest")
        iso = _s(value) if _DATE_RE.match(_s(value)) else None
        if lo and hi and lo != hi:
            range_label = f"between {format_date(lo)} and {format_date(hi)}"
        elif lo and not hi and lo != value:
            range_label = f"not before {format_date(lo)}"
        elif hi and not lo and hi != value:
            range_label = f"not after {format_date(hi)}"
        else:
            range_label = ""
        confidence = date.get("confidence")
        pct = f"{round(confidence * 100)} %" if isinstance(confidence, int | float) else ""
        return {
            "label": format_date(value) if value else "undated",
            "iso": iso,
            "range": range_label,
            "earliest": format_date(lo) if lo else "",
            "latest": format_date(hi) if hi else "",
            "basis": _s(date.get("basis")),
            "confidence": pct,
            "evidence": [self.evidence_view(e, here) for e in _list(date.get("evidence"))],
        }

    # -- objects

    def event_view(self, ev: Json) -> Json:
        status = _s(ev.get("status"))
        mentions = []
        for m in _list(ev.get("mentions")):
            who = m.get("attributed_to")
            mentions.append(
                {
                    "quote": _s(m.get("quote")),
                    "modality": _s(m.get("modality")),
                    "attribution": (
                        self.entity_ref(who)
                        if _s(who) in self.entities
                        else {"name": _s(who), "href": None}
                    )
                    if who
                    else None,
                    "doc": self.doc_ref(m.get("doc")),
                }
            )
        return {
            "id": _s(ev.get("id")),
            "anchor": anchor("event", ev.get("id")),
            "type": _s(ev.get("type")),
            "summary": _s(ev.get("summary")),
            "status": status if status in STATUSES else "unknown",
            "status_label": status,
            "date": self.date_view(ev.get("date")),
            "participants": [
                self.entity_ref(p.get("entity"), p.get("role"))
                for p in _list(ev.get("participants"))
            ],
            "places": [self.entity_ref(p) for p in _list(ev.get("places"))],
            "mentions": mentions,
        }

    def summary_view(self, line: Json) -> Json:
        """One dated summary line, its date formatted and its source resolved."""
        date = _s(line.get("date"))
        return {"iso": date if _DATE_RE.match(date) else "", "label": format_date(date),
                "text": _s(line.get("text")), "doc": self.doc_ref(line.get("doc"))}

    def story_view(self, story: Json, events: list[Json], lines: list[Json] | None = None) -> Json:
        ordered = _sorted_events(events)
        lo, hi = story.get("earliest"), story.get("latest")
        return {
            "id": _s(story.get("id")),
            "anchor": anchor("story", story.get("id")),
            "title": _s(story.get("title")) or "Untitled story",
            "span": f"{format_date(lo) if lo else '?'} – {format_date(hi) if hi else '?'}",
            "events": [self.event_view(ev) for ev in ordered],
            "documents": [self.doc_ref(d) for d in _list(story.get("documents"))],
            # a storyline told in one article: listed compactly, without a time axis
            "single": len(_list(story.get("documents"))) == 1,
            "overview": _overview(ordered, lo, hi),
            "summary": [self.summary_view(ln)
                        for ln in sorted(lines or [], key=lambda ln: _s(ln.get("date")))],
        }

    def flag_view(self, flag: Json) -> Json:
        return {
            **self.flag_ref(flag),
            "id": _s(flag.get("id")),
            "anchor": anchor("flag", flag.get("id")),
            "documents": [self.doc_ref(d) for d in _list(flag.get("documents"))],
            "evidence": [self.evidence_view(e) for e in _list(flag.get("evidence"))],
        }

    def entity_key(self, ent: Json) -> tuple[int, str]:
        return (-len(_list(ent.get("mentions"))), _s(ent.get("name")).lower())

    def entity_view(self, ent: Json) -> Json:
        mentions = _list(ent.get("mentions"))
        ev_ids = self.events_of_entity.get(_s(ent.get("id")), [])
        return {
            "id": _s(ent.get("id")),
            "anchor": anchor("entity", ent.get("id")),
            "name": _s(ent.get("name")),
            "type": _s(ent.get("type")),
            "aliases": [_s(a) for a in _list(ent.get("aliases"))],
            "mention_count": len(mentions),
            "doc_count": len({_s(m.get("doc")) for m in mentions}),
            "events": [self.event_ref(e) for e in ev_ids],
        }

    def event_ref(self, id: str) -> Json:
        ev = self.events.get(id, {})
        return {"summary": _s(ev.get("summary")) or id, "href": "#" + anchor("event", id)}

    def document_view(self, doc: Json) -> Json:
        doc_id = _s(doc.get("id"))
        source, url = _s(doc.get("source")), _s(doc.get("url"))
        story = self.story_of_doc.get(doc_id)
        text = _s(doc.get("text"))
        return {
            "id": doc_id,
            "anchor": anchor("doc", doc_id),
            "title": _doc_title(doc),
            "outlet": _s(doc.get("outlet")),
            "date": self.date_view(doc.get("date"), here=doc_id),
            "source": {"text": source, "href": safe_href(source)},
            "url": {"text": url, "href": safe_href(url)} if url and url != source else None,
            "flags": [self.flag_view(f) for f in self.flags_by_doc.get(doc_id, [])],
            "story": {
                "title": _s(story.get("title")),
                "href": "#" + anchor("story", story.get("id")),
            }
            if story
            else None,
            "events": [self.event_ref(e) for e in self.events_of_doc.get(doc_id, [])],
            "text": text,
            "words": len(text.split()),
        }

    def filter_index(self) -> Json:
        """What the filter script needs: per event, its anchor, type, status, entity names."""
        out = []
        for ev in self.all_events:
            names = []
            for ent_id in _event_entity_ids(ev):
                ent = self.entities.get(ent_id)
                if ent:
                    names.append(_s(ent.get("name")))
                    names.extend(_s(a) for a in _list(ent.get("aliases")))
            out.append(
                {
                    "a": anchor("event", ev.get("id")),
                    "t": _s(ev.get("type")),
                    "s": _s(ev.get("status")),
                    "n": sorted({n.lower() for n in names}),
                }
            )
        return {"events": out}


# ---------------------------------------------------------------------------- the overview


def _overview(events: list[Json], lo: object, hi: object) -> Json | None:
    """An SVG-ready layout: one row per dated event, x by date, a bar for its range."""
    spans = []
    for ev in events:
        span = _event_span(_dict(ev.get("date")))
        if span:
            spans.append((ev, span))
    if not spans:
        return None
    bounds = [d for _, (a, b, _v) in spans for d in (a, b)]
    for extra in (_parse(lo, False), _parse(hi, True)):
        if extra:
            bounds.append(extra)
    start, end = min(bounds), max(bounds)
    if start == end:
        start, end = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    days = (end - start).days

    def x(d: dt.date) -> float:
        return round(_SVG_X0 + (_SVG_X1 - _SVG_X0) * (d - start).days / days, 1)

    rows = []
    for i, (ev, (a, b, v)) in enumerate(spans):
        status = _s(ev.get("status"))
        cx = x(v)
        rows.append(
            {
                "href": "#" + anchor("event", ev.get("id")),
                "y": _TOP + i * _ROW_H,
                "x1": x(a),
                "x2": x(b),
                "w": round(x(b) - x(a), 1),
                "cx": cx,
                "label": shorten(_s(ev.get("summary")), 48),
                "title": f"{format_date(_dict(ev.get('date')).get('value') or v.isoformat())}: "
                f"{_s(ev.get('summary'))} ({status})",
                "status": status if status in STATUSES else "unknown",
                "anchor_end": cx > _SVG_W * 0.62,
            }
        )
    return {
        "width": _SVG_W,
        "height": _TOP + len(rows) * _ROW_H,
        "rows": rows,
        "ticks": _ticks(start, end, x),
        "axis_y": _TOP - 14,
        "x0": _SVG_X0,
        "x1": _SVG_X1,
    }


def _ticks(start: dt.date, end: dt.date, x: Any) -> list[Json]:
    months = (end.year - start.year) * 12 + end.month - start.month
    if months <= 36:
        marks = [
            dt.date(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1, 1)
            for k in range(1, months + 1)
        ]
        label = lambda d: _MONTHS[d.month - 1] + ("" if d.month != 1 else f" {d.year}")  # noqa: E731
    else:
        marks = [dt.date(y, 1, 1) for y in range(start.year + 1, end.year + 1)]
        label = lambda d: str(d.year)  # noqa: E731
    step = max(1, len(marks) // 10)
    ticks = [
        {"x": x(d), "label": label(d) if i % step == 0 else "", "edge": ""}
        for i, d in enumerate(marks)
        if start < d <= end
    ]
    ends = [
        {"x": x(start), "label": format_date(start.isoformat()), "edge": "start"},
        {"x": x(end), "label": format_date(end.isoformat()), "edge": "end"},
    ]
    return [t for t in ticks if _SVG_X0 + 90 < t["x"] < _SVG_X1 - 90] + ends


def _event_span(date: Json) -> tuple[dt.date, dt.date, dt.date] | None:
    value = date.get("value")
    lo = _parse(date.get("earliest"), False) or _parse(value, False)
    hi = _parse(date.get("latest"), True) or _parse(value, True)
    lo, hi = lo or hi, hi or lo
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    v = _parse(value, False) if value and len(_s(value)) == 10 else None
    return lo, hi, v if v and lo <= v <= hi else lo + (hi - lo) / 2


def _parse(value: object, end: bool) -> dt.date | None:
    m = _DATE_RE.match(_s(value))
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            first = dt.date(year, int(month), 1)
            if not end:
                return first
            return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- helpers


def _sorted_events(events: list[Json]) -> list[Json]:
    def key(ev: Json) -> tuple[int, str, str]:
        span = _event_span(_dict(ev.get("date")))
        return (0, span[0].isoformat(), _s(ev.get("id"))) if span else (1, "", _s(ev.get("id")))

    return sorted(events, key=key)


def _event_entity_ids(ev: Json) -> list[str]:
    ids = [_s(_dict(p).get("entity")) for p in _list(ev.get("participants"))]
    ids += [_s(p) for p in _list(ev.get("places"))]
    attributed = [_s(m.get("attributed_to")) for m in _list(ev.get("mentions"))]
    return list(dict.fromkeys(ids + [a for a in attributed if a]))


def _story_key(story: Json) -> tuple[str, str]:
    """Stories in time order (undated last), then by id: the page reads as a chronicle."""
    return (_s(story.get("earliest")) or "9999", _s(story.get("id")))


def _flag_key(flag: Json) -> tuple[int, str]:
    return (SEVERITIES.index(_severity(flag.get("severity"))), _s(flag.get("id")))


def _doc_key(doc: Json) -> tuple[int, str, str]:
    value = _s(_dict(doc.get("date")).get("value"))
    return (0 if _DATE_RE.match(value) else 1, value, _s(doc.get("id")))


def _doc_title(doc: Json) -> str:
    """The title the terminal and the web pages show too (:func:`text_display.doc_title`)."""
    return doc_title(_s(doc.get("title")), _s(doc.get("text")), _s(doc.get("id")))


def _severity(value: object) -> str:
    return value if isinstance(value, str) and value in SEVERITIES else "info"


def _s(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _list(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsline.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    return env


@cache
def _asset(name: str) -> str:
    """A static file from ``templates/``, exactly as it is inlined (and hashed for the CSP)."""
    loader = _env().loader
    assert loader is not None
    return loader.get_source(_env(), name)[0]
