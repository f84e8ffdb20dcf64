"""Tables of articles (``.csv``, ``.tsv``), as Media Cloud and GDELT-based tools write them:
one article a row, through the standard library's csv module.

The header names the columns, matched without regard to case, spaces or hyphens: the text
is the first of ``text``, ``content``, ``body``, ``full_text`` (and a few more, see
``TEXT_COLUMNS``) that the row fills; the title, URL, outlet (Media Cloud's ``media_name``,
GDELT's ``domain``), date (``publish_date``, ``date``, GDELT's ``seendate`` such as
"20150303T101500Z" or "20150303101500") and author come from the columns named in the
other tuples below. Rows are numbered as a spreadsheet shows them (the header is row 1).

A table of links without text (a Media Cloud story list, a GDELT article list) gives
nothing to read, and newsline fetches nothing: a row without text is one problem ("row
7"), as is a row the csv module cannot read (a stray quote, a field past the limit, the
file cut inside a quoted field) or one with more or fewer values than the header has
names. The delimiter is a tab for ``.tsv``; for ``.csv`` csv.Sniffer picks it from the first
lines (comma, semicolon, tab or bar), a comma when it cannot tell. The file is decoded as
a ``.txt`` is (UTF-8 with or without BOM, UTF-16 with BOM, a legacy code page).

Limits: a file over ``MAX_CSV_BYTES``; a field over ``MAX_FIELD_CHARS`` (the csv module's
field size limit is raised to it, never lowered: it is one setting for the process).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import MAX_TEXT_CHARS, ReadResult, SourceMeta
from newsline.ingest.records import add_record, extras
from newsline.ingest.text import clean_meta, read_text_file

MAX_CSV_BYTES = 256 * 2**20  # decoded whole, as a .json is
MAX_FIELD_CHARS = 2 * MAX_TEXT_CHARS  # one field: an article's text, with room for markup
TEXT_COLUMNS = ("text", "content", "body", "full_text", "fulltext", "article_text",
                "story_text", "maintext", "article")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link", "document_identifier", "documentidentifier", "sourceurl",
               "source_url", "canonical_url")
OUTLET_COLUMNS = ("media_name", "outlet", "source", "source_name", "sourcename",
                  "publication", "publisher", "domain", "sourcecommonname", "media")
DATE_COLUMNS = ("publish_date", "published", "publication_date", "pub_date", "date",
                "seendate", "publishdate", "datetime")
AUTHOR_COLUMNS = ("author", "authors", "byline", "creator")
_GDELT_HINTS = frozenset(("seendate", "sourcecountry", "documentidentifier", "gkgrecordid",
                          "sourcecommonname"))
_MEDIA_CLOUD_HINTS = frozenset(("media_name", "media_url", "stories_id", "media_id",
                                "indexed_date"))
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?\d{2}(?:\d{2}(?:\d{2})?)?Z?)?\s*$")
_SNIFF_CHARS = 4_096  # csv.Sniffer's patterns are slow on long samples
_DELIMITERS = ",;\t|"
_FIX_TEXT = ("newsline does not fetch URLs; put the article text in a text column "
             "(text, content, body or full_text)")


def _name(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").lower())


def _column(names: list[str], wanted: tuple[str, ...]) -> list[int]:
    """The indexes of the columns named in ``wanted``, in the order of ``wanted``."""
    return [names.index(w) for w in wanted if w in names]


def _first(row: list[str], columns: list[int]) -> str | None:
    for i in columns:
        if i < len(row) and row[i].strip():
            return row[i]
    return None


def _date(value: str | None) -> dt.date | str | None:
    """A date cell: GDELT's compact "20150303101500" read here, the rest by parse_date."""
    if value is None:
        return None
    m = _COMPACT_DATE.match(value)
    if m is not None:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return value


class _Semicolon(csv.excel):
    delimiter = ";"


