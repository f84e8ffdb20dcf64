"""The web app behind ``newsline serve``: the timeline page and a small read-only JSON API.

Views return data and the renderers in ``newsline.export`` turn it into pages (datasette style).
``load_timeline`` is called on every request, so the app always shows what the store holds now;
the app never writes.

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

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.types import ASGIApp

from newsline.export.html import content_security_policy, render_html
from newsline.web.guard import API_CSP, Guard

__all__ = ["API_CSP", "create_app", "find", "serve"]

Json = dict[str, Any]
LoadTimeline = Callable[[], Json]

_KINDS = {"entities": "entity", "events": "event", "documents": "document"}


def create_app(load_timeline: LoadTimeline) -> FastAPI:
    """The app over whatever ``load_timeline()`` returns (the SPEC.md timeline dict)."""
    app = _GuardedFastAPI(
        title="newsline",
        summary="An evidence-backed timeline of a pile of news articles.",
        docs_url=None,
        redoc_url=None,  # their pages load scripts from a CDN
    )

    @app.get("/", response_class=HTMLResponse, summary="The timeline as one HTML page")
    def page() -> HTMLResponse:
        return HTMLResponse(render_html(load_timeline()))

    @app.get("/api/timeline", summary="The whole timeline (newsline.timeline/1)")
    def timeline() -> JSONResponse:
        return JSONResponse(load_timeline())

    @app.get("/api/entities/{id}", summary="One entity by id")
    def entity(id: str) -> JSONResponse:
        return _one(load_timeline(), "entities", id)

    @app.get("/api/events/{id}", summary="One event by id")
    def event(id: str) -> JSONResponse:
        return _one(load_timeline(), "events", id)

    @app.get("/api/documents/{id}", summary="One document by id")
    def document(id: str) -> JSONResponse:
        return _one(load_timeline(), "documents", id)

    @app.get("/healthz", summary="Liveness check")
    def healthz() -> Json:
        return {"status": "ok"}

    return app


def serve(
    load_timeline: LoadTimeline,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
) -> None:
    """Run the app with uvicorn until interrupted. Listens on localhost unless told otherwise."""
    import uvicorn

    from newsline.web.protocol import uvicorn_options

    app = create_app(load_timeline)
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


def _one(timeline: Json, collection: str, id: str) -> JSONResponse:
    item = find(timeline, collection, id)
    if item is None:
        kind = _KINDS[collection]
        return JSONResponse(
            {"error": "not_found", "message": f"no {kind} with id {id!r}", "kind": kind, "id": id},
            status_code=404,
        )
    return JSONResponse(item)
