"""Shared text helpers: decoding bytes, cleaning text, recognising datelines and dates."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal

from charset_normalizer import from_bytes

from newsline.errors import InputError

# ------------------------------------------------------------------------------ decoding

_TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, newline, form feed, carriage return, escape
# Non-ASCII characters a Western (cp1252) text plausibly holds besides letters.
_WESTERN_PUNCT = set("\u00a0“”‘’‚„–—…«»‹›°€£¥¢©®™§¶·•×÷±¿¡†‡‰´¨¸ºª¹²³¼½¾µ")


def looks_binary(data: bytes) -> bool:
    """True when the bytes hold a NUL or more than 5% control characters (first 64 KiB)."""
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if (b < 32 and b not in _TEXT_CONTROLS) or b == 127)
    return bool(head) and controls / len(head) > 0.05


def _plausible_western(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` when it looks like Latin-script text, else None.

    charset-normalizer often names cp1250 or rarer code pages for short Western texts
    (turning "naïve" into "naďve"), so cp1252 is tried first: every non-ASCII character must
    be a letter or common typographic punctuation, and at most 30% of the letters non-ASCII
    (a Cyrillic cp1251 text read as cp1252 is nearly all accented letters).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch.isalpha():
            letters += 1
            accented += 1
        elif ch not in _WESTERN_PUNCT:
            return None
    if letters == 0 or accented / letters > 0.3:
        return None
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, which: str) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with BOM, else a detected legacy code page.

    Newlines come out as "\\n" and a BOM is dropped. Raises InputError for binary data or
    bytes no encoding reads.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif looks_binary(data):
        raise InputError("binary file, not text", which, "give a text, HTML, JSON or WARC file")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            western = _plausible_western(data)
            if western is not None:
                text = western
            else:
                best = from_bytes(data).best()
                if best is None:
                    raise InputError(
                        "cannot detect the text encoding", which, "save the file as UTF-8"
                    ) from None
                text = str(best)
    return normalise_newlines(text)


def clean_text(text: str) -> str:
    """Newlines as "\\n", no trailing spaces on lines, no blank lines at either end."""
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    return "\n".join(lines).strip("\n")


# ------------------------------------------------------------------------------ datelines

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?P<date>" + _WEEKDAY + r"?(?:"
    r"(?P<m1>" + _MONTH + r")\s+(?P<d1>\d{1,2})" + _ORD + r"(?:,?\s+(?P<y1>\d{4}))?"
    r"|(?P<d2>\d{1,2})" + _ORD + r"\s+(?:of\s+)?(?P<m2>" + _MONTH + r")(?:,?\s+(?P<y2>\d{4}))?"
    r"|(?P<y3>\d{4})[-/](?P<m3>\d{1,2})[-/](?P<d3>\d{1,2})"
    r"))"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?"
_LEAD = r"^\s*(?:(?:Published|Posted|Updated|Dated?)(?:\s+on)?\s*:?\s+)?"
_AGENCY = r"\((?P<agency>[A-Za-z][^()\n]{0,40})\)"
_DASH = r"(?:-{1,2}|–|—|:)"
_PLACE = (
    r"(?P<place>[A-Z][A-Z'.\-]+(?:\s+[A-Z][A-Z'.\-]*)*"
    r"(?:,\s*(?!" + _MONTH + r"\s+\d)[A-Z][A-Za-z.'\-]+(?:\s+[A-Z][A-Za-z.'\-]+)?)?)"
)

# A line that is only a date: "Tuesday, March 3, 2015", "2015-03-03", "Published: 3 March 2015".
_DATE_LINE = re.compile(_LEAD + _DATE + _TIME + r"\s*$", re.IGNORECASE)
# A date then an agency: "Oct. 2, 2015 (Reuters) -".
_DATE_AGENCY = re.compile(
    r"^\s*" + _DATE + _TIME + r"\s*" + _AGENCY + r"(?:\s*" + _DASH + r")?\s*", re.IGNORECASE
)
# A wire dateline: "LONDON, Oct 2 (Reuters) -", "WASHINGTON (AP) —", "BEIRUT, Lebanon —".
_WIRE = re.compile(
    r"^\s*" + _PLACE + r"(?:,?\s*(?i:" + _DATE + r"))?\s*(?:" + _AGENCY + r"\s*)?"
    r"(?P<dash>" + _DASH + r")\s*"
)


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline at the start of a line.

    ``date`` is set when the dateline names a full date with a year; ``span`` locates the
    date words inside the line (None when there are none, as in "WASHINGTON (AP) —");
    ``end`` is where the whole dateline ends in the line.
    """

    date: dt.date | None
    span: tuple[int, int] | None
    end: int
    month: int | None = None
    day: int | None = None


