"""Cross-document events: what stays apart, what merges, and the status over time."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.ingest import article_id
from newsline.model import Article, Corpus, Event


def art(text: str, day: str) -> Article:
    return Article(article_id(text), f"{day}.txt", text,
                   published=dt.date.fromisoformat(day), published_basis="metadata")


def build(*articles: Article) -> Corpus:
    return build_corpus(articles, [analyze(a) for a in articles])


def of(corpus: Corpus, kind: str) -> list[Event]:
    return [e for e in corpus.events if e.type == kind]


def test_three_gm_announcements_months_apart_stay_apart() -> None:
    arts = [art("General Motors announced it lost $6 billion in the first quarter of 2009.", d)
            for d in ("2009-02-26", "2009-03-31", "2009-05-07")]
    arts = [art(a.text.replace("lost", w), a.published.isoformat())  # type: ignore[union-attr]
            for a, w in zip(arts, ("lost", "will lose", "had lost"), strict=True)]
    announcements = of(build(*arts), "announcement")
    assert len(announcements) == 3
    assert all(e.date.value is None or "2009-01" not in (e.date.value or "")
               for e in announcements)


def test_same_leaders_years_apart_stay_apart_and_a_reference_links_back() -> None:
    first = art("Queen Elizabeth visited Beijing on October 12, 2014.", "2014-10-13")
    other = art("Queen Elizabeth visited Beijing on May 3, 2017.", "2017-05-04")
    ref = art("It was her first state visit, to Beijing in 2014, aides said.", "2016-02-01")
    visits = of(build(first, other, ref), "visit")
    assert len(visits) == 2
    docs = sorted(sorted(m.doc for m in v.mentions) for v in visits)
    assert sorted([first.id, ref.id]) in docs and [other.id] in docs


def test_planned_then_done_is_occurred_with_the_deciding_mentions_first() -> None:
    plan = art("Chinese President Hu Jintao will visit Washington next week, "
               "the foreign ministry said.", "2011-01-12")
    done = art("Chinese President Hu Jintao visited Washington on Tuesday, "
               "the White House said.", "2011-01-20")
    (visit,) = of(build(plan, done), "visit")
    assert visit.status == "occurred"
    assert [m.doc for m in visit.mentions[:2]] == [plan.id, done.id]


def test_a_past_plan_then_has_yet_to_visit_did_not_occur() -> None:
    plan = art("Queen Elizabeth will visit Japan in March 2014, the palace said.", "2013-11-02")
    later = art("Queen Elizabeth has yet to visit Japan.", "2015-06-10")
    (visit,) = of(build(plan, later), "visit")
    assert visit.status == "did-not-occur"
    assert [m.modality for m in visit.mentions[:2]] == ["planned", "negated"]
    assert [m.doc for m in visit.mentions[:2]] == [plan.id, later.id]


def test_an_announcement_title_quotes_whole_words() -> None:
    from newsline.corpus.events import ANNOUNCEMENT_QUOTE, _summary

    quote = ("General Motors announced on Tuesday that it would close four assembly plants "
             "in Michigan and Ohio next spring, cutting about 14,000 jobs across the region")
    title = _summary("announcement", [("e1", "agent")], [], {"e1": "General Motors"}, quote,
                     "announced", {"e1": "ORG"})
    said = title.split(": ", 1)[1]
    assert said.endswith("…") and len(said) <= ANNOUNCEMENT_QUOTE
    assert quote.startswith(said[:-1])
    assert quote[len(said) - 1] == " "  # cut between two words
    short = _summary("announcement", [("e1", "agent")], [], {"e1": "GM"}, "GM said so.",
                     "said", {"e1": "ORG"})
    assert short.endswith(": GM said so.")


def test_weekly_reports_of_deaths_in_one_place_never_chain_into_one_event() -> None:
    """Reports a week apart of deaths in one city, each in its own storyline: neighbouring
    weeks may share a day, but no time holds the first week and the last, so the deaths of
    ten weeks never become one event (they did through overlapping report windows)."""
    from newsline.corpus.entities import corpus_entities
    from newsline.corpus.events import build_events
    from newsline.knowledge import Knowledge

    start = dt.date(2011, 3, 7)
    arts = [art(f"A car bomb killed {n + 3} people in Baghdad, Iraq, police said.",
                (start + dt.timedelta(weeks=n)).isoformat()) for n in range(10)]
    by_doc = {a.id: analyze(a) for a in arts}
    index = corpus_entities(by_doc, Knowledge.bundled(), {a.id: a.text for a in arts})
    dates = {d: a.date for d, a in by_doc.items()}
    day = {a.id: a.published for a in arts}
    events = [e for e in build_events(by_doc, dates, index) if e.type != "other"]
    assert events
    for e in events:
        days = sorted(day[m.doc] for m in e.mentions)  # type: ignore[type-var]
        assert (days[-1] - days[0]).days <= 7, (e.type, days)  # type: ignore[operator]
