"""Cross-document event linking in the build: the learned linker inside storylines, what a
reader sees as an event, and the vectorised pair model."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.corpus import events as cev
from newsline.corpus import events_coref as ec
from newsline.corpus import events_model as em
from newsline.model import Article

QUAKE_1 = ("A 6.1-magnitude earthquake struck Aceh province in Indonesia on Sunday, killing "
           "12 people. Rescuers searched collapsed houses in Aceh for survivors.")
QUAKE_2 = ("The Aceh earthquake of magnitude 6.1 killed 12 people in Indonesia, officials "
           "said. Rescuers searched the rubble of collapsed houses for survivors.")
ARREST = ("Police in Chicago arrested a man suspected of robbing three banks, a police "
          "spokesman said on Monday. The suspect was charged with robbery.")


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    arts = [Article(f"d{i}", f"d{i}.txt", t) for i, t in enumerate((QUAKE_1, QUAKE_2, ARREST))]
    return build_corpus(arts, [analyze(a) for a in arts])


def test_the_same_quake_in_two_articles_is_one_event(corpus) -> None:  # type: ignore[no-untyped-def]
    quakes = [e for e in corpus.events if e.type == "disaster"]
    assert len(quakes) == 1
    assert {m.doc for m in quakes[0].mentions} == {"d0", "d1"}
    # the trigger of every mention lies in its quote
    for e in corpus.events:
        for m in e.mentions:
            assert m.start <= m.trigger_start < m.trigger_end <= m.end
    # the arrest in Chicago is never linked to the quake
    assert not any({"d2"} < {m.doc for m in e.mentions} for e in corpus.events)


def test_a_reader_sees_typed_events_and_corroborated_happenings_only(corpus) -> None:  # type: ignore[no-untyped-def]
    for e in corpus.events:
        if e.type == "other":
            # two articles, or one that mentions it twice or dates it
            assert (len({m.doc for m in e.mentions}) >= cev.SALIENT_DOCS
                    or len(e.mentions) >= 2 or e.date.basis == "stated")
            assert e.participants or e.places
    # "said" in the arrest report is one article's word: no event of its own
    assert not any(e.type in ("other", "statement") and {m.doc for m in e.mentions} == {"d2"}
                   and "said" in {m.quote[m.trigger_start - m.start:m.trigger_end - m.start]
                                  for m in e.mentions} for e in corpus.events)
    # the robbery the arrest report comes back to ("robbing", "robbery") is one event
    robbery = [e for e in corpus.events if {m.doc for m in e.mentions} == {"d2"}
               and e.type == "other"]
    assert [len(e.mentions) for e in robbery] == [2]


def rich(doc: str, lemma: str, sentence: int, context: set[str], numbers: set[str] = frozenset(),
         **args: set[str]) -> ec.EventItem:
    from newsline.analyze.events_lexicon import concepts_of

    return ec.EventItem((doc, sentence, sentence + 1), doc, lemma, concepts_of(lemma),
                        {k: frozenset(v) for k, v in args.items()}, sentence, "NOUN",
                        frozenset({lemma}), frozenset(numbers), frozenset(context), frozenset(),
                        frozenset(context))


def test_the_pair_model_matrix_is_its_rows_and_links_the_same_happening() -> None:
    model = em.load_model()
    assert model is not None and 0 < model.threshold < 1
    ctx = {"earthquake", "aceh", "magnitude", "kill"}
    items = [rich("d1", "earthquake", 0, ctx, {"6.1"}, places={"aceh"}),
             rich("d2", "quake", 0, ctx, {"6.1"}, places={"aceh"}),
             rich("d3", "arrest", 2, {"police", "suspect", "arrest"}, people={"police"})]
    m = model.matrix(items)
    assert np.allclose(m, m.T) and m[0, 0] == 0
    x, i, j = em.pair_rows(items)
    assert np.allclose(model.probabilities(x), m[i, j])
    assert m[0, 1] > model.threshold > m[0, 2]
    assert sorted(len(c) for c in ec.link(items, [["d1", "d2", "d3"]])) == [1, 2]
    # outside one block nothing is linked
    assert len(ec.link(items, [["d1"], ["d2"], ["d3"]])) == 3


def test_stated_times_that_cannot_meet_keep_two_mentions_apart() -> None:
    ctx = {"earthquake", "aceh", "magnitude", "kill"}
    items = [rich("d1", "earthquake", 0, ctx, {"6.1"}, places={"aceh"}),
             rich("d2", "earthquake", 0, ctx, {"6.1"}, places={"aceh"})]
    day = dt.date(2012, 4, 1)
    apart = [(day, day), (day.replace(year=2004), day.replace(year=2004))]
    assert len(ec.link(items, [["d1", "d2"]], apart)) == 2
    assert len(ec.link(items, [["d1", "d2"]], [(day, day), None])) == 1


def test_purity_and_inverse_purity() -> None:
    from newsline.eval.coref import purity

    assert purity([["a1", "a2", "b1"], ["b2"]], [["a1", "a2"], ["b1", "b2"]]) == (75.0, 75.0)


def _item(doc: str, lemma: str, broad: bool = True, kind: str = "other",
          parts: list[tuple[str, str]] | None = None, timed: bool = False) -> cev._Item:
    from newsline.model import EventMention

    m = EventMention(0, 10, "x" * 10, 0, 4, lemma, kind, "asserted", lemma=lemma, broad=broad)
    return cev._Item(f"{doc}#0", doc, m, parts or [], [], None, None, timed)


def test_what_a_reader_sees_of_broad_clusters() -> None:
    who = [("ent-1", "agent")]
    # one article's lone verb: linked, never shown
    assert not cev.visible([_item("d1", "collapse", parts=who)])
    # ... unless it names someone and a time of its own ("X issued a statement Tuesday"), or
    # the article comes back to it
    assert cev.visible([_item("d1", "issue", parts=who, timed=True)])
    assert not cev.visible([_item("d1", "issue", timed=True)])
    assert cev.visible([_item("d1", "collapse", parts=who), _item("d1", "collapse", parts=who)])
    # one article's bare "said", even dated, is no event of its own
    assert not cev.visible([_item("d1", "say", parts=who, timed=True)])
    # corroborated by two articles and naming someone: shown, as "other"
    crash = [_item("d1", "collapse", parts=who), _item("d2", "collapse", parts=who)]
    assert cev.visible(crash) and cev._kind(crash) == "other"
    # what a named source said, in two articles: a statement
    said = [_item("d1", "say", parts=who), _item("d2", "say", parts=who)]
    assert cev.visible(said) and cev._kind(said) == "statement"
    # wanting and hoping are no happenings, however often reported
    hoped = [_item("d1", "hope", parts=who), _item("d2", "hope", parts=who)]
    assert not cev.visible(hoped)
    # a typed mention (or a trigger given as one) is always shown, with its type
    typed = [_item("d1", "visit", broad=False, kind="visit"), _item("d1", "go")]
    assert cev.visible(typed) and cev._kind(typed) == "visit"


def test_a_broad_event_is_summarised_by_the_words_that_report_it() -> None:
    from newsline.corpus.events import excerpt

    short = "Alan Greenspan indicated that a recession was possible."
    assert excerpt(short, 15, 24) == short
    long = ("In a speech to a gathering of bankers in Hong Kong on Monday, the former chairman "
            "of the Federal Reserve, Alan Greenspan, indicated that a recession in the United "
            "States was possible by the end of the year, though not likely.")
    i = long.index("indicated")
    out = excerpt(long, i, i + len("indicated"), limit=80)
    assert "indicated" in out and out.startswith("… ") and out.endswith(" …")
    assert len(out) <= 80 + 4
    words = set(long.split())
    assert all(w in words for w in out.split() if w != "…")  # cut at spaces, never in a word
    assert excerpt("Line one\nand  two", 0, 4) == "Line one and two"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefghij"), max_size=5), min_size=1,
                max_size=15))
def test_overlap_counts_are_the_same_dense_or_sparse(sets: list[frozenset[str]]) -> None:
    """Small blocks count shared members with a dense product, large ones with a sparse
    one; both must give the same counts."""
    saved = em.DENSE_PRODUCT
    try:
        em.DENSE_PRODUCT = 10**12
        dense = em._overlap(sets)
        em.DENSE_PRODUCT = 0
        sparse_ = em._overlap(sets)
    finally:
        em.DENSE_PRODUCT = saved
    for a, b in zip(dense, sparse_, strict=True):
        assert (a == b).all()
    inter, sizes = dense
    for i, s in enumerate(sets):
        assert sizes[i] == len(s)
        for j, t in enumerate(sets):
            assert inter[i, j] == len(s & t)
