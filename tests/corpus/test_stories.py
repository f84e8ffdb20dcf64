"""Stories: storylines, not topics; each document in at most one; titles a reader understands."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.corpus.stories import story_title
from newsline.ingest import article_id
from newsline.model import Article, Corpus


def art(text: str, day: str, title: str | None = None) -> Article:
    return Article(article_id(text), f"{day}.txt", text, title=title,
                   published=dt.date.fromisoformat(day), published_basis="metadata")


def build(*articles: Article) -> Corpus:
    return build_corpus(articles, [analyze(a) for a in articles])


SUMMIT_2009 = [
    ("Barack Obama arrived in Beijing for talks with Hu Jintao on trade and climate.",
     "2009-11-16"),
    ("Barack Obama and Hu Jintao held talks in Beijing on trade and the climate summit.",
     "2009-11-17"),
    ("After the Beijing talks, Barack Obama said Hu Jintao agreed to cooperate on climate.",
     "2009-11-18"),
]
VISIT_2011 = [
    ("Hu Jintao will arrive in Washington for a state visit hosted by Barack Obama.",
     "2011-01-17"),
    ("Barack Obama welcomed Hu Jintao to the White House for a state visit in Washington.",
     "2011-01-19"),
    # recalls the 2009 storyline, but is part of the 2011 visit
    ("Hu Jintao ended his Washington state visit; Barack Obama recalled their 2009 talks "
     "in Beijing.", "2011-01-21"),
]


def test_the_same_actors_years_apart_are_two_stories() -> None:
    arts = [art(t, d, title=f"Talks {d}") for t, d in SUMMIT_2009 + VISIT_2011]
    corpus = build(*arts)
    groups = sorted(sorted(s.documents) for s in corpus.stories)
    assert groups == sorted([sorted(a.id for a in arts[:3]), sorted(a.id for a in arts[3:])])
    first, second = corpus.stories
    assert (first.earliest, first.latest) == (dt.date(2009, 11, 16), dt.date(2009, 11, 18))
    assert (second.earliest, second.latest) == (dt.date(2011, 1, 17), dt.date(2011, 1, 21))


def test_an_article_recalling_an_earlier_storyline_stays_in_its_own() -> None:
    arts = [art(t, d) for t, d in SUMMIT_2009 + VISIT_2011]
    corpus = build(*arts)
    recall = arts[-1].id
    holders = [s for s in corpus.stories if recall in s.documents]
    assert len(holders) == 1 and holders[0].earliest == dt.date(2011, 1, 17)
    seen = [d for s in corpus.stories for d in s.documents]
    assert len(seen) == len(set(seen))  # each document in at most one story


def test_unrelated_articles_of_the_same_days_are_not_one_story() -> None:
    arts = [art(t, d) for t, d in SUMMIT_2009] + [
        art("Real Madrid beat Barcelona in the Clasico as Cristiano Ronaldo scored twice.",
            "2009-11-17"),
        art("Cristiano Ronaldo and Real Madrid celebrated the Clasico win over Barcelona.",
            "2009-11-18"),
    ]
    corpus = build(*arts)
    assert len(corpus.stories) == 2
    assert all(len(s.documents) in (2, 3) for s in corpus.stories)


def test_titles_are_readable() -> None:
    with_outlet = art("Text.", "2009-11-16", title="Obama arrives in Beijing for talks - Wikinews")
    assert story_title(with_outlet) == "Obama arrives in Beijing for talks"
    untitled = art("Barack Obama and Hu Jintao held talks in Beijing on Tuesday. More text.",
                   "2009-11-17")
    assert story_title(untitled) == "Barack Obama and Hu Jintao held talks in Beijing on Tuesday"
    long = art(" ".join(["word"] * 60) + ".", "2009-11-17")
    assert len(story_title(long)) <= 91 and story_title(long).endswith("…")
    corpus = build(*[art(t, d) for t, d in SUMMIT_2009])
    (story,) = corpus.stories
    assert "Obama" in story.title and "," not in story.title[:20]
