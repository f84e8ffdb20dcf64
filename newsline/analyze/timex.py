"""A fast rule-based time-expression tagger and normaliser (TIMEX3, TempEval-3 conventions).

``find_timexes(text, dct, sentences)`` finds DATE, TIME, DURATION and SET expressions with
compiled regular expressions, keeps the longest non-overlapping matches, and normalises each
against the document date ``dct`` using the tense of the words around it. No spaCy: it has to
run far faster than the parser (tens of thousands of words a second on one core).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsline.analyze import timex_lex as lx
from newsline.analyze import timex_resolve as rs
from newsline.model import Timex

__all__ = ["find_timexes"]

_SEASON_CODE = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PERIOD_CODE = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}


@dataclass(slots=True)
class _Ctx:
    text: str
    dct: dt.date | None
    lo: int = 0  # sentence bounds of the current match
    hi: int = 0
    ref: str | None = None  # the last date mentioned, for "that day", "the following year"

    # (lo, hi) -> whether the sentence reads as an earnings report: asked once per sentence,
    # as a long one would otherwise be searched again for every "a year earlier" in it
    _quarterly: dict[tuple[int, int], bool] = field(default_factory=dict)

    def tense(self, m: re.Match[str], reach: int = 90) -> str | None:
        return rs.tense(self.text, self.lo, self.hi, m.start(), m.end(), reach)

    def quarterly(self) -> bool:
        """The sentence (and what comes shortly before it) speaks of a quarter or a period,
        not of a year: an earnings report, where "a year earlier" is a quarter."""
        key = (self.lo, self.hi)
        got = self._quarterly.get(key)
        if got is None:
            got = bool(_QUARTERLY.search(self.text, max(0, self.lo - 1500), self.hi)
                       and not _ANNUAL.search(self.text, self.lo, self.hi))
            self._quarterly[key] = got
        return got


Result = tuple[str, str, bool]  # type, value, anchored
Handler = Callable[[re.Match[str], _Ctx], "Result | list[tuple[int, int, str, str, bool]] | None"]


def _g(m: re.Match[str], name: str) -> str:
    return (m.groupdict().get(name) or "").lower()


def _month(s: str) -> int:
    return lx.MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _date(y: int, mo: int, d: int) -> str | None:
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


# ------------------------------------------------------------------ handlers


def _iso(m: re.Match[str], c: _Ctx) -> Result | None:
    v = _date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return ("DATE", v, False) if v else None


def _numeric(m: re.Match[str], c: _Ctx) -> Result | None:
    y = int(m["y"])
    y = y + (1900 if y > 40 else 2000) if y < 100 else y
    v = _date(y, int(m["mo"]), int(m["d"]))  # US order
    return ("DATE", v, False) if v else None


def _monthday(m: re.Match[str], c: _Ctx) -> Result | None:
    mo, d = _month(m["m"]), _day(m["d"])
    if m["y"]:
        v = _date(int(m["y"]), mo, d)
        return ("DATE", v, False) if v else None
    if c.dct is None:
        return ("DATE", f"XXXX-{mo:02d}-{d:02d}", False)
    day = rs.monthday_date(c.dct, mo, d, c.tense(m, 30))
    return ("DATE", day.isoformat(), True) if day else None


def _week_of(m: re.Match[str], c: _Ctx) -> Result | None:
    res = _monthday(m, c)
    if res is None or res[1].startswith("X"):
        return res and ("DATE", "XXXX-WXX", False)
    return "DATE", lx.week_value(dt.date.fromisoformat(res[1])), res[2]


def _range_days(m: re.Match[str], c: _Ctx) -> list[tuple[int, int, str, str, bool]] | None:
    """'from the 3rd to the 7th of March': two dates sharing the month (and year)."""
    mo = _month(m["m"])
    out = []
    for g in ("a", "b"):
        d = _day(m[g + "d"])
        if m["y"]:
            v, anch = _date(int(m["y"]), mo, d), False
        elif c.dct is None:
            v, anch = f"XXXX-{mo:02d}-{d:02d}", False
        else:
            day = rs.monthday_date(c.dct, mo, d, c.tense(m))
            v, anch = (day.isoformat() if day else None), True
        if v is None:
            return None
        end = m.end() if g == "b" else m.end(g + "d")
        out.append((m.start(g), end, "DATE", v, anch))
    return out


def _monthyear(m: re.Match[str], c: _Ctx) -> Result | None:
    mo = _month(m["m"])
    if m["y"]:
        return "DATE", f"{m['y']}-{mo:02d}", False
    rel, rel2 = _g(m, "rel"), _g(m, "rel2")
    if c.dct is None:
        return "DATE", f"XXXX-{mo:02d}", False
    how = {"last": "last", "next": "next", "this": "this", "coming": "next"}.get(rel)
    if rel2:
        y = c.dct.year + {"last": -1, "next": 1}.get(rel2.split()[0], 0)
    else:
        y = rs.month_year(c.dct, mo, how or c.tense(m, 30))
    return "DATE", f"{y}-{mo:02d}", True


def _dayofmonth(m: re.Match[str], c: _Ctx) -> Result | None:
    d = _day(m["d"])
    if c.dct is None:
        return "DATE", f"XXXX-XX-{d:02d}", False
    day = rs.dayofmonth_date(c.dct, d, c.tense(m))
    return ("DATE", day.isoformat(), True) if day else None


def _year(m: re.Match[str], c: _Ctx) -> Result | None:
    if not (m["pre"] or m["fy"]):
        before = c.text[max(0, m.start() - 12):m.start()].lower()
        after = c.text[m.end():m.end() + 12]
        if re.search(r"[$#]\s*$|\d[,.]?\s*$", before) or re.match(r"\s*(?:%|[-/]\d|\w+\s+(?:percent|people))", after):  # noqa: E501
            return None
        prep = re.search(r"\b(?:in|since|of|by|until|till|from|to|during|before|after|for|"
                         r"and|through|between|year|as|at|early|late)\s+$|[(,]\s*$", before)
        # "the 1996 campaign", "its 1990 invasion": a year modifying a noun is a timex
        wide = c.text[max(0, m.start() - 30):m.start()]
        det = re.search(r"\b(?:the|a|an|its|his|her|their|our|that|this)\s+(?:[a-z]+\s+)?$"
                        r"|'s\s+$", wide)
        if not prep and re.match(r" [a-z]", after) and (
                not det or re.match(r" (?:people|shares|employees|units|and|or)\b", after)):
            return None
    return "DATE", m["y"], False


def _spelled_year(m: re.Match[str], c: _Ctx) -> Result | None:
    tens = lx.TENS[_g(m, "t")]
    return "DATE", str(1900 + tens + int(lx.ONES.get(_g(m, "o"), 0))), False


def _decade(m: re.Match[str], c: _Ctx) -> Result | None:
    if m["dec"]:
        return "DATE", m["dec"][:3], False
    if m["decs"]:
        return "DATE", ("19" if m["decs"] > "20" else "20") + m["decs"][0], False
    s = _g(m, "decw")
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}[s]
    return "DATE", f"19{tens}", False


def _century(m: re.Match[str], c: _Ctx) -> Result | None:
    n = int(re.sub(r"\D", "", m["n"]) or lx.ORDINALS.get(_g(m, "n"), 0))
    return ("DATE", f"{n - 1:02d}", False) if n else None


def _anaphor(m: re.Match[str], c: _Ctx) -> Result | None:
    """'that day', 'the following year', 'later that month': relative to the last date
    mentioned (narrative time), not to the document date; 'the next year' stays on the DCT."""
    rel, unit = _g(m, "rel").split()[-1], _g(m, "u")
    k = {"that": 0, "same": 0, "following": 1, "next": 1, "previous": -1}[rel]
    code = _PERIOD_CODE.get(unit, "")
    unit = "day" if code else unit
    need = {"day": 10, "week": 10, "month": 7, "year": 4}[unit]
    ref = c.ref if c.ref and len(c.ref) >= need else None
    if ref is None:
        if k == 0 or rel == "next" or c.dct is None:
            return None
        base = c.dct
    elif rel == "next" and unit != "day":
        return None
    else:
        base = dt.date(int(ref[:4]), int(ref[5:7] or 1), int(ref[8:10] or 1))
    v = rs.shift(base, k, unit)[1]
    return ("TIME", v + "T" + code[1:], True) if code else ("DATE", v, True)


def _weekday(m: re.Match[str], c: _Ctx) -> Result | None:
    wd = lx.WEEKDAYS[m["wd"].lower()]
    period = _PERIOD_CODE.get(_g(m, "per"), "")
    typ = "TIME" if period else "DATE"
    if c.dct is None:
        return typ, f"XXXX-WXX-{wd}" + (period and "T" + period[1:]), False
    rel = _g(m, "rel").replace("this coming", "next").replace("coming", "future")
    day = rs.weekday_date(c.dct, wd, rel or c.tense(m))
    if rel == "the previous":  # the Friday before last Friday
        day -= dt.timedelta(days=7)
    return typ, day.isoformat() + (period and "T" + period[1:]), True


def _relday(m: re.Match[str], c: _Ctx) -> Result | None:
    w = _g(m, "w")
    per = _g(m, "per")
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "tonite": 0}.get(w)
    if w in ("this", "last"):
        off = -1 if (w == "last" and per in ("night", "evening")) else 0
        if w == "last" and per not in ("night", "evening"):
            return None
    code = "TNI" if w == "tonight" else _PERIOD_CODE.get(per, "")
    typ = "TIME" if code else "DATE"
    if c.dct is None:
        return typ, ("PRESENT_REF" if w == "today" and not code else "XXXX-XX-XX" + (code and "T" + code[1:])), False  # noqa: E501
    v = (c.dct + dt.timedelta(days=off or 0)).isoformat()
    return typ, v + (code and "T" + code[1:]), True


def _time(m: re.Match[str], c: _Ctx) -> Result | None:
    word = _g(m, "word")
    if word:
        hh, mm = (12, 0) if word == "noon" else (24, 0)
    elif m["h24"]:
        hh, mm = int(m["h24"]), int(m["mi24"])
    else:
        hh, mm = int(m["h"]), int(m["mi"] or 0)
        ap = _g(m, "ap").replace(".", "")
        if ap.startswith("p") and hh < 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
    hm = f"T{hh:02d}:{mm:02d}"
    day = None
    if m["rm"]:  # "5 p.m. EST, Nov. 6"
        if m["ry"]:
            v = _date(int(m["ry"]), _month(m["rm"]), _day(m["rd"]))
            return ("TIME", v + hm, False) if v else None
        if c.dct is None:
            return "TIME", f"XXXX-{_month(m['rm']):02d}-{_day(m['rd']):02d}{hm}", False
        day = rs.monthday_date(c.dct, _month(m["rm"]), _day(m["rd"]), c.tense(m, 30))
        return ("TIME", day.isoformat() + hm, True) if day else None
    if c.dct is not None:
        day = c.dct
        ref = _g(m, "ref")
        if ref in ("yesterday", "tomorrow"):
            day = c.dct + dt.timedelta(days=-1 if ref == "yesterday" else 1)
        elif ref and ref.capitalize() in ("Monday", "Tuesday", "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"):
            day = rs.weekday_date(c.dct, lx.WEEKDAYS[ref], c.tense(m))
    return "TIME", (day.isoformat() if day else "XXXX-XX-XX") + hm, day is not None


def _partday(m: re.Match[str], c: _Ctx) -> Result | None:
    per = _g(m, "per").replace("-", "")
    code = "12:00" if per == "midday" else _PERIOD_CODE[per.removeprefix("mid").replace(
        "overnight", "night")][1:]
    if c.dct is None:
        return "TIME", "XXXX-XX-XX" + "T" + code, False
    return "TIME", c.dct.isoformat() + "T" + code, True


def _relunit(m: re.Match[str], c: _Ctx) -> Result | None:
    """last week, next month, this year, earlier this year, the coming year ..."""
    rel, unit = _g(m, "rel"), _g(m, "u")
    if c.dct is None:
        return "DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                        "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(unit, "XXXX"), False
    n = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit in ("decade", "century") and rel in ("last", "past"):
        return "DURATION", lx.duration_value(1, unit), False
    if unit == "quarter" and rel in ("last", "past", "latest") or unit == "period":
        n = -5 if rel.startswith("year-") or m.groupdict().get("ya") else -1
        unit = "quarter"
    return "DATE", rs.shift(c.dct, n, unit)[1], True


def _quarter(m: re.Match[str], c: _Ctx) -> Result | None:
    q = lx.ORDINALS.get(_g(m, "q"), 0) or int(re.sub(r"\D", "", _g(m, "q")) or 0)
    if not 1 <= q <= 4:
        return None
    if m["y"]:
        return "DATE", f"{m['y']}-Q{q}", False
    yrel = _g(m, "yrel")
    if c.dct is None:
        return "DATE", f"XXXX-Q{q}", False
    y = c.dct.year
    if yrel:
        y += {"last": -1, "next": 1}.get(yrel, 0)
    elif dt.date(y, 3 * q - 2, 1) > c.dct:
        y -= 1
    if m.groupdict().get("ya"):  # "the year-ago third quarter"
        y -= 1
    return "DATE", f"{y}-Q{q}", True


def _thequarter(m: re.Match[str], c: _Ctx) -> Result | None:
    if c.dct is None:
        return "DATE", "XXXX-QX", False
    k = -5 if re.search(r"year-(?:ago|earlier)", _g(m, "mod")) or m.groupdict().get("ya") else -1
    if re.search(r"current|this", _g(m, "mod")):
        k = 0
    y, q = lx.shift_quarter(*lx.quarter_of(c.dct), k)
    return "DATE", f"{y}-Q{q}", True


def _year_quarter(m: re.Match[str], c: _Ctx) -> Result | None:
    """'the 1988 quarter' in an earnings report: the latest reported quarter, in that year."""
    if c.dct is None:
        return "DATE", m["y"], False
    q = lx.shift_quarter(*lx.quarter_of(c.dct), -1)[1]
    return "DATE", f"{m['y']}-Q{q}", True


def _ago(m: re.Match[str], c: _Ctx) -> Result | list[tuple[int, int, str, str, bool]] | None:
    n = lx.word_number(_g(m, "n"))
    unit, dirw = _g(m, "u").rstrip("s"), _g(m, "dir")
    if dirw in ("later", "after", "afterward", "afterwards", "before") or unit in (
            "second", "minute", "hour"):
        return [(m.start(), m.end("u"), "DURATION", lx.duration_value(n, unit), False)]
    if n is None:
        return "DATE", "PAST_REF" if dirw != "from now" else "FUTURE_REF", c.dct is not None
    if c.dct is None:
        return "DATE", "XXXX", False
    if unit == "year" and n == 1 and dirw != "from now" and c.quarterly():
        # an earnings report: "a year earlier" is the year-ago quarter
        y, q = lx.shift_quarter(*lx.quarter_of(c.dct), -5)
        return "DATE", f"{y}-Q{q}", True
    sign = 1 if dirw == "from now" else -1
    return "DATE", rs.shift(c.dct, sign * int(n), unit)[1], True


_RATE = re.compile(r"(?:\d|\b(?:million|billion|thousand|hundreds?|dozens?))(?:\s+[a-z]+)?\s+$")
_QUARTERLY = re.compile(r"\bquarter|\bperiod", re.I)
_ANNUAL = re.compile(r"\bnine\s+months|\b(?:full|fiscal|the)\s+year\b|\blast\s+year", re.I)


def _duration(m: re.Match[str], c: _Ctx) -> Result | list[tuple[int, int, str, str, bool]] | None:  # noqa: E501
    n_s = _g(m, "n")
    n = lx.word_number(n_s) if n_s else None
    unit = _g(m, "u")
    if n_s and n is None and n_s not in lx.FUZZY:
        return None
    if unit.endswith("s") and n == 1 and n_s in ("a", "an"):
        return None
    if unit.startswith("weekend"):
        return None
    if unit.startswith("quarter") and re.match(r"\s+of\b", c.text[m.end():m.end() + 4]):
        return None  # "three-quarters of its food" is a fraction
    if n_s in ("a", "an") and m.start() == m.start("n") and _RATE.search(
            c.text, max(0, m.start() - 30), m.start()):
        return "SET", lx.duration_value(1, unit), False  # "$2 million a year", "24 hours a day"
    prefix = m.group(0)[:m.start("n") - m.start()].strip().lower()
    if m.group(0).lower().endswith("-old") and unit.startswith("year") and prefix in ("", "the"):
        return None  # ages ("a 6-year-old") are not timexes
    if unit.startswith("year") and re.match(r"\s+old\b", c.text[m.end():m.end() + 5]):
        return None  # "52 years old"
    value = lx.duration_value(n, unit.rstrip("s") if unit != "centuries" else "century")
    if prefix == "the" and c.text[m.end("n"):m.start("u")] == "-":
        return [(m.start("n"), m.end(), "DURATION", value, False)]  # "the [two-week] war"
    return "DURATION", value, False


def _halfunit2(m: re.Match[str], c: _Ctx) -> Result | None:
    if m["u"]:
        return "DURATION", lx.duration_value(1.5, _g(m, "u")), False
    return "DURATION", lx.duration_value(0.5, _g(m, "u2")), False


def _duration_bare(m: re.Match[str], c: _Ctx) -> Result | None:
    """'for years', 'the past months': an unspecified count of a unit."""
    u = _g(m, "u")
    u = "century" if u == "centuries" else u.rstrip("s")
    return "DURATION", lx.duration_value(None, u), False


def _set_on(m: re.Match[str], c: _Ctx) -> Result | None:
    w = m["w"]
    if not w[0].isupper():
        return None
    return "SET", f"XXXX-WXX-{lx.WEEKDAYS[w.lower()[:-1]]}", False


def _season(m: re.Match[str], c: _Ctx) -> Result | None:
    code = _SEASON_CODE[_g(m, "s")]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}", False
    if c.dct is None:
        return "DATE", f"XXXX-{code}", False
    rel = _g(m, "rel")
    y = c.dct.year + {"last": -1, "next": 1, "past": -1}.get(rel, 0)
    return "DATE", f"{y}-{code}", True


def _ref(m: re.Match[str], c: _Ctx) -> Result | None:
    w = m.group(0).lower()
    if re.search(r"future|coming|term", w):
        return "DATE", "FUTURE_REF", False
    if re.search(r"now|current|present|today|these", w):
        return "DATE", "PRESENT_REF", False
    return "DATE", "PAST_REF", False


def _set(m: re.Match[str], c: _Ctx) -> Result | list[tuple[int, int, str, str, bool]] | None:
    w = _g(m, "w")
    if _g(m, "g"):
        return [(m.start("g"), m.end(), "SET", lx.duration_value(1, w), False)]
    adv = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
           "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M"}
    if w in adv:
        return "SET", adv[w], False
    if w.capitalize().rstrip("s") in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                      "Saturday", "Sunday"):
        return "SET", f"XXXX-WXX-{lx.WEEKDAYS[w.rstrip('s')]}", False
    if w in _PERIOD_CODE:
        return "SET", "XXXX-XX-XXT" + _PERIOD_CODE[w][1:], False
    return "SET", lx.duration_value(1, w), False


def _holiday(m: re.Match[str], c: _Ctx) -> Result | None:
    name = re.sub(r"\s+", " ", _g(m, "h")).replace("’", "'")
    rule = lx.HOLIDAYS.get(name)
    if rule is None:
        return None

    def on(y: int) -> dt.date:
        return rule(y) if callable(rule) else dt.date(y, rule[0], rule[1])

    if m["y"]:
        return "DATE", on(int(m["y"])).isoformat(), False
    if c.dct is None:
        d = on(2000)
        return "DATE", "XXXX-" + d.isoformat()[5:], False
    d = on(c.dct.year)
    how = c.tense(m)
    if how == "past" and d > c.dct:
        d = on(c.dct.year - 1)
    elif how == "future" and d < c.dct:
        d = on(c.dct.year + 1)
    return "DATE", d.isoformat(), True


def _the_year(m: re.Match[str], c: _Ctx) -> Result | None:
    """'the year ended June 30' is a fiscal year, a duration; 'for the year', 'the end of the
    year' are the current year; 'the year two thousand' is 2000."""
    if m["k"]:
        return "DATE", "2000", False
    edge = not _BARE_YEAR.match(m.group(0))  # "the end of the year", "earlier in the year"
    if not edge and (c.dct is None or _YEAR_SPAN.match(c.text, m.end())):
        return "DURATION", "P1Y", False
    if c.dct is None:
        return "DATE", "XXXX", False
    return "DATE", str(c.dct.year), True


