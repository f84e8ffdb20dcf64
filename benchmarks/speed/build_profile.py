"""Time the corpus build (:func:`newsline.corpus.build_corpus`) stage by stage on real T17
articles, and write its timeline as canonical JSON, so that a speed change can be checked to
leave the output byte-identical (issue 14). Usage (from the repository root):

    .venv/bin/python benchmarks/speed/build_profile.py fixture /tmp/build_fixture.pickle --size 300
    .venv/bin/python benchmarks/speed/build_profile.py run /tmp/build_fixture.pickle \\
        --out /tmp/build_before.json
    .venv/bin/python benchmarks/speed/build_profile.py run /tmp/build_fixture.pickle --profile \\
        /tmp/build.prof

``fixture`` analyses an even sample of T17 articles once (every k-th of each story folder by
uid; the "dct" date kept for two articles of three and dropped for the third, so that dating
and lending run) and pickles the articles and their analyses. ``--from`` takes the sample out
of a bigger fixture instead (every n-th article), so that no article is analysed twice.
``run`` builds the corpus from a fixture ``--repeat`` times and prints JSON: each stage's
seconds (the fastest run; a stage is timed by wrapping the stage function that
``build_corpus`` calls, ``build_corpus`` itself untouched), the total, and the sha256 of the
canonical timeline JSON (``Timeline.of(...).to_dict()`` with a fixed ``generated_at``, keys
sorted, plus each story's summary key), which ``--out`` writes. ``--profile`` writes cProfile
stats of one more build and prints its top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import pickle
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
STAGES = {  # the name build_corpus calls -> the stage it stands for
    "corpus_entities": "entities",
    "story_texts": "blocks",  # what the story grouping reads (a build without it: in both)
    "document_blocks": "blocks",
    "build_events": "events",
    "lend_dates": "lend",
    "build_stories": "stories",
    "verify": "verify",
    "summarise_stories": "summaries",
}


def sample(data: Path, size: int) -> list[Any]:
    """An even share of ``size`` articles of each T17 story folder, every k-th by uid; the
    third of each folder's picks (k % 3 == 2) without its date."""
    from newsline.eval.speed import detokenise
    from newsline.ingest import article_id
    from newsline.model import Article

    folders = sorted((data / "timeline17" / "t17").glob("*/articles.json"))
    if not folders:
        sys.exit(f"Error: T17 articles not found ({data}): pass --data pointing at shared/data")
    per = max(1, size // len(folders))
    out, seen = [], set()
    for path in folders:
        rows = sorted(json.loads(path.read_text("utf-8")), key=lambda r: str(r["uid"]))
        rows = [r for r in rows if r["text"].strip()]
        step = max(1, len(rows) // per)
        for k, r in enumerate(rows[::step][:per]):
            text = detokenise(r["text"])
            doc = article_id(text)
            if doc in seen:  # T17 holds a few identical texts
                continue
            seen.add(doc)
            published = dt.date.fromisoformat(r["dct"][:10]) if k % 3 != 2 else None
            out.append(Article(doc, f"{path.parent.name}/{r['uid']}", text,
                               published=published,
                               published_basis="metadata" if published else None))
    return out


def make_fixture(out: Path, size: int, data: Path, workers: int, source: Path | None) -> dict:
    from newsline.analyze import analyze_many
    from newsline.model import DocAnalysis

    t0 = time.perf_counter()
    if source is not None:
        with source.open("rb") as f:
            big = pickle.load(f)
        every = max(1, round(len(big["articles"]) / size))
        articles = big["articles"][::every]
        keep = {a.id for a in articles}
        analyses = [a for a in big["analyses"] if a.doc in keep]
    else:
        articles = sample(data, size)
        analyses = [r for r in analyze_many(articles, workers=workers)
                    if isinstance(r, DocAnalysis)]
    with out.open("wb") as f:
        pickle.dump({"articles": articles, "analyses": analyses}, f)
    return {"fixture": str(out), "articles": len(articles), "analyses": len(analyses),
            "seconds": round(time.perf_counter() - t0, 1)}


def _timed(fn: Callable[..., Any], name: str, times: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[name] += time.perf_counter() - t0
    return wrapper


def canonical(articles: list[Any], analyses: list[Any], corpus: Any) -> str:
    """The timeline of the build as sorted-keys JSON, ``generated_at`` fixed."""
    from newsline.model import Timeline

    tl = Timeline.of(articles, corpus, {a.doc: a for a in analyses}, generated_at="fixed")
    d = tl.to_dict()
    d["summary_keys"] = corpus.summary_keys
    return json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def run(fixture: Path, repeat: int, out: Path | None, profile: Path | None, top: int) -> dict:
    import newsline.corpus as corpus_mod
    from newsline.knowledge import Knowledge

    with fixture.open("rb") as f:
        fx = pickle.load(f)
    articles, analyses = fx["articles"], fx["analyses"]
    kb = Knowledge.bundled()
    original = {name: getattr(corpus_mod, name) for name in STAGES if hasattr(corpus_mod, name)}
    best: dict[str, float] = {}
    totals: list[float] = []
    digest = ""
    try:
        for _ in range(repeat):
            times: dict[str, float] = defaultdict(float)
            for name, fn in original.items():
                setattr(corpus_mod, name, _timed(fn, STAGES[name], times))
            t0 = time.perf_counter()
            built = corpus_mod.build_corpus(articles, analyses, kb)
            totals.append(time.perf_counter() - t0)
            for stage, s in times.items():
                best[stage] = min(best.get(stage, s), s)
            text = canonical(articles, analyses, built)
            h = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if digest and h != digest:
                sys.exit("Error: two builds of one fixture differ: the build is not deterministic")
            digest = h
    finally:
        for name, fn in original.items():
            setattr(corpus_mod, name, fn)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    result: dict[str, Any] = {
        "fixture": str(fixture), "articles": len(articles), "analyses": len(analyses),
        "mentions": sum(len(a.mentions) for a in analyses),
        "events": sum(len(a.events) for a in analyses),
        "stages_s": {s: round(best.get(s, 0.0), 3) for s in dict.fromkeys(STAGES.values())},
        "total_s": round(min(totals), 3), "totals_s": [round(t, 3) for t in totals],
        "sha256": digest,
    }
    if profile is not None:
        prof = cProfile.Profile()
        prof.enable()
        corpus_mod.build_corpus(articles, analyses, kb)
        prof.disable()
        prof.dump_stats(str(profile))
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
        print(buf.getvalue(), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: build_profile.py run /tmp/build_fixture.pickle --out /tmp/after.json")
    sub = parser.add_subparsers(dest="command", required=True)
    fx = sub.add_parser("fixture", help="analyse a T17 sample once and pickle it")
    fx.add_argument("path", type=Path)
    fx.add_argument("--size", type=int, default=300, help="articles to sample (default 300)")
    fx.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    fx.add_argument("--workers", type=int, default=2)
    fx.add_argument("--from", dest="source", type=Path, default=None,
                    help="take the sample out of this bigger fixture instead of analysing")
    rn = sub.add_parser("run", help="build the corpus of a fixture, timed by stage")
    rn.add_argument("path", type=Path)
    rn.add_argument("--repeat", type=int, default=1, help="builds to run (default 1)")
    rn.add_argument("--out", type=Path, default=None, help="write the canonical JSON here")
    rn.add_argument("--profile", type=Path, default=None, help="write cProfile stats here")
    rn.add_argument("--top", type=int, default=40, help="profile lines to print (default 40)")
    args = parser.parse_args(argv)
    if not args.path.exists() and args.command == "run":
        sys.exit(f"Error: fixture not found ({args.path}): make it with the fixture command")
    if args.command == "fixture":
        result = make_fixture(args.path, args.size, args.data, args.workers, args.source)
    else:
        result = run(args.path, args.repeat, args.out, args.profile, args.top)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
