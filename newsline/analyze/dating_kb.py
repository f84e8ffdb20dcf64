"""What the knowledge base tells about dates: office holders by title, and dated events.

Read through the one knowledge loader (:mod:`newsline.knowledge`: the bundled
``newsline/data/knowledge.json`` and the user's file; offices with terms, the titles that name
each office in text, landmark events with their aliases). Matching is by compiled regular
expressions built once per process, each alternation of names a trie
(:func:`newsline.knowledge.alternation`): a plain ``a|b|c`` of ten thousand event names is tried
branch by branch at every position of a text (a fifth of a second per article).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsline import knowledge


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    office: str
    holder: str
    start: dt.date
    end: dt.date | None
    source: str
    country: str | None = None  # the country whose office it is; None: an international one
    full: frozenset[str] = frozenset()  # the holder's names that say who without a country
    # from a built list of every country's holders (knowledge.BUILT): "President Ali" alone
    # names this holder only with the country, of the hundreds of presidents listed
    listed: bool = False


@dataclass(frozen=True, slots=True)
class LandmarkEvent:
    name: str
    date: dt.date
    source: str


@dataclass(slots=True)
class DatingKnowledge:
    # (title lowercased, name lowercased) -> the terms a "Title Name" mention can mean
    by_title: dict[tuple[str, str], list[OfficeTerm]]
    title_rx: re.Pattern[str] | None
    events: dict[str, LandmarkEvent]  # alias lowercased -> event
    event_rx: re.Pattern[str] | None
    countries: knowledge.Countries | None = None  # the offices' countries, to find named

    def countries_named(self, text: str) -> set[str]:
        """The countries ``text`` names: "Guyana", "Kenyan", "the U.S." (as written)."""
        return self.countries.named(text) if self.countries is not None else set()


def _title_of(office: str) -> list[str]:
    """'Chancellor of Germany' -> ['Chancellor']: the words before ' of '."""
    head = office.split(" of ")[0]
    return [head] if head else []


def _names(holder: str, family_first: bool, short: list[str]) -> list[str]:
    parts = holder.split()
    out = [holder, *short]
    if len(parts) > 1:
        out.append(parts[0] if family_first else parts[-1])
    return out


def _alt(words: list[str], fold: bool = False) -> str:
    """An alternation matching what ``a|b|c`` of ``words`` sorted longest first matches.

    With ``fold`` (the alternation is read case-insensitively) each word is first spelt with
    one character for all those a case-insensitive pattern takes as the same ("Iraq War" and
    "iraq war"; "ı" and "i"): a trie's branches must exclude each other. A knowledge module
    without the trie, or a Python whose case folds are unknown, keeps the plain alternation."""
    trie = getattr(knowledge, "alternation", None)
    if trie is not None and not (fold and _EXTRA_CASES is None):
        return str(trie({_folded(w) for w in words} if fold else set(words)))
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


try:  # the characters each lower-case one matches besides itself under re.IGNORECASE
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python
    _EXTRA_CASES = None


def _folded(word: str) -> str:
    """``word`` with each character replaced by the least of those that ``re.IGNORECASE``
    matches it to (its simple lower case and that one's extra cases)."""
    if word.isascii():  # an ASCII letter's extra cases are not ASCII: it stays the least
        return word.lower()
    out = []
    for c in word:
        low = c.lower()
        if len(low) != 1:  # "İ": the regex engine folds it to "i"
            low = chr(_sre_lower(ord(c)))
        out.append(min([low, *map(chr, (_EXTRA_CASES or {}).get(ord(low), ()))]))
    return "".join(out)


def _sre_lower(code: int) -> int:
    import _sre

    return int(_sre.unicode_tolower(code))


def build(data: dict[str, Any]) -> DatingKnowledge:
    titles = {t["office"]: t["titles"] for t in data.get("titles", [])}
    by_title: dict[tuple[str, str], list[OfficeTerm]] = {}
    all_titles: list[str] = []
    all_names: list[str] = []
    for o in data.get("offices", []):
        names = _names(o["holder"], bool(o.get("family_first")), list(o.get("short", [])))
        term = OfficeTerm(o["office"], o["holder"], dt.date.fromisoformat(o["from"]),
                          dt.date.fromisoformat(o["to"]) if o.get("to") else None,
                          o.get("source", ""), o.get("country") or None,
                          frozenset(n.lower() for n in [o["holder"], *o.get("short", [])]),
                          bool(o.get(knowledge.BUILT)))
        tls = titles.get(o["office"]) or _title_of(o["office"])
        for t in tls:
            all_titles.append(t)
            for n in names:
                by_title.setdefault((t.lower(), n.lower()), []).append(term)
        all_names.extend(names)
    title_rx = None
    if by_title:
        title_rx = re.compile(
            rf"\b(?P<title>(?i:{_alt(all_titles, fold=True)}))\.?[ \u00a0]+"
            rf"(?P<name>{_alt(all_names)})\b(?!-)")
    events: dict[str, LandmarkEvent] = {}
    multi: list[str] = []
    single: list[str] = []
    for e in data.get("events", []):
        ev = LandmarkEvent(e["name"], dt.date.fromisoformat(e["date"]), e.get("source", ""))
        for alias in [e["name"], *e.get("aliases", [])]:
            events[alias.lower()] = ev
            (multi if " " in alias else single).append(alias)
    event_rx = None
    if events:
        # several words: any case ("the Fall of the Berlin Wall"); one word: as written
        event_rx = re.compile(
            rf"(?<![\w-])(?:(?i:{_alt(multi, fold=True)})|{_alt(single)})(?![\w-])")
    return DatingKnowledge(by_title, title_rx, events, event_rx)


def current() -> DatingKnowledge:
    """The view of the process's active knowledge (:func:`newsline.knowledge.active`)."""
    return of(knowledge.active())


@lru_cache(maxsize=4)
def of(src: knowledge.Source) -> DatingKnowledge:
    kb = build(knowledge.data(src))
    kb.countries = knowledge.countries(src)
    return kb
