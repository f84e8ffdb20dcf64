"""Articles that say the same thing with a different fact: a number, a date, a place, a name.

Two sentences from different articles are *aligned* when, with their facts masked, they share
most of their words (MinHash LSH over word 3-shingles finds the candidates, never all pairs;
a word-level diff confirms them). An aligned pair *conflicts* when a fact token (a number, a
month or weekday, a word of a named place or person) was replaced by another of its kind;
insertions, deletions and changes of ordinary words are light edits and no conflict. Numbers
that differ between articles dated more than :data:`UPDATE_DAYS` apart are updates (a death
toll that rose), not conflicts; a relative day ("on Tuesday") is compared by the day it stands
for, not by its words.

Aligned sentences that agree form one side of a claim; a flag names every side with its
quotes, how many articles support each, and how many of those are independent (not copies of
each other, by :func:`newsline.verify.duplicates.copy_groups`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsline.features import FeatureCache
from newsline.graph import UnionFind
from newsline.model import DateEstimate, DocAnalysis, Evidence, Flag
from newsline.verify.common import MONTHS, WEEKDAYS, flag_id, quote

LSH_THRESHOLD = 0.4
NUM_PERM = 64
MIN_RATIO = 0.75  # share of words two aligned sentences have in common (difflib ratio)
MIN_TOKENS = 8
UPDATE_DAYS = 1
_TOKEN = re.compile(r"\w+(?:[.,:’'\-]\w+)*")
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
                 "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen",
                 "dozens"}
_DAY_WORDS = set(MONTHS) | set(WEEKDAYS) | {"yesterday", "today", "tomorrow"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_CREDITS = re.compile(r"\b(?:reporting|editing|writing|additional reporting) by\b", re.I)


@dataclass(slots=True)
class _Sent:
    key: str
    doc: str
    start: int
    end: int
    words: list[str]  # lowercased
    spans: list[tuple[int, int]]
    kinds: list[str | None]  # "number", "date", "name" or None per word


def _kind(word: str, pos: int, names: set[int]) -> str | None:
    low = word.lower()
    if low in _DAY_WORDS:
        return "date"
    if low in _NUMBER_WORDS or any(map(str.isdigit, word)):
        return "number"
    if word[:1].isupper() and pos in names:
        return "name"
    return None


def _sentences(doc: str, text: str, analysis: DocAnalysis) -> list[_Sent]:
    # the character offsets inside a place name
    names = {i for m in analysis.mentions if m.type in _PLACE_TYPES for i in range(m.start, m.end)}
    out = []
    for i, (s, e) in enumerate(analysis.sentences):
        toks = list(_TOKEN.finditer(text, s, e))
        if len(toks) < MIN_TOKENS or _CREDITS.search(text, s, e):
            continue  # short, or a byline of reporters and editors
        kinds = [_kind(t.group(), t.start(), names) for t in toks]
        if not any(kinds):
            continue
        out.append(_Sent(f"{doc}#{i}", doc, s, e, [t.group().lower() for t in toks],
                         [(t.start(), t.end()) for t in toks], kinds))
    return out


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=11).permutations  # made once, not per sentence
FEATURE = "contradiction-sentences/1"  # bump when _sentences or _minhash change
_KINDS: list[str | None] = [None, "number", "date", "name"]


def _minhash(sent: _Sent) -> MinHash:
    masked = [k or w for w, k in zip(sent.words, sent.kinds, strict=True)]
    mh = MinHash(num_perm=NUM_PERM, seed=11, permutations=_PERMUTATIONS, scheme="affine32")
    grams = {" ".join(masked[i:i + 3]) for i in range(max(1, len(masked) - 2))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def _sketch(hashvalues: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=11, hashvalues=hashvalues, permutations=_PERMUTATIONS,
                   scheme="affine32")


def _pack(found: list[tuple[_Sent, MinHash]]) -> bytes:
    meta = json.dumps([[s.key.rsplit("#", 1)[1], s.start, s.end,
                        [x for span in s.spans for x in span], [_KINDS.index(k) for k in s.kinds]]
                       for s, _ in found], separators=(",", ":")).encode()
    values = b"".join(mh.hashvalues.astype(np.uint32).tobytes() for _, mh in found)
    return len(meta).to_bytes(4, "little") + meta + values


def _unpack(packed: bytes, doc: str, text: str) -> list[tuple[_Sent, MinHash]]:
    n = int.from_bytes(packed[:4], "little")
    meta = json.loads(packed[4:4 + n])
    values = np.frombuffer(packed[4 + n:], dtype=np.uint32).reshape(-1, NUM_PERM)
    out = []
    for (i, start, end, flat, kinds), hv in zip(meta, values, strict=True):
        spans = list(zip(flat[::2], flat[1::2], strict=True))
        words = [text[a:b].lower() for a, b in spans]
        out.append((_Sent(f"{doc}#{i}", doc, start, end, words, spans,
                          [_KINDS[k] for k in kinds]), _sketch(hv.copy())))
    return out


def claim_sentences(doc: str, text: str, analysis: DocAnalysis,
                    cache: FeatureCache | None = None) -> list[tuple[_Sent, MinHash]]:
    """The document's sentences that state facts, each with the sketch it is aligned by."""
    def make() -> list[tuple[_Sent, MinHash]]:
        return [(s, _minhash(s)) for s in _sentences(doc, text, analysis)]

    if cache is None:
        return make()
    return cache.get(FEATURE, doc, make, _pack, lambda b: _unpack(b, doc, text))


@dataclass(slots=True)
class _Conflict:
    kind: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    a_value: str
    b_value: str


