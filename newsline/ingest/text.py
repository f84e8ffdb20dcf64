"""Shared text helpers: decoding bytes, telling text from binary, cleaning text and
metadata, recognising datelines and dates (and setting aside dates no news source gives).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Literal, TypeVar

from charset_normalizer import from_bytes

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, over_limit, scrub

# ------------------------------------------------------------------------------ decoding

_TEXT_CONTROLS = {9, 10, 11, 12, 13, 27}  # tab, newline, vt, form feed, return, escape
_BINARY_BYTES = bytes(b for b in range(256) if (b < 32 and b not in _TEXT_CONTROLS) or b == 127)
# Non-ASCII characters a Western (cp1252) text plausibly holds besides letters.
_WESTERN_PUNCT = set("\u00a0“”‘’‚„–—…«»‹›°€£¥¢©®™§¶·•×÷±¿¡†‡‰´¨¸ºª¹²³¼½¾µ")
# Below this many bytes a legacy code page cannot be told from noise: charset-normalizer
# names one for nearly any few random bytes.
MIN_GUESS_BYTES = 100
_SAMPLE = 16_384  # characters or bytes looked at in each of three places (head, middle, tail)
_OK_CONTROLS = frozenset("\t\n\x0b\x0c\r\x1b")
_BAD_CATEGORIES = frozenset(("Cc", "Cn", "Co", "Cs"))  # controls, unassigned, private, surrogates
# A decoded text is noise past this share of such characters (and of U+FFFD).
MAX_BAD_SHARE = 0.02
# Bytes read in a guessed code page look like letters but not like writing: letters of many
# scripts (a text has few: Japanese kanji, hiragana, katakana, Latin names), no spaces
# between them (where the script spaces its words), rare ideographs, half-width katakana.
MIN_SCRIPT_SHARE = 0.85
_UNSPACED = frozenset(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR",
                       "TIBETAN"))
# The first (most common) level of three national ideograph sets, by lead byte: a Chinese or
# Japanese text is nearly all of them, random double bytes mostly are not.
_COMMON_IDEOGRAPHS = (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6), ("shift_jis", 0x88, 0x98))


_Seq = TypeVar("_Seq", bytes, str)


def _samples(seq: _Seq) -> list[_Seq]:
    if len(seq) <= 3 * _SAMPLE:
        return [seq]
    mid = len(seq) // 2 - _SAMPLE // 2
    return [seq[:_SAMPLE], seq[mid:mid + _SAMPLE], seq[-_SAMPLE:]]


def looks_binary(data: bytes, any_nul: bool = True) -> bool:
    """True when the bytes hold a NUL (with ``any_nul``), or more than 5% NUL and control
    bytes in the samples looked at (head, middle and tail)."""
    if any_nul and b"\x00" in data:
        return True
    for part in _samples(data):
        controls = len(part) - len(part.translate(None, _BINARY_BYTES))
        if part and controls / len(part) > 0.05:
            return True
    return False


def _script(ch: str) -> str:
    words = unicodedata.name(ch, "?").split(" ")
    return words[1] if words[0] in ("HALFWIDTH", "FULLWIDTH") and len(words) > 1 else words[0]


def _common_ideograph(ch: str) -> bool:
    for codec, first, last in _COMMON_IDEOGRAPHS:
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and first <= raw[0] <= last:
            return True
    return False


def _not_writing(sample: str) -> bool:
    """Letters that no text is made of (see MIN_SCRIPT_SHARE and below)."""
    scripts: dict[str, int] = {}
    ideographs: list[str] = []
    halfwidth = 0
    for ch in sample:
        if ch.isalpha():
            name = unicodedata.name(ch, "?")
            key = _script(ch)
            scripts[key] = scripts.get(key, 0) + 1
            halfwidth += name.startswith("HALFWIDTH")
            if name.startswith("CJK UNIFIED") and len(ideographs) < 2_000:
                ideographs.append(ch)
    letters = sum(scripts.values())
    if letters < 20:
        return False
    if sum(sorted(scripts.values(), reverse=True)[:3]) / letters < MIN_SCRIPT_SHARE:
        return True
    spaced = sum(n for key, n in scripts.items() if key not in _UNSPACED)
    if spaced >= letters / 2 and sum(ch.isspace() for ch in sample) / len(sample) < 0.03:
        return True
    if len(ideographs) >= 10 and sum(map(_common_ideograph, ideographs)) < 0.6 * len(ideographs):
        return True
    return halfwidth > 0.2 * letters


def looks_garbled(text: str, guessed: bool = False) -> bool:
    """True when decoded ``text`` is noise, not writing: more than 2% controls, unassigned,
    private-use or replacement characters; or, when its code page was ``guessed``, letters
    no writing is made of (:func:`_not_writing`), as random bytes read in a code page are."""
    bad = total = 0
    parts = _samples(text)
    for part in parts:
        total += len(part)
        for ch in part:
            if ch.isascii():
                if (ch < " " and ch not in _OK_CONTROLS) or ch == "\x7f":
                    bad += 1
            elif ch == "\ufffd" or unicodedata.category(ch) in _BAD_CATEGORIES:
                bad += 1
    if total and bad / total > MAX_BAD_SHARE:
        return True
    return guessed and _not_writing("".join(parts))


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


def legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """``(codec, text)`` for bytes that are not UTF-8: cp1252 when it reads as Western text,
    else charset-normalizer's guess (needs ``MIN_GUESS_BYTES``); None when nothing fits."""
    western = _plausible_western(data)
    if western is not None:
        return "cp1252", western
    if len(data) < MIN_GUESS_BYTES:
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    return best.encoding, str(best)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary(which: str) -> InputError:
    return InputError("binary file, not text", which, "give a text, HTML, JSON or WARC file")


