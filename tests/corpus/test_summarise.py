"""Timeline summaries on a small made-up corpus: the right days, sentences that tell them,
each line pointing at its source."""

from __future__ import annotations

import datetime as dt

from newsline.analyze.timex import find_timexes
from newsline.corpus.story_summaries import story_key, summarise_story
from newsline.corpus.summarise import rank_dates, split_sentences, summarise
from newsline.model import Article, DateEstimate, DocAnalysis, Story

CORPUS = [
    ("a1", "2020-03-02", "Heavy rain flooded the town of Riverton on March 1, officials said. "
     "Hundreds of residents fled their homes as the river rose."),
    ("a2", "2020-03-03", "The Riverton flood of March 1 destroyed the old stone bridge. "
     "The mayor asked the state for emergency help."),
    ("a3", "2020-03-10", "Rebuilding of the bridge began in Riverton on March 9. "
     "The flood on March 1 had destroyed the bridge and forty homes."),
    ("a4", "2020-03-10", "Riverton United won their football match three goals to nil. "
     "The club thanked its loyal fans for the support."),
]


def corpus() -> tuple[dict[str, Article], dict[str, DocAnalysis]]:
    articles, analyses = {}, {}
    for doc, day, text in CORPUS:
        dct = dt.date.fromisoformat(day)
        sents = split_sentences(text)
        articles[doc] = Article(doc, doc, text, published=dct)
        analyses[doc] = DocAnalysis(doc, sents, [], find_timexes(text, dct, sents), [],
                                    DateEstimate.exact(dct, "metadata", 1.0))
    return articles, analyses


def test_split_sentences_keeps_abbreviations_and_offsets() -> None:
    text = "Mr. Smith went to Washington on Jan. 5. He met Dr. Jones there!  Then he left."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith went to Washington on Jan. 5.", "He met Dr. Jones there!", "Then he left."]


def test_the_day_most_articles_recall_ranks_first() -> None:
    articles, analyses = corpus()
    ranked = rank_dates(articles, analyses)
    assert ranked[0][0] == dt.date(2020, 3, 1)
    assert dt.date(2020, 3, 10) in dict(ranked)  # publication days vote too


def test_summary_lines_quote_their_sources() -> None:
    articles, analyses = corpus()
    lines = summarise(articles, analyses, max_dates=2, per_date=1, keywords=["flood"])
    assert len({ln.date for ln in lines}) == 2
    assert [ln.date for ln in lines] == sorted(ln.date for ln in lines)
    first = lines[0]
    assert first.date == dt.date(2020, 3, 1)
    assert "March 1" in first.text and "flood" in first.text.lower()
    for ln in lines:
        assert articles[ln.doc].text[ln.start:ln.end] == ln.text


def test_span_restricts_days_and_articles() -> None:
    articles, analyses = corpus()
    lines = summarise(articles, analyses, max_dates=5, start=dt.date(2020, 3, 5),
                      end=dt.date(2020, 3, 31))
    assert lines and all(ln.date >= dt.date(2020, 3, 5) for ln in lines)
    assert {ln.doc for ln in lines} <= {"a3", "a4"}
    assert summarise(articles, analyses, max_dates=0) == []


def test_a_story_summary_quotes_its_own_documents_inside_its_span() -> None:
    articles, analyses = corpus()
    story = Story("s1", "Riverton flood", ["a1", "a2", "a3"], [],
                  dt.date(2020, 3, 2), dt.date(2020, 3, 10))
    dates = {d: a.date for d, a in analyses.items()}
    out = summarise_story(story, articles, analyses, dates)
    assert out and {o["story"] for o in out} == {"s1"}
    assert {o["doc"] for o in out} <= {"a1", "a2", "a3"}
    for o in out:
        assert articles[o["doc"]].text[o["start"]:o["end"]] == o["text"]
        assert "2020-03-02" <= o["date"] <= "2020-03-10"
    # the fingerprint follows what the summary reads: another member, another key
    key = story_key(story, dates, "2")
    assert key == story_key(story, dates, "2")
    assert key != story_key(Story("s1", "Riverton flood", ["a1", "a2"], [],
                                  dt.date(2020, 3, 2), dt.date(2020, 3, 10)), dates, "2")
    assert key != story_key(story, dates, "3")


def test_a_headline_run_into_the_story_is_split_off() -> None:
    text = ("Spill of national significance The US military has joined efforts. "
            "He read The Times on Monday.")
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Spill of national significance", "The US military has joined efforts.",
        "He read The Times on Monday."]


def test_given_date_scores_replace_the_hand_vote() -> None:
    articles, analyses = corpus()
    lines = summarise(articles, analyses, max_dates=1, per_date=1,
                      date_scores={dt.date(2020, 3, 9): 5.0, dt.date(2020, 3, 1): 1.0})
    assert [ln.date for ln in lines] == [dt.date(2020, 3, 9)]
    assert "March 9" in lines[0].text
    # days outside the span are never picked, whatever their score
    lines = summarise(articles, analyses, max_dates=1, start=dt.date(2020, 3, 1),
                      end=dt.date(2020, 3, 5), date_scores={dt.date(2020, 3, 9): 5.0,
                                                            dt.date(2020, 3, 1): 1.0})
    assert [ln.date for ln in lines] == [dt.date(2020, 3, 1)]
