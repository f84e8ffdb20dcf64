"""The web app behind ``newsline serve``: the analyst's pages and a read-only JSON API.

Views return data (:mod:`newsline.web.views`, datasette style) and :mod:`newsline.web.render`
turns the same data into pages; every page is also JSON under ``/api/``:

========================  ==============================  ====================================
page                      HTML                            JSON
========================  ==============================  ====================================
stories, newest first     ``/``                           ``/api/stories``
a story (filterable)      ``/stories/{id}``               ``/api/stories/{id}``
events (filterable)       (on the story page)             ``/api/events``
an event                  ``/events/{id}``                ``/api/events/{id}/view``
an entity                 ``/entities/{id}``              ``/api/entities/{id}/view``
a document                ``/documents/{id}``             ``/api/documents/{id}/view``
flags                     ``/flags``                      ``/api/flags``
search                    ``/search?q=``                  ``/api/search?q=``
the whole timeline        ``/timeline`` (one page)        ``/api/timeline``
========================  ==============================  ====================================

``/api/entities/{id}``, ``/api/events/{id}`` and ``/api/documents/{id}`` are the objects of
the timeline JSON (SPEC.md). Lists take ``?limit=&offset=`` and say ``total``, ``next`` and
``prev``.

Given ``db`` (``newsline serve`` passes its database), every page reads only what it shows
from the store's indexed tables, through a small pool of connections, each page in one
snapshot; nothing grows with requests. ``/api/timeline`` is then sent as it is read from the
tables, a batch of objects at a time, and ``/timeline`` is one page only for a store of at most
``ONE_PAGE_LIMIT`` articles (made once per ``version`` from ``load_timeline``; a bigger store
gets a page that says where to read it instead). Without ``db`` (tests, a timeline dict), the
dict is written once per ``version`` into a private SQLite file and read the same way, and the
whole timeline is made once per ``version`` from ``load_timeline``. The app never writes to
the store.

Nothing a client sends should stop the server or get an answer without the security headers.
That takes two layers, since some requests never reach the app:

* ``newsline.web.guard.Guard``, a pure-ASGI middleware outside everything else in the app,
  refuses what a read-only API has no use for (405, 413, 414, 431, 400 for broken paths) and
  sets the Content-Security-Policy (``render.app_csp`` on HTML: the app's own stylesheet and
  script, and the one-page timeline's inline ones by hash; ``API_CSP`` elsewhere),
  ``X-Content-Type-Options: nosniff`` and the other headers in ``guard.SECURITY_HEADERS`` on
  every answer, the app's 404s and Starlette's 500s included.
* ``newsline.web.protocol.GuardedH11Protocol``, the uvicorn protocol ``serve`` runs, answers
  what h11 cannot parse with the same headers and a fitting 4xx, closes without resetting the
  client, and times out request heads that never finish.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.types import ASGIApp

from newsline.export.html import render_html
from newsline.model import Article, DateEstimate
from newsline.store import Store, build_rows, database_errors
from newsline.web import render, views
from newsline.web.guard import API_CSP, Guard

__all__ = ["API_CSP", "create_app", "find", "serve"]

Json = dict[str, Any]
LoadTimeline = Callable[[], Json]

_KINDS = {"entities": "entity", "events": "event", "documents": "document"}
Limit = Annotated[int, Query(ge=1, le=500, description="how many items")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="how many items to skip")]
ListLimit = Annotated[int, Query(ge=1, le=1000, description="how many items")]
MentionLimit = Annotated[int, Query(ge=1, le=10_000, description="how many of its mentions")]
ONE_PAGE_LIMIT = 1000  # the most articles ``/timeline`` puts on one page (else it says so)
MENTIONS_PAGE = 1000  # an object's mentions a response carries unless asked for another page
Part = Annotated[int | None, Query(ge=0, le=10**6, description="which part of a long text")]
At = Annotated[int | None, Query(ge=0, le=10**9,
                                 description="the part of a long text holding this character")]
Text = Annotated[str | None, Query(max_length=500)]


@dataclass
class _View:
    """One version of the timeline as the app serves it; the page and the timeline's JSON are
    rendered the first time they are asked for."""

    timeline: Json
    index: dict[str, dict[str, Json]]
    page: bytes | None = None
    body: bytes | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Pool:
    """Stores open on one database, each lent to one request at a time; ``cleanup`` (a
    private folder) is removed once the pool is closed and every store is back."""

    def __init__(self, path: str | Path, cleanup: Path | None = None, keep: int = 8) -> None:
        self.path, self.cleanup, self.keep = path, cleanup, keep
        self.idle: list[Store] = []
        self.lent = 0
        self.closed = False
        self.lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[Store]:
        with self.lock:
            store = self.idle.pop() if self.idle else None
            self.lent += 1
        try:
            if store is None:
                store = Store(self.path)
            with store.snapshot():
                yield store
        except database_errors():
            if store is not None:  # a connection in doubt is not lent again
                store.close()
                store = None
            raise
        finally:
            with self.lock:
                self.lent -= 1
                if store is not None and not self.closed and len(self.idle) < self.keep:
                    self.idle.append(store)
                elif store is not None:
                    store.close()
                done = self.closed and self.lent == 0
            if done:
                self._remove()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            idle, self.idle = self.idle, []
            done = self.lent == 0
        for store in idle:
            store.close()
        if done:
            self._remove()

    def _remove(self) -> None:
        if self.cleanup is not None:
            shutil.rmtree(self.cleanup, ignore_errors=True)
            self.cleanup = None


class _Views:
    """The current :class:`_View` (made again only when ``version()`` changes) and the store
    the pages read."""

    def __init__(self, load_timeline: LoadTimeline | None,
                 version: Callable[[], str] | None, db: str | Path | None) -> None:
        self.load, self.version = load_timeline, version
        self.key: str | None = None
        self.view: _View | None = None
        self.lock = threading.Lock()
        self.pool = _Pool(db) if db is not None else None
        self.copy: tuple[str, _Pool] | None = None  # a timeline dict written to SQLite

    def _timeline(self) -> Json:
        if self.load is not None:
            return self.load()
        from newsline.export.json import timeline

        with self.store() as store:
            return timeline(store)

    def current(self) -> _View:
        if self.version is None:
            return _view(self._timeline())
        key = self.version()
        with self.lock:
            if self.view is None or key != self.key:
                self.view, self.key = _view(self._timeline()), key
            return self.view

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store to read one page from: the database, or the timeline written to one."""
        if self.pool is not None:
            with self.pool.store() as store:
                yield store
            return
        view = self.current()
        key = self.key if self.version is not None else _digest(view.timeline)
        with self.lock:
            if self.copy is None or self.copy[0] != key:
                old, self.copy = self.copy, (key or "", _copy(view.timeline))
                if old is not None:
                    old[1].close()
            pool = self.copy[1]
        with pool.store() as store:
            yield store


