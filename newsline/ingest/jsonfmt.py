"""JSON articles: a ``.json`` object or list of objects, or ``.jsonl`` with one object a line.

Each object needs a non-empty ``text`` string; ``title``, ``url``, ``outlet`` and
``published`` (ISO date or datetime, RFC 2822, or "March 3, 2015"; ``date`` is read when
``published`` is absent) are optional. An unreadable date is dropped, the article kept.

A ``.json`` list whose first item is a CSL-JSON item (Zotero's CSL JSON export: a CSL
``type`` and ``issued``, ``container-title``, ``URL`` or ``author``) is read as CSL items,
each by ``csl``; every other list as records of our own.

A ``.json`` list is read record by record: the records before a syntax error are kept, and
the error is one problem. A ``.jsonl`` file is read and decoded line by line (UTF-8; a file
with no UTF-8 line beyond ASCII may be in one legacy code page): every good line is an
article, every bad one a problem naming its line. JSON nested past Python's recursion limit
is a problem too; an integer past Python's 4,300-digit limit reads as a float (no field we
read is a number). Limits: a ``.json`` file over ``MAX_JSON_BYTES``, a ``.jsonl`` line over
``MAX_LINE_BYTES``, a text over ``MAX_TEXT_CHARS``.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsline.errors import InputError
from newsline.ingest.base import MAX_TEXT_CHARS, ReadResult, article_id, over_limit
from newsline.ingest.csl import csl_to_article, is_csl_item
from newsline.ingest.furniture import furniture_meta, strip_furniture
from newsline.ingest.text import (
    clean_meta,
    clean_text,
    decode_bytes,
    legacy_encoding,
    looks_binary,
    looks_garbled,
    read_text_file,
    source_date,
)
from newsline.model import Article

_FIX_TEXT = 'give each object a non-empty "text" string'
_FIX_LINE = "put one complete JSON object on each line"
MAX_JSON_BYTES = 512 * 2**20  # a .json file is parsed whole
MAX_LINE_BYTES = 64 * 2**20  # one .jsonl line (a 5M-character text, escaped, fits)
_GUESS_BYTES = 1 << 20  # non-UTF-8 lines looked at to guess a legacy code page
_WS = re.compile(r"[ \t\n\r]*")
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE,
                  codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _number(digits: str) -> int | float:
    """A JSON integer. Python refuses int() past 4,300 digits; such a number is in no field
    we read, so it stands as a float (infinity) and the record is kept."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


_DECODER = json.JSONDecoder(parse_int=_number)


def _skip(text: str, i: int) -> int:
    """The offset of the first non-whitespace character at or after ``i``."""
    m = _WS.match(text, i)
    return m.end() if m else i


def record_to_article(obj: Any, source: str) -> ReadResult:
    """Make an article of one decoded JSON object, or say what is wrong with it."""
    if not isinstance(obj, dict):
        return ReadResult([], [InputError(
            f"expected a JSON object, found {type(obj).__name__}", source,
            "give one object per article",
        )])
    if "text" not in obj:
        return ReadResult([], [InputError("missing 'text' field", source, _FIX_TEXT)])
    raw = obj["text"]
    text = clean_text(raw) if isinstance(raw, str) else ""
    if not text.strip():
        return ReadResult([], [InputError("'text' field is empty or not a string", source,
                                          _FIX_TEXT)])
    if len(text) > MAX_TEXT_CHARS:
        return ReadResult([], [over_limit("'text' field", len(text), MAX_TEXT_CHARS,
                                          "character", source)])
    cleaned = strip_furniture(text)  # as a .txt's: never analysed, kept beside the article
    kept = None
    if cleaned.removed and cleaned.text.strip():
        text = cleaned.text
        kept = furniture_meta(cleaned)
    date = source_date(obj.get("published", obj.get("date")), text, source)
    art = Article(
        id=article_id(text),
        source=source,
        text=text,
        title=clean_meta(obj.get("title")),
        outlet=clean_meta(obj.get("outlet")),
        url=clean_meta(obj.get("url")),
        published=date.published,
        published_basis=date.basis,
        published_span=date.span,
    )
    result = ReadResult([art], [], list(date.notices))
    if kept is not None:
        result.meta[source] = kept
    return result


