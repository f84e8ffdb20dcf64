"""What a source states beyond the text (byline, section, where in the file the article was)
reaches the user: ingested through the pipeline into the store, read back, in the timeline
JSON, the table exports, the Python API and the database's own tables (issue 16)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsline
from newsline import pipeline
from newsline.export import tables as export_tables
from newsline.export.json import render_json, timeline, validate
from newsline.ingest import read_any
from newsline.model import Article, Corpus
from newsline.store import Store

FORMATS = Path(__file__).parent / "data" / "ingest" / "formats"

# source (in the folder) -> what the store must give back for it
EXPECTED: dict[str, dict[str, Any]] = {
    "factiva.txt#1": {"author": "Karin Moe", "section": "Companies", "outlet":
                      "Baltic Business Daily", "format": "factiva", "record": 1,
                      "extra": {"accession": "BALTBD0020150303eb330001d", "page": "7"}},
    "factiva.rtf#1": {"author": "Nora Strøm", "section": "World", "format": "factiva",
                      "record": 1, "extra": {"accession": "FISHWK0020150303eb330000z"}},
    "factiva_plain.txt#2": {"author": "Lars Eide", "section": None, "outlet": "The Nordic Wire",
                            "format": "factiva", "record": 2,
                            "extra": {"accession": "NORWIR0020150304eb34000cq",
                                      "time": "18:05 GMT"}},
    "factiva.pdf#1": {"author": "Karin Moe", "outlet": "Baltic Business Daily",
                      "format": "factiva", "record": 1,
                      "extra": {"accession": "BALTBD0020150308eb380003m"}},
    "nexis.docx#1": {"author": "Maja Strand", "section": "NEWS; Pg. 2", "outlet":
                     "The Coastal Times", "format": "nexis", "record": 1,
                     "extra": {"load-date": "March 7, 2015", "length": "164 words"}},
    "nexis.txt#1": {"author": "Maja Strand", "section": "NEWS; Pg. 3", "outlet":
                    "The Coastal Times", "format": "nexis", "record": 1,
                    "extra": {"load-date": "March 5, 2015", "length": "289 words"}},
    "courier.rss#2": {"author": "Jonas Holm", "section": None, "format": "rss", "record": 2,
                      "extra": {"id": "courier-2015-0303-talks"}},
    "ledger.atom#2": {"author": "Sofia Dahl; Erik Lund", "format": "atom", "record": 2},
    "mediacloud.csv#5": {"author": "Ola Vik", "format": "media-cloud", "record": 5,
                         "extra": {"language": "nb"}},
    "gdelt.csv#3": {"author": None, "format": "gdelt", "record": 3},
    "newsletter.eml": {"author": "Halvik Morning Brief", "format": "email", "record": None,
                       "extra": {"message-id": "<201503050630.brief@news.example.org>"}},
    "newsletters.mbox#2": {"author": "Coastal Times Daily", "format": "email", "record": 2},
    "zotero.json#1": {"author": "Anna Berg", "section": "Business", "format": "csl-json",
                      "record": 1},
    "article.docx": {"author": "Anna Berg", "format": "docx", "file_created": "2024-05-17"},
    "article.pdf": {"author": "Harbour Weekly", "format": "pdf", "file_created": "2024-05-20"},
}


def _ingest(db: Path | str) -> pipeline.Report:
    with Store(db) as store:
        report = pipeline.ingest(store, [str(FORMATS)])
        store.save_corpus(Corpus())  # a build of nothing: the documents table, for every article
    return report


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("meta") / "formats.db"
    report = _ingest(path)
    assert report.articles_new == report.articles_read == 37
    assert not any(p.what.startswith("cannot store") for p in report.problems)
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as s:
        yield s


def by_source(store: Store) -> dict[str, Article]:
    return {Path(a.source).name: a for a in store.articles()}


def check(name: str, author: object, section: object, outlet: object,
          provenance: dict[str, Any]) -> None:
    want = EXPECTED[name]
    assert author == want["author"], name
    if "section" in want:
        assert section == want["section"], name
    if "outlet" in want:
        assert outlet == want["outlet"], name
    assert provenance.get("format") == want["format"], name
    assert provenance.get("record") == want.get("record"), name
    assert provenance.get("file_created") == want.get("file_created"), name
    extra = provenance.get("extra", {})
    assert all(extra.get(k) == v for k, v in want.get("extra", {}).items()), (name, extra)


def test_every_reader_s_metadata_comes_back_from_the_store(store: Store) -> None:
    stored = by_source(store)
    for name in EXPECTED:
        a = stored[name]
        check(name, a.author, a.section, a.outlet, a.provenance)
    # exactly what the reader gave, field for field
    for path in sorted(FORMATS.iterdir()):
        if path.suffix == ".md":
            continue
        for art in read_any(path, str(path)).articles:
            assert stored[Path(art.source).name] == art
    # a plain provenance: no file date where the source has none, ISO where it has one
    assert "file_created" not in stored["factiva.txt#1"].provenance
    assert all(isinstance(a.provenance, dict) for a in stored.values())


def test_the_article_round_trips_and_old_dicts_load() -> None:
    art = Article("x", "a.txt", "Text.", author="A <b>", section="World",
                  provenance={"record": 2, "format": "nexis", "extra": {"k": "v"}})
    again = Article.from_dict(json.loads(json.dumps(art.to_dict())))
    assert again == art
    assert again.provenance is not art.provenance
    old = {"id": "x", "source": "a.txt", "text": "Text.", "title": None, "outlet": None,
           "url": None, "published": None, "published_basis": None, "published_span": None}
    loaded = Article.from_dict(old)
    assert (loaded.author, loaded.section, loaded.provenance) == (None, None, {})


def test_the_timeline_json_carries_them_and_validates(store: Store) -> None:
    tl = timeline(store)
    validate(tl)
    docs = {Path(d["source"]).name: d for d in tl["documents"]}
    for name in EXPECTED:
        d = docs[name]
        check(name, d["author"], d["section"], d["outlet"], d["provenance"])
    assert all({"author", "section", "provenance"} <= d.keys() for d in tl["documents"])
    broken = json.loads(render_json(tl))
    broken["documents"][0]["provenance"] = {"record": "one"}
    with pytest.raises(Exception, match="one"):
        validate(broken)


def test_the_table_exports_and_the_store_s_documents_table_carry_them(store: Store) -> None:
    tl = timeline(store)
    rows = {Path(r["source"]).name: r for r in export_tables.tables(tl)["documents"]}
    for name in EXPECTED:
        r = rows[name]
        check(name, r["author"], r["section"], r["outlet"], json.loads(r["provenance"]))
    csv_text = export_tables.render_csv_table("documents", list(rows.values()))
    assert csv_text.splitlines()[0].endswith(",author,section,provenance")
    arrow = export_tables.arrow_table("documents", list(rows.values()))
    assert arrow.column("author").to_pylist().count("Karin Moe") == 4  # 4 Factiva samples
    # what a Datasette user finds: the same values in the store's documents table
    got = store.conn.execute(
        "SELECT source, author, section, provenance FROM documents").fetchall()
    assert {(Path(s).name, a, sec, p) for s, a, sec, p in got} == {
        (n, r["author"], r["section"], r["provenance"]) for n, r in rows.items()}
    record = store.conn.execute(
        "SELECT json_extract(provenance, '$.extra.accession') FROM documents "
        "WHERE author = 'Nora Strøm'").fetchone()
    assert record == ("FISHWK0020150303eb330000z",)


def test_the_python_api_exposes_them(db: Path) -> None:
    corpus = newsline.open(db)
    docs = {Path(d.source).name: d for d in corpus.documents}
    for name in EXPECTED:
        d = docs[name]
        check(name, d.author, d.section, d.outlet, d.provenance)
        assert d.to_dict()["author"] == d.author and d.to_dict()["provenance"] == d.provenance
        row = d.row()
        assert row["author"] == d.author and row["section"] == d.section
    nexis = docs["nexis.txt#1"]
    nexis.provenance["format"] = "changed"  # a copy: the corpus is not changed
    assert nexis.provenance["format"] == "nexis"
    frame = corpus.documents.to_pandas()
    assert {"author", "section", "provenance"} <= set(frame.columns)


def test_the_document_page_shows_them(db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsline.web import create_app

    with Store(db) as s:
        doc = by_source(s)["factiva.txt#1"].id
    with TestClient(create_app(None, db=db)) as c:
        page = c.get(f"/documents/{doc}").text
        data = c.get(f"/api/documents/{doc}/view").json()["document"]
    assert "by Karin Moe" in page and "section: Companies" in page
    assert "Baltic Business Daily" in page
    assert "format <code>factiva</code>, record 1" in page
    assert "BALTBD0020150303eb330001d" in page
    assert data["author"] == "Karin Moe" and data["provenance"]["record"] == "1"


def test_a_run_on_postgres_keeps_them_as_sqlite_does(postgres_url: str, db: Path) -> None:
    _ingest(postgres_url)
    with Store(postgres_url) as pg, Store(db) as lite:
        assert list(pg.articles()) == list(lite.articles())
        one = lite.article_ids()[0]
        assert pg.document(one)["provenance"] == lite.document(one)["provenance"]
        cols = "SELECT id, author, section, provenance FROM documents ORDER BY id"
        assert pg.conn.execute(cols).fetchall() == lite.conn.execute(cols).fetchall()
        tl_pg, tl_lite = timeline(pg), timeline(lite)
    tl_pg["generated_at"] = tl_lite["generated_at"] = "-"
    assert render_json(tl_pg) == render_json(tl_lite)
