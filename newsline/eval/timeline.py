"""The ``timeline`` benchmark: SemEval-2015 Task 4, Track A (raw texts in, timelines out).

A reader, a call into the product and a scorer:

1. each corpus's Track A texts (the CAT tokens rebuilt as text, one sentence a line) become
   dated articles: the whole document as the text - the task annotates the events its
   headline tells, so the product reads the headline as the article's first line -, the
   headline (the first sentence) also as the title, the document creation time as the
   metadata date;
2. the product analyses them (:func:`newsline.analyze.analyze_many`, default settings) and
   builds the corpus (:func:`newsline.corpus.build_corpus`);
3. for each target entity, the product's own entity timeline - what
   ``newsline timeline --entity NAME --json`` prints (:func:`newsline.entity_timeline.
   entity_timeline`), the target looked up among the canonical entities and aliases as the
   command does - is written in the task's format: each event mention's trigger becomes the
   task's token id (lower case, as the gold files write them), the mentions of one event share
   a line, and lines are ordered and anchored by the events' dates (one position per date,
   undated events at position 0);
4. scored with :mod:`newsline.eval.semeval` (temporal awareness, micro-averaged over the
   timelines of each corpus); ``metrics`` hold the micro average over the three test corpora,
   ``details.macro`` the mean of the three corpus scores, ``details.trial`` the figure on the
   trial corpus (Apple), the one to develop on (its gold leaves the headlines unannotated, so
   the product's headline mentions are left out there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.entity_timeline import EntityTimeline, entity_timeline
from newsline.eval.semeval import CatDoc, Counts, Line, compare, read_cat, read_timeline
from newsline.model import Article, DateEstimate, DocAnalysis

CORPORA = ("corpus_1", "corpus_2", "corpus_3")
TRIAL_TEXTS = "Corpus-trial-data_task4"
TRIAL_TIMELINES = "TimeLines_trial_data_task4_v1.2"


def base_dir(data_dir: Path) -> Path:
    return data_dir / "semeval2015_timeline"


def headline(d: CatDoc) -> str | None:
    """The document's headline: the first sentence of a CAT file."""
    return d.text[:d.sentences[0][1]].strip() or None if len(d.sentences) > 1 else None


def article_of(d: CatDoc) -> Article:
    """A task document as a dated article: the whole document (headline and dateline
    included) as the text, so that every annotated event word is in what the product reads;
    the headline also as the title, the document creation time as the metadata date."""
    day = dt.date.fromisoformat(d.dct) if d.dct else None
    return Article(d.id, d.name, d.text, title=headline(d), published=day,
                   published_basis="metadata" if day else None)


def _cache_key(articles: Sequence[Article]) -> str:
    from newsline.analyze import analyzer_version

    h = hashlib.sha1(analyzer_version().encode())
    base = Path(str(resources.files("newsline")))
    for f in [*sorted((base / "analyze").glob("*.py")), base / "names.py", base / "model.py"]:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    for a in articles:
        h.update(f"{a.id}\0{a.published}\0{a.text}\0".encode())
    return h.hexdigest()[:16]


def analyse(articles: Sequence[Article]) -> list[DocAnalysis]:
    """The product's analysis of each article (one process), cached under
    ``NEWSLINE_EVAL_CACHE`` when it is set (keyed by the analysis code and the texts)."""
    from newsline.analyze import AnalysisError, analyze_many

    cache = os.environ.get("NEWSLINE_EVAL_CACHE")
    path = Path(cache) / f"timeline-analyses-{_cache_key(articles)}.json" if cache else None
    if path is not None and path.exists():
        return [DocAnalysis.from_dict(d) for d in json.loads(path.read_text("utf-8"))]
    out = [DocAnalysis(a.id) if isinstance(r, AnalysisError) else r
           for a, r in zip(articles, analyze_many(articles, workers=1), strict=True)]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([a.to_dict() for a in out]), encoding="utf-8")
    return out


def anchor(date: DateEstimate) -> str | None:
    """The task's date of an event: ``YYYY-MM-DD``, ``YYYY-MM-XX`` or ``YYYY-XX-XX``."""
    value = date.value
    if not value and date.earliest and date.earliest == date.latest:
        value = date.earliest.isoformat()
    if not value:
        return None
    parts = value.split("-")
    return "-".join([*parts, *["XX"] * (3 - len(parts))])


def mention_id(doc: CatDoc, start: int, end: int) -> str | None:
    """The task's id of the event word at ``start:end``: ``doc-sentence-word``, the words of a
    phrase joined by "_" ("17677-5-took_off"), in lower case as the gold files write them."""
    ids = [mid for a, b, mid in doc.tokens if a < end and start < b]
    if not ids:
        return None
    words = [ids[0], *(i.rsplit("-", 1)[1] for i in ids[1:])]
    return "_".join(words).lower()


