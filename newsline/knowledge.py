"""The knowledge base: the one loader every stage reads it through.

A small curated file ships in ``newsline/data/knowledge.json`` (each fact with its source); a
user can add a larger file of the same format (``knowledge`` in ``newsline.toml``, or
``newsline kb import``). :func:`source` names which knowledge is meant (the bundled file, plus
the user's when given) and fingerprints its bytes; :func:`data` reads and merges it once per
process; each stage builds its own view from that (the analysis's office titles and dated
landmarks, the build's aliases and terms, the checks' titles and short names), cached by the
:class:`Source`, so a changed file is a changed key everywhere, the analysis cache included.
The analysis runs in worker processes: :func:`use` makes a source the process's active one.
Lookups go by normalised key, so spelling details (case, diacritics, hyphens) never matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.errors import DataError
from newsline.names import FAMILY, person_key
from newsline.names import entity_key as _key

BUNDLED = "newsline/data/knowledge.json"
SECTIONS = ("entities", "offices", "titles", "events", "commemorations")


@dataclass(frozen=True, slots=True)
class Source:
    """Which knowledge is meant: the bundled file and, when given, the user's file; ``digest``
    fingerprints their bytes, so derived views and cached analyses are keyed by content."""

    path: str | None = None
    digest: str = ""


@lru_cache(maxsize=1)
def _bundled_bytes() -> bytes:
    return resources.files("newsline.data").joinpath("knowledge.json").read_bytes()


@lru_cache(maxsize=16)
def _digest(path: str | None, stamp: tuple[int, int]) -> str:
    h = hashlib.sha1(_bundled_bytes())
    if path is not None:
        try:
            h.update(b"\0" + Path(path).read_bytes())
        except OSError as exc:
            raise DataError(f"cannot read knowledge base: {exc}", path,
                            "check the `knowledge` setting") from exc
    return h.hexdigest()


def source(path: str | Path | None = None) -> Source:
    """The knowledge at ``path`` (added to the bundled file), fingerprinted by content."""
    if path is None:
        return Source(None, _digest(None, (0, 0)))
    p = str(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise DataError(f"cannot read knowledge base: {exc}", p,
                        "check the `knowledge` setting") from exc
    return Source(p, _digest(p, (st.st_mtime_ns, st.st_size)))


_ACTIVE: Source | None = None


def use(path: str | Path | None) -> Source:
    """Make the knowledge at ``path`` this process's active knowledge (what the analysis
    stages read) and return its source; the file is read and checked now."""
    global _ACTIVE
    src = source(path)
    data(src)
    _ACTIVE = src
    return src


def active() -> Source:
    """The process's active knowledge: the last :func:`use`, else the bundled file."""
    return _ACTIVE if _ACTIVE is not None else source(None)


@lru_cache(maxsize=8)
def data(src: Source) -> dict[str, Any]:
    """The bundled file's sections with the user file's appended (a user's fact comes after,
    so it wins where a view keeps the last one)."""
    out: dict[str, Any] = json.loads(_bundled_bytes().decode("utf-8"))
    if src.path is not None:
        try:
            extra = json.loads(Path(src.path).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"cannot read knowledge base: {exc}", src.path,
                            "it must be a JSON file in the format of " + BUNDLED) from exc
        if not isinstance(extra, dict):
            raise DataError("knowledge base is not a JSON object", src.path,
                            "see " + BUNDLED + " for the format")
        for section in SECTIONS:
            items = extra.get(section, [])
            if not isinstance(items, list):
                raise DataError(f"knowledge base section {section!r} is not a list", src.path,
                                "see " + BUNDLED + " for the format")
            out[section] = [*out.get(section, []), *items]
    return out


@dataclass(frozen=True, slots=True)
class Term:
    office: str
    holder: str
    start: dt.date
    end: dt.date | None
    source: str

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Knowledge:
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (family, key) -> canonical
    sources: dict[str, str] = field(default_factory=dict)  # canonical -> source URL
    terms: list[Term] = field(default_factory=list)
    source: Source = field(default_factory=Source)  # what it was read from

    @classmethod
    def empty(cls) -> Knowledge:
        return cls()

    @classmethod
    def from_dict(cls, data: dict[str, Any], which: str = "knowledge base") -> Knowledge:
        kb = cls()
        try:
            for ent in data.get("entities", []):
                fam = FAMILY.get(ent["type"], "OTHER")
                name = ent["name"]
                kb.sources[name] = ent.get("source", "")
                for alias in [name, *ent.get("aliases", [])]:
                    kb.names[(fam, _key(alias, fam))] = name
            for t in data.get("offices", []):
                kb.terms.append(Term(
                    t["office"], t["holder"], dt.date.fromisoformat(t["from"]),
                    dt.date.fromisoformat(t["to"]) if t.get("to") else None, t.get("source", ""),
                ))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"malformed knowledge base entry: {exc}", which,
                            "see " + BUNDLED + " for the format") from exc
        return kb

    @classmethod
    def bundled(cls) -> Knowledge:
        return cls.load(None)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Knowledge:
        """The bundled knowledge base, extended by the file at ``path`` when given."""
        return cls.of(source(path))

    @classmethod
    def of(cls, src: Source) -> Knowledge:
        kb = cls.from_dict(data(src), src.path or BUNDLED)
        kb.source = src
        return kb

    def canonical_name(self, key: str, family: str) -> str | None:
        return self.names.get((family, key))

    def canonical_key(self, key: str, family: str) -> str | None:
        name = self.names.get((family, key))
        return _key(name, family) if name else None

    def holders(self, office: str, day: dt.date) -> list[Term]:
        """Who held ``office`` on ``day``."""
        return [t for t in self.terms if t.office == office and t.covers(day)]

    def terms_of(self, person: str) -> list[Term]:
        k = person_key(person)
        return [t for t in self.terms if person_key(t.holder) == k]
