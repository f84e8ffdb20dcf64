"""Benchmarks on public data sets: one function per benchmark, each returning the JSON object
of SPEC.md (``{"benchmark", "dataset", "metrics", "details"}``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsline.errors import DataError


def default_data_dir() -> Path:
    """``../shared/data`` seen from the working directory, else from the source checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    raise DataError("benchmark data not found", "../shared/data", "pass --data DIR")


def _speed(data: Path) -> dict[str, Any]:
    from newsline.eval.speed import run

    return run(data)


def _timex(data: Path) -> dict[str, Any]:
    from newsline.eval.timex import run

    return run(data)


def _dating(data: Path) -> dict[str, Any]:
    from newsline.eval.dating import run

    return run(data)


BENCHMARKS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "dating": _dating,
    "speed": _speed,
    "timex": _timex,
}