def to_lines(tl: EntityTimeline, docs: dict[str, CatDoc]) -> list[Line]:
    """The entity timeline in the task's format: one line per event, its mentions' token ids
    on it, ordered by the events' dates."""
    found: dict[str, str | None] = {}
    lines: list[tuple[str | None, list[str]]] = []
    for ev in tl.events:
        when = anchor(ev.date)
        ids = []
        for m in ev.mentions:
            d = docs.get(m.doc)
            mid = mention_id(d, m.trigger_start, m.trigger_end) if d else None
            if mid and mid not in found:
                found[mid] = when
                ids.append(mid)
        if ids:
            lines.append((when, ids))
    dated = sorted({w for w, _ in lines if w})
    position = {w: i + 1 for i, w in enumerate(dated)}
    out: list[Line] = [(position[w], w, ids) if w else (0, "XXXX-XX-XX", ids)
                       for w, ids in lines]
    return sorted(out, key=lambda line: (line[0], line[2]))


def product_timelines(docs: list[CatDoc], targets: Sequence[str]) -> dict[str, list[Line]]:
    """Each target's timeline as the product makes it from the documents' texts."""
    from newsline.corpus import build_corpus

    articles = [article_of(d) for d in docs]
    analyses = analyse(articles)
    corpus = build_corpus(articles, analyses)
    by_doc = {a.doc: a for a in analyses}
    texts = {a.id: a.text for a in articles}
    cats = {d.id: d for d in docs}
    return {t: to_lines(entity_timeline(corpus, by_doc, texts, t), cats) for t in targets}


def without_headlines(lines: list[Line]) -> list[Line]:
    """The lines without the mentions in a document's headline (sentence 0 of a CAT file)."""
    out: list[Line] = []
    for pos, when, ids in lines:
        kept = [i for i in ids if i.split("-")[1] != "0"]
        if kept:
            out.append((pos, when, kept))
    return out


def score_corpus(texts: list[Path], timelines: list[Path], headlines: bool = True
                 ) -> tuple[Counts, dict[str, Any]]:
    """Track A counts of the product's timelines against the gold ones. ``headlines``:
    whether the gold annotates the events the headlines tell (the test corpora do; the trial
    corpus does not, so there the product's headline mentions are left out of the score)."""
    docs = [read_cat(p) for p in texts]
    gold = dict(read_timeline(p) for p in timelines)
    system = product_timelines(docs, list(gold))
    if not headlines:
        system = {t: without_headlines(lines) for t, lines in system.items()}
    total = Counts()
    per_entity: dict[str, Any] = {}
    for target, lines in gold.items():
        counts = compare(system[target], lines)
        total.add(counts)
        per_entity[target] = {**counts.prf(), "system_events": len(system[target]),
                              "gold_events": len(lines)}
    return total, per_entity


def run_corpus(folder: Path) -> tuple[Counts, dict[str, Any]]:
    return score_corpus(sorted((folder / "corpus_trackA_CAT").glob("*.xml")),
                        sorted((folder / "TimeLines_Gold_Standard").glob("*.txt")))


def run_trial(data_dir: Path) -> tuple[Counts, dict[str, Any]]:
    """The trial corpus (Apple): the one to develop on."""
    base = base_dir(data_dir)
    return score_corpus(sorted((base / TRIAL_TEXTS).glob("*.xml")),
                        sorted((base / TRIAL_TIMELINES).glob("*.txt")), headlines=False)


def _scores(counts: Counts) -> dict[str, float]:
    s = counts.prf()
    return {"track_a_f1": s["f1"], "track_a_precision": s["precision"],
            "track_a_recall": s["recall"]}


def run(data_dir: Path) -> dict[str, Any]:
    """Track A on the three test corpora: per corpus, micro over all, macro over corpora; and
    the trial corpus under ``details``."""
    started = time.perf_counter()
    base = base_dir(data_dir) / "SemEval_Task4_data"
    datasets: dict[str, Any] = {}
    details: dict[str, Any] = defaultdict(dict)
    overall = Counts()
    for name in CORPORA:
        counts, per_entity = run_corpus(base / name)
        overall.add(counts)
        datasets[name] = _scores(counts)
        details["per_entity"][name] = per_entity
    metrics = _scores(overall)
    details["macro"] = {
        k: round(sum(d[k] for d in datasets.values()) / len(datasets), 2) for k in metrics}
    trial, per_entity = run_trial(data_dir)
    details["trial"] = {**_scores(trial), "per_entity": per_entity}
    details["averaging"] = "metrics: micro over every timeline of the three test corpora"
    details["system"] = ("the product's entity timelines (newsline timeline --entity NAME "
                         "--json) of its own analysis and corpus build")
    details["seconds"] = round(time.perf_counter() - started, 1)
    return {"benchmark": "timeline", "dataset": "semeval2015_task4_track_a",
            "metrics": metrics, "datasets": datasets, "details": dict(details)}
