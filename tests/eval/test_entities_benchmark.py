"""Smoke test of the entities benchmark on the shared data (skipped where it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval import ecbplus, meantime
from newsline.eval.entities import gold_analyses, score
from newsline.knowledge import Knowledge

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not (DATA / "ecbplus").is_dir(), reason="no shared data")


def test_readers_and_gold_mention_scores() -> None:
    ecb = ecbplus.read(DATA, topics=(36,))
    assert ecb and all(d.scored_sentences is not None for d in ecb)
    m = ecb[0].mentions[0]
    assert ecb[0].text[m.start:m.end] == m.text
    scores, _ = score(ecb, gold_analyses(ecb), Knowledge.load())
    assert scores["conll_f1"] > 50
    mt = [d for d in meantime.read(DATA) if d.topic == "airbus"]
    assert len(mt) == 30
    scores, _ = score(mt, gold_analyses(mt), Knowledge.load())
    assert scores["conll_f1"] > 50
