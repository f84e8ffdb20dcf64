"""One model of the world: the dataclasses every stage and the store share.

Character offsets (``start``, ``end``) always index ``Article.text`` as stored (Python string
indices, end exclusive), so ``text[start:end] == quote`` holds for every piece of evidence.
Dates inside the model are ``datetime.date``; the JSON contract of SPEC.md writes them as
ISO strings. ``to_dict``/``from_dict`` are the only (de)serialisers, used by the store and the
exporters alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Basis = Literal["metadata", "stated", "inferred", "unknown"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"]
Modality = Literal[
    "asserted", "planned", "expected", "rumoured", "hypothetical", "negated", "reported"
]
Status = Literal[
    "occurred", "planned", "expected", "rumoured", "denied", "cancelled", "did-not-occur", "unknown"
]
Severity = Literal["info", "warning", "error"]

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER")
MODALITIES: tuple[str, ...] = (
    "asserted", "planned", "expected", "rumoured", "hypothetical", "negated", "reported",
)
STATUSES: tuple[str, ...] = (
    "occurred", "planned", "expected", "rumoured", "denied", "cancelled", "did-not-occur",
    "unknown",
)


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso_or_none(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A quote from one document and why it matters."""

    doc: str
    start: int
    end: int
    quote: str
    reason: str

    def to_dict(self) -> dict[str, Any]:  # not asdict: this runs for every quote of a build
        return {"doc": self.doc, "start": self.start, "end": self.end, "quote": self.quote,
                "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["doc"], d["start"], d["end"], d["quote"], d["reason"])


@dataclass(slots=True)
class DateEstimate:
    """A best value at its granularity, inclusive bounds, how it was found and the quotes why.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (or None when unknown); the bounds are
    days and may be open (None) on either side.
    """

    value: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    basis: Basis = "unknown"
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    # clues that disagree with the estimate, each with why it was set aside
    set_aside: list[Evidence] = field(default_factory=list)

    @classmethod
    def unknown(cls) -> DateEstimate:
        return cls()

    @classmethod
    def exact(
        cls, day: dt.date, basis: Basis, confidence: float, evidence: list[Evidence] | None = None
    ) -> DateEstimate:
        return cls(day.isoformat(), day, day, basis, confidence, list(evidence or []))

    @property
    def is_known(self) -> bool:
        return self.value is not None or self.earliest is not None or self.latest is not None

    @property
    def day(self) -> dt.date | None:
        """The value as a day when it is one, else the midpoint of closed bounds, else None."""
        if self.value and len(self.value) == 10:
            return dt.date.fromisoformat(self.value)
        if self.earliest and self.latest:
            return self.earliest + (self.latest - self.earliest) // 2
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "earliest": _iso_or_none(self.earliest),
            "latest": _iso_or_none(self.latest),
            "basis": self.basis,
            "confidence": round(float(self.confidence), 3),
            "evidence": [e.to_dict() for e in self.evidence],
            **({"set_aside": [e.to_dict() for e in self.set_aside]} if self.set_aside else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateEstimate:
        return cls(
            d.get("value"),
            _date_or_none(d.get("earliest")),
            _date_or_none(d.get("latest")),
            d.get("basis", "unknown"),
            float(d.get("confidence", 0.0)),
            [Evidence.from_dict(e) for e in d.get("evidence", [])],
            [Evidence.from_dict(e) for e in d.get("set_aside", [])],
        )


# A source date outside these years is an error in the source (a year 1 placeholder, a
# typo), not a date: ingest sets it aside and the store reads it as no date.
EARLIEST_YEAR = 1800


def sane_date(day: dt.date, today: dt.date | None = None) -> bool:
    """True when ``day`` lies between 1 January :data:`EARLIEST_YEAR` and the end of next year."""
    now = today or dt.date.today()
    return EARLIEST_YEAR <= day.year <= now.year + 1


@dataclass(slots=True)
class Article:
    """What ingest makes of any source: the text and its metadata, nothing inferred.

    ``published`` is the date the source itself gives (HTML/JSON metadata, or a dateline at
    the top of a text file); ``published_basis`` says which, and ``published_span`` locates a
    dateline in ``text`` so it can be quoted as evidence. ``author`` is the byline (authors
    joined by "; ") and ``section`` the source's section or desk, as the source states them.
    ``provenance`` says where in its source the article was found, with only the keys known:
    ``record`` (its 1-based place in the file: entry, document, row, message), ``format``
    (the export: "factiva", "nexis", "rss", "csl-json", ...), ``file_created`` (ISO day the
    file itself was made: never the article's date) and ``extra`` (other named values the
    source gives, str to str: an accession number, a word count).
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: Literal["metadata", "stated"] | None = None
    published_span: tuple[int, int] | None = None
    author: str | None = None
    section: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["published"] = _iso_or_none(self.published)
        d["published_span"] = list(self.published_span) if self.published_span else None
        d["provenance"] = provenance_copy(self.provenance)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        span = d.get("published_span")
        return cls(
            id=d["id"],
            source=d["source"],
            text=d["text"],
            title=d.get("title"),
            outlet=d.get("outlet"),
            url=d.get("url"),
            published=_date_or_none(d.get("published")),
            published_basis=d.get("published_basis"),
            published_span=(span[0], span[1]) if span else None,
            author=d.get("author"),
            section=d.get("section"),
            provenance=provenance_copy(d.get("provenance")),
        )


def provenance_copy(value: object) -> dict[str, Any]:
    """A provenance dict of its own (``extra`` copied too); anything else is no provenance."""
    if not isinstance(value, dict):
        return {}
    out = dict(value)
    if isinstance(out.get("extra"), dict):
        out["extra"] = dict(out["extra"])
    return out


MENTION_KINDS: tuple[str, ...] = ("name", "pronoun", "nominal")


@dataclass(slots=True)
class Mention:
    """An entity mention in one document: a name the NER found (``kind`` "name"), or a pronoun
    ("he", "its"), definite description ("the company") or repeated last name ("Jobs", kind
    "name") that refers back to the mention at index ``antecedent``
    (:mod:`newsline.analyze.coref`), whose type it takes. In
    ``DocAnalysis.mentions`` the names come first, in reading order, then the coreferent
    mentions in reading order, so a name's index never depends on coreference."""

    start: int
    end: int
    text: str
    type: str  # one of ENTITY_TYPES
    sentence: int = 0
    kind: str = "name"  # one of MENTION_KINDS
    antecedent: int | None = None  # index into DocAnalysis.mentions (coreferent mentions)

    def to_dict(self) -> dict[str, Any]:  # not asdict: this runs for every mention analysed
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text,
                             "type": self.type, "sentence": self.sentence}
        if self.kind != "name" or self.antecedent is not None:  # absent, as in older analyses
            d["kind"] = self.kind
            d["antecedent"] = self.antecedent
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["start"], d["end"], d["text"], d["type"], d.get("sentence", 0),
                   d.get("kind", "name"), d.get("antecedent"))