def _date_from(m: re.Match[str]) -> tuple[dt.date | None, int | None, int | None]:
    g = m.groupdict()
    if g.get("y3"):
        y, mo, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
    else:
        name = g.get("m1") or g.get("m2")
        day = g.get("d1") or g.get("d2")
        if not name or not day:
            return None, None, None
        mo = _MONTHS[name.rstrip(".").lower()]
        d = int(day)
        year = g.get("y1") or g.get("y2")
        if not year:
            return None, mo, d if 1 <= d <= 31 else None
        y = int(year)
    try:
        return dt.date(y, mo, d), mo, d
    except ValueError:
        return None, None, None


def _wire_ok(m: re.Match[str]) -> bool:
    """A wire dateline needs a date or an agency; a bare "PLACE —" needs a long dash."""
    if m.group("date") or m.group("agency"):
        return True
    return m.group("dash") in ("–", "—") and len(m.group("place")) >= 3


def parse_dateline(line: str) -> DatelineMatch | None:
    """Recognise a dateline at the start of ``line`` (see the module's patterns), or None."""
    for pattern in (_DATE_LINE, _DATE_AGENCY, _WIRE):
        m = pattern.match(line)
        if m is None:
            continue
        if pattern is _WIRE and not _wire_ok(m):
            continue
        if m.group("date"):
            day, month, dom = _date_from(m)
            span = (m.start("date"), m.end("date"))
            if day is None and month is None and pattern is not _WIRE:
                continue  # "February 30, 2015" alone is no dateline
        else:
            day, month, dom, span = None, None, None, None
        return DatelineMatch(day, span, m.end(), month, dom)
    return None


def find_dateline(text: str, lines: int = 2) -> tuple[dt.date, tuple[int, int]] | None:
    """The first dated dateline among the first ``lines`` non-empty lines of ``text``.

    Returns the date and the span of its date words in ``text``.
    """
    offset = 0
    seen = 0
    for line in text.split("\n"):
        if line.strip():
            m = parse_dateline(line)
            if m is not None and m.date is not None and m.span is not None:
                return m.date, (offset + m.span[0], offset + m.span[1])
            seen += 1
            if seen >= lines:
                break
        offset += len(line) + 1
    return None


_ANY_DATE = re.compile(_DATE, re.IGNORECASE)


def source_date(
    stated: object, text: str
) -> tuple[dt.date | None, Literal["metadata", "stated"] | None, tuple[int, int] | None]:
    """The date a source gives: its metadata value when it parses, else a dateline at the top
    of the text (with the span of its date words). Returns (date, basis, span)."""
    published = parse_date(stated) if isinstance(stated, str) else None
    if published is not None:
        return published, "metadata", None
    found = find_dateline(text)
    if found is not None:
        return found[0], "stated", found[1]
    return None, None, None


def parse_date(value: str) -> dt.date | None:
    """A date from a metadata string: ISO date/datetime, RFC 2822, or "March 3, 2015" forms."""
    value = value.strip()
    if not value:
        return None
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
        try:
            return parse(value)
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    m = _ANY_DATE.search(value)
    return _date_from(m)[0] if m else None
