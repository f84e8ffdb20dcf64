"""The dating benchmark on development data only, with a report per clue kind.

Runs the product's analysis once on :func:`newsline.eval.dating.development_cases` (T17
articles outside the test sample, TimeSET dev, the SemEval-2015 trial corpus), keeps what the
dating step is given (the text's time expressions, tenses and sentences), then runs the dating
step itself (:func:`newsline.analyze.dating.reasoning`) on those inputs, so that a change to
the clues or the knowledge base is measured in seconds. Reports the benchmark's metrics and,
for each kind of clue, how often it was read, kept and wrong (the truth outside its interval),
and the worst errors. Never run it on the test sample: the benchmark (`newsline eval dating`)
reports that.

    python benchmarks/dating/dev.py --data ../shared/data [--refresh] [--worst 10]

The inputs are cached in ``benchmarks/results/dating_dev_inputs.pickle`` (``--refresh`` after a
change to the time expressions, tenses or sentence splitting).
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path
from typing import Any

from newsline.analyze import dating
from newsline.eval.dating import Case, development_cases, error_days, score
from newsline.model import Article

CACHE = Path(__file__).resolve().parents[1] / "results" / "dating_dev_inputs.pickle"


def _inputs(cases: list[Case]) -> dict[str, tuple[Any, ...]]:
    """What the analysis hands the dating step for each case, with the text's own date hidden."""
    from newsline.analyze import analyze_many

    got: dict[str, tuple[Any, ...]] = {}
    real = dating.estimate

    def spy(article: Article, timexes: Any, tenses: Any, sentences: Any = None) -> Any:
        got[article.id] = (timexes, tenses, sentences)
        return real(article, timexes, tenses, sentences)

    dating.estimate = spy  # type: ignore[assignment]
    try:
        for _ in analyze_many([Article(c.id, c.id, c.text) for c in cases], workers=1):
            pass
    finally:
        dating.estimate = real  # type: ignore[assignment]
    return got


def load(data: Path, refresh: bool = False) -> tuple[list[Case], dict[str, tuple[Any, ...]]]:
    cases = development_cases(data, t17_size=400)
    if CACHE.exists() and not refresh:
        cached = pickle.loads(CACHE.read_bytes())
        if set(cached) >= {c.id for c in cases}:
            return cases, cached
    inputs = _inputs(cases)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps(inputs))
    return cases, inputs


def _wrong(c: dating.Clue, truth: Any) -> bool:
    return (c.lo is not None and truth < c.lo) or (c.hi is not None and truth > c.hi)


def evaluate(cases: list[Case], inputs: dict[str, tuple[Any, ...]],
             worst: int = 10) -> dict[str, Any]:
    by_set: dict[str, list[Any]] = {}
    kinds: dict[str, Counter[str]] = {}
    errors: list[tuple[int, str, str, str]] = []
    for case in cases:
        timexes, tenses, sentences = inputs[case.id]
        r = dating.reasoning(Article(case.id, case.id, case.text), timexes, tenses, sentences)
        by_set.setdefault(case.id.split("/")[0], []).append((r.estimate, case.truth))
        kept = {id(c) for c in r.kept}
        for c in r.clues:
            k = kinds.setdefault(c.kind, Counter())
            k["read"] += 1
            k["wrong"] += _wrong(c, case.truth)
            if id(c) in kept:
                k["kept"] += 1
                k["kept_wrong"] += _wrong(c, case.truth)
        err = error_days(r.estimate, case.truth)
        deciding = next((e.quote for e in r.estimate.evidence), "")
        errors.append((err, case.id, f"{r.estimate.value} [{r.estimate.earliest}, "
                       f"{r.estimate.latest}] truth {case.truth}", deciding[:80]))
    errors.sort(reverse=True)
    return {
        "datasets": {name: score(pairs) for name, pairs in by_set.items()},
        "clue_kinds": {k: dict(v) for k, v in sorted(kinds.items())},
        "worst": [{"error_days": e, "id": i, "estimate": s, "first_evidence": q}
                  for e, i, s, q in errors[:worst]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--refresh", action="store_true", help="re-run the analysis")
    parser.add_argument("--worst", type=int, default=10, help="worst errors to list")
    args = parser.parse_args()
    cases, inputs = load(args.data, args.refresh)
    print(json.dumps(evaluate(cases, inputs, args.worst), indent=1, default=str))


if __name__ == "__main__":
    main()
