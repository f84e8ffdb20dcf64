"""The per-document map: ``Article -> DocAnalysis``, a pure function of one article.

The stages run in the order of :data:`STAGES`; an exception inside one is re-raised as an
:class:`AnalysisError` naming the stage and the article. :func:`analyze_many` runs the map over
a process pool (one spaCy pipeline per worker), in any order, and yields results as they come.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
    timex,
)
from newsline.errors import NewslineError
from newsline.model import Article, DocAnalysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump when analysis output changes: stored analyses of another version are redone.
ANALYZER_VERSION = "11"


def analyzer_version(src: knowledge.Source | None = None) -> str:
    """What stored analyses are keyed by: the code's :data:`ANALYZER_VERSION` and the knowledge
    the analysis read (office titles, dated landmarks), so a changed knowledge file re-analyses."""
    return f"{ANALYZER_VERSION}.kb{(src or knowledge.active()).digest[:10]}"


class AnalysisError(NewslineError):
    """A stage failed on one article."""


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
    w.tenses = [sentence_tense(w.doc, t.start) for t in found]
    w.result.date = dating.estimate(w.article, found, w.tenses, sents)
    if w.article.published is None:
        value = w.result.date.value
        anchor = w.result.date.day if value and len(value) == 10 else None
        if anchor is not None:
            found = timex.find_timexes(text, anchor, sents)
            w.tenses = [sentence_tense(w.doc, t.start) for t in found]
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
    """Tense of the sentence holding character ``char``: future, past or present."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return "past"
    sent = span.sent
    for tok in sent:
        if tok.lower_ in ("will", "'ll", "shall") and tok.dep_ == "aux":
            return "future"
        if tok.lower_ == "going" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            return "future"
    root = sent.root
    verbs = [root, *[c for c in root.children if c.dep_ in ("aux", "auxpass")]]
    if any("Past" in v.morph.get("Tense", []) for v in verbs):
        return "past"
    if any("Pres" in v.morph.get("Tense", []) for v in verbs):
        return "present"
    return "past"


def run_stages(article: Article, doc: Doc,
               triggers: list[tuple[int, int]] | None = None) -> DocAnalysis:
    """Run :data:`STAGES` on a parsed article; ``triggers`` (character spans) replace the
    event triggers the analysis would find, as a benchmark's gold mentions do."""
    work = Work(article, doc, DocAnalysis(article.id), triggers=triggers)
    for name, stage in STAGES:
        try:
            stage(work)
        except NewslineError:
            raise
        except Exception as exc:  # name the failing stage and article, like spaCy does
            raise AnalysisError(
                f"analysis stage '{name}' failed: {type(exc).__name__}: {exc}",
                article.source,
                "report this as a bug with the article attached",
            ) from exc
    return work.result


def analyze(article: Article, pipeline: Language | None = None,
            triggers: list[tuple[int, int]] | None = None) -> DocAnalysis:
    """Analyse one article."""
    model = pipeline or nlp.load()
    return run_stages(article, model(article.text), triggers)


def _analyze_batch(articles: Sequence[Article]) -> list[DocAnalysis | AnalysisError]:
    model = nlp.load()
    out: list[DocAnalysis | AnalysisError] = []
    docs = model.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        try:
            out.append(run_stages(article, doc))
        except AnalysisError as exc:
            out.append(exc)
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


def analyze_many(
    articles: Iterable[Article], workers: int | None = None, batch_size: int = 8,
    knowledge_file: str | None = None,
) -> Iterator[DocAnalysis | AnalysisError]:
    """Analyse articles on ``workers`` processes (1: in this process), yielding as done;
    ``knowledge_file`` is the user's knowledge base, read beside the bundled one."""
    n = workers or default_workers()
    knowledge.use(knowledge_file)
    if n <= 1:
        for batch in _batches(articles, batch_size):
            yield from _analyze_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=n, initializer=_warm,
                             initargs=(knowledge_file,)) as pool:
        # keep a bounded number of batches in flight so a huge corpus never sits in memory
        pending: deque[Future[list[DocAnalysis | AnalysisError]]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append(pool.submit(_analyze_batch, batch))
            if len(pending) >= 4 * n:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _warm(knowledge_file: str | None = None) -> None:
    knowledge.use(knowledge_file)
    nlp.load()


__all__ = ["ANALYZER_VERSION", "STAGES", "AnalysisError", "analyze", "analyze_many",
           "analyzer_version"]
