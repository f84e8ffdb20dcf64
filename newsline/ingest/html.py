"""HTML pages: main text and metadata through trafilatura, offline.

Limits: a page over ``MAX_HTML_BYTES`` (a file; a WARC record's payload has its own, smaller
limit) or with more than ``MAX_HTML_TAGS`` tags is not parsed, and text extracted beyond
``MAX_TEXT_CHARS`` is no article; each is one problem. The tag limit is there because
trafilatura's time grows with the square of a page's paragraphs (2.4 MB of 33,000 short
paragraphs took 80 s, 4.7 MB five minutes); a news page has a few thousand tags. Bytes
that hold NUL or control characters, or whose extracted text reads as noise, are "binary".
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from newsline.errors import InputError
from newsline.ingest.base import MAX_TEXT_CHARS, ReadResult, SourceMeta, article_id, over_limit
from newsline.ingest.furniture import BYLINE_KINDS, Cleaned, furniture_meta, strip_furniture
from newsline.ingest.text import clean_meta, clean_text, looks_binary, looks_garbled, source_date
from newsline.model import Article

# Only dates the page's markup states (meta tags, <time>, JSON-LD, the URL): htmldate's
# extensive search would guess from free text, e.g. a copyright year in the footer.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}

# Fewer words than this is menu or markup debris, not an article (tag soup gives "Home").
MIN_WORDS = 5
_WORD = re.compile(r"\w+")
# The largest page parsed: news pages are well under 2 MB; past this it is a dump or a bomb.
MAX_HTML_BYTES = 20_000_000
# The most tags ("<") a page parsed may hold: a long news page has 5,000-15,000; this many
# short paragraphs take trafilatura about 5 s.
MAX_HTML_TAGS = 50_000
_HUGE_ATTRIBUTE = re.compile(rb"""=\s*(?:"[^"]{10000,}"|'[^']{10000,}')""")

# trafilatura logs a warning for every page it cannot extract; we report those ourselves.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


# Elements whose text is its own paragraph, and those that hold no text worth reading.
_BLOCKS = frozenset((
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "hr", "address", "main", "body", "center",
))
_NO_TEXT = ("script", "style", "noscript", "template", "head", "title", "svg", "iframe",
            "object", "embed")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's content, an e-mail's HTML part), all of
    it, paragraphs kept as blank-line breaks, through lxml: no boilerplate is removed, so
    use it where the markup holds only the article (``html_to_article`` finds the article in
    a page). Markup that lxml cannot read gives ""."""
    if not markup.strip() or len(markup) > MAX_HTML_BYTES:
        return ""
    markup = _NOT_XML.sub(" ", markup)  # lxml refuses to set text that holds them
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError, TypeError):
        return ""
    etree.strip_elements(root, *_NO_TEXT, with_tail=False)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        parent = el.getparent()
        if parent is not None:
            tail = el.tail or ""
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(el)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        el.text = _WS_RUN.sub(" ", el.text) if el.text else el.text
        el.tail = _WS_RUN.sub(" ", el.tail) if el.tail else el.tail
        tag = el.tag.lower()
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif tag in ("td", "th"):
            el.tail = " " + (el.tail or "")
    lines = [line.strip() for line in root.text_content().split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _drop_title_line(text: str, title: str | None) -> str:
    """Remove a first line that repeats the title (the page's <h1>), as txt does."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip("\n")
    return text


def html_to_article(html: bytes | str, source: str, url: str | None = None) -> ReadResult:
    """Extract one article from an HTML page, or say why not (a ReadResult of one article or
    one problem, with any notices).

    ``url`` is the page's address when known (a WARC record's target URI); it helps the
    extractor and wins over the page's own canonical URL. Nothing is fetched. A byline and
    wire credits left in the extracted text (trafilatura removes the rest of the page's
    furniture) are taken out and kept in ``ReadResult.meta``, beside the page's author.
    """
    if not html.strip():
        return ReadResult([], [InputError("file is empty", source, "give it the HTML page")])
    if len(html) > MAX_HTML_BYTES:
        return ReadResult([], [over_limit("HTML page", len(html), MAX_HTML_BYTES, "byte", source)])
    if isinstance(html, bytes) and looks_binary(html):
        return ReadResult([], [InputError("binary file, not HTML", source, "give an HTML page")])
    if isinstance(html, bytes):  # attribute values past 10,000 characters (data: URIs) hold
        html = _HUGE_ATTRIBUTE.sub(b'=""', html)  # nothing to extract, and slow trafilatura
    tags = html.count(b"<") if isinstance(html, bytes) else html.count("<")
    if tags > MAX_HTML_TAGS:
        return ReadResult([], [over_limit("HTML page", tags, MAX_HTML_TAGS, "tag", source)])
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as err:  # an extractor bug must not stop the run
        return ReadResult([], [InputError(f"HTML could not be parsed: {type(err).__name__}: "
                                          f"{err}", source, "check the file is HTML")])
    text = clean_text(doc.text or "") if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or len(_WORD.findall(text)) < MIN_WORDS:
        return ReadResult([], [InputError(
            "no article text found in HTML", source, "give a page that holds the article body"
        )])
    if looks_garbled(text):
        return ReadResult([], [InputError("binary file, not HTML", source, "give an HTML page")])
    if len(text) > MAX_TEXT_CHARS:
        return ReadResult([], [over_limit("page text", len(text), MAX_TEXT_CHARS, "character",
                                          source)])
    title = clean_meta(doc.title)
    cleaned = strip_furniture(text, BYLINE_KINDS)
    if len(_WORD.findall(cleaned.text)) < MIN_WORDS:
        cleaned = Cleaned(text)  # next to nothing but a byline and credits: kept whole
    text = _drop_title_line(cleaned.text, title)
    date = source_date(doc.date, text, source)
    art = Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title,
        outlet=clean_meta(doc.sitename),
        url=clean_meta(url) or clean_meta(doc.url),
        published=date.published,
        published_basis=date.basis,
        published_span=date.span,
    )
    result = ReadResult([art], [], list(date.notices))
    author = clean_meta(doc.author)
    kept = furniture_meta(cleaned, SourceMeta(author=author) if author else None)
    if kept is not None:
        result.meta[source] = kept
    return result


def read_html(path: Path, source: str) -> ReadResult:
    """Read one .html/.htm file as one article."""
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        return ReadResult([], [over_limit("HTML file", size, MAX_HTML_BYTES, "byte", source)])
    return html_to_article(path.read_bytes(), source)
