"""Ingest: turn any source into ``Article`` objects, and nothing else.

``iter_sources`` expands what the user typed (files, folders, globs) into paths;
``read_any`` reads one path with the reader its suffix names: ``.txt`` (an article, or a
Factiva or Nexis export of many), ``.html``/``.htm``, ``.json``/``.jsonl`` (a ``.json``
list of CSL-JSON items too), ``.warc``/``.warc.gz``, ``.rss``/``.atom``/``.xml`` feeds,
``.rtf``, ``.csv``/``.tsv``, ``.eml``/``.mbox``, ``.docx`` and ``.pdf``. Neither raises for
any input: problems come back as ``InputError`` values so a run can report them and go on, and
``ReadResult.notices`` say what was set aside from an article that was kept.

What no input can do: raise out of ``read_any`` (any exception of a reader is one problem),
put a string that does not encode to UTF-8 into an article or a message (file names that
are not UTF-8 are written with ``\\xff`` escapes), make a message of more than one line, or
take unbounded memory (the limits are constants of the readers: ``MAX_TEXT_CHARS``,
``html.MAX_HTML_BYTES``, ``jsonfmt.MAX_JSON_BYTES``/``MAX_LINE_BYTES``,
``warc.MAX_RECORD_BYTES``/``MAX_WARC_BYTES``, ``feed.MAX_FEED_BYTES``, ``rtf.MAX_RTF_BYTES``,
``csvfmt.MAX_CSV_BYTES``, ``mail.MAX_MESSAGE_BYTES``/``MAX_MBOX_BYTES``,
``documents.MAX_DOCUMENT_BYTES``/``MAX_UNZIPPED_BYTES``/``MAX_PDF_PAGES``).

What a source states beyond the text, title, outlet, URL and date (the byline, the section,
the record's number, a file's own creation date) each reader puts in ``ReadResult.meta``, a
``SourceMeta`` under each article's ``source``; ``read_any`` copies it into the article's
``author``, ``section`` and ``provenance``, so every article it returns carries it.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import (
    MAX_PROBLEMS,
    MAX_TEXT_CHARS,
    SUPPORTED_SUFFIXES,
    ReadResult,
    SourceMeta,
    article_id,
    clean_article,
    clean_problem,
    display_name,
    is_supported,
    suffix_of,
)
from newsline.ingest.csvfmt import read_table
from newsline.ingest.documents import read_docx, read_pdf
from newsline.ingest.feed import read_feed
from newsline.ingest.html import read_html
from newsline.ingest.jsonfmt import read_json, read_jsonl
from newsline.ingest.mail import read_eml, read_mbox
from newsline.ingest.rtf import read_rtf
from newsline.ingest.txt import read_txt
from newsline.ingest.warc import read_warc

__all__ = [
    "MAX_PROBLEMS", "MAX_TEXT_CHARS", "SUPPORTED_SUFFIXES", "ReadResult", "SourceMeta",
    "article_id", "display_name", "iter_sources", "read_any",
]

_READERS: dict[str, Callable[[Path, str], ReadResult]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".rtf": read_rtf,
    ".csv": read_table,
    ".tsv": read_table,
    ".eml": read_eml,
    ".mbox": read_mbox,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
_SUFFIX_LIST = " ".join(SUPPORTED_SUFFIXES)


def _walk(folder: Path, errors: list[InputError],
          skipped: Counter[str] | None = None) -> list[Path]:
    """Supported, non-hidden files under ``folder``, recursively, in sorted order.

    Symbolic links to folders are followed, each real folder once (a link to a parent
    does not loop); a folder that cannot be listed is added to ``errors``; the files of
    other types are counted by suffix in ``skipped``.
    """
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []

    def unreadable(err: OSError) -> None:
        which = display_name(str(err.filename or folder))
        errors.append(InputError(f"cannot read folder: {err.strerror or err}", which,
                                 "check its permissions"))

    for top, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(top)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(top) / name
            if name.startswith(".") or not _is_file(path):
                continue
            if is_supported(name):
                found.append(path)
            elif skipped is not None:
                skipped[suffix_of(name) or "(no suffix)"] += 1
    return sorted(found)


def _unsupported(folder: str, skipped: Counter[str]) -> InputError:
    """One line for the files of other types a folder holds: they are skipped, not read."""
    n = sum(skipped.values())
    kinds = ", ".join(f"{k} ×{c}" if c > 1 else k for k, c in skipped.most_common(5))
    more = ", ..." if len(skipped) > 5 else ""
    what = f"{n} file{'s' if n != 1 else ''} of unsupported types ({kinds}{more})"
    return InputError(what, folder, f"newsline reads {_SUFFIX_LIST}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def iter_sources(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Expand files, folders (recursive, following links) and glob patterns into the paths
    to read.

    A missing path, a glob matching nothing or a folder holding no supported file is yielded
    as an InputError naming it. A file named explicitly is yielded whatever its suffix (so
    ``read_any`` can say it is unsupported); folders and globs keep supported files only.
    Each real file is yielded once, however many links lead to it.
    """
    seen: set[str] = set()

    def fresh(path: Path) -> bool:
        key = os.path.realpath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for arg in paths:
        path = Path(arg)
        name = display_name(arg)
        if _is_file(path):
            if fresh(path):
                yield path
            continue
        if _is_dir(path):
            errors: list[InputError] = []
            skipped: Counter[str] = Counter()
            found = _walk(path, errors, skipped)
            yield from errors
            if skipped:
                yield _unsupported(name, skipped)
            if not found and not errors:
                yield InputError("no supported files in folder", name,
                                 f"put {_SUFFIX_LIST} files in it")
            yield from (p for p in found if fresh(p))
            continue
        if glob.has_magic(arg):
            matches: list[Path] = []
            for match in sorted(glob.glob(arg, recursive=True)):
                m = Path(match)
                if _is_dir(m):
                    matches.extend(_walk(m, []))
                elif _is_file(m) and is_supported(m):
                    matches.append(m)
            if not matches:
                yield InputError("no supported files match the pattern", name,
                                 "check the pattern and quote it so the shell leaves it alone")
            yield from (m for m in matches if fresh(m))
            continue
        yield InputError("no such file or folder", name, "check the path")


