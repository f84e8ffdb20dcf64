"""Quality gates: every benchmark with floors in ``benchmarks/baseline.json`` (other than
timex, gated on its own in test_timex_gate.py) must score at or above them.

A floor is a dotted path into the benchmark's JSON (``datasets.ecbplus.gold_mentions.conll_f1``)
and the lowest value allowed: a measured figure rounded down by 0.5. Marked ``gate``; they run
in ``make test`` (so in CI) and take a few minutes; ``make quick`` leaves them out.
Skips when the shared benchmark data is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
BASELINE = json.loads((ROOT / "benchmarks" / "baseline.json").read_text("utf-8"))
GATED = sorted(k for k, v in BASELINE.items() if isinstance(v, dict) and k != "timex")


def lookup(result: dict[str, Any], path: str) -> float:
    node: Any = result
    for part in path.split("."):
        node = node[part]
    return float(node)


def test_lookup_follows_dotted_paths() -> None:
    assert lookup({"datasets": {"a": {"b": 3}}}, "datasets.a.b") == 3.0
    with pytest.raises(KeyError):
        lookup({"metrics": {}}, "metrics.x")


@pytest.mark.gate
@pytest.mark.skipif(not DATA.is_dir(), reason=f"no benchmark data at {DATA}")
@pytest.mark.parametrize("name", GATED)
def test_benchmark_above_floors(name: str) -> None:
    from newsline.eval import runner

    result = runner(name)(DATA)
    low = {}
    for path, bound in BASELINE[name].items():
        got = lookup(result, path)
        if isinstance(bound, dict):
            if got > float(bound["max"]):
                low[path] = (got, f"at most {bound['max']}")
        elif got < float(bound):
            low[path] = (got, f"at least {bound}")
    assert not low, f"{name} outside its gates: " + ", ".join(
        f"{p} = {g}, wanted {w}" for p, (g, w) in low.items())
