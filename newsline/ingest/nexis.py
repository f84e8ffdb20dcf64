"""LexisNexis and Nexis Uni exports: many articles in one text (a ``.txt`` download, or the
text of an ``.rtf`` or ``.docx`` one), split into articles.

Both layouts are read. Nexis Uni: a cover page (the search, a list of the documents) and
a line of dashes, then each document: the headline, the outlet, the date line ("March 3,
2015 Tuesday 10:00 PM GMT"), the copyright line, headers (``Section:``, ``Length:``,
``Byline:``, ``Dateline:``, ``Highlight:``), ``Body``, the text, then ``Classification``,
``Language:``, ``Load-Date:`` and ``End of Document``. LexisNexis Academic: "1 of 3
DOCUMENTS" (or "Document 1 of 3"), the outlet, the date line, the headline, headers in
capitals (``BYLINE:``, ``SECTION:``, ``LENGTH:``), the text, then ``LOAD-DATE:``,
``LANGUAGE:`` and the copyright lines.

No library reads these, so this splitter goes by the markers: a document starts after an
"End of Document" line, a line of dashes or at an "N of M DOCUMENTS" line; its head is what
comes before the first header; its text starts after ``Body`` (or after the headers when
there is no ``Body`` line) and ends at the first closing field (``Classification``,
``Load-Date:``, ``Language:``, ``Publication-Type:``, ``Graphic:``). In the head the date
line is the first line that is a date; the line before it is the outlet; the headline is
the block after the date's (LexisNexis Academic) or before the outlet (Nexis Uni), unless a
``Headline:`` header names it. "Page N of M" lines are dropped. ``Load-Date:`` is when
Nexis loaded the article, not its date: it goes to ``SourceMeta``, with the byline, section
and length.

A document without text, or the last one without its end (the export cut short), is one
problem naming it ("document 3"); the other articles are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta
from newsline.ingest.records import add_record, extras
from newsline.ingest.text import parse_date

_END = re.compile(r"^\s*End of Document\s*$", re.IGNORECASE)
_START = re.compile(
    r"^\s*(?:\d{1,7}\s+of\s+\d{1,7}\s+DOCUMENTS?|Document\s+\d{1,7}\s+of\s+\d{1,7}"
    r"|Dokument\s+\d{1,7}\s+von\s+\d{1,7}|Document\s+\d{1,7}\s+de\s+\d{1,7})\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*[-_=]{20,}\s*$")
_PAGE = re.compile(r"^\s*Page\s+\d+\s+of\s+\d+\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:Copyright\b|©|\(c\)\s*\d{4}|All Rights Reserved\s*$)",
                        re.IGNORECASE)
_HEADER_KEYS = ("Byline", "Length", "Section", "Dateline", "Highlight", "Headline", "Edition",
                "Column", "Series", "Url", "Correction")
_CLOSING_KEYS = ("Load-Date", "Language", "Publication-Type", "Journal-Code")
# Closing fields of LexisNexis Academic that a paragraph could start with ("Update: ..."):
# fields only in the capitals that format writes them in.
_CLOSING_CAPS = ("GRAPHIC", "UPDATE", "NOTES")
# A header: a known key, in the case Nexis writes it (Title-Case or capitals), then ":".
_KEY = re.compile(
    r"^\s*(?P<key>" + "|".join(k + "|" + k.upper() for k in (*_HEADER_KEYS, *_CLOSING_KEYS))
    + "|" + "|".join(_CLOSING_CAPS) + r"):[ \t]*(?P<value>.*)$"
)
_CLOSING = frozenset(k.lower() for k in (*_CLOSING_KEYS, *_CLOSING_CAPS))
_BODY_LINE = re.compile(r"^\s*Body\s*$")
_CLASSIFICATION = re.compile(r"^\s*Classification\s*$")
# What tells a Nexis export: an end or start marker, and a header every document has.
_MARKER = re.compile(r"^[ \t]*(?:End of Document|\d{1,7}\s+of\s+\d{1,7}\s+DOCUMENTS?"
                     r"|Document\s+\d{1,7}\s+of\s+\d{1,7})[ \t]*$",
                     re.IGNORECASE | re.MULTILINE)
_HEADER_HINT = re.compile(r"^[ \t]*(?:Length|Byline|Section|Load-Date):", re.IGNORECASE |
                          re.MULTILINE)
_FIX = "download the documents from Nexis again"


def looks_nexis(text: str) -> bool:
    """True when ``text`` holds Nexis's document markers and headers."""
    return _MARKER.search(text) is not None and _HEADER_HINT.search(text) is not None


@dataclass(slots=True)
class _Segment:
    lines: list[str] = field(default_factory=list)
    ended: bool = False  # closed by "End of Document"


def _segments(text: str) -> tuple[list[_Segment], bool]:
    """The text cut at the markers, and whether it uses "End of Document" lines."""
    segments = [_Segment()]
    uses_end = False
    for line in text.split("\n"):
        if _PAGE.match(line):
            continue
        if _END.match(line):
            segments[-1].ended = uses_end = True
            segments.append(_Segment())
        elif _START.match(line) or _RULE.match(line):
            segments.append(_Segment())
        else:
            segments[-1].lines.append(line.rstrip())
    return segments, uses_end


