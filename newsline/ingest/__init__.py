"""Ingest: turn any source into ``Article`` objects, and nothing else.

``iter_sources`` expands what the user typed (files, folders, globs) into paths;
``read_any`` reads one path with the reader its suffix names. Neither raises for bad input:
problems come back as ``InputError`` values so a run can report them and go on.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest.base import SUPPORTED_SUFFIXES, ReadResult, article_id, is_supported, suffix_of
from newsline.ingest.html import read_html
from newsline.ingest.jsonfmt import read_json, read_jsonl
from newsline.ingest.txt import read_txt
from newsline.ingest.warc import read_warc

__all__ = ["SUPPORTED_SUFFIXES", "ReadResult", "article_id", "iter_sources", "read_any"]

_READERS: dict[str, Callable[[Path, str], ReadResult]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}
_SUFFIX_LIST = " ".join(SUPPORTED_SUFFIXES)


def _walk(folder: Path) -> Iterator[Path]:
    """Supported, non-hidden files under ``folder``, recursively, in sorted order."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue
        if path.is_file() and is_supported(path):
            yield path


def iter_sources(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Expand files, folders (recursive) and glob patterns into the paths to read.

    A missing path, a glob matching nothing or a folder holding no supported file is yielded
    as an InputError naming it. A file named explicitly is yielded whatever its suffix (so
    ``read_any`` can say it is unsupported); folders and globs keep supported files only.
    Each file is yielded once.
    """
    seen: set[Path] = set()

    def fresh(path: Path) -> bool:
        key = path.resolve()
        if key in seen:
            return False
        seen.add(key)
        return True

    for arg in paths:
        path = Path(arg)
        if path.is_file():
            if fresh(path):
                yield path
            continue
        if path.is_dir():
            found = list(_walk(path))
            if not found:
                yield InputError("no supported files in folder", arg,
                                 f"put {_SUFFIX_LIST} files in it")
            yield from (p for p in found if fresh(p))
            continue
        if glob.has_magic(arg):
            matches: list[Path] = []
            for match in sorted(glob.glob(arg, recursive=True)):
                m = Path(match)
                if m.is_dir():
                    matches.extend(_walk(m))
                elif m.is_file() and is_supported(m):
                    matches.append(m)
            if not matches:
                yield InputError("no supported files match the pattern", arg,
                                 "check the pattern and quote it so the shell leaves it alone")
            yield from (m for m in matches if fresh(m))
            continue
        yield InputError("no such file or folder", arg, "check the path")


def read_any(path: Path, source: str | None = None) -> ReadResult:
    """Read one file with the reader for its suffix; ``source`` defaults to the path as given."""
    path = Path(path)
    source = source if source is not None else str(path)
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
