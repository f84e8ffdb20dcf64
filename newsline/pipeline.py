"""The library behind the commands: ingest, analyze, build, run. Each is one call.

Progress goes to an optional :class:`Progress` (the CLI passes a rich one); problems with
inputs are collected and returned, never raised, so one bad file never stops a run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

from newsline import __version__, knowledge
from newsline.analyze import AnalysisError, Limits, analyze_many, analyzer_version
from newsline.corpus import build_corpus
from newsline.errors import InputError, NewslineError
from newsline.features import FeatureCache
from newsline.ingest import iter_sources, read_any
from newsline.knowledge import Knowledge
from newsline.model import Article, Corpus, DocAnalysis
from newsline.names import COMMON_WORDS, common_words
from newsline.settings import Settings
from newsline.store import Store, database_errors

INGEST_BATCH = 200  # articles per ingest transaction


class Progress(Protocol):
    def start(self, label: str, total: int | None) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def done(self) -> None: ...


class _Silent:
    def start(self, label: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


@dataclass(slots=True)
class Report:
    """What a command did, for the CLI to print and decide the exit status.

    ``problems`` are inputs skipped (a bad file, record or line; an article whose analysis
    failed); ``notices`` are things set aside while the input was kept (an impossible source
    date). ``echo``, when given, is told each one as it happens, so a run that stops later
    has already shown them.
    """

    files: int = 0
    articles_read: int = 0
    articles_new: int = 0
    analysed: int = 0
    failed: int = 0  # articles whose analysis failed or went past a limit in this run
    built: dict[str, int] = field(default_factory=dict)
    build_reused: bool = False  # the stored build was up to date and stands
    problems: list[NewslineError] = field(default_factory=list)
    notices: list[NewslineError] = field(default_factory=list)
    echo: Callable[[str, NewslineError], None] | None = None

    def problem(self, p: NewslineError) -> None:
        self.problems.append(p)
        if self.echo is not None:
            self.echo("problem", p)

    def notice(self, n: NewslineError) -> None:
        self.notices.append(n)
        if self.echo is not None:
            self.echo("notice", n)

    def merge(self, other: Report) -> Report:
        self.files += other.files
        self.articles_read += other.articles_read
        self.articles_new += other.articles_new
        self.analysed += other.analysed
        self.failed += other.failed
        self.built = other.built or self.built
        self.build_reused = other.build_reused or self.build_reused
        self.problems.extend(other.problems)
        self.notices.extend(other.notices)
        return self


def _read_all(paths: Iterable[str], report: Report, progress: Progress) -> Iterator[Article]:
    """The articles of every source under ``paths``. The "Reading articles" step starts at
    the first file found: paths that name no file show their problems and no progress."""
    started = False
    for item in iter_sources(paths):
        if isinstance(item, InputError):
            report.problem(item)
            continue
        if not started:
            progress.start("Reading articles", None)
            started = True
        report.files += 1
        result = read_any(item, str(item))
        for problem in result.problems:
            report.problem(problem)
        for notice in result.notices:
            report.notice(notice)
        report.articles_read += len(result.articles)
        yield from result.articles


def _store_batch(store: Store, batch: list[Article], report: Report) -> None:
    """Store a batch in one transaction; when that fails, each article alone, so one article
    the database refuses is reported by name and the rest are kept."""
    refused: tuple[type[Exception], ...] = (*database_errors(), ValueError, UnicodeError,
                                            OverflowError)
    try:
        report.articles_new += len(store.add_articles(batch))
        return
    except refused:
        if len(batch) == 1:
            raise
    for article in batch:
        try:
            report.articles_new += len(store.add_articles([article]))
        except refused as exc:
            report.problem(InputError(f"cannot store article: {type(exc).__name__}: {exc}",
                                      article.source, "report this as a bug with the file "
                                      "attached"))


def ingest(store: Store, paths: Iterable[str], progress: Progress | None = None,
           report: Report | None = None) -> Report:
    """Read every source under ``paths`` and store its articles (batches, one transaction
    each). Nothing a reader meets stops the run: each bad file, record or line is one
    problem in the report, and every good article is stored."""
    p = progress or _Silent()
    report = report if report is not None else Report()
    batch: list[Article] = []
    for article in _read_all(paths, report, p):
        batch.append(article)
        p.advance()
        if len(batch) >= INGEST_BATCH:
            _store_batch(store, batch, report)
            batch = []
    if batch:
        _store_batch(store, batch, report)
    p.done()
    return report


def _limits(settings: Settings) -> Limits:
    return Limits(max_chars=settings.max_chars, seconds=settings.time_limit)


def analyze_pending(
    store: Store, settings: Settings | None = None, progress: Progress | None = None,
    retry_failed: bool = False, report: Report | None = None,
) -> Report:
    """Analyse every stored article that has no analysis of the current version.

    An article whose analysis fails or goes past a limit is stored as failed with its reason
    (see :func:`problems`) and not tried again unless ``retry_failed``; it never stops the run.
    """
    s = settings or Settings()
    p = progress or _Silent()
    report = report if report is not None else Report()
    version = version_of(s)
    todo = store.ids_needing_analysis(version, retry_failed=retry_failed)
    if not todo:
        return report
    p.start("Analysing articles", len(todo))
    pending: list[DocAnalysis] = []
    failed: list[tuple[str, str, str]] = []
    kb_file = str(s.knowledge) if s.knowledge else None

    def flush() -> None:
        report.analysed += store.save_analyses(pending, version)
        report.failed += store.save_failures(failed, version)
        pending.clear()
        failed.clear()

    if s.scheduler:
        from newsline.analyze import cluster

        results = cluster.analyze_many(store.articles(todo), s.scheduler, s.workers or None,
                                       s.batch_size, kb_file, _limits(s))
    else:
        results = analyze_many(store.articles(todo), s.workers or None, s.batch_size, kb_file,
                               _limits(s))
    for result in results:
        p.advance()
        if isinstance(result, AnalysisError):
            report.problem(result)
            failed.append((result.doc, result.stage, result.what))
        else:
            pending.append(result)
        if len(pending) + len(failed) >= 64:  # commit as we go: a crash keeps what was done
            flush()
    flush()
    p.done()
    return report


def problems(store: Store) -> list[dict[str, str]]:
    """The stored articles whose analysis failed, with the stage and the reason."""
    return store.failures()


def _code_fingerprint() -> str:
    """The reduce's code and bundled data: a build made by other code is not reused."""
    h = hashlib.sha1(__version__.encode())
    root = resources.files("newsline")
    base = Path(str(root))
    shared = [base / n for n in ("model.py", "names.py", "knowledge.py", "vectors.py", "graph.py",
                                  "features.py")]
    for part in ("corpus", "verify", "data", "data/knowledge"):
        shared += sorted((base / part).glob("*"))
    for f in shared:
        if f.is_file() and f.suffix in (".py", ".json", ".jsonl"):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def version_of(settings: Settings) -> str:
    """The analyzer version of this configuration (code version and knowledge read)."""
    return analyzer_version(knowledge.source(settings.knowledge))


