"""The Python API, for notebooks and scripts: a built corpus as typed, linked objects.

    import newsline
    corpus = newsline.open("news.db")            # or newsline.run(["articles/"], db="news.db")
    for story in corpus.stories:
        print(story.title, story.span, len(story.events), len(story.documents))
    gm = corpus.entity("GM")                      # any alias, as `newsline entity GM`
    gm.timeline().to_pandas()                     # as `newsline timeline --entity GM`
    corpus.events.filter(type="visit", status="planned")
    corpus.search("ceasefire")                    # documents with snippets

Every object keeps its evidence: an event its quotes (:attr:`Event.evidence`), a date its
:class:`newsline.model.Evidence`, a search hit the matched words; each :class:`Quote` names
its document, so its source, title, outlet and URL. Lists of things have ``to_pandas()``
(pandas is imported only then). The objects are read once, from the last build; the data
model underneath is :mod:`newsline.model` (``Event.data`` is the model's event, and so on).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from newsline import model
from newsline.errors import NewslineError
from newsline.export import tables as rows
from newsline.names import name_key
from newsline.settings import Settings, is_url

if TYPE_CHECKING:
    from newsline.entity_timeline import EntityEvent, MatchedEntity
    from newsline.pipeline import Progress, Report


class _Tabular(Protocol):
    def row(self) -> dict[str, Any]: ...


T = TypeVar("T", bound=_Tabular)
PathLike = str | os.PathLike[str]


def open_corpus(db: PathLike) -> Corpus:
    """The last build stored in ``db`` (an SQLite file or a ``postgresql://`` URL)."""
    from newsline.store import Store

    where: Path | str = os.fspath(db) if is_url(db) else Path(db)
    if isinstance(where, Path) and not where.is_file():
        raise NewslineError("database not found", str(where),
                            "build one with newsline.run([PATH], db=FILE)")
    with Store(where) as store:
        corpus = store.corpus()
        articles = list(store.articles())
        failures = {f["doc"]: {"stage": f["stage"], "reason": f["reason"]}
                    for f in store.failures()}
        dates = dict(corpus.doc_dates)
        if not dates:  # built before the corpus refined them: the analyses' own dates
            dates = {a.doc: a.date for a in store.analyses()}
    return Corpus(where, corpus, articles, dates, failures)


def run_corpus(paths: PathLike | Iterable[PathLike], db: PathLike | None = None,
               settings: Settings | None = None, progress: Progress | None = None) -> Corpus:
    """Ingest, analyse and build (as ``newsline run``), then open the corpus. ``db`` wins
    over ``settings.db``; the run's :class:`newsline.pipeline.Report` is ``corpus.report``."""
    from newsline import pipeline

    s = settings or Settings()
    if db is not None:
        s = s.replace(db=os.fspath(db) if is_url(db) else Path(db))
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    names = [os.fspath(p) for p in given]
    report = pipeline.run(names, s, progress)
    if report.articles_read == 0 and report.analysed == 0:
        why = report.problems[0].line() if report.problems else "nothing there"
        raise NewslineError("no article could be read", " ".join(names), why)
    corpus = open_corpus(s.db)
    corpus.report = report
    return corpus


class Items(list[T], Generic[T]):
    """A list of API objects, with :meth:`to_pandas` and :meth:`where`."""

    def to_pandas(self) -> Any:
        """One row per item (its ``row()``), as a ``pandas.DataFrame``."""
        pd = _pandas()
        return pd.DataFrame([item.row() for item in self])

    def where(self, test: Callable[[T], bool]) -> Items[T]:
        return type(self)(x for x in self if test(x))


class Events(Items["Event"]):
    def filter(self, type: str | None = None, status: str | None = None,
               entity: str | Entity | None = None, story: str | Story | None = None,
               since: str | dt.date | None = None, until: str | dt.date | None = None,
               ) -> Events:
        """The events of that ``type`` and ``status``, with that ``entity`` (an
        :class:`Entity`, or any of its names or its id) as participant or place, in that
        ``story`` (a :class:`Story` or its id), and whose date can fall on or after
        ``since`` and on or before ``until`` (undated events are left out by either)."""
        out: Iterable[Event] = self
        if type is not None:
            out = [e for e in out if e.type == type]
        if status is not None:
            out = [e for e in out if e.status == status]
        if entity is not None:
            ids = {entity.id} if isinstance(entity, Entity) else {
                e.id for e in (self[0]._c.entities_named(entity) if self else [])}
            out = [e for e in out if ids & e.entity_ids]
        if story is not None:
            sid = story.id if isinstance(story, Story) else story
            out = [e for e in out if e.story is not None and e.story.id == sid]
        if since is not None:
            lo = _day(since)
            out = [e for e in out if (b := _bounds(e.date)) and b[1] >= lo]
        if until is not None:
            hi = _day(until)
            out = [e for e in out if (b := _bounds(e.date)) and b[0] <= hi]
        return Events(out)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of one document that support something: ``document.text[start:end] == text``.
    ``why`` says what they support ("asserted, per KCNA", a date's reason, "match")."""

    document: Document
    start: int
    end: int
    text: str
    why: str = ""

    @property
    def source(self) -> str:
        return self.document.source

    def context(self, width: int = 80) -> str:
        """The quote with up to ``width`` characters either side, on one line."""
        text = self.document.text
        lo, hi = max(0, self.start - width), min(len(text), self.end + width)
        before = ("…" if lo > 0 else "") + text[lo:self.start]
        after = text[self.end:hi] + ("…" if hi < len(text) else "")
        return " ".join((before + self.text + after).split())

    def row(self) -> dict[str, Any]:
        d = self.document
        return {"doc": d.id, "start": self.start, "end": self.end, "quote": self.text,
                "why": self.why, "title": d.title, "outlet": d.outlet, "source": d.source,
                "url": d.url, "date": d.date.value}


class _ById:
    """Two views of one thing are equal: documents, entities, events and stories compare
    (and hash) by their id."""

    __slots__ = ()
    id: str

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.id == self.id

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.id))


