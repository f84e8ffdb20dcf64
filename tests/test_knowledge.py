"""The one knowledge loader: a user's file reaches the analysis, the build and the checks, and
stored analyses are keyed by the knowledge they read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline import knowledge
from newsline.analyze import analyze, analyzer_version, dating_kb
from newsline.errors import DataError
from newsline.ingest import article_id
from newsline.knowledge import Knowledge
from newsline.model import Article
from newsline.names import FAMILY, entity_key
from newsline.pipeline import analyze_pending, build, ingest
from newsline.settings import Settings
from newsline.store import Store
from newsline.verify.common import extras

USER_KB = {
    "entities": [{"name": "Zorvania", "type": "GPE", "aliases": ["Republic of Zorvania"],
                  "source": "test"}],
    "offices": [{"office": "President of Zorvania", "holder": "Anna Kellerby",
                 "from": "2031-02-01", "to": "2033-01-31", "source": "test"}],
    "titles": [{"office": "President of Zorvania", "titles": ["Zorvanian President"]}],
    "events": [{"name": "Great Zorvanian Flood", "date": "2032-04-17", "source": "test"}],
}
TEXT = ("Relief work went on in the capital on Tuesday, weeks after the Great Zorvanian Flood. "
        "Zorvanian President Anna Kellerby toured the worst-hit districts.")


@pytest.fixture()
def user_kb(tmp_path: Path) -> Path:
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(USER_KB), "utf-8")
    yield path
    knowledge.use(None)  # later tests read the bundled knowledge only


def test_sources_are_keyed_by_content(user_kb: Path) -> None:
    bundled, user = knowledge.source(None), knowledge.source(user_kb)
    assert bundled != user and bundled.digest != user.digest
    assert knowledge.source(user_kb) == user  # same file, same key
    assert analyzer_version(bundled) != analyzer_version(user)
    user_kb.write_text(json.dumps({**USER_KB, "events": []}), "utf-8")
    assert knowledge.source(user_kb).digest != user.digest


def test_every_view_reads_the_user_file(user_kb: Path) -> None:
    src = knowledge.source(user_kb)
    kb = Knowledge.load(user_kb)
    fam = FAMILY["GPE"]
    assert kb.canonical_name(entity_key("Republic of Zorvania", fam), fam) == "Zorvania"
    assert any(t.holder == "Anna Kellerby" for t in kb.terms)
    assert len(kb.terms) > len(Knowledge.bundled().terms)  # bundled facts stay
    assert "Great Zorvanian Flood" in {e.name for e in dating_kb.of(src).events.values()}
    assert "President of Zorvania" in extras(src).titles
    assert "President of Zorvania" not in extras(knowledge.source(None)).titles


def test_the_analysis_dates_by_the_user_file(user_kb: Path) -> None:
    article = Article(article_id(TEXT), "flood.txt", TEXT)
    before = analyze(article).date
    knowledge.use(user_kb)
    after = analyze(article).date
    assert after.earliest is not None and after.earliest.isoformat() >= "2032-04-17"
    assert before.earliest is None or before.earliest.isoformat() < "2032-04-17"
    assert any("Zorvanian" in e.quote for e in after.evidence)


def test_changing_the_knowledge_file_reanalyses(user_kb: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, "utf-8")
    with Store(tmp_path / "n.db") as store:
        ingest(store, [str(src)])
        assert analyze_pending(store, Settings(workers=1)).analysed == 1
        assert analyze_pending(store, Settings(workers=1)).analysed == 0
        with_kb = Settings(workers=1, knowledge=user_kb)
        assert analyze_pending(store, with_kb).analysed == 1  # new knowledge, new analysis
        corpus, _ = build(store, with_kb)
        names = {e.name for e in corpus.entities}
        assert "Anna Kellerby" in names
        day = corpus.doc_dates[article_id(TEXT)]
        assert day.earliest is not None and day.earliest.isoformat() >= "2032-04-17"


def test_a_bad_knowledge_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(DataError, match="bad.json"):
        Knowledge.load(bad)
    with pytest.raises(DataError, match="missing.json"):
        knowledge.source(tmp_path / "missing.json")
    bad.write_text(json.dumps({"offices": {"not": "a list"}}), "utf-8")
    with pytest.raises(DataError, match="offices"):
        Knowledge.load(bad)
