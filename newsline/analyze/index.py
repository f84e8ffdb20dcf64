"""Look-ups by position that keep the stages linear in the length of a document.

A stage asks, for each mention, trigger or token, which sentence holds it, which mentions lie
inside or over a stretch of text, which time expressions its sentence holds. Scanning the
whole list each time makes the stage quadratic: minutes on a long text, or on one of 40,000
one-word sentences (issue 13). These indexes answer each question by bisection, in the order
the scan would have given, so that the answers are exactly the scan's.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class Sentences:
    """Character spans of sentences (sorted, not overlapping: what
    :func:`newsline.analyze.mentions.sentences` gives), found by a character inside them."""

    __slots__ = ("_linear", "sents", "starts")

    def __init__(self, sents: Sequence[tuple[int, int]]) -> None:
        self.sents = sents
        self.starts = [s for s, _ in sents]
        # spans that are not in order would make bisection differ from a scan: scan those
        self._linear = any(sents[i][1] > sents[i + 1][0] or sents[i][0] > sents[i][1]
                           for i in range(len(sents) - 1))

    def containing(self, char: int) -> int | None:
        """The index of the first sentence with ``start <= char < end``, if any."""
        if self._linear:
            return next((i for i, (a, b) in enumerate(self.sents) if a <= char < b), None)
        i = bisect.bisect_right(self.starts, char) - 1
        if i >= 0 and char < self.sents[i][1]:
            # a sentence that ends where it starts holds nothing; one just before may
            return i
        return None

    def first_within(self, start: int, end: int) -> int | None:
        """The index of the first sentence with ``start <= s0`` and ``s1 <= end``."""
        if self._linear:
            return next((i for i, (a, b) in enumerate(self.sents) if a >= start and b <= end),
                        None)
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.sents) and self.sents[i][1] <= end:
            return i
        return None


class Spans:
    """Items with character offsets (mentions, time expressions), found by position; every
    answer lists item indexes in ascending order, as a scan of the list would."""

    __slots__ = ("_keys", "_order", "items", "longest")

    def __init__(self, items: Sequence[_HasSpan]) -> None:
        self.items = items
        pairs = sorted((it.start, i) for i, it in enumerate(items))
        self._keys = [s for s, _ in pairs]
        self._order = [i for _, i in pairs]
        self.longest = max((it.end - it.start for it in items), default=0)

    def _starting(self, lo: int, hi: int) -> list[int]:
        """Indexes of the items with ``lo <= start <= hi``, ascending."""
        a = bisect.bisect_left(self._keys, lo)
        b = bisect.bisect_right(self._keys, hi)
        return sorted(self._order[a:b])

    def inside(self, start: int, end: int) -> list[int]:
        """Items with ``start <= item.start`` and ``item.end <= end``."""
        items = self.items
        return [i for i in self._starting(start, end) if items[i].end <= end]

    def overlapping(self, start: int, end: int) -> list[int]:
        """Items with ``item.start < end`` and ``start < item.end``."""
        items = self.items
        return [i for i in self._starting(start - self.longest, end)
                if items[i].start < end and start < items[i].end]

    def covering(self, char: int) -> list[int]:
        """Items with ``item.start <= char < item.end``."""
        items = self.items
        return [i for i in self._starting(char - self.longest, char)
                if items[i].start <= char < items[i].end]

    def nearest(self, char: int, lo: int, hi: int, k: int) -> list[int]:
        """Of the items starting in ``[lo, hi]``, the ``k`` that start last at or before
        ``char`` and the ``k`` that start first after it: those nearest ``char``."""
        a = bisect.bisect_left(self._keys, lo)
        b = bisect.bisect_right(self._keys, hi)
        mid = min(max(bisect.bisect_right(self._keys, char), a), b)
        return sorted(self._order[max(a, mid - k):mid] + self._order[mid:min(b, mid + k)])


_SENT_KEY = "newsline_sent_bounds"


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    """Per token, the (first, end) token indexes of its sentence; made once per document."""
    bounds = doc.user_data.get(_SENT_KEY)
    if bounds is None or len(bounds) != len(doc):
        bounds = []
        for sent in doc.sents:
            pair = (sent.start, sent.end)
            bounds.extend([pair] * (sent.end - sent.start))
        doc.user_data[_SENT_KEY] = bounds
    return bounds


def sent_bounds(tok: Token) -> tuple[int, int]:
    """The token range of ``tok.sent`` without building the span: spaCy's ``Token.sent``
    walks the sentence token by token on every call."""
    return _bounds(tok.doc)[tok.i]


def sent_of(tok: Token) -> Span:
    """``tok.sent``, found in constant time."""
    start, end = _bounds(tok.doc)[tok.i]
    return tok.doc[start:end]


_CHILDREN = "newsline_children"


def children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    """The dependents of ``tok`` with one of ``deps``, in order; a word's dependents are
    grouped once per document, as a word that governs thousands (in a text without full
    stops) is asked about again for each of them."""
    doc = tok.doc
    memo: dict[int, dict[str, list[int]]] = doc.user_data.setdefault(_CHILDREN, {})
    by_dep = memo.get(tok.i)
    if by_dep is None:
        by_dep = {}
        for c in tok.children:
            by_dep.setdefault(c.dep_, []).append(c.i)
        memo[tok.i] = by_dep
    if len(deps) == 1:
        return [doc[i] for i in by_dep.get(deps[0], ())]
    return [doc[i] for i in sorted(i for d in deps for i in by_dep.get(d, ()))]