@dataclass(eq=False, slots=True)
class Document(_ById):
    """One article: its text and metadata (the source's byline, section and provenance
    too), its date estimate, its story."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    url: str | None
    text: str = field(repr=False)
    date: model.DateEstimate = field(repr=False)
    problem: dict[str, str] | None = field(repr=False)  # why its analysis failed, if it did
    article: model.Article = field(repr=False)
    _c: Corpus = field(repr=False)

    @classmethod
    def of(cls, c: Corpus, a: model.Article, date: model.DateEstimate,
           problem: dict[str, str] | None) -> Document:
        return cls(a.id, a.source, a.title, a.outlet, a.url, a.text, date, problem, a, c)

    @property
    def author(self) -> str | None:
        """The byline the source gives (authors joined by "; "), if it gives one."""
        return self.article.author

    @property
    def section(self) -> str | None:
        """The source's section or desk, if it names one."""
        return self.article.section

    @property
    def provenance(self) -> dict[str, Any]:
        """Where in its source it was found: ``record``, ``format``, ``file_created``,
        ``extra``, the keys known (a copy)."""
        return model.provenance_copy(self.article.provenance)

    @property
    def story(self) -> Story | None:
        return self._c._story_of_doc.get(self.id)

    @property
    def events(self) -> Events:
        """The events it reports (has a mention of)."""
        return Events(self._c._events_of_doc.get(self.id, ()))

    @property
    def entities(self) -> Items[Entity]:
        """The entities it mentions."""
        return Items(self._c._entities_of_doc.get(self.id, ()))

    def quote(self, start: int, end: int, why: str = "") -> Quote:
        return Quote(self, start, end, self.text[start:end], why)

    def to_dict(self) -> dict[str, Any]:
        from newsline.export.json import document_dict

        d = document_dict(self.article, self.date)
        if self.problem:
            d["problem"] = dict(self.problem)
        return d

    def row(self) -> dict[str, Any]:
        return rows.document_row(self.to_dict(), self.story.id if self.story else None)


