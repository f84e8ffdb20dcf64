"""Word lists, number words, calendar arithmetic and value bounds for the timex tagger."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Standalone month (no day): full names, or abbreviations with their period.
MONTH_ALONE_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
# Capitalised month names (case-sensitive: "may" and "march" are common words).
MONTH_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z]))"
)
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
WEEKDAY_RE = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"

ONES = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "single": 1, "half": 0.5, "couple": 2, "dozen": 12,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_ONES_RE = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS_RE = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMWORD_RE = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?:{_ONES_RE})(?:[- ]hundred)?|hundreds?|a\s+hundred|a\s+dozen|dozens?)"
)
# A count: digits, number words, "a"/"an", "a couple of", "a few", "several" ...
NUM_RE = (
    rf"(?:\d{{1,3}}(?:[.,]\d+)?(?:\s+1/2)?|{NUMWORD_RE}(?:\s+and\s+a\s+half)?|a\s+couple\s+of"
    r"|a\s+few|few|several|many|some|a|an|one\s+and\s+a\s+half|a\s+half)"
)
FUZZY = {"a few", "few", "several", "many", "some", "dozens", "hundreds"}

UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "fortnight": "F", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE",
}
UNIT_RE = (
    r"(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie))s?"
)


def word_number(s: str) -> float | None:
    """'twenty-four' -> 24, '18' -> 18, 'a couple of' -> 2; fuzzy counts -> None."""
    s = s.lower().strip().replace(",", "")
    if s in FUZZY:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    m = re.fullmatch(r"(\d+)\s+1/2", s)
    if m:
        return int(m[1]) + 0.5
    if s in ("a couple of", "couple of"):
        return 2
    if s in ("a half", "half"):
        return 0.5
    total: float = 0
    for w in re.split(r"[\s-]+", s):
        if w in ("and", "of"):
            continue
        if w in ONES:
            total += ONES[w]
        elif w in TENS:
            total += TENS[w]
        elif w in ("hundred", "hundreds"):
            total = (total or 1) * 100
        elif w == "dozen":
            total = (total or 1) * 12
        else:
            return None
    return total or None


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration for a count of a unit: (3, 'year') -> P3Y, (None, 'day') -> PXD."""
    u = UNITS.get(unit.lower().rstrip("s"), UNITS.get(unit.lower(), "D"))
    time = u in ("S", "H") or (u == "M" and unit.lower().startswith("min"))
    scale = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M"), "F": (2, "W"), "WE": (2, "D")}
    if u in scale:
        k, u = scale[u]
        n = None if n is None else n * k
    if n is None:
        return ("PTX" if time else "PX") + u
    if n != int(n):  # 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M, 1.5 days -> P1DT12H
        key = "m" if time and u == "M" else u
        k, sub, sub_time = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False),
                            "D": (24, "H", True), "H": (60, "M", True), "m": (60, "S", True),
                            "S": (1, "S", True)}[key]
        whole, rest = int(n), round((n - int(n)) * k)
        head = f"{whole}{u}" if whole else ""
        if sub_time and not time:
            return f"P{head}T{rest}{sub}"
        return ("PT" if time else "P") + head + f"{rest}{sub}"
    return ("PT" if time else "P") + f"{int(n)}{u}"


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    i = y * 4 + q - 1 + k
    return i // 4, i % 4 + 1


def easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(y, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    """n-th ISO weekday (1=Monday) of a month; n=-1 for the last."""
    if n > 0:
        first = dt.date(y, m, 1)
        return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(y, m, last_day(y, m))
    return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)


HOLIDAYS: dict[str, tuple[int, int] | Callable[[int], dt.date]] = {  # (month, day) or f(year)
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
    "independence day": (7, 4), "fourth of july": (7, 4), "4th of july": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
    "veterans day": (11, 11), "bastille day": (7, 14),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 4, 4),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
    "election day": lambda y: nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),
    "easter sunday": easter, "easter": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
}

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"(\d{2,4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q(\d)|H(\d)|W(\d{2})(?:-(?:WE|\d))?|(SP|SU|FA|WI)))?"
    r"(?:T.*)?"
)


def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Inclusive day bounds of a TIMEX3 DATE value (day, month, year, quarter, half, week,
    season, decade, century); (None, None) for anything else."""
    m = _VALUE.fullmatch(value)
    if not m:
        return None, None
    ys, mo, day, q, half, wk, season = m.groups()
    try:
        if len(ys) == 4:
            y = int(ys)
            if day:
                d = dt.date(y, int(mo), int(day))
                return d, d
            if mo:
                return dt.date(y, int(mo), 1), dt.date(y, int(mo), last_day(y, int(mo)))
            if q:
                a = 3 * int(q) - 2
                return dt.date(y, a, 1), dt.date(y, a + 2, last_day(y, a + 2))
            if half:
                a = 6 * int(half) - 5
                return dt.date(y, a, 1), dt.date(y, a + 5, last_day(y, a + 5))
            if wk:
                start = dt.date.fromisocalendar(y, int(wk), 1)
                if value.endswith("-WE"):
                    return start + dt.timedelta(days=5), start + dt.timedelta(days=6)
                return start, start + dt.timedelta(days=6)
            if season:
                a, b = _SEASONS[season]
                y2, b2 = add_months(y, b, 0)
                return dt.date(y, a, 1), dt.date(y2, b2, last_day(y2, b2))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m.group(0) != ys or len(ys) < 2:
            return None, None
        span = 10 ** (4 - len(ys))
        lo = int(ys) * span
        return dt.date(max(lo, 1), 1, 1), dt.date(lo + span - 1, 12, 31)
    except ValueError:
        return None, None
