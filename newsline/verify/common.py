"""What the checks share: stable flag ids, quoting, the article's own date, and the parts of the
knowledge base file that :class:`~newsline.knowledge.Knowledge` does not keep (the titles
that name each office in text, short names of holders, dated landmark events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from newsline import knowledge
from newsline.model import DateEstimate, DocAnalysis, Evidence
from newsline.names import fold, person_key

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def flag_id(prefix: str, *parts: object) -> str:
    """A stable id from the parts that make the flag what it is."""
    return f"flag-{prefix}-" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def quote(doc: str, text: str, start: int, end: int, reason: str) -> Evidence:
    """Evidence for ``text[start:end]``, trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(doc, start, end, text[start:end], reason)


def sentence_at(analysis: DocAnalysis, pos: int) -> tuple[int, int]:
    """The span of the sentence holding character ``pos`` (the whole text when unknown)."""
    for s, e in analysis.sentences:
        if s <= pos < e:
            return s, e
    return (analysis.sentences[0][0], analysis.sentences[-1][1]) if analysis.sentences \
        else (pos, pos)


def own_day(estimate: DateEstimate | None) -> dt.date | None:
    """The article's own day, only when its source gives it (metadata or a dateline)."""
    if estimate is None or estimate.basis not in ("metadata", "stated"):
        return None
    if estimate.value and len(estimate.value) == 10:
        return estimate.day
    return None


def date_quotes(estimate: DateEstimate) -> list[Evidence]:
    return [Evidence(e.doc, e.start, e.end, e.quote, "the article's own date")
            for e in estimate.evidence]


@dataclass(frozen=True, slots=True)
class Landmark:
    name: str
    names: tuple[str, ...]  # folded name and aliases
    day: dt.date
    source: str


@dataclass(slots=True)
class Extras:
    titles: dict[str, list[str]] = field(default_factory=dict)  # office -> titles in text
    short: dict[str, set[str]] = field(default_factory=dict)  # person key -> short keys
    landmarks: list[Landmark] = field(default_factory=list)


def extras(src: knowledge.Source | None = None) -> Extras:
    """Titles, short names and landmark events of the knowledge at ``src`` (default: the
    process's active knowledge, :func:`newsline.knowledge.active`)."""
    return _extras_of(src or knowledge.active())


@lru_cache(maxsize=4)
def _extras_of(src: knowledge.Source) -> Extras:
    data = knowledge.data(src)
    out = Extras()
    for t in data.get("titles", []):
        out.titles.setdefault(t["office"], []).extend(t.get("titles", []))
    for o in data.get("offices", []):
        key = person_key(o["holder"])
        shorts = out.short.setdefault(key, set())
        shorts.add(key.split()[-1])
        shorts.update(person_key(s) for s in o.get("short", []))
    for e in data.get("events", []):
        try:
            day = dt.date.fromisoformat(e["date"])
        except (KeyError, ValueError):
            continue
        names = tuple(fold(n) for n in [e["name"], *e.get("aliases", [])])
        out.landmarks.append(Landmark(e["name"], names, day, e.get("source", "")))
    return out
