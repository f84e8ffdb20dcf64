"""WARC archives: every HTML response with status 200 becomes an article.

warcio parses the records; this module decompresses the file itself (a ``.warc.gz`` is
gzip members, read with ``gzip``, so a cut or garbled member is an error, not a quiet end)
and checks completeness: each record's block must be read to its Content-Length, and the
complete records must reach the end of the file. Records read before a break are kept; the
break (a cut, a garbled record, a limit) is one problem naming the record. A record whose
HTTP headers cannot be read is a problem of its own and the reading goes on.

Limits, so that no file can take all memory or time: an HTML payload over
``MAX_RECORD_BYTES`` (as stored, and again after HTTP decoding) is skipped with a problem;
a record's WARC and HTTP headers over ``MAX_HEADER_BYTES`` are a problem; a file that
decompresses past ``MAX_WARC_BYTES`` is read no further. Payloads are read in bounded
pieces, so a ``Content-Length`` of 10**15 only means the record is cut short.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed

from newsline.errors import InputError
from newsline.ingest.base import ReadResult
from newsline.ingest.html import html_to_article
from newsline.ingest.text import clean_meta

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RECORD_BYTES = 5_000_000  # one HTML page; news pages are well under 2 MB
MAX_HEADER_BYTES = 4 * 2**20  # one record's WARC and HTTP headers
MAX_WARC_BYTES = 4 * 2**30  # decompressed bytes read from one file
_CHUNK = 1 << 16
_TRAILER = 4  # the "\r\n\r\n" an uncompressed WARC puts after its last record
_FIX = "download or copy the archive again"

# warcio logs a warning for a target URI with spaces (and mends it); nothing to report.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _Break(Exception):
    """The file cannot be read past here (``what`` says why); the records before are kept."""

    def __init__(self, what: str, truncated: bool = False) -> None:
        super().__init__(what)
        self.what = what
        self.truncated = truncated


class _HeaderTooBig(_Break):
    """Headers past MAX_HEADER_BYTES: the record's problem while HTTP headers are read, the
    file's end while warcio reads WARC headers."""


class _Source:
    """The file as warcio reads it: decompressed when gzip, counted, capped.

    ``header_from`` is set while headers are parsed: more than MAX_HEADER_BYTES read then
    is no header (a line without end), and stops.
    """

    def __init__(self, fh: IO[bytes], gz: bool) -> None:
        self._gz = gzip.GzipFile(fileobj=fh, mode="rb") if gz else None
        self._fh = fh
        self.total = 0
        self.eof = False
        self.header_from: int | None = None

    def read(self, size: int | None = -1) -> bytes:
        # Limits are checked before reading, so that nothing read is lost when one stops.
        if self.total >= MAX_WARC_BYTES:
            raise _Break(f"archive decompresses to over the {MAX_WARC_BYTES:,}-byte limit")
        if self.header_from is not None and self.total - self.header_from >= MAX_HEADER_BYTES:
            raise _HeaderTooBig(f"record headers over the {MAX_HEADER_BYTES:,}-byte limit")
        if size is None or size < 0 or size > _CHUNK:
            size = _CHUNK
        try:
            # read1: one member at a time, so what came before a cut member is delivered
            data = self._gz.read1(size) if self._gz is not None else self._fh.read(size)
        except EOFError as err:  # a cut gzip member; warcio would take it for the end
            raise _Break(f"truncated gzip data ({err})", truncated=True) from None
        self.total += len(data)
        self.eof = not data
        return data

    def tell(self) -> int:
        return self.total

    def close(self) -> None:
        pass


