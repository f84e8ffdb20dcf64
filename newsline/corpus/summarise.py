"""Timeline summaries: the dates and the sentences that best tell a story (the TLS task).

A pure function over articles and their analyses (sentences, and time expressions with day
values). It works in two steps, after the classical date-wise method of news-tls (Gholipour
Ghalandari & Ifrim 2020), with hand-set weights in place of their learned date ranker:

1. **Dates.** Every article votes for the day it was published, and for every day its sentences
   name (a ``DATE`` timex with a day value). A day named by many different articles is a day that
   mattered; a day spelled out ("on April 20") and a day still named long after it passed (a
   story recalling its own landmarks) count more than the routine "on Tuesday" of the next
   morning's report. Mentions of days after the article's own date (plans, deadlines) count less;
   one article's repeated mentions of a day count with diminishing returns (log). Days are
   ranked by that weighted score.
2. **Sentences.** For each chosen day, the candidates are the sentences that name it and the
   opening sentences of the articles published on it that name no other day. They are ranked by
   tf-idf cosine to the centroid of the day's candidates (what most reports of that day say)
   plus a bonus for naming the topic's keywords, and picked greedily, skipping near-repeats.

Each line keeps its source: document id and character offsets of the sentence, so
``article.text[start:end] == line.text``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsline.model import Article, DocAnalysis
from newsline.vectors import cosines, tfidf

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n?")
# a headline or photo caption run into the story's first sentence when line breaks were lost:
# "... of national significance The US military has joined ..." (a lower-case word, then an
# article opening a clause: "The" before a lower-case word or an acronym)
_RUN_ON = re.compile(r"(?<=[a-z]{3}) (?=(?:The|A|An) (?:[a-z]+|[A-Z]{2,3})\b)")
_EXPLICIT = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Jan|Feb|Mar|Apr|"
                     r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|No|Inc|Co|Corp|Ltd|vs|[A-Z])\.$")


@dataclass(frozen=True, slots=True)
class SummaryParams:
    """The method's knobs; the defaults are the ones the T17 benchmark reports."""

    pub_weight: float = 2.0  # an article published on the day
    explicit_weight: float = 4.0  # a mention that spells the date out ("April 20"), not "Tuesday"
    lag_weight: float = 1.0  # times log(1 + days between the day and the article's date)
    future_weight: float = 0.3  # a mention of a day after the article's own date
    lede_sentences: int = 8  # opening sentences of a day's articles that stand for the day
    min_words: int = 5
    max_words: int = 50
    keyword_bonus: float = 0.1
    explicit_bonus: float = 0.0  # a sentence that spells the day out ("On April 20, ...")
    length_target: int = 25  # words; longer sentences score less (0: no preference)
    redundancy: float = 0.5  # cosine above which a sentence repeats one already chosen
    other_days_penalty: float = 0.0  # per other day a sentence names (lists of dates score less)
    position_weight: float = 0.0  # favours sentences early in their article: 1/(1 + w * index)
    min_length_ratio: float = 0.0  # sentences under this share of length_target score less


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One dated line of a timeline summary, with the sentence it quotes."""

    date: dt.date
    text: str
    doc: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "text": self.text, "doc": self.doc,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class _Sent:
    doc: str
    start: int
    end: int
    text: str
    words: list[str]
    days: set[dt.date]
    explicit: set[dt.date]
    index: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and capitals, not splitting after common abbreviations;
    a headline run into the next sentence without punctuation is split off too."""
    spans, start = [], 0
    ends = sorted([*_SENT_END.finditer(text), *_RUN_ON.finditer(text)], key=lambda m: m.start())
    for m in ends:
        if m.start() < start:
            continue
        if _ABBREV.search(text[max(start, m.start() - 6):m.start()]):
            continue
        if text[start:m.start()].strip():
            spans.append(_strip(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def _pub_day(article: Article, analysis: DocAnalysis) -> dt.date | None:
    return analysis.date.day or article.published


def day_of(value: str) -> dt.date | None:
    """The day of an ISO day value ("2011-02-11"), else None."""
    if len(value) != 10 or value[4] != "-":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _in_span(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def rank_dates(
    articles: Mapping[str, Article], analyses: Mapping[str, DocAnalysis],
    start: dt.date | None = None, end: dt.date | None = None,
    params: SummaryParams = SummaryParams(),
) -> list[tuple[dt.date, float]]:
    """Days inside ``[start, end]``, best first, with their weighted vote."""
    score: dict[dt.date, float] = defaultdict(float)
    for doc in sorted(analyses):
        an, art = analyses[doc], articles.get(doc)
        pub = _pub_day(art, an) if art else an.date.day
        if pub is None or not _in_span(pub, start, end):
            continue
        score[pub] += params.pub_weight
        named: dict[dt.date, float] = defaultdict(float)
        for tx in an.timexes:
            day = day_of(tx.value) if tx.type == "DATE" else None
            if day is None or not _in_span(day, start, end) or day == pub:
                continue
            lag = (pub - day).days
            w = params.explicit_weight if _EXPLICIT.search(tx.text) else 1.0
            w *= params.future_weight if lag < 0 else 1 + params.lag_weight * math.log1p(lag)
            named[day] += w
        # one article's many mentions of a day count, but with diminishing returns
        for day, w in named.items():
            score[day] += math.log1p(w)
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))


def _collect(
    articles: Mapping[str, Article], analyses: Mapping[str, DocAnalysis],
    start: dt.date | None, end: dt.date | None,
) -> tuple[list[_Sent], dict[str, dt.date]]:
    sents: list[_Sent] = []
    pubs: dict[str, dt.date] = {}
    for doc in sorted(analyses):
        an, art = analyses[doc], articles.get(doc)
        if art is None:
            continue
        pub = _pub_day(art, an)
        if pub is None or not _in_span(pub, start, end):
            continue
        pubs[doc] = pub
        days: dict[int, set[dt.date]] = defaultdict(set)
        explicit: dict[int, set[dt.date]] = defaultdict(set)
        for tx in an.timexes:
            day = day_of(tx.value) if tx.type == "DATE" else None
            if day is not None:
                days[tx.sentence].add(day)
                if _EXPLICIT.search(tx.text):
                    explicit[tx.sentence].add(day)
        for i, (s, e) in enumerate(an.sentences):
            text = art.text[s:e]
            sents.append(_Sent(doc, s, e, text, _words(text), days.get(i, set()),
                               explicit.get(i, set()), i))
    return sents, pubs


def summarise(
    articles: Mapping[str, Article],
    analyses: Mapping[str, DocAnalysis],
    *,
    max_dates: int = 10,
    per_date: int = 1,
    start: dt.date | None = None,
    end: dt.date | None = None,
    keywords: Iterable[str] = (),
    params: SummaryParams = SummaryParams(),
    date_scores: Mapping[dt.date, float] | None = None,
) -> list[SummaryLine]:
    """A timeline of at most ``max_dates`` days inside ``[start, end]``, ``per_date`` sentences
    each, in date order. Only articles published inside the span are read.

    ``analyses`` give each document's sentence spans and time expressions (``Timex.sentence``
    indexes the sentence); ``keywords`` (the topic's query terms, any case) favour sentences that
    name them and, when any sentence of a day names one, keep the others out. ``date_scores``
    (day -> score, higher is better), when given, rank the days in place of ``rank_dates``'s
    hand-weighted vote (e.g. a trained ``newsline.corpus.date_ranker.DateRanker``).
    """
    sents, pubs = _collect(articles, analyses, start, end)
    if not sents or max_dates <= 0:
        return []
    vectors = tfidf([s.words for s in sents])
    keys = {w for k in keywords for w in _WORD.findall(k.lower())}
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        if not params.min_words <= len(s.words) <= params.max_words:
            continue
        for day in s.days:
            by_day[day].append(i)
        if s.index < params.lede_sentences and not (s.days - {pubs[s.doc]}):
            by_day[pubs[s.doc]].append(i)
    lines: list[SummaryLine] = []
    taken = 0
    if date_scores is not None:
        ranked_days = sorted(((d, v) for d, v in date_scores.items() if _in_span(d, start, end)),
                             key=lambda kv: (-kv[1], kv[0]))
    else:
        ranked_days = rank_dates(articles, analyses, start, end, params)
    for day, _ in ranked_days:
        if taken >= max_dates:
            break
        cands = sorted(set(by_day.get(day, [])))
        if keys:
            keyed = [i for i in cands if keys & set(sents[i].words)]
            cands = keyed or cands
        if not cands:
            continue
        centroid = np.asarray(vectors[cands].sum(axis=0)).ravel()
        norm = float(np.linalg.norm(centroid)) or 1.0
        fit = vectors[cands] @ (centroid / norm)  # cosine of each candidate to the centroid
        fits = {i: float(f) for i, f in zip(cands, fit, strict=True)}

        def value(i: int, day: dt.date = day, fits: dict[int, float] = fits) -> float:
            s = sents[i]
            v = fits[i] + params.keyword_bonus * bool(keys & set(s.words))
            v += params.explicit_bonus * (day in s.explicit)
            if params.length_target:
                v *= min(1.0, params.length_target / len(s.words))
                if params.min_length_ratio:
                    v *= min(1.0, len(s.words) / (params.min_length_ratio * params.length_target))
            if params.other_days_penalty:
                v /= 1 + params.other_days_penalty * len(s.days - {day})
            if params.position_weight:
                v /= 1 + params.position_weight * s.index
            return v

        ranked = sorted(cands, key=lambda i: (-value(i), sents[i].doc, sents[i].start))
        chosen: list[int] = []
        for i in ranked:
            if len(chosen) >= per_date:
                break
            if not chosen or cosines(vectors[i], vectors[chosen]).max() < params.redundancy:
                chosen.append(i)
        for i in chosen:
            s = sents[i]
            lines.append(SummaryLine(day, s.text, s.doc, s.start, s.end, round(fits[i], 4)))
        taken += 1
    lines.sort(key=lambda ln: (ln.date, -ln.score, ln.doc, ln.start))
    return lines
