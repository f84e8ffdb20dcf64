"""The app's limits and headers (``newsline.web.guard``), through TestClient and straight ASGI."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote_from_bytes, unquote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsline.web import create_app
from newsline.web.guard import API_CSP, MAX_TARGET, SECURITY_HEADERS
from newsline.web.render import app_csp

BASE = httpx.URL("http://testserver/")
PATHS = ["/", "/api/timeline", "/api/entities/", "/api/events/", "/api/documents/", "/healthz",
         "/openapi.json", "/docs", "/api/", "", "/timeline", "/stories/", "/events/",
         "/entities/", "/documents/", "/flags", "/search", "/api/stories", "/api/stories/",
         "/api/events", "/api/flags", "/api/search", "/static/"]


def assert_secure(headers: httpx.Headers | dict[str, str]) -> None:
    csp = headers["content-security-policy"]
    assert csp in (API_CSP, app_csp())
    if not headers.get("content-type", "").startswith("text/html"):
        assert csp == API_CSP
    for name, value in SECURITY_HEADERS:
        assert headers[name.decode()] == value.decode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PATHS),
    rest=st.text(max_size=60),
    query=st.text(max_size=60),
)
def test_random_paths_and_queries_never_5xx(
    demo_client: TestClient, prefix: str, rest: str, query: str
) -> None:
    # '%' is kept as it is, so broken escapes reach the app
    raw_query = quote_from_bytes(query.encode("utf-8", "surrogatepass"), safe="=&%+/?;")
    try:
        url = BASE.copy_with(path="/" + prefix.lstrip("/") + rest, query=raw_query.encode())
    except httpx.InvalidURL:
        return  # httpx will not send it
    r = demo_client.get(str(url))
    assert r.status_code < 500, (url, r.text)
    assert_secure(r.headers)


RAW = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=80)


# what h11 lets through as a header value: no NUL, CR or LF, no space at either end
VALUE = st.binary(max_size=40).map(lambda b: bytes(c for c in b if c not in b"\0\r\n").strip())


@settings(max_examples=300, deadline=None)
@given(target=st.builds(lambda p, r: p + r, st.sampled_from(PATHS), RAW),
       method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PRI"]),
       host=VALUE, accept=VALUE)
def test_any_request_line_the_server_passes_never_5xx(
    demo_app: FastAPI, target: str, method: str, host: bytes, accept: bytes
) -> None:
    """What uvicorn's h11 protocol hands the app for any request h11 accepts."""
    raw_path, _, query = target.encode("ascii").partition(b"?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": unquote(raw_path.decode("ascii")), "raw_path": raw_path,
        "query_string": query, "root_path": "", "headers": [(b"host", host), (b"accept", accept)],
        "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 1),
    }
    status, headers = asyncio.run(_call(demo_app, scope))
    assert status < 500, (method, target)
    assert_secure(headers)
    if method not in ("GET", "HEAD"):
        assert status == 405 and headers["allow"] == "GET, HEAD"


async def _call(app: FastAPI, scope: dict[str, Any]) -> tuple[int, dict[str, str]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("POST", "/api/timeline", {"content": b"x"}, 405),
        ("DELETE", "/api/events/x", {}, 405),
        ("GET", "/" + "a" * MAX_TARGET, {}, 414),
        ("GET", "/api/timeline?" + "q" * MAX_TARGET, {}, 414),
        ("GET", "/", {"headers": {"x-big": "b" * 20_000}}, 431),
        ("GET", "/", {"content": b"body"}, 413),
        ("GET", "/api/events/%00", {}, 400),
        ("GET", "/api/events/%C3%28", {}, 400),
        ("GET", "/api/events/%C3%A9", {}, 404),
    ],
)
def test_refused(
    demo_client: TestClient, method: str, url: str, kwargs: dict[str, Any], status: int
) -> None:
    r = demo_client.request(method, url, **kwargs)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert r.json()["error"] and r.json()["message"]
    assert_secure(r.headers)


def test_head_is_get_without_body(demo_client: TestClient) -> None:
    get, head = demo_client.get("/api/timeline"), demo_client.head("/api/timeline")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert_secure(head.headers)


def test_server_error_carries_headers() -> None:
    def broken() -> dict[str, Any]:
        raise RuntimeError("store gone")

    with TestClient(create_app(broken), raise_server_exceptions=False) as c:
        r = c.get("/api/timeline")
    assert r.status_code == 500
    assert_secure(r.headers)


def test_headers_set_once(demo_client: TestClient) -> None:
    r = demo_client.get("/")
    assert r.headers.get_list("content-security-policy") == [app_csp()]
    assert r.headers.get_list("x-content-type-options") == ["nosniff"]
