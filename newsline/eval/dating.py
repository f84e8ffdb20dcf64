"""Dating: hide each article's date, estimate it from the text alone, compare with the truth.

Three datasets, each read from ``data_dir``:

- ``t17``: Timeline17 articles (``timeline17/t17/*/articles.json``, true date ``dct``), PTB
  tokenisation undone. A fixed test sample of up to :data:`T17_TEST_SIZE` articles, an even
  share of each story folder (every k-th by uid); the other T17 articles form the development
  split on which the reporting-lag prior of :mod:`newsline.analyze.dating` was learnt
  (``benchmarks/dating/lag_statistics.py``), never the test sample.
- ``timeset``: TimeSET Wikinews, its test split (``timeset_wikinews/brat/test/*.txt``, 100
  articles; the 18 of its dev split, one story category each, are development data only);
  line 2, the printed date, is removed from the text the analyser sees; truth from
  ``metadata`` or line 2.
- ``semeval2015``: the SemEval-2015 Task 4 test corpora (``corpus_{1,2,3}/corpus_trackA_CAT``),
  tokens rejoined; the date sentence after the headline is removed; truth is the CREATION_TIME.

Metrics per dataset (shares in 0..100):

- ``inside_bounds``: truth within [earliest, latest] (an open bound is unbounded on its side;
  an article with no estimate at all counts as outside);
- ``median_error_days``: |value - truth|, a month or year value taken at its middle day; an
  article without a value counts as :data:`NO_VALUE_ERROR_DAYS`;
- ``within_3_days`` / ``within_31_days``: share of articles with that error or less;
- ``median_width_days``: latest - earliest + 1, an open interval counting :data:`OPEN_WIDTH_DAYS`;
- ``n``: articles scored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsline.errors import DataError
from newsline.eval.speed import detokenise
from newsline.model import Article, DateEstimate

T17_TEST_SIZE = 400
NO_VALUE_ERROR_DAYS = 365
OPEN_WIDTH_DAYS = 36500
DATASETS = ("t17", "timeset", "semeval2015")


@dataclass(slots=True)
class Case:
    """One article with its date hidden, and the true date."""

    id: str
    text: str
    truth: dt.date


# ------------------------------------------------------------------ metrics


def value_midpoint(value: str) -> dt.date | None:
    """The middle day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value (or any TIMEX3 date
    value with bounds, such as ``2009-Q2``); None when it has none."""
    from newsline.analyze.timex_lex import bounds

    lo, hi = bounds(value)
    if lo is None or hi is None:
        return None
    if len(value) == 4 and value.isdigit():
        return dt.date(int(value), 7, 2)
    return lo + (hi - lo) // 2


def inside(est: DateEstimate, truth: dt.date) -> bool:
    if not est.is_known:
        return False
    return (est.earliest is None or est.earliest <= truth) and (
        est.latest is None or truth <= est.latest)


def error_days(est: DateEstimate, truth: dt.date) -> int:
    mid = value_midpoint(est.value) if est.value else None
    if mid is None:
        return NO_VALUE_ERROR_DAYS
    return abs((mid - truth).days)


def width_days(est: DateEstimate) -> int:
    if est.earliest is None or est.latest is None:
        return OPEN_WIDTH_DAYS
    return (est.latest - est.earliest).days + 1


def score(pairs: list[tuple[DateEstimate, dt.date]]) -> dict[str, float]:
    """The dataset's figures from (estimate, truth) pairs."""
    if not pairs:
        return {"inside_bounds": 0.0, "median_error_days": float(NO_VALUE_ERROR_DAYS),
                "within_3_days": 0.0, "within_31_days": 0.0,
                "median_width_days": float(OPEN_WIDTH_DAYS), "n": 0}
    n = len(pairs)
    errors = [error_days(e, t) for e, t in pairs]
    return {
        "inside_bounds": round(100 * sum(inside(e, t) for e, t in pairs) / n, 2),
        "median_error_days": float(statistics.median(errors)),
        "within_3_days": round(100 * sum(x <= 3 for x in errors) / n, 2),
        "within_31_days": round(100 * sum(x <= 31 for x in errors) / n, 2),
        "median_width_days": float(statistics.median(width_days(e) for e, _ in pairs)),
        "n": n,
    }


# ------------------------------------------------------------------ readers


def _t17_folders(data_dir: Path) -> list[Path]:
    root = data_dir / "timeline17" / "t17"
    return sorted(p for p in root.glob("*") if (p / "articles.json").is_file())


def t17_split(data_dir: Path, size: int = T17_TEST_SIZE) -> tuple[list[Case], list[Case]]:
    """(test sample, development split): every k-th article of each folder by uid is test."""
    folders = _t17_folders(data_dir)
    test: list[Case] = []
    dev: list[Case] = []
    per = max(1, size // max(1, len(folders)))
    for folder in folders:
        arts = sorted(json.loads((folder / "articles.json").read_text("utf-8")),
                      key=lambda a: str(a["uid"]))
        step = max(1, len(arts) // per)
        chosen = {id(a) for a in arts[::step][:per]}
        for a in arts:
            case = Case(f"t17/{folder.name}/{a['uid']}", detokenise(a["text"]),
                        dt.date.fromisoformat(a["dct"][:10]))
            (test if id(a) in chosen else dev).append(case)
    return test, dev


_PRINTED = re.compile(r"^\s*(?:\w+day, )?(\w+ \d{1,2}, \d{4})\s*$")


def printed_date(line: str) -> dt.date | None:
    """The date of a Wikinews date line ("Tuesday, September 6, 2022"), else None."""
    m = _PRINTED.match(line)
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), "%B %d, %Y").date()
    except ValueError:
        return None


