"""TLS: timeline summarisation on Timeline17 (T17), scored as news-tls scores it.

Protocol (news-tls ``experiments/evaluate.py``): for each topic folder and each of its reference
timelines, the system reads the folder's articles published inside the reference's span (first
to last reference date), is told the number of reference dates ``l`` and the mean number of
sentences per reference date ``k`` (rounded), and returns ``l`` dates inside the span with ``k``
sentences each. Scores per timeline: Date-F1 and tilse's alignment ROUGE-1/2 F1
(``align_date_content_costs_many_to_one``, see ``newsline.eval.rouge``); the figures are means
over timelines, reported in 0..100.

Articles are detokenised (T17 ships PTB tokens), split into sentences by punctuation, and their
day-level dates are newsline's own ``find_timexes``, anchored at the publication date; T17's
HeidelTime dates are not used. ``Finan_washingtonpost`` has a timeline but no articles in the
shared copy: it is skipped, so the figures are over 18 of T17's 19 timelines.

The headline ranks dates with ``summarise``'s hand-weighted vote (weights fixed in
``SummaryParams``). ``details.supervised_date_ranker`` adds DATEWISE's supervised alternative
(``newsline.corpus.date_ranker``: logistic regression over per-day counts) scored honestly, since
T17 has no train/test split: leave-one-topic-out, i.e. for each of the 8 stories (all outlets of
one story held out together) a model trained on the other stories' timelines ranks the held-out
story's days; no weights are trained on the timelines they are scored on.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from newsline.analyze.timex import find_timexes
from newsline.corpus.date_ranker import DateRanker, day_features
from newsline.corpus.summarise import SummaryParams, rank_dates, split_sentences, summarise
from newsline.errors import DataError
from newsline.eval.rouge import align_rouge, date_f1
from newsline.eval.speed import detokenise
from newsline.model import Article, DateEstimate, DocAnalysis, Timex

# The query terms of each T17 topic (news-tls ships the same per collection).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "bpoil": ("bp", "oil", "spill"),
    "EgyptianProtest": ("egypt", "egyptian"),
    "Finan": ("financial", "economic", "crisis"),
    "H1N1": ("h1n1", "swine", "flu"),
    "haiti": ("haiti", "quake", "earthquake"),
    "IraqWar": ("iraq", "iraqi"),
    "LibyaWar": ("libya", "libyan"),
    "MJ": ("michael", "jackson"),
    "SyrianCrisis": ("syria", "syrian"),
}
# Published DATEWISE (supervised date ranker) figures on T17, news-tls Table 3, in 0..100.
PUBLISHED_DATEWISE = {"date_f1": 54.4, "ar1_f1": 12.0, "ar2_f1": 3.5}

Topic = tuple[dict[str, Article], dict[str, DocAnalysis]]


def _timexes(text: str, dct: dt.date, sentences: list[tuple[int, int]]) -> list[Timex]:
    try:
        return find_timexes(text, dct, sentences)
    except (ValueError, OverflowError):
        # a wild value in one expression ("125,000 years ago") must not lose the whole text
        out: list[Timex] = []
        for i, (s, e) in enumerate(sentences):
            try:
                found = find_timexes(text[s:e], dct)
            except (ValueError, OverflowError):
                continue
            for tx in found:
                tx.start, tx.end, tx.sentence = tx.start + s, tx.end + s, i
                out.append(tx)
        return out


def load_topic(folder: Path) -> Topic:
    """The folder's articles as newsline articles with a light analysis (sentences, timexes)."""
    articles: dict[str, Article] = {}
    analyses: dict[str, DocAnalysis] = {}
    for raw in json.loads((folder / "articles.json").read_text("utf-8")):
        doc = f"{folder.name}/{raw['uid']}"
        text = detokenise(raw["text"])
        dct = dt.date.fromisoformat(raw["dct"])
        sentences = split_sentences(text)
        articles[doc] = Article(doc, doc, text, published=dct, published_basis="metadata")
        analyses[doc] = DocAnalysis(doc, sentences, [], _timexes(text, dct, sentences), [],
                                    DateEstimate.exact(dct, "metadata", 1.0))
    return articles, analyses


def load_reference(path: Path) -> dict[dt.date, list[str]]:
    """A reference timeline: each date's sentences (entries of one date merged)."""
    out: dict[dt.date, list[str]] = {}
    for entry in json.loads(path.read_text("utf-8")):
        sents = [s.strip() for s in entry["text"].split("  ") if s.strip()]
        out.setdefault(dt.date.fromisoformat(entry["date"]), []).extend(sents)
    return out


def _keywords(folder: Path) -> tuple[str, ...]:
    return KEYWORDS.get(folder.name.split("_")[0], ())


def _inside(topic: Topic, start: dt.date, end: dt.date) -> dict[str, DocAnalysis]:
    articles, analyses = topic
    return {d: a for d, a in analyses.items()
            if start <= articles[d].published <= end}  # type: ignore[operator]


def timeline_day_features(
    topic: Topic, ref: dict[dt.date, list[str]], keywords: tuple[str, ...],
    params: SummaryParams | None = None,
) -> tuple[dict[dt.date, list[float]], set[dt.date]]:
    """The candidate days of one reference timeline's span, their features, and the reference
    days (the labels of a supervised date ranker)."""
    params = params or SummaryParams()
    start, end = min(ref), max(ref)
    inside = _inside(topic, start, end)
    hand = dict(rank_dates(topic[0], inside, start, end, params))
    return day_features(topic[0], inside, start, end, keywords, hand), set(ref)


def story_of(name: str) -> str:
    """The T17 story of a topic folder or timeline name ("bpoil_bbc/bbc.txt..." -> "bpoil")."""
    return name.split("/")[0].split("_")[0]


