"""How much page furniture ingest removes from real texts: counts, and removed pieces for review.

Runs :func:`newsline.ingest.furniture.strip_furniture` (every rule, as the .txt reader does)
on the T17 articles (``timeline17/t17/*/articles.json``, field "text", PTB tokens undone by
``newsline.eval.speed.detokenise``) and on the Wikinews demo corpus (``examples/wikinews``),
and prints, per corpus, how many texts lose anything, the pieces by kind, and a random sample
of removed pieces (a false positive is a piece of the story in that list).

    python benchmarks/ingest/furniture_report.py --data ../shared/data [--sample 20] [--seed 1]

It also times hostile shapes (a million short lines, a million open brackets, 100,000 share
lines...) against a plain text of the same length, in the same run, as a ratio: speed is
measured here, never in a timed test.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections import Counter
from pathlib import Path

from newsline.eval import ecbplus
from newsline.eval.speed import detokenise
from newsline.ingest.furniture import Piece, strip_furniture

ROOT = Path(__file__).resolve().parents[2]


def t17_texts(data: Path) -> list[tuple[str, str]]:
    """(name, text) for every T17 article."""
    out = []
    for path in sorted((data / "timeline17" / "t17").glob("*/articles.json")):
        for art in json.loads(path.read_text("utf-8")):
            out.append((f"{path.parent.name}/{art['uid']}", detokenise(art["text"])))
    return out


def wikinews_texts(folder: Path) -> list[tuple[str, str]]:
    """(name, text) for every article of the demo corpus."""
    return [(p.stem, json.loads(p.read_text("utf-8"))["text"])
            for p in sorted(folder.glob("*.json"))]


def tempeval_texts(data: Path) -> list[tuple[str, str]]:
    """(name, text) for every TempEval-3 file: its <TEXT>, tags dropped."""
    out = []
    for path in sorted((data / "timebank" / "TempEval3").rglob("*.tml*")):
        m = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text("utf-8", "replace"), re.DOTALL)
        if m:
            out.append((path.name, html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()))
    return out


def ecb_texts(data: Path) -> list[tuple[str, str]]:
    """(name, text) for every ECB+ document, one line a sentence."""
    folder = ecbplus.root(data) / "ECB+"
    return [(p.stem, ecbplus.read_doc(p, None).text) for p in sorted(folder.glob("*/*.xml"))]


def report(name: str, texts: list[tuple[str, str]], sample: int, rng: random.Random) -> None:
    touched = 0
    kinds: Counter[str] = Counter()
    chars = 0
    pieces: list[tuple[str, Piece]] = []
    for which, text in texts:
        cleaned = strip_furniture(text)
        if cleaned.removed:
            touched += 1
        for piece in cleaned.removed:
            kinds[piece.kind] += 1
            chars += len(piece.text)
            pieces.append((which, piece))
    print(f"== {name}: {touched} of {len(texts)} texts lose something; {len(pieces)} pieces, "
          f"{chars:,} characters")
    for kind, n in kinds.most_common():
        print(f"   {kind:<11} {n}")
    for which, piece in rng.sample(pieces, min(sample, len(pieces))):
        text = " ".join(piece.text.split())
        print(f"   [{piece.kind}] {which}: {text[:160]!r}")


HOSTILE = {"a million short lines": "x\n" * 1_000_000,
           "two million empty lines": "\n" * 2_000_000 + "x",
           "100,000 share lines": "Share\n" * 100_000,
           "a million open brackets": "(" * 1_000_000,
           "100,000 open credits": "(Reporting by A" * 100_000,
           "500,000 bylines": "By " * 500_000}


def hostile_timings() -> dict[str, dict[str, float]]:
    """Seconds per hostile shape, and its ratio to a plain text of the same length."""
    import time

    out: dict[str, dict[str, float]] = {}
    for name, text in HOSTILE.items():
        plain = ("The port reopened on Monday after the strike ended. " * (len(text) // 52 + 1))
        plain = plain[:len(text)]
        t0 = time.perf_counter()
        strip_furniture(plain)
        t1 = time.perf_counter()
        strip_furniture(text)
        t2 = time.perf_counter()
        out[name] = {"seconds": round(t2 - t1, 3),
                     "ratio_to_plain": round((t2 - t1) / max(t1 - t0, 1e-6), 2)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                    help="the shared data folder (holds timeline17/)")
    ap.add_argument("--wikinews", type=Path, default=ROOT / "examples" / "wikinews")
    ap.add_argument("--sample", type=int, default=20, help="removed pieces printed per corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hostile", action="store_true", help="time hostile shapes only")
    args = ap.parse_args()
    if args.hostile:
        print(json.dumps(hostile_timings(), indent=1))
        return
    rng = random.Random(args.seed)
    report("T17", t17_texts(args.data), args.sample, rng)
    report("Wikinews demo", wikinews_texts(args.wikinews), args.sample, rng)
    if (args.data / "timebank").is_dir():
        report("TempEval-3 (lines)", tempeval_texts(args.data), args.sample, rng)
    if (args.data / "ecbplus").is_dir():
        report("ECB+ (a line a sentence)", ecb_texts(args.data), args.sample, rng)


if __name__ == "__main__":
    main()