@dataclass(slots=True)
class Timex:
    """A time expression with its TIMEX3 type and value, resolved to inclusive day bounds."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TIMEX3 value: 2014-12-19, 2019-04, XXXX-WXX-4, P18M, PRESENT_REF ...
    earliest: dt.date | None = None
    latest: dt.date | None = None
    anchored: bool = False  # True when the value depends on the document date
    sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "earliest": _iso_or_none(self.earliest),
                "latest": _iso_or_none(self.latest), "anchored": self.anchored,
                "sentence": self.sentence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        return cls(
            d["start"], d["end"], d["text"], d["type"], d["value"],
            _date_or_none(d.get("earliest")), _date_or_none(d.get("latest")),
            d.get("anchored", False), d.get("sentence", 0),
        )


@dataclass(slots=True)
class Participant:
    mention: int  # index into DocAnalysis.mentions
    role: str  # agent, patient or other (:mod:`newsline.analyze.participants`); places apart

    def to_dict(self) -> dict[str, Any]:
        return {"mention": self.mention, "role": self.role}


@dataclass(slots=True)
class EventMention:
    """One report of an event in one document.

    ``start``/``end`` span the clause or sentence quoted as evidence; the trigger word sits
    inside it at ``trigger_start``/``trigger_end``.
    """

    start: int
    end: int
    quote: str
    trigger_start: int
    trigger_end: int
    trigger: str
    type: str
    modality: str  # one of MODALITIES
    participants: list[Participant] = field(default_factory=list)
    places: list[int] = field(default_factory=list)  # indexes into DocAnalysis.mentions
    time: int | None = None  # index into DocAnalysis.timexes
    attributed_to: str | None = None
    sentence: int = 0
    # what the cross-document linker reads (:mod:`newsline.corpus.events_link`)
    lemma: str = ""  # the trigger's head lemma, lower case
    pos: str = ""  # the head's coarse part of speech: VERB, NOUN, ...
    concepts: list[str] = field(default_factory=list)  # concept keys (synonyms, derivations)
    window: list[str] = field(default_factory=list)  # content lemmas a few tokens either side
    # a broad trigger (any verb or event noun) that may name a happening: kept for linking,
    # shown as an event only when corroborated (:func:`newsline.corpus.events.visible`)
    broad: bool = False

    def to_dict(self) -> dict[str, Any]:  # not asdict: this runs for every event mention
        # compact: what is empty or implied is left out (and absent from older analyses)
        d: dict[str, Any] = {"start": self.start, "end": self.end, "quote": self.quote,
                             "trigger_start": self.trigger_start,
                             "trigger_end": self.trigger_end, "trigger": self.trigger,
                             "type": self.type, "modality": self.modality}
        if self.participants:
            d["participants"] = [p.to_dict() for p in self.participants]
        if self.places:
            d["places"] = list(self.places)
        if self.time is not None:
            d["time"] = self.time
        if self.attributed_to is not None:
            d["attributed_to"] = self.attributed_to
        d["sentence"] = self.sentence
        if self.lemma:
            d["lemma"] = self.lemma
        if self.pos:
            d["pos"] = self.pos
        if self.concepts and self.concepts != [self.lemma]:
            d["concepts"] = list(self.concepts)
        if self.window:
            d["window"] = list(self.window)
        if self.broad:
            d["broad"] = self.broad
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventMention:
        return cls(
            d["start"], d["end"], d["quote"], d["trigger_start"], d["trigger_end"],
            d["trigger"], d["type"], d["modality"],
            [Participant(p["mention"], p["role"]) for p in d.get("participants", [])],
            list(d.get("places", [])), d.get("time"), d.get("attributed_to"),
            d.get("sentence", 0), d.get("lemma", ""), d.get("pos", ""),
            list(d.get("concepts", [d["lemma"]] if d.get("lemma") else [])),
            list(d.get("window", [])), d.get("broad", False),
        )


@dataclass(slots=True)
class SentenceCues:
    """What the event linker reads about one sentence: its content lemmas, the names and
    numbers it holds, and the words of the people, places and times its entities name."""

    lemmas: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) for k, v in (
            ("lemmas", self.lemmas), ("names", self.names), ("numbers", self.numbers),
            ("people", self.people), ("places", self.places), ("times", self.times)) if v}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SentenceCues:
        return cls(*(list(d.get(k, [])) for k in
                     ("lemmas", "names", "numbers", "people", "places", "times")))


@dataclass(slots=True)
class Argument:
    """An entity mention that is an argument of an event word - any verb or event noun, not
    only the typed triggers of ``DocAnalysis.events`` - with what the entity timeline needs to
    place it (:mod:`newsline.analyze.arguments`).

    ``tense`` is how the event is told: "past", "perfect" (has sued: before the article, at
    a time it does not say), "present", "future", "modal" (would, could, may ...) or "none"
    (a noun); ``time`` is the event's own time expression, if any."""

    mention: int  # index into DocAnalysis.mentions
    role: str  # agent, patient, partner ("a dispute with"), other
    trigger_start: int
    trigger_end: int
    trigger: str
    lemma: str
    tense: str
    time: int | None = None  # index into DocAnalysis.timexes
    sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"mention": self.mention, "role": self.role,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
                "trigger": self.trigger, "lemma": self.lemma, "tense": self.tense,
                "time": self.time, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Argument:
        return cls(d["mention"], d["role"], d["trigger_start"], d["trigger_end"], d["trigger"],
                   d["lemma"], d["tense"], d.get("time"), d.get("sentence", 0))


