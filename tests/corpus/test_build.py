"""The corpus-level reduce on small real-language corpora: events, status, stories, checks."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.ingest import article_id
from newsline.model import Article


def art(text: str, day: str, title: str | None = None) -> Article:
    return Article(article_id(text), f"{day}.txt", text, title=title,
                   published=dt.date.fromisoformat(day), published_basis="metadata")


def build(*articles: Article):
    return build_corpus(articles, [analyze(a) for a in articles])


def events_of(corpus, kind: str):
    return [e for e in corpus.events if e.type == kind]


def test_planned_then_done_is_one_occurred_event() -> None:
    plan = art("Chinese President Hu Jintao will visit Washington next week, "
               "the foreign ministry said.", "2011-01-12")
    done = art("Chinese President Hu Jintao visited Washington on Tuesday, "
               "the White House said.", "2011-01-20")
    corpus = build(plan, done)
    visits = events_of(corpus, "visit")
    assert len(visits) == 1
    ev = visits[0]
    assert ev.status == "occurred"
    assert [m.modality for m in ev.mentions] == ["planned", "reported"]  # in date order
    # a named organisation is quoted by its name
    assert [m.attributed_to for m in ev.mentions] == ["foreign ministry", "White House"]
    assert {m.doc for m in ev.mentions} == {plan.id, done.id}
    names = {e.id: e.name for e in corpus.entities}
    assert "Washington" in [names[p] for p in ev.places]


def test_only_planned_stays_planned() -> None:
    corpus = build(art("Hu Jintao will visit Washington next week.", "2011-01-12"))
    assert [e.status for e in events_of(corpus, "visit")] == ["planned"]


def test_the_same_leaders_meeting_years_apart_are_two_events() -> None:
    first = art("Barack Obama met Hu Jintao in Beijing on November 17, 2009.", "2009-11-18")
    second = art("Barack Obama met Hu Jintao in Washington on January 19, 2011.", "2011-01-20")
    again = art("Obama and Hu Jintao met in Washington on January 19, 2011, officials said.",
                "2011-01-21")
    meetings = events_of(build(first, second, again), "meeting")
    assert len(meetings) == 2
    by_day = sorted((e.date.value, len(e.mentions)) for e in meetings)
    assert by_day == [("2009-11-17", 1), ("2011-01-19", 2)]


def test_event_date_quotes_its_evidence() -> None:
    a = art("Barack Obama met Hu Jintao in Beijing on November 17, 2009.", "2009-11-18")
    ev = events_of(build(a), "meeting")[0]
    assert ev.date.earliest == ev.date.latest == dt.date(2009, 11, 17)
    assert [e.quote for e in ev.date.evidence] == ["November 17, 2009"]
    assert a.text[ev.date.evidence[0].start:ev.date.evidence[0].end] == "November 17, 2009"


def test_entities_join_across_documents_and_spellings() -> None:
    a = art("Muammar Gaddafi met Silvio Berlusconi in Rome.", "2009-06-10")
    b = art("Libyan leader Moammar Gadhafi spoke in Tripoli on Monday.", "2009-06-16")
    c = art("Colonel Qaddafi spoke in Tripoli on Monday.", "2009-06-17")
    corpus = build(a, b, c)
    gaddafi = [e for e in corpus.entities if e.name == "Muammar Gaddafi"]
    assert len(gaddafi) == 1
    assert {"Muammar Gaddafi", "Moammar Gadhafi", "Qaddafi"} <= set(gaddafi[0].aliases)
    assert {m.doc for m in gaddafi[0].mentions} == {a.id, b.id, c.id}


def test_stories_group_close_articles_and_keep_years_apart() -> None:
    texts = [
        ("General Motors asked the Treasury for more loans, GM chief Rick Wagoner said.",
         "2009-02-18"),
        ("General Motors chief Rick Wagoner met Treasury officials about GM loans.",
         "2009-02-25"),
        ("General Motors chief Rick Wagoner said GM needs the Treasury loans.", "2009-03-02"),
        ("General Motors chief Rick Wagoner spoke about GM and the Treasury.", "2013-03-02"),
    ]
    arts = [art(t, d, title=f"GM {d}") for t, d in texts]
    corpus = build(*arts)
    assert len(corpus.stories) == 2  # the 2013 article is a one-article story of its own
    story, later = corpus.stories
    assert set(story.documents) == {a.id for a in arts[:3]}
    assert later.documents == [arts[3].id]
    assert story.earliest == dt.date(2009, 2, 18) and story.latest == dt.date(2009, 3, 2)
    assert story.title.startswith("GM 2009")


def test_republished_copy_is_flagged_as_stale_duplicate() -> None:
    text = ("The Federal Aviation Administration grounded the fleet on Wednesday after a "
            "battery fire on a parked jet in Boston and an emergency landing in Japan. "
            "Inspectors will examine every aircraft before it flies again, the agency said "
            "in a statement, adding that airlines had been told to keep the planes on the "
            "ground until the batteries are shown to be safe. The manufacturer said it was "
            "confident the aircraft was safe and that it would work with the regulator and "
            "its customers around the clock to return the fleet to service.")
    original = art(text, "2013-01-16", title="FAA grounds fleet")
    copy = art(text.replace("Wednesday", "Wednesday morning"), "2015-06-01",
               title="FAA grounds fleet (updated)")
    other = art("Stocks rose on Monday in New York as oil prices fell.", "2013-01-21")
    flags = [f for f in build(original, copy, other).flags if f.kind == "duplicate"]
    assert len(flags) == 1
    assert flags[0].documents == [original.id, copy.id]
    assert flags[0].severity == "warning" and "re-publishes" in flags[0].message


def test_claim_dated_after_its_article_is_flagged() -> None:
    a = art("Barack Obama met Hu Jintao in Washington on January 19, 2011.", "2010-03-01")
    flags = [f for f in build(a).flags if f.kind == "anachronism"]
    assert len(flags) == 1
    assert "2011-01-19" in flags[0].message
    assert flags[0].evidence[0].quote in a.text


def test_no_false_flags_on_ordinary_articles() -> None:
    a = art("Barack Obama met Hu Jintao in Washington on January 19, 2011.", "2011-01-20")
    b = art("Stocks rose on Monday in New York as oil prices fell.", "2011-01-24")
    assert build(a, b).flags == []
