"""Plain-text articles: an optional title line, an optional dateline, then paragraphs.

A text that is an export of many articles (Factiva's field codes, Nexis's document markers
and headers: see ``factiva`` and ``nexis``) is split into its articles; any other text is
one article.

Limits: a file over ``MAX_TXT_BYTES`` is not read, and a text over ``MAX_TEXT_CHARS``
characters is no article; each is one problem.
"""

from __future__ import annotations

from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import MAX_TEXT_CHARS, ReadResult, SourceMeta, article_id, over_limit
from newsline.ingest.factiva import (
    looks_factiva,
    looks_factiva_plain,
    parse_factiva,
    parse_factiva_plain,
)
from newsline.ingest.furniture import Cleaned, furniture_meta, strip_furniture
from newsline.ingest.nexis import looks_nexis, parse_nexis
from newsline.ingest.text import clean_text, date_set_aside, decode_bytes, parse_dateline
from newsline.model import Article

MAX_TITLE_CHARS = 150
# How a line that is no title ends, in Latin, CJK, Arabic and Devanagari punctuation.
_SENTENCE_ENDS = (".", ",", ";", ":", "。", "，", "；", "：", "．", "،", "؛", "।")
# Bytes that cannot decode to fewer than MAX_TEXT_CHARS characters (UTF-8 takes at most 4).
MAX_TXT_BYTES = 4 * MAX_TEXT_CHARS


def _is_title(line: str) -> bool:
    """A short line that does not end like a sentence."""
    line = line.strip()
    return 0 < len(line) <= MAX_TITLE_CHARS and not line.endswith(_SENTENCE_ENDS)


def _first_line(text: str) -> str:
    """The first line of ``text`` (cleaned text starts with a non-empty line)."""
    return text.split("\n", 1)[0]


def text_to_article(text: str, source: str, meta: SourceMeta | None = None) -> ReadResult:
    """Make an article of decoded text: find its title and dateline, keep the rest as text.

    Page furniture (``furniture``: a byline, share and cookie lines, a "Latest stories"
    list, credits, copyright lines) is taken out first, so that "By Jane Doe" is never the
    title nor any of it analysed; what was taken out goes to ``ReadResult.meta`` (the
    byline's names as the author when ``meta``, the source's own, names none). A text of
    nothing but furniture is kept whole. A first line that is a dateline stays in the text
    and dates the article ("stated"); otherwise a short first line followed by more text is
    the title and is removed. The line after a title is checked for a dateline too
    (Wikinews: headline, then the date). A dateline's date outside the sane range is set
    aside with a notice.
    """
    text = clean_text(text)
    if not text.strip():
        return ReadResult([], [InputError("file is empty", source, "give it the article text")])
    if len(text) > MAX_TEXT_CHARS:
        return ReadResult([], [over_limit("text", len(text), MAX_TEXT_CHARS, "character",
                                          source)])
    cleaned = strip_furniture(text)
    if cleaned.text.strip():
        text = cleaned.text
    else:
        cleaned = Cleaned(text)  # nothing but furniture: kept whole
    title: str | None = None
    line = _first_line(text)
    match = parse_dateline(line)
    if match is None and _is_title(line) and "\n" in text and text[len(line):].strip():
        title = line.strip()
        text = text[len(line):].lstrip("\n")
        line = _first_line(text)
        match = parse_dateline(line)
    published = span = None
    notices: list[InputError] = []
    if match is not None and match.date is not None and match.span is not None:
        notice = date_set_aside(match.date, source)
        if notice is None:
            published, span = match.date, match.span
        else:
            notices.append(notice)
    art = Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title,
        published=published,
        published_basis="stated" if published else None,
        published_span=span,
    )
    result = ReadResult([art], [], notices)
    kept = furniture_meta(cleaned, meta)
    if kept is not None:
        result.meta[source] = kept
    return result


def parse_export(text: str, source: str, wrapped: bool = False) -> ReadResult | None:
    """The articles of a Factiva or Nexis export, or None when ``text`` is none;
    ``wrapped``: its lines are a page's (a PDF's text layer), not a paragraph each."""
    if looks_factiva(text):
        return parse_factiva(text, source)
    if looks_factiva_plain(text):
        return parse_factiva_plain(text, source, wrapped)
    if looks_nexis(text):
        return parse_nexis(text, source)
    return None


def parse_text(text: str, source: str) -> ReadResult:
    """The articles of a decoded text: an export's articles (Factiva, Nexis), else one."""
    found = parse_export(text, source)
    return found if found is not None else text_to_article(text, source)


def read_txt(path: Path, source: str) -> ReadResult:
    """Read one .txt file: one article, or the articles of an export."""
    size = path.stat().st_size
    if size > MAX_TXT_BYTES:
        return ReadResult([], [over_limit("text file", size, MAX_TXT_BYTES, "byte", source)])
    notices: list[InputError] = []
    try:
        text = decode_bytes(path.read_bytes(), source, notices)
    except InputError as err:
        return ReadResult([], [err])
    result = parse_text(text, source)
    result.notices[:0] = notices
    return result