@dataclass(slots=True)
class DocAnalysis:
    """Everything the per-document map step finds in one article."""

    doc: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    date: DateEstimate = field(default_factory=DateEstimate)
    words: int = 0
    # one per sentence (empty in analyses older than the event linker)
    cues: list[SentenceCues] = field(default_factory=list)
    # entity mentions as arguments of any event word (:mod:`newsline.analyze.arguments`)
    arguments: list[Argument] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "sentences": [list(s) for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "timexes": [t.to_dict() for t in self.timexes],
            "events": self._events_dict(),
            "date": self.date.to_dict(),
            "words": self.words,
            "cues": [c.to_dict() for c in self.cues],
            "arguments": [a.to_dict() for a in self.arguments],
        }

    def _events_dict(self) -> list[dict[str, Any]]:
        """The event mentions, a quote written once for the mentions of one sentence that
        follow each other (a sentence holds several triggers)."""
        out = []
        previous = None
        for e in self.events:
            row = e.to_dict()
            if row["quote"] == previous:
                del row["quote"]
            previous = e.quote
            out.append(row)
        return out

    @staticmethod
    def _events_from(rows: list[dict[str, Any]]) -> list[EventMention]:
        out = []
        previous = ""
        for row in rows:
            if "quote" not in row:
                row = {**row, "quote": previous}
            previous = row["quote"]
            out.append(EventMention.from_dict(row))
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocAnalysis:
        return cls(
            d["doc"],
            [(s[0], s[1]) for s in d.get("sentences", [])],
            [Mention.from_dict(m) for m in d.get("mentions", [])],
            [Timex.from_dict(t) for t in d.get("timexes", [])],
            cls._events_from(d.get("events", [])),
            DateEstimate.from_dict(d.get("date", {})),
            d.get("words", 0),
            [SentenceCues.from_dict(c) for c in d.get("cues", [])],
            arguments=[Argument.from_dict(a) for a in d.get("arguments", [])],
        )


