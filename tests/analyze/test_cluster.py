"""The map on a real Dask cluster gives what the local map gives, byte for byte."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsline import pipeline
from newsline.analyze import AnalysisError, Limits, cluster
from newsline.export.json import render_json, timeline
from newsline.settings import Settings
from newsline.store import Store


@pytest.fixture(scope="session")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A LocalCluster on 127.0.0.1: one in-process worker thread, no dashboard, scratch
    space in a temporary folder."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                      local_directory=str(tmp_path_factory.mktemp("dask"))) as lc:
        yield lc.scheduler_address


def _export(db: Path) -> str:
    with Store(db) as store:
        tl = timeline(store)
    tl["generated_at"] = "-"
    return render_json(tl)


def test_a_run_on_the_cluster_equals_a_local_run(
    scheduler: str, small_corpus: Path, built_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dask.db"
    report = pipeline.run([str(small_corpus)], Settings(db=db, progress=False,
                                                        scheduler=scheduler, batch_size=3))
    assert report.analysed == len(list(small_corpus.iterdir())) and not report.problems
    assert _export(db) == _export(built_db)


def test_failures_come_back_as_analysis_errors(scheduler: str) -> None:
    from newsline.ingest import article_id
    from newsline.model import Article

    text = "A short article about the council, which met on Monday."
    long = "word " * 5_000
    arts = [Article(id=article_id(t), source=f"{n}.txt", text=t)
            for n, t in enumerate([text, long])]
    results = list(cluster.analyze_many(arts, scheduler, limits=Limits(max_chars=10_000)))
    assert results[0].doc == arts[0].id  # type: ignore[union-attr]
    assert isinstance(results[1], AnalysisError) and results[1].stage == "limits"


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline.errors import NewslineError

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(NewslineError, match="cannot reach the Dask scheduler"):
        list(cluster.analyze_many([], "tcp://127.0.0.1:9"))


def test_without_the_option_dask_is_not_imported() -> None:
    import subprocess

    code = ("import sys, newsline.cli, newsline.pipeline; "
            "print(json.dumps([m for m in sys.modules if m.split('.')[0] in "
            "('dask', 'distributed')]))")
    out = subprocess.run([sys.executable, "-c", "import json; " + code], check=True,
                         capture_output=True, text=True).stdout
    assert json.loads(out) == []


def test_scheduler_local_from_the_command_line(small_corpus: Path, built_db: Path,
                                               tmp_path: Path) -> None:
    """`--scheduler local` starts its own LocalCluster of worker processes for the run."""
    from typer.testing import CliRunner

    from newsline.cli import app

    db = tmp_path / "local.db"
    result = CliRunner().invoke(app, ["-q", "run", str(small_corpus), "--db", str(db),
                                      "--scheduler", "local", "--workers", "1", "--no-show"])
    assert result.exit_code == 0, result.output
    assert _export(db) == _export(built_db)
