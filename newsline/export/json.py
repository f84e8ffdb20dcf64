"""The timeline object of SPEC.md (``newsline.timeline/1``), built once and rendered as JSON.

:func:`load` gives the typed :class:`newsline.model.Timeline` that the JSON, HTML, CSV and
terminal renderers take; :func:`timeline` its contract dict (what they also accept).
:func:`validate` checks a timeline against the JSON Schema shipped in the package and checks
that every quote is exactly the text it points to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from newsline.model import (
    TIMELINE_SCHEMA,
    Article,
    Corpus,
    DateEstimate,
    DocAnalysis,
    Timeline,
    TimelineDocument,
    now_iso,
    timeline_dict,
)
from newsline.store import Store

SCHEMA_ID = TIMELINE_SCHEMA
__all__ = ["SCHEMA_ID", "document_dict", "load", "make_timeline", "now_iso", "offset_problems",
           "render_json", "schema", "stream", "timeline", "validate"]


def document_dict(article: Article, date: DateEstimate) -> dict[str, Any]:
    return TimelineDocument(article, date).to_dict()


def make_timeline(
    articles: Iterable[Article],
    corpus: Corpus,
    analyses: dict[str, DocAnalysis] | None = None,
    generated_at: str | None = None,
    failures: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Assemble the contract's object from articles and a built corpus; ``failures`` are the
    stored analysis failures by document (such a document carries its ``problem``)."""
    return Timeline.of(articles, corpus, analyses, generated_at, failures).to_dict()


def load(store: Store) -> Timeline:
    """The typed timeline of everything stored, from the last build."""
    corpus = store.corpus()
    analyses = {a.doc: a for a in store.analyses()} if not corpus.doc_dates else None
    failures = {f["doc"]: f for f in store.failures()}
    return Timeline.of(store.articles(), corpus, analyses, failures=failures)


def timeline(store: Store) -> dict[str, Any]:
    """The timeline of everything stored, from the last build (the contract's dict)."""
    return load(store).to_dict()


def stream(store: Store, generated_at: str | None = None, batch: int = 500,
           ) -> Iterator[str]:
    """The timeline of everything stored as compact JSON text, a piece at a time: joined, the
    pieces are ``json.dumps(timeline(store), ensure_ascii=False, separators=(",", ":"))`` (with
    this ``generated_at``), but only ``batch`` documents, entities or events are ever held, so
    memory stays flat however big the store (the web app's ``/api/timeline``)."""
    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    yield (f'{{"schema":{dumps(TIMELINE_SCHEMA)},'
           f'"generated_at":{dumps(generated_at or now_iso())}')
    for name, items in store.timeline_sections(batch):
        yield f',"{name}":['
        pieces: list[str] = []
        first = True
        for item in items:
            pieces.append(("" if first else ",") + dumps(item))
            first = False
            if len(pieces) >= batch:
                yield "".join(pieces)
                pieces = []
        yield "".join(pieces) + "]"
    yield "}"


def render_json(tl: Timeline | dict[str, Any]) -> str:
    return json.dumps(timeline_dict(tl), ensure_ascii=False, indent=2) + "\n"


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("newsline.export").joinpath("timeline.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def offset_problems(tl: dict[str, Any]) -> list[str]:
    """Every place where ``text[start:end] != quote`` (or a reference points nowhere)."""
    texts = {d["id"]: d["text"] for d in tl["documents"]}
    problems: list[str] = []

    def check(where: str, ref: dict[str, Any], key: str) -> None:
        text = texts.get(ref["doc"])
        if text is None:
            problems.append(f"{where}: unknown document {ref['doc']}")
        elif text[ref["start"]:ref["end"]] != ref[key]:
            problems.append(f"{where}: text[{ref['start']}:{ref['end']}] != {ref[key]!r}")

    def dates(where: str, d: dict[str, Any]) -> None:
        for i, ev in enumerate(d["evidence"]):
            check(f"{where}.evidence[{i}]", ev, "quote")

    for d in tl["documents"]:
        dates(f"document {d['id']}.date", d["date"])
    for e in tl["entities"]:
        for i, m in enumerate(e["mentions"]):
            check(f"entity {e['id']}.mentions[{i}]", m, "text")
    ids = {e["id"] for e in tl["entities"]}
    for ev in tl["events"]:
        dates(f"event {ev['id']}.date", ev["date"])
        for i, m in enumerate(ev["mentions"]):
            check(f"event {ev['id']}.mentions[{i}]", m, "quote")
        for p in ev["participants"]:
            if p["entity"] not in ids:
                problems.append(f"event {ev['id']}: unknown participant {p['entity']}")
        for p in ev["places"]:
            if p not in ids:
                problems.append(f"event {ev['id']}: unknown place {p}")
    for f in tl["flags"]:
        for i, e in enumerate(f["evidence"]):
            check(f"flag {f['id']}.evidence[{i}]", e, "quote")
    for i, line in enumerate(tl.get("summaries", [])):
        check(f"summaries[{i}]", line, "text")
    seen: set[str] = set()
    for s in tl["stories"]:
        for d in s["documents"]:
            if d in seen:
                problems.append(f"story {s['id']}: document {d} is in two stories")
            seen.add(d)
    return problems


def validate(tl: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` or ``ValueError`` if the contract is broken."""
    import jsonschema

    jsonschema.validate(tl, schema())
    problems = offset_problems(tl)
    if problems:
        raise ValueError("; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