_BARE_YEAR = re.compile(r"the\s+(?:full\s+|fiscal\s+|calendar\s+)?year", re.I)
_YEAR_SPAN = re.compile(r"\s+(?:ended|ending|ends|to\s+date|before|earlier|through|that)\b", re.I)


def _weekend(m: re.Match[str], c: _Ctx) -> Result | None:
    if c.dct is None:
        return "DATE", "XXXX-WXX-WE", False
    w = m.group(0).lower().split()[0]
    k = {"last": -7, "next": 7}.get(w, 0)
    if w == "the" and c.dct.isoweekday() < 6 and c.tense(m) != "future":
        k = -7
    return "DATE", lx.week_value(c.dct + dt.timedelta(days=k)) + "-WE", True


def _half(m: re.Match[str], c: _Ctx) -> Result | None:
    h = 1 if _g(m, "h") == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}", False
    if c.dct is None or not m.group(0).lower().startswith("the"):
        return None
    return "DATE", f"{c.dct.year}-H{h}", True


def _fixed(value: str, typ: str = "DATE") -> Handler:
    return lambda m, c: (typ, value, False)


from newsline.analyze.timex_patterns import UNGATED, Pattern, build_patterns, gate_open  # noqa: E402

_PATTERNS: list[Pattern] = build_patterns(globals())
_REF = re.compile(r"\d{4}(?:-\d\d){0,2}(?:T|$)")
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text)] or [(0, len(text))]


