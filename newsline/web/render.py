"""The pages as HTML: Jinja2 templates over the views' data, and the app's static files.

Every string from the articles is hostile: autoescape is on everywhere, markup made here is
escapes every value it holds, only ``http(s)`` URLs become
outside links, and ids go into URLs percent-encoded. The pages load one stylesheet and one
script from ``/static/`` and nothing else, so the Content-Security-Policy allows only
``'self'`` (plus the hashes of the one-page timeline's inline style and script, served at
``/timeline``); there is no inline script or style on these pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from newsline.export.html import _asset, _sha256, anchor, format_date
from newsline.text_display import shorten

Json = dict[str, Any]
ASSETS = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}
_ROUTES = {"story": "/stories/", "event": "/events/", "entity": "/entities/",
           "document": "/documents/"}


def app_csp() -> str:
    """The policy of every HTML answer: the app's own static files, the one-page timeline's
    inline style and script by hash, forms that submit only to the app, nothing else."""
    return ("default-src 'none'; "
            f"style-src 'self' '{_sha256(_asset('timeline.css'))}'; "
            f"script-src 'self' '{_sha256(_asset('timeline.js'))}'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def url(kind: str, id: object, fragment: str | None = None) -> str:
    """The page of a story, event, entity or document (its id percent-encoded). A link to a
    quote's place in a document says where it starts (``?at=``), so that a long text opens
    at the part that holds it."""
    out = _ROUTES[kind] + quote(str(id), safe="")
    if kind == "document" and fragment and (place := _QUOTE.fullmatch(fragment)):
        out += f"?at={place.group(1)}"
    return out + ("#" + fragment if fragment else "")


_QUOTE = re.compile(r"q-(\d+)-\d+")


def quote_anchor(start: object, end: object) -> str:
    """The fragment of a quote's place in its document's text."""
    return f"q-{int(str(start))}-{int(str(end))}"


def with_query(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with the query ``params`` (None and "" left out) updated by ``changes``."""
    merged = {**params, **changes}
    query = urlencode([(k, v) for k, v in merged.items() if v is not None and v != ""])
    return path + ("?" + query if query else "")


def render(template: str, view: Json, **extra: Any) -> str:
    return _env().get_template(template).render(view=view, **extra)


def axis_dots(events: Sequence[Json], first: str | None, last: str | None) -> list[Json]:
    """Where each event of a story page sits on its time axis (x 20..980 by the middle of
    its span; rows so that close events do not cover each other)."""
    lo, hi = _day(first), _day(last)
    if lo is None or hi is None:
        return []
    width = max(1, (hi - lo).days)
    out: list[Json] = []
    for i, ev in enumerate(e for e in events if e["span_start"] and e["span_end"]):
        a, b = _day(ev["span_start"]), _day(ev["span_end"])
        if a is None or b is None:
            continue
        middle = (a - lo).days + (b - a).days / 2
        out.append({"id": ev["id"], "x": round(20 + 960 * middle / width, 1),
                    "y": 30 - 11 * (i % 3),
                    "lo": ev["span_start"], "hi": ev["span_end"], "type": ev["type"],
                    "status": ev["status"], "status_label": ev["status_label"],
                    "entities": ev["entities"], "outlets": ev["outlets"],
                    "title": f"{ev['date']['label']}: {ev['summary']} ({ev['status_label']})"})
    return out


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@cache
def asset(name: str) -> tuple[bytes, str]:
    """A static file's bytes and a tag of its content (for caching)."""
    data = resources.files("newsline.web").joinpath("static", name).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:16]


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsline.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    env.filters["date"] = lambda v: format_date(v) if v else "undated"
    # a quote or summary cut at a word boundary with "…", as the terminal and export cut it
    env.filters["shorten"] = shorten
    env.globals.update(url=url, quote_anchor=quote_anchor, with_query=with_query, anchor=anchor,
                       asset_tag=lambda name: asset(name)[1], highlight=highlight)
    return env


