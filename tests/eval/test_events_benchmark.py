"""The events benchmark: pair score, document clustering, purity, and an ECB+ smoke test."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.analyze.events_lexicon import concept_keys
from newsline.build import events_coref as ec

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def item(doc: str, lemma: str, **args: set[str]) -> ec.EventItem:
    return ec.EventItem((doc, 0, 1), doc, lemma, concept_keys(lemma), dict(args))


def test_synonyms_and_derivations_share_a_concept() -> None:
    assert concept_keys("quake") & concept_keys("earthquake")
    assert concept_keys("attack") & concept_keys("strike")
    assert concept_keys("die") & concept_keys("death")
    assert concept_keys("explosion") & concept_keys("explode")
    assert not concept_keys("arrest") & concept_keys("earthquake")


def test_pair_score_reads_lemma_and_arguments() -> None:
    a = item("d1", "quake", LOC={"california"})
    b = item("d2", "earthquake", LOC={"california"})
    c = item("d3", "arrest", LOC={"california"})
    assert ec.pair_score(a, b) > ec.PAIR_THRESHOLD
    assert ec.pair_score(a, c) == 0.0


def test_documents_cluster_by_their_event_and_purity() -> None:
    texts = {
        "a1": "A 6.1 magnitude earthquake struck Indonesia on Sunday, killing 12 in Aceh.",
        "a2": "The Aceh earthquake of magnitude 6.1 killed 12 people in Indonesia.",
        "b1": "Apple unveiled the iPhone 4 in San Francisco; Steve Jobs showed the phone.",
        "b2": "Steve Jobs unveiled Apple's iPhone 4 at a San Francisco event.",
    }
    clusters = ec.cluster_documents(texts, threshold=0.05)
    assert sorted(sorted(c) for c in clusters) == [["a1", "a2"], ["b1", "b2"]]
    assert ec.purity([["a1", "a2", "b1"], ["b2"]], [["a1", "a2"], ["b1", "b2"]]) == (75.0, 75.0)


@pytest.mark.skipif(not (DATA / "ecbplus").is_dir(), reason="no shared data")
def test_gold_mention_clustering_on_one_test_topic() -> None:
    from newsline.eval import ecbplus
    from newsline.eval import events as ev
    from newsline.eval.coref import conll_scores

    docs = ecbplus.read(DATA, topics=(36,), kinds="all")
    items = ev.gold_items(docs, ev.parse(docs))
    assert items and all(it.lemma for it in items)
    scores = conll_scores(ev.key_clusters(docs), ev.respond(items, ev.document_clusters(docs)))
    assert scores["conll_f1"] > 60
    purity, inverse = ec.purity(ev.document_clusters(docs), ev.subtopics(docs))
    assert purity > 80 and inverse > 80
