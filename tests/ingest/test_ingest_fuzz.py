"""Property and mutation fuzzing of every reader: valid files with known good records and
byte or record mutants of them (tests/ingest/fuzzing.py) go through ``read_any``.

For each input: nothing raises; every record the mutation left alone comes back; a broken
input has a problem naming its file; a valid one has none; every string encodes to UTF-8
and every message is one line. A few dozen examples a reader here (derandomized, so the
suite is the same each run); ``benchmarks/fuzz/run.py --inputs 10000`` runs the long one.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:
    from tests.ingest.fuzzing import FORMATS, make_case, run_case
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fuzzing import FORMATS, make_case, run_case  # type: ignore[no-redef]

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_reader_survives_mutants(fmt: str, rng: random.Random, tmp_path: Path) -> None:
    case = make_case(fmt, rng)
    wrong = run_case(case, tmp_path)
    assert wrong == [], f"{case.kind}: {wrong} {case.name!r} {case.data[:300]!r}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_many_seeds_without_hypothesis(fmt: str, tmp_path: Path) -> None:
    """The long run's own path (a seed per input), a few inputs of it."""
    for seed in range(15):
        case = make_case(fmt, random.Random(f"{fmt}:{seed}"))
        wrong = run_case(case, tmp_path)
        assert wrong == [], f"seed {seed} {case.kind}: {wrong} {case.data[:300]!r}"
