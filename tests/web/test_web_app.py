"""The web app's routes and headers, through FastAPI's TestClient (no network)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsline.export.html import content_security_policy, render_html
from newsline.web import app as web_app
from newsline.web import create_app
from newsline.web.protocol import GuardedH11Protocol
from newsline.web.render import app_csp


def test_the_one_page_timeline_moved_to_timeline(client: TestClient, demo: dict[str, Any]) -> None:
    r = client.get("/timeline")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.text == render_html(demo)
    csp = r.headers["content-security-policy"]
    assert csp == app_csp()
    # the page's own inline style and script run by hash (they are in its meta policy too)
    for directive in content_security_policy(meta=True).split("; ")[1:3]:
        assert directive.split(" ", 1)[1] in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_home_lists_the_stories_newest_first(client: TestClient, demo: dict[str, Any]) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == app_csp()
    newest_first = sorted(demo["stories"], key=lambda s: s["latest"], reverse=True)
    places = [r.text.index(s["title"].replace("'", "&#39;")) for s in newest_first]
    assert places == sorted(places)
    assert "<script>" not in r.text  # only the app's own script file


def test_timeline_json(client: TestClient, demo: dict[str, Any]) -> None:
    r = client.get("/api/timeline")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == demo
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("collection", ["entities", "events", "documents"])
def test_one_object_by_id(client: TestClient, demo: dict[str, Any], collection: str) -> None:
    for item in demo[collection]:
        r = client.get(f"/api/{collection}/{quote(item['id'], safe='')}")
        assert r.status_code == 200, item["id"]
        assert r.json() == item


@pytest.mark.parametrize("collection", ["entities", "events", "documents"])
def test_unknown_id_is_404_json(client: TestClient, collection: str) -> None:
    r = client.get(f"/api/{collection}/no-such-id")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["error"] == "not_found" and body["id"] == "no-such-id"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_healthz_and_unknown_route(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/nope")
    assert r.status_code == 404 and r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404  # would load scripts from a CDN


def test_hostile_ids_and_page(hostile_client: TestClient, hostile: dict[str, Any]) -> None:
    event = hostile["events"][0]
    r = hostile_client.get(f"/api/events/{quote(event['id'], safe='')}")
    assert r.status_code == 200 and r.json() == event
    for path in ("/", "/timeline"):
        page = hostile_client.get(path).text
        assert "<script>alert" not in page and "<img" not in page


def test_reloads_on_every_request(demo: dict[str, Any]) -> None:
    calls = []

    def load() -> dict[str, Any]:
        calls.append(1)
        return demo

    with TestClient(create_app(load)) as c:
        c.get("/api/timeline")
        c.get("/")
    assert len(calls) == 2


def test_with_a_version_the_timeline_is_made_once_per_version(demo: dict[str, Any]) -> None:
    calls = []
    version = ["v1"]

    def load() -> dict[str, Any]:
        calls.append(1)
        return demo

    with TestClient(create_app(load, lambda: version[0])) as c:
        first = c.get("/").content
        assert c.get("/").content == first
        assert c.get("/api/timeline").json() == c.get("/api/timeline").json()
        event = demo["events"][0]
        assert c.get(f"/api/events/{quote(event['id'], safe='')}").json() == event
        assert len(calls) == 1
        version[0] = "v2"  # a new build: made again
        c.get("/api/timeline")
        assert len(calls) == 2


def test_store_state_changes_with_what_readers_see(built_copy: Any) -> None:
    from newsline.store import Store

    with Store(built_copy) as store:
        before = store.state()
        assert store.state() == before
        doc = store.article_ids()[0]
        store.save_failures([(doc, "limits", "too long")], "v")
        assert store.state() != before


def test_serve_defaults_to_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    web_app.serve(lambda: {})
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8000
    assert seen["http"] is GuardedH11Protocol and seen["ws"] == "none"  # newsline.web.protocol
    web_app.serve(lambda: {}, host="0.0.0.0", port=9000)
    assert seen["host"] == "0.0.0.0" and seen["port"] == 9000
    assert create_app  # the package exports it
    web_app.serve(lambda: {}, version=lambda: "v", db="news.db")  # the pages read the store
    assert seen["app"] is not None
