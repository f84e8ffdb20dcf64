"""Stories: storylines, not topics; every document in exactly one (a lone article is its own);
time separates only when dates are confident; titles a reader understands."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.corpus.entities import corpus_entities
from newsline.corpus.stories import build_stories, candidate_pairs, story_title
from newsline.ingest import article_id
from newsline.knowledge import Knowledge
from newsline.model import Article, Corpus, DateEstimate
from newsline.vectors import tfidf


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


def _exactly_once(corpus: Corpus, arts: list[Article]) -> None:
    seen = [d for s in corpus.stories for d in s.documents]
    assert sorted(seen) == sorted(a.id for a in arts)  # every document, each in one story


def test_a_lone_article_is_its_own_story() -> None:
    arts = [art(t, d) for t, d in SUMMIT_2009] + [
        art("A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso, "
            "damaging houses and cutting power to thousands.", "2009-11-17")]
    corpus = build(*arts)
    _exactly_once(corpus, arts)
    (lone,) = [s for s in corpus.stories if arts[-1].id in s.documents]
    assert lone.documents == [arts[-1].id]
    assert lone.earliest == lone.latest == dt.date(2009, 11, 17)
    assert "earthquake" in lone.title


def test_an_undated_article_joins_the_episode_its_text_tells() -> None:
    dated = [art(t, d) for t, d in SUMMIT_2009 + VISIT_2011]
    undated = Article(article_id(UNDATED_VISIT), "visit.txt", UNDATED_VISIT)
    corpus = build(*dated, undated)
    _exactly_once(corpus, [*dated, undated])
    (holder,) = [s for s in corpus.stories if undated.id in s.documents]
    assert set(holder.documents) == {a.id for a in dated[3:]} | {undated.id}
    assert (holder.earliest, holder.latest) == (dt.date(2011, 1, 17), dt.date(2011, 1, 21))


UNDATED_VISIT = ("Hu Jintao arrived in Washington for his state visit, and Barack Obama "
                 "welcomed him to the White House.")


def test_undated_articles_group_by_their_text_alone() -> None:
    texts = [t for t, _ in SUMMIT_2009] + [
        "Real Madrid beat Barcelona in the Clasico as Cristiano Ronaldo scored twice.",
        "Cristiano Ronaldo and Real Madrid celebrated the Clasico win over Barcelona.",
    ]
    arts = [Article(article_id(t), f"{i}.txt", t) for i, t in enumerate(texts)]
    corpus = build(*arts)
    groups = sorted(sorted(s.documents) for s in corpus.stories)
    assert groups == sorted([sorted(a.id for a in arts[:3]), sorted(a.id for a in arts[3:])])
    assert all(s.earliest is None and s.latest is None for s in corpus.stories)


def test_only_confident_far_apart_dates_separate() -> None:
    arts = [art(t, d) for t, d in SUMMIT_2009]
    analyses = {a.id: analyze(a) for a in arts}
    index = corpus_entities(analyses, Knowledge.bundled())
    by_id = {a.id: a for a in arts}
    dates = {a.id: analyses[a.id].date for a in arts}

    def grouped(last: DateEstimate) -> int:
        return len(build_stories(by_id, {**dates, arts[-1].id: last}, index, []))

    day = dt.date(2012, 5, 1)
    assert grouped(DateEstimate.exact(day, "metadata", 0.95)) == 2  # confident, years later
    assert grouped(DateEstimate.exact(day, "inferred", 0.3)) == 1  # a guess forbids nothing
    wide = DateEstimate("2009", dt.date(2009, 1, 1), dt.date(2012, 12, 31), "inferred", 0.9)
    assert grouped(wide) == 1  # bounds that hold the others' days do not split
    assert grouped(DateEstimate.unknown()) == 1


def test_story_ids_are_stable_across_runs_and_input_order() -> None:
    arts = [art(t, d) for t, d in SUMMIT_2009 + VISIT_2011]
    first = build(*arts)
    again = build(*reversed(arts))
    assert [(s.id, s.documents) for s in first.stories] == \
        [(s.id, s.documents) for s in again.stories]


def test_candidate_pairs_share_rare_terms_only() -> None:
    bags = [{"hu": 1, "obama": 1, "beijing": 1}, {"hu": 1, "obama": 1, "talks": 1},
            {"madrid": 1, "ronaldo": 1}, {"madrid": 1, "clasico": 1}, {"chile": 1}]
    a, b = candidate_pairs(tfidf(bags))
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1), (2, 3)]


def test_one_article_stories_export_valid_json_and_a_compact_page() -> None:
    from newsline.export.html import render_html
    from newsline.export.json import make_timeline, validate

    arts = [art(t, d) for t, d in SUMMIT_2009] + [
        art("A magnitude 6.1 earthquake struck off the coast of Chile near Valparaiso on "
            "Tuesday, damaging houses.", "2009-11-17")]
    corpus = build(*arts)
    tl = make_timeline(arts, corpus)
    validate(tl)  # the schema, and text[start:end] == quote everywhere
    assert sorted(len(s["documents"]) for s in tl["stories"]) == [1, 3]
    page = render_html(tl)
    assert page.count('class="story single"') == 1
    assert page.count('class="story"') == 1
