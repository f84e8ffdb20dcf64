"""The document page's header: the source's byline, outlet, section, URL and provenance,
escaped, from a database and from a timeline file alike (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsline.ingest import article_id
from newsline.model import Article, Corpus
from newsline.store import Store
from newsline.web import create_app

SCRIPT = "<script>alert('by')</script>"
ATTR = '"><img src=x onerror=alert(1)>'


def _page(client: TestClient, doc: str) -> tuple[str, dict[str, Any]]:
    r = client.get(f"/documents/{doc}")
    assert r.status_code == 200, r.text[:300]
    return r.text, client.get(f"/api/documents/{doc}/view").json()["document"]


def _header(page: str) -> str:
    return page.split("<h1>", 1)[1].split('<section class="card">', 1)[0]


def test_a_stored_article_s_header_is_escaped(tmp_path: Path) -> None:
    text = "The port reopened on Monday after a week of talks."
    art = Article(article_id(text), "feed.rss#3", text, title="Port reopens",
                  outlet=f"Courier {ATTR}", url="javascript:alert(2)",
                  author=f"Anna {SCRIPT}", section=f"Ports {ATTR}",
                  provenance={"record": 3, "format": f"rss{SCRIPT}", "file_created": "2024-05-17",
                              "extra": {f"id{ATTR}": f"x{SCRIPT}"}})
    db = tmp_path / "h.db"
    with Store(db) as store:
        store.add_articles([art])
        store.save_corpus(Corpus())
    with TestClient(create_app(None, db=db)) as c:
        page, data = _page(c, art.id)
    head = _header(page)
    assert SCRIPT not in page and ATTR not in page
    assert "by Anna &lt;script&gt;alert(&#39;by&#39;)&lt;/script&gt;" in head
    assert "section: Ports &#34;&gt;&lt;img" in head and "Courier &#34;&gt;" in head
    assert "record 3" in head and "file made 2024-05-17" in head
    assert "rss&lt;script&gt;" in head and "x&lt;script&gt;" in head
    assert 'href="javascript' not in page  # shown, not a link
    assert '<code class="url">javascript:alert(2)</code>' in head
    assert data["author"] == f"Anna {SCRIPT}" and data["section"] == f"Ports {ATTR}"
    assert data["provenance"]["extra"] == [{"key": f"id{ATTR}", "value": f"x{SCRIPT}"}]


def test_an_http_url_is_a_link_and_an_article_without_metadata_shows_none(
        tmp_path: Path) -> None:
    text = "Ferries were cancelled on Tuesday."
    art = Article(article_id(text), "a.txt", text, title="Ferries",
                  url="https://ledger.example.net/ferries")
    db = tmp_path / "p.db"
    with Store(db) as store:
        store.add_articles([art])
    with TestClient(create_app(None, db=db)) as c:
        page, data = _page(c, art.id)
    head = _header(page)
    assert '<a class="url" href="https://ledger.example.net/ferries"' in head
    assert "by " not in head and "section:" not in head and "provenance" not in head
    assert data["author"] is None and data["provenance"] is None


def test_a_timeline_file_s_documents_show_them_escaped(demo: dict[str, Any]) -> None:
    first, second = demo["documents"][0], demo["documents"][1]
    first.update(author=SCRIPT, section=ATTR,
                 provenance={"format": "nexis", "record": 2, "extra": {"load-date": SCRIPT}})
    second.update(author=["not", "text"], provenance="not an object")  # a hostile file
    with TestClient(create_app(lambda: demo)) as c:
        page, data = _page(c, first["id"])
        other, _ = _page(c, second["id"])
    head = _header(page)
    assert SCRIPT not in page and ATTR not in page
    assert "by &lt;script&gt;" in head and "format <code>nexis</code>, record 2" in head
    assert data["provenance"]["extra"] == [{"key": "load-date", "value": SCRIPT}]
    assert "provenance" not in _header(other)
