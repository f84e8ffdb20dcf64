"""The Python API: the README's example runs as written, and the objects agree with the CLI
and the timeline JSON they are another view of."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import newsline
from newsline.api import Corpus, Events, Quote
from newsline.entity_report import entity_reports
from newsline.entity_timeline import from_store
from newsline.errors import NewslineError
from newsline.export.json import timeline, validate
from newsline.export.tables import COLUMNS
from newsline.store import Store

ROOT = Path(__file__).resolve().parents[1]


def readme_python() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"^## Python API\n(.*?)(?=^## )", readme, re.S | re.M)
    assert m, "README has no Python API section"
    blocks = re.findall(r"```python\n(.*?)```", m.group(1), re.S)
    assert len(blocks) == 1
    return blocks[0]


@pytest.fixture(scope="module")
def corpus(built_db: Path) -> Corpus:
    return newsline.open(built_db)


@pytest.fixture(scope="module")
def tl(built_db: Path) -> dict:
    with Store(built_db) as store:
        return timeline(store)


def test_the_readme_example_runs(built_db: Path) -> None:
    code = readme_python()
    assert '"news.db"' in code
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace('"news.db"', repr(str(built_db))), "README.md", "exec"), {})
    printed = out.getvalue()
    assert "General Motors" in printed and "bankruptcy" in printed.lower()


def test_importing_newsline_stays_light() -> None:
    code = ("import sys, newsline, newsline.api; "
            "heavy = [m for m in ('spacy', 'thinc', 'pandas', 'pyarrow', 'networkx') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_open_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(NewslineError, match="database not found"):
        newsline.open(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_the_objects_are_the_timeline(corpus: Corpus, tl: dict) -> None:
    assert [d.id for d in corpus.documents] == [d["id"] for d in tl["documents"]]
    assert {e.id for e in corpus.events} == {e["id"] for e in tl["events"]}
    assert {s.id for s in corpus.stories} == {s["id"] for s in tl["stories"]}
    assert [e.to_dict() for e in corpus.entities] == tl["entities"]
    validate(corpus.timeline())
    docs = {d["id"]: d for d in tl["documents"]}
    for d in corpus.documents:
        assert d.to_dict()["date"] == docs[d.id]["date"]
    for s in corpus.stories:
        assert s.span == (s.earliest, s.latest)
        assert all(d.story is s for d in s.documents)
        assert all(e.story == s for e in s.events)
    assert sum(len(s.documents) for s in corpus.stories) == len(corpus.documents)


def test_evidence_points_at_its_words(corpus: Corpus) -> None:
    quotes = [q for e in corpus.events for q in e.evidence]
    quotes += [q for e in corpus.entities[:20] for q in e.evidence]
    assert quotes
    for q in quotes:
        assert isinstance(q, Quote)
        assert q.document.text[q.start:q.end] == q.text and q.why
        assert q.source == q.document.source and " ".join(q.text.split()) in q.context()


def test_entity_by_any_alias_as_the_cli(corpus: Corpus, tl: dict, built_db: Path) -> None:
    gm = corpus.entity("GM")
    assert gm.id in {r["id"] for r in entity_reports(tl, "GM")}
    assert corpus.entity(gm.id).id == gm.id
    assert corpus.entity("general motors").id in {e.id for e in corpus.entities_named("GM")}
    assert {e.id for e in gm.events} == {
        e["id"] for e in tl["events"]
        if gm.id in {p["entity"] for p in e["participants"]} | set(e["places"])}
    assert all(gm in [p.entity for p in e.participants] + e.places for e in gm.events)
    with Store(built_db) as store:
        assert gm.timeline().to_dict() == from_store(store, "GM").to_dict()
    with pytest.raises(NewslineError, match="no entity named"):
        corpus.entity("Nobody In These Articles")


def test_events_filter(corpus: Corpus) -> None:
    planned = corpus.events.filter(status="planned")
    assert isinstance(planned, Events) and planned
    assert all(e.status == "planned" for e in planned)
    assert len(planned) == sum(1 for e in corpus.events if e.status == "planned")
    kind = corpus.events[0].type
    both = corpus.events.filter(type=kind, status="planned")
    assert all(e.type == kind and e.status == "planned" for e in both)
    gm = corpus.entity("GM")
    assert {e.id for e in corpus.events.filter(entity="GM")} == {e.id for e in gm.events}
    assert {e.id for e in corpus.events.filter(entity=gm)} == {e.id for e in gm.events}
    story = corpus.stories[-1]
    assert {e.id for e in corpus.events.filter(story=story.id)} == {e.id for e in story.events}
    may = corpus.events.filter(since="2009-05-01", until="2009-05-31")
    assert may

    def overlaps_may(e: object) -> bool:
        d = e.date  # type: ignore[attr-defined]
        v = d.value or ""
        lo = d.earliest.isoformat() if d.earliest else v + "-01-01"[len(v) - 4:] if v else ""
        hi = d.latest.isoformat() if d.latest else v + "-12-31"[len(v) - 4:] if v else ""
        if not (lo or hi):
            return False
        return (lo or "0000") <= "2009-05-31" and (hi or "9999") >= "2009-05-01"

    assert {e.id for e in may} == {e.id for e in corpus.events if overlaps_may(e)}
    assert not corpus.events.filter(type="no-such-type")
    with pytest.raises(NewslineError, match="not a date"):
        corpus.events.filter(since="May 2009")


def test_search(corpus: Corpus) -> None:
    hits = corpus.search("chapter   11")  # any spacing, any case
    assert hits
    for h in hits:
        for q in h.quotes:
            assert q.document.text[q.start:q.end].lower().split() == ["chapter", "11"]
        assert h.in_title or h.quotes
        assert all(len(s) < 200 for s in h.snippets)
    counts = [(not h.in_title, -len(h.quotes)) for h in hits]
    assert counts == sorted(counts)
    assert len(corpus.search("chapter 11", limit=1)) == 1
    assert not corpus.search("zebra crossing in Ulaanbaatar")
    with pytest.raises(NewslineError, match="empty search"):
        corpus.search("  ")


def test_to_pandas(corpus: Corpus) -> None:
    pd = pytest.importorskip("pandas")
    events = corpus.events.to_pandas()
    assert isinstance(events, pd.DataFrame) and len(events) == len(corpus.events)
    assert list(events.columns) == [c for c, _ in COLUMNS["events"]]
    assert list(corpus.stories.to_pandas().columns) == [c for c, _ in COLUMNS["stories"]]
    assert len(corpus.documents.to_pandas()) == len(corpus.documents)
    assert len(corpus.entities.to_pandas()) == len(corpus.entities)
    assert len(corpus.search("bankruptcy").to_pandas()) == len(corpus.search("bankruptcy"))
    t = corpus.entity("GM").timeline()
    frame = t.to_pandas()
    assert len(frame) == len(t) and {"date", "summary", "role", "quote"} <= set(frame.columns)
    tables = corpus.tables()
    assert set(tables) == set(COLUMNS) and len(tables["events"]) == len(corpus.events)


def test_run_returns_the_corpus(small_corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(small_corpus.iterdir())[:2]:
        (folder / f.name).write_bytes(f.read_bytes())
    from newsline.settings import Settings

    corpus = newsline.run(folder, db=tmp_path / "r.db", settings=Settings(workers=1))
    assert len(corpus.documents) == 2 and corpus.report is not None
    assert corpus.report.analysed == 2 and corpus.stories
    with pytest.raises(NewslineError, match="no article could be read"):
        newsline.run([tmp_path / "nowhere"], db=tmp_path / "n.db")
