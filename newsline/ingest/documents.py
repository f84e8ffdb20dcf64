"""Word and PDF files (``.docx`` through python-docx, ``.pdf`` through pypdf): one article per
file, or the articles of a Nexis Uni Word download or a Factiva or Nexis PDF download (read
by :mod:`newsline.ingest.nexis` and :mod:`newsline.ingest.factiva`).

The text is the document's paragraphs (and table rows, a tab between cells) in order, or a
PDF's text layer page by page (its lines as pypdf gives them: a PDF keeps no paragraphs).
The title is the document's own (core properties, PDF metadata) when it is one (not
"Microsoft Word - draft.docx", not "Untitled"), else a .docx's first Title or Heading
paragraph, else a short first line, as a ``.txt``'s. The date is a dateline at the top of
the text: a file's created and modified dates are when the file was made, not when the
article was published, so they go to ``SourceMeta`` as provenance (``file_created``),
never to ``Article.published``. The author in the properties goes to ``SourceMeta`` too.

A file that is no such document (not a zip holding word/document.xml, no PDF), an
encrypted PDF, a PDF without a text layer (a scan: run OCR first) or a text that reads as
noise (a PDF whose fonts have no Unicode map) is one problem, as is a PDF cut short (no
``%%EOF`` at its end: pypdf would rebuild what it could and read part of it). Limits: a
file over ``MAX_DOCUMENT_BYTES``, a .docx that unzips past ``MAX_UNZIPPED_BYTES``, a PDF of
more than ``MAX_PDF_PAGES`` pages.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsline.errors import InputError
from newsline.ingest.base import ReadResult, SourceMeta, over_limit
from newsline.ingest.nexis import looks_nexis, parse_nexis
from newsline.ingest.records import add_record, extras
from newsline.ingest.text import clean_meta, clean_text, looks_garbled
from newsline.ingest.txt import parse_export, text_to_article

MAX_DOCUMENT_BYTES = 64 * 2**20
MAX_UNZIPPED_BYTES = 256 * 2**20  # a .docx's parts, decompressed: no zip bomb is parsed
MAX_PDF_PAGES = 1_000
_NOT_TITLES = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|untitled.*|document\d*|title|"
    r".*\.(?:docx?|pdf|rtf|odt|txt|indd|pages|tex|html?))$", re.IGNORECASE)
_EOF_WINDOW = 2048  # a PDF ends with %%EOF, give or take a few bytes of padding
_HEADING_STYLES = ("title", "heading 1", "heading1")
_SPACES = re.compile(r"\s+")

# python-docx and pypdf are imported when a file of theirs is read: together they add a
# tenth of a second to every start of the CLI.
if TYPE_CHECKING:
    from pypdf import PdfReader

logging.getLogger("pypdf").addHandler(logging.NullHandler())


def plausible_title(value: object) -> str | None:
    """A document property that is a title, or None (a file name, a template's default)."""
    title = clean_meta(value)
    if title is None or len(title) > 300 or _NOT_TITLES.match(title):
        return None
    return title


def _date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def _article(text: str, source: str, title: str | None, meta: SourceMeta,
             empty: str, fix: str) -> ReadResult:
    """One article of a document's text: with the document's title (a first paragraph or
    line that repeats it dropped), or with a title line found as a .txt's is."""
    text = clean_text(text)
    if not text.strip():
        return ReadResult([], [InputError(empty, source, fix)])
    if looks_garbled(text):
        return ReadResult([], [InputError("the document's text reads as noise, not writing",
                                          source, "save it again as text, or run OCR on it")])
    if title is None:
        return text_to_article(text, source, meta)
    for sep in ("\n\n", "\n"):  # a heading paragraph, or a PDF's first line
        first, _, rest = text.partition(sep)
        if rest.strip() and _same(first, title):
            text = rest.lstrip("\n")
            break
    result = ReadResult()
    add_record(result, text, source, source, title=title, meta=meta, empty=empty, fix=fix)
    return result


# ------------------------------------------------------------------------------ .docx


def _page_break(paragraph: Any) -> bool:
    """Whether a paragraph holds a hard page break (``<w:br w:type="page"/>``)."""
    return bool(paragraph._p.xpath('./w:r/w:br[@w:type="page"]'))


def _docx_parts(doc: Any, breaks: list[int] | None = None) -> tuple[list[str], str | None]:
    """The paragraphs of a document (a table row as one, cells tab-separated) and the text
    of a Title or Heading 1 paragraph that opens it (left out of the paragraphs); ``breaks``
    gets the number of paragraphs read before each hard page break."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    paras: list[str] = []
    heading: str | None = None
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if breaks is not None and _page_break(block):
                breaks.append(len(paras) + bool(text))
            if not text:
                continue
            style = (block.style.name or "").lower() if block.style is not None else ""
            if not paras and heading is None and style in _HEADING_STYLES:
                heading = text
                continue
            paras.append(text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [cell.text.strip() for cell in row.cells]
                if any(cells):
                    paras.append("\t".join(cells))
    return paras, heading


def read_docx(path: Path, source: str) -> ReadResult:
    """Read one .docx file: one article, or the articles of a Nexis Uni download."""
    fix = "give a Word document saved as .docx"
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        return ReadResult([], [over_limit("Word file", size, MAX_DOCUMENT_BYTES, "byte",
                                          source)])
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            unzipped = sum(max(info.file_size, 0) for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return ReadResult([], [InputError("not a .docx file (not a readable zip archive)",
                                          source, fix)])
    if "word/document.xml" not in names:
        return ReadResult([], [InputError("not a Word document (no word/document.xml)",
                                          source, fix)])
    if unzipped > MAX_UNZIPPED_BYTES:
        return ReadResult([], [over_limit("Word file unzipped", unzipped, MAX_UNZIPPED_BYTES,
                                          "byte", source)])
    import docx

    try:
        doc = docx.Document(str(path))
        breaks: list[int] = []
        paras, heading = _docx_parts(doc, breaks)
        props = doc.core_properties
        title = plausible_title(props.title)
        author, created = clean_meta(props.author), _date_of(props.created)
        extra = extras(modified=str(_date_of(props.modified) or ""),
                       subject=props.subject, category=props.category)
    except Exception as err:  # python-docx on a damaged document
        return ReadResult([], [InputError(f"Word document could not be read: "
                                          f"{type(err).__name__}: {err}"[:300], source, fix)])
    if looks_nexis("\n".join(paras)):  # a Nexis Uni download: its paragraphs are its lines,
        return parse_nexis(_pages(paras, heading, breaks), source, paragraphs=True)
    meta = SourceMeta(author=author, format="docx", file_created=created, extra=extra)
    return _article("\n\n".join(paras), source, title or heading, meta,
                    "Word document has no text", "give a document that holds the article")


def _pages(paras: list[str], heading: str | None, breaks: list[int]) -> str:
    """The paragraphs as lines, a rule where a page ends (a Nexis Uni download starts each
    document on a page, after its cover page)."""
    lines = [heading] if heading is not None else []
    at = 0
    for end in sorted(set(breaks)):
        lines += [*paras[at:end], "_" * 20]
        at = end
    return "\n".join(lines + paras[at:])


# ------------------------------------------------------------------------------ .pdf


def _pdf_text(reader: PdfReader, source: str, notices: list[InputError]) -> str:
    pages: list[str] = []
    failed = 0
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # one damaged page: the others are read
            failed += 1
    if failed:
        notices.append(InputError(f"{failed} of {failed + len(pages)} pages could not be "
                                  "read", source, "save the PDF again"))
    return "\n\n".join(p.strip() for p in pages if p.strip())


def read_pdf(path: Path, source: str) -> ReadResult:
    """Read one .pdf file as one article."""
    fix = "give a PDF with a text layer"
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        return ReadResult([], [over_limit("PDF file", size, MAX_DOCUMENT_BYTES, "byte",
                                          source)])
    with path.open("rb") as fh:
        if b"%PDF-" not in fh.read(1024):
            return ReadResult([], [InputError("not a PDF file (no %PDF- header)", source,
                                              fix)])
        fh.seek(max(0, size - _EOF_WINDOW))
        if b"%%EOF" not in fh.read():  # pypdf would rebuild what it can of a cut file
            return ReadResult([], [InputError("PDF is cut short (no %%EOF at its end)",
                                              source, "download or copy the file again")])
    from pypdf import PdfReader

    notices: list[InputError] = []
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return ReadResult([], [InputError("PDF is encrypted", source,
                                              "save a copy without a password")])
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            return ReadResult([], [over_limit("PDF", pages, MAX_PDF_PAGES, "page", source)])
        text = _pdf_text(reader, source, notices)
        info = reader.metadata
        title = plausible_title(info.title) if info is not None else None
        author = clean_meta(info.author) if info is not None else None
        try:
            created = _date_of(info.creation_date) if info is not None else None
        except Exception:  # a CreationDate pypdf cannot parse
            created = None
        extra = extras(subject=info.subject if info is not None else None,
                       producer=info.producer if info is not None else None)
    except Exception as err:  # pypdf on a damaged file
        return ReadResult([], [InputError(f"PDF could not be read: {type(err).__name__}: "
                                          f"{err}"[:300], source, fix)])
    export = parse_export(text, source, wrapped=True)  # a Factiva or Nexis PDF download
    if export is not None:
        export.notices[:0] = notices
        return export
    meta = SourceMeta(author=author, format="pdf", file_created=created, extra=extra)
    result = _article(text, source, title, meta, "PDF has no text layer (a scan?)",
                      "run OCR on it first (e.g. ocrmypdf), then read the result")
    result.notices[:0] = notices
    return result
