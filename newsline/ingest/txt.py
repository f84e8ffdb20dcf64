"""Plain-text articles: an optional title line, an optional dateline, then paragraphs."""

from __future__ import annotations

from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, article_id
from newsline.ingest.text import clean_text, decode_bytes, parse_dateline
from newsline.model import Article

MAX_TITLE_CHARS = 150


def _is_title(line: str) -> bool:
    """A short line that does not end like a sentence."""
    line = line.strip()
    return 0 < len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ",", ";", ":"))


def _first_line(text: str) -> str:
    """The first line of ``text`` (cleaned text starts with a non-empty line)."""
    return text.split("\n", 1)[0]


def text_to_article(text: str, source: str) -> Article | InputError:
    """Make an article of decoded text: find its title and dateline, keep the rest as text.

    A first line that is a dateline stays in the text and dates the article ("stated");
    otherwise a short first line followed by more text is the title and is removed. The line
    after a title is checked for a dateline too (Wikinews: headline, then the date).
    """
    text = clean_text(text)
    if not text.strip():
        return InputError("file is empty", source, "give it the article text")
    title: str | None = None
    line = _first_line(text)
    match = parse_dateline(line)
    if match is None and _is_title(line) and "\n" in text and text[len(line):].strip():
        title = line.strip()
        text = text[len(line):].lstrip("\n")
        line = _first_line(text)
        match = parse_dateline(line)
    published = span = None
    if match is not None and match.date is not None and match.span is not None:
        published, span = match.date, match.span
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title,
        published=published,
        published_basis="stated" if published else None,
        published_span=span,
    )


def read_txt(path: Path, source: str) -> ReadResult:
    """Read one .txt file as one article."""
    try:
        text = decode_bytes(path.read_bytes(), source)
    except InputError as err:
        return ReadResult([], [err])
    art = text_to_article(text, source)
    if isinstance(art, InputError):
        return ReadResult([], [art])
    return ReadResult([art], [])
