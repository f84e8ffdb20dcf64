"""The web app behind ``newsline serve``: the timeline page and a small read-only JSON API.

Views return data and the renderers in ``newsline.export`` turn it into pages (datasette style).
What the app shows is what the store holds now: given ``version`` (a cheap call that changes
whenever the store does; ``newsline serve`` passes :meth:`Store.state`), the timeline, its
indexes by id and the rendered page are made once per version and shared by every request;
without it ``load_timeline`` is called on every request. The app never writes.

Nothing a client sends should stop the server or get an answer without the security headers.
That takes two layers, since some requests never reach the app:

* ``newsline.web.guard.Guard``, a pure-ASGI middleware outside everything else in the app,
  refuses what a read-only API has no use for (405, 413, 414, 431, 400 for broken paths) and
  sets the Content-Security-Policy (the page's own inline style and script by hash on HTML,
  ``API_CSP`` elsewhere), ``X-Content-Type-Options: nosniff`` and the other headers in
  ``guard.SECURITY_HEADERS`` on every answer, the app's 404s and Starlette's 500s included.
* ``newsline.web.protocol.GuardedH11Protocol``, the uvicorn protocol ``serve`` runs, answers
  what h11 cannot parse with the same headers and a fitting 4xx, closes without resetting the
  client, and times out request heads that never finish.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp

from newsline.export.html import content_security_policy, render_html
from newsline.web.guard import API_CSP, Guard

__all__ = ["API_CSP", "create_app", "find", "serve"]

Json = dict[str, Any]
LoadTimeline = Callable[[], Json]

_KINDS = {"entities": "entity", "events": "event", "documents": "document"}


@dataclass
class _View:
    """One version of the store as the app serves it; the page and the timeline's JSON are
    rendered the first time they are asked for."""

    timeline: Json
    index: dict[str, dict[str, Json]]
    page: bytes | None = None
    body: bytes | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Views:
    """The current :class:`_View`, made again only when ``version()`` changes."""

    def __init__(self, load_timeline: LoadTimeline,
                 version: Callable[[], str] | None) -> None:
        self.load, self.version = load_timeline, version
        self.key: str | None = None
        self.view: _View | None = None
        self.lock = threading.Lock()

    def current(self) -> _View:
        if self.version is None:
            return _view(self.load())
        key = self.version()
        with self.lock:
            if self.view is None or key != self.key:
                self.view, self.key = _view(self.load()), key
            return self.view


def _view(tl: Json) -> _View:
    index = {}
    for collection in _KINDS:
        items = tl.get(collection)
        index[collection] = {item["id"]: item for item in items if isinstance(item, dict)
                             and isinstance(item.get("id"), str)} if isinstance(items, list) else {}
    return _View(tl, index)


def create_app(load_timeline: LoadTimeline,
               version: Callable[[], str] | None = None) -> FastAPI:
    """The app over whatever ``load_timeline()`` returns (the SPEC.md timeline dict), made
    again only when ``version()`` changes (every request when it is None)."""
    views = _Views(load_timeline, version)
    app = _GuardedFastAPI(
        title="newsline",
        summary="An evidence-backed timeline of a pile of news articles.",
        docs_url=None,
        redoc_url=None,  # their pages load scripts from a CDN
    )

    @app.get("/", response_class=HTMLResponse, summary="The timeline as one HTML page")
    def page() -> Response:
        view = views.current()
        with view.lock:
            if view.page is None:
                view.page = render_html(view.timeline).encode("utf-8")
        return Response(view.page, media_type="text/html; charset=utf-8")

    @app.get("/api/timeline", summary="The whole timeline (newsline.timeline/1)")
    def timeline() -> Response:
        view = views.current()
        with view.lock:
            if view.body is None:
                view.body = json.dumps(view.timeline, ensure_ascii=False,
                                       separators=(",", ":")).encode("utf-8")
        return Response(view.body, media_type="application/json")

    @app.get("/api/entities/{id}", summary="One entity by id")
    def entity(id: str) -> JSONResponse:
        return _one(views.current(), "entities", id)

    @app.get("/api/events/{id}", summary="One event by id")
    def event(id: str) -> JSONResponse:
        return _one(views.current(), "events", id)

    @app.get("/api/documents/{id}", summary="One document by id")
    def document(id: str) -> JSONResponse:
        return _one(views.current(), "documents", id)

    @app.get("/healthz", summary="Liveness check")
    def healthz() -> Json:
        return {"status": "ok"}

    return app


def serve(
    load_timeline: LoadTimeline,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
    version: Callable[[], str] | None = None,
) -> None:
    """Run the app with uvicorn until interrupted. Listens on localhost unless told otherwise."""
    import uvicorn

    from newsline.web.protocol import uvicorn_options

    app = create_app(load_timeline, version)
    uvicorn.run(app, host=host, port=port, log_level=log_level, **uvicorn_options())


class _GuardedFastAPI(FastAPI):
    """FastAPI with ``Guard`` outside its whole middleware stack (``add_middleware`` would put
    it inside Starlette's error middleware, whose 500 answers would then lack the headers)."""

    def build_middleware_stack(self) -> ASGIApp:
        return Guard(super().build_middleware_stack(), page_csp=content_security_policy())


def find(timeline: Json, collection: str, id: str) -> Json | None:
    """The object with ``id`` in ``timeline[collection]``, or None."""
    items = timeline.get(collection)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("id") == id:
            return item
    return None


def _one(view: _View, collection: str, id: str) -> JSONResponse:
    item = view.index[collection].get(id)
    if item is None:
        kind = _KINDS[collection]
        return JSONResponse(
            {"error": "not_found", "message": f"no {kind} with id {id!r}", "kind": kind, "id": id},
            status_code=404,
        )
    return JSONResponse(item)
