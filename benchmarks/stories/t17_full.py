"""The story grouping on all of T17 (4,319 dated articles), without analysis: entities are left
out (an empty index), so this times the text side of the reduce and shows its grouping.

    .venv/bin/python benchmarks/stories/t17_full.py [--undated]
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from cache import t17_articles  # noqa: E402
from common import gold_groups, purity  # noqa: E402
from measure import t17_folder, t17_story  # noqa: E402

from newsline.corpus import stories as st  # noqa: E402
from newsline.corpus.entities import EntityIndex  # noqa: E402
from newsline.model import DateEstimate  # noqa: E402


def main() -> None:
    undated = "--undated" in sys.argv
    articles = t17_articles(10_000)
    arts = {a.id: a for a in articles}
    dates = {} if undated else {a.id: DateEstimate.exact(a.published, "metadata", 0.95)
                                for a in articles if a.published}
    started = time.perf_counter()
    stories = st.build_stories(arts, dates, EntityIndex([], {}), [])
    seconds = time.perf_counter() - started
    groups = [s.documents for s in stories]
    ids = list(arts)
    sizes = Counter(len(g) for g in groups)
    print(f"T17 {'undated' if undated else 'dated'}: {len(ids)} articles, {len(groups)} stories "
          f"({sizes[1]} of one article, {sum(1 for g in groups if len(g) >= 5)} of five or "
          f"more), {seconds:.1f}s, peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    for label, key in (("T17 topic (folder)", t17_folder), ("T17 story", t17_story)):
        p, ip = purity(groups, gold_groups(ids, key))
        print(f"  vs {label}: purity {p}  inverse purity {ip}")
    per: Counter[str] = Counter()
    for g in groups:
        if len(g) >= 5:
            per[Counter(t17_story(d) for d in g).most_common(1)[0][0]] += 1
    print("  stories of five or more articles per T17 story (majority):", dict(sorted(per.items())))
    big = sorted(stories, key=lambda s: -len(s.documents))[:5]
    for s in big:
        print(f"  {len(s.documents):4d} {s.earliest}..{s.latest} {s.title[:70]}")


if __name__ == "__main__":
    main()