def leave_one_topic_out(
    feats: dict[str, tuple[dict[dt.date, list[float]], set[dt.date]]], c: float = 0.1,
) -> dict[str, DateRanker]:
    """For every story, a date ranker trained on the timelines of all other stories, keyed by
    story."""
    out: dict[str, DateRanker] = {}
    for story in sorted({story_of(n) for n in feats}):
        rows: list[list[float]] = []
        labels: list[int] = []
        for name, (days, ref) in feats.items():
            if story_of(name) == story:
                continue
            for day, x in sorted(days.items()):
                rows.append(x)
                labels.append(int(day in ref))
        if rows and 0 < sum(labels) < len(labels):
            out[story] = DateRanker.fit(rows, labels, c=c, note=f"trained without {story}")
    return out


def evaluate_timeline(
    topic: Topic, ref: dict[dt.date, list[str]], keywords: tuple[str, ...],
    params: SummaryParams | None = None, date_scores: dict[dt.date, float] | None = None,
) -> dict[str, float]:
    """One reference timeline: the system's timeline under the news-tls protocol, scored."""
    params = params or SummaryParams()
    articles, analyses = topic
    dates = sorted(ref)
    start, end = dates[0], dates[-1]
    k = max(1, round(sum(len(s) for s in ref.values()) / len(ref)))
    inside = _inside(topic, start, end)
    lines = summarise(articles, inside, max_dates=len(dates), per_date=k, start=start, end=end,
                      keywords=keywords, params=params, date_scores=date_scores)
    pred: dict[dt.date, list[str]] = {}
    for ln in lines:
        pred.setdefault(ln.date, []).append(ln.text)
    ar = align_rouge(pred, ref)
    return {"date_f1": 100 * date_f1(pred, ref).f1, "ar1_f1": 100 * ar[1].f1,
            "ar2_f1": 100 * ar[2].f1, "dates": len(dates), "sents_per_date": k,
            "articles": len(inside), "pred_dates": len(pred)}


def run(data_dir: Path, params: SummaryParams | None = None,
        supervised: bool = True) -> dict[str, Any]:
    """The benchmark over every T17 reference timeline that has articles; with ``supervised``,
    also the leave-one-topic-out figures of the supervised date ranker."""
    root = data_dir / "timeline17" / "t17"
    folders = sorted(p for p in root.glob("*") if p.is_dir())
    if not folders:
        raise DataError("T17 not found", str(root), "pass --data pointing at shared/data")
    t0 = time.perf_counter()
    per: dict[str, dict[str, float]] = {}
    skipped: list[str] = []
    kept: dict[str, tuple[Topic, dict[dt.date, list[str]], tuple[str, ...]]] = {}
    for folder in folders:
        refs = sorted(folder.glob("*.timeline.json"))
        if not (folder / "articles.json").is_file():
            skipped.extend(f"{folder.name}/{r.name}" for r in refs)
            continue
        topic = load_topic(folder)
        for ref_path in refs:
            ref = load_reference(ref_path)
            name = f"{folder.name}/{ref_path.name}"
            per[name] = evaluate_timeline(topic, ref, _keywords(folder), params)
            if supervised:
                kept[name] = (topic, ref, _keywords(folder))
    if not per:
        raise DataError("no T17 timeline with articles", str(root), "check the data copy")
    keys = ("date_f1", "ar1_f1", "ar2_f1")
    metrics = {k: round(sum(v[k] for v in per.values()) / len(per), 2) for k in keys}
    sup = _supervised(kept, params) if kept else None
    return {
        "benchmark": "tls",
        "dataset": "timeline17",
        "metrics": metrics,
        "details": {
            "timelines": len(per),
            "skipped": skipped,
            "skipped_reason": "timeline without articles in the shared copy",
            "published_datewise_t17": PUBLISHED_DATEWISE,
            "published_note": "news-tls DATEWISE (supervised date ranker) on all 19 T17 "
                              "timelines; ours are over the timelines with articles",
            "rouge": "ROUGE-1.5.5-style tokens: lower case, alphanumerics, spaCy stop words "
                     "removed, Porter (1980) stems; tilse align_date_content_costs_many_to_one",
            "date_ranker": "hand-weighted vote (summarise.rank_dates, SummaryParams defaults)",
            **({"supervised_date_ranker": sup} if sup else {}),
            "seconds": round(time.perf_counter() - t0, 1),
            "per_timeline": {name: {k: round(v, 2) for k, v in m.items()}
                             for name, m in per.items()},
        },
    }


def _supervised(
    kept: dict[str, tuple[Topic, dict[dt.date, list[str]], tuple[str, ...]]],
    params: SummaryParams | None,
) -> dict[str, Any] | None:
    feats = {name: timeline_day_features(t, ref, kw, params) for name, (t, ref, kw) in kept.items()}
    models = leave_one_topic_out(feats)
    per: dict[str, dict[str, float]] = {}
    for name, (topic, ref, kw) in kept.items():
        model = models.get(story_of(name))
        if model is None:
            continue
        scores = dict(model.rank(feats[name][0]))
        per[name] = evaluate_timeline(topic, ref, kw, params, date_scores=scores)
    if not per:
        return None
    keys = ("date_f1", "ar1_f1", "ar2_f1")
    return {
        "metrics": {k: round(sum(v[k] for v in per.values()) / len(per), 2) for k in keys},
        "protocol": "leave-one-topic-out over the T17 stories (every outlet of the held-out story "
                    "held out); logistic regression, L2 C=0.1, balanced classes, label = day in "
                    "the reference timeline",
        "timelines": len(per),
        "per_timeline": {n: {k: round(m[k], 2) for k in keys} for n, m in per.items()},
    }
