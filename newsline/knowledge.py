"""The knowledge base: canonical names, aliases, and offices with their terms.

A small curated one ships in ``newsline/data/knowledge.json`` (each fact with its source); a
user can load a larger file of the same format. Lookups go by normalised key, so spelling
details (case, diacritics, hyphens) never matter.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.names import FAMILY, person_key
from newsline.names import entity_key as _key
from newsline.errors import DataError


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
                            "see newsline/data/knowledge.json for the format") from exc
        return kb

    @classmethod
    def bundled(cls) -> Knowledge:
        text = resources.files("newsline.data").joinpath("knowledge.json").read_text("utf-8")
        return cls.from_dict(json.loads(text), "newsline/data/knowledge.json")

    @classmethod
    def load(cls, path: str | Path | None = None) -> Knowledge:
        """The bundled knowledge base, extended by the file at ``path`` when given."""
        kb = cls.bundled()
        if path is not None:
            try:
                extra = json.loads(Path(path).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise DataError(f"cannot read knowledge base: {exc}", str(path)) from exc
            other = cls.from_dict(extra, str(path))
            kb.names.update(other.names)
            kb.sources.update(other.sources)
            kb.terms.extend(other.terms)
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
