"""Factiva exports: many articles in one text (a ``.txt`` save, or the text of an ``.rtf``
download), each a block of fields under two- or three-letter codes, split into articles.

Factiva's "Full Article/Report plus Indexing" display gives every field a code at the start
of its line: ``HD`` headline, ``BY`` byline, ``WC`` word count, ``PD`` publication date,
``SN`` source name, ``SC`` source code, ``SE`` section, ``LP`` lead paragraph, ``TD`` the
rest of the text, the indexing codes (``CO``, ``IN``, ``NS``, ``RE``, ...), and last
``AN Document <accession number>``, which ends the article. A value follows its code after
a tab, spaces or a table cell's "|" (the RTF download is a two-column table), or starts on
the next line, and runs on to the next code.

No library reads these, so the splitter is careful about the one thing that can go wrong:
a paragraph of the text that starts with a word like "IN" or "RE". Inside ``LP`` and ``TD``
only the codes that come after the text in Factiva's order are fields, and only when the
code stands alone or is followed by a tab, a "|" or two spaces. Factiva's page lines
("Page 2 of 9 © 2015 Factiva, Inc. All rights reserved.") are dropped wherever they fall.

An article is ``HD`` as title, ``SN`` as outlet, ``PD`` as date (the source's own
metadata), ``LP`` and ``TD`` as text; the byline, section and accession number go to
``SourceMeta``. A block without ``AN`` (the export cut short) or without text is one problem
naming it ("document 3"); the other articles are read.
"""

from __future__ import annotations

import re

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta
from newsline.ingest.records import add_record, extras

# Factiva's field codes in the order an article gives them.
CODES = ("CLM", "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL",
         "LA", "CY", "LP", "TD", "CT", "RF", "ART", "CO", "IN", "NS", "RE", "IPC", "IPD",
         "PUB", "AN")
_BODY = ("LP", "TD")
# The fields that may follow the text: the only codes looked for inside it.
_AFTER_BODY = frozenset(CODES[CODES.index("TD"):])
_CODE_LINE = re.compile(
    r"^[ \t]*(?P<code>" + "|".join(sorted(CODES, key=len, reverse=True)) + r")"
    r"(?:(?P<alone>[ \t|]*)$|(?P<sep>\t|\||[ ]{2,}|[ ])[ \t|]*(?P<value>.*)$)"
)
_ACCESSION = re.compile(r"^Document\s+(?P<an>[A-Za-z0-9]{10,40})\s*\|?\s*$")
_PAGE_LINE = re.compile(r"^\s*Page\s+\d+\s+of\s+\d+\s+©.*Factiva.*$", re.IGNORECASE)
# What tells a Factiva export: a headline field and a source or date field at the start of
# a line, and an accession line ("AN Document ...") or else all of source, date and lead
# paragraph fields (an export cut before its first accession line).
_HINT = {code: re.compile(rf"^[ \t]*{code}(?:[ \t|]|$)", re.MULTILINE)
         for code in ("HD", "SN", "PD", "LP")}
_ACCESSION_LINE = re.compile(r"^[ \t]*AN[ \t|]+Document[ \t]+[A-Za-z0-9]{10,}", re.MULTILINE)
_FIX = "export the articles again from Factiva with 'Full Article/Report plus Indexing'"


def looks_factiva(text: str) -> bool:
    """True when ``text`` holds Factiva's field codes (see _HINT)."""
    found = {code for code, hint in _HINT.items() if hint.search(text)}
    if "HD" not in found or not found & {"SN", "PD"}:
        return False
    return _ACCESSION_LINE.search(text) is not None or found >= {"SN", "PD", "LP"}


class _Block:
    """The fields of one article as read: code -> lines, in order."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.current: str | None = None

    def start(self, code: str, value: str) -> None:
        self.current = code
        lines = self.fields.setdefault(code, [])
        if lines and code in _BODY:
            lines.append("")
        lines.append(value)

    def add(self, line: str) -> None:
        if self.current is not None:
            self.fields[self.current].append(line)

    def value(self, code: str, paragraphs: bool = False) -> str | None:
        """A field's value: its lines on one line, or (``paragraphs``) each line a
        paragraph (Factiva writes a paragraph a line, blank lines between or not)."""
        lines = [line.strip() for line in self.fields.get(code, []) if line.strip()]
        return ("\n\n" if paragraphs else " ").join(lines) or None

    def has(self, code: str) -> bool:
        return code in self.fields


def _is_field(m: re.Match[str], current: str | None) -> bool:
    """Whether a line that starts with a code is that field (see the module docstring)."""
    code = m.group("code")
    if current not in _BODY:
        return True
    if code not in _AFTER_BODY or (code == "TD" and current == "TD"):
        return False
    if m.group("alone") is not None:
        return True
    if code == "AN" and _ACCESSION.match(m.group("value") or ""):
        return True
    return m.group("sep") != " "


def split_blocks(text: str) -> list[_Block]:
    """The article blocks of a Factiva text, in order (an unfinished last one included)."""
    blocks: list[_Block] = []
    block: _Block | None = None
    for raw in text.split("\n"):
        if _PAGE_LINE.match(raw):
            continue
        line = raw.rstrip().removesuffix("|").rstrip()
        m = _CODE_LINE.match(line)
        current = block.current if block is not None else None
        if m is not None and _is_field(m, current):
            code = m.group("code")
            if block is None or (code in ("CLM", "SE", "HD") and block.has("HD")):
                block = _Block()
                blocks.append(block)
            block.start(code, (m.group("value") or "").strip())
            if code == "AN":
                block = None
            continue
        if block is not None:
            block.add(line)
    return blocks


def parse_factiva(text: str, source: str) -> ReadResult:
    """Articles from the text of a Factiva export (source = "file#N")."""
    result = ReadResult()
    for n, block in enumerate(split_blocks(text), 1):
        which = f"{source} document {n}"
        accession = block.value("AN")
        if accession is None:
            result.problem(InputError("no 'AN Document' line: the export is cut short", which,
                                      _FIX))
            continue
        body = "\n\n".join(v for v in (block.value("LP", True), block.value("TD", True)) if v)
        byline = block.value("BY")
        author = re.sub(r"^(?:by|from)\s+", "", byline, flags=re.IGNORECASE) if byline else None
        m = _ACCESSION.match(accession)
        add_record(
            result, body, f"{source}#{n}", which,
            title=block.value("HD"), outlet=block.value("SN"), date=block.value("PD"),
            meta=SourceMeta(author=author, section=block.value("SE"), record=n,
                            format="factiva",
                            extra=extras(accession=m.group("an") if m else accession,
                                         words=block.value("WC"), source_code=block.value("SC"),
                                         edition=block.value("ED"), page=block.value("PG"),
                                         language=block.value("LA"),
                                         copyright=block.value("CY"))),
            empty="no article text (no LP or TD field)", fix=_FIX,
        )
    if not result.articles and not result.problems:
        result.problem(InputError("no Factiva articles found", source, _FIX))
    return result