def _view(tl: Json) -> _View:
    index = {}
    for collection in _KINDS:
        items = tl.get(collection)
        index[collection] = {item["id"]: item for item in items if isinstance(item, dict)
                             and isinstance(item.get("id"), str)} if isinstance(items, list) else {}
    return _View(tl, index)


def _digest(tl: Json) -> str:
    return hashlib.sha256(json.dumps(tl, sort_keys=True, default=str).encode()).hexdigest()


def _copy(tl: Json) -> _Pool:
    """The timeline dict written into a private SQLite store (the pages' tables)."""
    folder = Path(tempfile.mkdtemp(prefix="newsline-web-"))
    path = folder / "timeline.db"

    def unique(name: str) -> list[Json]:
        seen: dict[str, Json] = {}
        for item in tl.get(name) or []:
            if isinstance(item, dict) and str(item.get("id")) not in seen:
                seen[str(item.get("id"))] = item
        return list(seen.values())

    documents = unique("documents")
    lines: dict[str, list[Json]] = {}
    for line in tl.get("summaries") or []:
        if isinstance(line, dict):
            lines.setdefault(str(line.get("story")), []).append(line)
    with Store(path) as store:
        store.add_articles(
            Article(id=str(d.get("id")), source=str(d.get("source") or ""),
                    text=str(d.get("text") or ""), title=_str(d.get("title")),
                    outlet=_str(d.get("outlet")), url=_str(d.get("url"))) for d in documents)
        rows = build_rows(documents, unique("entities"), unique("events"), unique("stories"),
                          unique("flags"), lines)
        with store.transaction() as conn:
            store.write_tables(rows)
            conn.execute("INSERT INTO build_meta (key, value) VALUES ('built_at', ?)",
                         (str(tl.get("generated_at") or ""),))
    return _Pool(path, cleanup=folder)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _date(value: str | None) -> str | None:
    """A ``since``/``until`` parameter: an ISO day, or None (anything else is ignored)."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def create_app(load_timeline: LoadTimeline | None = None,
               version: Callable[[], str] | None = None,
               db: str | Path | None = None) -> FastAPI:
    """The app over a store (``db``: its pages read the store's tables) or over whatever
    ``load_timeline()`` returns (the SPEC.md timeline dict). What is made from the whole
    timeline is made again only when ``version()`` changes (on every request when it is
    None)."""
    if load_timeline is None and db is None:
        raise ValueError("create_app needs load_timeline or db")
    views_ = _Views(load_timeline, version, db)
    app = _GuardedFastAPI(
        title="newsline",
        summary="An evidence-backed timeline of a pile of news articles.",
        docs_url=None,
        redoc_url=None,  # their pages load scripts from a CDN
    )
    app.state.views = views_

    def html(template: str, data: Json, api: str, status: int = 200, **extra: Any) -> Response:
        text = render.render(template, data, api=api, **extra)
        return Response(text.encode("utf-8"), status_code=status,
                        media_type="text/html; charset=utf-8")

    def not_found_html(exc: views.NotFound) -> Response:
        return html("error.html", {"message": str(exc)}, "", status=404)

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, summary="The stories, newest first")
    def home(limit: Limit = 50, offset: Offset = 0) -> Response:
        with views_.store() as store:
            data = views.home(store, limit, offset)
        return html("home.html", data,
                    render.with_query("/api/stories", {"offset": offset or None}))

    @app.get("/stories/{id}", response_class=HTMLResponse, summary="One story")
    def story_page(id: str, since: Text = None, until: Text = None, type: Text = None,
                   status: Text = None, entity: Text = None, outlet: Text = None,
                   limit: Limit = 50, offset: Offset = 0) -> Response:
        filters = _filters(since, until, type, status, entity, outlet)
        try:
            with views_.store() as store:
                data = views.story(store, id, filters, limit, offset)
        except views.NotFound as exc:
            return not_found_html(exc)
        data["dots"] = render.axis_dots(data["events"], data["axis"]["first"],
                                        data["axis"]["last"])
        api = render.with_query(f"/api/stories/{_q(id)}", {**filters, "offset": offset or None})
        return html("story.html", data, api)

    @app.get("/events/{id}", response_class=HTMLResponse, summary="One event")
    def event_page(id: str, limit: Limit = 50, offset: Offset = 0) -> Response:
        try:
            with views_.store() as store:
                data = views.event(store, id, limit, offset)
        except views.NotFound as exc:
            return not_found_html(exc)
        return html("event.html", data, f"/api/events/{_q(id)}/view")

    @app.get("/entities/{id}", response_class=HTMLResponse, summary="One entity")
    def entity_page(id: str, limit: Limit = 50, offset: Offset = 0) -> Response:
        try:
            with views_.store() as store:
                data = views.entity(store, id, limit, offset)
        except views.NotFound as exc:
            return not_found_html(exc)
        return html("entity.html", data, f"/api/entities/{_q(id)}/view")

    def entity_list_page(which: str) -> Callable[..., Response]:
        def page(id: str, limit: ListLimit = 200, offset: Offset = 0) -> Response:
            try:
                with views_.store() as store:
                    data = views.entity_list(store, id, which, limit, offset)
            except views.NotFound as exc:
                return not_found_html(exc)
            return html("entity_list.html", data, render.with_query(
                f"/api/entities/{_q(id)}/{which}", {"limit": limit, "offset": offset or None}))
        return page

    def entity_list_api(which: str) -> Callable[..., JSONResponse]:
        def api(id: str, limit: ListLimit = 200, offset: Offset = 0) -> JSONResponse:
            return _page(views_, lambda store: views.entity_list(store, id, which, limit, offset))
        return api

    for which, what in (("names", "every name of an entity, with counts"),
                        ("merges", "every merge that made an entity, and its rule")):
        app.get(f"/entities/{{id}}/{which}", response_class=HTMLResponse,
                summary=what.capitalize())(entity_list_page(which))
        app.get(f"/api/entities/{{id}}/{which}", summary=what.capitalize())(
            entity_list_api(which))

    @app.get("/documents/{id}", response_class=HTMLResponse, summary="One document")
    def document_page(id: str, part: Part = None, at: At = None) -> Response:
        try:
            with views_.store() as store:
                data = views.document(store, id, at, part)
        except views.NotFound as exc:
            return not_found_html(exc)
        index = data["part"]["index"]
        return html("document.html", data, render.with_query(
            f"/api/documents/{_q(id)}/view", {"part": index or None}))

    @app.get("/flags", response_class=HTMLResponse, summary="Every flag, filterable")
    def flags_page(kind: Text = None, severity: Text = None, limit: Limit = 50,
                   offset: Offset = 0) -> Response:
        with views_.store() as store:
            data = views.flags(store, kind or None, severity or None, limit, offset)
        return html("flags.html", data,
                    render.with_query("/api/flags", {**data["filters"], "offset": offset or None}))

    @app.get("/search", response_class=HTMLResponse, summary="Full-text search")
    def search_page(q: Text = None, limit: Limit = 20, offset: Offset = 0) -> Response:
        with views_.store() as store:
            data = views.search(store, q or "", limit, offset)
        return html("search.html", data, render.with_query("/api/search", {"q": q}), query=q or "")

    @app.get("/timeline", response_class=HTMLResponse, summary="The timeline as one HTML page")
    def page() -> Response:
        if views_.pool is not None:
            with views_.store() as store:
                documents = store.count_articles()
            if documents > ONE_PAGE_LIMIT:
                return html("one_page.html", {"documents": documents, "limit": ONE_PAGE_LIMIT},
                            "/api/timeline")
        view = views_.current()
        with view.lock:
            if view.page is None:
                view.page = render_html(view.timeline).encode("utf-8")
        return Response(view.page, media_type="text/html; charset=utf-8")

    @app.get("/static/{name}", summary="The app's stylesheet and script")
    def static(name: str) -> Response:
        if name not in render.ASSETS:
            return _not_found("file", name)
        data, tag = render.asset(name)
        return Response(data, media_type=render.ASSETS[name],
                        headers={"cache-control": "public, max-age=86400", "etag": f'"{tag}"'})

    # ------------------------------------------------------------------ the JSON API

    @app.get("/api/stories", summary="The stories, newest first")
    def api_stories(limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        with views_.store() as store:
            return JSONResponse(views.home(store, limit, offset))

    @app.get("/api/stories/{id}", summary="One story and its events (filterable)")
    def api_story(id: str, since: Text = None, until: Text = None, type: Text = None,
                  status: Text = None, entity: Text = None, outlet: Text = None,
                  limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        filters = _filters(since, until, type, status, entity, outlet)
        try:
            with views_.store() as store:
                return JSONResponse(views.story(store, id, filters, limit, offset))
        except views.NotFound as exc:
            return _not_found(exc.kind, exc.id)

    @app.get("/api/events", summary="Events in date order (filterable)")
    def api_events(story: Text = None, since: Text = None, until: Text = None,
                   type: Text = None, status: Text = None, entity: Text = None,
                   outlet: Text = None, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        filters = _filters(since, until, type, status, entity, outlet)
        with views_.store() as store:
            total, rows = store.event_list(story=story or None, limit=limit, offset=offset,
                                           **{k: v for k, v in filters.items() if v})
            return JSONResponse({"events": views.event_cards(store, rows), "filters":
                                 {**filters, "story": story or None},
                                 **views.page_of(total, limit, offset)})

    @app.get("/api/timeline", summary="The whole timeline (newsline.timeline/1)")
    def timeline() -> Response:
        if views_.pool is not None:
            return StreamingResponse(_streamed(views_.pool), media_type="application/json")
        view = views_.current()
        with view.lock:
            if view.body is None:
                view.body = json.dumps(view.timeline, ensure_ascii=False,
                                       separators=(",", ":")).encode("utf-8")
        return Response(view.body, media_type="application/json")

    @app.get("/api/entities/{id}",
             summary="One entity by id (as in the timeline), its mentions a page at a time")
    def entity(request: Request, id: str, limit: MentionLimit = MENTIONS_PAGE,
               offset: Offset = 0) -> JSONResponse:
        return _contract(views_, "entities", id, (limit, offset), request)

    @app.get("/api/events/{id}",
             summary="One event by id (as in the timeline), its mentions a page at a time")
    def event(request: Request, id: str, limit: MentionLimit = MENTIONS_PAGE,
              offset: Offset = 0) -> JSONResponse:
        return _contract(views_, "events", id, (limit, offset), request)

    @app.get("/api/documents/{id}", summary="One document by id (as in the timeline)")
    def document(id: str) -> JSONResponse:
        return _contract(views_, "documents", id)

    @app.get("/api/events/{id}/view", summary="One event: mentions, sources, disagreements")
    def api_event(id: str, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        return _page(views_, lambda store: views.event(store, id, limit, offset))

    @app.get("/api/entities/{id}/view", summary="One entity: names, merges, timeline")
    def api_entity(id: str, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        return _page(views_, lambda store: views.entity(store, id, limit, offset))

    @app.get("/api/documents/{id}/view", summary="One document: annotations, date, flags")
    def api_document(id: str, part: Part = None, at: At = None) -> JSONResponse:
        return _page(views_, lambda store: views.document(store, id, at, part))

    @app.get("/api/flags", summary="Every flag, filterable by kind and severity")
    def api_flags(kind: Text = None, severity: Text = None, limit: Limit = 50,
                  offset: Offset = 0) -> JSONResponse:
        with views_.store() as store:
            return JSONResponse(views.flags(store, kind or None, severity or None, limit, offset))

    @app.get("/api/search", summary="Full-text search over articles and names")
    def api_search(q: Text = None, limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
        with views_.store() as store:
            return JSONResponse(views.search(store, q or "", limit, offset))

    @app.get("/healthz", summary="Liveness check")
    def healthz() -> Json:
        return {"status": "ok"}

    return app


def _filters(since: str | None, until: str | None, type: str | None, status: str | None,
             entity: str | None, outlet: str | None) -> dict[str, str | None]:
    return {"since": _date(since), "until": _date(until), "type": type or None,
            "status": status or None, "entity": entity or None, "outlet": outlet or None}


def _q(id: str) -> str:
    return quote(id, safe="")


def _page(views_: _Views, make: Callable[[Store], Json]) -> JSONResponse:
    try:
        with views_.store() as store:
            return JSONResponse(make(store))
    except views.NotFound as exc:
        return _not_found(exc.kind, exc.id)


def _contract(views_: _Views, collection: str, id: str,
              page: tuple[int, int] | None = None, request: Request | None = None,
              ) -> JSONResponse:
    """An object of the timeline JSON: from the store's tables when serving a database,
    else from the timeline dict. With ``page`` (limit, offset), an entity or event carries
    that page of its mentions, and the response says how many there are in all
    (``X-Total-Count``) and where the next page is (a ``Link`` header, ``rel="next"``)."""
    item: Json | None
    total = 0
    if views_.pool is None:
        item = views_.current().index[collection].get(id)
        if item is not None and page is not None:
            limit, offset = page
            total = len(item["mentions"])
            item = {**item, "mentions": item["mentions"][offset:offset + limit]}
    else:
        with views_.store() as store:
            item, total = _from_store(store, collection, id, page)
    if item is None:
        return _not_found(_KINDS[collection], id)
    headers = {}
    if page is not None:
        limit, offset = page
        headers["X-Total-Count"] = str(total)
        if request is not None and offset + limit < total:
            nxt = request.url.include_query_params(limit=limit, offset=offset + limit)
            headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
    return JSONResponse(item, headers=headers)


def _from_store(store: Store, collection: str, id: str,
                page: tuple[int, int] | None = None) -> tuple[Json | None, int]:
    """The object and its count of mentions (a page of them when ``page`` is given: what
    depends on all of them, whether an entity is named, comes from its row)."""
    if collection == "entities":
        row = store.entity(id)
        e = store.entity_object(id, page) if row else None
        if e is None or row is None:
            return None, 0
        return {**e.to_dict(), "named": bool(row["named"])}, int(row["mentions"])
    if collection == "events":
        row = store.event(id)
        ev = store.event_object(id, page) if row else None
        if ev is None or row is None:
            return None, 0
        return ev.to_dict(), int(row["mentions"])
    from newsline.export.json import document_dict

    article = store.article(id)
    if article is None:
        return None, 0
    date = store.document_date(id)
    if date is None and not store.has_build():
        own = store.analysis(id)
        date = own.date if own else None
    doc = document_dict(article, date or DateEstimate.unknown())
    row = store.document(id)
    if row and row["problem_stage"]:
        doc["problem"] = {"stage": row["problem_stage"], "reason": row["problem_reason"]}
    return doc, 0


def _streamed(pool: _Pool) -> Iterator[bytes]:
    """The whole timeline of a database as it is read, in one snapshot, a batch of objects at
    a time (the first bytes go out at once, and memory stays flat however big the store)."""
    from newsline.export.json import stream

    with pool.store() as store:
        for piece in stream(store):
            yield piece.encode("utf-8")


def _not_found(kind: str, id: str) -> JSONResponse:
    return JSONResponse(
        {"error": "not_found", "message": f"no {kind} with id {id!r}", "kind": kind, "id": id},
        status_code=404,
    )


def serve(
    load_timeline: LoadTimeline | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
    version: Callable[[], str] | None = None,
    db: str | Path | None = None,
) -> None:
    """Run the app with uvicorn until interrupted. Listens on localhost unless told otherwise.
    Given ``db``, the pages read the store's tables (``newsline serve`` passes it)."""
    import uvicorn

    from newsline.web.protocol import uvicorn_options

    app = create_app(load_timeline, version, db)
    uvicorn.run(app, host=host, port=port, log_level=log_level, **uvicorn_options())


class _GuardedFastAPI(FastAPI):
    """FastAPI with ``Guard`` outside its whole middleware stack (``add_middleware`` would put
    it inside Starlette's error middleware, whose 500 answers would then lack the headers)."""

    def build_middleware_stack(self) -> ASGIApp:
        return Guard(super().build_middleware_stack(), page_csp=render.app_csp())


def find(timeline: Json, collection: str, id: str) -> Json | None:
    """The object with ``id`` in ``timeline[collection]``, or None."""
    items = timeline.get(collection)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("id") == id:
            return item
    return None
