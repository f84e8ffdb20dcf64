"""Fixtures shared across the suite: a small real corpus, analysed once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "wikinews"
SHARED_DATA = ROOT.parent / "shared" / "data"

# A dozen demo articles: the GM/Chrysler crisis of spring 2009 (one storyline, events
# reported in several articles) and a few articles from other stories and years.
_ALL = sorted(p.name for p in DEMO.glob("*.json"))
SMALL_CORPUS = sorted({*(n for n in _ALL if n.startswith(("2009-04", "2009-05", "2009-06-01"))),
                       *_ALL[::20]})


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a dozen real demo articles."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in SMALL_CORPUS:
        shutil.copy(DEMO / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def built_db(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the small corpus, ingested, analysed and built (read-only use)."""
    from newsline.pipeline import run
    from newsline.settings import Settings

    db = tmp_path_factory.mktemp("db") / "built.db"
    report = run([str(small_corpus)], Settings(db=db, workers=1, progress=False))
    assert report.analysed == len(SMALL_CORPUS), report.problems
    return db


@pytest.fixture
def built_copy(built_db: Path, tmp_path: Path) -> Path:
    """A private copy of the built database that a test may change."""
    from newsline.store import Store

    dest = tmp_path / "copy.db"
    with Store(built_db) as store:
        store.conn.execute("VACUUM INTO ?", (str(dest),))
    return dest


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server for the suite: the one NEWSLINE_TEST_POSTGRES names (a URL of a
    database the tests may create databases from), else a private server started here from
    Debian's package on 127.0.0.1 and a free port (run as the postgres user under root), and
    stopped after the session."""
    import os
    import socket
    import subprocess

    given = os.environ.get("NEWSLINE_TEST_POSTGRES")
    if given:
        yield given
        return
    bindir = _postgres_bin()
    if bindir is None:
        pytest.fail("no PostgreSQL server: install Debian's postgresql package or set "
                    "NEWSLINE_TEST_POSTGRES")
    import tempfile

    # outside pytest's private (0700, root's) temporary folders, so the server's user can
    # reach it
    home = Path(tempfile.mkdtemp(prefix="newsline-pg-"))
    data = home / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(home, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-locale"], check=True,
                   capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l",
                    str(data / "log"), "-o",
                    f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off",
                    "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards."""
    import uuid

    import psycopg

    name = f"newsline_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = postgres_server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
