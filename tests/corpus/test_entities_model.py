"""The learned pass of the entity resolver: its model file, its guards and its explanations."""

from __future__ import annotations

import numpy as np
import pytest

from newsline.corpus import entities
from newsline.corpus import entities_model as em
from newsline.corpus.entities import resolve
from newsline.model import DocAnalysis, Mention


def doc(doc_id: str, marked: str, kind: str = "PERSON") -> DocAnalysis:
    import re

    mentions, plain, pos = [], "", 0
    for m in re.finditer(r"\[([^\]]+)\]", marked):
        plain += marked[pos:m.start()]
        start = len(plain)
        plain += m.group(1)
        mentions.append(Mention(start, len(plain), m.group(1), kind, plain.count(".")))
        pos = m.end()
    return DocAnalysis(doc_id, [(0, len(plain))], mentions)


def test_committed_model_loads_and_round_trips() -> None:
    model = em.load()
    assert model is not None and 0 < model.threshold < 1
    again = em.PairModel.from_dict(model.to_dict())
    assert np.allclose(again.weights, model.weights, atol=1e-4)


def test_features_are_symmetric_and_bounded() -> None:
    items = [em.Item("d1", "Tara Reid", "PERSON", 0, 0),
             em.Item("d1", "the actress", "PERSON", 1, 1),
             em.Item("d2", "Reid", "PERSON", 0, 2), em.Item("d2", "she", "PERSON", 1, 3)]
    f, cats = em.features(items)
    assert f.shape == (len(em.BASE), 4, 4)
    assert np.allclose(f, f.transpose(0, 2, 1))
    assert (cats == cats.T).all()
    p = em.scores(em.load(), f, cats)
    assert ((p >= 0) & (p <= 1)).all()


def test_training_stays_out_of_the_package() -> None:
    import newsline.corpus.entities as entities

    for name in ("main", "training_pairs", "fit_logistic"):
        assert not hasattr(em, name)
    from pathlib import Path

    for module in (em, entities):
        assert "newsline.eval" not in Path(module.__file__).read_text("utf-8")


def test_learned_merges_are_explained() -> None:
    docs = [doc("d1", "[Tara Reid] entered rehab. [the actress] said. [Reid] left"),
            doc("d2", "[Tara Reid] checked in. [the actress] is fine")]
    index = resolve(docs, None, {"d1": "t", "d2": "t"}, learned=True)
    assert index.by_mention[("d1", 0)] == index.by_mention[("d2", 0)]
    for merges in index.merges.values():
        for m in merges:
            assert m.rule  # every join says why
    learned = [m for ms in index.merges.values() for m in ms if "pair model" in m.rule]
    assert all("scores them one entity" in m.rule for m in learned)


def test_learned_pass_never_joins_different_full_names() -> None:
    docs = [doc("d1", "[Ed Miliband] spoke. [the politician] said"),
            doc("d2", "[David Miliband] spoke. [the politician] said")]
    index = resolve(docs, None, {"d1": "t", "d2": "t"}, learned=True)
    assert index.by_mention[("d1", 0)] != index.by_mention[("d2", 0)]


def test_without_the_model_the_rules_alone_decide() -> None:
    a = doc("d1", "[the quake]", "OTHER")
    b = doc("d2", "[the quake]", "OTHER")
    index = resolve([a, b], None, {"d1": "t", "d2": "t"}, learned=False)
    assert index.by_mention[("d1", 0)] == index.by_mention[("d2", 0)]


def test_substories_split_unrelated_articles() -> None:
    docs = [doc("a1", "[Tara Reid] [Promises Treatment Center] [Malibu]"),
            doc("a2", "[Tara Reid] [Promises Treatment Center] [rehab]"),
            doc("b1", "[Lindsay Lohan] [Betty Ford Center] [judge]"),
            doc("b2", "[Lindsay Lohan] [Betty Ford Center] [probation]")]
    label = em.substories(docs)
    assert label[0] == label[1] and label[2] == label[3] and label[0] != label[2]


def test_block_scores_are_the_whole_block_scored_at_once() -> None:
    """The build scores a block a few rows at a time, each pair once; the result must be the
    whole feature tensor scored, to the last bit, whatever the size of the pieces."""
    names = ["Tara Reid", "the actress", "Reid", "she", "Obama", "the president", "he",
             "Barack Obama", "the company", "Apple", "it", "Apple Inc."]
    items = [em.Item(f"d{i % 3}", names[i], "ORG" if i >= 8 else "PERSON", i // 3, i % 5,
                     story=i % 2) for i in range(len(names))]
    model = em.load()
    assert model is not None
    whole = em.scores(model, *em.features(items))
    saved = em.SCORE_CELLS
    try:
        for cells in (1, 7, 40, 1 << 15):
            em.SCORE_CELLS = cells
            p, _ = em.block_scores(model, items)
            np.fill_diagonal(p, 0.0)
            expected = whole.copy()
            np.fill_diagonal(expected, 0.0)
            assert (p == expected).all(), cells
    finally:
        em.SCORE_CELLS = saved


