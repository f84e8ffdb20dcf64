"""Dated world events, from Wikidata query results and Wikipedia's "On this day" pages.

An event entry: ``name``, ``aliases``, ``date`` (the first day), ``end`` (the last day of a war
or period, when known), ``precision`` ("year" or "month" when the date is no finer: Wikidata's
plain values write a year as YYYY-01-01), ``kind``, ``country`` (when the source says),
``source``. A name is kept only when it says which event it is (:class:`Words`): "the war",
"a full-scale offensive", "Rescue Agreement" never become names.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.knowledge import GENERIC_EVENT_WORDS, GENERIC_MODIFIERS, generic_event_name
from newsline.names import country_of, name_key

Entry = dict[str, Any]

_SHORT_FORMS: dict[str, list[str]] = {
    country: forms.get("short", []) for country, forms in json.loads(
        (resources.files("newsline.data") / "demonyms.json").read_text("utf-8"))[
            "countries"].items()}
MIN_YEAR = 1800  # older events date no news article; anniversaries of them are rare
MONTHS = {m: i for i, m in enumerate(calendar.month_name) if m}
_TOKEN = re.compile(r"[\w'’.&-]+")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)(?:s|[–-]\d{2,4})?$")


# ------------------------------------------------------------------ which words name things


@dataclass
class Words:
    """How a word is written in running text (English Wikipedia's "On this day" sentences):
    a word seen mostly in lower case ("rescue", "eastern", "winter") is a common word, one seen
    capitalised inside sentences ("Gulf", "Crimea") or never seen ("Borodino") may be a name.
    A name needs one word of the second kind, or a year."""

    lower: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, sentences: list[str]) -> Words:
        w = cls()
        for s in sentences:
            for i, tok in enumerate(_TOKEN.findall(s)):
                t = tok.strip(".")
                if not t or i == 0:
                    continue
                (w.upper if t[0].isupper() else w.lower)[t.lower()] += 1
        return w

    def common(self, word: str) -> bool:
        lo = self.lower[word]
        return lo >= 3 and lo >= self.upper[word]

    def distinctive(self, name: str) -> bool:
        """The name says which event: not generic, and a year or a name-like word in it. A
        nationality alone does not say which ("Yemeni civil war", "Iranian revolution" are
        also what news calls such an event before it has happened, or another one)."""
        if generic_event_name(name):
            return False
        for tok in _TOKEN.findall(name):
            t = tok.strip(".").lower().replace("’", "'")
            if _YEAR.match(t):
                return True
            if (len(t) < 3 or t.isdigit() or t in GENERIC_EVENT_WORDS or t in GENERIC_MODIFIERS
                    or self.common(t) or re.match(r"^(anti|pro|post|pre|counter)-", t)
                    or _demonym(t)):
                continue
            return True
        return False


def _demonym(word: str) -> bool:
    """A nationality adjective ("yemeni", "iranian"), not a country's name ("vietnam")."""
    country = country_of(name_key(word))
    return country is not None and name_key(country) != name_key(word) and not any(
        name_key(s) == name_key(word) for s in _SHORT_FORMS.get(country, []))


# ------------------------------------------------------------------ dates and names


def parse_date(value: str | None) -> tuple[dt.date, str] | None:
    """A Wikidata plain time value -> (day, precision); None before MIN_YEAR or unreadable.
    YYYY-01-01 reads as a year, YYYY-MM-01 as a month (Wikidata's plain values keep no
    precision; a wide bound is the safe reading)."""
    if not value or value.startswith("-"):
        return None
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if year < MIN_YEAR or year > 2100:
        return None
    try:
        d = dt.date(year, max(month, 1), max(day, 1))
    except ValueError:
        return None
    if (month, day) == (1, 1) or month == 0:
        return d, "year"
    if day <= 1:
        return d, "month"
    return d, "day"


def last_day(d: dt.date, precision: str) -> dt.date:
    """The last day a date of that precision can mean."""
    if precision == "year":
        return dt.date(d.year, 12, 31)
    if precision == "month":
        return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d


def variants(name: str) -> list[str]:
    """Spellings news uses for a name: hyphen for en dash, straight apostrophe, no diacritics,
    "coup" for "coup d'état". A parenthetical stays: Wikidata adds one ("Battle of Mosul
    (2004)", "Cold War (1962–1979)") because the bare name is another event's."""
    out = {name}
    for n in list(out):
        out.add(n.replace("–", "-").replace("—", "-"))
    for n in list(out):
        out.add(n.replace("’", "'"))
    for n in list(out):
        out.add("".join(ch for ch in unicodedata.normalize("NFKD", n)
                        if not unicodedata.combining(ch)))
    for n in list(out):
        if re.search(r"coup d['’]état", n):
            out.add(re.sub(r"coup d['’]état", "coup", n))
            out.add(re.sub(r"coup d['’]état", "coup d'etat", n))
    return sorted(o for o in out if o and o != name)


def fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("–", "-").replace("’", "'")).strip().casefold()


