"""Tense estimation and anchoring of relative dates against the document date."""

from __future__ import annotations

import datetime as dt
import re

from newsline.analyze.timex_lex import add_months, last_day

_FUTURE = re.compile(
    r"\b(?:will\s+(?:not\s+)?(?:be|have)\s+\w+|will|'ll|shall|going\s+to|plans?\s+to|planned\s+to|is\s+to|are\s+to|scheduled"
    r"|as\s+(?:soon|early)\s+as|planning|would\s+be\s+\w+ing"
    r"|expected\s+to|expects?\s+to|due\s+to|set\s+to|next|upcoming|would|intends?\s+to"
    r"|aims?\s+to|hopes?\s+to|to\s+be\s+held|until|begins?|starts?|opens?"
    r"|(?:is|are|be)\s+(?:expected|scheduled|due|set|planned)|payable|effective|pending|ahead\s+of)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:said|says|was|were|had|did|told|ago|last|earlier|came|went|took|made|met|"
    r"began|won|lost|left|fell|rose|gave|spent|sold|bought|announced|(?-i:[a-z]{3,}ed)|"
    # irregular past forms that are not also the present ("hit", "put", "cut" are both)
    r"struck|shot|found|caught|brought|thought|held|kept|led|ran|saw|sent|stood|wrote|broke|"
    r"chose|drove|flew|got|grew|knew|meant|paid|spoke|stole|threw|became|built|fled|fought|"
    r"sought|sank|shook|swept|withdrew|felt|heard|hid|beat|tore|wore|woke|understood)\b",
    re.I,
)


def tense(text: str, lo: int, hi: int, start: int, end: int, reach: int = 90) -> str | None:
    """'future', 'past' or None (no cue) from the words nearest a timex in its sentence."""
    best: tuple[int, str] | None = None
    left = text[max(lo, start - reach):start]
    right = text[end:min(hi, end + reach * 5 // 9)]
    for rx, kind in ((_FUTURE, "future"), (_PAST, "past")):
        for m in rx.finditer(left):
            dist = len(left) - m.end()
            if best is None or dist < best[0] or (dist == best[0] and kind == "future"):
                best = (dist, kind)
        after = rx.search(right)
        if after:
            dist = after.start() + 8  # a cue after the timex weighs a little less
            if best is None or dist < best[0]:
                best = (dist, kind)
    return best[1] if best else None


def weekday_date(dct: dt.date, wd: int, how: str | None) -> dt.date:
    """The date of ISO weekday ``wd`` relative to ``dct``: how = 'last', 'next', 'this',
    'future' (on or after), 'past'/None (on or before)."""
    diff = wd - dct.isoweekday()
    if how == "last":
        back = (-diff) % 7 or 7
        return dct - dt.timedelta(days=back)
    if how == "next":
        return dct + dt.timedelta(days=diff % 7 or 7)
    if how in ("future", "this"):
        return dct + dt.timedelta(days=diff % 7)
    return dct - dt.timedelta(days=(-diff) % 7)


def month_year(dct: dt.date, month: int, how: str | None) -> int:
    """The year of a bare month name relative to dct."""
    if how == "last":
        return dct.year if month < dct.month else dct.year - 1
    if how == "next":
        return dct.year if month > dct.month else dct.year + 1
    if how == "past":
        return dct.year if month <= dct.month else dct.year - 1
    if how == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if how == "this":
        return dct.year
    if month - dct.month > 6:  # no cue: the nearest such month
        return dct.year - 1
    if dct.month - month > 6:
        return dct.year + 1
    return dct.year


def monthday_date(dct: dt.date, month: int, day: int, how: str | None) -> dt.date | None:
    """A month-day without year: the dct year unless the tense says the other side."""
    y = dct.year
    try:
        d = dt.date(y, month, min(day, last_day(y, month)))
        if how == "past" and (d - dct).days > 31:
            d = d.replace(year=y - 1)
        elif how == "future" and (dct - d).days > 31:
            d = d.replace(year=y + 1)
        elif how is None and abs((d - dct).days) > 183:
            d = d.replace(year=y - 1 if d > dct else y + 1)
    except ValueError:
        return None
    return d if day <= last_day(d.year, month) else None


def dayofmonth_date(dct: dt.date, day: int, how: str | None) -> dt.date | None:
    """'the 12th': the latest such day on or before dct (past) or the next one (future)."""
    y, m = dct.year, dct.month
    for _ in range(3):
        if day <= last_day(y, m):
            d = dt.date(y, m, day)
            if how == "future" and d >= dct:
                return d
            if how != "future" and d <= dct:
                return d
        y, m = add_months(y, m, 1 if how == "future" else -1)
    return None


def shift(dct: dt.date, n: int, unit: str) -> tuple[dt.date, str]:
    """dct moved by n units, and the value at that unit's granularity."""
    from newsline.analyze.timex_lex import quarter_of, shift_quarter, week_value

    u = unit.lower().rstrip("s")
    if u in ("day", "night", "morning", "afternoon", "evening"):
        d = dct + dt.timedelta(days=n)
        return d, d.isoformat()
    if u in ("week", "weekend", "fortnight"):
        d = dct + dt.timedelta(days=7 * n * (2 if u == "fortnight" else 1))
        return d, week_value(d) + ("-WE" if u == "weekend" else "")
    if u == "month":
        y, m = add_months(dct.year, dct.month, n)
        return dt.date(y, m, 1), f"{y}-{m:02d}"
    if u == "quarter":
        y, q = shift_quarter(*quarter_of(dct), n)
        return dt.date(y, 3 * q - 2, 1), f"{y}-Q{q}"
    if u in ("decade",):
        y = dct.year + 10 * n
        return dt.date(y, 1, 1), str(y)[:3]
    if u in ("century", "centurie"):
        y = dct.year + 100 * n
        return dt.date(y, 1, 1), str(y)[:2]
    y = dct.year + n
    return dt.date(y, 1, 1), str(y)
