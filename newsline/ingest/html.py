"""HTML pages: main text and metadata through trafilatura, offline."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, article_id
from newsline.ingest.text import clean_text, looks_binary, source_date
from newsline.model import Article

# Only dates the page's markup states (meta tags, <time>, JSON-LD, the URL): htmldate's
# extensive search would guess from free text, e.g. a copyright year in the footer.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}

# Fewer words than this is menu or markup debris, not an article (tag soup gives "Home").
MIN_WORDS = 5
_WORD = re.compile(r"\w+")

# trafilatura logs a warning for every page it cannot extract; we report those ourselves.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _drop_title_line(text: str, title: str | None) -> str:
    """Remove a first line that repeats the title (the page's <h1>), as txt does."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip("\n")
    return text


def html_to_article(html: bytes | str, source: str, url: str | None = None) -> Article | InputError:
    """Extract one article from an HTML page, or say why not.

    ``url`` is the page's address when known (a WARC record's target URI); it helps the
    extractor and wins over the page's own canonical URL. Nothing is fetched.
    """
    if not html.strip():
        return InputError("file is empty", source, "give it the HTML page")
    if isinstance(html, bytes) and looks_binary(html):
        return InputError("binary file, not HTML", source, "give an HTML page")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as err:  # an extractor bug must not stop the run
        return InputError(f"HTML could not be parsed: {err}", source, "check the file is HTML")
    text = clean_text(doc.text or "") if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or len(_WORD.findall(text)) < MIN_WORDS:
        return InputError(
            "no article text found in HTML", source, "give a page that holds the article body"
        )
    title = _clean_meta(doc.title)
    text = _drop_title_line(text, title)
    published, basis, span = source_date(doc.date, text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title,
        outlet=_clean_meta(doc.sitename),
        url=url or _clean_meta(doc.url),
        published=published,
        published_basis=basis,
        published_span=span,
    )


def read_html(path: Path, source: str) -> ReadResult:
    """Read one .html/.htm file as one article."""
    art = html_to_article(path.read_bytes(), source)
    if isinstance(art, InputError):
        return ReadResult([], [art])
    return ReadResult([art], [])
