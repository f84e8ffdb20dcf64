"""One entity's timeline: which entities a name means, the events its names, pronouns and
descriptions are arguments of, and their dates - on short real-language articles."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.entity_timeline import common_words, entity_timeline, name_matches
from newsline.model import Article

JOBS = ("Apple chief executive Steve Jobs announced on Monday that he will take a medical leave. "
        "He underwent a liver transplant in 2009. The company said Tim Cook would run it.")
CISCO = ("Cisco Systems sued Apple on Wednesday in a federal court in San Francisco. "
         "The company filed the complaint over the iPhone name.")


@pytest.fixture(scope="module")
def built():  # noqa: ANN201
    arts = [Article("jobs", "a.txt", JOBS, published=dt.date(2011, 1, 17),
                    published_basis="metadata"),
            Article("cisco", "b.txt", CISCO, published=dt.date(2007, 1, 11),
                    published_basis="metadata")]
    analyses = [analyze(a) for a in arts]
    corpus = build_corpus(arts, analyses)
    return corpus, {a.doc: a for a in analyses}, {a.id: a.text for a in arts}


@pytest.mark.parametrize(("alias", "name", "kind", "fit"), [
    ("Boeing 787 Dreamliner", "Boeing 787 Dreamliner", "OTHER", "alias"),
    ("3G iPhone", "iPhone 3G", "OTHER", "alias"),
    ("787", "Boeing 787 Dreamliner", "OTHER", "short"),
    ("787 Dreamliner", "Boeing 787 Dreamliner", "OTHER", "part"),
    ("Boeing", "Boeing 787 Dreamliner", "ORG", None),  # the maker is not its plane
    ("Nasdaq", "Nasdaq index", "ORG", "short"),  # the rest is a generic word
    ("Jobs", "Steve Jobs", "PERSON", "part"),
    ("Steve", "Steve Jobs", "PERSON", None),
    ("Nasdaq Composite Index", "Nasdaq Composite", "ORG", "whole"),
    ("iPod Nano", "iPod", "OTHER", "longer"),
    ("Apple Computer", "Beatles Apple Corps", "ORG", None),
])
def test_which_names_mean_the_entity(alias: str, name: str, kind: str, fit: str | None) -> None:
    generic = common_words(["The index rose.", "Shares of Nasdaq fell."])
    assert name_matches(alias, name, kind, generic) == fit


def test_coreferent_mentions_join_the_entity_but_never_name_it(built) -> None:  # noqa: ANN001
    corpus, _, _ = built
    jobs = next(e for e in corpus.entities if e.name == "Steve Jobs")
    kinds = {(m.text, m.kind) for m in jobs.mentions}
    assert ("he", "pronoun") in kinds and ("He", "pronoun") in kinds
    assert not {"he", "He", "it", "The company"} & set(jobs.aliases)
    assert not any(e.name.lower() in ("he", "it", "the company") for e in corpus.entities)
    cisco = next(e for e in corpus.entities if e.name == "Cisco Systems")
    assert ("The company", "nominal") in {(m.text, m.kind) for m in cisco.mentions}


def test_the_timeline_holds_what_the_pronouns_did_dated(built) -> None:  # noqa: ANN001
    corpus, analyses, texts = built
    tl = entity_timeline(corpus, analyses, texts, "Steve Jobs")
    assert [e.name for e in tl.entities] == ["Steve Jobs"]
    by_word = {m.trigger: ev for ev in tl.events for m in ev.mentions}
    assert by_word["underwent"].date.value == "2009"
    assert by_word["underwent"].date.basis == "stated"
    assert by_word["underwent"].role == "agent"
    assert [v["text"] for v in by_word["underwent"].via] == ["He"]
    assert not by_word["take"].date.is_known  # a plan with no date of its own stays undated
    values = [ev.date.value for ev in tl.events if ev.date.value]
    assert values == sorted(values)
    for ev in tl.events:
        for m in ev.mentions:
            text = texts[m.doc]
            assert text[m.start:m.end] == m.quote
            assert text[m.trigger_start:m.trigger_end] == m.trigger


def test_a_description_brings_its_events_and_the_name_looked_up_by_a_part(built) -> None:  # noqa: ANN001
    corpus, analyses, texts = built
    tl = entity_timeline(corpus, analyses, texts, "Cisco")
    assert [e.name for e in tl.entities] == ["Cisco Systems"]
    words = {m.trigger for ev in tl.events for m in ev.mentions}
    assert {"sued", "filed"} <= words
    filed = next(ev for ev in tl.events for m in ev.mentions if m.trigger == "filed")
    # told in the past, after "on Wednesday" (the day before the article): the story's day
    assert filed.date.value == "2007-01-10" and filed.date.basis == "inferred"
    assert filed.date.evidence[0].quote == "Wednesday"
    as_json = tl.to_dict()
    assert as_json["schema"] == "newsline.entity_timeline/1"
    assert {"date", "role", "mentions", "summary"} <= set(as_json["events"][0])


def test_an_unknown_name_has_no_timeline(built) -> None:  # noqa: ANN001
    corpus, analyses, texts = built
    tl = entity_timeline(corpus, analyses, texts, "Nobody Atall")
    assert tl.entities == [] and tl.events == []


def test_a_merged_name_brings_none_of_its_events() -> None:
    """Where the build put another name into the entity, the lookup keeps the mentions by
    the name asked for (and what refers back to them)."""
    from newsline.entity_timeline import _form_of_its

    assert _form_of_its("Steve", "Steve Jobs", "PERSON") == "part"
    assert _form_of_its("Boeing", "Boeing 787", "ORG") is None
    assert _form_of_its("iPhone 3GS", "iPhone 4", "OTHER") is None
    text = ("Apple unveiled the iPhone 4 on Monday. The iPhone 4 has a glass back. "
            "The iPhone 3GS was released in 2009.")
    art = Article("p", "p.txt", text, published=dt.date(2010, 6, 8), published_basis="metadata")
    analyses = [analyze(art)]
    corpus = build_corpus([art], analyses)
    four = next(e for e in corpus.entities if e.name == "iPhone 4")
    other = next(e for e in corpus.entities if e.name == "iPhone 3GS")
    four.mentions += other.mentions  # as a build that merged the two models would
    four.aliases = sorted({*four.aliases, *other.aliases})
    corpus.entities.remove(other)
    tl = entity_timeline(corpus, {a.doc: a for a in analyses}, {art.id: text}, "iPhone 4")
    words = {m.trigger for ev in tl.events for m in ev.mentions}
    assert "has" in words and "released" not in words


def _whole_store_timeline(store, name: str):  # noqa: ANN001, ANN202
    """What from_store gave before it read only the entity's documents: everything."""
    analyses = {a.doc: a for a in store.analyses()}
    texts = {a.id: a.text for a in store.articles()}
    return entity_timeline(store.corpus(), analyses, texts, name)


