"""Crashes and company: a process killed at any moment, and several processes writing one
database at once, never lose what was committed nor leave the database inconsistent.

These run the real command line in subprocesses, as a user's would be killed or run in
parallel; the kill times are drawn from a seeded generator so a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsline.export.json import timeline
from newsline.store import Store

CLI = [sys.executable, "-m", "newsline.cli"]
ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*CLI, "-q", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=ENV)


def _committed(db: Path) -> dict[str, set[str]]:
    """What the database holds, checked for integrity first."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "articles" not in tables:
            # killed before the schema's one transaction committed: an empty database, which
            # the next run migrates (the schema is all there or not at all)
            assert not tables & {"analyses", "build_meta", "_migrations"}, tables
            return {"articles": set(), "analyses": set(), "built": set()}
        return {
            "articles": {r[0] for r in conn.execute("SELECT id FROM articles")},
            "analyses": {r[0] for r in conn.execute("SELECT doc FROM analyses")},
            "built": {r[0] for r in conn.execute("SELECT key FROM build_meta")},
        }
    finally:
        conn.close()


def _comparable(db: Path) -> str:
    with Store(db) as store:
        tl = timeline(store)
    tl.pop("generated_at")
    return json.dumps(tl, sort_keys=True)


def test_sigkill_at_random_moments_loses_nothing_committed(
    small_corpus: Path, built_db: Path, tmp_path: Path
) -> None:
    """Kill `newsline run` at random moments of ingest, analysis and build; after each kill
    the database is intact and holds at least what it held before; the run that finally
    completes gives the same timeline as an uninterrupted one."""
    db = tmp_path / "killed.db"
    rng = random.Random(13)
    before: dict[str, set[str]] = {"articles": set(), "analyses": set(), "built": set()}
    kills = 0
    for _ in range(10):  # until a run ends before its kill
        proc = _start("run", str(small_corpus), "--db", str(db), "--workers", "1", "--no-show")
        time.sleep(rng.uniform(0.5, 3.0))
        if proc.poll() is not None:
            break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        if not db.exists():
            continue
        now = _committed(db)
        for table in ("articles", "analyses"):
            assert before[table] <= now[table], f"committed {table} lost after a kill"
        before = now
    assert kills >= 2, "the runs ended before they could be killed: raise the kill times"
    # the next run reads what the kills kept out, analyses what is pending and builds
    done = subprocess.run([*CLI, "-q", "run", str(small_corpus), "--db", str(db),
                           "--workers", "1", "--no-show"], capture_output=True, env=ENV,
                          timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    assert _comparable(db) == _comparable(built_db)


def test_concurrent_writers_on_one_database(small_corpus: Path, tmp_path: Path) -> None:
    """Three ingests of overlapping folders and a build, all at once: no lock error, no
    lost row, each article once."""
    files = sorted(small_corpus.iterdir())
    parts = [files[0::2], files[1::2], files[::3]]
    folders = []
    for n, part in enumerate(parts):
        folder = tmp_path / f"part{n}"
        folder.mkdir()
        for f in part:
            (folder / f.name).write_bytes(f.read_bytes())
        folders.append(folder)
    db = tmp_path / "shared.db"
    subprocess.run([*CLI, "-q", "ingest", str(folders[2]), "--db", str(db)], check=True,
                   capture_output=True, env=ENV, timeout=120)
    procs = [_start("ingest", str(folder), "--db", str(db)) for folder in folders]
    procs.append(_start("build", "--db", str(db), "--workers", "1"))
    for proc in procs:
        _, stderr = proc.communicate(timeout=600)
        text = stderr.decode()
        assert proc.returncode == 0, text
        assert "locked" not in text and "Traceback" not in text
    with Store(db) as store:
        assert store.count_articles() == len(files)
    assert _committed(db)["articles"]


@pytest.mark.parametrize("moment", ["ingest", "analysis"])
def test_sigkill_after_commit_keeps_the_committed_rows(
    small_corpus: Path, tmp_path: Path, moment: str
) -> None:
    """A kill right after a commit (found by polling the database) keeps that commit."""
    db = tmp_path / f"{moment}.db"
    proc = _start("run", str(small_corpus), "--db", str(db), "--workers", "1", "--no-show")
    table = "articles" if moment == "ingest" else "analyses"
    seen: set[str] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                seen = _committed(db)[table]
            except (sqlite3.OperationalError, AssertionError):
                seen = set()
            if seen:
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert seen, f"no {table} committed within the time"
    assert seen <= _committed(db)[table]


def test_a_database_killed_before_its_schema_committed_is_migrated_by_the_next_run(
    tmp_path: Path
) -> None:
    db = tmp_path / "empty.db"
    db.touch()  # what a kill leaves when it lands before the schema's transaction commits
    assert _committed(db) == {"articles": set(), "analyses": set(), "built": set()}
    feed = Path(__file__).parent / "data" / "ingest" / "formats" / "courier.rss"
    proc = _start("run", str(feed), "--db", str(db), "--workers", "1", "--no-show")
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert len(_committed(db)["articles"]) == 3
