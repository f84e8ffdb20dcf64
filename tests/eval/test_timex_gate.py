"""Quality gate: the timex figures on TE3-Platinum must not fall below the committed floors.

The floors live in ``benchmarks/baseline.json`` under ``"timex"`` (metric -> floor, 0..100),
raised as the tagger improves. Skips when the shared benchmark data is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
BASELINE = ROOT / "benchmarks" / "baseline.json"
GATED = ("strict_f1", "relaxed_f1", "value_f1")


def _floors() -> dict[str, float]:
    if not BASELINE.is_file():
        pytest.fail(f"{BASELINE} is missing: add it with a \"timex\" object of floors "
                    f"for {', '.join(GATED)}", pytrace=False)
    floors = json.loads(BASELINE.read_text(encoding="utf-8")).get("timex")
    if not isinstance(floors, dict) or not floors:
        pytest.fail(f"{BASELINE} has no \"timex\" floors: add {{\"timex\": {{metric: floor}}}} "
                    f"for {', '.join(GATED)}", pytrace=False)
    return {k: float(v) for k, v in floors.items()}


@pytest.mark.skipif(not (DATA / "timebank").is_dir(), reason=f"no benchmark data at {DATA}")
def test_platinum_above_floors() -> None:
    from newsline.eval.timex import run

    floors = _floors()
    missing = [k for k in GATED if k not in floors]
    assert not missing, f"benchmarks/baseline.json 'timex' lacks floors for {missing}"
    metrics = run(DATA, "platinum", peers=False)["metrics"]
    low = {k: (metrics[k], floor) for k, floor in floors.items() if metrics[k] < floor}
    assert not low, "timex below its floors (got, floor): " + ", ".join(
        f"{k} {got} < {floor}" for k, (got, floor) in low.items())
