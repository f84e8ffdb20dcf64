"""Real-world events from event mentions across documents, and their status over time.

Every event mention of the analysis, typed (visit, meeting, attack, ...) or broad (any other
happening, type ``other``), is linked by the learned cross-document linker
(:mod:`newsline.corpus.events_coref`) inside blocks: the documents of one storyline, as the
story grouping makes them (:func:`document_blocks`), and only when their times can be the
same: a mention's time is its own time expression when it has one, else, when its article's
date is given or stated, a window around that date (before it for a report, after it for a
plan); two times that cannot overlap keep two mentions apart. So the same two leaders meeting
in two different years stay two events, whatever the wording. A typed event recalled in
another storyline (a later article looking back) joins it by structure: the same type, the
same named core participants or place, and one time that can hold every mention of both.

A reader sees an event (an :class:`~newsline.model.Event` of the timeline) for a cluster that
holds a mention that is not a broad trigger (a typed one, its type being the typed mentions'
most common one; or one given as a trigger), or for a cluster of broad triggers that is
salient: tied to a named participant or place, not a word of wanting or going on
(:data:`NOT_HAPPENINGS`), and reported in at least :data:`SALIENT_DOCS` articles or, in one,
mentioned twice or dated by a time of its own (not a bare word of saying); its type is
``other``, or ``statement`` for words of saying (:data:`SAYING`). Other broad mentions serve
the linking only: a pile of articles holds thousands of verbs, and a timeline of every lone
"made", "added" and "hoped" would bury the events a reader looks for.

Status reads the mentions in the order of their articles' dates: one report that it happened
makes it occurred; a last word that it did not makes it did-not-occur (or denied when someone
is quoted saying so); otherwise the strongest remaining modality (planned, expected, rumoured).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsline.corpus import events_coref, events_model
from newsline.corpus.entities import EntityIndex
from newsline.graph import UnionFind
from newsline.model import (
    Article,
    DateEstimate,
    DocAnalysis,
    Event,
    EventMention,
    EventRef,
    Evidence,
)
from newsline.text_display import shorten

if TYPE_CHECKING:
    from newsline.corpus import stories

Interval = events_coref.Interval

ANNOUNCEMENT_QUOTE = 110  # characters of an announcement's words in its event's title
REPORT_WINDOW_DAYS = 7  # a past report without a date: within a week before its article
PLAN_WINDOW_DAYS = 90  # a plan without a date: within three months after its article
# "has yet to visit" without a date: any plan of the last two years, or one still to come
NOT_YET_WINDOW_DAYS = 730
OCCURRED = {"asserted", "reported"}
CORE_TYPES = {"PERSON", "ORG"}
PLACE_ENTITY_TYPES = {"GPE", "LOC", "FAC"}
SALIENT_DOCS = 2  # a broad cluster a reader sees is reported in this many articles
# what a named source said, reported in several articles, is a statement a reader can follow
SAYING = frozenset({"say", "tell", "state", "report", "claim", "comment"})
# words of wanting, thinking and going on that name no happening a timeline should show
NOT_HAPPENINGS = (events_model.LIGHT | {
    "plan", "expect", "want", "need", "try", "think", "believe", "know", "seem", "continue",
    "begin", "start", "become", "remain", "accord", "base", "allow", "help", "let", "hope",
    "ask", "work", "like", "feel", "mean", "look", "write", "note", "explain", "insist",
}) - SAYING


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
    confident: bool = False  # its article's date is given (metadata) or stated in it
    # its own time does not hang on a guessed article date ("in 2009", or "on Sunday" in an
    # article whose date is given or stated)
    firm_time: bool = False


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
    """Every event mention of the analyses, with its resolved participants and places."""
    out = []
    for doc in sorted(analyses):
        analysis = analyses[doc]
        doc_day = doc_dates[doc].day if doc in doc_dates else None
        confident = doc in doc_dates and doc_dates[doc].basis in ("metadata", "stated")
        for j, m in enumerate(analysis.events):
            parts = [
                (index.by_mention[(doc, p.mention)], p.role) for p in m.participants
                if (doc, p.mention) in index.by_mention
            ]
            places = [index.by_mention[(doc, i)] for i in m.places if (doc, i) in index.by_mention]
            interval, has_time = _interval(m, analysis, doc_day)
            firm = has_time and m.time is not None and (
                confident or not analysis.timexes[m.time].anchored)
            out.append(_Item(f"{doc}#{j}", doc, m, parts, places, interval, doc_day, has_time,
                             confident, firm))
    return out


def _compatible(a: _Item, b: _Item, types: dict[str, str]) -> bool:
    """Two typed mentions of one event by structure: one type, overlapping times and the same
    core participants (else a shared participant or place)."""
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


def _meet(a: Interval, b: Interval) -> Interval:
    """The days two times share (None when either is unknown; an empty one when none)."""
    if a is None or b is None:
        return a or b
    return max(a[0], b[0]), min(a[1], b[1])


def _span(group: list[_Item]) -> Interval:
    """The days every mention of a group can be on: the times its mentions state, else the
    windows around their articles' dates; when they disagree (the learned linker groups by
    likeness on average), the time most of them give."""
    times = ([it.interval for it in group if it.has_time and it.interval]
             or [it.interval for it in group if it.interval])
    span: Interval = None
    for t in times:
        span = _meet(span, t)
    if span is not None and span[0] > span[1]:
        span = Counter(times).most_common(1)[0][0]
    return span


def cluster(items: list[_Item], analyses: dict[str, DocAnalysis],
            blocks: list[list[str]] | None = None,
            types: dict[str, str] | None = None,
            named: set[str] | None = None) -> list[list[_Item]]:
    """Group mentions of one real-world event.

    1. The learned linker inside ``blocks`` (lists of document ids; default: each document
       alone); two mentions whose times cannot be the same are kept apart: a stated time
       (one read against the article's date only when that date is given or stated), or, when
       the article's date is given or stated, the window around it.
    2. Typed mentions across blocks (a later article recalling the event in another
       storyline) join by structure (:func:`_compatible`), compared only within (type,
       entity) blocks, the entity a ``named`` one (default: any): "people" or "the
       officials" identify no happening. Two groups join only while one time can hold every
       mention of both, so reports a week apart never chain a war's deaths, or a year's
       meetings, into one event."""
    links = events_coref.items((it.doc, it.mention, analyses[it.doc]) for it in items)
    # a time read against a guessed article date ("on Sunday", the date inferred) is too
    # loose to keep two mentions apart
    when = [it.interval if it.firm_time or it.confident else None for it in items]
    groups = events_coref.link(links, blocks or [], when)
    uf = UnionFind()
    group_of: dict[str, str] = {}
    spans: dict[str, Interval] = {}  # a group's root -> the days all its mentions can be on
    for gi, g in enumerate(groups):
        uf.find(str(gi))
        spans[str(gi)] = _span([items[i] for i in g])
        for i in g:
            group_of[items[i].key] = str(gi)
    def keys(it: _Item) -> set[str]:
        found = {e for e, _ in it.participants} | set(it.places)
        return found if named is None else found & named

    kinds = types or {}
    if named is not None:
        kinds = {e: t for e, t in kinds.items() if e in named}
    typed: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for it in items:
        if it.mention.type == "other":
            continue  # "other" says nothing of which happening it is
        for ent in keys(it):
            typed[(it.mention.type, ent)].append(it)
    for block in typed.values():
        block.sort(key=lambda it: (it.interval[0] if it.interval else dt.date.max, it.key))
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if a.interval and b.interval and b.interval[0] > a.interval[1]:
                    break  # sorted by start: nothing later can overlap a
                ra, rb = uf.find(group_of[a.key]), uf.find(group_of[b.key])
                if ra == rb or not _compatible(a, b, kinds):
                    continue
                both = _meet(spans[ra], spans[rb])
                if both is not None and both[0] > both[1]:
                    continue  # no one time holds both groups' mentions
                uf.union(ra, rb)
                spans[uf.find(ra)] = both
    merged: dict[str, list[_Item]] = defaultdict(list)
    for gi, g in enumerate(groups):
        merged[uf.find(str(gi))].extend(items[i] for i in g)
    out = list(merged.values())
    for members in out:
        members.sort(key=lambda it: (it.doc, it.mention.trigger_start))
    return sorted(out, key=lambda g: (g[0].doc, g[0].mention.trigger_start))


def document_blocks(articles: dict[str, Article], doc_dates: dict[str, DateEstimate],
                    index: EntityIndex, read: stories.Texts | None = None) -> list[list[str]]:
    """The documents grouped by storyline, as the story grouping makes them
    (:func:`newsline.corpus.stories.cluster`): the blocks mentions are linked in. ``read``:
    the :func:`~newsline.corpus.stories.texts` of ``articles`` and ``index`` already made."""
    from newsline.corpus import stories

    t = stories.texts(articles, doc_dates, index) if read is None else read.dated(doc_dates)
    return [[t.ids[k] for k in g] for g in stories.cluster(t)]


def visible(group: list[_Item]) -> bool:
    """Whether a reader sees the cluster as an event: it holds a mention that is not a broad
    trigger (a typed one, or one the caller gave), or it names a participant or a place, is
    no word of wanting or going on, and is corroborated: reported in :data:`SALIENT_DOCS`
    articles, or, in one article, not a mere word of saying and either mentioned twice or
    dated by a time of its own ("Gordon Advisors issued a statement Tuesday")."""
    if any(not it.mention.broad for it in group):
        return True
    head = _head_lemma(group)
    if head in NOT_HAPPENINGS or not any(it.participants or it.places for it in group):
        return False
    if len({it.doc for it in group}) >= SALIENT_DOCS:
        return True
    if head in SAYING:
        return False
    return len(group) >= 2 or any(it.has_time and (it.participants or it.places)
                                  for it in group)


def _head_lemma(group: list[_Item]) -> str:
    lemmas = Counter(it.mention.lemma or it.mention.trigger.lower() for it in group)
    return max(lemmas.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _kind(group: list[_Item]) -> str:
    """The typed mentions' most common type; for broad mentions only, a statement when they
    are words of saying, else ``other``."""
    typed = Counter(it.mention.type for it in group if it.mention.type != "other")
    if typed:
        return max(typed.items(), key=lambda kv: (kv[1], kv[0]))[0]
    if all(it.mention.broad for it in group) and _head_lemma(group) in SAYING:
        return "statement"
    return "other"


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


SUMMARY_CHARS = 120  # the longest excerpt a one-line summary quotes


def excerpt(quote: str, start: int, end: int, limit: int = SUMMARY_CHARS) -> str:
    """The sentence ``quote``, or a window of it around ``quote[start:end]`` (the trigger) cut
    at spaces with an ellipsis, on one line: what a broad event's summary says, since "Indicate
    by Alan Greenspan" tells a reader less than the words that reported it."""
    if len(quote) > limit:
        begin = max(0, min(start - limit // 3, len(quote) - limit))
        if begin > 0:
            space = quote.find(" ", begin, start)
            begin = space + 1 if space >= 0 else begin
        stop = min(len(quote), begin + limit)
        if stop < len(quote):
            space = quote.rfind(" ", max(end, begin + 1), stop)
            stop = space if space > 0 else stop
        text = ("… " if begin > 0 else "") + quote[begin:stop].strip()
        quote = text + (" …" if stop < len(quote) else "")
    return " ".join(quote.split())


def _summary(kind: str, parts: list[tuple[str, str]], places: list[str],
             names: dict[str, str], quote: str, trigger: str = "",
             types: dict[str, str] | None = None) -> str:
    kinds = types or {}
    # who acts is a person or an organisation; a country only when no one else is named
    # (a name: "leader", an argument the analysis kept as a mention, says nothing alone)
    actors = [(e, r) for e, r in parts if kinds.get(e, "PERSON") in CORE_TYPES
              and names[e][:1].isupper()]
    parts = actors or [(e, r) for e, r in parts if kinds.get(e) not in PLACE_ENTITY_TYPES]
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
    text = head.format(a=who, o=whom, t=(trigger if kind == "other" else kind).capitalize(),
                       w=(trigger or kind).strip().capitalize())
    if others and kind in ("invitation", "meeting", "visit", "dispatch"):
        text += (" with " if kind == "meeting" else " of ") + ", ".join(dict.fromkeys(others[:3]))
    if places:
        text += tail.format(p=", ".join(dict.fromkeys(names[p] for p in places[:2])))
    if kind == "announcement":
        text += ": " + shorten(quote, ANNOUNCEMENT_QUOTE)  # cut between words, marked
    return text


def build_events(
    analyses: dict[str, DocAnalysis],
    doc_dates: dict[str, DateEstimate],
    index: EntityIndex,
    blocks: list[list[str]] | None = None,
) -> list[Event]:
    """Cross-document events with date, status and every supporting mention; mentions are
    linked inside ``blocks`` (document groups, e.g. :func:`document_blocks`)."""
    types = {e.id: e.type for e in index.entities}
    names = {e.id: e.name for e in index.entities}
    events = []
    named = {e.id for e in index.entities if e.named}
    for group in cluster(mention_items(analyses, doc_dates, index), analyses, blocks, types,
                         named):
        if not visible(group):
            continue
        kind = _kind(group)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        places: list[str] = []
        for it in group:
            for e, r in it.participants:
                if types.get(e) in PLACE_ENTITY_TYPES and r not in ("agent", "partner"):
                    if e not in places:
                        places.append(e)  # "visited Beijing": a place, not a participant
                    continue
                roles[e][r] += 1
            places.extend(p for p in it.places if p not in places)
        parts = [(e, c.most_common(1)[0][0]) for e, c in roles.items()]
        status, deciders = _status(group)
        # the deciding mentions first (the status's evidence), then the rest in date order
        decided = {it.key for it in deciders}
        ordered = deciders + sorted((it for it in group if it.key not in decided),
                                    key=lambda it: (it.doc_day or dt.date.max, it.key))
        first = min((it for it in group if it.mention.type in (kind, "other")),
                    key=lambda it: (it.mention.type != kind, it.doc, it.mention.trigger_start))
        digest = f"{kind}|{first.doc}|{first.mention.trigger_start}"
        trigger = _head_lemma(group) if kind == "other" else first.mention.trigger
        events.append(Event(
            id="evt-" + hashlib.sha1(digest.encode()).hexdigest()[:12],
            type=kind,
            summary=(excerpt(first.mention.quote, first.mention.trigger_start - first.mention.start,
                             first.mention.trigger_end - first.mention.start)
                     if kind == "other" else
                     _summary(kind, parts, places, names, first.mention.quote, trigger, types)),
            participants=parts,
            places=places,
            date=_event_date(group, analyses),
            status=status,
            mentions=[EventRef(it.doc, it.mention.start, it.mention.end, it.mention.quote,
                               it.mention.modality, it.mention.attributed_to,
                               it.mention.trigger_start, it.mention.trigger_end)
                      for it in ordered],
        ))
    events.sort(key=lambda e: e.id)
    return events
