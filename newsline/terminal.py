"""The timeline in the terminal (rich): stories, then their events in date order, each with
its status, date range and sources. Renders the same timeline dict as every other view.

On a terminal every line fits its width: a summary wraps at word boundaries under its own
column (a hanging indent), a source is shortened at a word boundary to one line, and below
about 50 columns an event's date and status stand on a line of their own. Anywhere else (a pipe, a
file) each record is one full line, never wrapped or shortened, for ``grep`` and ``less``.
Article text is printed as text (rich ``Text``, never markup), its escape sequences and
control characters removed (:func:`plain`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from newsline.export.html import SEVERITIES
from newsline.model import Timeline, timeline_dict
from newsline.names import name_key
from newsline.text_display import counted, doc_title, one_line, shorten

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


def clean(text: object) -> str:
    """Article-derived ``text`` as one line of plain text (for a rich ``Text``)."""
    return one_line(plain("" if text is None else str(text)))


def fit(text: str, width: int) -> str:
    """``text`` shortened at a word boundary to ``width`` terminal cells (the one truncation
    the terminal uses)."""
    return shorten(text, width, cell_width=get_character_cell_size)


STATUS_STYLE = {
    "occurred": "green", "planned": "cyan", "expected": "cyan", "rumoured": "yellow",
    "denied": "red", "cancelled": "red", "did-not-occur": "red", "unknown": "dim",
}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
FLAG = "⚑"
MORE = "↳ "  # before each source of an event
DATE_COLUMN = 10  # "2005-01-18"; a longer date stands on its own line above
SHOWN_SOURCES = 3
SHOWN_FLAGS = 20


def severity(value: object) -> str:
    """A flag's severity as the web flags page reads it: one of :data:`SEVERITIES`, anything
    else counting as "info"."""
    return value if isinstance(value, str) and value in SEVERITIES else "info"


def doc_label(doc: dict[str, Any], fallback: str) -> str:
    """A document as the terminal names it: its title, or one made from its text."""
    return doc_title(clean(doc.get("title")), plain(str(doc.get("text") or "")), fallback)


# ---------------------------------------------------------------- laying out lines


class Lines:
    """Writes records to ``console``: fitted to its width on a terminal, one full line each
    elsewhere (see the module docstring)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.tty = console.is_terminal
        self.width = console.width

    def print(self, text: Text) -> None:
        self.console.print(text, soft_wrap=True)

    def blank(self) -> None:
        self.console.print(soft_wrap=True)

    def wrapped(self, text: Text, indent: int = 0, first: Text | None = None) -> None:
        """``text`` (no line breaks in it), wrapped at word boundaries under ``indent``
        columns; ``first`` takes the indent's place on its first line."""
        if not self.tty:
            self.print(Text.assemble(first if first is not None else " " * indent, text))
            return
        room = max(self.width - indent, 8)
        for i, line in enumerate(text.wrap(self.console, room, overflow="fold")):
            line.rstrip()
            lead = first if i == 0 and first is not None else Text(" " * indent)
            self.print(Text.assemble(lead, line))

    def record(self, lead: Sequence[tuple[str, int, str]], body: Text,
               notes: Sequence[Note] = (), indent: int = 2) -> None:
        """One event: ``lead`` columns (text, width, style), then ``body`` wrapped under its
        own column, then ``notes`` (its sources) one line each below it. A lead text wider
        than its column stands on its own line above; when the columns would take more than
        half the width, the lead is a line of its own and the body goes under it."""
        if not self.tty:
            line = Text(" " * indent)
            for text, _, style in lead:
                line.append(text, style)
                line.append("  ")
            line.append_text(body)
            if notes:
                line.append("  [")
                line.append_text(Text("; ").join(n.text() for n in notes))
                line.append("]")
            self.print(line)
            return
        column = indent + sum(w + 2 for _, w, _ in lead)
        head = Text(" " * indent)
        if column > self.width // 2:
            self.wrapped(Text("  ").join(Text(t, style) for t, _, style in lead), indent + 4,
                         head)
            column = indent + 4
            head = Text(" " * column)
        else:
            for text, width, style in lead:
                if cell_len(text) > width:
                    self.wrapped(Text(text, style), indent + 4, Text(" " * indent))
                    text = ""
                head.append(text, style)
                head.append(" " * (width - cell_len(text) + 2))
        self.wrapped(body, column, head)
        room = max(self.width - column, 8)
        for note in notes:
            self.print(Text.assemble(" " * column, note.text(room)))


