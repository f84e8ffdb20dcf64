"""newsline: turn a pile of news articles into an evidence-backed timeline.

In Python, ``newsline.open(DB)`` gives a built corpus as typed objects and
``newsline.run(PATHS, db=DB)`` builds one first (:mod:`newsline.api`). Importing this package
stays light: the API, and spaCy with the analysis, are imported only when called.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsline.api import Corpus
    from newsline.pipeline import Progress
    from newsline.settings import Settings

try:
    __version__ = version("newsline")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+local"

__all__ = ["__version__", "open", "run"]


def open(db: str | os.PathLike[str]) -> Corpus:  # newsline.open, as io.open
    """The corpus last built in ``db`` (an SQLite file or a ``postgresql://`` URL): its
    stories, events, entities, documents and flags as typed objects."""
    from newsline.api import open_corpus

    return open_corpus(db)


def run(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        db: str | os.PathLike[str] | None = None, settings: Settings | None = None,
        progress: Progress | None = None) -> Corpus:
    """Ingest every article under ``paths``, analyse it, rebuild the timeline in ``db``
    (as ``newsline run``), and return the corpus as :func:`open` does."""
    from newsline.api import run_corpus

    return run_corpus(paths, db, settings, progress)