def _key(line: str) -> tuple[str, str] | None:
    m = _KEY.match(line)
    return (m.group("key").lower(), m.group("value").strip()) if m else None


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-empty lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line.strip())
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _date_line(line: str) -> bool:
    return len(line) <= 120 and re.search(r"\b\d{4}\b", line) is not None and \
        parse_date(line) is not None


@dataclass(slots=True)
class _Document:
    head: list[str]
    headers: dict[str, str]
    body: list[str]
    closed: bool  # a closing field came after the text


def _document(lines: list[str]) -> _Document | None:
    """The parts of one document, or None when the segment holds none (a cover page)."""
    first = next((i for i, line in enumerate(lines)
                  if _key(line) is not None or _BODY_LINE.match(line)), None)
    if first is None:
        return None
    head = [line for line in lines[:first] if not _COPYRIGHT.match(line)]
    headers: dict[str, str] = {}
    body_from = None
    last: str | None = None
    blank = False
    i = first
    while i < len(lines):
        line = lines[i]
        kv = _key(line)
        if _BODY_LINE.match(line):
            body_from = i + 1
            break
        if kv is not None and kv[0] not in _CLOSING:
            last, blank = kv[0], False
            headers.setdefault(kv[0], kv[1])
        elif not line.strip():
            blank = True
        elif kv is None and last is not None and not blank:
            headers[last] = f"{headers[last]} {line.strip()}".strip()
        else:
            body_from = i
            break
        i += 1
    body: list[str] = []
    closed = False
    for line in lines[body_from if body_from is not None else len(lines):]:
        kv = _key(line)
        if _CLASSIFICATION.match(line) or (kv is not None and kv[0] in _CLOSING):
            closed = True
            break
        body.append(line)
    for line in lines[i:]:
        kv = _key(line)
        if kv is not None and kv[0] in _CLOSING:
            headers.setdefault(kv[0], kv[1])
    return _Document(head, headers, body, closed)


def _head_parts(head: list[str]) -> tuple[str | None, str | None, str | None]:
    """(title, outlet, date line) of a document's head (see the module docstring)."""
    blocks = _blocks(head)
    flat = [(b, j) for b, block in enumerate(blocks) for j in range(len(block))]
    at = next(((b, j) for b, j in flat if _date_line(blocks[b][j])), None)
    if at is None:
        return (" ".join(blocks[-1]) if blocks else None), None, None
    b, j = at
    date = blocks[b][j]
    outlet = blocks[b][j - 1] if j > 0 else (blocks[b - 1][-1] if b > 0 else None)
    if b + 1 < len(blocks):  # LexisNexis Academic: outlet, date, edition; then the headline
        return " ".join(blocks[-1]), outlet, date
    before = blocks[b][:j - 1] if j > 0 else (blocks[b - 1][:-1] if b > 0 else [])
    if not before:
        back = b - 1 if j > 0 else b - 2
        before = blocks[back] if back >= 0 else []
    return (" ".join(before) or None), outlet, date


def parse_nexis(text: str, source: str, paragraphs: bool = False) -> ReadResult:
    """Articles from the text of a Nexis export (source = "file#N"); ``paragraphs``: each
    line of the text is a paragraph (a Word download, whose paragraphs are its lines)."""
    result = ReadResult()
    segments, uses_end = _segments(text)
    found = [(seg, doc) for seg in segments if (doc := _document(seg.lines)) is not None]
    any_closed = any(doc.closed for _, doc in found)
    for n, (seg, doc) in enumerate(found, 1):
        which = f"{source} document {n}"
        last = n == len(found)
        if last and ((uses_end and not seg.ended) or (not uses_end and any_closed
                                                       and not doc.closed)):
            result.problem(InputError("document has no end: the export is cut short", which,
                                      _FIX))
            continue
        title, outlet, date = _head_parts(doc.head)
        h = doc.headers
        byline = h.get("byline")
        author = re.sub(r"^by\s+", "", byline, flags=re.IGNORECASE) if byline else None
        add_record(
            result, ("\n\n".join(line.strip() for line in doc.body if line.strip())
                     if paragraphs else "\n".join(doc.body)), f"{source}#{n}", which,
            title=h.get("headline") or title, outlet=outlet, url=h.get("url"), date=date,
            meta=SourceMeta(author=author, section=h.get("section"), record=n, format="nexis",
                            extra=extras(length=h.get("length"), dateline=h.get("dateline"),
                                         load_date=h.get("load-date"),
                                         language=h.get("language"),
                                         publication_type=h.get("publication-type"))),
            empty="no article text after the headers", fix=_FIX,
        )
    tail = segments[-1]
    if uses_end and not tail.ended and _document(tail.lines) is None and any(
            line.strip() for line in tail.lines):  # cut inside a document's head
        result.problem(InputError("document has no end: the export is cut short",
                                  f"{source} document {len(found) + 1}", _FIX))
    elif not found:
        result.problem(InputError("no Nexis documents found", source, _FIX))
    return result
