"""A person named with the title of an office outside their term ("Chancellor Merkel" in 2003).

The title in front of a person mention ("Chancellor", "German Chancellor", "President") is
looked up among the titles the knowledge base gives each office; the person among that office's
holders (full name, surname or a listed short name). The claim cannot hold when no such holder
held the office on the article's own date:

- before the first day of every matching term (a title cannot come before the office), or
- after the last day of every matching term, when the sentence speaks of the present (a date
  relative to the article: "on Tuesday", "today"; or a present/future verb), because a
  historical aside ("President Bush ordered the invasion in 2003") is no anachronism.

"former", "then", "late", "ex-" and "-elect" in front of the title mean no claim at all. A
holder from a built list of every country's holders is meant by a surname alone only where the
article names the country or the full name (:meth:`newsline.knowledge.Term.named_by`), and a
list that starts at some day ("known_since") says nothing of the days before it.
"""

from __future__ import annotations

import datetime as dt
import re

from newsline.knowledge import Knowledge, Term, countries
from newsline.model import DateEstimate, DocAnalysis, Flag
from newsline.names import person_key
from newsline.verify.common import date_quotes, extras, flag_id, own_day, quote, sentence_at

BEFORE_SLACK = dt.timedelta(days=7)  # a title used days before taking office
AFTER_SLACK = dt.timedelta(days=60)  # or weeks after leaving it
_QUALIFIER = re.compile(
    r"\b(?:former|ex|then|late|future|one-time|onetime|past|previous|deposed|ousted|exiled|"
    r"toppled|overthrown|elected|incoming|designate|would-be|next|vice|deputy|acting|"
    r"interim)\b[\s-]*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:says|tells|is|are|has|have|will|plans|wants|hopes|faces|holds|leads|today|tonight|"
    r"this week|currently|now)\b", re.IGNORECASE)


Titles = list[tuple[int, dict[str, set[str]]]]


def _title_index(kb: Knowledge) -> Titles:
    """The titles by length, longest first: (length, title -> the offices it names). A text
    ends with at most one title of each length, found by one look-up instead of a test of
    every title."""
    offices = {t.office for t in kb.terms}
    by_title: dict[str, set[str]] = {}
    for office, titles in extras(kb.source).titles.items():
        if office in offices:
            for title in titles:
                by_title.setdefault(title, set()).add(office)
    by_length: dict[int, dict[str, set[str]]] = {}
    for title, named in by_title.items():
        by_length.setdefault(len(title), {})[title] = named
    return sorted(by_length.items(), key=lambda kv: -kv[0])


def _matching_terms(name: str, offices: set[str], kb: Knowledge) -> list[Term]:
    key = person_key(name)
    if not key:
        return []
    short = extras(kb.source).short
    out = []
    for t in kb.terms:
        if t.office not in offices:
            continue
        holder = person_key(t.holder)
        if key == holder or key in short.get(holder, ()):
            out.append(t)
    return out


def _title_before(text: str, sent_start: int, start: int,
                  titles: Titles) -> tuple[int, str, set[str]] | None:
    """The office title written just before ``start`` (its start, the title, its offices):
    the longest that stands alone."""
    prefix = text[max(sent_start, start - 60):start]
    stripped = prefix.rstrip()
    if len(prefix) - len(stripped) > 1 or not stripped:
        return None
    for length, of_length in titles:
        if length > len(stripped):
            continue
        at = len(stripped) - length
        title = stripped[at:]
        offices = of_length.get(title)
        if offices is None:
            continue
        if at > 0 and (stripped[at - 1].isalnum() or stripped[at - 1] in "-'"):
            continue  # "Vice-President", "Co-Chancellor" and the like
        if _QUALIFIER.search(stripped[:at]):
            return None
        return start - len(prefix) + at, title, offices
    return None


def office_terms(
    analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate],
    texts: dict[str, str], kb: Knowledge,
) -> list[Flag]:
    titles = _title_index(kb)
    flags: list[Flag] = []
    for doc in sorted(analyses):
        day = own_day(doc_dates.get(doc))
        if day is None or doc not in texts:
            continue
        text, analysis = texts[doc], analyses[doc]
        seen: set[str] = set()
        for m in analysis.mentions:
            if m.type != "PERSON":
                continue
            s0, s1 = sentence_at(analysis, m.start)
            found = _title_before(text, s0, m.start, titles)
            if found is None:
                continue
            t_start, title, offices = found
            if text[m.end:m.end + 6].lower().startswith(("-elect", " elect")):
                continue
            terms = _matching_terms(m.text, offices, kb)
            if terms and any(t.listed for t in terms):
                named = countries(kb.source).named(text)
                terms = [t for t in terms if t.named_by(m.text, text, named)]
            if not terms or any(t.covers(day) for t in terms):
                continue
            if any(t.known_since is not None and day < t.known_since for t in terms):
                continue  # the source lists no terms before that day: one may be missing
            key = person_key(m.text)
            if key in seen:
                continue
            first = min(t.start for t in terms)
            ends = [t.end for t in terms]
            if day < first - BEFORE_SLACK:
                why = f"took office only on {first.isoformat()}"
            elif all(e is not None for e in ends):
                last = max(e for e in ends if e is not None)
                if day <= last + AFTER_SLACK or not _speaks_of_now(analysis, text, s0, s1):
                    continue
                why = f"left office on {last.isoformat()}"
            else:
                continue
            seen.add(key)
            holder = terms[0].holder
            office = terms[0].office
            evidence = [quote(doc, text, t_start, m.end,
                              f"{holder} named as {title} ({office})"),
                        *date_quotes(doc_dates[doc])]
            flags.append(Flag(
                flag_id("office", doc, key, title), "anachronism", "warning",
                f"The article, dated {day.isoformat()}, calls {holder} “{title}”, but "
                f"{holder} {why} as {office} (source: {terms[0].source or 'knowledge base'}).",
                [doc], evidence))
    return flags


def _speaks_of_now(analysis: DocAnalysis, text: str, s0: int, s1: int) -> bool:
    """The sentence is about the article's present: a relative date and no absolute one."""
    times = [t for t in analysis.timexes if s0 <= t.start < s1 and t.type in ("DATE", "TIME")]
    if any(not t.anchored for t in times):
        return False
    return any(t.anchored for t in times) or bool(_PRESENT.search(text[s0:s1]))