def test_from_store_reads_only_the_entitys_documents_and_gives_the_same(built_copy) -> None:  # noqa: ANN001
    import json

    from newsline.entity_timeline import COMMON_WORDS, from_store
    from newsline.store import Store

    with Store(built_copy) as store:
        meta = store.build_meta()
        texts = [a.text for a in store.articles()]
        assert frozenset(json.loads(meta[COMMON_WORDS])) == common_words(texts)
        corpus = store.corpus()
        named = sorted((e for e in corpus.entities if e.named),
                       key=lambda e: -len(e.mentions))
        names = [named[0].name, named[len(named) // 2].name, named[-1].name, "Nobody Atall"]
        read: list[str] = []
        real = store.analysis
        store.analysis = lambda d: read.append(d) or real(d)  # type: ignore[method-assign]
        reads = {}
        for name in names:
            read.clear()
            got = from_store(store, name).to_dict()
            reads[name] = len(set(read))
            assert got == _whole_store_timeline(store, name).to_dict()
        assert reads["Nobody Atall"] == 0  # no entity: no document read
        assert 0 < reads[names[2]] < len(texts)  # a rare entity: its few documents
        # a build stored before builds kept the generic words: learnt from every text again
        store.conn.execute("DELETE FROM build_meta WHERE key = ?", (COMMON_WORDS,))
        assert from_store(store, names[0]).to_dict() == _whole_store_timeline(
            store, names[0]).to_dict()
