"""``newsline timeline --entity NAME``: one entity's timeline, data first.

Which entities a name means (:func:`find_entities`): the entity whose canonical name it is,
those with it among their aliases (its words in any order: "3G iPhone" for "iPhone 3G"), and
those with an alias that is a part of the name ("787 Dreamliner" for "Boeing 787
Dreamliner"; a person's surname) or holds it with generic words ("the Nasdaq Composite
Index"), never the maker or owner alone that a longer name starts with ("Boeing" is not
"Boeing 787 Dreamliner"), nor a word that names a kind of thing ("markets"). A single word of
a longer name ("Dreamliner") counts only in articles that name the entity more fully, and
only where the build did not make it part of another entity ("Apple" among Apple Computer's
forms). Of every entity found, only the mentions by the name or a form of it count, with
the pronouns and descriptions that refer back to them: a build that merged another name into
the entity ("iPhone 3GS" into "iPhone 4") does not bring that name's events along.

What it did or underwent (:func:`entity_timeline`), one entry per report, in time order:

- each mention of a corpus event in which one of its mentions - a name, or a pronoun or
  description the analysis resolved to one ("he", "the company") - takes part, with its role
  there, the corpus event's id, type, summary, status and corpus-level date;
- each other event word one of its mentions is the subject, object or agent of
  (``DocAnalysis.arguments``); an event noun when a time expression dates it or its clause
  tells it (its verb's tense: "moved on to talk about", "took medical leave").

Each entry is dated as its report tells it: by its own time expression, else, told in the
past, by the time its article tells the story at (the last day-precise date told before it in
the week up to the article's date - the lead's "yesterday" -, else that date), told in the
present by the article's date; a plan, a possibility, a present perfect ("has twice sued":
some time before, not said when) or a noun with no time of its own stays undated. (Dating
each report rather than the corpus event keeps a later article's recollection from moving
the event, and one wrongly linked report from moving all the others.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsline.model import (
    Argument,
    Corpus,
    DateEstimate,
    DocAnalysis,
    Entity,
    EventMention,
    Evidence,
    Timex,
)
from newsline.names import COMMON_WORDS, SUFFIXES, common_words, form_of, name_key
from newsline.names import singular as _singular
from newsline.text_display import shorten

SCHEMA = "newsline.entity_timeline/1"
NARRATIVE_DAYS = 7  # how far before its article's date a told day can be the story's time
# company-form words: never enough to match a name alone
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(slots=True)
class MatchedEntity:
    id: str
    name: str
    type: str
    match: str  # "name": its canonical name; "alias": one of its aliases; "whole": an alias
    # holds the whole name and generic words; "part": an alias is part of it; "short": one
    # word of it, counted only in articles that name it more fully; "longer": an alias holds
    # the name and more ("Cisco Systems" for "Cisco"), only when no entity bears the name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "match": self.match}


@dataclass(slots=True)
class TimelineMention:
    """Where one mention of the event is: its sentence (``start``/``end``/``quote``, as an
    EventMention of the timeline JSON) and its trigger word inside it."""

    doc: str
    start: int
    end: int
    quote: str
    trigger_start: int
    trigger_end: int
    trigger: str
    modality: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "quote": self.quote,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
                "trigger": self.trigger, "modality": self.modality}


@dataclass(slots=True)
class EntityEvent:
    """One thing the entity did or underwent, as one article tells it."""

    id: str
    type: str
    summary: str
    role: str  # the entity's role: agent, patient, partner, place, other ...
    date: DateEstimate  # when this report says it happened
    status: str
    source: str  # "event": a mention of a corpus event; "argument": another event word
    mentions: list[TimelineMention] = field(default_factory=list)
    # the entity's own mentions that tie it to the event ("he", "the company", a name)
    via: list[dict[str, Any]] = field(default_factory=list)
    event: str | None = None  # the corpus event this is a mention of
    event_date: DateEstimate | None = None  # that event's corpus-level date

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "summary": self.summary, "role": self.role,
                "date": self.date.to_dict(), "status": self.status, "source": self.source,
                "mentions": [m.to_dict() for m in self.mentions], "via": list(self.via),
                "event": self.event,
                "event_date": self.event_date.to_dict() if self.event_date else None}


@dataclass(slots=True)
class EntityTimeline:
    query: str
    entities: list[MatchedEntity] = field(default_factory=list)
    events: list[EntityEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "query": self.query,
                "entities": [e.to_dict() for e in self.entities],
                "events": [e.to_dict() for e in self.events]}


# ---------------------------------------------------------------- which entities a name means


def _words(name: str) -> list[str]:
    """The words of a name, lower case, each in the singular ("iPods": "ipod")."""
    out = []
    for w in re.findall(r"[\w.&\-]+", name.lower()):
        if w in ("the", "of", "inc.", "'s"):
            continue
        out.append(_singular(w))
    return out


def name_matches(alias: str, name: str, kind: str,
                 generic: frozenset[str] = SUFFIXES) -> str | None:
    """How an entity's alias fits the name a user asked for: "alias", "whole", "part" or
    None (see the module docstring)."""
    a, n = _words(alias), _words(name)
    if not a or not n:
        return None
    if a == n or (len(a) > 1 and sorted(a) == sorted(n)):  # "3G iPhone" for "iPhone 3G"
        return "alias"
    if _contains(a, n) or _interrupted(a, n):  # "the Nasdaq Composite Index"
        return "whole" if set(a) - set(n) <= generic else "longer"  # "iPod Nano" for "iPod"
    distinct = set(n) - generic
    if not set(a) <= set(n) | generic or not set(a) & distinct:
        return None
    if kind == "PERSON":
        return "part" if a[-1] == n[-1] else None
    if len(n) > 1 and a == n[:len(a)] and set(n[len(a):]) - generic:
        return None  # the maker or owner alone is not its product or part; but "iTunes" is
        # the "iTunes store" and "Nasdaq" the "Nasdaq index", the rest being generic words
    return "short" if len(set(a) & set(n)) == 1 and len(n) > 1 else "part"


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _interrupted(words: list[str], part: list[str]) -> bool:
    """"iTunes Music Store" holds "iTunes Store": the whole name, one word inserted."""
    n = len(part)
    if n < 2:
        return False
    return any(words[i] == part[0] and words[i + n] == part[-1]
               and [w for w in words[i:i + n + 1] if w in part] == part
               for i in range(len(words) - n))


def _is_name(text: str) -> bool:
    """A name, "iPod" and "eBay" included (a capital inside the first word)."""
    return form_of(text) == "name" or any(w[1:] != w[1:].lower() for w in text.split())


def find_entities(entities: Iterable[Entity], name: str,
                  generic: frozenset[str] = SUFFIXES) -> list[MatchedEntity]:
    """The entities ``name`` (a name, any alias, or an entity id) means, best fit first."""
    key = name_key(name)
    rank = {"name": 0, "alias": 1, "whole": 2, "part": 3, "short": 4, "longer": 5}
    out = []
    for e in entities:
        if e.id == name or name_key(e.name) == key or _words(e.name) == _words(name):
            out.append(MatchedEntity(e.id, e.name, e.type, "name"))
            continue
        if not _is_name(e.name):
            continue  # a common-noun entity ("the phone") is found by its own words only
        fits = [f for a in e.aliases if _is_name(a)
                and (f := name_matches(a, name, e.type, generic))]
        if fits and min(fits, key=rank.__getitem__) == "short" and any(
                not name_matches(a, name, e.type, generic) for a in e.aliases if _is_name(a)):
            continue  # "Apple" among Apple Computer's forms: the build says it is another
        if fits:
            out.append(MatchedEntity(e.id, e.name, e.type, min(fits, key=rank.__getitem__)))
    if any(m.match in ("name", "alias") for m in out):  # a longer name only when nothing
        out = [m for m in out if m.match != "longer"]  # bears the name itself ("Cisco")
    return sorted(out, key=lambda m: (rank[m.match], m.id))


# ---------------------------------------------------------------- its events


def entity_timeline(corpus: Corpus, analyses: Mapping[str, DocAnalysis],
                    texts: Mapping[str, str], name: str,
                    generic: frozenset[str] | None = None) -> EntityTimeline:
    """The timeline of the entities ``name`` means, in time order: one entry per report of
    something they did or underwent (see the module docstring). ``texts`` (document id ->
    text) give the quotes and teach which words are generic (:func:`common_words`), unless
    ``generic`` gives those words, learnt from the whole corpus; then ``analyses`` and
    ``texts`` need hold only the documents that mention the entities or their events."""
    if generic is None:
        generic = common_words(texts.values())
    matched = find_entities(corpus.entities, name, generic)
    ids = {m.id for m in matched}
    own = _own_mentions(corpus, analyses, matched, name, generic)
    events: list[EntityEvent] = []
    taken: set[tuple[str, int]] = set()  # (doc, trigger start) told as a corpus event's
    for ev in corpus.events:
        if not ids & ({e for e, _ in ev.participants} | set(ev.places)):
            continue
        entries: list[EntityEvent] = []
        for ref in ev.mentions:
            a = analyses.get(ref.doc)
            found = _taking_part(ref, ev.type, a, own) if a is not None else None
            if found is None or (ref.doc, found[0].trigger_start) in taken:
                continue
            em, role, via = found
            taken.add((ref.doc, em.trigger_start))
            assert a is not None
            doc_date = corpus.doc_dates.get(ref.doc) or a.date
            told = "past" if em.modality in ("asserted", "reported") else "none"
            arg = next((g for g in a.arguments if g.trigger_start == em.trigger_start), None)
            if arg is not None and arg.tense != "none":  # a verb's tense, else the modality
                told = arg.tense
            date = argument_date(Argument(-1, role, em.trigger_start, em.trigger_end,
                                          em.trigger, em.lemma, told,
                                          em.time, em.sentence), a, ref.doc, doc_date)
            mention = TimelineMention(ref.doc, ref.start, ref.end, ref.quote, em.trigger_start,
                                      em.trigger_end, em.trigger, ref.modality)
            entries.append(EntityEvent(_entry_id(ref.doc, em.trigger_start), ev.type,
                                       ev.summary, role, date, ev.status, "event", [mention],
                                       via, ev.id, ev.date))
        events += entries
    for doc in sorted(analyses):
        a = analyses[doc]
        by_trigger: dict[int, list[Argument]] = {}
        for arg in a.arguments:
            m = a.mentions[arg.mention] if arg.mention < len(a.mentions) else None
            if m is None or (doc, m.start, m.end) not in own or (doc, arg.trigger_start) in taken:
                continue
            if arg.tense == "none" and arg.time is None:
                continue  # a noun with no time of its own ("its features") is seldom an event
            if arg.role == "other":
                continue  # "a statement from Apple", "speaking for Apple": not what it did
            by_trigger.setdefault(arg.trigger_start, []).append(arg)
        doc_date = corpus.doc_dates.get(doc) or a.date
        for _, args in sorted(by_trigger.items()):
            events.append(_argument_event(doc, a, texts.get(doc, ""), args, doc_date))
    events.sort(key=_order)
    return EntityTimeline(name, matched, events)


def _entry_id(doc: str, trigger_start: int) -> str:
    return "tl-" + hashlib.sha1(f"{doc}|{trigger_start}".encode()).hexdigest()[:12]


def _via(doc: str, m: Any) -> dict[str, Any]:
    return {"doc": doc, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}


def _taking_part(ref: Any, kind: str, a: DocAnalysis, own: Mapping[tuple[str, int, int], str]
                 ) -> tuple[EventMention, str, list[dict[str, Any]]] | None:
    """The analysis's event mention behind a corpus event's mention in which one of the
    entity's own mentions takes part, with its role and those mentions; None when the entity
    takes no part in this report of the event (another report names it)."""
    for em in a.events:
        if (em.start, em.end, em.type, em.modality) != (ref.start, ref.end, kind, ref.modality):
            continue
        roles = [(p.role, a.mentions[p.mention]) for p in em.participants
                 if p.mention < len(a.mentions)]
        roles += [("place", a.mentions[i]) for i in em.places if i < len(a.mentions)]
        mine = [(r, m) for r, m in roles if (ref.doc, m.start, m.end) in own]
        if mine:
            role = Counter(r for r, _ in mine).most_common(1)[0][0]
            return em, role, [_via(ref.doc, m) for _, m in mine]
    return None


def _own_mentions(corpus: Corpus, analyses: Mapping[str, DocAnalysis],
                  matched: list[MatchedEntity], name: str, generic: frozenset[str]
                  ) -> dict[tuple[str, int, int], str]:
    """The mentions (doc, start, end -> kind) that stand for what ``name`` means: of each
    entity found, the mentions by the name or a form of it (:func:`name_matches`: "Jobs" for
    "Steve Jobs", "iTunes Music Store" for "iTunes Store"), and the pronouns and descriptions
    that refer back to them - not the entity's other names, which the build may have merged
    into it wrongly ("iPhone 3GS" into "iPhone 4"); every mention when ``name`` is the entity's
    id. A short part ("Apple" of "Beatles Apple Corps") counts only in an article that names
    the entity more fully."""
    how = {m.id: m.match for m in matched}
    own: dict[tuple[str, int, int], str] = {}
    short: set[tuple[str, int, int]] = set()
    for e in corpus.entities:
        if e.id not in how:
            continue
        for r in e.mentions:
            key = (r.doc, r.start, r.end)
            fit = "name" if e.id == name else name_matches(r.text, name, e.type, generic)
            fit = fit or _form_of_its(r.text, name, e.type)
            if fit == "short":
                short.add(key)
            elif fit:
                own[key] = r.kind
    fuller = {doc for doc, _, _ in own}
    own.update({k: "name" for k in short if k[0] in fuller})
    for doc, da in analyses.items():  # "an iPod portable music player": one noun phrase
        for m, nxt in zip(da.mentions, da.mentions[1:], strict=False):
            if nxt.kind != "nominal" or nxt.antecedent is not None or not (
                    0 <= nxt.start - m.end <= 1):
                continue
            if (doc, m.start, m.end) in own:
                own[(doc, nxt.start, nxt.end)] = "nominal"
            elif m.kind == "name" and name_matches(f"{m.text} {nxt.text}", name, m.type,
                                                   generic) in ("alias", "whole"):
                own[(doc, m.start, m.end)] = "name"  # "the iTunes store": the NER's name
                own[(doc, nxt.start, nxt.end)] = "nominal"  # and the noun it left out
    for e in corpus.entities:  # what refers back to a mention that counts, counts
        if e.id not in how or e.id == name:
            continue
        for r in e.mentions:
            a = analyses.get(r.doc)
            if (r.doc, r.start, r.end) in own or a is None:
                continue
            root = next((m for m in a.mentions if (m.start, m.end) == (r.start, r.end)), None)
            while root is not None and root.antecedent is not None:
                root = a.mentions[root.antecedent]
            if root is not None and (r.doc, root.start, root.end) in own:
                own[(r.doc, r.start, r.end)] = r.kind
    return own


def _form_of_its(text: str, name: str, kind: str) -> str | None:
    """How a mention that the build put in a found entity names it when :func:`name_matches`
    alone would not say: a person's first name ("Steve" of Steve Jobs). (A product's line
    name before its model - "the iPhone" of the iPhone 4 - is left out: the build's entity
    types cannot tell it from the maker's name, "Airbus" of the Airbus A380.)"""
    a, n = _words(text), _words(name)
    if kind == "PERSON" and a and len(a) < len(n) and set(a) < set(n):
        return "part"
    return None