def utf8_mostly(data: bytes) -> tuple[str, int] | None:
    """``(text, broken)``: UTF-8 with a few broken bytes read as U+FFFD, when the valid
    characters beyond ASCII outnumber the broken sequences ten to one (text in a legacy
    code page is nearly all broken sequences); else None."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    broken = replaced - data.count("\ufffd".encode())
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if broken > 0 and beyond_ascii >= max(10 * broken, 4):
        return text, broken
    return None


def decode_bytes(data: bytes, which: str, notices: list[InputError] | None = None) -> str:
    """Decode a text file: UTF-8 (BOM or not; a few broken bytes become U+FFFD, with a
    notice added to ``notices``), UTF-16/32 with BOM, else a detected legacy code page.

    Newlines come out as "\\n" and a BOM is dropped. Raises InputError for binary data (NUL
    or control bytes, or a decoding that reads as noise) or bytes no encoding reads.
    """
    check = guessed = False  # whether the decoding may have made noise of bytes
    broken = 0
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, check = data.decode("utf-32", errors="replace"), True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, check = data.decode("utf-16", errors="replace"), True
    elif looks_binary(data):  # UTF-8 with or without BOM: no NUL or control bytes
        raise _binary(which)
    elif data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError:
            text, check = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), True
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            mostly = utf8_mostly(data)
            found = legacy_encoding(data) if mostly is None else None
            if mostly is not None:
                text, broken = mostly
            elif found is None:
                raise InputError(
                    "cannot detect the text encoding", which, "save the file as UTF-8"
                ) from None
            else:
                check, guessed = True, found[0] != "cp1252"
                text = found[1]
    if check and looks_garbled(text, guessed):
        raise _binary(which)
    if broken and notices is not None:
        notices.append(InputError(f"{broken} byte sequences that are not UTF-8 read as "
                                  "U+FFFD", which, "save the file as UTF-8 throughout"))
    return normalise_newlines(text)


def clean_text(text: str) -> str:
    """Newlines as "\\n", no trailing spaces on lines, no blank lines at either end, no lone
    surrogates (each is U+FFFD)."""
    lines = [line.rstrip() for line in normalise_newlines(scrub(text)).split("\n")]
    return "\n".join(lines).strip("\n")


def clean_meta(value: object) -> str | None:
    """A metadata string (title, outlet, URL) on one line, or None when empty or not a str."""
    if not isinstance(value, str):
        return None
    value = " ".join(scrub(value).split())
    return value or None


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


# A dateline is looked for in this much of a line (the longest, "WASHINGTON, D.C., Tuesday,
# March 3, 2015, 10:30 a.m. EST (Associated Press) —", is under 100): a text of one
# 5,000,000-character line must not take seconds in the patterns.
_DATELINE_CHARS = 300


def parse_dateline(line: str) -> DatelineMatch | None:
    """Recognise a dateline at the start of ``line`` (see the module's patterns), or None."""
    head = line[:_DATELINE_CHARS]
    for pattern in (_DATE_LINE, _DATE_AGENCY, _WIRE):
        if pattern is _DATE_LINE and len(line) > _DATELINE_CHARS:
            continue  # a line of only a date is short
        m = pattern.match(head)
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

# A source date outside these bounds is a typo or a placeholder ("0001-01-01", "9999-12-31"):
# the article is kept without it, and a notice says so.
EARLIEST_DATE = dt.date(1800, 1, 1)


def latest_date(today: dt.date | None = None) -> dt.date:
    """The last sane source date: 31 December of next year."""
    return dt.date((today or dt.date.today()).year + 1, 12, 31)


def date_set_aside(
    day: dt.date, which: str, today: dt.date | None = None
) -> InputError | None:
    """The notice for a source date outside the sane range, or None when it is in it."""
    if day < EARLIEST_DATE:
        why = f"before {EARLIEST_DATE.isoformat()}"
    elif day > latest_date(today):
        why = f"after {latest_date(today).isoformat()}"
    else:
        return None
    return InputError(f"source date {day.isoformat()} set aside, {why}", which,
                      "the article is kept without a date; correct it in the file if wrong")


@dataclass(frozen=True, slots=True)
class SourceDate:
    """The date a source gives, how (``basis``), where in the text (``span``), and notices
    for dates set aside."""

    published: dt.date | None = None
    basis: Literal["metadata", "stated"] | None = None
    span: tuple[int, int] | None = None
    notices: tuple[InputError, ...] = ()


def source_date(
    stated: object, text: str, which: str, today: dt.date | None = None
) -> SourceDate:
    """The date a source gives: its metadata value when it parses (and is sane), else a
    dateline at the top of the text (with the span of its date words)."""
    notices: list[InputError] = []
    published = parse_date(stated) if isinstance(stated, str) else None
    if published is not None:
        notice = date_set_aside(published, which, today)
        if notice is None:
            return SourceDate(published, "metadata", None)
        notices.append(notice)
    found = find_dateline(text)
    if found is not None:
        notice = date_set_aside(found[0], which, today)
        if notice is None:
            return SourceDate(found[0], "stated", found[1], tuple(notices))
        notices.append(notice)
    return SourceDate(notices=tuple(notices))


def parse_date(value: str) -> dt.date | None:
    """A date from a metadata string: ISO date/datetime, RFC 2822, or "March 3, 2015" forms."""
    value = value.strip()
    if not value or len(value) > 200:  # no date is longer; regexes need not scan a book
        return None
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
        try:
            return parse(value)
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    m = _ANY_DATE.search(value)
    return _date_from(m)[0] if m else None


def read_text_file(path: Path, source: str, max_bytes: int, kind: str,
                   empty_fix: str) -> tuple[str | None, ReadResult]:
    """A text file's decoded text, refused past ``max_bytes`` (a ``kind`` "CSV file") or when
    it holds only white space (``empty_fix`` says what to give): (the text, a result holding
    the decoding's notices), or (None, a result holding the one problem)."""
    size = path.stat().st_size
    if size > max_bytes:
        return None, ReadResult([], [over_limit(kind, size, max_bytes, "byte", source)])
    notices: list[InputError] = []
    try:
        text = decode_bytes(path.read_bytes(), source, notices)
    except InputError as err:
        return None, ReadResult([], [err])
    if not text.strip():
        return None, ReadResult([], [InputError("file is empty", source, empty_fix)])
    return text, ReadResult([], [], notices)
