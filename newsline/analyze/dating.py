"""When was this article written? A DateEstimate with bounds, basis, confidence and evidence.

Order of trust: the source's metadata, then a dateline the article states, then inference
from the text. Inference combines every absolute date the article mentions with the tense of
its sentence: a past event bounds the article's date from below, an event still to come bounds
it from above. The tightest interval all clues allow is kept, and each clue that set a bound is
quoted as evidence.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from newsline.model import Article, DateEstimate, Evidence, Timex

Tense = Literal["past", "present", "future"]

# A news report is usually written within days of the latest past date it mentions.
_REPORTING_LAG_DAYS = 2


def from_source(article: Article) -> DateEstimate | None:
    """The date the source gives (metadata or a stated dateline), when it gives a full one."""
    if article.published is None:
        return None
    evidence: list[Evidence] = []
    if article.published_basis == "stated" and article.published_span:
        s, e = article.published_span
        evidence.append(
            Evidence(article.id, s, e, article.text[s:e], "dateline at the top of the article")
        )
        return DateEstimate.exact(article.published, "stated", 0.95, evidence)
    return DateEstimate.exact(article.published, "metadata", 0.95, evidence)


def infer(article: Article, timexes: list[Timex], tenses: list[Tense]) -> DateEstimate:
    """Bound the article's date by the absolute dates it mentions and their tense.

    ``tenses[i]`` is the tense of the sentence holding ``timexes[i]``. Only dates that do not
    depend on the article's own date (``anchored`` False) are used, so there is no circularity.
    """
    lower: tuple[dt.date, Timex] | None = None
    upper: tuple[dt.date, Timex] | None = None
    for timex, tense in zip(timexes, tenses, strict=True):
        if timex.anchored or timex.type != "DATE" or timex.earliest is None:
            continue
        if timex.latest is None:
            continue
        if tense == "future":
            # still to come when written: the article predates the end of that period
            if upper is None or timex.latest < upper[0]:
                upper = (timex.latest, timex)
        else:
            # already happened (or is going on) when written: the article is on or after its start
            if lower is None or timex.earliest > lower[0]:
                lower = (timex.earliest, timex)
    if lower and upper and upper[0] < lower[0]:
        upper = None  # contradictory clues: keep the past ones, they are the more common
    if lower is None and upper is None:
        return DateEstimate.unknown()
    evidence = []
    if lower:
        t = lower[1]
        evidence.append(
            Evidence(article.id, t.start, t.end, t.text,
                     f"the article reports {t.value} as past or present, so it was written "
                     f"on or after {lower[0].isoformat()}")
        )
    if upper:
        t = upper[1]
        evidence.append(
            Evidence(article.id, t.start, t.end, t.text,
                     f"the article reports {t.value} as still to come, so it was written "
                     f"on or before {upper[0].isoformat()}")
        )
    earliest = lower[0] if lower else None
    latest = upper[0] if upper else None
    if lower:
        t = lower[1]
        day_level = t.earliest == t.latest
        if day_level:
            guess = lower[0] + dt.timedelta(days=_REPORTING_LAG_DAYS)
            if latest is not None and guess > latest:
                guess = latest
            value = guess.isoformat()
            confidence = 0.5
        else:
            value = t.value if len(t.value) in (4, 7) else lower[0].isoformat()[:7]
            confidence = 0.3
    else:
        assert upper is not None
        value = upper[0].isoformat()[:7]
        confidence = 0.2
    return DateEstimate(value, earliest, latest, "inferred", confidence, evidence)


def estimate(article: Article, timexes: list[Timex], tenses: list[Tense]) -> DateEstimate:
    """The article's own date: from the source when it has one, else inferred from the text."""
    return from_source(article) or infer(article, timexes, tenses)
