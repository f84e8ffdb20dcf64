"""The per-document map: ``Article -> DocAnalysis``, a pure function of one article.

The stages run in the order of :data:`STAGES`; an exception inside one is re-raised as an
:class:`AnalysisError` naming the stage and the article. :func:`analyze_many` runs the map over
a process pool (one spaCy pipeline per worker) and yields one result per article, in order.

No article can stop or hang the map: each is analysed under :class:`Limits` (a longest text,
a time that grows with the text's length), a text longer than :data:`nlp.PIECE_CHARS` is
parsed in pieces with its offsets kept, and a worker process that dies is replaced. What
fails comes back as an :class:`AnalysisError` for the caller to store and report.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsline import knowledge
from newsline.analyze import (
    arguments,
    coref,
    dating,
    event_cues,
    events,
    mentions,
    nlp,
    participants,
    tense,
    timex,
)
from newsline.errors import NewslineError
from newsline.model import Article, DocAnalysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump when analysis output changes: stored analyses of another version are redone.
ANALYZER_VERSION = "14"


def analyzer_version(src: knowledge.Source | None = None) -> str:
    """What stored analyses are keyed by: the code's :data:`ANALYZER_VERSION` and the knowledge
    the analysis read (office titles, dated landmarks), so a changed knowledge file re-analyses."""
    return f"{ANALYZER_VERSION}.kb{(src or knowledge.active()).digest[:10]}"


class AnalysisError(NewslineError):
    """The analysis of one article failed or went past a limit; ``doc`` is its id and
    ``stage`` the stage it was in ("parse", a stage of :data:`STAGES`, or "limits")."""

    def __init__(self, what: str, which: str | None = None, fix: str | None = None,
                 doc: str = "", stage: str = "") -> None:
        super().__init__(what, which, fix)
        self.doc = doc
        self.stage = stage

    def __reduce__(self) -> tuple[Any, ...]:  # cross process boundaries with every field
        return (AnalysisError, (self.what, self.which, self.fix, self.doc, self.stage))


@dataclass(frozen=True, slots=True)
class Limits:
    """What one article may cost. A text longer than ``max_chars`` is not analysed; one
    article may take ``seconds`` plus ``per_char`` seconds per character of its text (the
    default allows about fifteen times the usual time), parse included."""

    max_chars: int = 2_000_000
    seconds: float = 30.0
    per_char: float = 0.001

    def time_for(self, article: Article) -> float:
        return self.seconds + self.per_char * len(article.text)


class _OverTime(BaseException):
    """Raised by the alarm inside an article that ran past its time (a BaseException, like
    KeyboardInterrupt, so that no ``except Exception`` on the way swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OverTime` in this thread after ``seconds``; a no-op where alarms cannot
    be set (not the main thread, or no SIGALRM)."""
    usable = (hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable or seconds <= 0:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True)
class Work:
    """What the stages share while analysing one article."""

    article: Article
    doc: Doc
    result: DocAnalysis
    tenses: list[dating.Tense] = field(default_factory=list)
    # event triggers given by the caller (a benchmark's gold mentions) instead of found ones
    triggers: list[tuple[int, int]] | None = None


def stage_sentences(w: Work) -> None:
    w.result.sentences = mentions.sentences(w.doc)
    w.result.words = sum(1 for t in w.doc if not (t.is_punct or t.is_space))


def stage_mentions(w: Work) -> None:
    w.result.mentions = mentions.entity_mentions(w.doc, w.result.sentences)


def stage_coref(w: Work) -> None:
    """Pronouns and definite descriptions, appended after the names, each linked to its
    antecedent."""
    w.result.mentions += coref.coreferent_mentions(w.doc, w.result.sentences, w.result.mentions)


def stage_times(w: Work) -> None:
    """Time expressions anchored on the source's date, then the article's date estimate.

    Without a source date, relative expressions are re-anchored on the inferred day.
    """
    text, sents = w.article.text, w.result.sentences
    found = timex.find_timexes(text, w.article.published, sents)
    w.tenses = tense.sentence_tenses(w.doc, [t.start for t in found])
    w.result.date = dating.estimate(w.article, found, w.tenses, sents)
    if w.article.published is None:
        value = w.result.date.value
        anchor = w.result.date.day if value and len(value) == 10 else None
        if anchor is not None:
            found = timex.find_timexes(text, anchor, sents)
            w.tenses = tense.sentence_tenses(w.doc, [t.start for t in found])
    w.result.timexes = found


def stage_events(w: Work) -> None:
    w.result.events = events.event_mentions(
        w.doc, w.result.sentences, w.result.mentions, w.result.timexes
    )


def stage_event_cues(w: Work) -> None:
    """Broad event triggers beside the typed ones (or the caller's triggers instead of both),
    then what the cross-document linker reads about each mention and sentence."""
    r = w.result
    if w.triggers is not None:
        r.events = event_cues.mentions_at(w.doc, r.sentences, r.mentions, r.timexes, w.triggers)
    else:
        r.events += event_cues.broad_mentions(w.doc, r.sentences, r.mentions, r.timexes,
                                              r.events)
    r.events.sort(key=lambda m: (m.trigger_start, m.trigger_end))
    r.cues = event_cues.add_cues(w.doc, r.sentences, r.events)


def stage_participants(w: Work) -> None:
    """Who did what to whom, where, for every event mention; the arguments no mention covers
    ("the new iPhone", "developers") become mentions of their own."""
    r = w.result
    r.mentions = participants.assign(w.doc, r.sentences, r.mentions, r.events)


def stage_arguments(w: Work) -> None:
    """Which event words each entity mention (coreferent ones included) is an argument of."""
    r = w.result
    r.arguments = arguments.mention_arguments(w.doc, r.sentences, r.mentions, r.timexes)


Stage = Callable[[Work], None]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", stage_sentences),
    ("mentions", stage_mentions),
    ("coref", stage_coref),
    ("times", stage_times),
    ("events", stage_events),
    ("event cues", stage_event_cues),
    ("participants", stage_participants),
    ("arguments", stage_arguments),
)


def sentence_tense(doc: Doc, char: int) -> dating.Tense:
    """Tense of the sentence holding character ``char``: future, past or present (the rule of
    :func:`newsline.analyze.tense.tense_of`; the stages read many at once with
    :func:`~newsline.analyze.tense.sentence_tenses`)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return "past" if span is None else tense.tense_of(span.sent)


def run_stages(article: Article, doc: Doc,
               triggers: list[tuple[int, int]] | None = None) -> DocAnalysis:
    """Run :data:`STAGES` on a parsed article; ``triggers`` (character spans) replace the
    event triggers the analysis would find, as a benchmark's gold mentions do."""
    work = Work(article, doc, DocAnalysis(article.id), triggers=triggers)
    for name, stage in STAGES:
        try:
            stage(work)
        except (NewslineError, _OverTime):
            raise
        except Exception as exc:  # name the failing stage and article, like spaCy does
            raise AnalysisError(
                f"analysis stage '{name}' failed: {type(exc).__name__}: {exc}",
                article.source,
                "report this as a bug with the article attached",
                doc=article.id, stage=name,
            ) from exc
    return work.result


def _too_long(article: Article, limits: Limits) -> AnalysisError | None:
    if len(article.text) <= limits.max_chars:
        return None
    return AnalysisError(
        f"text too long to analyse ({len(article.text):,} characters; the limit is "
        f"{limits.max_chars:,})", article.source,
        "split the article, or raise max_chars in newsline.toml", doc=article.id,
        stage="limits")


def _over_time(article: Article, limits: Limits) -> AnalysisError:
    return AnalysisError(
        f"analysis took longer than its limit of {limits.time_for(article):.0f} s",
        article.source, "raise time_limit in newsline.toml, then: newsline build --retry-failed",
        doc=article.id, stage="limits")


def analyze(article: Article, pipeline: Language | None = None,
            triggers: list[tuple[int, int]] | None = None) -> DocAnalysis:
    """Analyse one article (long texts in pieces; no time limit)."""
    model = pipeline or nlp.load()
    return run_stages(article, nlp.parse(model, article.text), triggers)


def analyze_one(article: Article, limits: Limits | None = None,
                pipeline: Language | None = None) -> DocAnalysis | AnalysisError:
    """Analyse one article under ``limits``: any failure, or going past a limit, comes back
    as an :class:`AnalysisError` naming the article, never raised."""
    lim = limits or Limits()
    model = pipeline or nlp.load()
    refused = _too_long(article, lim)
    if refused is not None:
        return refused
    try:
        with _time_limit(lim.time_for(article)):
            try:
                doc = nlp.parse(model, article.text)
            except Exception as exc:
                return AnalysisError(f"parse failed: {type(exc).__name__}: {exc}",
                                     article.source, "report this as a bug with the article "
                                     "attached", doc=article.id, stage="parse")
            return run_stages(article, doc)
    except _OverTime:
        return _over_time(article, lim)
    except AnalysisError as exc:
        return exc
    except RecursionError as exc:
        return AnalysisError(f"analysis failed: {type(exc).__name__}", article.source,
                             "report this as a bug with the article attached",
                             doc=article.id, stage="analysis")


def _analyze_batch(articles: Sequence[Article],
                   limits: Limits | None = None) -> list[DocAnalysis | AnalysisError]:
    """Analyse a batch: parsed together (faster) under the sum of the articles' time limits;
    when that fails or runs out, each article again on its own under its own limit."""
    lim = limits or Limits()
    model = nlp.load()
    out: list[DocAnalysis | AnalysisError] = []
    short = [a for a in articles if _too_long(a, lim) is None
             and len(a.text) <= nlp.PIECE_CHARS]
    done: dict[str, DocAnalysis | AnalysisError] = {}
    if len(short) > 1:
        try:
            with _time_limit(sum(lim.time_for(a) for a in short)):
                docs = model.pipe((a.text for a in short), batch_size=16)
                for article, doc in zip(short, docs, strict=True):
                    try:
                        done[article.id] = run_stages(article, doc)
                    except AnalysisError as exc:
                        done[article.id] = exc
        except (Exception, _OverTime):  # over time, or a parse failure: the articles left
            pass                           # go one by one under their own limits
    for article in articles:
        out.append(done[article.id] if article.id in done else analyze_one(article, lim, model))
    return out


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _died(article: Article) -> AnalysisError:
    return AnalysisError("the analysis process died on this article (out of memory?)",
                         article.source, "split the article, then: newsline build "
                         "--retry-failed", doc=article.id, stage="process")


def analyze_many(
    articles: Iterable[Article], workers: int | None = None, batch_size: int = 8,
    knowledge_file: str | None = None, limits: Limits | None = None,
) -> Iterator[DocAnalysis | AnalysisError]:
    """Analyse articles on ``workers`` processes (1: in this process), yielding as done;
    ``knowledge_file`` is the user's knowledge base, read beside the bundled one. Every
    article gives one result: its analysis, or an :class:`AnalysisError` saying why not
    (a failure, a limit, or a worker process that died)."""
    n = workers or default_workers()
    lim = limits or Limits()
    knowledge.use(knowledge_file)
    if n <= 1:
        for batch in _batches(articles, batch_size):
            yield from _analyze_batch(batch, lim)
        return
    pool = _pool(n, knowledge_file)
    try:
        # keep a bounded number of batches in flight so a huge corpus never sits in memory
        pending: deque[tuple[list[Article], Future[list[DocAnalysis | AnalysisError]]]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append((batch, pool.submit(_analyze_batch, batch, lim)))
            while len(pending) >= 4 * n or (pending and pending[0][1].done()):
                results, pool = _collect(pending, pool, n, knowledge_file, lim)
                yield from results
        while pending:
            results, pool = _collect(pending, pool, n, knowledge_file, lim)
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _pool(n: int, knowledge_file: str | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n, initializer=warm, initargs=(knowledge_file,))


def _collect(
    pending: deque[tuple[list[Article], Future[list[DocAnalysis | AnalysisError]]]],
    pool: ProcessPoolExecutor, n: int, knowledge_file: str | None, lim: Limits,
) -> tuple[list[DocAnalysis | AnalysisError], ProcessPoolExecutor]:
    """The results of the oldest batch in flight. When a worker died (killed, out of memory)
    every batch in flight is lost with the pool: a new pool analyses each of those articles
    alone, so only an article that kills its process again fails."""
    batch, future = pending.popleft()
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pass
    lost = [batch, *(b for b, _ in pending)]
    pending.clear()
    pool.shutdown(cancel_futures=True)
    pool = _pool(n, knowledge_file)
    results: list[DocAnalysis | AnalysisError] = []
    for article in (a for b in lost for a in b):
        try:
            results.extend(pool.submit(_analyze_batch, [article], lim).result())
        except BrokenProcessPool:
            results.append(_died(article))
            pool.shutdown(cancel_futures=True)
            pool = _pool(n, knowledge_file)
    return results, pool


# analysed once by each new worker process before its first article: the first analysis in a
# process reads the knowledge base and builds the lexicons (seconds), so a worker that has
# not done it yet is slow on its first batch, which holds up the batches queued behind it
WARM_UP = Article(
    id="warm-up", source="(warm-up)",
    text="On Monday, President Emmanuel Macron of France met Chancellor Angela Merkel in "
         "Berlin to discuss the planned summit, officials said. He will visit Rome next week.")


def warm(knowledge_file: str | None = None) -> None:
    """Ready this process for analysis: the user's knowledge, the spaCy pipeline, and one
    short analysis that loads everything else the stages read."""
    knowledge.use(knowledge_file)
    model = nlp.load()
    with contextlib.suppress(Exception):  # each article then reports what fails, as it would
        analyze(WARM_UP, model)


__all__ = ["ANALYZER_VERSION", "STAGES", "AnalysisError", "Limits", "analyze", "analyze_many",
           "analyze_one", "analyzer_version", "warm"]