# ---------------------------------------------------------------- corpus level (build output)


@dataclass(slots=True)
class EntityMentionRef:
    doc: str
    start: int
    end: int
    text: str
    kind: str = "name"  # "pronoun" or "nominal": a mention that refers back to a name

    def to_dict(self) -> dict[str, Any]:  # not asdict: this runs for every mention of a build
        d: dict[str, Any] = {"doc": self.doc, "start": self.start, "end": self.end,
                             "text": self.text}
        if self.kind != "name":  # an addition to the contract, written where it says more
            d["kind"] = self.kind
        return d


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMentionRef] = field(default_factory=list)
    # why surface forms were joined: {"left", "right", "rule"} (an addition to the contract)
    merges: list[dict[str, str]] = field(default_factory=list)

    @property
    def named(self) -> bool:
        """Whether any article names it ("Boeing", "Cramer"), rather than only describing it
        ("the shares", "up to 840 people": event participants a reader does not follow as an
        entity). Listings show named entities; every entity stays in the data."""
        from newsline.names import form_of

        return any(m.kind == "name" or form_of(m.text) == "name" for m in self.mentions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
            "merges": [dict(m) for m in self.merges],
            "named": self.named,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            d["id"], d["name"], d["type"], list(d.get("aliases", [])),
            [EntityMentionRef(m["doc"], m["start"], m["end"], m["text"], m.get("kind", "name"))
             for m in d.get("mentions", [])],
            [dict(m) for m in d.get("merges", [])],
        )


@dataclass(slots=True)
class EventRef:
    """An event mention as the timeline shows it: where it is, how it is said, by whom."""

    doc: str
    start: int
    end: int
    quote: str
    modality: str
    attributed_to: str | None = None
    # the trigger word(s) inside the quote (an addition to the contract)
    trigger_start: int | None = None
    trigger_end: int | None = None

    def to_dict(self) -> dict[str, Any]:  # not asdict: this runs for every event mention
        return {"doc": self.doc, "start": self.start, "end": self.end, "quote": self.quote,
                "modality": self.modality, "attributed_to": self.attributed_to,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end}