def _syntax(err: json.JSONDecodeError, which: str, kept: int) -> InputError:
    fix = "fix the JSON syntax"
    if kept:
        fix += f"; the {kept} records before it were read"
    return InputError(f"not valid JSON at line {err.lineno}: {err.msg}", which, fix)


def _too_deep(which: str) -> InputError:
    return InputError("JSON nested too deeply to read", which,
                      "give flat objects: {\"text\": ..., \"title\": ...}")


_BRACKET_OR_QUOTE = re.compile(r'["\[\]{}]')
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # after the opening quote


def _skip_value(text: str, i: int) -> int | None:
    """The offset after the array or object that opens at ``text[i]``, found without
    recursion (for a value nested too deeply to decode), or None when it does not close."""
    depth = 0
    while True:
        m = _BRACKET_OR_QUOTE.search(text, i)
        if m is None:
            return None
        c, i = m.group(), m.end()
        if c == '"':
            string = _STRING_REST.match(text, i)
            if string is None:
                return None
            i = string.end()
            continue
        depth += 1 if c in "[{" else -1
        if depth <= 0:
            return i if depth == 0 else None


def _parse_list(text: str, i: int, source: str, result: ReadResult) -> int | None:
    """Read the list that opens at ``text[i]`` record by record; the offset after it, or
    None when a record broke it (the break is one problem, the records before it kept)."""
    i = _skip(text, i + 1)
    if text.startswith("]", i):
        result.problem(InputError("JSON list is empty", source, "give at least one article "
                                  "object"))
        return i + 1
    n = 0
    csl: bool | None = None  # whether the list is CSL-JSON, told by its first object
    while True:
        n += 1
        which = f"{source}#{n}"
        try:
            obj, i = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as err:
            result.problem(_syntax(err, which, n - 1))
            return None
        except RecursionError:
            result.problem(_too_deep(which))
            end = _skip_value(text, i) if text.startswith(("[", "{"), i) else None
            if end is None:
                return None
            i = end  # the records after it are read on
        else:
            if csl is None:
                csl = is_csl_item(obj)
            if csl and isinstance(obj, dict):
                result.extend(csl_to_article(obj, which, which, n))
            elif csl:
                result.problem(InputError(f"expected a CSL item, found {type(obj).__name__}",
                                          which, "give a list of CSL-JSON items"))
            else:
                result.extend(record_to_article(obj, which))
        i = _skip(text, i)
        if text.startswith(",", i):
            i = _skip(text, i + 1)
            continue
        if text.startswith("]", i):
            return i + 1
        result.problem(_syntax(json.JSONDecodeError("Expecting ',' delimiter", text, i), which, n))
        return None


def parse_json_text(text: str, source: str) -> ReadResult:
    """Articles from the text of a .json file: one object (source = the file) or a list
    (source = "file#N")."""
    result = ReadResult()
    i = _skip(text, 0)
    if text.startswith("[", i):
        end = _parse_list(text, i, source, result)
    else:
        try:
            data, end = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as err:
            return ReadResult([], [_syntax(err, source, 0)])
        except RecursionError:
            return ReadResult([], [_too_deep(source)])
        if is_csl_item(data):
            result.extend(csl_to_article(data, source, source))
        elif isinstance(data, dict):
            result.extend(record_to_article(data, source))
        else:
            result.problem(InputError("JSON must be an object or a list of objects", source,
                                      'give {"text": ...} or a list of such objects'))
    if end is not None:
        end = _skip(text, end)
        if end < len(text):
            extra = json.JSONDecodeError("Extra data", text, end)
            result.problem(InputError(f"not valid JSON at line {extra.lineno}: Extra data",
                                      source, "give one JSON value; one object a line is "
                                      ".jsonl"))
    return result


def read_json(path: Path, source: str) -> ReadResult:
    """Read a .json file: one object (source = the path) or a list (source = "path#N")."""
    text, read = read_text_file(path, source, MAX_JSON_BYTES, "JSON file",
                                "give it a JSON object")
    if text is None:
        return read
    result = parse_json_text(text, source)
    result.notices[:0] = read.notices
    return result


# ------------------------------------------------------------------------------ JSONL


