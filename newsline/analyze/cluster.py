"""The per-document map on a Dask cluster (the optional extra ``newsline[dask]``).

``newsline run|build --scheduler tcp://HOST:PORT`` sends batches of articles to the workers
of a running Dask scheduler; ``--scheduler local`` starts a :class:`distributed.LocalCluster`
on 127.0.0.1 (one single-threaded worker process per core, no dashboard) for the run. Each
worker loads the spaCy pipeline once, in a worker plugin, so the pipeline is never pickled;
tasks carry articles and come back with plain analyses (pickled dataclasses, as from the
local pool), which the driver stores in batches as it does for a local run. The analyses are
the local map's own (:func:`_analyze_batch`), so the export is the same, byte for byte,
whichever runs the map.

Limits: the size limit holds as everywhere; the time limit needs an alarm in the main thread
and Dask runs tasks in worker threads, so on a cluster an article over its time is not cut
short (Dask's own worker memory limits and restarts stand in for it). A worker that dies on an
article (Dask reports ``KilledWorker``) fails only that article, as in the local pool.

Nothing here imports Dask until a scheduler is asked for.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsline import knowledge
from newsline.analyze import (
    AnalysisError,
    Limits,
    _analyze_batch,
    _batches,
    _died,
    default_workers,
    warm,
)
from newsline.errors import NewslineError
from newsline.model import Article, DocAnalysis

if TYPE_CHECKING:
    from distributed import Client

PLUGIN_NAME = "newsline-analysis"
CONNECT_TIMEOUT = "20s"  # how long to wait for an outside scheduler


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise NewslineError("Dask is not installed", "--scheduler",
                            "pip install 'newsline[dask]', or drop --scheduler") from exc


def _plugin(knowledge_file: str | None) -> Any:
    """A worker plugin that readies each worker once, before its first task: the user's
    knowledge, the spaCy pipeline (loaded in the worker's own process, never sent over the
    wire) and one short analysis that loads the rest (:func:`newsline.analyze.warm`)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class NewslineAnalysis(WorkerPlugin):
        name = PLUGIN_NAME

        def __init__(self, knowledge_file: str | None) -> None:
            self.knowledge_file = knowledge_file

        def setup(self, worker: Any) -> None:
            warm(self.knowledge_file)

    return NewslineAnalysis(knowledge_file)


def _task(articles: list[Article], limits: Limits,
          knowledge_file: str | None) -> list[DocAnalysis | AnalysisError]:
    """One batch on a worker; analyses travel back pickled, as from the local pool (plain
    dataclasses: no spaCy object crosses the wire)."""
    knowledge.use(knowledge_file)  # a worker that joined after the plugin was registered
    return _analyze_batch(articles, limits)


def connect(scheduler: str, workers: int | None = None) -> tuple[Client, Callable[[], None]]:
    """A client of ``scheduler`` ("local" starts a LocalCluster on 127.0.0.1) and the call
    that closes the client and what was started for it."""
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler == "local":
        scratch = tempfile.mkdtemp(prefix="newsline-dask-")
        cluster = LocalCluster(
            n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
            host="127.0.0.1", local_directory=scratch,
            # no dashboard; the scheduler's small HTTP endpoint on a free loopback port
            dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
        )
        client = Client(cluster)

        def close_local() -> None:
            client.close()
            cluster.close()
            shutil.rmtree(scratch, ignore_errors=True)

        return client, close_local
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        return client, client.close
    except (OSError, TimeoutError) as exc:
        raise NewslineError(f"cannot reach the Dask scheduler: {exc}", scheduler,
                            "start one (dask scheduler) or use --scheduler local") from exc


def analyze_many(
    articles: Iterable[Article], scheduler: str, workers: int | None = None,
    batch_size: int = 8, knowledge_file: str | None = None, limits: Limits | None = None,
) -> Iterator[DocAnalysis | AnalysisError]:
    """Like :func:`newsline.analyze.analyze_many`, on the Dask cluster at ``scheduler``: one
    result per article, in order, with a bounded number of batches in flight."""
    lim = limits or Limits()
    client, close = connect(scheduler, workers)
    try:
        client.register_plugin(_plugin(knowledge_file), name=PLUGIN_NAME)
        width = max(1, len(client.scheduler_info().get("workers", {}))) * 4
        pending: deque[tuple[list[Article], Any]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append((batch, client.submit(_task, batch, lim, knowledge_file,
                                                 pure=False)))
            while len(pending) >= width or (pending and pending[0][1].done()):
                yield from _result(client, *pending.popleft(), lim, knowledge_file)
        while pending:
            yield from _result(client, *pending.popleft(), lim, knowledge_file)
    finally:
        close()


def _result(client: Client, batch: list[Article], future: Any, lim: Limits,
            knowledge_file: str | None) -> Iterator[DocAnalysis | AnalysisError]:
    from distributed import KilledWorker

    try:
        results = future.result()
    except KilledWorker:  # a worker died on the batch: each article alone, to find which
        if len(batch) == 1:
            yield _died(batch[0])
            return
        for article in batch:
            yield from _result(client, [article],
                               client.submit(_task, [article], lim, knowledge_file, pure=False),
                               lim, knowledge_file)
        return
    yield from results
