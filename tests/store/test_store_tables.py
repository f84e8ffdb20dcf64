"""The build as real tables: what ``save_corpus`` writes reads back as the same corpus, the
tables are those of ``export --format parquet``, old databases are carried over, and the
full-text search answers any input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from newsline import store as store_mod
from newsline.export import tables as export_tables
from newsline.export.json import render_json, timeline
from newsline.ingest import article_id
from newsline.model import (
    Article,
    Corpus,
    DateEstimate,
    DocAnalysis,
    Entity,
    EntityMentionRef,
    Event,
    EventRef,
    Evidence,
    Flag,
    Story,
    Timex,
)
from newsline.store import BUILD_TABLES, Store

TEXT_A = "Kim Jong Un arrived in Russia on 12 September 2023. He met Putin in Vostochny."
TEXT_B = "Kim Jong-un will not attend the forum, the Kremlin said on 12 September."


def _articles() -> list[Article]:
    return [Article(article_id(t), f"{n}.txt", t, title=n.upper(), outlet=o)
            for n, t, o in (("a", TEXT_A, "AP"), ("b", TEXT_B, None))]


def _corpus(a: str, b: str) -> Corpus:
    """A small build using every field a build can fill."""
    day = dt.date(2023, 9, 12)
    ev_a = Evidence(a, 33, 50, TEXT_A[33:50], "stated in the text")
    kim = Entity("ent-kim", "Kim Jong Un", "PERSON", ["Kim Jong Un", "Kim Jong-un", "He"],
                 [EntityMentionRef(a, 0, 11, "Kim Jong Un"),
                  EntityMentionRef(a, 52, 54, "He", "pronoun"),
                  EntityMentionRef(b, 0, 11, "Kim Jong-un")],
                 [{"left": "Kim Jong Un", "right": "Kim Jong-un", "rule": "same name key"}])
    russia = Entity("ent-ru", "Russia", "GPE", ["Russia"], [EntityMentionRef(a, 23, 29, "Russia")])
    visit = Event("ev-1", "visit", "Kim travels to Russia", [("ent-kim", "visitor")], ["ent-ru"],
                  DateEstimate("2023-09-12", day, day, "stated", 0.9, [ev_a]), "occurred",
                  [EventRef(a, 0, 51, TEXT_A[:51], "asserted", None, 12, 19),
                   EventRef(b, 0, 72, TEXT_B, "negated", "Kremlin")])
    story = Story("sty-1", "Kim in Russia", [b, a], ["ev-1"], day, day)
    flag = Flag("fl-1", "name-variant", "info", "two spellings", [b, a],
                [Evidence(b, 0, 11, "Kim Jong-un", "variant")])
    line = {"story": "sty-1", "date": "2023-09-12", "text": TEXT_A[:51], "doc": a, "start": 0,
            "end": 51}
    return Corpus([kim, russia], [visit], [story], [flag],
                  {a: DateEstimate.exact(day, "stated", 0.75, [ev_a]),
                   b: DateEstimate(None, day, None, "inferred", 0.25, [],
                                   [Evidence(b, 66, 78, TEXT_B[66:78], "out of line")])},
                  {"sty-1": [line]}, {"sty-1": "key-1"})


@pytest.fixture
def small(tmp_path: Path) -> tuple[Store, Corpus]:
    arts = _articles()
    store = Store(tmp_path / "t.db")
    store.add_articles(arts)
    corpus = _corpus(arts[0].id, arts[1].id)
    store.save_corpus(corpus, {"inputs": "x"})
    yield store, corpus
    store.close()


def test_a_build_reads_back_as_it_was_saved(small: tuple[Store, Corpus]) -> None:
    store, corpus = small
    assert store.corpus() == corpus
    assert store.corpus().doc_dates[_articles()[1].id].set_aside[0].reason == "out of line"
    assert store.summary_cache() == {"key-1": corpus.summaries["sty-1"]}
    assert [e.id for e in store.find_entities("kim jong-un")] == ["ent-kim"]
    assert store.find_entities("ENT-RU")[0].name == "Russia"
    assert store.find_entities("nobody") == []


def test_a_real_build_reads_back_and_exports_the_same(built_copy: Path) -> None:
    with Store(built_copy) as store:
        before = store.corpus()
        exported = timeline(store)
        store.save_corpus(before, store.build_meta())
        assert store.corpus() == before
        again = timeline(store)
    exported["generated_at"] = again["generated_at"] = "-"
    assert render_json(again) == render_json(exported)


def _rows(store: Store, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    cols = ", ".join(f'"{c}"' for c in columns)
    rows = store.conn.execute(f"SELECT {cols} FROM {table}").fetchall()  # noqa: S608
    return sorted(tuple(r) for r in rows)


def test_the_tables_are_the_parquet_export_s(built_copy: Path) -> None:
    """Every column that ``export --format parquet`` writes holds the same values in the
    store's table of that name (the store adds ``seq`` and a few more columns)."""
    with Store(built_copy) as store:
        exported = export_tables.tables(timeline(store))
        for name, columns in export_tables.COLUMNS.items():
            if name == "documents":  # the text stays in articles, once
                columns = tuple(c for c in columns if c[0] != "text")
            cols = [c for c, _ in columns]
            ours = _rows(store, name, cols)
            theirs = sorted(tuple(r.get(c) for c in cols) for r in exported[name])
            if name == "entities":  # SQLite has no bool
                theirs = [(*r[:3], int(r[3]), *r[4:]) for r in theirs]
            assert ours == theirs, name