def inputs_key(store: Store, settings: Settings) -> str:
    """A fingerprint of everything a build reads: the analysed articles, the analyzer
    version (which covers the knowledge base, the user's own file included) and the reduce's
    code."""
    version = version_of(settings)
    h = hashlib.sha1(f"{version}\0{_code_fingerprint()}".encode())
    for doc in store.analysed_ids(version):
        h.update(doc.encode() + b"\n")
    return h.hexdigest()


def build(
    store: Store, settings: Settings | None = None, progress: Progress | None = None,
    full: bool = False, report: Report | None = None,
) -> tuple[Corpus, Report]:
    """Bring the corpus-level objects up to date with everything stored, atomically.

    Incremental by default: when nothing a build reads has changed since the last build, the
    stored build stands; otherwise the last build's reusable work is reused: each unchanged
    story's summary, and the per-document features of the checks (copy signatures, claim
    sentences and their sketches) of every document seen before. The result is the same as
    ``full=True``, which builds from nothing.
    """
    s = settings or Settings()
    p = progress or _Silent()
    told = report if report is not None else Report()
    p.start("Building timeline", None)
    key = inputs_key(store, s)
    if not full and store.build_meta().get("inputs") == key:
        corpus = store.corpus()
        reused = True
    else:
        version = version_of(s)
        kb = Knowledge.load(s.knowledge)
        knowledge.use(s.knowledge)
        features = FeatureCache(version, {} if full else store.features())
        corpus = _build_isolating(store, s, version, kb, features, full, told)
        generic = common_words(a.text for a in store.articles())  # for entity timelines
        store.save_corpus(corpus, {"analyzer": version, "inputs": key,
                                   COMMON_WORDS: json.dumps(sorted(generic))}, features)
        reused = False
    p.done()
    built = Report(built={
        "entities": len(corpus.entities), "events": len(corpus.events),
        "stories": len(corpus.stories), "flags": len(corpus.flags),
    }, build_reused=reused)
    return corpus, built