def _argument_event(doc: str, a: DocAnalysis, text: str, args: list[Argument],
                    doc_date: DateEstimate) -> EntityEvent:
    first = args[0]
    s0, s1 = a.sentences[first.sentence] if first.sentence < len(a.sentences) else (
        first.trigger_start, first.trigger_end)
    if text[first.trigger_start:first.trigger_end] != first.trigger:
        s0, s1 = first.trigger_start, first.trigger_end  # no text: quote the trigger alone
        text = " " * s0 + first.trigger
    quote = text[s0:s1]
    mention = TimelineMention(doc, s0, s1, quote, first.trigger_start, first.trigger_end,
                              first.trigger, None)
    via = [_via(doc, a.mentions[arg.mention]) for arg in args]
    role = Counter(arg.role for arg in args).most_common(1)[0][0]
    return EntityEvent(_entry_id(doc, first.trigger_start), "other", shorten(quote, 160), role,
                       argument_date(first, a, doc, doc_date), "unknown", "argument",
                       [mention], via)


def _value(value: str) -> str | None:
    m = _VALUE.match(value)
    if not m:
        return None
    return "-".join(g for g in m.groups() if g)


def argument_date(arg: Argument, a: DocAnalysis, doc: str,
                  doc_date: DateEstimate) -> DateEstimate:
    """When an event word an entity is an argument of happened (see the module docstring)."""
    day = doc_date.day if doc_date.value and len(doc_date.value) == 10 else None
    narrative = _narrative(arg.trigger_start, a.timexes, day, doc) if day else None
    t = a.timexes[arg.time] if arg.time is not None and arg.time < len(a.timexes) else None
    value = _value(t.value) if t is not None and t.type in ("DATE", "TIME") else None
    if t is not None and value:
        if narrative and len(value) < 10 and narrative[0].isoformat().startswith(value):
            return _told(narrative, "the day the article tells the story at, within "
                         f"{t.text!r}")
        return DateEstimate(value, t.earliest, t.latest, "stated", 0.7,
                            [Evidence(doc, t.start, t.end, t.text, "the event's own time")])
    if arg.tense in ("past",) and narrative:
        return _told(narrative, "told in the past tense: the day the article tells the story at")
    if arg.tense == "present" and day:
        return DateEstimate.exact(day, "inferred", 0.4, list(doc_date.evidence[:1]))
    return DateEstimate.unknown()


