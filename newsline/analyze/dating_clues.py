"""Clues to an article's date found in its text, each a bound with the words that give it.

A :class:`Clue` says "the article was written on or after ``lo``" and/or "on or before ``hi``",
with a weight (how far to trust it when clues disagree) and the quote that gives it. The
finders here read the time expressions (found without a document date, so none depends on the
article's own date), the tense of their sentences, and the knowledge base (people in office,
dated landmark events). :mod:`newsline.analyze.dating` combines them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from newsline.analyze import dating_kb
from newsline.analyze.index import Sentences
from newsline.model import Timex

Tense = Literal["past", "present", "future"]
Granularity = Literal["day", "month", "year", "span"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RX = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_PARTIAL = re.compile(r"XXXX-(\d{2})(?:-(\d{2}))?")
# a news agency's tag right after a month-day: "LONDON, Sept 22 (Reuters) -", a dateline
AGENCY = re.compile(r"\s*\((?:Reuters|AP|AFP|Bloomberg|UPI|Xinhua|dpa|IANS|PTI)\)")
PARTIAL_RANGE_DAYS = 400


@dataclass(slots=True)
class Clue:
    lo: dt.date | None
    hi: dt.date | None
    weight: float
    start: int
    end: int
    quote: str
    reason: str
    kind: str  # past-date, future-date, office, former-office, event, anniversary, ...
    granularity: Granularity | None = None  # for dated mentions: how fine the date is
    mention_end: dt.date | None = None  # for past dated mentions: the last day of that date
    point: dt.date | None = None  # the likeliest day, when the clue names one
    support: list[Clue] = field(default_factory=list)  # clues this one was read by


@dataclass(slots=True)
class Partial:
    """A month (and day) without a year ("on March 6", "in March"), perhaps with its weekday
    ("Friday, March 6")."""

    month: int
    day: int | None
    weekday: int | None
    tense: Tense
    timex: Timex
    dateline: bool = False  # "LONDON, Sept 22 (Reuters) -": the day the article was filed


def _granularity(lo: dt.date, hi: dt.date) -> Granularity:
    span = (hi - lo).days + 1
    if span == 1:
        return "day"
    if lo.day == 1 and span <= 31 and lo.month == hi.month:
        return "month"
    if lo.month == 1 and lo.day == 1 and span in (365, 366):
        return "year"
    return "span"


def fmt_day(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


_SENT_END = re.compile(r"[.!?\n]")
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|'ll|shall|going to|expected|expects?|scheduled|slated|due|set to|plans?"
    r"|planned|planning|intends?|aims?|hopes?|to be held|upcoming|ends|expires|runs until"
    r"|next(?! (?:day|morning|night|evening|afternoon))|later this|coming|ahead of)\b", re.I)


# a deadline right before the date: "by 2030", "by the end of 2025", "by mid-2024"
_DEADLINE = re.compile(r"\bby\s+(?:the\s+(?:end|middle|start|beginning)\s+of\s+"
                       r"|(?:early|mid|late)[\s-]+)?$", re.I)
# what makes a deadline in a sentence told in the past a target still to come ("set a goal
# to cut emissions by 2030", "said it could have a vaccine by 2015"), and what tells it as
# done ("by 2010 sales had doubled")
_TARGET = re.compile(r"\b(?:goals?|targets?|aims?|aimed|pledged?|pledges|commit(?:s|ted)?"
                     r"|promised?|promises|vow(?:s|ed)?|plans?|planned|seeks?|sought"
                     r"|intends?|intended|wants?|wanted|hoped?|hopes|can|could|should|must"
                     r"|may|might)\b", re.I)
_DONE = re.compile(r"\b(?:had|already)\b", re.I)


def _tense(text: str, t: Timex, sentence_tense: Tense) -> Tense:
    """The sentence's tense, unless a future cue ("would be released in", "due to", "next",
    "ahead of") comes shortly before the date in its clause, or the date is a deadline
    ("available by 2015") that the sentence does not tell as met."""
    if sentence_tense == "future":
        return "future"
    lo = max(0, t.start - 60)
    cut = [m.end() for m in _SENT_END.finditer(text, lo, t.start)]
    lo = cut[-1] if cut else lo
    if _FUTURE_CUE.search(text, lo, t.start):
        return "future"
    before = text[lo:t.start]
    if _DEADLINE.search(before) and not _DONE.search(before) and (
            sentence_tense != "past" or _TARGET.search(before)):
        return "future"
    return sentence_tense


def dated_mentions(text: str, timexes: list[Timex],
                   tenses: list[Tense]) -> tuple[list[Clue], list[Partial]]:
    """Bounds from absolute dates and their tense, and the month-days still missing a year."""
    clues: list[Clue] = []
    partials: list[Partial] = []
    for t, sent_tense in zip(timexes, tenses, strict=True):
        if t.type != "DATE" or t.anchored:
            continue
        tense = _tense(text, t, sent_tense)
        m = _PARTIAL.fullmatch(t.value)
        if m:
            wd = _WEEKDAY_RX.search(t.text)
            partials.append(Partial(int(m[1]), int(m[2]) if m[2] else None,
                                    WEEKDAYS.index(wd[1].lower()) if wd else None, tense, t,
                                    bool(m[2]) and AGENCY.match(text, t.end) is not None))
            continue
        if t.earliest is None or t.latest is None:
            continue
        if (t.latest - t.earliest).days > 400 or t.earliest.year < 1800:
            continue  # decades and centuries say too little
        clues.append(date_clue(t, tense, t.earliest, t.latest))
    return _first_timestamp_only(text, clues), partials


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def _first_timestamp_only(text: str, clues: list[Clue]) -> list[Clue]:
    """Of several dates stamped with a clock time (a page header, then readers' comments or
    a feed posted later), only the earliest speaks for the article."""
    stamped = [c for c in clues if c.kind == "past-date" and c.granularity == "day" and (
        _CLOCK.search(text, c.end, min(len(text), c.end + 14))
        or _CLOCK.search(text, max(0, c.start - 14), c.start))]
    if len(stamped) < 2:
        return clues
    first = min(stamped, key=lambda c: c.lo or dt.date.max)
    drop = {id(c) for c in stamped if c is not first}
    return [c for c in clues if id(c) not in drop]


def date_clue(t: Timex, tense: Tense, lo: dt.date, hi: dt.date,
              how: str = "") -> Clue:
    gran = _granularity(lo, hi)
    weight = {"day": 0.9, "month": 0.85, "year": 0.8, "span": 0.75}[gran]
    if tense == "future":
        return Clue(None, hi, weight - 0.2, t.start, t.end, t.text,
                    f"the article speaks of {t.text!r}{how} as still to come, so it was written "
                    f"on or before {fmt_day(hi)}", "future-date", gran)
    return Clue(lo, None, weight, t.start, t.end, t.text,
                f"the article reports {t.text!r}{how} as past or present, so it was written on "
                f"or after {fmt_day(lo)}", "past-date", gran, hi)


# ------------------------------------------------------------------ knowledge base

_BEFORE_TITLE = re.compile(r"(former|ex-|then-|late|outgoing|incoming|acting|deposed|ousted"
                           r"|toppled|fallen|interim|elected|new|next|future)[\s-]*$", re.I)
_EX = ("former", "ex-", "late", "deposed", "ousted", "toppled", "fallen", "outgoing")
# the holder told as having left the office right after the title and name: "President
# Mubarak stepped down", "Prime Minister Brown, who resigned ..."; never a noun ("calls for
# President Mubarak's resignation" is a demand)
_LEFT_OFFICE = re.compile(
    r"(?:\s*,\s*who\s+|\s+)(?:(?:has|had|was|were|finally|then)\s+)*"
    r"(?:stepped\s+down|stood\s+down|resigned|left\s+office|(?:been\s+)?(?:ousted|toppled"
    r"|overthrown|deposed|forced\s+(?:out|from\s+office)|removed\s+from\s+office))\b", re.I)


def office_clues(text: str) -> list[Clue]:
    """"Chancellor Merkel": the article falls within a term of a holder of that title.

    "former President Clinton", and "President Mubarak stepped down" (or "resigned", "was
    ousted"), bound it from below by the end of the term instead; "then-",
    "-elect", "incoming" say nothing.
    """
    kb = dating_kb.current()
    out: list[Clue] = []
    if kb.title_rx is None:
        return out
    named: set[str] | None = None  # the countries the text names, read when first needed
    for m in kb.title_rx.finditer(text):
        terms = kb.by_title.get((m["title"].lower(), m["name"].lower()))
        if not terms:
            continue
        name = m["name"].lower()
        if any(t.listed and name not in t.full and t.country is not None for t in terms):
            # "President Ali" alone names one of the listed presidents only with the
            # country: keep the holders of a country the article names, or whose full name
            # it gives (the curated world figures and the user's own need neither)
            if named is None:
                named = kb.countries_named(text)
            terms = [t for t in terms if not t.listed or name in t.full or t.country is None
                     or t.country in named or t.holder in text]
            if not terms:
                continue
        before = text[max(0, m.start() - 20):m.start()]
        if re.search(r"\bVice[\s-]*$", before) or text[m.end():m.end() + 6].startswith("-elect"):
            continue
        pre = _BEFORE_TITLE.search(before)
        quote = text[m.start():m.end()]
        who = " or ".join(sorted({t.holder for t in terms}))
        left = _LEFT_OFFICE.match(text, m.end())
        ends = [t.end for t in terms if t.end is not None]
        ended = len(ends) == len(terms)  # every term has ended: the first end bounds "former"
        if left is not None and pre is None and ended:
            lo = min(ends)
            out.append(Clue(lo, None, 0.6, m.start(), left.end(), text[m.start():left.end()],
                            f"{who} is told as having left office as {m['title']}, which "
                            f"they did on {fmt_day(lo)}", "former-office"))
            continue
        if pre is not None:
            if pre[1].lower() not in _EX or not ended:
                continue
            lo = min(ends)
            s = pre.start() + max(0, m.start() - 20)
            out.append(Clue(lo, None, 0.6, s, m.end(), text[s:m.end()],
                            f"{who} is spoken of as a former {m['title']}, which they ceased "
                            f"to be on {fmt_day(lo)}", "former-office"))
            continue
        lo = min(t.start for t in terms)
        hi = max(ends) if ended else None
        office = terms[0].office
        span = f"from {fmt_day(lo)}" + (f" to {fmt_day(hi)}" if hi else "")
        out.append(Clue(lo, hi, 0.6, m.start(), m.end(), quote,
                        f"{quote!r} names {who} as {office}, in office {span}", "office"))
    return out


def event_clues(text: str) -> list[Clue]:
    """A dated landmark event named in the text: the article was written after it."""
    kb = dating_kb.current()
    out: list[Clue] = []
    if kb.event_rx is None:
        return out
    seen: set[str] = set()
    for m in kb.event_rx.finditer(text):
        ev = kb.events.get(m[0].lower())
        if ev is None or ev.name in seen:
            continue
        if text[max(0, m.start() - 6):m.start()].lower().endswith(("iran-", "iran–")):
            continue
        seen.add(ev.name)
        out.append(Clue(ev.date, None, 0.75, m.start(), m.end(), m[0],
                        f"{m[0]!r} refers to the {ev.name} of {fmt_day(ev.date)}, so the article "
                        f"was written after it", "event"))
    return out


# ------------------------------------------------------------------ anniversaries, durations

_ORD_WORDS = {w: i + 1 for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
     "seventeenth", "eighteenth", "nineteenth", "twentieth"])}
_ORD_WORDS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                   "seventieth": 70, "seventy-fifth": 75, "eightieth": 80, "ninetieth": 90,
                   "hundredth": 100, "centenary": 100, "centennial": 100, "bicentenary": 200,
                   "twenty-fifth": 25})
_NUM_WORDS = {w: i + 1 for i, w in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"])}
_NUM_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                   "eighty": 80, "ninety": 90, "hundred": 100})
_ANNIV = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)|\b(?P<w>" + "|".join(
    sorted(_ORD_WORDS, key=len, reverse=True)) + r")\b", re.I)
_ANNIV_TAIL = re.compile(r"\s+anniversary\s+of\s+", re.I)
_YEARS = re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True))
                    + r")\s+years?\s+(?P<how>after|since|ago|on from)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _event_in(text: str) -> tuple[dt.date, int, int, str] | None:
    """The first dated thing in ``text``: a KB event or an explicit year."""
    kb = dating_kb.current()
    if kb.event_rx is not None:
        m = kb.event_rx.search(text)
        if m and m[0].lower() in kb.events:
            return kb.events[m[0].lower()].date, m.start(), m.end(), "day"
    y = _YEAR.search(text)
    if y:
        return dt.date(int(y[1]), 1, 1), y.start(), y.end(), "year"
    return None


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def anniversary_clues(text: str) -> list[Clue]:
    """"the 25th anniversary of the fall of the Berlin Wall": written around 1989 + 25."""
    out: list[Clue] = []
    for m in _ANNIV.finditer(text):
        tail = _ANNIV_TAIL.match(text, m.end())
        if not tail:
            continue
        n = int(m["n"]) if m["n"] else _ORD_WORDS[m["w"].lower()]
        window = text[tail.end():tail.end() + 90]
        found = _event_in(window)
        if found is None:
            continue
        date, s, e, gran = found
        end = tail.end() + e
        quote = text[m.start():end]
        if gran == "day":
            when = _add_years(date, n)
            lo, hi = when - dt.timedelta(days=60), when + dt.timedelta(days=30)
            what = fmt_day(when)
        else:
            lo, hi = dt.date(date.year + n, 1, 1) - dt.timedelta(days=60), \
                dt.date(date.year + n, 12, 31) + dt.timedelta(days=30)
            what = str(date.year + n)
        out.append(Clue(lo, hi, 0.7, m.start(), end, quote,
                        f"{quote!r}: that anniversary falls in {what}, and an article marks it "
                        f"within weeks of it", "anniversary",
                        point=when if gran == "day" else None))
    return out


def duration_clues(text: str, sentences: list[tuple[int, int]]) -> list[Clue]:
    """"six years after the 2003 invasion", "in 2003, six years ago": about that many years on."""
    out: list[Clue] = []
    index = Sentences(sentences)
    for m in _YEARS.finditer(text):
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUM_WORDS[raw]
        k = index.containing(m.start())
        lo_s, hi_s = sentences[k] if k is not None else (max(0, m.start() - 120),
                                                         m.end() + 120)
        if m["how"].lower() == "ago":
            window_start = max(lo_s, m.start() - 100)
            found = _event_in(text[window_start:m.start()])
            base = window_start
        else:
            window_start = m.end()
            found = _event_in(text[m.end():min(hi_s, m.end() + 90)])
            base = m.end()
        if found is None:
            continue
        date, s, e, gran = found
        s, e = base + s, base + e
        start, end = min(s, m.start()), max(e, m.end())
        then = _add_years(date, n)
        if gran == "year":
            lo, hi = dt.date(then.year - 1, 1, 1), dt.date(then.year + 1, 12, 31)
        else:
            lo, hi = then - dt.timedelta(days=365), then + dt.timedelta(days=365)
        quote = text[start:end]
        out.append(Clue(lo, hi, 0.5, start, end, quote,
                        f"{quote!r}: {n} years on from {text[s:e]} is about {then.year}",
                        "duration"))
    return out


_THIS_YEAR = re.compile(
    r"\b(?P<rel>this|last|next) year(?:['’]s)?,?\s+\(?(?:in\s+)?(?P<y>1[89]\d\d|20\d\d)\b\)?"
    r"|\b(?P<y2>1[89]\d\d|20\d\d)\)?,?\s+\(?(?P<rel2>this|last|next) year\b", re.I)


def this_year_clues(text: str) -> list[Clue]:
    """"last year (2008)": the article's year is the one those words and that year imply."""
    out: list[Clue] = []
    for m in _THIS_YEAR.finditer(text):
        rel = (m["rel"] or m["rel2"]).lower()
        y = int(m["y"] or m["y2"]) + {"this": 0, "last": 1, "next": -1}[rel]
        lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
        out.append(Clue(lo, hi, 0.65, m.start(), m.end(), m[0],
                        f"{m[0]!r} places the article in {y}", "this-year"))
    return out


def resolve_partial(p: Partial, lo: dt.date | None,
                    hi: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The year of a month(-day), given what else bounds the article, and the tense.

    Within a range of at most :data:`PARTIAL_RANGE_DAYS`, a past one is the first that ends on
    or after ``lo`` (news reports recent events), else the last on or before ``hi``; a future
    one the first that starts on or after ``lo``. A stated weekday must agree, and in a wider
    closed range a weekday that leaves a single year settles it. Returns its first and last day.
    """
    def make(y: int) -> tuple[dt.date, dt.date] | None:
        try:
            if p.day is None:
                first = dt.date(y, p.month, 1)
                nxt = dt.date(y + p.month // 12, p.month % 12 + 1, 1)
                return first, nxt - dt.timedelta(days=1)
            d = dt.date(y, p.month, p.day)
        except ValueError:
            return None
        return (d, d) if p.weekday is None or d.weekday() == p.weekday else None

    if lo is None or hi is None:
        return None
    if (hi - lo).days > PARTIAL_RANGE_DAYS:
        if p.weekday is None:
            return None
        hits = [d for y in range(lo.year, hi.year + 1)
                if (d := make(y)) and lo <= d[0] <= hi]
        return hits[0] if len(hits) == 1 else None
    cands = [d for y in range(lo.year - 1, hi.year + 2) if (d := make(y))]
    if p.tense == "future":
        return next((d for d in cands if d[0] >= lo), None)
    inside = [d for d in cands if d[1] >= lo and d[0] <= hi]
    if inside:
        return inside[0]
    before = [d for d in cands if d[0] <= hi]
    return before[-1] if before and (hi - before[-1][0]).days <= 366 else None