def _read_upto(stream: Any, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``, read in pieces."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        data = stream.read(min(_CHUNK, limit - size))
        if not data:
            break
        parts.append(data)
        size += len(data)
    return b"".join(parts)


def _decompress(data: bytes, encoding: str) -> bytes:
    """``data`` decoded by its HTTP Content-Encoding, at most MAX_RECORD_BYTES + 1 bytes;
    the data as it is for another encoding or when it does not decompress (as warcio)."""
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
    if encoding not in wbits:
        return data
    for bits in (wbits[encoding], -zlib.MAX_WBITS) if encoding == "deflate" else (wbits[encoding],):
        try:
            return zlib.decompressobj(bits).decompress(data, MAX_RECORD_BYTES + 1)
        except zlib.error:
            continue
    return data


def _payload(record: Any, http: Any) -> bytes:
    """The page as served (de-chunked, decompressed), read in bounded pieces: at most
    MAX_RECORD_BYTES + 1 bytes, so a longer page is seen to be over the limit."""
    raw = _read_upto(record.raw_stream, MAX_RECORD_BYTES + 1)
    if len(raw) > MAX_RECORD_BYTES:
        return raw
    if (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        raw = _read_upto(ChunkedDataReader(io.BytesIO(raw)), MAX_RECORD_BYTES + 1)
    encoding = (http.get_header("Content-Encoding") or "").strip().lower()
    return _decompress(raw, encoding)


def _is_html_ok(http: Any) -> bool:
    """HTTP headers of an HTML page served with status 200."""
    if http is None or http.get_statuscode() != "200":
        return False
    ctype = (http.get_header("Content-Type") or "").split(";")[0]
    return ctype.strip().lower() in HTML_TYPES


def _complete(record: Any) -> bool:
    """Read the rest of the record's block; False when the file ended before its length."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) == 0


def _content_length_ok(record: Any) -> bool:
    value = (record.rec_headers.get_header("Content-Length") or "").strip()
    return value.isascii() and value.isdigit()


def _reason(err: BaseException) -> str:
    text = (str(err).strip().splitlines() or [""])[0][:200]
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


class _Reader:
    """One pass over one archive, record by record."""

    def __init__(self, fh: IO[bytes], source: str, gz: bool) -> None:
        self.source = source
        self.src = _Source(fh, gz)
        self.archive = ArchiveIterator(self.src, no_record_parse=True)
        self.archive.INC_RECORD = ""  # warcio prints this warning; we report it
        self.result = ReadResult()
        self.records = 0  # complete records read
        self.pages = 0  # HTML pages with status 200 among them
        self.end = 0  # where the last complete record ends in the decompressed stream

    def which(self, n: int, uri: str | None = None) -> str:
        return f"{self.source} record {n}" + (f", {uri}" if uri else "")

    def run(self) -> None:
        records = iter(self.archive)
        while True:
            n = self.records + 1
            self.src.header_from = self.src.total
            try:
                record = next(records)
            except StopIteration:
                break
            finally:
                self.src.header_from = None
            self.one(record, n)

    def one(self, record: Any, n: int) -> None:
        if not str(record.format).startswith("warc"):
            # warcio reads any 5-word first line as an ARC header: not ours.
            raise ArchiveLoadFailed(f"not a WARC record ({record.format} format)")
        if not _content_length_ok(record):  # its headers cut short, or garbled
            raise _Break(f"WARC record {n} has no valid Content-Length", truncated=self.src.eof)
        uri = clean_meta(record.rec_headers.get_header("WARC-Target-URI"))
        which = self.which(n, uri)
        http, problem = self.http_headers(record, uri, which)
        page = problem is None and _is_html_ok(http)
        payload = _payload(record, http) if page else b""
        if not _complete(record):
            raise _Break(f"WARC record {n} is cut short", truncated=True)
        self.records = n
        if problem is not None:
            self.result.problem(problem)
        if page:
            self.pages += 1
            self.page(payload, uri, which)
        # Last: finding where the record ends reads on into the next one, which may fail.
        errors = self.archive.err_count
        self.end = self.archive.get_record_offset() + self.archive.get_record_length()
        if self.archive.err_count > errors:
            self.result.problem(InputError(
                "WARC record not followed by a blank line (its Content-Length may be wrong)",
                which, _FIX))

    def http_headers(self, record: Any, uri: str | None,
                     which: str) -> tuple[Any, InputError | None]:
        """A response's HTTP headers (None for other records), or the problem that they
        cannot be read: garbled headers spoil their record only."""
        if record.rec_type != "response":
            return None, None
        if not uri:  # a required header: warcio itself fails on it (AttributeError)
            return None, InputError("response record without WARC-Target-URI", which, _FIX)
        if not uri.startswith(("http:", "https:")):  # dns:, whois: ... hold no page
            return None, None
        self.src.header_from = self.src.total
        try:
            http = self.archive.loader.load_http_headers(
                "response", uri, record.raw_stream, record.length)
        except _HeaderTooBig as err:
            return None, InputError(err.what, which, _FIX)
        except (_Break, MemoryError):
            raise
        except Exception as err:
            return None, InputError(f"HTTP headers unreadable: {_reason(err)}", which, _FIX)
        finally:
            self.src.header_from = None
        if http is not None and not str(http.protocol).upper().startswith("HTTP/"):
            line = " ".join(f"{http.protocol} {http.statusline}".split())[:80]
            return None, InputError(f"HTTP status line unreadable: '{line}'", which, _FIX)
        return http, None

    def page(self, payload: bytes, uri: str | None, which: str) -> None:
        if len(payload) > MAX_RECORD_BYTES:  # read no further than one byte past it
            self.result.problem(InputError(
                f"HTML page over the {MAX_RECORD_BYTES:,}-byte limit", which,
                "split it, or leave it out if it is no article"))
            return
        got = html_to_article(payload, uri or which, url=uri)
        self.result.articles.extend(got.articles)
        self.result.meta.update(got.meta)
        for p in got.problems:
            self.result.problem(InputError(p.what, which, p.fix))
        for p in got.notices:
            self.result.notices.append(InputError(p.what, which, p.fix))


def read_warc(path: Path, source: str) -> ReadResult:
    """Read a .warc or .warc.gz file (gzip or not, whatever its name); each article's source
    and url is its target URI."""
    size = path.stat().st_size
    if size == 0:
        return ReadResult([], [InputError("file is empty", source, "give a WARC archive")])
    with path.open("rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        reader = _Reader(fh, source, gz)
        broke: InputError | None = None
        try:
            reader.run()
        except _Break as err:
            what = f"truncated WARC after {reader.records} records" if err.truncated else err.what
            broke = InputError(what, reader.which(reader.records + 1), _FIX)
        except Exception as err:  # warcio's own errors, and any other: the file stops here
            if reader.records == 0:
                msg = f"not a readable WARC file: {_reason(err)}"
                return ReadResult([], [InputError(msg, source, "give a WARC or WARC.gz archive")])
            broke = InputError(f"WARC record {reader.records + 1} unreadable: {_reason(err)}",
                               reader.which(reader.records + 1), _FIX)
    result = reader.result
    # More than the blank lines after the last record left over: a record was cut short.
    if broke is None and reader.src.total - reader.end > _TRAILER:
        broke = InputError(f"truncated WARC after {reader.records} records",
                           reader.which(reader.records + 1), _FIX)
    if broke is not None:
        result.problem(broke)
    elif reader.records == 0:
        result.problem(InputError("no WARC records found", source,
                                  "give a WARC or WARC.gz archive"))
    elif reader.pages == 0:
        result.problem(InputError(
            f"no HTML page with status 200 in {reader.records} WARC records", source,
            "give an archive of HTML pages (responses with status 200)"))
    return result
