"""PostgreSQL for teams: the same store, commands and results on a real server.

The server is the suite's own (``postgres_server`` in conftest.py): Debian's PostgreSQL on
127.0.0.1, or the one NEWSLINE_TEST_POSTGRES names. Each test gets a new database.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline import pipeline
from newsline.cli import app
from newsline.errors import StoreError
from newsline.export.json import render_json, stream, timeline
from newsline.ingest import article_id
from newsline.model import Article
from newsline.settings import Settings
from newsline.store import Store


def _export(db: Path | str) -> str:
    with Store(db) as store:
        tl = timeline(store)
    tl["generated_at"] = "-"
    return render_json(tl)


def test_a_run_on_postgres_equals_a_run_on_sqlite(
    postgres_url: str, small_corpus: Path, built_db: Path
) -> None:
    report = pipeline.run([str(small_corpus)], Settings(db=postgres_url, workers=1,
                                                        progress=False))
    assert report.analysed == len(list(small_corpus.iterdir())) and not report.problems
    assert _export(postgres_url) == _export(built_db)
    with Store(postgres_url) as store:  # the whole timeline streamed, as the web app sends it
        tl = timeline(store)
        assert "".join(stream(store, tl["generated_at"], batch=4)) == json.dumps(
            tl, ensure_ascii=False, separators=(",", ":"))
    # a second build has nothing new: the stored build stands, as on SQLite
    with Store(postgres_url) as store:
        _, again = pipeline.build(store, Settings(db=postgres_url, workers=1))
    assert again.build_reused
    _the_web_app_reads_the_same_tables(postgres_url, built_db)


def _the_web_app_reads_the_same_tables(url: str, built_db: Path) -> None:
    """The pages, their queries and the search, on PostgreSQL as on SQLite."""
    from fastapi.testclient import TestClient

    from newsline.web import create_app

    with Store(url) as pg, Store(built_db) as lite:
        for table in ("documents", "entity_mentions", "event_mentions", "participants",
                      "evidence", "timexes", "doc_entities"):
            count = f"SELECT COUNT(*) FROM {table}"  # noqa: S608
            assert pg.conn.execute(count).fetchone() == lite.conn.execute(count).fetchone()
        found = pg.search("General Motors bankruptcy")
        assert found["total"] > 0 and Store.HIT[0] in found["documents"][0]["snippet"]
        assert [e["id"] for e in pg.search("general motors")["entities"]] == [
            e["id"] for e in lite.search("general motors")["entities"]]
        assert pg.search('" OR 1=1; --')["total"] >= 0
        story = lite.story_list(1, 0)[1][0]["id"]
        event = lite.event_list(story=story, limit=1)[1][0]["id"]
        entity = lite.cooccurring(lite.event_list(limit=1)[1][0]["id"]) or [{"id": "x"}]
        doc = lite.article_ids()[0]
    with TestClient(create_app(None, db=url)) as c:
        for path in ("/", f"/stories/{story}", f"/events/{event}", f"/documents/{doc}",
                     "/flags", "/search?q=Chrysler", f"/api/stories/{story}?since=2009-01-01",
                     f"/api/events/{event}/view", f"/entities/{entity[0]['id']}"):
            r = c.get(path)
            assert r.status_code in (200, 404) and (r.status_code == 200 or "x" in path), path


def test_store_basics_on_postgres(postgres_url: str) -> None:
    text = "The council met on Monday and approved the budget."
    art = Article(id=article_id(text), source="a.txt", text=text)
    with Store(postgres_url) as store:
        assert store.add_articles([art]) == [art.id]
        assert store.add_articles([dataclasses.replace(art, source="b.txt")]) == []
        assert store.article(art.id) == art
        store.save_failures([(art.id, "limits", "too long")], "v1")
        store.save_failures([(art.id, "parse", "again")], "v1")  # an upsert, not a second row
        assert [(f["stage"], f["reason"]) for f in store.failures()] == [("parse", "again")]
        assert store.ids_needing_analysis("v1") == []
        assert store.ids_needing_analysis("v1", retry_failed=True) == [art.id]
        version = store.schema_version()
    with Store(postgres_url) as store:  # reopening migrates nothing
        assert store.schema_version() == version


def test_the_command_line_takes_a_postgres_url(postgres_url: str, small_corpus: Path) -> None:
    runner = CliRunner()
    files = sorted(small_corpus.iterdir())[:2]
    result = runner.invoke(app, ["-q", "run", *map(str, files), "--db", postgres_url,
                                 "--workers", "1", "--no-show"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["export", "--db", postgres_url, "--format", "json"])
    assert shown.exit_code == 0 and '"schema": "newsline.timeline/1"' in shown.stdout


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    url = "postgresql://newsline:s3cret@127.0.0.1:9/nowhere"
    with pytest.raises(StoreError) as info:
        Store(url)
    line = str(info.value)
    assert "cannot connect to PostgreSQL" in line and "s3cret" not in line
    assert "\n" not in line
    result = CliRunner().invoke(app, ["export", "--db", url, "--format", "json"])
    assert result.exit_code == 1 and "s3cret" not in result.output


def test_concurrent_writers_on_postgres(postgres_url: str, small_corpus: Path,
                                        tmp_path: Path) -> None:
    files = sorted(small_corpus.iterdir())
    folders = []
    for n, part in enumerate([files[0::2], files[1::2], files[::3]]):
        folder = tmp_path / f"part{n}"
        folder.mkdir()
        for f in part:
            (folder / f.name).write_bytes(f.read_bytes())
        folders.append(folder)
    cli = [sys.executable, "-m", "newsline.cli", "-q"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    procs = [subprocess.Popen([*cli, "ingest", str(f), "--db", postgres_url],
                              stderr=subprocess.PIPE, env=env) for f in folders]
    procs.append(subprocess.Popen([*cli, "build", "--db", postgres_url, "--workers", "1"],
                                  stderr=subprocess.PIPE, env=env))
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        # the build may find no article yet; every ingest must succeed
        if proc.args[4] == "ingest":  # type: ignore[index]
            assert proc.returncode == 0, err.decode()
        assert b"Traceback" not in err
    with Store(postgres_url) as store:
        assert store.count_articles() == len(files)