@dataclass(slots=True)
class Event:
    id: str
    type: str
    summary: str
    participants: list[tuple[str, str]] = field(default_factory=list)  # (entity id, role)
    places: list[str] = field(default_factory=list)
    date: DateEstimate = field(default_factory=DateEstimate)
    status: str = "unknown"
    mentions: list[EventRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "summary": self.summary,
            "participants": [{"entity": e, "role": r} for e, r in self.participants],
            "places": list(self.places),
            "date": self.date.to_dict(),
            "status": self.status,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            d["id"], d["type"], d["summary"],
            [(p["entity"], p["role"]) for p in d.get("participants", [])],
            list(d.get("places", [])),
            DateEstimate.from_dict(d.get("date", {})),
            d.get("status", "unknown"),
            [EventRef(m["doc"], m["start"], m["end"], m["quote"], m["modality"],
                      m.get("attributed_to"), m.get("trigger_start"), m.get("trigger_end"))
             for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Story:
    id: str
    title: str
    documents: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    earliest: dt.date | None = None
    latest: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title,
            "documents": list(self.documents), "events": list(self.events),
            "earliest": _iso_or_none(self.earliest), "latest": _iso_or_none(self.latest),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(
            d["id"], d["title"], list(d.get("documents", [])), list(d.get("events", [])),
            _date_or_none(d.get("earliest")), _date_or_none(d.get("latest")),
        )


@dataclass(slots=True)
class Flag:
    id: str
    kind: str
    severity: str
    message: str
    documents: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "severity": self.severity,
            "message": self.message, "documents": list(self.documents),
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        return cls(
            d["id"], d["kind"], d["severity"], d["message"], list(d.get("documents", [])),
            [Evidence.from_dict(e) for e in d.get("evidence", [])],
        )


@dataclass(slots=True)
class Corpus:
    """What build produces from all stored analyses: the corpus-level objects."""

    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    doc_dates: dict[str, DateEstimate] = field(default_factory=dict)  # corpus-refined dates
    # story id -> its timeline summary lines ({"story", "date", "text", "doc", "start", "end"})
    summaries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # story id -> the fingerprint of the inputs its summary was made from
    summary_keys: dict[str, str] = field(default_factory=dict)

    def summary_cache(self) -> dict[str, list[dict[str, Any]]]:
        """Each story's summary lines by the key of their inputs, for a later build."""
        return {self.summary_keys[s]: lines for s, lines in self.summaries.items()
                if s in self.summary_keys}


# ---------------------------------------------------------------- the timeline (renderers take it)

TIMELINE_SCHEMA = "newsline.timeline/1"


@dataclass(slots=True)
class TimelineDocument:
    """A document as the timeline shows it: the article, the date it was written, and, when
    its analysis failed, why (``{"stage", "reason"}``)."""

    article: Article
    date: DateEstimate = field(default_factory=DateEstimate)
    problem: dict[str, str] | None = None

    @classmethod
    def of(cls, article: Article, date: DateEstimate | None,
           failure: dict[str, str] | None = None) -> TimelineDocument:
        """The article dated ``date`` (unknown when None), with the stage and reason of its
        stored analysis ``failure`` when there is one."""
        return cls(article, date or DateEstimate.unknown(),
                   {"stage": failure["stage"], "reason": failure["reason"]} if failure else None)

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        d: dict[str, Any] = {"id": a.id, "source": a.source, "title": a.title,
                             "outlet": a.outlet, "url": a.url, "author": a.author,
                             "section": a.section, "provenance": provenance_copy(a.provenance),
                             "text": a.text, "date": self.date.to_dict()}
        if self.problem is not None:
            d["problem"] = {"stage": self.problem["stage"], "reason": self.problem["reason"]}
        return d


@dataclass(slots=True)
class Timeline:
    """The timeline of SPEC.md (``newsline.timeline/1``) as typed objects: what the JSON,
    HTML, CSV and terminal renderers take (``to_dict`` is the contract's dict, exactly)."""

    documents: list[TimelineDocument] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    # each story's dated summary lines, in story order (an addition to the contract)
    summaries: list[dict[str, Any]] = field(default_factory=list)
    generated_at: str = ""
    schema: str = TIMELINE_SCHEMA

    @classmethod
    def of(cls, articles: Iterable[Article], corpus: Corpus,
           analyses: dict[str, DocAnalysis] | None = None, generated_at: str | None = None,
           failures: dict[str, dict[str, str]] | None = None) -> Timeline:
        """The timeline of these articles and a built corpus: each document dated by the
        corpus (or, before any build, by its own analysis), ``failures`` (by document: the
        stored stage and reason) marking the documents whose analysis failed."""
        failed = failures or {}
        docs = []
        for a in sorted(articles, key=lambda a: a.id):
            date = corpus.doc_dates.get(a.id)
            if date is None and analyses and a.id in analyses:
                date = analyses[a.id].date
            docs.append(TimelineDocument.of(a, date, failed.get(a.id)))
        return cls(docs, list(corpus.entities), list(corpus.events), list(corpus.stories),
                   list(corpus.flags),
                   [line for s in corpus.stories for line in corpus.summaries.get(s.id, [])],
                   generated_at or now_iso())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "generated_at": self.generated_at,
            "documents": [d.to_dict() for d in self.documents],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "stories": [s.to_dict() for s in self.stories],
            "flags": [f.to_dict() for f in self.flags],
            "summaries": list(self.summaries),
        }


def timeline_dict(tl: Timeline | dict[str, Any]) -> dict[str, Any]:
    """The contract's dict of a timeline, whichever form it is given in (a renderer takes the
    typed :class:`Timeline`, and the dict that tools and tests hand it)."""
    return tl.to_dict() if isinstance(tl, Timeline) else tl


def now_iso() -> str:
    """Now, in UTC, as the timeline's ``generated_at`` writes it."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