class Note:
    """A line under an event: a document's ``label`` (what is shortened when room is short)
    and what follows it, kept whole: a modality or trigger, and the worst flag on it."""

    def __init__(self, label: str, detail: str = "", flag: str | None = None) -> None:
        self.label, self.detail, self.flag = label, detail, flag

    def text(self, width: int | None = None) -> Text:
        tail = Text(f" {self.detail}" if self.detail else "")
        if self.flag:
            tail.append(f" {FLAG} {self.flag}", SEVERITY_STYLE[self.flag])
        label = self.label or "?"
        if width is not None:
            room = width - cell_len(MORE) - cell_len(tail.plain)
            if room < 8:  # no room for the title: the line as a whole, shortened
                return Text(fit(MORE + label + tail.plain, width))
            label = fit(label, room)
        return Text.assemble(MORE if width is not None else "", label, tail)


# ---------------------------------------------------------------- the timeline


def _natural(value: str) -> tuple[str, str] | None:
    """The first and last day that a "YYYY" or "YYYY-MM" value stands for."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(2) is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def _date(d: dict[str, Any]) -> str:
    value = d.get("value")
    lo, hi = d.get("earliest"), d.get("latest")
    if value and ((lo and hi and lo == hi) or (lo, hi) == _natural(str(value))):
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


def _column(out: Lines, dates: Sequence[str], then: int) -> int:
    """The width of the date column: the longest date when the lead columns (the date, a
    column ``then`` wide) still leave the summary half the line, else :data:`DATE_COLUMN`
    (a longer date then stands on its own line)."""
    longest = max((cell_len(d) for d in dates), default=DATE_COLUMN)
    return longest if 2 + longest + 2 + then + 2 <= out.width // 2 else DATE_COLUMN


def _flag_order(f: dict[str, Any]) -> tuple[int, str, str]:
    """Errors first, then by kind and id (the web flags page's order)."""
    return (SEVERITIES.index(severity(f.get("severity"))), str(f.get("kind")), str(f.get("id")))


def print_timeline(
    console: Console, timeline: Timeline | dict[str, Any], entity: str | None = None,
    story: str | None = None,
) -> None:
    """Print stories and events of the timeline (typed, or its SPEC.md dict); ``entity`` (any
    alias) and ``story`` (id) filter them."""
    tl = timeline_dict(timeline)
    out = Lines(console)
    events = {e["id"]: e for e in tl["events"]}
    docs = {d["id"]: d for d in tl["documents"]}
    worst: dict[str, str] = {}  # document -> the most severe flag on it
    for f in tl["flags"]:
        for d in f["documents"]:
            s = severity(f.get("severity"))
            if d not in worst or SEVERITIES.index(s) < SEVERITIES.index(worst[d]):
                worst[d] = s
    wanted: set[str] | None = None
    if entity:
        ids = _matching_entities(tl, entity)
        if not ids:
            out.print(Text(f"No entity named {clean(entity)!s} in this corpus."))
            return
        wanted = {e["id"] for e in tl["events"]
                  if ids & ({p["entity"] for p in e["participants"]} | set(e["places"]))}
    groups: list[tuple[Text, list[dict[str, Any]]]] = []
    in_story: set[str] = set()
    for s in tl["stories"]:
        in_story.update(s["events"])
        if story and s["id"] != story:
            continue
        lo, hi = s["earliest"], s["latest"]
        span = str(lo) if lo and lo == hi else f"{lo or '?'} – {hi or '?'}"
        title = Text(clean(s["title"]) or "Untitled story", "bold")
        title.append(f"  [{span}, {counted(len(s['documents']), 'article')}]  {clean(s['id'])}",
                     "dim")
        groups.append((title, [events[i] for i in s["events"] if i in events]))
    if not story:
        groups.append((Text("Other events", "bold"),
                       [e for i, e in events.items() if i not in in_story]))
    if story and not groups:
        out.print(Text(f"No story with id {clean(story)}."))
        return
    shown = [(title, sorted((e for e in evs if wanted is None or e["id"] in wanted),
                            key=_sort_key)) for title, evs in groups]
    shown = [(title, evs) for title, evs in shown if evs]
    status_width = max((cell_len(clean(e["status"])) for _, evs in shown for e in evs),
                       default=8)
    date_width = _column(out, [clean(_date(e["date"])) for _, evs in shown for e in evs],
                         status_width)
    for n, (title, evs) in enumerate(shown):
        if n:
            out.blank()
        out.wrapped(title)
        for ev in evs:
            status = clean(ev["status"])
            notes = []
            for m in ev["mentions"][:SHOWN_SOURCES]:
                label = doc_label(docs.get(m["doc"], {}), clean(m["doc"]))
                notes.append(Note(label, f"({clean(m['modality'])})", worst.get(m["doc"])))
            more = len(ev["mentions"]) - SHOWN_SOURCES
            if more > 0:
                notes.append(Note(f"+{more} more"))
            out.record([(clean(_date(ev["date"])), date_width, ""),
                        (status, status_width, STATUS_STYLE.get(status, "dim"))],
                       Text(clean(ev["summary"])), notes)
    if tl["flags"]:
        print_flags(out, tl["flags"], gap=bool(shown))
    if not shown:
        out.print(Text("No events to show."))


def print_flags(out: Lines, flags: Sequence[dict[str, Any]], gap: bool = True) -> None:
    """The flags, errors first, each with its severity: at most :data:`SHOWN_FLAGS`."""
    if gap:
        out.blank()
    by = {s: sum(1 for f in flags if severity(f.get("severity")) == s) for s in SEVERITIES}
    head = Text("Flags", "bold")
    head.append(f" ({len(flags)}: " + ", ".join(
        counted(n, s, "info" if s == "info" else None) for s, n in by.items() if n) + ")")
    out.wrapped(head)
    ordered = sorted(flags, key=_flag_order)
    for f in ordered[:SHOWN_FLAGS]:
        s = severity(f.get("severity"))
        body = Text(f"{clean(f.get('kind'))}: {clean(f.get('message'))}")
        out.record([(f"{FLAG} {s}", len(f"{FLAG} warning"), SEVERITY_STYLE[s])], body)
    if len(ordered) > SHOWN_FLAGS:
        out.wrapped(Text(f"+{len(ordered) - SHOWN_FLAGS} more (newsline serve lists them all "
                         "under /flags)", "dim"), 2, Text("  "))


# ---------------------------------------------------------------- one entity's timeline


def print_entity_timeline(console: Console, etl: dict[str, Any],
                          titles: dict[str, str] | None = None) -> None:
    """One entity's timeline (:mod:`newsline.entity_timeline`): its events in time order, each
    with its date, the entity's role, what happened and where it is told (``titles``:
    document id -> its label, else a short id)."""
    out = Lines(console)
    if not etl["entities"]:
        out.print(Text(f"No entity named {clean(etl['query'])!s} in this corpus."))
        return
    names = ", ".join(f"{clean(e['name'])} ({clean(e['type'])})" for e in etl["entities"][:5])
    more = len(etl["entities"]) - 5
    out.wrapped(Text(names + (f" +{more} more" if more > 0 else ""), "bold"))
    roles = max((cell_len(clean(ev["role"])) for ev in etl["events"]), default=5)
    date_width = _column(out, [clean(_date(ev["date"])) for ev in etl["events"]], roles)
    for ev in etl["events"]:
        via = {clean(v["text"]) for v in ev.get("via", []) if v.get("kind") != "name"}
        notes = [Note((titles or {}).get(m["doc"]) or clean(m["doc"])[:10],
                      f"«{clean(m['trigger'])}»") for m in ev["mentions"][:SHOWN_SOURCES]]
        if len(ev["mentions"]) > SHOWN_SOURCES:
            notes.append(Note(f"+{len(ev['mentions']) - SHOWN_SOURCES} more"))
        summary = clean(ev["summary"]) + (
            f"  (as {', '.join(sorted(via))})" if via else "")
        out.record([(clean(_date(ev["date"])), date_width, ""),
                    (clean(ev["role"]), roles, "cyan")], Text(summary), notes)
    if not etl["events"]:
        out.print(Text("No events to show."))
