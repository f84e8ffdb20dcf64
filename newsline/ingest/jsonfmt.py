"""JSON articles: a ``.json`` object or list of objects, or ``.jsonl`` with one object a line.

Each object needs a non-empty ``text`` string; ``title``, ``url``, ``outlet`` and
``published`` (ISO date or datetime, RFC 2822, or "March 3, 2015"; ``date`` is read when
``published`` is absent) are optional. An unreadable date is dropped, the article kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, article_id
from newsline.ingest.text import clean_text, decode_bytes, source_date
from newsline.model import Article

_FIX_TEXT = 'give each object a non-empty "text" string'


def _str_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def record_to_article(obj: Any, source: str) -> Article | InputError:
    """Make an article of one decoded JSON object, or say what is wrong with it."""
    if not isinstance(obj, dict):
        return InputError(
            f"expected a JSON object, found {type(obj).__name__}", source,
            "give one object per article",
        )
    if "text" not in obj:
        return InputError("missing 'text' field", source, _FIX_TEXT)
    raw = obj["text"]
    text = clean_text(raw) if isinstance(raw, str) else ""
    if not text.strip():
        return InputError("'text' field is empty or not a string", source, _FIX_TEXT)
    stated = obj.get("published", obj.get("date"))
    published, basis, span = source_date(stated, text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=_str_field(obj, "title"),
        outlet=_str_field(obj, "outlet"),
        url=_str_field(obj, "url"),
        published=published,
        published_basis=basis,
        published_span=span,
    )


def _collect(result: ReadResult, art: Article | InputError) -> None:
    if isinstance(art, InputError):
        result.problems.append(art)
    else:
        result.articles.append(art)


def read_json(path: Path, source: str) -> ReadResult:
    """Read a .json file: one object (source = the path) or a list (source = "path#N")."""
    try:
        text = decode_bytes(path.read_bytes(), source)
    except InputError as err:
        return ReadResult([], [err])
    if not text.strip():
        return ReadResult([], [InputError("file is empty", source, "give it a JSON object")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"not valid JSON at line {err.lineno}: {err.msg}"
        return ReadResult([], [InputError(msg, source, "fix the JSON syntax")])
    result = ReadResult()
    if isinstance(data, dict):
        _collect(result, record_to_article(data, source))
    elif isinstance(data, list):
        if not data:
            result.problems.append(
                InputError("JSON list is empty", source, "give at least one article object")
            )
        for n, obj in enumerate(data, 1):
            _collect(result, record_to_article(obj, f"{source}#{n}"))
    else:
        result.problems.append(
            InputError("JSON must be an object or a list of objects", source,
                       'give {"text": ...} or a list of such objects')
        )
    return result


def read_jsonl(path: Path, source: str) -> ReadResult:
    """Read a .jsonl file: one object a line, blank lines skipped; source = "path#LINE"."""
    try:
        text = decode_bytes(path.read_bytes(), source)
    except InputError as err:
        return ReadResult([], [err])
    result = ReadResult()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            result.problems.append(
                InputError(f"not valid JSON at line {n}: {err.msg}", source,
                           "put one complete JSON object on each line")
            )
            continue
        _collect(result, record_to_article(obj, f"{source}#{n}"))
    if not result.articles and not result.problems:
        result.problems.append(InputError("file is empty", source, "give one JSON object a line"))
    return result