def timeset_cases(data_dir: Path, splits: tuple[str, ...] = ("dev", "test")) -> list[Case]:
    root = data_dir / "timeset_wikinews"
    out: list[Case] = []
    for split in splits:
        meta_path = root / "metadata" / f"{split}.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        for path in sorted((root / "brat" / split).glob("*.txt")):
            lines = path.read_text("utf-8").split("\n")
            printed = printed_date(lines[1]) if len(lines) > 1 else None
            truth = printed
            if truth is None and path.stem in meta:
                y, m, d = (int(x) for x in meta[path.stem]["date"].split("-"))
                truth = dt.date(y, m, d)
            if truth is None:
                continue
            body = lines[:1] + lines[2:] if printed is not None else lines
            out.append(Case(f"timeset/{split}/{path.stem}", "\n".join(body), truth))
    return out


def _join_tokens(tokens: list[str]) -> str:
    return detokenise(" ".join(tokens))


def semeval_cases(data_dir: Path, trial: bool = False) -> list[Case]:
    """The SemEval-2015 Task 4 test corpora (or the trial corpus) as hidden-date cases."""
    root = data_dir / "semeval2015_timeline"
    paths = (sorted((root / "Corpus-trial-data_task4").glob("*.xml")) if trial else
             sorted(root.glob("SemEval_Task4_data/corpus_*/corpus_trackA_CAT/*.xml")))
    out: list[Case] = []
    for path in paths:
        tree = ET.parse(path).getroot()
        truth: dt.date | None = None
        for t in tree.iter("TIMEX3"):
            if t.get("functionInDocument") == "CREATION_TIME":
                try:
                    truth = dt.date.fromisoformat((t.get("value") or "")[:10])
                except ValueError:
                    truth = None
        if truth is None:
            continue
        sents: dict[int, list[str]] = {}
        for tok in tree.iter("token"):
            sents.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        texts = [_join_tokens(sents[k]) for k in sorted(sents)]
        if len(texts) > 1 and printed_date(texts[1].replace(" ,", ",")) is not None:
            texts = texts[:1] + texts[2:]
        body = texts[0] + "\n" + " ".join(texts[1:]) if texts else ""
        out.append(Case(f"semeval2015/{path.parent.parent.name}/{path.stem}", body, truth))
    return out


def load_cases(data_dir: Path) -> dict[str, list[Case]]:
    data_dir = Path(data_dir)
    if not (data_dir / "timeline17").is_dir() and not (data_dir / "timeset_wikinews").is_dir():
        raise DataError("dating benchmark data not found", str(data_dir),
                        "pass --data pointing at shared/data")
    # TimeSET's own dev split (18 articles) is development data: the benchmark reports test
    return {"t17": t17_split(data_dir)[0], "timeset": timeset_cases(data_dir, ("test",)),
            "semeval2015": semeval_cases(data_dir)}


# ------------------------------------------------------------------ the run


def estimate_all(cases: list[Case], workers: int = 2) -> list[DateEstimate]:
    """The real analyser on each case's text, the date hidden (no metadata, no dateline)."""
    from newsline.analyze import AnalysisError, analyze_many

    articles = [Article(c.id, c.id, c.text) for c in cases]
    results = list(analyze_many(articles, workers=workers))
    return [DateEstimate.unknown() if isinstance(r, AnalysisError) else r.date
            for r in results]


def run(data_dir: Path, workers: int = 2,
        cases: dict[str, list[Case]] | None = None) -> dict[str, Any]:
    """The ``dating`` benchmark of SPEC.md."""
    cases = cases if cases is not None else load_cases(data_dir)
    flat = [c for name in DATASETS for c in cases.get(name, [])]
    estimates = estimate_all(flat, workers)
    by_id = {c.id: e for c, e in zip(flat, estimates, strict=True)}
    datasets: dict[str, dict[str, float]] = {}
    details: dict[str, Any] = {"no_value_error_days": NO_VALUE_ERROR_DAYS,
                               "open_width_days": OPEN_WIDTH_DAYS, "articles": {}}
    for name in DATASETS:
        if name not in cases:
            continue
        pairs = [(by_id[c.id], c.truth) for c in cases[name]]
        datasets[name] = score(pairs)
        details["articles"][name] = [
            {"id": c.id, "truth": c.truth.isoformat(), "value": e.value,
             "earliest": e.earliest.isoformat() if e.earliest else None,
             "latest": e.latest.isoformat() if e.latest else None,
             "error_days": error_days(e, c.truth), "inside": inside(e, c.truth)}
            for c, (e, _) in zip(cases[name], pairs, strict=True)]
    keys = ("inside_bounds", "median_error_days", "within_3_days", "within_31_days",
            "median_width_days")
    metrics: dict[str, float] = {
        k: round(statistics.mean(d[k] for d in datasets.values()), 2) for k in keys
    } if datasets else {}
    metrics["n"] = sum(int(d["n"]) for d in datasets.values())
    return {"benchmark": "dating", "dataset": "+".join(datasets), "metrics": metrics,
            "datasets": datasets, "details": details}


# ------------------------------------------------------------------ the prior, from dev data


def development_cases(data_dir: Path, t17_size: int = 250) -> list[Case]:
    """Development data only: T17 articles outside the test sample (a fixed shuffle), TimeSET
    dev and the SemEval-2015 trial corpus (none of them in the benchmark)."""
    import random

    _, dev = t17_split(data_dir)
    random.Random(0).shuffle(dev)
    return [*dev[:t17_size], *timeset_cases(data_dir, ("dev",)),
            *semeval_cases(data_dir, trial=True)]
