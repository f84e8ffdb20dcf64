"""A supervised date ranker for timeline summaries, after news-tls's DATEWISE.

Gholipour Ghalandari & Ifrim (2020) rank a topic's candidate days with a logistic regression over
a few counts per day (articles published on it, articles naming it, ...), trained on other topics
with the label "the day is in the reference timeline". This module does the same with newsline's
own time expressions:

* ``day_features`` turns a collection (articles, their sentences and timexes) into one feature
  vector per candidate day inside ``[start, end]``: how many articles were published on the day
  and on the day after, how many articles name it (spelled out or relative, before or after the
  fact, and how long after), how many sentences name it and how many of those name the topic's
  keywords, and the same counts relative to the collection's busiest day. All counts are log-scaled
  so that topics of different sizes share one model.
* ``DateRanker`` is a standardised linear model over those features; ``fit`` trains one
  (L2-regularised logistic regression with balanced class weights, scikit-learn's through
  :mod:`newsline.vectors`) and ``score``/``rank`` apply it with plain arithmetic. No weights
  are shipped:
  ``newsline.eval.tls`` trains one model per held-out T17 story (leave-one-topic-out) and
  reports the figures beside the hand-weighted headline, which they do not beat (see there).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsline.corpus.summarise import day_of as _day_of
from newsline.model import Article, DocAnalysis

_WORD = re.compile(r"[a-z0-9]+")
_EXPLICIT = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)

FEATURES: tuple[str, ...] = (
    "pub",  # articles published on the day
    "pub_next",  # articles published on the day after (next-morning reports)
    "pub_window",  # articles published within three days either side
    "named",  # other articles naming the day
    "named_explicit",  # ... spelling it out ("April 20")
    "named_relative",  # ... only relatively ("on Tuesday", "yesterday")
    "named_later",  # ... published two days or more after it
    "named_week",  # ... published more than a week after it
    "named_before",  # ... published before it (plans, deadlines)
    "lag_mean",  # mean log(1 + days) from the day to the articles that recall it
    "lag_max",
    "sentences",  # sentences naming the day
    "keyword_sentences",  # ... that also name the topic's keywords
    "keyword_share",  # the share of the day's sentences (naming it, or its ledes) with keywords
    "hand",  # the hand-weighted vote of ``summarise.rank_dates``
    "pub_rel",  # pub / the collection's largest pub
    "named_rel",  # named / the collection's largest named
    "hand_rel",  # hand / the collection's largest hand vote
    "hand_rank",  # 1 - rank / candidates of the hand vote
    "peak_3",  # hand / the largest hand vote within three days either side
    "peak_7",  # ... within a week either side
    "local_rank_15",  # 1 - rank of the hand vote among the candidates within 15 days / their number
    "local_share_15",  # hand / the sum of hand votes within 15 days either side
    "span_pos",  # where the day falls in the collection's span of candidate days (0..1)
)

LEDE = 5  # opening sentences of an article that stand for its publication day


def day_features(
    articles: Mapping[str, Article], analyses: Mapping[str, DocAnalysis],
    start: dt.date | None = None, end: dt.date | None = None, keywords: Iterable[str] = (),
    hand: Mapping[dt.date, float] | None = None,
) -> dict[dt.date, list[float]]:
    """One vector (in the order of ``FEATURES``) per candidate day inside ``[start, end]``.

    Candidates are the days articles inside the span were published on or name; ``hand`` is
    the hand-weighted vote per day (``summarise.rank_dates``), 0 where absent.
    """
    keys = {w for k in keywords for w in _WORD.findall(k.lower())}
    pub: dict[dt.date, int] = defaultdict(int)
    named: dict[dt.date, set[str]] = defaultdict(set)
    explicit: dict[dt.date, set[str]] = defaultdict(set)
    later: dict[dt.date, set[str]] = defaultdict(set)
    week: dict[dt.date, set[str]] = defaultdict(set)
    before: dict[dt.date, set[str]] = defaultdict(set)
    lags: dict[dt.date, list[float]] = defaultdict(list)
    sents: dict[dt.date, int] = defaultdict(int)
    ksents: dict[dt.date, int] = defaultdict(int)
    share_n: dict[dt.date, int] = defaultdict(int)
    share_k: dict[dt.date, int] = defaultdict(int)

    def inside(day: dt.date | None) -> bool:
        return day is not None and (start is None or day >= start) and (end is None or day <= end)

    for doc in sorted(analyses):
        an, art = analyses[doc], articles.get(doc)
        day0 = an.date.day or (art.published if art else None)
        if day0 is None or not inside(day0):
            continue
        pub[day0] += 1
        text = art.text if art else ""
        by_sent: dict[int, set[dt.date]] = defaultdict(set)
        for tx in an.timexes:
            day = _day_of(tx.value) if tx.type == "DATE" else None
            if day is None or not inside(day):
                continue
            by_sent[tx.sentence].add(day)
            if day == day0:
                continue
            named[day].add(doc)
            if _EXPLICIT.search(tx.text):
                explicit[day].add(doc)
            lag = (day0 - day).days
            if lag < 0:
                before[day].add(doc)
            else:
                lags[day].append(math.log1p(lag))
                if lag >= 2:
                    later[day].add(doc)
                if lag > 7:
                    week[day].add(doc)
        for i, (s, e) in enumerate(an.sentences):
            days = by_sent.get(i, set())
            if not days and i >= LEDE:
                continue
            has_key = bool(keys & set(_WORD.findall(text[s:e].lower()))) if keys else False
            for day in days:
                sents[day] += 1
                ksents[day] += has_key
            for day in (days or {day0}):
                share_n[day] += 1
                share_k[day] += has_key
    hand = hand or {}
    cands = sorted(set(pub) | set(named))
    if not cands:
        return {}
    hand_order = sorted(cands, key=lambda d: (-hand.get(d, 0.0), d))
    hand_rank = {d: i for i, d in enumerate(hand_order)}
    max_pub = max(pub.values(), default=0) or 1
    max_named = max((len(v) for v in named.values()), default=0) or 1
    max_hand = max((hand.get(d, 0.0) for d in cands), default=0.0) or 1.0
    out: dict[dt.date, list[float]] = {}
    one = dt.timedelta(days=1)
    for d in cands:
        window = sum(pub.get(d + k * one, 0) for k in range(-3, 4))
        lg = lags.get(d, [])
        n_named = len(named.get(d, ()))
        out[d] = [
            math.log1p(pub.get(d, 0)),
            math.log1p(pub.get(d + one, 0)),
            math.log1p(window),
            math.log1p(n_named),
            math.log1p(len(explicit.get(d, ()))),
            math.log1p(n_named - len(explicit.get(d, ()))),
            math.log1p(len(later.get(d, ()))),
            math.log1p(len(week.get(d, ()))),
            math.log1p(len(before.get(d, ()))),
            sum(lg) / len(lg) if lg else 0.0,
            max(lg, default=0.0),
            math.log1p(sents.get(d, 0)),
            math.log1p(ksents.get(d, 0)),
            share_k.get(d, 0) / share_n[d] if share_n.get(d) else 0.0,
            math.log1p(hand.get(d, 0.0)),
            pub.get(d, 0) / max_pub,
            n_named / max_named,
            hand.get(d, 0.0) / max_hand,
            1.0 - hand_rank[d] / len(cands),
            *_local(d, hand),
            (d - cands[0]).days / max(1, (cands[-1] - cands[0]).days),
        ]
    return out


def _local(d: dt.date, hand: Mapping[dt.date, float]) -> list[float]:
    h = hand.get(d, 0.0)
    near = {k: hand.get(d + dt.timedelta(days=k), 0.0) for k in range(-15, 16)}
    peak3 = max(near[k] for k in range(-3, 4)) or 1.0
    peak7 = max(near[k] for k in range(-7, 8)) or 1.0
    vals = [v for v in near.values() if v > 0]
    above = sum(v > h for v in vals)
    return [h / peak3, h / peak7, 1.0 - above / max(1, len(vals)),
            h / (sum(vals) or 1.0)]


@dataclass(frozen=True)
class DateRanker:
    """A standardised linear model over ``FEATURES``: higher scores are likelier timeline days."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float = 0.0
    note: str = ""

    def score(self, x: Sequence[float]) -> float:
        return self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True))

    def rank(self, feats: Mapping[dt.date, Sequence[float]]) -> list[tuple[dt.date, float]]:
        """Days best first, with their score."""
        scored = {d: self.score(x) for d, x in feats.items()}
        return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))

    @classmethod
    def fit(cls, rows: Sequence[Sequence[float]], labels: Sequence[int], c: float = 0.1,
            note: str = "") -> DateRanker:
        """Train on feature rows and 0/1 labels (1: the day is in a reference timeline)."""
        import numpy as np

        from newsline.vectors import balanced_weights, fit_logistic, standardise

        x = np.asarray(rows, dtype=float)
        y = np.asarray(labels, dtype=float)
        z, mean, scale = standardise(x)
        w, b = fit_logistic(z, y, 1.0 / c, sample_weight=balanced_weights(y))
        return cls(FEATURES, tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                   tuple(float(v) for v in w), float(b), note)

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept, "note": self.note}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> DateRanker:
        feats = tuple(d["features"])
        if feats != FEATURES:
            raise ValueError("date ranker weights were trained on other features")
        return cls(feats, tuple(d["mean"]), tuple(d["scale"]), tuple(d["coef"]),
                   float(d.get("intercept", 0.0)), str(d.get("note", "")))

