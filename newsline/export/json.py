"""The timeline object of SPEC.md (``newsline.timeline/1``), built once and rendered as JSON.

HTML, CSV, the terminal and the web app all render the dict that :func:`timeline` returns.
:func:`validate` checks a timeline against the JSON Schema shipped in the package and checks
that every quote is exactly the text it points to.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from newsline.model import Article, Corpus, DateEstimate, DocAnalysis
from newsline.store import Store

SCHEMA_ID = "newsline.timeline/1"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def document_dict(article: Article, date: DateEstimate) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "text": article.text,
        "date": date.to_dict(),
    }


def make_timeline(
    articles: Iterable[Article],
    corpus: Corpus,
    analyses: dict[str, DocAnalysis] | None = None,
    generated_at: str | None = None,
    failures: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Assemble the contract's object from articles and a built corpus; ``failures`` are the
    stored analysis failures by document (such a document carries its ``problem``)."""
    docs = []
    failed = failures or {}
    for a in sorted(articles, key=lambda a: a.id):
        date = corpus.doc_dates.get(a.id)
        if date is None and analyses and a.id in analyses:
            date = analyses[a.id].date
        doc = document_dict(a, date or DateEstimate.unknown())
        if a.id in failed:
            doc["problem"] = {"stage": failed[a.id]["stage"], "reason": failed[a.id]["reason"]}
        docs.append(doc)
    return {
        "schema": SCHEMA_ID,
        "generated_at": generated_at or now_iso(),
        "documents": docs,
        "entities": [e.to_dict() for e in corpus.entities],
        "events": [e.to_dict() for e in corpus.events],
        "stories": [s.to_dict() for s in corpus.stories],
        "flags": [f.to_dict() for f in corpus.flags],
        # an addition to the contract: each story's dated summary lines, made at build time
        "summaries": [line for s in corpus.stories for line in corpus.summaries.get(s.id, [])],
    }


def timeline(store: Store) -> dict[str, Any]:
    """The timeline of everything stored, from the last build."""
    corpus = store.corpus()
    analyses = {a.doc: a for a in store.analyses()} if not corpus.doc_dates else None
    failures = {f["doc"]: f for f in store.failures()}
    return make_timeline(store.articles(), corpus, analyses, failures=failures)


def render_json(tl: dict[str, Any]) -> str:
    return json.dumps(tl, ensure_ascii=False, indent=2) + "\n"


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
