"""Benchmarks on public data sets. Each benchmark NAME is the module ``newsline.eval.NAME``
whose ``run(data_dir)`` returns the JSON object of SPEC.md
(``{"benchmark", "dataset", "metrics", "details"}``); modules load only when asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsline.errors import DataError

# benchmark name -> module under newsline.eval
BENCHMARKS: dict[str, str] = {
    "checks": "checks",
    "dating": "dating",
    "entities": "entities",
    "events": "events",
    "scale": "scale",
    "speed": "speed",
    "timeline": "timeline",
    "timex": "timex",
    "tls": "tls",
}


def default_data_dir() -> Path:
    """``../shared/data`` seen from the working directory, else from the source checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    raise DataError("benchmark data not found", "../shared/data", "pass --data DIR")


def runner(name: str) -> Callable[..., dict[str, Any]]:
    """The ``run`` function of benchmark ``name``."""
    module = importlib.import_module(f"newsline.eval.{BENCHMARKS[name]}")
    run: Callable[..., dict[str, Any]] = module.run
    return run
