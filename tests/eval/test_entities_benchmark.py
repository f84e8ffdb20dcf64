"""The entities benchmark on the product path, on a slice of the shared data (skipped where it
is absent): the readers, gold mentions through the build's resolution, predicted mentions
through the whole build."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval import ecbplus, meantime
from newsline.eval import entities as bench

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not (DATA / "ecbplus").is_dir(), reason="no shared data")


def test_readers_and_product_path_scores() -> None:
    ecb = ecbplus.read(DATA, topics=(36,))[:8]
    assert ecb and all(d.scored_sentences is not None for d in ecb)
    m = ecb[0].mentions[0]
    assert ecb[0].text[m.start:m.end] == m.text
    analyses = bench.analyse(bench.articles_of(ecb))
    # the analysis with its mentions replaced by the gold ones keeps the gold spans
    gold = bench.with_gold_mentions(analyses[0], ecb[0])
    assert [(x.start, x.end) for x in gold.mentions] == [(x.start, x.end) for x in ecb[0].mentions]
    assert all(0 <= x.sentence < len(gold.sentences) for x in gold.mentions)
    scores, index = bench.score_gold(ecb, analyses)
    assert scores["conll_f1"] > 50
    # every gold mention ends in exactly one entity of the build
    spans = [s for c in bench.entity_response(index.entities, ecb) for s in c]
    assert len(spans) == len(set(spans)) == sum(len(d.mentions) for d in ecb)
    predicted, entities = bench.score_predicted(ecb, analyses)
    assert 0 < predicted["conll_f1"] < scores["conll_f1"]
    assert entities
    mt = [d for d in meantime.read(DATA) if d.topic == "airbus"]
    assert len(mt) == 30


def test_no_gold_blocks_reach_the_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline.corpus import entities

    seen: list[object] = []
    real = entities.resolve

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(kwargs.get("blocks", args[2] if len(args) > 2 else None))
        return real(*args, **kwargs)

    monkeypatch.setattr(entities, "resolve", spy)
    ecb = ecbplus.read(DATA, topics=(36, 37))
    docs = [ecb[0], ecb[-1]]  # two topics in one build
    bench.score_gold(docs, bench.analyse(bench.articles_of(docs)))
    assert seen == [None]
