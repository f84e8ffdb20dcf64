"""Incremental builds: adding articles to a built corpus gives what a full rebuild gives, and
reuses the work that did not change."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from newsline import pipeline
from newsline.analyze import analyzer_version
from newsline.corpus import build_corpus
from newsline.corpus import story_summaries as summaries_module  # the module
from newsline.export.json import timeline
from newsline.settings import Settings
from newsline.store import Store


def _content(store: Store) -> dict[str, Any]:
    tl = timeline(store)
    tl.pop("generated_at")
    return tl


def _settings(db: Path) -> Settings:
    return Settings(db=db, workers=1, progress=False)


def test_adding_articles_gives_the_same_timeline_as_a_full_rebuild(
    built_db: Path, built_copy: Path, tmp_path: Path
) -> None:
    with Store(built_db) as store:
        articles = list(store.articles())
        analyses = {a.doc: a for a in store.analyses()}
    late = sorted(articles, key=lambda a: (a.published is not None, a.published, a.id))[-4:]
    # the same corpus without its four latest articles, built
    with Store(built_copy) as store:
        with store.transaction() as conn:
            conn.executemany("DELETE FROM articles WHERE id = ?", [(a.id,) for a in late])
        pipeline.build(store, _settings(built_copy), full=True)
        before = _content(store)
        # ... then the four arrive and the build is brought up to date
        store.add_articles(late)
        store.save_analyses([analyses[a.id] for a in late], analyzer_version())
        _, report = pipeline.build(store, _settings(built_copy))
        assert not report.build_reused
        incremental = _content(store)
    full_db = tmp_path / "full.db"
    with Store(built_db) as src:
        src.conn.execute("VACUUM INTO ?", (str(full_db),))
    with Store(full_db) as store:
        pipeline.build(store, _settings(full_db), full=True)
        full = _content(store)
    assert incremental != before  # the new articles changed something
    assert incremental == full


def test_an_up_to_date_build_stands_and_a_changed_one_does_not(built_copy: Path) -> None:
    with Store(built_copy) as store:
        s = _settings(built_copy)
        pipeline.build(store, s)  # whatever the fixture's build was, now it is current
        stamp = store.build_meta()["built_at"]
        _, again = pipeline.build(store, s)
        assert again.build_reused
        assert store.build_meta()["built_at"] == stamp
        doc = store.article_ids()[0]
        with store.transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (doc,))
        _, changed = pipeline.build(store, s)
        assert not changed.build_reused
        assert all(doc not in st.documents for st in store.corpus().stories)


def test_unchanged_stories_keep_their_summaries_without_summarising_again(
    built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(built_db) as store:
        articles = list(store.articles())
        analyses = list(store.analyses())
    first = build_corpus(articles, analyses, analyzer=analyzer_version())
    assert first.stories and any(first.summaries.values())
    calls: list[str] = []
    real = summaries_module.summarise_story

    def counting(story: Any, *args: Any) -> list[dict[str, Any]]:
        calls.append(story.id)
        return real(story, *args)

    monkeypatch.setattr(summaries_module, "summarise_story", counting)
    again = build_corpus(articles, analyses, analyzer=analyzer_version(),
                         summaries=first.summary_cache())
    assert calls == []
    assert again.summaries == first.summaries
    # a summary made under another analyzer version is not reused
    other = build_corpus(articles, analyses, analyzer="other",
                         summaries=first.summary_cache())
    assert sorted(calls) == sorted(s.id for s in first.stories)
    assert other.summaries == first.summaries  # same inputs, same lines


def test_stored_features_unpack_to_what_they_were_made_from(built_db: Path) -> None:
    from newsline.features import FeatureCache
    from newsline.verify.contradictions import claim_sentences
    from newsline.verify.duplicates import signature

    with Store(built_db) as store:
        article = next(a for a in store.articles() if len(a.text) > 2000)
        analysis = store.analysis(article.id)
    assert analysis is not None
    made = FeatureCache("2")
    fresh = claim_sentences(article.id, article.text, analysis, made)
    sig = signature(article.text, article.id, made)
    assert fresh and sig is not None
    stored = FeatureCache("2", made.added)
    again = claim_sentences(article.id, article.text, analysis, stored)
    assert stored.added == {}  # nothing made twice
    assert [s for s, _ in again] == [s for s, _ in fresh]
    assert all((a.hashvalues == b.hashvalues).all() for (_, a), (_, b) in zip(again, fresh,
                                                                              strict=True))
    assert (signature(article.text, article.id, stored).hashvalues == sig.hashvalues).all()
    # under another analyzer version the stored values are not used
    other = FeatureCache("3", made.added)
    claim_sentences(article.id, article.text, analysis, other)
    assert other.added


def test_a_later_build_computes_features_for_new_documents_only(
    built_db: Path, built_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(built_db) as store:
        analyses = {a.doc: a for a in store.analyses()}
        articles = {a.id: a for a in store.articles()}
    with Store(built_copy) as store:
        new = sorted(articles)[:2]
        with store.transaction() as conn:
            conn.executemany("DELETE FROM articles WHERE id = ?", [(d,) for d in new])
        pipeline.build(store, _settings(built_copy), full=True)
        before = store.features()
        assert before and all(not set(new) & set(docs) for docs in before.values())
        store.add_articles([articles[d] for d in new])
        store.save_analyses([analyses[d] for d in new], analyzer_version())
        calls: list[str] = []
        # the module (the package's attribute of that name is the check function)
        module = importlib.import_module("newsline.verify.contradictions")
        real = module._sentences

        def counting(doc: str, *args: Any) -> Any:
            calls.append(doc)
            return real(doc, *args)

        monkeypatch.setattr(module, "_sentences", counting)
        pipeline.build(store, _settings(built_copy))
        assert sorted(set(calls)) == new
        after = store.features()
        assert all(set(after[k]) == set(before[k]) | set(new) for k in before)
