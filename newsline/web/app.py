"""The web app behind ``newsline serve``: the timeline page and a small read-only JSON API.

Views return data and the renderers in ``newsline.export`` turn it into pages (datasette style).
``load_timeline`` is called on every request, so the app always shows what the store holds now;
the app never writes. Every response carries a Content-Security-Policy (the page's own inline
style and script by hash, nothing else) and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from newsline.export.html import content_security_policy, render_html

Json = dict[str, Any]
LoadTimeline = Callable[[], Json]

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_KINDS = {"entities": "entity", "events": "event", "documents": "document"}


def create_app(load_timeline: LoadTimeline) -> FastAPI:
    """The app over whatever ``load_timeline()`` returns (the SPEC.md timeline dict)."""
    app = FastAPI(
        title="newsline",
        summary="An evidence-backed timeline of a pile of news articles.",
        docs_url=None,
        redoc_url=None,  # their pages load scripts from a CDN
    )
    page_csp = content_security_policy()

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        html = response.headers.get("content-type", "").startswith("text/html")
        response.headers["Content-Security-Policy"] = page_csp if html else API_CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

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

    uvicorn.run(create_app(load_timeline), host=host, port=port, log_level=log_level)


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