# A build that fails is built again on halves of the corpus to find the articles that make it
# fail; more culprits than this means the fault is not in the articles, and it is raised.
MAX_CULPRITS = 5


def _build_isolating(store: Store, s: Settings, version: str, kb: Knowledge,
                     features: FeatureCache, full: bool, report: Report) -> Corpus:
    """The build of every analysed article that has not failed. When one article's analysis
    makes the build itself fail (an impossible value no check foresaw), that article is found
    by bisection, stored as failed at the stage "build" with the reason, and the build goes on
    without it: no single article can stop a build."""
    unreadable: list[tuple[str, str, str]] = []

    def bad_row(doc: str, exc: Exception) -> None:
        unreadable.append((doc, "build", f"stored analysis unreadable: {type(exc).__name__}"))

    failed = store.failed_ids()
    analyses = [a for a in store.analyses(on_error=bad_row) if a.doc not in failed]
    if unreadable:
        store.save_failures(unreadable, version)
        _tell(store, unreadable, report)
    ids = {a.doc for a in analyses}
    articles = [a for a in store.articles() if a.id in ids]

    def attempt(docs: list[DocAnalysis], trial: bool) -> Corpus:
        keep = {a.doc for a in docs}
        return build_corpus([a for a in articles if a.id in keep], docs, kb, analyzer=version,
                            summaries=None if (full or trial) else store.summary_cache(),
                            features=FeatureCache(version, {}) if trial else features)

    try:
        return attempt(analyses, trial=False)
    except Exception as first:
        culprits = _culprits(analyses, lambda docs: _fails(attempt, docs), first)
        reasons = [(a.doc, "build", f"the build failed on it: {type(first).__name__}: "
                    f"{first}") for a in culprits]
        store.save_failures(reasons, version)
        _tell(store, reasons, report)
        bad = {a.doc for a in culprits}
        return attempt([a for a in analyses if a.doc not in bad], trial=False)


def _tell(store: Store, failures: list[tuple[str, str, str]], report: Report) -> None:
    for doc, stage, reason in failures:
        art = store.article(doc)
        report.problem(AnalysisError(reason, art.source if art else doc,
                                     "report this as a bug with the article attached",
                                     doc=doc, stage=stage))


def _fails(attempt: Callable[[list[DocAnalysis], bool], Corpus], docs: list[DocAnalysis]) -> bool:
    try:
        attempt(docs, True)
    except Exception:
        return True
    return False


def _culprits(docs: list[DocAnalysis], fails: Callable[[list[DocAnalysis]], bool],
              error: Exception) -> list[DocAnalysis]:
    """The documents each of which alone makes a build fail, by bisection; ``error`` is
    raised when there is no such document, more than :data:`MAX_CULPRITS`, or so many that the
    fault cannot be the articles'."""
    found: list[DocAnalysis] = []

    def search(part: list[DocAnalysis]) -> None:
        if len(part) == 1:
            found.append(part[0])
            if len(found) > MAX_CULPRITS:
                raise error
            return
        half = len(part) // 2
        left, right = part[:half], part[half:]
        hits = [p for p in (left, right) if fails(p)]
        if not hits:  # only the two halves together fail: not one article's fault
            raise error
        for p in hits:
            search(p)

    search(docs)
    if 2 * len(found) >= len(docs):  # most articles "fail" alone: the fault is the build's
        raise error
    return found


def run(
    paths: Iterable[str], settings: Settings | None = None, progress: Progress | None = None,
    report: Report | None = None,
) -> Report:
    """Ingest, analyse and rebuild: the one call a new user needs. ``report`` (with its
    ``echo``) collects what happened as it happens. When no article can be read from
    ``paths`` the run stops there (nothing analysed or built), its problems in the report."""
    s = settings or Settings()
    report = report if report is not None else Report()
    with Store(s.db) as store:
        read_before = report.articles_read
        ingest(store, paths, progress, report)
        if report.articles_read == read_before:
            return report
        analyze_pending(store, s, progress, report=report)
        _, built = build(store, s, progress, report=report)
        report.merge(built)
    return report


def open_store(db: Path | str) -> Store:
    return Store(db)
