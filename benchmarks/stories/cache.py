"""Analyse the ECB+ (train, dev, test) and a T17 sample once with the product's ``analyze``
and pickle the (Article, DocAnalysis) pairs under /tmp, so story experiments only rerun the
reduce.

    .venv/bin/python benchmarks/stories/cache.py ecb train dev test
    .venv/bin/python benchmarks/stories/cache.py t17 40     # 40 articles per T17 topic folder
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import random
import sys
import time
from pathlib import Path

from newsline.analyze import analyze_many
from newsline.eval import ecbplus
from newsline.model import Article

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"  # beside the checkout
CACHE = Path("/tmp/newsline_stories")
SPLITS = {"train": ecbplus.TRAIN_TOPICS, "dev": ecbplus.DEV_TOPICS, "test": ecbplus.TEST_TOPICS}


def ecb_articles(split: str) -> list[Article]:
    """ECB+ texts as a user would ingest them: no date, no title."""
    docs = ecbplus.read(DATA, SPLITS[split], kinds="event")
    return [Article(d.id, f"{d.id}.txt", d.text) for d in docs]


def t17_articles(per_topic: int, seed: int = 0) -> list[Article]:
    """A sample of each T17 topic folder's articles, dated by their publication day."""
    out = []
    rng = random.Random(seed)
    for folder in sorted((DATA / "timeline17" / "t17").iterdir()):
        if not (folder / "articles.json").exists():
            continue  # Finan_washingtonpost: only its timeline is in the copy
        rows = json.loads((folder / "articles.json").read_text("utf-8"))
        rows = rng.sample(rows, min(per_topic, len(rows)))
        for r in rows:
            doc = f"{folder.name}:{r['uid']}"
            out.append(Article(doc, f"{doc}.txt", r["text"].replace("\\/", "/"),
                               published=dt.date.fromisoformat(r["dct"]),
                               published_basis="metadata"))
    return out


def dump(name: str, articles: list[Article]) -> None:
    CACHE.mkdir(exist_ok=True)
    started = time.perf_counter()
    analyses = list(analyze_many(articles, workers=1))
    with (CACHE / f"{name}.pkl").open("wb") as fh:
        pickle.dump((articles, analyses), fh)
    print(name, len(articles), f"{time.perf_counter() - started:.0f}s", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "ecb":
        for split in sys.argv[2:]:
            dump(f"ecb_{split}", ecb_articles(split))
    else:
        dump(f"t17_{sys.argv[2]}", t17_articles(int(sys.argv[2])))
