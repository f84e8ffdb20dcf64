"""WARC archives: every HTML response with status 200 becomes an article.

warcio stops quietly at a truncated record or gzip member, so completeness is checked here:
each record's block must be read to its Content-Length, and the complete records must
reach the end of the file. Records read before a break are kept; the break is one problem.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsline.errors import InputError
from newsline.ingest.base import ReadResult
from newsline.ingest.html import html_to_article

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16
_TRAILER = 4  # the "\r\n\r\n" an uncompressed WARC puts after its last record


def _is_html_ok(record: Any) -> bool:
    """A response record holding an HTML page served with status 200."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    return ctype.strip().lower() in HTML_TYPES


def _complete(record: Any) -> bool:
    """Read the rest of the record's block; False when the file ended before its length."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) == 0


def read_warc(path: Path, source: str) -> ReadResult:
    """Read a .warc or .warc.gz file; each article's source and url is its target URI."""
    if path.stat().st_size == 0:
        return ReadResult([], [InputError("file is empty", source, "give a WARC archive")])
    result = ReadResult()
    records = 0
    end = 0  # where the last complete record ends in the file
    broken = False
    try:
        with path.open("rb") as fh:
            archive = ArchiveIterator(fh)
            for record in archive:
                if not str(record.format).startswith("warc"):
                    # warcio reads any 5-word first line as an ARC header: not ours.
                    raise ArchiveLoadFailed(f"not a WARC record ({record.format} format)")
                payload = b""
                wanted = _is_html_ok(record)
                if wanted:
                    payload = record.content_stream().read()
                if not _complete(record):
                    broken = True
                    break
                records += 1
                end = archive.get_record_offset() + archive.get_record_length()
                if not wanted:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{records}"
                art = html_to_article(payload, uri, url=uri)
                if isinstance(art, InputError):
                    art = InputError(art.what, f"{source} record {records}, {uri}", art.fix)
                    result.problems.append(art)
                else:
                    result.articles.append(art)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as err:
        if records == 0:
            reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
            msg = f"not a readable WARC file: {reason}"
            return ReadResult([], [InputError(msg, source, "give a WARC or WARC.gz archive")])
        broken = True
    # More than the blank lines after the last record left over: a record was cut short.
    if not broken and path.stat().st_size - end > _TRAILER:
        broken = True
    if broken:
        result.problems.append(
            InputError(f"truncated WARC after {records} records", source,
                       "download or copy the archive again")
        )
    elif records == 0:
        result.problems.append(
            InputError("no WARC records found", source, "give a WARC or WARC.gz archive")
        )
    return result
