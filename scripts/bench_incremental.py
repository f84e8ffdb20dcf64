"""Time an incremental build against a full one on an analysed newsline database.

    python scripts/bench_incremental.py DB [--new 20]

The database's latest ``--new`` articles (by date) are held back; the rest is built in full;
the held-back articles are then added and the build brought up to date incrementally. The
result is compared with a full build of everything, and the three timings are printed as
JSON. The database itself is not changed (the work happens on copies).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from newsline import pipeline
from newsline.analyze import analyzer_version
from newsline.export.json import timeline
from newsline.settings import Settings
from newsline.store import Store


def _copy(src: Path, dest: Path) -> None:
    with Store(src) as s:
        s.conn.execute("VACUUM INTO ?", (str(dest),))


def _content(store: Store) -> dict:
    tl = timeline(store)
    tl.pop("generated_at")
    return tl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--new", type=int, default=20)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    with Store(args.db) as store:
        articles = list(store.articles())
        analyses = {a.doc: a for a in store.analyses()}
    late = sorted(articles, key=lambda a: (a.published is not None, a.published, a.id))
    late = late[-args.new:]
    base, full = tmp / "base.db", tmp / "full.db"
    _copy(args.db, base)
    _copy(args.db, full)
    with Store(base) as store:
        with store.transaction() as conn:
            conn.executemany("DELETE FROM articles WHERE id = ?", [(a.id,) for a in late])
        pipeline.build(store, Settings(db=base), full=True)
        store.add_articles(late)
        store.save_analyses([analyses[a.id] for a in late], analyzer_version())
        t = time.perf_counter()
        pipeline.build(store, Settings(db=base))
        incremental = time.perf_counter() - t
        t = time.perf_counter()
        _, again = pipeline.build(store, Settings(db=base))
        unchanged = time.perf_counter() - t
        got = _content(store)
    with Store(full) as store:
        t = time.perf_counter()
        pipeline.build(store, Settings(db=full), full=True)
        whole = time.perf_counter() - t
        want = _content(store)
    print(json.dumps({
        "articles": len(articles), "added": len(late),
        "full_build_s": round(whole, 2), "incremental_build_s": round(incremental, 2),
        "up_to_date_build_s": round(unchanged, 2), "up_to_date_reused": again.build_reused,
        "speedup": round(whole / incremental, 2), "same_result": got == want,
    }, indent=2))


if __name__ == "__main__":
    main()
