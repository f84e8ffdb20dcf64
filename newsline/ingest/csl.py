"""CSL-JSON items (Zotero's "CSL JSON" export, and other reference managers'), one article
per item; ``jsonfmt`` hands a ``.json`` list over here when its first item is one.

Zotero exports no attached full text in CSL JSON: an item carries the Abstract
(``abstract``) and the Extra field (``note``). So the text is the first of: a ``text``,
``full-text`` or ``fulltext`` field (a custom export, or one an analyst added), ``note``
without the "Key: value" lines Zotero keeps in Extra ("Citation Key: ...", "PMID: ..."),
``abstract``. Which one it was goes to ``SourceMeta.extra`` ("text-field"). The title is
``title``; the outlet ``container-title`` (the newspaper, the website), else
``publisher``; the URL ``URL``; the date ``issued`` (``date-parts`` with a day, or its
``raw``/``literal`` string; a month or a year alone is no date); the authors go to
``SourceMeta``, "Given Family" each. An item without text is one problem naming it
("file#3"); the other items are read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta
from newsline.ingest.records import add_record, extras, joined
from newsline.ingest.text import clean_meta

CSL_TYPES = frozenset((
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
))
_CSL_KEYS = ("issued", "container-title", "URL", "author", "accessed", "citation-key")
_TEXT_FIELDS = ("text", "full-text", "fulltext")
# A line of Zotero's Extra field that is a variable, not prose: "Citation Key: doe2015".
_EXTRA_LINE = re.compile(r"^\s*[A-Za-z][\w .-]{0,40}:[ \t]*\S.{0,80}$")
_FIX = ("Zotero's CSL JSON carries an item's Abstract and Extra fields, not its attached "
        "full text: put the article text in one of them, or in a \"text\" field")


def is_csl_item(obj: object) -> bool:
    """True for a CSL-JSON item: a CSL ``type`` and one of the keys CSL items have."""
    return (isinstance(obj, dict) and obj.get("type") in CSL_TYPES
            and any(k in obj for k in _CSL_KEYS))


def _note_text(note: object) -> str | None:
    """Zotero's Extra field without its "Key: value" lines, when prose is left."""
    if not isinstance(note, str):
        return None
    lines = [line for line in note.splitlines() if not _EXTRA_LINE.match(line)]
    text = "\n".join(lines).strip()
    return text if len(text.split()) >= 5 else None


def item_text(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """(text, the field it came from) of a CSL item; (None, None) when it has none."""
    for name in _TEXT_FIELDS:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value, name
    note = _note_text(item.get("note"))
    if note:
        return note, "note"
    abstract = item.get("abstract")
    if isinstance(abstract, str) and abstract.strip():
        return abstract, "abstract"
    return None, None


def _part(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value)
    return None


def issued(value: object) -> dt.date | str | None:
    """The day a CSL date names, or its raw string for parse_date; None for a month or
    a year alone."""
    if not isinstance(value, dict):
        return value if isinstance(value, str) else None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        numbers = [_part(p) for p in parts[0][:3]]
        if len(numbers) == 3 and None not in numbers:
            year, month, day = numbers
            try:
                return dt.date(year, month, day)  # type: ignore[arg-type]
            except ValueError:
                return None
        return None
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return str(value[key])
    return None


def _name(person: object) -> str | None:
    if not isinstance(person, dict):
        return None
    if isinstance(person.get("literal"), str):
        return clean_meta(person["literal"])
    parts = [person.get(k) for k in ("given", "non-dropping-particle", "family", "suffix")]
    return clean_meta(" ".join(p for p in parts if isinstance(p, str)))


def csl_to_article(item: dict[str, Any], source: str, which: str,
                   n: int | None = None) -> ReadResult:
    """The article of one CSL item (its ``source`` is ``source``), or its one problem."""
    result = ReadResult()
    text, field = item_text(item)
    if text is None:
        result.problem(InputError("CSL item has no text (no abstract, note or text field)",
                                  which, _FIX))
        return result
    authors = item.get("author")
    add_record(
        result, text, source, which,
        title=item.get("title"), outlet=item.get("container-title") or item.get("publisher"),
        url=item.get("URL"), date=issued(item.get("issued")),
        meta=SourceMeta(author=joined(map(_name, authors)) if isinstance(authors, list)
                        else None, section=clean_meta(item.get("section")), record=n,
                        format="csl-json",
                        extra=extras(text_field=field, id=str(item.get("id") or ""),
                                     type=item.get("type"), language=item.get("language"))),
        empty="CSL item has no text", fix=_FIX,
    )
    return result
