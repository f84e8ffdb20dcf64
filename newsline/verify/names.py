"""Name variants: a person's name that resolves only as a misspelling of a known one.

A full name (two words or more) seen rarely in the corpus is compared with the names that are
known: the knowledge base's people and the names the corpus uses often. When all words are
equal but one, and that one is a single edit (a substitution, an insertion, a deletion or two
swapped letters) away in a word of at least :data:`MIN_WORD` letters, the rare form is most
likely a misspelling ("Angela Merkle" for "Angela Merkel"). Only ever an ``info`` flag: two
real people can have such names.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz.distance import OSA

from newsline.knowledge import Knowledge
from newsline.model import DocAnalysis, Flag
from newsline.names import person_key
from newsline.verify.common import flag_id, quote

MIN_WORD = 5
FREQUENT = 3  # a corpus name used in this many documents counts as known
RATIO = 3  # ... and in at least this many times the documents of the variant


def _one_typo(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    return min(len(x), len(y)) >= MIN_WORD and x[0] == y[0] and OSA.distance(x, y) == 1


def _masks(key: str) -> list[tuple[str, ...]]:
    ws = key.split()
    return [(*ws[:i], "", *ws[i + 1:]) for i in range(len(ws))]


def name_variants(texts: dict[str, str], analyses: dict[str, DocAnalysis],
                  kb: Knowledge) -> list[Flag]:
    docs_of: dict[str, set[str]] = defaultdict(set)
    first_at: dict[str, tuple[str, int, int]] = {}
    for doc in sorted(analyses):
        for m in analyses[doc].mentions:
            if m.type != "PERSON":
                continue
            key = person_key(m.text)
            if len(key.split()) < 2:
                continue
            docs_of[key].add(doc)
            first_at.setdefault(key, (doc, m.start, m.end))
    known_kb = {k for (fam, k) in kb.names if fam == "PERSON"} | \
        {person_key(t.holder) for t in kb.terms}
    counts = Counter({k: len(v) for k, v in docs_of.items()})
    known = known_kb | {k for k, n in counts.items() if n >= FREQUENT}
    # every known name under each of its words masked: a one-word variant shares a mask with it
    by_mask: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for k in known:
        for mask in _masks(k):
            by_mask[mask].add(k)
    flags = []
    for key in sorted(docs_of):
        if key in known_kb:
            continue
        n = counts[key]
        near = {k for mask in _masks(key) for k in by_mask.get(mask, ())}
        matches = [k for k in sorted(near) if k != key and _one_typo(key, k)
                   and (k in known_kb or counts[k] >= RATIO * n)]
        if len(matches) != 1:
            continue  # none, or ambiguous between two known names
        right = matches[0]
        doc, s, e = first_at[key]
        evidence = [quote(doc, texts[doc], s, e, "the variant spelling")]
        where = "the knowledge base" if right in known_kb else f"{counts[right]} articles"
        if right in first_at:
            d2, s2, e2 = first_at[right]
            evidence.append(quote(d2, texts[d2], s2, e2, "the usual spelling"))
        flags.append(Flag(
            flag_id("name", key, right), "name-variant", "info",
            f"“{texts[doc][s:e]}” ({n} article(s)) looks like a misspelling of "
            f"“{evidence[-1].quote if len(evidence) > 1 else right.title()}”, "
            f"the spelling {where} use(s).",
            sorted(docs_of[key]), evidence))
    return flags