def _told(narrative: tuple[dt.date, Evidence | None], reason: str) -> DateEstimate:
    day, ev = narrative
    evidence = [Evidence(ev.doc, ev.start, ev.end, ev.quote, reason)] if ev else []
    return DateEstimate.exact(day, "inferred", 0.5, evidence)


def _narrative(offset: int, timexes: list[Timex], day: dt.date, doc: str
               ) -> tuple[dt.date, Evidence | None]:
    """The story's time at ``offset``: the last day-precise date told before it that falls in
    the week up to the article's date ("yesterday", "on Monday"), else that date. Older dates
    ("born on February 24, 1955") are the times of single events, not the story's."""
    best: tuple[dt.date, Evidence | None] = (day, None)
    for t in timexes:
        if t.start >= offset:
            break
        if t.type != "DATE" or t.earliest is None or t.earliest != t.latest:
            continue
        if t.earliest <= day and (day - t.earliest).days <= NARRATIVE_DAYS:
            best = (t.earliest, Evidence(doc, t.start, t.end, t.text, ""))
    return best


def _order(e: EntityEvent) -> tuple[str, str]:
    d = e.date
    lo = d.earliest.isoformat() if d.earliest else None
    return (d.value or lo or (d.latest.isoformat() if d.latest else None) or "9999", e.id)


def from_store(store: Any, name: str) -> EntityTimeline:
    """:func:`entity_timeline` over the last build of a :class:`newsline.store.Store`: the
    generic words the build learnt, and only the analyses and texts of the documents that
    mention the entities ``name`` means or the events they take part in (a build made before
    builds kept those words reads every text to learn them)."""
    corpus = store.corpus()
    stored = store.build_meta().get(COMMON_WORDS)
    if stored is None:
        generic = common_words(a.text for a in store.articles())
    else:
        generic = frozenset(json.loads(stored))
    ids = {m.id for m in find_entities(corpus.entities, name, generic)}
    docs = {ref.doc for e in corpus.entities if e.id in ids for ref in e.mentions}
    docs |= {ref.doc for ev in corpus.events
             if ids & ({e for e, _ in ev.participants} | set(ev.places)) for ref in ev.mentions}
    analyses = {d: a for d in sorted(docs) if (a := store.analysis(d)) is not None}
    texts = {a.id: a.text for a in store.articles(sorted(docs))}
    return entity_timeline(corpus, analyses, texts, name, generic)