# ------------------------------------------------------------------ Wikidata


_LM_KINDS = {"civil_wars": "war", "coups": "coup", "independence_declarations": "declaration",
             "massacres": "attack", "protests": "protest", "rebellions": "uprising",
             "revolutions": "revolution", "strikes": "strike", "treaties": "treaty",
             "wars": "war"}
_KIND_WORDS = [  # first match in a name -> kind
    (r"\bcoup\b|putsch", "coup"), (r"\bmassacre|bombing|\battacks?\b|shooting|hijack", "attack"),
    (r"earthquake|tsunami|eruption|flood|hurricane|typhoon|cyclone|wildfire|disaster", "disaster"),
    (r"\bsummit\b|\bconference\b", "summit"), (r"election|referendum", "election"),
    (r"treaty|agreement|accords?\b|convention\b|protocol\b|\bpact\b", "treaty"),
    (r"\bwar\b", "war"), (r"revolution", "revolution"),
    (r"uprising|rebellion|revolt|insurrection|intifada|mutiny", "uprising"),
    (r"protests?\b|riots?\b|demonstrations?|\bmarch\b", "protest"), (r"\bstrike\b", "strike"),
    (r"battle|siege|offensive|operation|campaign|invasion|capture|raid|landing|action of",
     "battle"),
    (r"crash|\bflight\b|derailment|sinking|explosion|collision", "accident"),
    (r"assassination|killing|death of|execution", "death"),
    (r"crisis|scandal", "crisis"), (r"declaration|independence", "declaration"),
]


def kind_of(name: str, default: str = "event") -> str:
    low = name.lower()
    for rx, kind in _KIND_WORDS:
        if re.search(rx, low):
            return kind
    return default


_FINE = {"day": 0, "month": 1, "year": 2}


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def wikidata_events(lm_folder: Path | None, historic_folder: Path | None) -> list[Entry]:
    """Events from the Wikidata query results, one entry per item (merged across queries)."""
    by_qid: dict[str, Entry] = {}

    def add(qid: str, label: str, start: str | None, end: str | None, kind: str,
            where: str | None) -> None:
        parsed = parse_date(start)
        if parsed is None or not label or re.fullmatch(r"Q\d+", label):
            return
        day, precision = parsed
        e = by_qid.get(qid)
        if e is None:
            e = by_qid[qid] = {"name": label, "date": day.isoformat(), "kind": kind,
                               "source": f"https://www.wikidata.org/wiki/{qid}"}
            if precision != "day":
                e["precision"] = precision
        else:
            # an item with several values: the earliest is the safe bound, and a finer value
            # inside a coarse one ("2013-11-21" inside "2013") says more
            cur, cur_p = dt.date.fromisoformat(e["date"]), e.get("precision", "day")
            inside = cur <= day <= last_day(cur, cur_p) and _FINE[precision] < _FINE[cur_p]
            if inside or day < cur and not (day <= cur <= last_day(day, precision)
                                            and _FINE[cur_p] < _FINE[precision]):
                e["date"] = day.isoformat()
                e.pop("precision", None)
                if precision != "day":
                    e["precision"] = precision
        p_end = parse_date(end)
        if p_end is not None and "end" not in e:
            last = last_day(*p_end)
            if last >= day and last != day:
                e["end"] = last.isoformat()
        if where and "country" not in e and not re.fullmatch(r"Q\d+", where):
            e["country"] = where

    if lm_folder is not None:
        for path in sorted(lm_folder.glob("*_raw.json")):
            kind = _LM_KINDS.get(path.name.removesuffix("_raw.json"), "event")
            for b in json.loads(path.read_text("utf-8")):
                def v(key: str, b: dict[str, Any] = b) -> str | None:
                    cell = b.get(key)
                    return cell.get("value") if isinstance(cell, dict) else None
                label = v("eventLabel") or ""
                add(_qid(v("event") or ""), label, v("date") or v("startDate"), v("endDate"),
                    kind_of(label, kind) if kind in ("war", "uprising") else kind,
                    v("countryLabel"))
    if historic_folder is not None:
        for row in json.loads((historic_folder / "historicEvents.json").read_text("utf-8")):
            label = row.get("label", "")
            add(_qid(row.get("event", "")), label, row.get("date"), None,
                kind_of(label, "event"), None)
    for e in by_qid.values():
        if e.get("end") and e["end"] < e["date"]:
            del e["end"]  # the values disagree: no end is better than a wrong one
    return list(by_qid.values())


