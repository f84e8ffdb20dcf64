"""Fixtures shared across the suite: a small real corpus, analysed once per session."""

from __future__ import annotations

import shutil
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
