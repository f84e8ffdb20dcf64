"""Scale: how the corpus build grows with the corpus, and how fast the map runs on more workers.

The corpus: T17's articles (all of them, as ``newsline run`` ingests them), analysed once by the
product's own map (on every core) into a base store that ``work`` keeps between runs. A corpus
of ``n`` articles is the first ``n`` of an endless sequence of copies of the base: copy 0 is the
base itself, copy ``k`` every article and analysis with each year written in it moved ``28 * k``
years on (28 years keep weekdays and leap days where they were) and a new id. Copies are near
duplicates of each other in their words, decades apart in their dates, as a long-running pile's
recurring stories are.

Each size is built from nothing (``newsline build --full``'s :func:`newsline.pipeline.build`
with default settings) in a process of its own, so that its peak memory is its own; then 1% more
articles are added and the build run again incrementally, as ``newsline build`` would. A size
whose build the machine's memory cannot hold (judged by the memory per article of the sizes
before it) is skipped and said so.

The map: the same articles analysed on one and two local processes and on a two-worker Dask
``LocalCluster`` (when Dask is installed), words per second of each: the pools with their
start-up, the cluster as a standing one, its start-up timed apart (:func:`map_throughput`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from newsline.errors import DataError
from newsline.model import Article, DocAnalysis

SIZES = {"1k": 1_000, "4k": 4_000, "16k": 16_000, "64k": 64_000}
SHIFT_YEARS = 28
MAP_SAMPLE = 80  # articles for the map's throughput
_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d])")


def _shift(value: Any, years: int, ids: dict[str, str]) -> Any:
    """``value`` (a JSON tree) with every year in its strings moved ``years`` on and every
    string that is an old id replaced by its new one; numbers (offsets) untouched."""
    if isinstance(value, str):
        if value in ids:
            return ids[value]
        return _YEAR.sub(lambda m: str(int(m.group(1)) + years), value) if years else value
    if isinstance(value, list):
        return [_shift(v, years, ids) for v in value]
    if isinstance(value, dict):
        return {k: _shift(v, years, ids) for k, v in value.items()}
    return value


def copy_id(doc: str, k: int) -> str:
    return doc if k == 0 else hashlib.sha256(f"{doc}/{k}".encode()).hexdigest()[:16]


def replicas(base: list[tuple[dict[str, Any], dict[str, Any]]]
             ) -> Iterator[tuple[Article, DocAnalysis]]:
    """The endless sequence of copies of ``base`` ((article, analysis) as dicts)."""
    k = 0
    while True:
        for article, analysis in base:
            doc = article["id"]
            new = copy_id(doc, k)
            shifted_article = _shift(article, SHIFT_YEARS * k, {doc: new})
            shifted_article["source"] = article["source"] if k == 0 else \
                f"{article['source']}#copy{k}"
            yield (Article.from_dict(shifted_article),
                   DocAnalysis.from_dict(_shift(analysis, SHIFT_YEARS * k, {doc: new})))
        k += 1


def _memory_mb() -> float:
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20


def base_store(data_dir: Path, work: Path) -> Path:
    """The store of every T17 article analysed by the product (made once per analyzer
    version, on every core, and kept in ``work``)."""
    from newsline.eval.speed import sample
    from newsline.pipeline import analyze_pending, ingest, version_of
    from newsline.settings import Settings
    from newsline.store import Store

    db = work / f"scale-base-{version_of(Settings())}.db"
    src = work / "t17-all.jsonl"
    if not src.exists():
        articles = sample(Path(data_dir), 10**9)  # every article of every story folder
        src.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    with Store(db) as store:
        if store.count_articles() == 0:
            ingest(store, [str(src)])
        analyze_pending(store, Settings(db=db, progress=False))
        if store.count_analyses() == 0:
            raise DataError("no T17 article could be analysed", str(src))
    return db


def _load_base(db: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    from newsline.store import Store

    with Store(db) as store:
        failed = store.failed_ids()
        analyses = {a.doc: a.to_dict() for a in store.analyses() if a.doc not in failed}
        return [(a.to_dict(), analyses[a.id]) for a in store.articles() if a.id in analyses]


def _fill(db: Path, rows: Iterator[tuple[Article, DocAnalysis]], n: int) -> None:
    """Add the next ``n`` of ``rows`` to the store at ``db``, in batches."""
    from newsline.pipeline import version_of
    from newsline.settings import Settings
    from newsline.store import Store

    version = version_of(Settings())
    with Store(db) as store:
        left = n
        while left > 0:
            batch = [next(rows) for _ in range(min(left, 500))]
            store.add_articles(a for a, _ in batch)
            store.save_analyses((d for _, d in batch), version)
            left -= len(batch)


def _build_in_child(db: Path, full: bool) -> dict[str, float]:
    """Time one build of ``db`` in a fresh process; its seconds and its peak memory."""
    cmd = [sys.executable, "-m", "newsline.eval.scale", str(db), "full" if full else "incremental"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise DataError(f"the build of {db.name} failed: {done.stderr.strip()[-400:]}", str(db))
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _child(db: str, mode: str) -> None:
    from newsline.eval.speed import peak_rss_mb
    from newsline.pipeline import build
    from newsline.settings import Settings
    from newsline.store import Store

    with Store(db) as store:
        t0 = time.perf_counter()
        _, report = build(store, Settings(db=Path(db), progress=False), full=mode == "full")
        seconds = time.perf_counter() - t0
    sys.stdout.write(json.dumps({"build_s": round(seconds, 2),
                                 "peak_rss_mb": round(peak_rss_mb(), 1),
                                 "reused": report.build_reused}) + "\n")


def growth_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """The slope of log time on log size (least squares): 1 is linear."""
    if len(sizes) < 2:
        return None
    slope, _ = np.polyfit(np.log(sizes), np.log(seconds), 1)
    return round(float(slope), 3)


def map_throughput(data_dir: Path, size: int = MAP_SAMPLE) -> dict[str, Any]:
    """Words per second of the map on 1 and 2 local processes and on a 2-worker Dask
    ``LocalCluster``, on the same articles. A local pool's start-up is in its time (its
    processes fork from this one); the cluster is timed as a standing one, which is how a
    team runs it (``--scheduler tcp://...``), with its start-up (processes, pipeline and
    warm-up, then a first small job) reported apart as ``dask_2_startup_s``."""
    from newsline.analyze import analyze_many
    from newsline.eval.speed import sample
    from newsline.ingest import article_id

    articles = [Article(id=article_id(a["text"]), source=a["uid"], text=a["text"])
                for a in sample(Path(data_dir), size) if a["text"].strip()]
    words = sum(len(a.text.split()) for a in articles)
    out: dict[str, Any] = {"articles": len(articles), "words": words}

    def timed(name: str, results: Iterator[Any]) -> None:
        t0 = time.perf_counter()
        got = list(results)
        seconds = time.perf_counter() - t0
        if len(got) != len(articles):
            raise DataError(f"the {name} map gave {len(got)} of {len(articles)} results",
                            str(data_dir))
        out[name] = round(words / seconds, 1)

    timed("pool_1", analyze_many(articles, 1))
    timed("pool_2", analyze_many(articles, 2))
    try:
        import distributed  # noqa: F401
    except ImportError:
        out["dask_2"] = None
        return out
    from newsline.analyze import cluster

    t0 = time.perf_counter()
    client, close = cluster.connect("local", 2)
    try:
        address = client.scheduler.address
        list(cluster.analyze_many(articles[:2], address))
        out["dask_2_startup_s"] = round(time.perf_counter() - t0, 2)
        timed("dask_2", cluster.analyze_many(articles, address))
    finally:
        close()
    return out


def run(data_dir: Path, sizes: list[str] | None = None, work: Path | None = None
        ) -> dict[str, Any]:
    chosen = sizes or list(SIZES)
    unknown = [s for s in chosen if s not in SIZES]
    if unknown:
        raise DataError(f"unknown size {unknown[0]!r}", "--sizes",
                        f"choose from {', '.join(SIZES)}")
    with tempfile.TemporaryDirectory() as tmp:
        place = Path(work) if work else Path(tmp)
        place.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        base = _load_base(base_store(Path(data_dir), place))
        base_s = time.perf_counter() - t0
        datasets: dict[str, Any] = {}
        skipped: dict[str, str] = {}
        per_article_mb: float | None = None
        for name in chosen:
            n = SIZES[name]
            if per_article_mb is not None and n * per_article_mb > 0.8 * _memory_mb():
                skipped[name] = (f"would need about {n * per_article_mb:,.0f} MB; this machine "
                                 f"has {_memory_mb():,.0f} MB")
                continue
            db = Path(tmp) / f"scale-{name}.db"
            rows = replicas(base)
            _fill(db, rows, n)
            full = _build_in_child(db, full=True)
            _fill(db, rows, max(1, n // 100))
            inc = _build_in_child(db, full=False)
            datasets[name] = {"articles": n, "build_s": full["build_s"],
                              "peak_rss_mb": full["peak_rss_mb"],
                              "incremental_build_s": inc["build_s"],
                              "incremental_share": round(100 * inc["build_s"] / full["build_s"],
                                                         1)}
            per_article_mb = full["peak_rss_mb"] / n
            for f in db.parent.glob(db.name + "*"):
                f.unlink()
        map_speed = map_throughput(Path(data_dir))
    measured = list(datasets.values())
    largest = measured[-1] if measured else None
    pool, dask = map_speed.get("pool_2"), map_speed.get("dask_2")
    metrics = {
        "growth_exponent": growth_exponent([d["articles"] for d in measured],
                                           [d["build_s"] for d in measured]),
        "build_s_64k": datasets.get("64k", {}).get("build_s"),
        "peak_rss_mb_64k": datasets.get("64k", {}).get("peak_rss_mb"),
        "incremental_share": largest["incremental_share"] if largest else None,
        "dask_vs_pool": round(100 * dask / pool, 1) if pool and dask else None,
    }
    return {
        "benchmark": "scale",
        "dataset": "t17-replicated",
        "metrics": metrics,
        "datasets": datasets,
        "details": {"base_articles": len(base), "base_seconds": round(base_s, 1),
                    "skipped": skipped, "map_words_per_s": map_speed,
                    "cores": os.cpu_count(), "memory_mb": round(_memory_mb())},
    }


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
