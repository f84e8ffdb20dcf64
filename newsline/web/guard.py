"""The app's front door: request limits and security headers, as one pure-ASGI middleware.

``Guard`` wraps the whole FastAPI app (outside Starlette's own error middleware, so its 500s are
covered too) and does two things:

* It turns away what the read-only app has no use for, before any route runs: a method other
  than GET or HEAD (405), a request target over ``MAX_TARGET`` bytes (414), headers over
  ``MAX_HEADERS`` bytes (431), a path with broken percent-encoding, bytes that are not UTF-8 or
  control characters (400), and any request body (413). HEAD is answered as GET without the body.
* It sets the security headers on every response that passes through it: the page's own
  Content-Security-Policy on HTML, ``API_CSP`` on everything else, and the headers in
  ``SECURITY_HEADERS``.

``error_response`` is the one rendering of an error (JSON, ``API_CSP``); the uvicorn protocol in
``newsline.web.protocol`` uses it for the errors it answers itself, before a request reaches ASGI.
"""

from __future__ import annotations

import http
import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]

MAX_TARGET = 8 * 1024  # path and query string of the request line, in bytes
MAX_HEADERS = 16 * 1024  # all header names and values together, in bytes
METHODS = ("GET", "HEAD")

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS: Headers = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_CSP = b"content-security-policy"
_OURS = {_CSP} | {name for name, _ in SECURITY_HEADERS}
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def security_headers(
    headers: Iterable[tuple[bytes, bytes]], page_csp: str | None = None
) -> Headers:
    """``headers`` with the security headers set, replacing any the app set itself.

    An HTML response gets ``page_csp`` (the page's inline style and script by hash), anything
    else ``API_CSP``.
    """
    kept = [(k, v) for k, v in headers if k.lower() not in _OURS]
    html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in kept)
    csp = page_csp if html and page_csp else API_CSP
    return [*kept, (_CSP, csp.encode("ascii")), *SECURITY_HEADERS]


def error_response(status: int, message: str) -> tuple[Headers, bytes]:
    """The headers and body of an error answered outside the routes: a small JSON object."""
    phrase = http.HTTPStatus(status).phrase
    code = re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")
    body = json.dumps({"error": code, "message": message}).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"connection", b"close"),
    ]
    return security_headers(headers), body


def check(scope: Scope) -> tuple[int, str] | None:
    """Why the app will not answer this request, as (status, message); None when it will."""
    if scope["method"] not in METHODS:
        return 405, f"{scope['method']} is not allowed here; this API is read-only (GET, HEAD)"
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogatepass")
    query: bytes = scope.get("query_string", b"")
    if len(raw_path) + len(query) > MAX_TARGET:
        return 414, f"the request target is longer than {MAX_TARGET} bytes"
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    if sum(len(k) + len(v) for k, v in headers) > MAX_HEADERS:
        return 431, f"the request headers are larger than {MAX_HEADERS} bytes"
    if _BAD_PERCENT.search(raw_path):
        return 400, "the path has a '%' that is not followed by two hex digits"
    try:
        path = unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return 400, "the path does not decode to UTF-8"
    if _CONTROL.search(path):
        return 400, "the path holds a control character"
    if any(_declares_body(name.lower(), value.strip()) for name, value in headers):
        return 413, "this API takes no request body"
    return None


def _declares_body(name: bytes, value: bytes) -> bool:
    if name == b"transfer-encoding":
        return True
    return name == b"content-length" and (not value.isdigit() or int(value) > 0)


class Guard:
    """Pure-ASGI middleware: ``check`` every request, set the security headers on every answer."""

    def __init__(self, app: ASGIApp, page_csp: str | None = None) -> None:
        self.app = app
        self.page_csp = page_csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = check(scope)
        if refused is not None:
            status, message = refused
            extra = [(b"allow", b", ".join(m.encode() for m in METHODS))] if status == 405 else []
            await _send_error(send, status, message, extra, head=scope["method"] == "HEAD")
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        started = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = security_headers(message.get("headers", []), self.page_csp)
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, guarded)
        except Exception:
            if not started:  # Starlette answers its own errors; this covers what it did not
                await _send_error(send, 500, "internal error")
            raise


async def _send_error(
    send: Send, status: int, message: str, extra: Headers | None = None, head: bool = False
) -> None:
    headers, body = error_response(status, message)
    start: dict[str, Any] = {"type": "http.response.start", "status": status}
    start["headers"] = [*headers, *(extra or [])]
    await send(start)
    await send({"type": "http.response.body", "body": b"" if head else body})
