"""Where the reporting-lag prior of ``newsline.analyze.dating`` (``REPORTING_LAG``) comes from:
the days from the latest day-level past date each article reports to its true date, on the
development cases of the dating benchmark (never its test sample).

    python benchmarks/dating/lag_statistics.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from newsline.eval.dating import Case, development_cases


def lag_statistics(cases: list[Case]) -> dict[str, Any]:
    """Days from the latest day-level past date each article reports to its true date.

    This is where :data:`newsline.analyze.dating.REPORTING_LAG` comes from: run it on
    :func:`development_cases`, never on the test sample.
    """
    from newsline.analyze import dating_clues, mentions, nlp, sentence_tense
    from newsline.analyze.timex import find_timexes

    model = nlp.load()
    lags: list[int] = []
    for case, doc in zip(cases, model.pipe((c.text for c in cases), batch_size=16),
                         strict=True):
        found = find_timexes(case.text, None, mentions.sentences(doc))
        tenses = [sentence_tense(doc, t.start) for t in found]
        dated, _ = dating_clues.dated_mentions(case.text, found, tenses)
        days = [c.lo for c in dated if c.kind == "past-date" and c.granularity == "day"
                and c.lo is not None and c.lo <= case.truth]
        if days:
            lags.append((case.truth - max(days)).days)
    lags.sort()

    def q(p: float) -> int:
        return lags[min(len(lags) - 1, int(p * len(lags)))] if lags else 0

    return {"n": len(lags), "median": q(0.5), "p75": q(0.75), "p80": q(0.8), "p85": q(0.85),
            "share_within": {d: round(100 * sum(x <= d for x in lags) / max(1, len(lags)), 1)
                             for d in (0, 1, 2, 3, 7, 14, 31)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    print(json.dumps(lag_statistics(development_cases(args.data)), indent=1))


if __name__ == "__main__":
    main()
