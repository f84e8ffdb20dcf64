"""What every reader shares: the result type, the article id, the suffix rules, the limits."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsline.errors import InputError
from newsline.model import Article

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz",
    ".rss", ".atom", ".xml", ".rtf", ".csv", ".tsv", ".eml", ".mbox", ".docx", ".pdf",
)

# An article's text, in characters, after decoding (.txt, a JSON "text", the text extracted
# from HTML). The analysis parses long texts in pieces, so this only stops what is not an
# article at all (a log file, a dump); 1-2 MB articles pass.
MAX_TEXT_CHARS = 5_000_000
# Problems kept per file; past it one more problem counts the rest (a 1 GB file of bad lines
# must not become a billion lines of report).
MAX_PROBLEMS = 100

_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What str.splitlines() breaks at: a problem's message must stay one line.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What a source states of one article beyond its text, title, outlet, URL and date, kept
    beside it in ``ReadResult.meta`` under the article's ``source``; ``read_any`` copies it
    into ``Article.author``, ``section`` and ``provenance`` (:meth:`apply`).

    ``author`` is the byline (authors joined by "; "); ``record`` the article's place in its
    file (1-based: entry, document, row, message); ``format`` the export it came from
    ("factiva", "nexis", "rss", "csl-json", ...); ``file_created`` the date the file itself
    was made (a PDF's CreationDate, a .docx's core properties): provenance, never the
    article's date. ``extra`` holds other named values a source gives (a Factiva accession
    number, a word count, a Nexis load date).
    """

    author: str | None = None
    section: str | None = None
    record: int | None = None
    format: str | None = None
    file_created: dt.date | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def provenance(self) -> dict[str, Any]:
        """``Article.provenance``: the record, format, file date and extras that are known."""
        out: dict[str, Any] = {}
        if self.record is not None:
            out["record"] = self.record
        if self.format:
            out["format"] = self.format
        if self.file_created is not None:
            out["file_created"] = self.file_created.isoformat()
        if self.extra:
            out["extra"] = {scrub(k): scrub(v) for k, v in self.extra}
        return out

    def apply(self, art: Article) -> Article:
        """The article with the byline, section and provenance this states (in place)."""
        art.author = scrub(self.author) if self.author else art.author
        art.section = scrub(self.section) if self.section else art.section
        art.provenance = {**art.provenance, **self.provenance()}
        return art


@dataclass(slots=True)
class ReadResult:
    """The articles one source gave, and the problems met on the way (never raised).

    ``problems`` are inputs (files, records, lines) that gave no article; ``notices`` are
    things set aside while the article was kept (a source date before 1800, say). Past
    ``MAX_PROBLEMS`` problems are only counted, in ``omitted``. ``meta`` holds, by article
    ``source``, what the source says beyond the article's own fields (see SourceMeta).
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    notices: list[InputError] = field(default_factory=list)
    omitted: int = 0
    meta: dict[str, SourceMeta] = field(default_factory=dict)

    def problem(self, err: InputError) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(err)
        else:
            self.omitted += 1

    def extend(self, other: ReadResult) -> None:
        self.articles.extend(other.articles)
        for err in other.problems:
            self.problem(err)
        self.omitted += other.omitted
        self.notices.extend(other.notices)
        self.meta.update(other.meta)


def article_id(text: str) -> str:
    """Hash of the normalised text: NFC, whitespace runs as one space, stripped; sha256[:16]."""
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8", "replace")).hexdigest()[:16]


def suffix_of(path: Path | str) -> str:
    """The format suffix of a path, lower case; ``.warc.gz`` counts as one suffix."""
    name = Path(path).name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return Path(name).suffix


def is_supported(path: Path | str) -> bool:
    return suffix_of(path) in SUPPORTED_SUFFIXES


def scrub(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD, so it encodes to UTF-8 (same length).

    A JSON "\\ud800" escape decodes to one; SQLite and print() refuse them later.
    """
    return _SURROGATE.sub("\ufffd", text)


def display_name(name: str) -> str:
    """A file name as a valid string: bytes that are not UTF-8 (which Python keeps as
    surrogate escapes, e.g. a file named b"\\xff.txt") are written ``\\xff``.

    Reading still goes through the real path; this is the name stored and printed.
    """
    if _SURROGATE.search(name) is None:
        return name
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return scrub(name)
    return raw.decode("utf-8", "backslashreplace")


def one_line(text: str | None) -> str | None:
    """A message part as one valid line: no surrogates, line breaks as spaces."""
    if text is None:
        return None
    return _LINE_BREAKS.sub(" ", scrub(text))


def clean_problem(err: InputError) -> InputError:
    """The same problem with each part one valid line (an exception's text may hold any)."""
    what, which, fix = one_line(err.what) or "", one_line(err.which), one_line(err.fix)
    if (what, which, fix) == (err.what, err.which, err.fix):
        return err
    return InputError(what, which, fix)


def over_limit(what: str, size: int, limit: int, unit: str, which: str) -> InputError:
    """The problem for an input past one of the limits: "HTML file of 25,000,000 bytes is
    over the 20,000,000-byte limit"."""
    return InputError(f"{what} of {size:,} {unit}s is over the {limit:,}-{unit} limit", which,
                      "split it, or leave it out if it is no article")


def clean_article(art: Article) -> Article:
    """The article with every string field encodable (the readers clean as they go; this
    is the guarantee at the door)."""
    for name in ("source", "title", "outlet", "url", "author", "section"):
        value = getattr(art, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(art, name, scrub(value))
    if _SURROGATE.search(art.text):
        art.text = scrub(art.text)
        art.id = article_id(art.text)
    return art
