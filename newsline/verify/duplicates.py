"""Copies and re-publications: wire copies, syndicated reprints, old stories under new dates.

MinHash signatures of word 5-shingles go into an LSH index (datasketch), so candidate pairs
come from shared buckets, never from comparing all pairs; each candidate's Jaccard estimate is
then checked. A copy dated well after its original is flagged as a stale re-publication
(warning); a copy within days of it is a wire copy or reprint (info). :func:`copy_groups`
gives the other checks the same grouping, so that copies never count as independent support.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsline.features import FeatureCache
from newsline.graph import UnionFind
from newsline.model import Article, DateEstimate, Evidence, Flag
from newsline.verify.common import flag_id

NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard of word 5-shingles; light edits keep copies well above it
MIN_WORDS = 40  # shorter texts share too few shingles to call copies
SHINGLE = 5
STALE_DAYS = 30
_WORD = re.compile(r"\w+")


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=7).permutations  # made once, not per text


def _signature(text: str) -> MinHash:
    words = _WORD.findall(text.casefold())
    mh = MinHash(num_perm=NUM_PERM, seed=7, permutations=_PERMUTATIONS, scheme="affine32")
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


FEATURE = "copy-signature/1"  # bump when _signature changes


def _pack(sig: MinHash | None) -> bytes:
    return b"" if sig is None else sig.hashvalues.astype(np.uint32).tobytes()


def _unpack(packed: bytes) -> MinHash | None:
    if not packed:
        return None
    values = np.frombuffer(packed, dtype=np.uint32).copy()
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=values, permutations=_PERMUTATIONS,
                   scheme="affine32")


def signature(text: str, doc: str = "", cache: FeatureCache | None = None) -> MinHash | None:
    """The text's copy signature; None for a text too short to call a copy."""
    def make() -> MinHash | None:
        return _signature(text) if len(_WORD.findall(text)) >= MIN_WORDS else None

    return make() if cache is None else cache.get(FEATURE, doc, make, _pack, _unpack)


def similar_pairs(articles: dict[str, Article],
                  cache: FeatureCache | None = None) -> list[tuple[str, str, float]]:
    """(earlier id, later id by sort order, estimated Jaccard) of every copy pair."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sigs: dict[str, MinHash] = {}
    out = []
    for doc in sorted(articles):
        sig = signature(articles[doc].text, doc, cache)
        if sig is None:
            continue
        for other in sorted(lsh.query(sig)):
            similarity = sig.jaccard(sigs[other])
            if similarity >= THRESHOLD:
                out.append((other, doc, similarity))
        lsh.insert(doc, sig)
        sigs[doc] = sig
    return out


def copy_groups(articles: dict[str, Article],
                pairs: list[tuple[str, str, float]] | None = None) -> dict[str, str]:
    """Document -> a representative of its group of copies."""
    uf = UnionFind()
    for doc in articles:
        uf.find(doc)
    for a, b, _ in similar_pairs(articles) if pairs is None else pairs:
        uf.union(a, b)
    return {doc: uf.find(doc) for doc in articles}


def _lead(article: Article) -> Evidence:
    end = min(len(article.text), 200)
    cut = article.text.rfind(" ", 0, end)
    end = cut if cut > 80 else end
    return Evidence(article.id, 0, end, article.text[:end], "opening of the article")


def find_duplicates(
    articles: dict[str, Article], doc_dates: dict[str, DateEstimate],
    pairs: list[tuple[str, str, float]] | None = None,
) -> list[Flag]:
    flags = []
    for x, y, similarity in similar_pairs(articles) if pairs is None else pairs:
        first, second = sorted((x, y), key=lambda d: (doc_dates[d].day or dt.date.max, d))
        a, b = articles[first], articles[second]
        da, db = doc_dates[first].day, doc_dates[second].day
        lag = (db - da).days if da is not None and db is not None else 0
        stale = lag > STALE_DAYS
        if stale:
            message = (
                f"“{b.title or b.source}” ({db}) re-publishes “{a.title or a.source}” "
                f"({da}), {lag} days later: an old story under a new date "
                f"(about {similarity:.0%} of the text is the same)"
            )
        else:
            message = (
                f"“{b.title or b.source}” is a copy of “{a.title or a.source}” "
                f"(about {similarity:.0%} of the text is the same)"
            )
        flags.append(Flag(flag_id("dup", first, second), "duplicate",
                          "warning" if stale else "info", message,
                          [first, second], [_lead(a), _lead(b)]))
    return flags