# ------------------------------------------------------------------ On this day


_HEADS = ("earthquake|tsunami|eruption|floods?|wildfires?|fire|bombings?|attacks?|massacre|"
          "shooting|hijacking|crash|explosion|disaster|riots|uprising|revolution|coup|summit|"
          "referendum|agreement|accords?|treaty|war|crisis|protests|siege|spill|stampede|"
          "derailment|blackout|meltdown|collapse|landslide|avalanche|mutiny|rebellion|revolt|"
          "conference|offensive|invasion|pogrom|genocide|affair|scandal|incident")
_HEAD = re.compile(rf"^(?:{_HEADS})$", re.I)
_HEAD_FIRST = re.compile(r"^(Treaty|Battle|Siege|Massacre|Operation|Sack|Storming)$")
_CONNECT = {"of", "the", "de", "and", "in", "on", "at", "du", "la", "el", "al"}
_MAGNITUDE = re.compile(r"^(?:\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)?|M[Lsw]?|Mw|magnitude|–|-)$")
# What the day's event does when the sentence opens with its name: it happens ("The X
# earthquake strikes ...", "The X bombing kills ...", "The X treaty is signed"), not something
# later that befalls it ("The Siege of Sarajevo ends", "The X Agreement is accepted").
_HAPPENS = {"occurs", "occurred", "begins", "began", "starts", "started", "erupts", "erupted",
            "breaks", "broke", "strikes", "struck", "hits", "kills", "killed", "killing",
            "devastates", "destroys", "rocks", "shakes", "claims", "injures", "sweeps",
            "ravages", "opens", "convenes", "sinks", "crashes", "explodes", "collapses",
            "derails", "burns", "spreads", "causes", "triggers", "happens", "takes", "leaves",
            "kill", "occur", "begin", "start", "erupt", "break", "strike", "hit", "sweep"}
_HAPPENS_PASSIVE = {"signed", "held", "launched", "carried", "declared", "staged", "opened",
                    "fought", "proclaimed", "concluded"}
_NOT_SUBJECT = {"About", "During", "After", "Before", "In", "On", "At", "Following", "Amid",
                "Some", "Over", "Nearly", "More", "Around", "Several", "Many", "Two", "Three",
                "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Hundreds",
                "Thousands", "Dozens", "Most", "All", "As", "With", "From", "Since", "By"}
_FLIGHT = re.compile(r"((?:[A-Z][\w'’.&-]*\s+){1,4}Flight\s+\d{1,5})\b(?=[^.]{0,40}?\b(?:crash|"
                     r"explode|disappear|hijack|shot down|ditche|catches fire|is bombed|breaks "
                     r"up|goes missing|vanish))")


def _subject_name(desc: str) -> str | None:
    """The named event a sentence opens with, when it is its subject: "The 5.9 Mw Whittier
    Narrows earthquake shakes ..." -> "Whittier Narrows earthquake"; "Gulf War: troops ..."
    (a heading, not the day's event) -> None."""
    toks = desc.split()
    if not toks or toks[0] in _NOT_SUBJECT:
        return None
    i = 1 if toks[0] in ("The", "A", "An") else 0
    while i < len(toks) and _MAGNITUDE.match(toks[i]):
        i += 1
    words: list[str] = []
    j = i
    for tok in toks[i:i + 9]:
        bare = tok.rstrip(",;:.")
        if not bare or not (bare[0].isupper() or bare[0].isdigit() or _HEAD.match(bare) or (
                bare in _CONNECT and words)):
            break
        words.append(bare)
        j += 1
        if bare != tok:  # punctuation closes the phrase: a heading ("Gulf War: ...") or more
            return None
    while words and words[-1] in _CONNECT:
        words.pop()
        j -= 1
    if len(words) < 2 or not (_HEAD.match(words[-1]) or _HEAD_FIRST.match(words[0])
                              and "of" in words[1:2]):
        return None
    after = [t.strip(",;.").lower() for t in toks[j:j + 2]]
    if not after or not (after[0] in _HAPPENS or after[0] in ("is", "are", "was", "were")
                         and after[1:2] and after[1] in _HAPPENS_PASSIVE):
        return None
    return " ".join(words)


