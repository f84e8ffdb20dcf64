"""RSS and Atom feed files (``.rss``, ``.atom``, and ``.xml`` that is a feed), through
feedparser: one article per entry.

An entry's text is its full content (Atom ``content``, RSS ``content:encoded``), else its
summary or description, with the markup taken out by ``html.fragment_text``; its title,
link, author(s) and published (else updated) date come along, and the feed's title is the
outlet. The date is read from the entry's own string, so the day is the one the feed
states (feedparser's parsed time is in UTC, a day off for a story dated after midnight
east of Greenwich); feedparser's parse stands in where our parser reads nothing.

Nothing is fetched: the bytes are handed to feedparser as a stream (given bytes, feedparser
would try them as a file name; given a string that looks like a URL, it would download it),
and relative links stay as the feed has them. An entry without text is one problem (a
feed of headlines and links gives nothing to read); a feed that is not well-formed XML is
one problem, with the entries feedparser read before the damage kept: those whose closing
tag the file holds (an entry cut off at the end of the file is part of that problem, not
one of its own). Limits: a file over ``MAX_FEED_BYTES`` is not read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import time
from pathlib import Path
from typing import Any

import feedparser

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta, over_limit
from newsline.ingest.html import fragment_text
from newsline.ingest.records import add_record, extras, joined
from newsline.ingest.text import clean_meta, looks_binary, parse_date

# A feed is parsed whole into Python objects; news feeds with full text are a few MB.
MAX_FEED_BYTES = 64 * 2**20
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
# feedparser's bozo exceptions that only say the encoding was found another way.
_HARMLESS = (feedparser.CharacterEncodingOverride,)
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_RISKY_ENTITY = re.compile(rb"<!ENTITY[^>]*(?:&[A-Za-z_:]|\bSYSTEM\b|\bPUBLIC\b)[^>]*>")
_CLOSED_ENTRY = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FEED_FIX = "give an RSS or Atom feed file (the XML the feed's URL returns)"


def _value_text(value: str, kind: str | None) -> str:
    """The text of one content or summary value: markup taken out unless it is plain."""
    if kind and kind.lower() not in _HTML_TYPES and "html" not in kind.lower():
        return value
    return fragment_text(value)


def _entry_text(entry: Any) -> str:
    """The entry's longest content value, else its summary, as text."""
    best = ""
    for part in entry.get("content") or []:
        if isinstance(part, dict) and isinstance(part.get("value"), str):
            text = _value_text(part["value"], part.get("type"))
            if len(text.strip()) > len(best.strip()):
                best = text
    if best.strip():
        return best
    summary = entry.get("summary")
    if not isinstance(summary, str):
        return ""
    detail = entry.get("summary_detail") or {}
    return _value_text(summary, detail.get("type") if isinstance(detail, dict) else None)


def _entry_title(entry: Any) -> str | None:
    title = entry.get("title")
    if not isinstance(title, str):
        return None
    detail = entry.get("title_detail") or {}
    kind = detail.get("type") if isinstance(detail, dict) else None
    if kind and "html" in str(kind).lower() and "<" in title:
        title = fragment_text(title)
    return clean_meta(title)


def _entry_date(entry: Any) -> dt.date | str | None:
    """The published (else updated) date as the entry states it; feedparser's UTC parse
    where our parser reads nothing."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and parse_date(raw) is not None:
            return raw
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _entry_author(entry: Any) -> str | None:
    authors = entry.get("authors")
    if isinstance(authors, list):
        names = [a.get("name") or a.get("email") for a in authors if isinstance(a, dict)]
        found = joined(names)
        if found:
            return found
    return clean_meta(entry.get("author"))


def _xml_error(err: Exception) -> str:
    """What feedparser's XML error says, with its line: "at line 12: mismatched tag"."""
    where = ""
    line = getattr(err, "getLineNumber", None)
    if callable(line):
        try:
            where = f" at line {line()}"
        except Exception:  # a SAX locator that has gone away
            where = ""
    message = getattr(err, "getMessage", None)
    try:
        reason = message() if callable(message) else str(err)
    except Exception:
        reason = type(err).__name__
    return f"{where}: {reason}"[:200]


def _defuse(data: bytes) -> bytes:
    """The feed without the entity declarations of its DOCTYPE that refer to other entities
    or to files: feedparser drops those only at the start of a line, and one line of them
    ("billion laughs") costs expat a second of its amplification limit."""
    first = _ELEMENT.search(data)
    end = first.start() if first else len(data)
    if b"<!ENTITY" not in data[:end]:
        return data
    return _RISKY_ENTITY.sub(b"", data[:end]) + data[end:]


def parse_feed(data: bytes, source: str) -> ReadResult:
    """Articles from the bytes of a feed file, one per entry (source = "file#N")."""
    if not data.strip():
        return ReadResult([], [InputError("file is empty", source, _FEED_FIX)])
    if not data.startswith(_WIDE_BOMS) and looks_binary(data):
        return ReadResult([], [InputError("binary file, not a feed", source, _FEED_FIX)])
    try:
        parsed = feedparser.parse(io.BytesIO(_defuse(data)), resolve_relative_uris=False)
    except Exception as err:  # feedparser's loose parser on hostile markup
        return ReadResult([], [InputError(f"feed could not be parsed: {type(err).__name__}: "
                                          f"{err}"[:300], source, _FEED_FIX)])
    entries = [e for e in parsed.get("entries") or [] if isinstance(e, dict)]
    version = parsed.get("version") or ""
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(error, _HARMLESS):
        error = None
    if not version and not entries:
        what = "not an RSS or Atom feed"
        if error is not None:
            what += f" (not well-formed XML{_xml_error(error)})"
        return ReadResult([], [InputError(what, source, _FEED_FIX)])
    if error is not None:
        entries = entries[:len(_CLOSED_ENTRY.findall(data))]
    feed = parsed.get("feed") or {}
    outlet = clean_meta(feed.get("title")) if isinstance(feed, dict) else None
    fmt = "atom" if version.startswith("atom") else "rss"
    result = ReadResult()
    for n, entry in enumerate(entries, 1):
        which = f"{source} entry {n}"
        add_record(
            result, _entry_text(entry), f"{source}#{n}", which,
            title=_entry_title(entry), outlet=outlet, url=entry.get("link"),
            date=_entry_date(entry),
            meta=SourceMeta(author=_entry_author(entry), record=n, format=fmt,
                            extra=extras(id=entry.get("id"), feed_version=version)),
            empty="entry has no text (no content, summary or description)",
            fix="the feed gives only a link; newsline does not fetch URLs",
        )
    if error is not None:
        kept = len(result.articles)
        fix = "download the feed again"
        if kept:
            fix = f"the {kept} entries before the damage were read; {fix}"
        result.problem(InputError(f"feed is not well-formed XML{_xml_error(error)}", source,
                                  fix))
    elif not entries:
        result.problem(InputError("feed has no entries", source, "give a feed with items"))
    return result


def read_feed(path: Path, source: str) -> ReadResult:
    """Read one .rss/.atom/.xml feed file."""
    size = path.stat().st_size
    if size > MAX_FEED_BYTES:
        return ReadResult([], [over_limit("feed file", size, MAX_FEED_BYTES, "byte", source)])
    return parse_feed(path.read_bytes(), source)
