"""Ordinal claims that the article's own date or the corpus contradicts.

- Anniversaries: "the 25th anniversary of the fall of the Berlin Wall" names a landmark event of
  the knowledge base; the anniversary falls on the event's day plus 25 years, so an article
  dated more than :data:`ANNIVERSARY_SLACK_DAYS` away from it cannot be speaking of it.
- First (second, ...) visits: "his first trip abroad", "her second visit to China". The corpus
  holds the person's earlier visits as events: when at least as many visits that occurred,
  sharing a participant (and the destination when one is named), are dated at least
  :data:`EARLIER_DAYS` before the article, the ordinal cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from newsline.knowledge import Source
from newsline.model import DateEstimate, DocAnalysis, Event, Evidence, Flag
from newsline.names import fold
from newsline.verify.common import date_quotes, extras, flag_id, own_day, quote

ANNIVERSARY_SLACK_DAYS = 200
EARLIER_DAYS = 7
_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth", "twentieth")
_ORDINAL = r"(\d{1,3}(?:st|nd|rd|th)|" + "|".join(_WORDS) + r")"
_ANNIV = re.compile(_ORDINAL + r"\s+anniversary\s+of\s+(?:the\s+)?", re.IGNORECASE)
_VISIT = re.compile(
    r"\b(?:his|her|their|its)\s+" + _ORDINAL +
    r"\s+(?:(?:official|state|foreign|overseas|presidential|ever|trip|visit)\s+){0,2}"
    r"(?:visit|trip)\b(?:\s+(abroad|overseas|to\s+(?:the\s+)?[A-Z]))?", re.IGNORECASE)


def ordinal_value(word: str) -> int:
    w = word.lower()
    if w in _WORDS:
        return _WORDS.index(w) + 1
    return int(re.sub(r"\D", "", w))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _dated_texts(analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate],
                 texts: dict[str, str]) -> Iterator[tuple[str, dt.date, str]]:
    """(document, its own day, its text) of every document that has both, in id order."""
    for doc in sorted(analyses):
        day = own_day(doc_dates.get(doc))
        text = texts.get(doc)
        if day is not None and text is not None:
            yield doc, day, text


def anniversaries(analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate],
                  texts: dict[str, str], src: Source | None = None) -> list[Flag]:
    landmarks = extras(src).landmarks
    flags = []
    for doc, day, text in _dated_texts(analyses, doc_dates, texts):
        for m in _ANNIV.finditer(text):
            after = fold(text[m.end():m.end() + 90])
            # each landmark named right after the ordinal, by the length of its longest name there
            hits = [(max(len(n) for n in lm.names if after.startswith(n)), lm) for lm in landmarks
                    if any(after.startswith(n) and not after[len(n):len(n) + 1].isalnum()
                           for n in lm.names)]
            if not hits:
                continue
            named, lm = max(hits, key=lambda hit: hit[0])
            n = ordinal_value(m.group(1))
            when = _add_years(lm.day, n)
            if abs((day - when).days) <= ANNIVERSARY_SLACK_DAYS:
                continue
            end = m.end() + named
            flags.append(Flag(
                flag_id("anniv", doc, m.start()), "anachronism", "warning",
                f"The article, dated {day.isoformat()}, speaks of the {m.group(1)} anniversary "
                f"of the {lm.name}, but that event was on {lm.day.isoformat()}, so its "
                f"{m.group(1)} anniversary falls on {when.isoformat()} "
                f"(source: {lm.source or 'knowledge base'}).",
                [doc], [quote(doc, text, m.start(), end, "the anniversary claimed"),
                        *date_quotes(doc_dates[doc])]))
    return flags


def _event_day(e: Event) -> dt.date | None:
    return e.date.latest if e.date.latest else None


def ordinal_visits(analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate],
                   texts: dict[str, str], events: list[Event]) -> list[Flag]:
    visits = [e for e in events if e.type == "visit" and e.status == "occurred"]
    flags = []
    for doc, day, text in _dated_texts(analyses, doc_dates, texts):
        for m in _VISIT.finditer(text):
            n = ordinal_value(m.group(1))
            own = _own_event(events, doc, m.start(), m.end())
            if own is None:
                continue
            agents = {p for p, r in own.participants if r in ("agent", "guest", "partner")} \
                or {p for p, _ in own.participants}
            dest = set(own.places) if m.group(2) and m.group(2).lower().startswith("to") \
                else set()
            earlier = [
                e for e in visits if e.id != own.id
                and agents & {p for p, _ in e.participants}
                and (not dest or dest & set(e.places))
                and (d := _event_day(e)) is not None and (day - d).days >= EARLIER_DAYS
                and all(r.doc != doc for r in e.mentions)
            ]
            if len(earlier) < n:
                continue
            prior = sorted(earlier, key=lambda e: _event_day(e) or dt.date.min)[:n]
            evidence = [quote(doc, text, m.start(), m.end(), f"claims visit number {n}")]
            for e in prior:
                r = e.mentions[0]
                when = e.date.value or _event_day(e)
                evidence.append(Evidence(r.doc, r.start, r.end, r.quote,
                                         f"an earlier visit, dated {when}"))
            flags.append(Flag(
                flag_id("ordinal", doc, m.start()), "anachronism", "warning",
                f"The article, dated {day.isoformat()}, calls this visit the {m.group(1)}, but "
                f"the corpus reports {len(earlier)} earlier visit(s) of the same person"
                + (" to the same place" if dest else "") + ".",
                sorted({doc, *(e.mentions[0].doc for e in prior)}), evidence))
    return flags


def _own_event(events: list[Event], doc: str, start: int, end: int) -> Event | None:
    for e in events:
        if e.type != "visit":
            continue
        for r in e.mentions:
            if r.doc == doc and r.start <= start and end <= r.end + 40:
                return e
    return None