def _lines(fh: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of ``fh``; None for a line over MAX_LINE_BYTES (skipped, never held)."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES:
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield None
            continue
        yield line


def _legacy_codec(fh: IO[bytes]) -> str | None:
    """The legacy code page of a JSONL file whose lines are ASCII or not UTF-8 at all, or
    None: a file with any UTF-8 line beyond ASCII is UTF-8, its other lines broken."""
    failing: list[bytes] = []
    size = 0
    for line in _lines(fh):
        if line is None or line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            if size < _GUESS_BYTES and not looks_binary(line):
                failing.append(line)
                size += len(line)
            continue
        return None
    if not failing:
        return None
    found = legacy_encoding(b"".join(failing))
    if found is None or looks_garbled(found[1], guessed=found[0] != "cp1252"):
        return None
    return found[0]


def _binary_head(head: bytes) -> bool:
    """Binary data, not JSONL: control bytes and no line that is a JSON object (one bad line
    among good ones is that line's problem)."""
    if not looks_binary(head, any_nul=False):
        return False
    for line in head.split(b"\n")[:-1] or [head]:
        if line.lstrip().startswith(b"{") and not looks_binary(line):
            try:
                if isinstance(_DECODER.decode(line.decode("utf-8")), dict):
                    return False
            except (ValueError, RecursionError):
                continue
    return True


def _line_text(line: bytes, n: int, codec: str | None, which: str,
               result: ReadResult) -> str | None:
    if n == 1 and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8):]
    line = line.rstrip(b"\r\n")
    if looks_binary(line):
        result.problem(InputError("binary data, not a JSON line", which, _FIX_LINE))
        return None
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as err:
        if codec is not None:
            try:
                return line.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
        result.problem(InputError(
            f"not valid UTF-8 (byte 0x{line[err.start]:02x} at column {err.start + 1})",
            which, "save the file as UTF-8"))
        return None


def _jsonl_record(text: str, n: int, source: str, result: ReadResult) -> None:
    which = f"{source} line {n}"
    try:
        obj = _DECODER.decode(text)
    except json.JSONDecodeError as err:
        result.problem(InputError(f"not valid JSON at column {err.colno}: {err.msg}", which,
                                  _FIX_LINE))
        return
    except RecursionError:
        result.problem(_too_deep(which))
        return
    result.extend(record_to_article(obj, f"{source}#{n}"))


def _wide_lines(path: Path, fh: IO[bytes], head: bytes,
                source: str) -> list[str] | InputError | None:
    """The lines of a file that starts with a UTF-16 or UTF-32 BOM (no byte-wise lines
    there: the whole file is decoded), or None when it does not read as such (a bad first
    line whose bytes only look like a BOM)."""
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        return over_limit("JSONL file in UTF-16", size, MAX_JSON_BYTES, "byte", source)
    try:
        return decode_bytes(head + fh.read(), source).split("\n")
    except InputError:
        return None


def read_jsonl(path: Path, source: str) -> ReadResult:
    """Read a .jsonl file: one object a line, blank lines skipped; source = "path#LINE"."""
    result = ReadResult()
    with path.open("rb") as fh:
        head = fh.read(65536)
        wide = _wide_lines(path, fh, head, source) if head.startswith(_UTF16_32_BOMS) else None
        if isinstance(wide, InputError):
            return ReadResult([], [wide])
        if wide is not None:
            for n, part in enumerate(wide, 1):
                if part.strip():
                    _jsonl_record(part, n, source, result)
        elif _binary_head(head):
            return ReadResult([], [InputError("binary file, not text", source,
                                              "give a text, HTML, JSON or WARC file")])
        else:
            fh.seek(0)
            codec = _legacy_codec(fh)
            fh.seek(0)
            for n, line in enumerate(_lines(fh), 1):
                which = f"{source} line {n}"
                if line is None:
                    result.problem(InputError(f"line over the {MAX_LINE_BYTES:,}-byte limit",
                                              which, "split the record"))
                    continue
                if not line.strip():
                    continue
                decoded = _line_text(line, n, codec, which, result)
                if decoded is not None:
                    _jsonl_record(decoded, n, source, result)
    if not result.articles and not result.problems and not result.omitted:
        result.problems.append(InputError("file is empty", source, "give one JSON object a line"))
    return result
