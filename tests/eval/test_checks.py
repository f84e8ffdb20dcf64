"""The checks benchmark: the edit generator, the matcher and a smoke run on real articles."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from newsline.corpus import build_corpus  # noqa: F401  (imports build before verify)
from newsline.eval.checks import Tally, evaluate, score_case
from newsline.eval.edits import (
    Case,
    Expected,
    Source,
    change_fact,
    generate,
    light_edit,
    load_sources,
    move_dateline,
)
from newsline.knowledge import Knowledge
from newsline.model import Flag

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
TEXT = ("Officials said at least 40 people were killed in Cairo on Friday. The protests began "
        "on January 25, 2011, when thousands marched to Tahrir Square. President Hosni Mubarak "
        "said on Tuesday that he would not run again. Witnesses said the army did not fire. "
        "Shops stayed closed. Banks stayed closed. Schools stayed closed. Roads were empty.")


def src(text: str = TEXT, day: str = "2011-02-05") -> Source:
    return Source("t17/x/1", text, dt.date.fromisoformat(day), None, "x")


def test_edits_are_deterministic() -> None:
    kb = Knowledge.bundled()
    a = move_dateline(src(), random.Random(3), kb)
    b = move_dateline(src(), random.Random(3), kb)
    assert a is not None and b is not None
    assert a[0].published == b[0].published and a[0].published != src().day
    assert light_edit(TEXT, random.Random(1)) == light_edit(TEXT, random.Random(1))
    sent = "Officials said at least 40 people were killed in Cairo on Friday."
    changed = change_fact(sent, random.Random(2))
    assert changed is not None and changed[0] != sent
    assert changed == change_fact(sent, random.Random(2))


def test_moving_back_makes_a_full_date_anachronistic() -> None:
    moved = move_dateline(src(), random.Random(5), Knowledge.bundled())
    assert moved is not None
    assert moved[0].published is not None and moved[0].published.year in range(2006, 2016)


def _flag(kind: str, docs: list[str], severity: str = "warning") -> Flag:
    return Flag(f"f-{kind}-{'-'.join(docs)}", kind, severity, "m", docs)


def test_matcher_counts_precision_recall_and_false_flags() -> None:
    case = Case("c", [], [Expected("contradiction", ("a", "b"), "e"),
                          Expected("duplicate", ("a", "b"), "e")],
                [Expected("anachronism", ("b",), "allowed")], ["u1", "u2"])
    produced = [_flag("contradiction", ["a", "b", "c"]), _flag("duplicate", ["a", "u1"]),
                _flag("anachronism", ["b"]), _flag("duplicate", ["u2", "x"], "info")]
    tallies: dict[str, Tally] = {}
    errors: list[dict[str, object]] = []
    untouched, flagged = score_case(case, produced, tallies, errors)
    assert (untouched, flagged) == (2, 1)  # u1 got a warning; u2 only an info flag
    assert tallies["contradiction"].metrics()["precision"] == 100.0
    assert tallies["duplicate"].metrics()["recall"] == 0.0
    assert tallies["duplicate"].fp == 2
    assert tallies["anachronism"].fp == 0 and tallies["anachronism"].tp == 0


@pytest.mark.skipif(not DATA.is_dir(), reason="shared/data not present")
def test_generator_is_deterministic_on_real_articles() -> None:
    sources = load_sources(DATA)
    counts = {"move-dateline": 2, "copy-changed": 2, "insert-claim": 1, "republish": 2}
    a = generate(sources, 7, 0, counts)
    b = generate(sources, 7, 0, counts)
    assert [[x.id for x in c.articles] for c in a] == [[x.id for x in c.articles] for c in b]
    assert [c.expected for c in a] == [c.expected for c in b]
    halves = {s.id for c in generate(sources, 7, 1, counts) for s in c.articles}
    assert not halves & {s.id for c in a for s in c.articles}


@pytest.mark.skipif(not DATA.is_dir(), reason="shared/data not present")
def test_smoke_run_on_a_tiny_set() -> None:
    from newsline.analyze import analyze

    counts = {"copy-changed": 1, "republish": 1}
    cases = generate(load_sources(DATA), 11, 0, counts)
    analyses = {a.id: analyze(a) for c in cases for a in c.articles}
    result = evaluate(cases, analyses)
    assert set(result["metrics"]) >= {"duplicate", "contradiction", "false_flag_rate"}
    assert result["metrics"]["duplicate"]["recall"] == 100.0