_Candidate = tuple[int, int, int, re.Match[str], Handler]
_LAST: list[tuple[str, list[_Candidate]]] = []  # the last text scanned, and its matches


def _candidates(text: str) -> list[_Candidate]:
    """Every pattern's matches in ``text``, by start, longest first, then by pattern order.
    The last text's are kept: the analysis of an undated article tags its text twice (the
    second time anchored on the date inferred), and the matches do not depend on the date."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is text:
        return last[1]
    cands: list[_Candidate] = []
    low = None if UNGATED.intersection(text) else text.lower()
    for prio, (rx, handler, gate) in enumerate(_PATTERNS):
        if low is not None and not gate_open(gate, low):
            continue  # the text holds none of the words every match holds
        for m in rx.finditer(text):
            if m.end() > m.start():
                cands.append((m.start(), -m.end(), prio, m, handler))
    cands.sort(key=lambda t: (t[0], t[1], t[2]))
    _LAST[:] = [(text, cands)]
    return cands


def find_timexes(
    text: str, dct: dt.date | None, sentences: list[tuple[int, int]] | None = None
) -> list[Timex]:
    """Time expressions in ``text``, normalised against the document date ``dct``.

    ``sentences`` (character spans) set ``Timex.sentence`` and bound the tense cues; without
    them a cheap punctuation split bounds the cues and ``sentence`` stays 0.
    """
    cands = _candidates(text)
    spans = sentences if sentences else _sentences(text)
    starts = [s for s, _ in spans]
    ctx = _Ctx(text, dct)
    taken: list[tuple[int, int]] = []
    out: list[Timex] = []
    for start, neg_end, _, m, handler in cands:
        end = -neg_end
        if taken and start < taken[-1][1]:
            continue
        si = max(0, bisect.bisect_right(starts, start) - 1)
        ctx.lo, ctx.hi = spans[si][0], max(spans[si][1], end)
        try:
            res = handler(m, ctx)
            if res is None:
                continue
            items = res if isinstance(res, list) else [(start, end, *res)]
            resolved = [(s, e, typ, value, anchored,
                         lx.bounds(value) if typ in ("DATE", "TIME") else (None, None))
                        for s, e, typ, value, anchored in items]
        except (ValueError, OverflowError):
            continue  # a date outside the calendar ("125,000 years ago"): not a usable timex
        for s, e, typ, value, anchored, (lo, hi) in resolved:
            out.append(Timex(s, e, text[s:e], typ, value, lo, hi, anchored,  # type: ignore[arg-type]
                             si if sentences else 0))
            if _REF.match(value):
                ctx.ref = value[:10]
        taken.append((start, end))
    return out
