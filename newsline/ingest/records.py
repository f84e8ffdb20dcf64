"""One article of one record of a many-article source (a feed entry, an export's document, a
CSV row, a message, a CSL item), made the same way whatever the format.

The text is cleaned and checked (empty, or over ``MAX_TEXT_CHARS``: one problem naming the
record); the date the source gives is checked for sanity (set aside with a notice, then a
dateline at the top of the text is looked for, as the other readers do); what ``Article``
has no field for (the byline, the section, the record number) goes to ``ReadResult.meta``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from newsline.errors import InputError
from newsline.ingest.base import MAX_TEXT_CHARS, ReadResult, SourceMeta, article_id, over_limit
from newsline.ingest.furniture import furniture_meta, strip_furniture
from newsline.ingest.text import (
    SourceDate,
    clean_meta,
    clean_text,
    date_set_aside,
    parse_date,
    source_date,
)
from newsline.model import Article


def dated(date: dt.date | str | None, text: str, which: str) -> SourceDate:
    """The date a record gives (a parsed date or a metadata string), checked for sanity; a
    dateline at the top of ``text`` when there is none or it is set aside."""
    if isinstance(date, dt.datetime):
        date = date.date()
    if isinstance(date, str):
        date = parse_date(date)
    if date is None:
        return source_date(None, text, which)
    notice = date_set_aside(date, which)
    if notice is None:
        return SourceDate(date, "metadata", None)
    found = source_date(None, text, which)
    return SourceDate(found.published, found.basis, found.span, (notice, *found.notices))


def add_record(
    result: ReadResult,
    text: str,
    source: str,
    which: str,
    *,
    title: object = None,
    outlet: object = None,
    url: object = None,
    date: dt.date | str | None = None,
    meta: SourceMeta | None = None,
    empty: str = "no article text",
    fix: str = "give the record its article text",
) -> Article | None:
    """Add the article of one record to ``result`` (its ``source`` is ``source``), or one
    problem naming the record (``which``) and why: ``empty`` with ``fix`` when there is no
    text, the limit when it is too long. Returns the article, or None. Page furniture
    (:mod:`newsline.ingest.furniture`) is taken out of the text and kept in ``meta``, as a
    ``.txt`` file's is; a text of nothing but furniture is kept whole."""
    text = clean_text(text)
    if not text.strip():
        result.problem(InputError(empty, which, fix))
        return None
    if len(text) > MAX_TEXT_CHARS:
        result.problem(over_limit("article text", len(text), MAX_TEXT_CHARS, "character",
                                  which))
        return None
    cleaned = strip_furniture(text)  # as a .txt's: never analysed, kept beside the article
    if cleaned.removed and cleaned.text.strip():
        text = cleaned.text
        meta = furniture_meta(cleaned, meta)
    when = dated(date, text, which)
    art = Article(
        id=article_id(text),
        source=source,
        text=text,
        title=clean_meta(title),
        outlet=clean_meta(outlet),
        url=clean_meta(url),
        published=when.published,
        published_basis=when.basis,
        published_span=when.span,
    )
    result.articles.append(art)
    result.notices.extend(when.notices)
    if meta is not None:
        result.meta[source] = meta
    return art


def joined(names: Iterable[object]) -> str | None:
    """Names (authors) as one line, "; " between them, each cleaned; None when none is left."""
    seen: list[str] = []
    for name in names:
        value = clean_meta(name)
        if value and value not in seen:
            seen.append(value)
    return "; ".join(seen) or None


def extras(**values: object) -> tuple[tuple[str, str], ...]:
    """The named values that are non-empty strings, cleaned, for ``SourceMeta.extra``."""
    out = []
    for key, value in values.items():
        text = clean_meta(value)
        if text:
            out.append((key.replace("_", "-"), text))
    return tuple(out)
