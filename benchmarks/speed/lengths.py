"""Words per second of spaCy alone and of spaCy + newsline's stages, by length and shape.

The analysis must cost the same per word at any length (issue 13): long articles (real
Wikinews texts one after another, to 1k, 10k and 100k words) and the "poison" shapes that once
took minutes (100,000 ``&amp;``, 40,000 one-word sentences, 30,000 three-word lines). Each
case is parsed once by spaCy (timed), then run through :data:`newsline.analyze.STAGES`
(timed per stage). One JSON object on stdout; as the machine may be shared, compare the
ratios within one run, not the absolute figures across runs.

Usage (from the repository root):

    .venv/bin/python benchmarks/speed/lengths.py            # every case, a few minutes
    .venv/bin/python benchmarks/speed/lengths.py --scale 0.1 --cases long-1k,amp
    .venv/bin/python benchmarks/speed/lengths.py --ref HEAD~3   # the stages of another commit

``per_word_vs_normal`` is each case's stage cost per word over that of ``long-1k`` (a normal
article's length): the figure that must stay flat, at most about 2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

from common import article, long_text, poison, stages_of, words

# case name -> (kind, size): long texts by words, poison shapes by units
CASES: dict[str, tuple[str, int]] = {
    "long-1k": ("long", 1_000),
    "long-10k": ("long", 10_000),
    "long-100k": ("long", 100_000),
    "amp": ("amp", 100_000),
    "ampersand": ("ampersand", 100_000),
    "sentences": ("sentences", 40_000),
    "lines": ("lines", 30_000),
}


def text_of(kind: str, size: int) -> str:
    return long_text(size) if kind == "long" else poison(kind, size)


def measure(text: str) -> dict[str, Any]:
    """Parse ``text`` (timed), then run every stage on it (each timed)."""
    from newsline.analyze import STAGES, Work, nlp
    from newsline.model import DocAnalysis

    model = nlp.load()
    if len(text) > model.max_length:
        model.max_length = len(text) + 1
    t0 = time.perf_counter()
    doc = model(text)
    parse_s = time.perf_counter() - t0
    a = article(text)
    work = Work(a, doc, DocAnalysis(a.id))
    stages: dict[str, float] = {}
    for name, stage in STAGES:
        t0 = time.perf_counter()
        stage(work)
        stages[name] = round(time.perf_counter() - t0, 3)
    stages_s = sum(stages.values())
    n = words(text)
    return {
        "words": n,
        "tokens": len(doc),
        "sentences": len(work.result.sentences),
        "spacy_s": round(parse_s, 3),
        "stages_s": round(stages_s, 3),
        "spacy_words_per_s": round(n / parse_s, 1) if parse_s else None,
        "words_per_s": round(n / (parse_s + stages_s), 1) if parse_s + stages_s else None,
        # what the stages add to spaCy: the figure that must stay flat across cases
        "stages_over_spacy": round(stages_s / parse_s, 3) if parse_s else None,
        "stage_s": stages,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=",".join(CASES),
                    help=f"comma-separated, of: {', '.join(CASES)}")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply every size (0.1 for a quick look)")
    ap.add_argument("--ref", default=None,
                    help="run the stage modules of this git ref instead of the tree's")
    args = ap.parse_args()
    if args.ref is not None:
        with stages_of(args.ref) as path:
            cmd = [sys.executable, __file__, "--cases", args.cases, "--scale", str(args.scale)]
            sys.exit(subprocess.run(cmd, env={**os.environ, "PYTHONPATH": path},
                                    check=False).returncode)
    from newsline.analyze import nlp

    nlp.load()
    measure(long_text(300))  # what is made once (patterns, the knowledge's matchers) is made
    out: dict[str, Any] = {"benchmark": "speed-lengths", "model": nlp.model_name(),
                           "cases": {}}
    cases = out["cases"]
    for name in args.cases.split(","):
        kind, size = CASES[name]
        n = max(1, int(size * args.scale))
        cases[name] = {"shape": kind, "size": n, **measure(text_of(kind, n))}
        print(f"{name}: {cases[name]['stages_s']} s of stages, {cases[name]['spacy_s']} s "
              "of spaCy", file=sys.stderr, flush=True)
    normal = cases.get("long-1k")
    if normal and normal["stages_s"]:
        unit = normal["stages_s"] / normal["words"]
        out["per_word_vs_normal"] = {k: round(c["stages_s"] / c["words"] / unit, 2)
                                     for k, c in cases.items() if c["words"]}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