def on_this_day(folder: Path, words: Words) -> list[Entry]:
    """Events named in "On this day" sentences that open with the event's own name, dated to
    the day; flights named anywhere in a sentence that says they crashed or were lost."""
    rows: dict[tuple[int, str, int, str], dict[str, Any]] = {}
    for path in sorted(folder.glob("[0-9][0-9].json")):
        for r in json.loads(path.read_text("utf-8")):
            rows[(r["year"], r["month"], r["day"], r["description"])] = r
    found: dict[str, list[tuple[dt.date, str, str]]] = defaultdict(list)
    for (year, month, day, desc) in rows:
        if year < MIN_YEAR or month not in MONTHS:
            continue
        try:
            date = dt.date(year, MONTHS[month], day)
        except ValueError:
            continue
        names = [n for n in [_subject_name(desc)] if n] + _FLIGHT.findall(desc)
        for name in names:
            name = name.strip()
            if words.distinctive(name):
                found[fold(name)].append((date, name, f"{month}_{day}"))
    out: list[Entry] = []
    for hits in found.values():
        if len({d for d, _, _ in hits}) != 1:
            continue  # one name on two days: not one event
        date, name, page = hits[0]
        kind = "accident" if re.search(r"\bFlight \d", name) else kind_of(name)
        out.append({"name": name, "date": date.isoformat(), "kind": kind,
                    "source": f"https://en.wikipedia.org/wiki/{page}"})
    return out


# ------------------------------------------------------------------ together


def finish(events: list[Entry], words: Words) -> tuple[list[Entry], Counter[str]]:
    """Names checked, aliases added, ambiguous names dropped: a name two events share (on
    different dates) names neither. Returns the kept events and why others were dropped."""
    dropped: Counter[str] = Counter()
    kept: list[Entry] = []
    for e in events:
        if not words.distinctive(e["name"]) or len(e["name"]) > 90:
            dropped["name not distinctive"] += 1
            continue
        aliases = [a for a in [*e.get("aliases", []), *variants(e["name"])]
                   if words.distinctive(a)]
        e["aliases"] = sorted(set(aliases) - {e["name"]})
        kept.append(e)
    owners: dict[str, set[str]] = defaultdict(set)
    for e in kept:
        for n in [e["name"], *e["aliases"]]:
            owners[fold(n)].add(e["date"])
    # A name several Wikidata items share goes to the one that is far better known, if one
    # is: the item with the much lower id (the items made first, in 2012-13, are those of
    # Wikipedia's best-covered subjects: "Six-Day War" Q49077 over Q3119043 and Q16867411).
    holders: dict[str, list[Entry]] = defaultdict(list)
    for e in kept:
        for n in {fold(x) for x in [e["name"], *e["aliases"]]}:
            holders[n].append(e)
    winner: dict[str, int] = {}
    for n, es in holders.items():
        if len({e["date"] for e in es}) < 2:
            continue
        ids = sorted((_qnum(e["source"]), i) for i, e in enumerate(es))
        if ids[0][0] < 10**9 and ids[0][0] * 4 < ids[1][0]:
            winner[n] = id(es[ids[0][1]])
    def own(n: str, e: Entry) -> bool:
        return len(owners[fold(n)]) == 1 or winner.get(fold(n)) == id(e)
    out: list[Entry] = []
    for e in kept:
        if not own(e["name"], e):
            dropped["name shared by events on other dates"] += 1
            continue
        e["aliases"] = [a for a in e["aliases"] if own(a, e)]
        out.append(e)
    return out, dropped


def _qnum(source: str) -> int:
    m = re.search(r"wikidata\.org/wiki/Q(\d+)$", source)
    return int(m[1]) if m else 10**9


def merge_sources(wikidata: list[Entry], otd: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """A name in both: the day from "On this day" refines a Wikidata year or month (the event
    moves to the On-this-day list with its Wikidata id as source of the name); a Wikidata day
    wins over it. Returns (wikidata, otd) without duplicates."""
    by_name = {fold(e["name"]): e for e in wikidata}
    keep_otd: list[Entry] = []
    refined: set[str] = set()
    for o in otd:
        w = by_name.get(fold(o["name"]))
        if w is None:
            keep_otd.append(o)
            continue
        wd, od = dt.date.fromisoformat(w["date"]), dt.date.fromisoformat(o["date"])
        precision = w.get("precision", "day")
        if precision != "day" and wd <= od <= last_day(wd, precision):
            o = {**w, "date": o["date"], "source": o["source"], "wikidata": w["source"]}
            o.pop("precision", None)
            keep_otd.append(o)
            refined.add(w["source"])
        # else: Wikidata's own day stands, or they disagree on the year: keep Wikidata's
    return [e for e in wikidata if e["source"] not in refined], keep_otd