def test_every_build_table_has_the_indexes_the_pages_use(built_copy: Path) -> None:
    with Store(built_copy) as store:
        def plan(sql: str, *params: object) -> str:
            rows = store.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            return " ".join(r[-1] for r in rows)

        assert "SCAN" not in plan('SELECT * FROM entity_mentions WHERE doc = ? AND start >= ?',
                                  "d", 0)
        assert "SCAN" not in plan("SELECT * FROM participants WHERE entity = ?", "e")
        assert "SCAN" not in plan("SELECT * FROM story_events WHERE story = ?", "s")
        assert "SCAN" not in plan("SELECT * FROM event_mentions WHERE doc = ?", "d")
        assert "SCAN" not in plan("SELECT * FROM evidence WHERE doc = ?", "d")
        assert "SCAN" not in plan("SELECT * FROM doc_entities WHERE entity = ?", "e")
        assert "SCAN" not in plan("SELECT * FROM aliases WHERE key = ?", "k")
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert set(BUILD_TABLES) | {"timexes", "search_documents", "search_names"} <= names


def test_time_expressions_are_kept_with_the_analysis(tmp_path: Path) -> None:
    art = _articles()[0]
    timex = Timex(33, 50, TEXT_A[33:50], "DATE", "2023-09-12", dt.date(2023, 9, 12),
                  dt.date(2023, 9, 12))
    with Store(tmp_path / "t.db") as store:
        store.add_articles([art])
        store.save_analyses([DocAnalysis(art.id, timexes=[timex], date=DateEstimate())], "1")
        store.save_analyses([DocAnalysis(art.id, timexes=[timex, timex])], "2")  # replaced
        rows = store.conn.execute('SELECT seq, start, "end", value FROM timexes').fetchall()
        assert rows == [(0, 33, 50, "2023-09-12"), (1, 33, 50, "2023-09-12")]
        assert store.analysis_date(art.id) == DateEstimate()


def _old_articles(conn: sqlite3.Connection, arts: list[Article]) -> None:
    """Articles as a newsline before migration 6 stored them (no byline, no provenance)."""
    conn.executemany(
        "INSERT INTO articles (id, source, title, outlet, url, text, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'then')",
        [(a.id, a.source, a.title, a.outlet, a.url, a.text) for a in arts])
    conn.executemany("INSERT INTO sources (source, doc) VALUES (?, ?)",
                     [(a.source, a.id) for a in arts])


def _old_database(path: Path, arts: list[Article], corpus: Corpus) -> None:
    """A database as newsline wrote it before migration 5: the build as JSON blobs."""
    real = store_mod.MIGRATIONS
    store_mod.MIGRATIONS = real[:4]
    try:
        with Store(path) as old:
            conn = old.conn.raw
            _old_articles(conn, arts)
            dumps = store_mod._dumps
            conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?)",
                             [(e.id, e.name, e.type, dumps(e.to_dict())) for e in corpus.entities])
            conn.executemany("INSERT INTO events VALUES (?, ?, ?)",
                             [(e.id, e.type, dumps(e.to_dict())) for e in corpus.events])
            conn.executemany("INSERT INTO stories VALUES (?, ?)",
                             [(s.id, dumps(s.to_dict())) for s in corpus.stories])
            conn.executemany("INSERT INTO flags VALUES (?, ?, ?)",
                             [(f.id, f.kind, dumps(f.to_dict())) for f in corpus.flags])
            conn.executemany("INSERT INTO doc_dates VALUES (?, ?)",
                             [(d, dumps(x.to_dict())) for d, x in corpus.doc_dates.items()])
            conn.executemany("INSERT INTO summaries VALUES (?, ?, ?)",
                             [(s, corpus.summary_keys[s], dumps(v))
                              for s, v in corpus.summaries.items()])
            timex = Timex(33, 50, TEXT_A[33:50], "DATE", "2023-09-12")
            conn.execute("INSERT INTO analyses VALUES (?, '1', ?, 'now')",
                         (arts[0].id, dumps(DocAnalysis(arts[0].id, timexes=[timex]).to_dict())))
            conn.execute("INSERT INTO build_meta VALUES ('inputs', 'k')")
    finally:
        store_mod.MIGRATIONS = real


def test_an_old_database_keeps_its_build(tmp_path: Path) -> None:
    arts = _articles()
    corpus = _corpus(arts[0].id, arts[1].id)
    _old_database(tmp_path / "old.db", arts, corpus)
    with Store(tmp_path / "old.db") as store:
        assert store.schema_version() == store_mod.SCHEMA_VERSION
        assert store.corpus() == corpus
        assert store.build_meta() == {"inputs": "k"}  # the next build may reuse it
        assert store.conn.execute("SELECT COUNT(*) FROM timexes").fetchone()[0] == 1
        assert store.search("Vostochny")["total"] == 1


