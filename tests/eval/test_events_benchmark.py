"""The events benchmark: pair score, document clustering, purity, and an ECB+ smoke test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsline.analyze.events_lexicon import concept_keys
from newsline.corpus import events_coref as ec
from newsline.corpus import events_model as em

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


def rich(doc: str, lemma: str, sentence: int, context: set[str], numbers: set[str] = frozenset(),
         **args: set[str]) -> ec.EventItem:
    return ec.EventItem((doc, sentence, sentence + 1), doc, lemma,
                        em.concepts_of(lemma, concept_keys(lemma)), dict(args), sentence, "NOUN",
                        frozenset({lemma}), frozenset(numbers), frozenset(context), frozenset())


def test_learned_pair_model_links_the_same_happening_only() -> None:
    model = em.load_model()
    assert model is not None and 0 < model.threshold < 1
    ctx = {"earthquake", "aceh", "magnitude", "kill"}
    items = [rich("d1", "earthquake", 0, ctx, {"6.1"}, LOC={"aceh"}),
             rich("d2", "earthquake", 0, ctx, {"6.1"}, LOC={"aceh"}),
             rich("d3", "arrest", 2, {"police", "suspect", "arrest"}, HUMAN={"police"})]
    m = model.matrix(items)
    assert np.allclose(m, m.T) and m[0, 0] == 0
    assert m[0, 1] > model.threshold > m[0, 2]
    clusters = ec.cluster_mentions(items)
    assert sorted(len(c) for c in clusters) == [1, 2]
    synonym = model.matrix([items[0], rich("d4", "quake", 0, ctx, {"6.1"}, LOC={"aceh"}),
                            items[2]])
    assert synonym[0, 1] > 2 * synonym[0, 2]
    # bare items (no sentence context) still get the hand-weighted score
    bare = [item("d1", "quake", LOC={"aceh"}), item("d2", "earthquake", LOC={"aceh"})]
    assert len(ec.cluster_mentions(bare)) == 1


def test_average_link_matrix_and_numbers() -> None:
    sim = np.array([[0, 0.9, 0.1], [0.9, 0, 0.2], [0.1, 0.2, 0]])
    assert sorted(sorted(c) for c in em.average_link_matrix(sim, 0.5)) == [[0, 1], [2]]
    assert em.average_link_matrix(sim, 0.1) == [[0, 1, 2]]
    assert em.numbers_of("a 6.1-magnitude quake, 1,000 hurt, 6,1") == {"6.1", "1000"}


def test_headlines_fold_to_lower_case_in_place() -> None:
    from newsline.eval import events as ev
    from newsline.eval.coref import GoldDoc

    text = "Quake Kills 12 In Aceh\nThe quake struck the province of Aceh."
    doc = GoldDoc("d", "1", text, [(0, 22), (23, len(text))], [])
    folded = ev.fold_headlines(doc)
    assert folded == "quake kills 12 in aceh\nThe quake struck the province of Aceh."
    assert len(folded) == len(text)


def test_documents_cluster_by_their_event_and_purity() -> None:
    texts = {
        "a1": "A 6.1 magnitude earthquake struck Indonesia on Sunday, killing 12 in Aceh.",
        "a2": "The Aceh earthquake of magnitude 6.1 killed 12 people in Indonesia.",
        "b1": "Apple unveiled the iPhone 4 in San Francisco; Steve Jobs showed the phone.",
        "b2": "Steve Jobs unveiled Apple's iPhone 4 at a San Francisco event.",
    }
    clusters = ec.cluster_documents(texts, threshold=0.05, learned=False)
    assert sorted(sorted(c) for c in clusters) == [["a1", "a2"], ["b1", "b2"]]
    assert sorted(sorted(c) for c in ec.cluster_documents(texts)) == [["a1", "a2"], ["b1", "b2"]]
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
