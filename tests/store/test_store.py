"""The store on real SQLite files: migrations, idempotent ingest, atomic builds, crashes."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsline.errors import StoreError
from newsline.ingest import article_id
from newsline.model import Article, Corpus, DocAnalysis, Entity, Flag
from newsline.store import MIGRATIONS, SCHEMA_VERSION, Store


def make_article(text: str, source: str = "a.txt", **kw: object) -> Article:
    return Article(id=article_id(text), source=source, text=text, **kw)  # type: ignore[arg-type]


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert store.schema_version() == SCHEMA_VERSION
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        names = [r[0] for r in store.conn.execute("SELECT name FROM _migrations")]
        assert names and names[0]


def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    Store(db).close()
    with Store(db) as store:
        rows = store.conn.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0]
        assert rows == len(MIGRATIONS)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError) as exc:
        Store(bad)
    assert "notes.db" in str(exc.value)
    assert bad.read_text().startswith("these are my notes")  # untouched


def test_database_in_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "x.db")


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    a = make_article("The summit opened on Monday.\n\nLeaders met.", title="Summit",
                     published=dt.date(2015, 3, 2), published_basis="metadata")
    same_text = make_article("The  summit opened on Monday.\nLeaders   met.", source="b.txt")
    assert a.id == same_text.id
    with Store(tmp_path / "s.db") as store:
        assert store.add_articles([a]) == [a.id]
        assert store.add_articles([a, same_text]) == []
        assert store.count_articles() == 1
        stored = store.article(a.id)
        assert stored is not None and stored.title == "Summit" and stored.source == "a.txt"
        assert stored.published == dt.date(2015, 3, 2)
        sources = {r[0] for r in store.conn.execute("SELECT source FROM sources")}
        assert sources == {"a.txt", "b.txt"}


def test_analyses_round_trip_and_version(tmp_path: Path) -> None:
    a = make_article("Text one.")
    with Store(tmp_path / "s.db") as store:
        store.add_articles([a])
        assert store.ids_needing_analysis("1") == [a.id]
        store.save_analyses([DocAnalysis(a.id, sentences=[(0, 9)], words=2)], "1")
        assert store.ids_needing_analysis("1") == []
        assert store.ids_needing_analysis("2") == [a.id]  # a new analyzer redoes it
        got = store.analysis(a.id)
        assert got is not None and got.sentences == [(0, 9)] and got.words == 2


def test_failed_ingest_batch_stores_nothing(tmp_path: Path) -> None:
    good = make_article("A good article.")

    def articles():  # the second item blows up mid-transaction
        yield good
        raise RuntimeError("reader crashed")

    with Store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            store.add_articles(articles())
        assert store.count_articles() == 0
        assert store.add_articles([good]) == [good.id]


def _corpus(n: int) -> Corpus:
    return Corpus(
        entities=[Entity(f"ent-{i}", f"Name {i}", "PERSON", [f"Name {i}"]) for i in range(n)],
        flags=[Flag(f"flag-{i}", "duplicate", "info", "copy") for i in range(n)],
    )


def test_save_corpus_replaces_the_previous_build(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save_corpus(_corpus(3))
        store.save_corpus(_corpus(2))
        c = store.corpus()
        assert [e.id for e in c.entities] == ["ent-0", "ent-1"]
        assert store.build_meta()["built_at"]


def test_interrupted_build_keeps_the_previous_one(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save_corpus(_corpus(3))
        broken = _corpus(5)
        broken.flags.append(Flag("flag-0", "duplicate", "info", "same id twice"))  # PK clash
        with pytest.raises(sqlite3.IntegrityError):
            store.save_corpus(broken)
        assert len(store.corpus().entities) == 3
        assert len(store.corpus().flags) == 3


def test_build_killed_halfway_leaves_database_consistent(built_copy: Path) -> None:
    """Kill a real build process in the middle of writing its result, then build again."""
    with Store(built_copy) as store:
        before = store.counts()
        store.conn.execute("DELETE FROM build_meta WHERE key = 'marker'")
        store.conn.execute("INSERT INTO build_meta VALUES ('marker', 'previous build')")
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        from newsline import store as store_mod
        from newsline.pipeline import build
        from newsline.settings import Settings

        real = sqlite3.Connection.executemany
        class Dying(sqlite3.Connection):
            def executemany(self, sql, rows):
                if "INSERT INTO events" in sql:
                    os._exit(9)  # the process dies with the transaction open
                return real(self, sql, rows)

        orig_connect = sqlite3.connect
        store_mod.sqlite3.connect = lambda *a, **k: orig_connect(*a, factory=Dying, **k)
        from newsline.store import Store
        with Store({str(built_copy)!r}) as s:
            build(s, Settings(db={str(built_copy)!r}, workers=1, progress=False), full=True)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    with Store(built_copy) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.counts() == before  # the previous build, whole
        assert store.build_meta().get("marker") == "previous build"
    # the next build completes
    from newsline.pipeline import build
    from newsline.settings import Settings

    with Store(built_copy) as store:
        corpus, _ = build(store, Settings(db=built_copy, workers=1, progress=False), full=True)
        assert store.counts()["entities"] == len(corpus.entities) > 0
        assert "marker" not in store.build_meta()


def test_find_entities_by_alias(built_db: Path) -> None:
    with Store(built_db) as store:
        gm = store.find_entities("general motors")
        assert gm and gm[0].type == "ORG"
        assert store.find_entities("GM")[0].id == gm[0].id