def _read(path: Path, source: str) -> ReadResult:
    reader = _READERS.get(suffix_of(path))
    if reader is None:
        what = f"unsupported file type '{suffix_of(path) or path.name}'"
        return ReadResult([], [InputError(what, source, f"give one of {_SUFFIX_LIST}")])
    if not path.exists():
        return ReadResult([], [InputError("no such file", source, "check the path")])
    if path.is_dir():
        return ReadResult([], [InputError("is a folder, not a file", source,
                                          "pass it to iter_sources to walk it")])
    try:
        return reader(path, source)
    except OSError as err:
        what = f"cannot read file: {err.strerror or err}"
        return ReadResult([], [InputError(what, source, "check its permissions")])


def read_any(path: Path, source: str | None = None) -> ReadResult:
    """Read one file with the reader for its suffix; ``source`` defaults to the path as given.

    Never raises for any file (an exception of a reader, RecursionError and MemoryError
    included, is one problem naming the file); every string in the result encodes to UTF-8
    and every message is one line.
    """
    path = Path(path)
    source = display_name(source if source is not None else str(path))
    try:
        result = _read(path, source)
    except Exception as err:  # belt and braces: a reader's bug is this file's problem only
        text = " ".join(str(err).split())[:300]
        what = f"cannot read file: {type(err).__name__}" + (f": {text}" if text else "")
        result = ReadResult([], [InputError(what, source, "report this as a bug with the file "
                                                          "attached")])
    if result.omitted:
        result.problems.append(InputError(
            f"{result.omitted} more problems in this file not listed", source,
            f"fix the first {MAX_PROBLEMS} and read it again"))
        result.omitted = 0
    result.articles = [clean_article(result.meta[a.source].apply(a) if a.source in result.meta
                                     else a) for a in result.articles]
    result.problems = [clean_problem(p) for p in result.problems]
    result.notices = [clean_problem(p) for p in result.notices]
    return result
