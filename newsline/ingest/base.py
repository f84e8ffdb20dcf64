"""What every reader shares: the result type, the article id and the suffix rules."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from newsline.errors import InputError
from newsline.model import Article

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz",
)

_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class ReadResult:
    """The articles one source gave, and the problems met on the way (never raised)."""

    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    def extend(self, other: ReadResult) -> None:
        self.articles.extend(other.articles)
        self.problems.extend(other.problems)


def article_id(text: str) -> str:
    """Hash of the normalised text: NFC, whitespace runs as one space, stripped; sha256[:16]."""
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def suffix_of(path: Path | str) -> str:
    """The format suffix of a path, lower case; ``.warc.gz`` counts as one suffix."""
    name = Path(path).name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return Path(name).suffix


def is_supported(path: Path | str) -> bool:
    return suffix_of(path) in SUPPORTED_SUFFIXES
