"""The supervised date ranker: per-day features of a small made-up corpus, and a logistic
regression that learns which feature marks a timeline day."""

from __future__ import annotations

import datetime as dt

import pytest
from test_summarise import corpus

from newsline.corpus.date_ranker import FEATURES, DateRanker, day_features
from newsline.corpus.summarise import rank_dates


def test_day_features_count_articles_and_mentions() -> None:
    articles, analyses = corpus()
    hand = dict(rank_dates(articles, analyses))
    feats = day_features(articles, analyses, keywords=["flood"], hand=hand)
    march1, march10 = dt.date(2020, 3, 1), dt.date(2020, 3, 10)
    assert set(feats) >= {march1, march10, dt.date(2020, 3, 9)}
    assert all(len(x) == len(FEATURES) for x in feats.values())
    f1 = dict(zip(FEATURES, feats[march1], strict=True))
    f10 = dict(zip(FEATURES, feats[march10], strict=True))
    assert f1["pub"] == 0 and f10["pub"] > 0  # nothing published on 1 March, two on 10 March
    assert f1["named"] > 0 and f1["named_later"] > 0 and f1["keyword_sentences"] > 0
    assert f1["hand_rank"] == 1.0  # the hand vote's first day
    # a span leaves the days outside it out
    inside = day_features(articles, analyses, start=dt.date(2020, 3, 5))
    assert min(inside) >= dt.date(2020, 3, 5)


def test_fit_learns_the_informative_feature_and_round_trips() -> None:
    rows, labels = [], []
    for i in range(40):
        good = i % 3 == 0
        x = [0.0] * len(FEATURES)
        x[FEATURES.index("named")] = 2.0 + (i % 5) / 10 if good else (i % 5) / 10
        x[FEATURES.index("pub")] = (i * 7 % 11) / 10  # noise
        rows.append(x)
        labels.append(int(good))
    model = DateRanker.fit(rows, labels, c=1.0)
    coef = dict(zip(FEATURES, model.coef, strict=True))
    assert coef["named"] > abs(coef["pub"])
    days = {dt.date(2020, 1, 1 + i): x for i, x in enumerate(rows[:6])}
    best = model.rank(days)[0][0]
    assert labels[best.day - 1] == 1
    again = DateRanker.from_dict(model.to_dict())
    assert again.score(rows[0]) == pytest.approx(model.score(rows[0]))
    with pytest.raises(ValueError):
        DateRanker.from_dict({**model.to_dict(), "features": ["other"]})