class _Bar(csv.excel):
    delimiter = "|"


_DIALECTS: dict[str, type[csv.Dialect]] = {",": csv.excel, ";": _Semicolon, "\t": csv.excel_tab,
                                           "|": _Bar}


def _dialect(text: str, tsv: bool) -> type[csv.Dialect] | csv.Dialect:
    """A tab for .tsv; else csv.Sniffer's guess from the first lines, kept only when the
    header line holds its delimiter (else the header's most frequent of , ; tab |)."""
    if tsv:
        return csv.excel_tab
    sample = text[:_SNIFF_CHARS]
    if "\n" in sample:  # whole lines only: a cut line confuses the sniffer
        sample = sample[:sample.rindex("\n")]
    header = text.split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        sniffed = None
    if sniffed is not None and sniffed.delimiter in header and sniffed.quotechar == '"':
        return sniffed
    best = max(_DIALECTS, key=header.count)
    return _DIALECTS[best] if header.count(best) else csv.excel


def _raise_field_limit() -> None:
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)


def parse_table(text: str, source: str, tsv: bool = False) -> ReadResult:
    """Articles from the decoded text of a CSV or TSV file (source = "file#ROW")."""
    _raise_field_limit()
    dialect = _dialect(text, tsv)
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    result = ReadResult()
    try:
        header = next(reader)
    except StopIteration:
        return ReadResult([], [InputError("file is empty", source, "give a header row and "
                                          "one article a row")])
    except csv.Error as err:
        return ReadResult([], [InputError(f"header row cannot be read: {err}", source,
                                          "check the file is CSV")])
    names = [_name(h) for h in header]
    text_cols = _column(names, TEXT_COLUMNS)
    if not text_cols:
        return ReadResult([], [InputError(
            "no text column (text, content, body or full_text) in the header", source,
            _FIX_TEXT)])
    cols = {k: _column(names, w) for k, w in (("title", TITLE_COLUMNS), ("url", URL_COLUMNS),
                                                ("outlet", OUTLET_COLUMNS),
                                                ("date", DATE_COLUMNS),
                                                ("author", AUTHOR_COLUMNS))}
    fmt = ("gdelt" if _GDELT_HINTS & set(names) else
           "media-cloud" if _MEDIA_CLOUD_HINTS & set(names) else "csv")
    row_no = 1
    rows = 0
    while True:
        row_no += 1
        which = f"{source} row {row_no}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            rows += 1
            result.problem(InputError(f"row cannot be read: {err}", which,
                                      "check its quoting"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        if len(row) != len(header):
            result.problem(InputError(
                f"row has {len(row)} values, the header names {len(header)} columns", which,
                "check its quoting and delimiters"))
            continue
        body = _first(row, text_cols)
        if body is None:
            result.problem(InputError("no text column value", which, _FIX_TEXT))
            continue
        add_record(
            result, body, f"{source}#{row_no}", which,
            title=_first(row, cols["title"]), outlet=_first(row, cols["outlet"]),
            url=_first(row, cols["url"]), date=_date(_first(row, cols["date"])),
            meta=SourceMeta(author=clean_meta(_first(row, cols["author"])), record=row_no,
                            format=fmt,
                            extra=extras(id=_first(row, _column(names, ("id", "stories_id"))),
                                         language=_first(row, _column(names, ("language",)))),
                            ),
            empty="no text column value", fix=_FIX_TEXT,
        )
    if rows == 0:
        result.problem(InputError("no rows after the header", source, "give one article a row"))
    return result


def read_table(path: Path, source: str) -> ReadResult:
    """Read one .csv or .tsv file, one article a row."""
    text, read = read_text_file(path, source, MAX_CSV_BYTES, "CSV file",
                                "give a header row and one article a row")
    if text is None:
        return read
    result = parse_table(text, source, tsv=path.name.lower().endswith(".tsv"))
    result.notices[:0] = read.notices
    return result
