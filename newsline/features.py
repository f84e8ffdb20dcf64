"""Per-document features of the reduce, kept between builds.

Some of the corpus-level work starts with a pure function of one article and its analysis: the
MinHash signature a copy is found by, the claim sentences and their sketches that contradictions
are aligned by. Their inputs never change for a stored document (its id is a hash of its text;
its analysis is redone only under a new analyzer version, which is part of the key), so they are
computed once and stored; a later build computes them only for new documents. Each feature
*kind* carries its own version: change what a kind computes, bump its version, and every stored
value of the old one is ignored and pruned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(slots=True)
class FeatureCache:
    """Packed features by kind and document: what the last builds stored, and what this one
    computed (``added``, for the store to save)."""

    analyzer: str = ""  # the analyses' version: part of every kind's key
    stored: dict[str, dict[str, bytes]] = field(default_factory=dict)
    added: dict[str, dict[str, bytes]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def get(self, kind: str, doc: str, make: Callable[[], T], pack: Callable[[T], bytes],
            unpack: Callable[[bytes], T]) -> T:
        """The feature ``kind`` of ``doc``: unpacked when stored, else made (and kept)."""
        kind = self.key(kind)
        self.used.add(kind)
        packed = self.stored.get(kind, {}).get(doc)
        if packed is not None:
            return unpack(packed)
        value = make()
        self.added.setdefault(kind, {})[doc] = pack(value)
        return value

    def key(self, kind: str) -> str:
        return f"{kind}@{self.analyzer}"

    def kinds(self) -> Iterable[str]:
        return sorted(self.used)
