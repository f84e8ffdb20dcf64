"""Real-world events from event mentions across documents, and their status over time.

Mentions are compared only inside blocks that share an event type and an entity, and only
when their times can be the same: a mention's time is its own time expression when it has one,
else a window around its article's date (before it for a report, after it for a plan). So the
same two leaders meeting in two different years stay two events, whatever the wording.

Status reads the mentions in the order of their articles' dates: one report that it happened
makes it occurred; a last word that it did not makes it did-not-occur (or denied when someone
is quoted saying so); otherwise the strongest remaining modality (planned, expected, rumoured).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from newsline.corpus.entities import EntityIndex
from newsline.graph import UnionFind
from newsline.model import DateEstimate, DocAnalysis, Event, EventMention, EventRef, Evidence

REPORT_WINDOW_DAYS = 7  # a past report without a date: within a week before its article
PLAN_WINDOW_DAYS = 90  # a plan without a date: within three months after its article
# "has yet to visit" without a date: any plan of the last two years, or one still to come
NOT_YET_WINDOW_DAYS = 730
OCCURRED = {"asserted", "reported"}
CORE_TYPES = {"PERSON", "ORG"}


@dataclass(slots=True)
class _Item:
    key: str
    doc: str
    mention: EventMention
    participants: list[tuple[str, str]]
    places: list[str]
    interval: tuple[dt.date, dt.date] | None
    doc_day: dt.date | None
    has_time: bool


def _interval(
    m: EventMention, analysis: DocAnalysis, doc_day: dt.date | None
) -> tuple[tuple[dt.date, dt.date] | None, bool]:
    if m.time is not None:
        t = analysis.timexes[m.time]
        if t.earliest and t.latest:
            return (t.earliest, t.latest), True
    if doc_day is None:
        return None, False
    if m.modality in ("planned", "expected"):
        return (doc_day, doc_day + dt.timedelta(days=PLAN_WINDOW_DAYS)), False
    if m.modality == "negated":
        return (doc_day - dt.timedelta(days=NOT_YET_WINDOW_DAYS),
                doc_day + dt.timedelta(days=PLAN_WINDOW_DAYS)), False
    return (doc_day - dt.timedelta(days=REPORT_WINDOW_DAYS), doc_day), False


def mention_items(
    analyses: dict[str, DocAnalysis], doc_dates: dict[str, DateEstimate], index: EntityIndex
) -> list[_Item]:
    out = []
    for doc, analysis in analyses.items():
        doc_day = doc_dates[doc].day if doc in doc_dates else None
        for j, m in enumerate(analysis.events):
            parts = [
                (index.by_mention[(doc, p.mention)], p.role) for p in m.participants
                if (doc, p.mention) in index.by_mention
            ]
            places = [index.by_mention[(doc, i)] for i in m.places if (doc, i) in index.by_mention]
            if not parts and not places:
                continue  # an event nobody and nowhere is tied to tells a reader nothing
            interval, has_time = _interval(m, analysis, doc_day)
            out.append(_Item(f"{doc}#{j}", doc, m, parts, places, interval, doc_day, has_time))
    return out


def _compatible(a: _Item, b: _Item, types: dict[str, str]) -> bool:
    if a.mention.type != b.mention.type:
        return False
    if a.doc == b.doc and a.mention.start == b.mention.start:
        return True  # two triggers in one sentence ("met ... for talks")
    if a.interval is None or b.interval is None:
        return a.doc == b.doc
    if a.interval[0] > b.interval[1] or b.interval[0] > a.interval[1]:
        return False
    core_a = {e for e, _ in a.participants if types.get(e) in CORE_TYPES}
    core_b = {e for e, _ in b.participants if types.get(e) in CORE_TYPES}
    if core_a and core_b:
        return bool(core_a & core_b) and (
            not a.places or not b.places or bool(set(a.places) & set(b.places))
        )
    shared = {e for e, _ in a.participants} & {e for e, _ in b.participants}
    return bool(shared or set(a.places) & set(b.places))


def cluster(items: list[_Item], types: dict[str, str]) -> list[list[_Item]]:
    """Group mentions of one real-world event; compares only within (type, entity) blocks."""
    uf = UnionFind()
    blocks: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for it in items:
        uf.find(it.key)
        for ent in {e for e, _ in it.participants} | set(it.places):
            blocks[(it.mention.type, ent)].append(it)
    for block in blocks.values():
        block.sort(key=lambda it: (it.interval[0] if it.interval else dt.date.max, it.key))
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if a.interval and b.interval and b.interval[0] > a.interval[1]:
                    break  # sorted by start: nothing later can overlap a
                if _compatible(a, b, types):
                    uf.union(a.key, b.key)
    groups: dict[str, list[_Item]] = defaultdict(list)
    for it in items:
        groups[uf.find(it.key)].append(it)
    return sorted(groups.values(), key=lambda g: min(i.key for i in g))


def _event_date(group: list[_Item], analyses: dict[str, DocAnalysis]) -> DateEstimate:
    timed = [it for it in group if it.has_time and it.interval]
    if timed:
        lo = max(it.interval[0] for it in timed if it.interval)
        hi = min(it.interval[1] for it in timed if it.interval)
        if lo > hi:  # the reports disagree: keep the time given most often
            common = Counter(it.interval for it in timed).most_common(1)[0][0]
            timed = [it for it in timed if it.interval == common]
            assert common is not None
            lo, hi = common
        evidence = []
        for it in timed[:3]:
            t = analyses[it.doc].timexes[it.mention.time]  # type: ignore[index]
            evidence.append(Evidence(it.doc, t.start, t.end, t.text,
                                     f"the report dates the {it.mention.type} as {t.value}"))
        value = lo.isoformat() if lo == hi else _common_prefix(lo, hi)
        conf = 0.8 if lo == hi else 0.6
        return DateEstimate(value, lo, hi, "stated", conf, evidence)
    reports = [it for it in group if it.mention.modality in OCCURRED and it.doc_day]
    if reports:
        first = min(reports, key=lambda it: it.doc_day or dt.date.max)
        assert first.doc_day is not None
        ev = [Evidence(first.doc, first.mention.start, first.mention.end, first.mention.quote,
                       f"reported as done in an article of {first.doc_day.isoformat()}")]
        return DateEstimate(first.doc_day.isoformat()[:7], None, first.doc_day, "inferred",
                            0.3, ev)
    return DateEstimate.unknown()


def _common_prefix(lo: dt.date, hi: dt.date) -> str | None:
    if lo.year != hi.year:
        return None
    if lo.month != hi.month:
        return str(lo.year)
    return lo.isoformat()[:7]


def _status(group: list[_Item]) -> tuple[str, list[_Item]]:
    """The corpus-level verdict and the mentions that decide it, read in article-date order.

    - a report that it happened makes it occurred (deciders: the first plan, if any, and the
      first report);
    - a plan whose date has passed, then a later article saying it has not happened ("has yet
      to visit"), makes it did-not-occur (or denied when the denial is attributed);
    - a last word that it did not happen does the same; otherwise the strongest remaining
      modality (planned, expected, rumoured) with its latest mention.
    """
    ordered = sorted(group, key=lambda it: (it.doc_day or dt.date.max, it.key))
    plans = [it for it in ordered if it.mention.modality in ("planned", "expected")]
    occurred = [it for it in ordered if it.mention.modality in OCCURRED]
    negations = [it for it in ordered if it.mention.modality == "negated"]
    if occurred:
        first = occurred[0]
        later_no = [n for n in negations if n.doc_day and first.doc_day
                    and n.doc_day > first.doc_day and not n.has_time]
        if not later_no:
            before = [p for p in plans if (p.doc_day or dt.date.max) <= (first.doc_day
                                                                          or dt.date.max)]
            return "occurred", [*before[:1], first]
    for neg in reversed(negations):
        past_plans = [p for p in plans if p.interval and neg.doc_day
                      and p.interval[1] < neg.doc_day and (p.doc_day or dt.date.max)
                      <= neg.doc_day]
        if past_plans and (neg is ordered[-1] or not occurred):
            verdict = "denied" if _is_denial(neg) else "did-not-occur"
            return verdict, [past_plans[-1], neg]
    last = ordered[-1]
    if last.mention.modality == "negated":
        verdict = "denied" if _is_denial(last) else "did-not-occur"
        return verdict, [*plans[-1:], last]
    if occurred:
        return "occurred", occurred[:1]
    for modality, status in (("planned", "planned"), ("expected", "expected"),
                             ("rumoured", "rumoured")):
        hits = [it for it in ordered if it.mention.modality == modality]
        if hits:
            return status, hits[-1:]
    return "unknown", [last]


def _is_denial(it: _Item) -> bool:
    """A negation someone is quoted as making about their own side, not a media report."""
    who = (it.mention.attributed_to or "").lower()
    return bool(who) and not any(w in who for w in ("media", "report", "newspaper", "press"))


_PHRASES = {
    "visit": ("Visit by {a}", " to {p}"),
    "meeting": ("Meeting of {a}", " in {p}"),
    "invitation": ("Invitation from {a}", " to {p}"),
    "announcement": ("Announcement by {a}", " in {p}"),
    "dispatch": ("{a} sends forces or envoys", " to {p}"),
    "death": ("Death of {o}", " in {p}"),
    "arrest": ("Arrest of {o}", " in {p}"),
    "acquisition": ("{a} acquires {o}", ""),
    "resignation": ("Resignation of {o}", ""),
    "dismissal": ("{a} dismisses {o}", ""),
    "disaster": ("{w}", " in {p}"),
}
# who an event happens to, for the phrases that say "of {o}": its patients, else whoever it
# names ("X died": X is the subject)
_UNDERGOER = {"death", "arrest", "resignation"}


def _summary(kind: str, parts: list[tuple[str, str]], places: list[str],
             names: dict[str, str], quote: str, trigger: str = "",
             types: dict[str, str] | None = None) -> str:
    doers = [names[e] for e, r in parts if r in ("agent", "partner")]
    agents = doers or [names[e] for e, _ in parts]
    others = [names[e] for e, r in parts
              if r not in ("agent", "partner") and names[e] not in agents]
    patients = [names[e] for e, r in parts if r not in ("agent", "partner")]
    undergoers = patients
    if kind in _UNDERGOER:  # only a person dies, is arrested or resigns
        people = [(e, r) for e, r in parts if (types or {}).get(e, "PERSON") == "PERSON"]
        undergoers = ([names[e] for e, r in people if r not in ("agent", "partner")]
                      or [names[e] for e, _ in people])
    default = ("{t} by {a}", " in {p}") if doers or not parts else ("{t} involving {a}", " in {p}")
    head, tail = _PHRASES.get(kind, default)
    if "{o}" in head and not undergoers:
        head = "{t} by {a}" if doers and kind not in _UNDERGOER else "{t}"
    if "{a}" in head and "{o}" in head and not doers:  # "{a} acquires {o}", nobody acting
        head = "{t} of {o}" if undergoers else "{t}"
    who = " and ".join(dict.fromkeys(agents[:3])) or "unnamed parties"
    whom = " and ".join(dict.fromkeys(undergoers[:3]))
    text = head.format(a=who, o=whom, t=kind.capitalize(),
                       w=(trigger or kind).strip().capitalize())
    if others and kind in ("invitation", "meeting", "visit", "dispatch"):
        text += (" with " if kind == "meeting" else " of ") + ", ".join(dict.fromkeys(others[:3]))
    if places:
        text += tail.format(p=", ".join(dict.fromkeys(names[p] for p in places[:2])))
    if kind == "announcement":
        text += ": " + " ".join(quote.split())[:110]
    return text


def build_events(
    analyses: dict[str, DocAnalysis],
    doc_dates: dict[str, DateEstimate],
    index: EntityIndex,
) -> list[Event]:
    """Cross-document events with date, status and every supporting mention."""
    types = {e.id: e.type for e in index.entities}
    names = {e.id: e.name for e in index.entities}
    events = []
    for group in cluster(mention_items(analyses, doc_dates, index), types):
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        places: list[str] = []
        for it in group:
            for e, r in it.participants:
                roles[e][r] += 1
            places.extend(p for p in it.places if p not in places)
        parts = [(e, c.most_common(1)[0][0]) for e, c in roles.items()]
        status, deciders = _status(group)
        # the deciding mentions first (the status's evidence), then the rest in date order
        decided = {it.key for it in deciders}
        ordered = deciders + sorted((it for it in group if it.key not in decided),
                                    key=lambda it: (it.doc_day or dt.date.max, it.key))
        first = min(group, key=lambda it: (it.doc, it.mention.trigger_start))
        kind = first.mention.type
        digest = f"{kind}|{first.doc}|{first.mention.trigger_start}"
        events.append(Event(
            id="evt-" + hashlib.sha1(digest.encode()).hexdigest()[:12],
            type=kind,
            summary=_summary(kind, parts, places, names, first.mention.quote,
                             first.mention.trigger, types),
            participants=parts,
            places=places,
            date=_event_date(group, analyses),
            status=status,
            mentions=[EventRef(it.doc, it.mention.start, it.mention.end, it.mention.quote,
                               it.mention.modality, it.mention.attributed_to) for it in ordered],
        ))
    events.sort(key=lambda e: e.id)
    return events