# ---------------------------------------------------------------------------- the text


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    rank: int  # 0: a quote (event mention, evidence), 1: a trigger, 2: a word (name, time)
    open: str  # markup made here, every value in it escaped
    close: str
    first: str = ""  # what only its first piece opens with
    link: bool = False  # an <a> (never nested in another)
    anchor: str = ""  # the id of its place (a quote's), put before where it begins


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def highlight(text: str, notes: Json, base: int = 0, whole: int | None = None) -> Markup:
    """The document's text as HTML, with every entity mention, time expression, event
    mention (and its trigger) and piece of evidence marked and linked.

    Spans may cross (a dating clue across a quoted sentence), so the text is cut at every
    span's ends and each piece wrapped in the spans that cover it, quotes outside, words
    inside; a quote's first piece is preceded by an empty ``<span id="q-START-END">``, which
    the event and flag pages link to. ``text`` may be the part of a document's text (of
    ``whole`` characters) that begins at character ``base``; the notes keep the whole
    text's offsets. A span across the part's edges is marked inside it, and anchored only
    in the part where it begins."""
    spans: list[_Span] = []
    quotes: dict[tuple[int, int], list[Json]] = {}  # a sentence may tell several events
    for m in notes.get("events", []):
        quotes.setdefault((m["start"], m["end"]), []).append(m)
        if m["trigger_start"] is not None and m["trigger_end"] is not None:
            spans.append(_Span(m["trigger_start"], m["trigger_end"], 1, '<b class="trigger">',
                               "</b>"))
    for (start, end), told in quotes.items():
        links = "".join(f'<a class="evlink" href="{_e(url("event", m["event"]))}" '
                        f'title="{_e(m["summary"])} ({_e(m["modality"])})">↗</a>' for m in told)
        spans.append(_Span(start, end, 0, f'<mark class="quote st-{_e(told[0]["status"])}" '
                           f'data-q="{quote_anchor(start, end)}">', "</mark>", links,
                           anchor=quote_anchor(start, end)))
    for e in notes.get("evidence", []):
        kind = "clue" if e["owner_kind"] == "document" else "evidence"  # dates it, or an event
        spans.append(_Span(e["start"], e["end"], 0,
                           f'<mark class="{kind}" data-q="{quote_anchor(e["start"], e["end"])}" '
                           f'title="{_e(e["reason"])}">', "</mark>",
                           anchor=quote_anchor(e["start"], e["end"])))
    for e in notes.get("set_aside", []):
        if e["owner_kind"] == "document":
            spans.append(_Span(e["start"], e["end"], 0,
                               f'<mark class="aside" data-q="{quote_anchor(e["start"], e["end"])}" '
                               f'title="set aside: {_e(e["reason"])}">', "</mark>",
                               anchor=quote_anchor(e["start"], e["end"])))
    for t in notes.get("timexes", []):
        spans.append(_Span(t["start"], t["end"], 2,
                           f'<time class="timex" title="{_e(t["type"])} {_e(t["value"])}">',
                           "</time>"))
    hrefs: dict[str, str] = {}
    for x in notes.get("mentions", []):
        href = hrefs.get(x["entity"])
        if href is None:
            href = hrefs[x["entity"]] = _e(url("entity", x["entity"]))
        # a pronoun or description says on hover whom it refers to; a name says it itself
        hint = f' title="{_e(x["name"])}"' if x["kind"] != "name" and x["name"] else ""
        spans.append(_Span(x["start"], x["end"], 2,
                           f'<a class="ent k-{_e(x["kind"])}" href="{href}"{hint}>', "</a>",
                           link=True))
    whole = base + len(text) if whole is None else whole
    return Markup(_pieces(text, [c for s in spans
                                 if (c := _clip(s, base, len(text), whole)) is not None]))


def _clip(s: _Span, base: int, length: int, whole: int) -> _Span | None:
    """A span in the offsets of a part of the text (``length`` characters from ``base`` of
    a text of ``whole`` characters), cut to the part's edges; None when it lies outside the
    part, or is not a span of the text at all."""
    if not 0 <= s.start < s.end <= whole:
        return None
    if base == 0 and s.end <= length:
        return s
    start, end = max(s.start - base, 0), min(s.end - base, length)
    if start >= end:
        return None
    begins = s.start >= base
    return _Span(start, end, s.rank, s.open, s.close, s.first if begins else "", s.link,
                 s.anchor if begins else "")


def _pieces(text: str, spans: Sequence[_Span]) -> str:
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    active: list[_Span] = []
    seen: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        wraps: list[_Span] = []
        linked = False  # no link inside a link: of two overlapping names, the first wins
        for s in sorted(active, key=lambda s: (s.rank, s.start, -s.end)):
            if s.link:
                if linked:
                    continue
                linked = True
            wraps.append(s)
        for s in wraps:
            if s.start == a and s.anchor and s.anchor not in seen:
                seen.add(s.anchor)  # the quote's place: its first piece
                out.append(s.first)
                out.append(f'<span class="at" id="{s.anchor}"></span>')
            out.append(s.open)
        out.append(html.escape(text[a:b], quote=False))
        out.extend(s.close for s in reversed(wraps))
    return "".join(out)
