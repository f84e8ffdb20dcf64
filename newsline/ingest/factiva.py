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

The "Full Article/Report" display (without indexing) gives the same fields without codes, a
line each: the section (when there is one), the headline, the byline, the word count ("1,046
words"), the date, a time where the source has one, the source's name and code, edition and
page, the language, the copyright line, then the text, and ``Document <accession number>``
ends the article. :func:`parse_factiva_plain` reads it by that order: the word count line
and the date after it place the header, the copyright line (else the language) ends it.
"""

from __future__ import annotations

import re

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta
from newsline.ingest.records import add_record, extras
from newsline.ingest.text import parse_date

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


# ---------------------------------------------------- "Full Article/Report", without field codes

_PLAIN_END = re.compile(
    r"^[ \t]*(?:Document|Dokument|Documento)[ \t]+(?P<an>[A-Za-z0-9]{16,40})[ \t|]*$")
_WORDS = re.compile(r"^\d{1,3}(?:[,. ]\d{3})*[ \t]+(?:words|Wörter|mots|palabras|parole|woorden)$",
                    re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[:.]\d\d(?:[ \t]*[A-Z]{2,5})?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{4,10}$")
_COPYRIGHT = re.compile(r"^(?:\(c\)|©|copyright\b)", re.IGNORECASE)
_LANGUAGES = frozenset({"english", "german", "deutsch", "french", "français", "spanish",
                        "español", "italian", "italiano", "dutch", "nederlands", "portuguese",
                        "russian", "chinese", "japanese", "arabic", "norwegian", "swedish",
                        "danish", "finnish", "polish", "turkish"})
_BY = re.compile(r"^(?:by|from)\s+", re.IGNORECASE)
# a byline that is only a name ("Lars Eide"): two to four capitalised words, none of the
# small words a short title-case headline holds ("Strike Ends At Halvik")
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){1,3}$")
_HEADLINE_WORDS = frozenset({"a", "an", "the", "at", "in", "on", "of", "to", "for", "as", "and",
                             "or", "is", "are", "with", "by", "after", "over", "into", "from"})
HEADER_LINES = 16  # no header of this display is longer (lines, blank ones left out)


def _date_line(lines: list[str], i: int) -> bool:
    """Whether the word count at ``lines[i]`` is followed by a date (a time may come first)."""
    after = lines[i + 1:i + 3]
    return bool(after) and (parse_date(after[0]) is not None or (
        len(after) > 1 and _TIME.match(after[0]) is not None
        and parse_date(after[1]) is not None))


def looks_factiva_plain(text: str) -> bool:
    """True when ``text`` has an accession line and, at the head of an article, a word count
    line followed by a date line (see the module docstring)."""
    if not any(_PLAIN_END.match(line) for line in text.split("\n")):
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return any(_WORDS.match(line) and _date_line(lines, i) for i, line in enumerate(lines))


class _PlainHeader:
    """The fields of one article's header, read in the display's order."""

    def __init__(self, pre: list[str], post: list[str]) -> None:
        self.section: str | None = None
        self.author: str | None = None
        if len(pre) >= 2 and (_BY.match(pre[-1]) or (
                _NAME.match(pre[-1]) and not _HEADLINE_WORDS & set(pre[-1].lower().split()))):
            self.author = _BY.sub("", pre.pop())
        if len(pre) >= 2:
            self.section = pre.pop(0)
        self.title = " ".join(pre) or None
        self.words: str | None = None
        self.time: str | None = None
        self.date: str | None = None
        self.outlet: str | None = None
        self.code: str | None = None
        self.language: str | None = None
        self.copyright: str | None = None
        rest: list[str] = []
        for line in post:
            if self.time is None and self.date is None and _TIME.match(line):
                self.time = line
            elif self.date is None and parse_date(line) is not None:
                self.date = line
            elif self.date is not None and self.time is None and not rest and _TIME.match(line):
                self.time = line
            elif self.outlet is None:
                self.outlet = line
            elif self.code is None and not rest and _SOURCE_CODE.match(line):
                self.code = line
            elif self.language is None and line.lower() in _LANGUAGES:
                self.language = line
            elif _COPYRIGHT.match(line):
                self.copyright = line
            else:
                rest.append(line)
        self.other = rest  # edition, page


def _split_plain(lines: list[str]) -> tuple[_PlainHeader, list[str]] | None:
    """An article's header and its text's lines, or None where no word count and date lines
    head it."""
    kept = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    head = [line for _, line in kept[:HEADER_LINES]]
    at = next((i for i, line in enumerate(head) if _WORDS.match(line) and _date_line(head, i)),
              None)
    if at is None:
        return None
    # the header ends at the copyright line, else after the language, else after the source
    end = next((i for i in range(at + 1, len(head)) if _COPYRIGHT.match(head[i])), None)
    if end is None:
        end = next((i for i in range(at + 1, len(head)) if head[i].lower() in _LANGUAGES),
                   None)
    if end is None:
        end = min(at + 3 + (_TIME.match(head[at + 1]) is not None), len(head) - 1)
    header = _PlainHeader(head[:at], head[at + 1:end + 1])
    header.words = head[at]
    return header, lines[kept[end][0] + 1:]


def parse_factiva_plain(text: str, source: str, wrapped: bool = False) -> ReadResult:
    """Articles from a Factiva export in the "Full Article/Report" display, without field
    codes (source = "file#N"). A saved text gives a paragraph a line; ``wrapped``: the lines
    are a page's (a PDF's text layer), kept as they are."""
    result = ReadResult()
    blocks: list[tuple[list[str], str | None]] = []
    lines: list[str] = []
    for raw in text.split("\n"):
        if _PAGE_LINE.match(raw):
            continue
        m = _PLAIN_END.match(raw)
        if m is not None:
            blocks.append((lines, m.group("an")))
            lines = []
        else:
            lines.append(raw.rstrip().removesuffix("|").rstrip())
    if any(line.strip() for line in lines):
        blocks.append((lines, None))
    for n, (block, accession) in enumerate(blocks, 1):
        which = f"{source} document {n}"
        if accession is None:
            result.problem(InputError("no 'Document' line: the export is cut short", which,
                                      _FIX))
            continue
        split = _split_plain(block)
        if split is None:
            result.problem(InputError("no word count and date lines head this article",
                                      which, _FIX))
            continue
        h, body = split
        text_ = ("\n".join(line.strip() for line in body) if wrapped else
                 "\n\n".join(line.strip() for line in body if line.strip()))
        add_record(
            result, text_, f"{source}#{n}", which, title=h.title, outlet=h.outlet, date=h.date,
            meta=SourceMeta(author=h.author, section=h.section, record=n, format="factiva",
                            extra=extras(accession=accession, words=h.words,
                                         source_code=h.code, time=h.time, language=h.language,
                                         copyright=h.copyright,
                                         edition=" · ".join(h.other) or None)),
            empty="no article text after the header", fix=_FIX,
        )
    if not result.articles and not result.problems:
        result.problem(InputError("no Factiva articles found", source, _FIX))
    return result
