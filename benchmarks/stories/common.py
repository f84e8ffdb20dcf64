"""Shared by the story scripts: cached analyses, the gold subtopics of ECB+, purity."""

from __future__ import annotations

import dataclasses
import pickle
import sys
from pathlib import Path
from typing import Any

from newsline.eval.coref import purity

__all__ = ["CACHE", "gold_groups", "load", "purity", "subtopic"]

CACHE = Path("/tmp/newsline_stories")


def _heal(obj: Any) -> None:
    """Give a cached dataclass the defaults of fields added to the model since it was pickled
    (the other engineers add fields while these caches live)."""
    if isinstance(obj, list):
        for x in obj:
            _heal(x)
        return
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        try:
            value = getattr(obj, f.name)
        except AttributeError:
            if f.default is not dataclasses.MISSING:
                value = f.default
            elif f.default_factory is not dataclasses.MISSING:
                value = f.default_factory()
            else:
                continue
            setattr(obj, f.name, value)
        _heal(value)


def load(name: str) -> tuple[list[Any], list[Any]]:
    """(articles, analyses) cached by ``cache.py``; fields added since get their defaults, so
    a cache is only as current as the analysis that wrote it (rerun ``cache.py`` for figures
    to report)."""
    path = CACHE / f"{name}.pkl"
    if not path.exists():
        sys.exit(f"no {path}: run benchmarks/stories/cache.py first")
    with path.open("rb") as fh:
        articles, analyses = pickle.load(fh)
    _heal(analyses)
    return articles, analyses


def subtopic(doc_id: str) -> tuple[str, bool]:
    """ECB+'s gold seminal event of a document: its topic, and ecb or ecbplus file."""
    return doc_id.split("_", 1)[0], doc_id.endswith("ecbplus")


def gold_groups(ids: list[str], key=subtopic) -> list[list[str]]:
    out: dict[Any, list[str]] = {}
    for d in ids:
        out.setdefault(key(d), []).append(d)
    return list(out.values())