@dataclass(eq=False, slots=True)
class Entity(_ById):
    """A canonical entity, all its surface forms joined (``data`` is the model's).
    ``query`` is the name it was looked up by, if it was."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(repr=False)
    mentions: list[model.EntityMentionRef] = field(repr=False)
    merges: list[dict[str, str]] = field(repr=False)
    data: model.Entity = field(repr=False)
    query: str | None = field(repr=False)
    _c: Corpus = field(repr=False)

    @classmethod
    def of(cls, c: Corpus, e: model.Entity, query: str | None = None) -> Entity:
        return cls(e.id, e.name, e.type, e.aliases, e.mentions, e.merges, e, query, c)

    @property
    def named(self) -> bool:
        return self.data.named

    @property
    def documents(self) -> Items[Document]:
        ids = dict.fromkeys(m.doc for m in self.mentions)
        return Items(self._c._docs[d] for d in ids if d in self._c._docs)

    @property
    def events(self) -> Events:
        """The events it takes part in, as participant or place."""
        return Events(self._c._events_of_entity.get(self.id, ()))

    @property
    def evidence(self) -> list[Quote]:
        """Its mentions, each a quote (``why``: name, pronoun or nominal)."""
        docs = self._c._docs
        return [docs[m.doc].quote(m.start, m.end, m.kind) for m in self.mentions
                if m.doc in docs]

    def timeline(self) -> EntityTimeline:
        """Its own timeline, as ``newsline timeline --entity NAME`` tells it (NAME: the name
        it was looked up by, else its canonical name)."""
        from newsline.entity_timeline import entity_timeline

        texts = {d.id: d.text for d in self._c.documents}
        found = entity_timeline(self._c.model, self._c._analyses(), texts,
                                self.query or self.name)
        return EntityTimeline(found.query, found.entities, found.events)

    def to_dict(self) -> dict[str, Any]:
        return self.data.to_dict()

    def row(self) -> dict[str, Any]:
        return rows.entity_row(self.to_dict(), len(self.events))


class Participant(NamedTuple):
    entity: Entity
    role: str


@dataclass(eq=False, slots=True)
class Event(_ById):
    """A real-world event across its reports (``data`` is the model's)."""

    id: str
    type: str
    summary: str
    status: str
    date: model.DateEstimate = field(repr=False)
    mentions: list[model.EventRef] = field(repr=False)
    entity_ids: set[str] = field(repr=False)  # its participants and places
    document_ids: set[str] = field(repr=False)  # the documents that report it
    data: model.Event = field(repr=False)
    _c: Corpus = field(repr=False)

    @classmethod
    def of(cls, c: Corpus, e: model.Event) -> Event:
        ents = {p for p, _ in e.participants} | set(e.places)
        return cls(e.id, e.type, e.summary, e.status, e.date, e.mentions, ents,
                   {m.doc for m in e.mentions}, e, c)

    @property
    def participants(self) -> list[Participant]:
        ents = self._c._entities
        return [Participant(ents[e], r) for e, r in self.data.participants if e in ents]

    @property
    def places(self) -> list[Entity]:
        return [self._c._entities[p] for p in self.data.places if p in self._c._entities]

    @property
    def story(self) -> Story | None:
        return self._c._story_of_event.get(self.id)

    @property
    def documents(self) -> Items[Document]:
        ids = dict.fromkeys(m.doc for m in self.mentions)
        return Items(self._c._docs[d] for d in ids if d in self._c._docs)

    @property
    def evidence(self) -> list[Quote]:
        """Each report of it (``why``: its modality, and who it is attributed to), then the
        quotes behind its date (``why``: the reason)."""
        docs, names = self._c._docs, self._c._entities
        out = []
        for m in self.mentions:
            if m.doc in docs:
                who = m.attributed_to
                who = names[who].name if who in names else who
                out.append(docs[m.doc].quote(m.start, m.end,
                                             m.modality + (f", per {who}" if who else "")))
        out += [docs[e.doc].quote(e.start, e.end, e.reason)
                for e in self.date.evidence if e.doc in docs]
        return out

    def to_dict(self) -> dict[str, Any]:
        return self.data.to_dict()

    def row(self) -> dict[str, Any]:
        return rows.event_row(self.to_dict(), self.story.id if self.story else None)


@dataclass(eq=False, slots=True)
class Story(_ById):
    """A storyline: its documents, its events and its time span."""

    id: str
    title: str
    earliest: dt.date | None
    latest: dt.date | None
    data: model.Story = field(repr=False)
    _c: Corpus = field(repr=False)

    @classmethod
    def of(cls, c: Corpus, s: model.Story) -> Story:
        return cls(s.id, s.title, s.earliest, s.latest, s, c)

    @property
    def span(self) -> tuple[dt.date | None, dt.date | None]:
        return self.earliest, self.latest

    @property
    def events(self) -> Events:
        ev = self._c._events
        return Events(ev[e] for e in self.data.events if e in ev)

    @property
    def documents(self) -> Items[Document]:
        docs = self._c._docs
        return Items(docs[d] for d in self.data.documents if d in docs)

    @property
    def summary(self) -> list[dict[str, Any]]:
        """Its dated summary lines, made at build time ({"date", "text", "doc", ...})."""
        return list(self._c.model.summaries.get(self.id, []))

    def to_dict(self) -> dict[str, Any]:
        return self.data.to_dict()

    def row(self) -> dict[str, Any]:
        return rows.story_row(self.to_dict())


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document that holds the words searched for: in its title, and where in its text."""

    document: Document
    in_title: bool
    quotes: list[Quote]

    @property
    def snippets(self) -> list[str]:
        return [q.context(60) for q in self.quotes]

    def row(self) -> dict[str, Any]:
        d = self.document
        return {"doc": d.id, "title": d.title, "outlet": d.outlet, "date": d.date.value,
                "source": d.source, "in_title": self.in_title, "matches": len(self.quotes),
                "snippet": self.snippets[0] if self.quotes else d.title}


class EntityTimeline:
    """One entity's timeline: what it did or underwent, one entry per report, in time order
    (:mod:`newsline.entity_timeline`)."""

    def __init__(self, query: str, entities: list[MatchedEntity],
                 events: list[EntityEvent]) -> None:
        self.query, self.entities, self.events = query, entities, events

    def __iter__(self) -> Iterator[EntityEvent]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def to_dict(self) -> dict[str, Any]:
        from newsline.entity_timeline import EntityTimeline as Data

        return Data(self.query, self.entities, self.events).to_dict()

    def to_pandas(self) -> Any:
        pd = _pandas()
        out = []
        for e in self.events:
            m = e.mentions[0] if e.mentions else None
            out.append({"id": e.id, "date": e.date.value,
                        "date_earliest": _iso(e.date.earliest),
                        "date_latest": _iso(e.date.latest), "type": e.type,
                        "summary": e.summary, "role": e.role, "status": e.status,
                        "source": e.source, "event": e.event, "doc": m.doc if m else None,
                        "quote": m.quote if m else None})
        return pd.DataFrame(out)

    def __repr__(self) -> str:
        return f"<EntityTimeline {self.query!r}: {len(self.events)} events>"


class Corpus:
    """A built corpus, read from its database. ``model`` is the :class:`newsline.model.Corpus`
    of the last build; ``report`` is the run's report when :func:`run_corpus` made it."""

    def __init__(self, db: Path | str, corpus: model.Corpus, articles: list[model.Article],
                 dates: dict[str, model.DateEstimate],
                 failures: dict[str, dict[str, str]]) -> None:
        self.db = db
        self.model = corpus
        self.report: Report | None = None
        self.documents: Items[Document] = Items(
            Document.of(self, a, dates.get(a.id) or model.DateEstimate.unknown(),
                     failures.get(a.id)) for a in sorted(articles, key=lambda a: a.id))
        self.entities: Items[Entity] = Items(Entity.of(self, e) for e in corpus.entities)
        self.events = Events(Event.of(self, e) for e in corpus.events)
        self.stories: Items[Story] = Items(
            Story.of(self, s) for s in sorted(corpus.stories, key=_story_order))
        self.flags: list[model.Flag] = list(corpus.flags)
        self._docs = {d.id: d for d in self.documents}
        self._entities = {e.id: e for e in self.entities}
        self._events = {e.id: e for e in self.events}
        self._story_of_doc = {d: s for s in self.stories for d in s.data.documents}
        self._story_of_event = {e: s for s in self.stories for e in s.data.events}
        self._analysis_cache: dict[str, model.DocAnalysis] | None = None

    @cached_property
    def _events_of_doc(self) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = {}
        for e in self.events:
            for d in sorted(e.document_ids):
                out.setdefault(d, []).append(e)
        return out

    @cached_property
    def _events_of_entity(self) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = {}
        for e in self.events:
            for ent in sorted(e.entity_ids):
                out.setdefault(ent, []).append(e)
        return out

    @cached_property
    def _entities_of_doc(self) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {}
        for ent in self.entities:
            for d in dict.fromkeys(m.doc for m in ent.mentions):
                out.setdefault(d, []).append(ent)
        return out

    def entities_named(self, name: str) -> Items[Entity]:
        """Every entity whose id is ``name`` or that has it among its names, as
        ``newsline entity NAME`` finds them (case, accents, hyphens and possessives aside),
        most mentioned first."""
        key = name_key(name)
        found = [e for e in self.entities
                 if e.id == name or any(name_key(a) == key for a in e.aliases)]
        found.sort(key=lambda e: (-len(e.mentions), e.id))
        return Items(Entity.of(self, e.data, name) for e in found)

    def entity(self, name: str) -> Entity:
        """The entity ``name`` means (any alias, or an id); the most mentioned one when
        several bear it (:meth:`entities_named` lists them all)."""
        found = self.entities_named(name)
        if not found:
            raise NewslineError(f"no entity named {name!r}", str(self.db),
                                "try another spelling, or corpus.search(NAME)")
        return found[0]

    def event(self, event_id: str) -> Event:
        return self._get(self._events, event_id, "event")

    def story(self, story_id: str) -> Story:
        return self._get({s.id: s for s in self.stories}, story_id, "story")

    def document(self, doc_id: str) -> Document:
        return self._get(self._docs, doc_id, "document")

    def _get(self, index: dict[str, Any], key: str, what: str) -> Any:
        if key not in index:
            raise NewslineError(f"no {what} {key!r}", str(self.db), f"list them: corpus.{what}s"
                                if what != "story" else "list them: corpus.stories")
        return index[key]

    def search(self, query: str, limit: int | None = None) -> Items[SearchHit]:
        """The documents whose title or text holds ``query`` (its words in that order, any
        case, any spacing between them), each with the places in its text; documents with
        the words in their title first, then those with the most matches."""
        words = query.split()
        if not words:
            raise NewslineError("empty search", None, "give a word or a phrase")
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
        hits = []
        for d in self.documents:
            quotes = [d.quote(m.start(), m.end(), "match") for m in pattern.finditer(d.text)]
            in_title = bool(d.title and pattern.search(d.title))
            if quotes or in_title:
                hits.append(SearchHit(d, in_title, quotes))
        hits.sort(key=lambda h: (not h.in_title, -len(h.quotes), h.document.id))
        return Items(hits[:limit] if limit is not None else hits)

    def timeline(self) -> dict[str, Any]:
        """The timeline JSON of SPEC.md (``newsline export --format json``) as a dict."""
        from newsline.export.json import timeline
        from newsline.store import Store

        with Store(self.db) as store:
            return timeline(store)

    def tables(self) -> dict[str, Any]:
        """Every table of ``newsline export --format parquet`` as a ``pandas.DataFrame``."""
        _pandas()
        return {name: rows.arrow_table(name, table).to_pandas()
                for name, table in rows.tables(self.timeline()).items()}

    def _analyses(self) -> dict[str, model.DocAnalysis]:
        if self._analysis_cache is None:
            from newsline.store import Store

            with Store(self.db) as store:
                self._analysis_cache = {a.doc: a for a in store.analyses()}
        return self._analysis_cache

    def __repr__(self) -> str:
        return (f"<newsline corpus {self.db}: {len(self.documents)} documents, "
                f"{len(self.entities)} entities, {len(self.events)} events, "
                f"{len(self.stories)} stories, {len(self.flags)} flags>")


def _story_order(s: model.Story) -> tuple[str, str]:
    return (s.earliest.isoformat() if s.earliest else "9999", s.id)


def _day(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NewslineError(f"not a date: {value!r}", None, "write YYYY-MM-DD") from None


def _bounds(date: model.DateEstimate) -> tuple[dt.date, dt.date] | None:
    """The first and last day ``date`` can be (None when it is undated)."""
    lo, hi = date.earliest, date.latest
    span = _value_span(date.value or "")
    if span is not None:
        lo, hi = lo or span[0], hi or span[1]
    if lo is None and hi is None:
        return None
    return (lo or dt.date.min), (hi or dt.date.max)


def _value_span(v: str) -> tuple[dt.date, dt.date] | None:
    """The days a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value covers."""
    try:
        if len(v) >= 10:
            day = dt.date.fromisoformat(v[:10])
            return day, day
        if len(v) >= 7:
            first = dt.date(int(v[:4]), int(v[5:7]), 1)
            return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        if len(v) == 4:
            return dt.date(int(v), 1, 1), dt.date(int(v), 12, 31)
    except ValueError:
        pass
    return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise NewslineError("to_pandas needs pandas", None,
                            "install it: pip install pandas==3.1.1") from None
    return pandas