def _timex_interval(analysis: DocAnalysis, pos: int) -> tuple[dt.date, dt.date] | None:
    for t in analysis.timexes:
        if t.start <= pos < t.end and t.earliest and t.latest:
            return t.earliest, t.latest
    return None


def _compare(a: _Sent, b: _Sent, texts: dict[str, str], analyses: dict[str, DocAnalysis],
             days: dict[str, dt.date | None]) -> list[_Conflict] | None:
    """None when the sentences are not aligned; else their conflicts (maybe none)."""
    sm = SequenceMatcher(None, a.words, b.words, autojunk=False)
    if sm.ratio() < MIN_RATIO:
        return None
    da, db = days.get(a.doc), days.get(b.doc)
    apart = da is None or db is None or abs((da - db).days) > UPDATE_DAYS
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        ka = {k for k in a.kinds[i1:i2] if k}
        kb = {k for k in b.kinds[j1:j2] if k}
        shared = ka & kb
        if not shared:
            continue
        kind = "date" if "date" in shared or _near_month(a, i1) else sorted(shared)[0]
        a_span = (a.spans[i1][0], a.spans[i2 - 1][1])
        b_span = (b.spans[j1][0], b.spans[j2 - 1][1])
        if kind == "number" and apart:
            continue  # a figure updated between reports
        if kind == "date":
            ia = _timex_interval(analyses[a.doc], a_span[0])
            ib = _timex_interval(analyses[b.doc], b_span[0])
            if ia and ib and not (ia[1] < ib[0] or ib[1] < ia[0]):
                continue  # different words for the same day
            if (ia is None or ib is None) and apart:
                continue
        out.append(_Conflict(kind, a_span, b_span, texts[a.doc][a_span[0]:a_span[1]],
                             texts[b.doc][b_span[0]:b_span[1]]))
    return out


def _near_month(s: _Sent, i: int) -> bool:
    return any(w in MONTHS for w in s.words[max(0, i - 1):i + 2])


def contradictions(
    texts: dict[str, str], analyses: dict[str, DocAnalysis],
    doc_dates: dict[str, DateEstimate], groups: dict[str, str],
    cache: FeatureCache | None = None,
) -> list[Flag]:
    days = {d: est.day for d, est in doc_dates.items()}
    sents: dict[str, _Sent] = {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    aligned = UnionFind()
    agree = UnionFind()
    conflicts: list[tuple[_Sent, _Sent, _Conflict]] = []
    for doc in sorted(analyses):
        if doc not in texts:
            continue
        for s, mh in claim_sentences(doc, texts[doc], analyses[doc], cache):
            for other in sorted(lsh.query(mh)):
                o = sents[other]
                if o.doc == doc:
                    continue
                found = _compare(o, s, texts, analyses, days)
                if found is None:
                    continue
                aligned.union(o.key, s.key)
                if found:
                    conflicts.extend((o, s, c) for c in found)
                else:
                    agree.union(o.key, s.key)
            lsh.insert(s.key, mh)
            sents[s.key] = s
    by_claim: dict[str, list[tuple[_Sent, _Sent, _Conflict]]] = defaultdict(list)
    for a, b, c in conflicts:
        if agree.find(a.key) != agree.find(b.key):
            by_claim[aligned.find(a.key)].append((a, b, c))
    flags = []
    for claim in sorted(by_claim):
        flags.append(_flag(claim, by_claim[claim], sents, agree, aligned, texts, groups))
    return flags


def _flag(claim: str, found: list[tuple[_Sent, _Sent, _Conflict]], sents: dict[str, _Sent],
          agree: UnionFind, aligned: UnionFind, texts: dict[str, str],
          groups: dict[str, str]) -> Flag:
    members = [s for s in sents.values() if aligned.find(s.key) == claim]
    sides: dict[str, list[_Sent]] = defaultdict(list)
    for s in members:
        sides[agree.find(s.key)].append(s)
    a, b, c = found[0]
    side_a, side_b = sides[agree.find(a.key)], sides[agree.find(b.key)]

    def support(side: list[_Sent]) -> tuple[int, int]:
        docs = {s.doc for s in side}
        return len({groups.get(d, d) for d in docs}), len(docs)

    (ia, na), (ib, nb) = support(side_a), support(side_b)
    if (ia, na) == (ib, nb):
        verdict = "Neither version has more support in the corpus."
    else:
        more = c.a_value if (ia, na) > (ib, nb) else c.b_value
        verdict = f"The version with “{more}” has more support" + (
            ", and more independent support." if ia != ib else
            ", though not more independent support.")
    what = {"number": "a number", "date": "a date", "name": "a place"}[c.kind]
    message = (
        f"Articles contradict each other on {what}: “{c.a_value}” in {na} article(s) "
        f"({ia} independent) against “{c.b_value}” in {nb} article(s) ({ib} independent). "
        + verdict
    )
    evidence: list[Evidence] = []
    for side, lead, value in ((side_a, a, c.a_value), (side_b, b, c.b_value)):
        first = lead
        evidence.append(quote(first.doc, texts[first.doc], first.start, first.end,
                              f"says “{value}”"))
        for s in sorted(side, key=lambda s: s.key):
            if s is not first and len(evidence) < 6:  # a few supporting quotes
                evidence.append(quote(s.doc, texts[s.doc], s.start, s.end,
                                      f"also says “{value}”"))
    docs = sorted({s.doc for s in side_a} | {s.doc for s in side_b})
    return Flag(flag_id("contra", claim, c.a_value, c.b_value), "contradiction", "warning",
                message, docs, evidence)
