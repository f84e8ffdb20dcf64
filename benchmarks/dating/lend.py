"""The corpus lends dates: undated T17 articles among dated ones, dated by the product's build.

A user's pile mixes articles with a date and articles without. This puts undated articles
(their dates hidden) among dated articles of the same stories (the date given as the source's,
as a feed or a CMS would), runs the product's analysis and corpus build with default settings,
and scores each undated article's date twice: its own estimate (from its text alone) and the
build's (after :func:`newsline.corpus.dates.lend_dates`). It reports both, how many articles the
build changed, and how many it made worse (the truth inside before, outside after).

    python benchmarks/dating/lend.py --data ../shared/data --split dev   # develop on this
    python benchmarks/dating/lend.py --data ../shared/data --split test  # report this

``dev``: 200 articles of the T17 development split, undated, among 2 dated development
articles of the same story each. ``test``: 200 of the dating benchmark's T17 test sample,
undated, among 2 dated development articles of the same story each (the test articles never
lend). Analyses are cached in ``benchmarks/results/`` by split.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from pathlib import Path
from typing import Any

from newsline.eval.dating import Case, error_days, inside, score, t17_split
from newsline.model import Article, DateEstimate

RESULTS = Path(__file__).resolve().parents[1] / "results"


def corpus(data: Path, split: str, n: int = 200, per: int = 2,
           seed: int = 0) -> tuple[list[Case], list[Case]]:
    """(the undated cases, the dated neighbours): ``per`` neighbours of each undated case from
    its story folder, drawn from the development split."""
    test, dev = t17_split(data)
    rng = random.Random(seed)
    pool = list(dev)
    rng.shuffle(pool)
    if split == "test":
        undated = test[:: max(1, len(test) // n)][:n]
    else:
        undated, pool = pool[:n], pool[n:]
    by_folder: dict[str, list[Case]] = {}
    for c in pool:
        by_folder.setdefault(c.id.split("/")[1], []).append(c)
    neighbours: list[Case] = []
    for c in undated:
        folder = by_folder.get(c.id.split("/")[1], [])
        neighbours.extend(folder[:per])
        del folder[:per]
    return undated, neighbours


def articles(undated: list[Case], dated: list[Case]) -> list[Article]:
    out = [Article(c.id, c.id, c.text) for c in undated]
    out += [Article(c.id, c.id, c.text, published=c.truth, published_basis="metadata")
            for c in dated]
    return out


def analyses(arts: list[Article], split: str, refresh: bool = False) -> list[Any]:
    from newsline.analyze import AnalysisError, analyze_many, analyzer_version
    from newsline.model import DocAnalysis

    path = RESULTS / f"dating_lend_{split}.pickle"
    key = (analyzer_version(), [a.id for a in arts])
    if path.exists() and not refresh:
        cached_key, cached = pickle.loads(path.read_bytes())
        if cached_key == key:
            return list(cached)
    out = [DocAnalysis(a.id) if isinstance(r, AnalysisError) else r
           for a, r in zip(arts, analyze_many(arts, workers=2), strict=True)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((key, out)))
    return out


def measure(data: Path, split: str, refresh: bool = False) -> dict[str, Any]:
    from newsline.corpus import build_corpus

    undated, dated = corpus(data, split)
    arts = articles(undated, dated)
    docs = analyses(arts, split, refresh)
    own = {d.doc: d.date for d in docs}
    built = build_corpus(arts, docs)
    lent: dict[str, DateEstimate] = built.doc_dates
    pairs_own = [(own[c.id], c.truth) for c in undated]
    pairs_lent = [(lent.get(c.id, own[c.id]), c.truth) for c in undated]
    changed = [c for c in undated if lent.get(c.id) is not None and lent[c.id] != own[c.id]]
    worse = [c.id for c in changed if inside(own[c.id], c.truth)
             and not inside(lent[c.id], c.truth)]
    helped = [c.id for c in changed
              if error_days(lent[c.id], c.truth) < error_days(own[c.id], c.truth)]
    return {"benchmark": "dating-lend", "split": split, "undated": len(undated),
            "dated": len(dated), "own": score(pairs_own), "after_build": score(pairs_lent),
            "changed": len(changed), "error_smaller": len(helped),
            "made_worse": len(worse), "made_worse_ids": worse[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--refresh", action="store_true", help="re-run the analysis")
    args = parser.parse_args()
    print(json.dumps(measure(args.data, args.split, args.refresh), indent=1))


if __name__ == "__main__":
    main()