def test_a_cluster_keeps_its_names_from_every_group(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned pass compares the documents of one topic (or run) at a time; a cluster's
    full names come from the whole corpus, not from the documents of the group at hand, so
    two people never meet through a short name that the rules gave one of them elsewhere
    (full T17 once made one entity of Gaddafi, Obama, Mubarak, BP and "people" so)."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)  # it would join anything
    docs = [doc("d1", "[Muammar Gaddafi] spoke in Tripoli."),
            doc("d2", "[Hayward] spoke in London."),
            doc("d3", "[Tony Hayward] spoke again.")]
    # two topics; d2's "Hayward" is Tony Hayward's by the rules (the one full name)
    monkeypatch.setattr(entities, "document_topics",
                        lambda docs: {"d1": "t", "d2": "t", "d3": "u"})
    index = resolve(docs, None, learned=True, pair_model=eager)
    assert index.by_mention[("d2", 0)] == index.by_mention[("d3", 0)]
    assert index.by_mention[("d1", 0)] != index.by_mention[("d3", 0)]


def test_common_nouns_never_chain_a_person_to_a_country() -> None:
    """A cluster named by a person never joins one named by a country or a people, even
    through common nouns that the model would join to both."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)  # it would join anything
    docs = [doc("d1", "[Cheney] met [the officials]."),
            doc("d2", "[the officials] flew to [Mexico]."),
            doc("d3", "[Arabs] and [the officials] talked.")]
    kinds = {("d1", 0): "PERSON", ("d2", 1): "GPE", ("d3", 0): "NORP"}
    for d in docs:
        for i, m in enumerate(d.mentions):
            m.type = kinds.get((d.doc, i), m.type)
    index = resolve(docs, None, {d.doc: "t" for d in docs}, learned=True, pair_model=eager)
    named = {index.by_mention[k] for k in kinds}
    assert len(named) == 3


def test_common_nouns_of_other_heads_never_chain_through_a_name() -> None:
    """"Oil" joins the rig in the article that names it; a model that joins anything would
    then take every "oil" and, through an article that never names the rig, its "report" and
    every other report too. Common nouns of one head still meet across articles."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)
    docs = [doc("d1", "[Deepwater Horizon] spilled [oil].", "OTHER"),
            doc("d2", "[oil] and [the report] reached the coast.", "OTHER"),
            doc("d3", "[The report] was read. [the people] listened.", "OTHER"),
            doc("d4", "[the soldiers] waited.", "OTHER")]
    index = resolve(docs, None, {d.doc: "t" for d in docs}, learned=True, pair_model=eager)
    rig = index.by_mention[("d1", 0)]
    report = {index.by_mention[k] for k in (("d2", 1), ("d3", 0))}
    assert len(report) == 1 and rig not in report
    assert index.by_mention[("d3", 1)] != index.by_mention[("d4", 0)]  # people, soldiers
    assert len({index.by_mention[k] for k in (("d1", 1), ("d2", 0))}) == 1  # the oil


def test_common_nouns_of_other_heads_join_through_a_shared_full_name() -> None:
    """"The actress" in one article and "the star" in another are one woman when each
    stands next to her full name."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)
    docs = [doc("d1", "[Tara Reid] arrived. [The actress] smiled."),
            doc("d2", "[Tara Reid] left. [The star] waved.")]
    index = resolve(docs, None, {d.doc: "t" for d in docs}, learned=True, pair_model=eager)
    assert len({index.by_mention[(d, i)] for d in ("d1", "d2") for i in (0, 1)}) == 1


def test_a_plural_common_noun_never_joins_a_named_person() -> None:
    """"People" next to Hosni Mubarak are not Mubarak, however the model scores them; a
    singular description still is."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)
    docs = [doc("d1", "[Hosni Mubarak] spoke. [people] cheered. [The president] left.")]
    index = resolve(docs, None, {"d1": "t"}, learned=True, pair_model=eager)
    assert index.by_mention[("d1", 1)] != index.by_mention[("d1", 0)]
    assert index.by_mention[("d1", 2)] == index.by_mention[("d1", 0)]


@pytest.mark.parametrize("told", [True, False])
def test_a_man_never_joins_a_woman(told: bool) -> None:
    """"The first woman" is not Barack Obama, whom a "he" refers to; with nothing that says
    who Obama is, the model that joins anything joins them (so the guard keeps them apart)."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)
    d = doc("d1", "[Barack Obama] spoke. He left. [the first woman] arrived.")
    if told:
        at = "Barack Obama spoke. He left.".index("He")
        d.mentions.append(Mention(at, at + 2, "He", "PERSON", 1, "pronoun", 0))
    index = resolve([d], None, {"d1": "t"}, learned=True, pair_model=eager)
    apart = index.by_mention[("d1", 0)] != index.by_mention[("d1", 1)]
    assert apart is told


def test_sex_of() -> None:
    assert [em.sex_of(t) for t in ("he", "Her", "the first woman", "Mrs Clinton",
                                   "Barack Obama", "the chairman", "the company")] == [
        "m", "f", "f", "f", None, "m", None]


def test_a_man_never_joins_a_woman_through_a_third_cluster() -> None:
    """Whichever "the official" joins first, the joined cluster keeps what it is told: it never
    then takes the other of "the first woman" and Barack Obama (whom a "he" refers to)."""
    eager = em.PairModel(np.zeros_like(em.load().weights), 0.1)
    text = "the official and the first woman came. Barack Obama spoke. He left."
    d = doc("d1", "[the official] and [the first woman] came. [Barack Obama] spoke. He left.")
    d.mentions.append(Mention(text.index("He"), text.index("He") + 2, "He", "PERSON", 2,
                              "pronoun", 2))
    index = resolve([d], None, {"d1": "t"}, learned=True, pair_model=eager)
    official, woman, obama = (index.by_mention[("d1", i)] for i in range(3))
    assert official in (woman, obama)  # the neutral one joins one of them first
    assert obama != woman