def test_an_unreadable_old_build_is_left_for_the_next_build(tmp_path: Path) -> None:
    arts = _articles()
    _old_database(tmp_path / "old.db", arts, Corpus())
    raw = sqlite3.connect(tmp_path / "old.db")
    raw.execute("INSERT INTO entities VALUES ('e', 'n', 'PERSON', '{not json')")
    raw.commit()
    raw.close()
    with Store(tmp_path / "old.db") as store:
        assert store.corpus() == Corpus()
        assert store.build_meta() == {}  # so the next build does not reuse it


def test_search_finds_words_names_and_spellings(small: tuple[Store, Corpus]) -> None:
    store, _ = small
    found = store.search("arrived Russia")
    assert found["total"] == 1 and found["documents"][0]["story"] == "sty-1"
    start, stop = Store.HIT
    assert f"{start}arrived{stop}" in found["documents"][0]["snippet"]
    assert [e["id"] for e in store.search("kim jong-un")["entities"]] == ["ent-kim"]
    assert store.search("kim jong-un")["total"] == 2
    assert store.search("arriv")["total"] == 1  # the last word is a prefix
    # spelled alike (newsline.names.skeleton)
    assert [e["id"] for e in store.search("Kim Jong Oon")["entities"]] == ["ent-kim"]
    assert store.search("He")["entities"] == []  # a pronoun is no name


@pytest.mark.parametrize("query", [
    '"', "AND", "OR NOT", "kim AND", "NEAR(kim putin)", "*", "kim*", "col:kim", "(", "^kim",
    "{name}: kim", "'; DROP TABLE articles; --", "\u202ekim", "ﬁ", "", "   ", "k" * 300])
def test_search_takes_any_text_as_words(small: tuple[Store, Corpus], query: str) -> None:
    store, _ = small
    found = store.search(query, limit=5, offset=0)
    assert found["total"] >= 0 and isinstance(found["documents"], list)
    assert store.count_articles() == 2


def test_tables_from_a_hostile_timeline_are_written_as_text(tmp_path: Path) -> None:
    rows = store_mod.build_rows(
        [{"id": 1, "title": ["x"], "date": "not a date", "problem": "nope"}],
        [{"id": "e", "name": None, "mentions": [{"doc": "d", "start": "x"}], "named": "yes"}],
        [{"id": "ev", "date": {"value": "<script>", "confidence": "high"}, "places": [None, 3],
          "participants": ["oops"], "mentions": [None]}],
        [{"id": "s", "documents": [1, None], "events": "ev"}], [{"id": "f", "documents": None}],
        {"s": [{"date": 5, "start": "1"}]})
    with Store(tmp_path / "h.db") as store, store.transaction():
        store.write_tables(rows)
    assert rows["documents"][0][:3] == ("1", None, "['x']")
    assert rows["events"][0][-2:] == (None, None)  # no span from a date that is not one
    assert json.dumps(rows, default=str)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database of either kind (PostgreSQL: the suite's own server)."""
    if request.param == "sqlite":
        return str(tmp_path / "any.db")
    return str(request.getfixturevalue("postgres_url"))


def test_a_schema_5_database_gets_the_source_s_metadata(any_db: str) -> None:
    """Migration 6 adds author, section and provenance (NULL for what was stored); the same
    source ingested again fills them in, in the build's documents table too."""
    arts = _articles()
    real = store_mod.MIGRATIONS
    store_mod.MIGRATIONS = real[:5]
    try:
        with Store(any_db) as old, old.transaction() as conn:
            for a in arts:
                conn.execute("INSERT INTO articles (id, source, title, outlet, url, text, "
                             "ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'then')",
                             (a.id, a.source, a.title, a.outlet, a.url, a.text))
                conn.execute("INSERT INTO documents (id, source, title) VALUES (?, ?, ?)",
                             (a.id, a.source, a.title))
    finally:
        store_mod.MIGRATIONS = real
    with Store(any_db) as store:
        assert store.schema_version() == 6
        assert list(store.articles()) == sorted(arts, key=lambda x: x.id)  # as they were
        nulls = "SELECT author, section, provenance FROM documents ORDER BY id"
        assert store.conn.execute(nulls).fetchall() == [(None, None, None)] * 2
        a, b = (dataclasses.replace(x, author="Anna Berg", section="World",
                                    provenance={"record": 2, "format": "rss"}) for x in arts)
        elsewhere = dataclasses.replace(b, source="other.rss#1")
        assert store.add_articles([a, elsewhere]) == []  # nothing new ...
        assert store.article(a.id) == a  # ... but the same source's metadata is kept now
        assert store.article(b.id) == arts[1]  # another source's is not its
        row = store.conn.execute("SELECT author, section, provenance FROM documents "
                                 "WHERE id = ?", (a.id,)).fetchone()
        assert tuple(row) == ("Anna Berg", "World", '{"record":2,"format":"rss"}')
        assert store.document(a.id)["provenance"] == {"record": 2, "format": "rss"}
        assert render_json(timeline(store))  # exports as before
