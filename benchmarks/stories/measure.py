"""Purity and inverse purity of the product's stories: ``build_corpus`` with default settings
on cached ``analyze`` results (``cache.py``), all documents of a split together.

    .venv/bin/python benchmarks/stories/measure.py ecb_train ecb_dev   # tune on these only
    .venv/bin/python benchmarks/stories/measure.py ecb_test            # report once
    .venv/bin/python benchmarks/stories/measure.py t17_60              # T17 sample, dated
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import gold_groups, load, purity, subtopic  # noqa: E402

from newsline.corpus import build_corpus  # noqa: E402


def t17_folder(doc: str) -> str:
    return doc.split(":", 1)[0]


def t17_story(doc: str) -> str:
    return t17_folder(doc).split("_", 1)[0].lower()


def main(name: str) -> None:
    articles, analyses = load(name)
    started = time.perf_counter()
    corpus = build_corpus(articles, analyses)
    seconds = time.perf_counter() - started
    groups = [list(s.documents) for s in corpus.stories]
    ids = [a.id for a in articles]
    seen = Counter(d for g in groups for d in g)
    assert set(seen) == set(ids) and max(seen.values()) == 1, "a document not in one story"
    sizes = Counter(len(g) for g in groups)
    print(f"{name}: {len(ids)} documents, {len(groups)} stories "
          f"({sizes[1]} of one article), build {seconds:.1f}s")
    if name.startswith("ecb"):
        p, ip = purity(groups, gold_groups(ids, subtopic))
        print(f"  subtopic purity {p}  inverse purity {ip}")
        return
    for label, key in (("T17 topic (folder)", t17_folder), ("T17 story", t17_story)):
        p, ip = purity(groups, gold_groups(ids, key))
        print(f"  vs {label}: purity {p}  inverse purity {ip}")
    per = Counter()
    for g in groups:
        per[Counter(t17_story(d) for d in g).most_common(1)[0][0]] += 1
    print("  stories per T17 story (by majority):", dict(sorted(per.items())))
    multi = [g for g in groups if len(g) > 1]
    print(f"  {len(multi)} stories of two or more articles hold "
          f"{sum(len(g) for g in multi)} articles")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        main(arg)
