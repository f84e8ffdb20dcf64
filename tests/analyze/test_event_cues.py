"""Broad event triggers and the cues the cross-document linker reads, from real sentences."""

from __future__ import annotations

from newsline.analyze import analyze
from newsline.model import Article, DocAnalysis

TEXT = ("Japanese Prime Minister Shinzo Abe visited Beijing on Tuesday. "
        "A 6.1-magnitude earthquake struck Aceh province, killing 12 people, officials said.")


def _analysis(text: str = TEXT, **kw: object) -> DocAnalysis:
    return analyze(Article("d1", "d1.txt", text), **kw)  # type: ignore[arg-type]


def test_every_happening_is_an_event_mention_and_typed_ones_stay_typed() -> None:
    a = _analysis()
    by_trigger = {m.trigger: m for m in a.events}
    assert by_trigger["visited"].type == "visit"
    assert by_trigger["earthquake"].type == "disaster"
    assert by_trigger["struck"].type == "other" and by_trigger["struck"].lemma == "strike"
    assert by_trigger["said"].type == "other"
    # an auxiliary or a light verb names no happening
    assert not any(m.lemma in ("be", "have") for m in a.events)
    quake = by_trigger["earthquake"]
    assert "quake" in quake.concepts and quake.pos == "NOUN"
    assert {"strike", "aceh"} <= set(quake.window)


def test_each_sentence_keeps_its_people_places_times_and_numbers() -> None:
    a = _analysis()
    first, second = a.cues[0], a.cues[1]
    assert "abe" in first.people and "beijing" in first.places and "tuesday" in first.times
    assert "6.1" in second.numbers and "12" in second.numbers
    assert "aceh" in second.lemmas
    assert "beijing" not in second.places


def test_given_triggers_replace_the_found_ones() -> None:
    start = TEXT.index("earthquake")
    a = _analysis(triggers=[(start, start + len("earthquake")), (TEXT.index("visited"),
                                                                TEXT.index("visited") + 7)])
    assert [m.trigger for m in a.events] == ["visited", "earthquake"]
    assert a.events[1].type == "disaster" and a.events[0].type == "visit"


def test_a_visit_has_its_visitor_as_agent_and_the_city_as_its_place() -> None:
    a = _analysis()
    visit = next(m for m in a.events if m.trigger == "visited")
    agents = [a.mentions[p.mention].text for p in visit.participants if p.role == "agent"]
    assert agents == ["Shinzo Abe"]
    assert [a.mentions[i].text for i in visit.places] == ["Beijing"]


def test_the_cues_survive_the_store_round_trip() -> None:
    a = _analysis()
    back = DocAnalysis.from_dict(a.to_dict())
    assert back.cues == a.cues and back.events == a.events
    # a sentence's quote is written once for its triggers, not once per trigger
    assert sum("quote" in e for e in a.to_dict()["events"]) == len(a.sentences)
    assert [(m.lemma, m.concepts, m.window) for m in back.events] == \
        [(m.lemma, m.concepts, m.window) for m in a.events]
    old = a.to_dict()
    del old["cues"]
    for e in old["events"]:
        for k in ("lemma", "pos", "concepts", "window"):
            e.pop(k, None)
    assert DocAnalysis.from_dict(old).cues == []


def test_nouns_that_name_bodies_or_things_are_no_events() -> None:
    from newsline.analyze.events_lexicon import is_event_noun

    assert is_event_noun("evacuation") and is_event_noun("shooting")
    assert not is_event_noun("government") and not is_event_noun("official")


def test_states_that_report_a_happening_are_triggers() -> None:
    a = _analysis("The singer was found dead in her apartment on Sunday. Her husband later "
                  "pleaded guilty to manslaughter.")
    lemmas = {m.trigger: m.lemma for m in a.events}
    assert lemmas["dead"] == "dead" and lemmas["guilty"] == "guilty"
    assert "manslaughter" in lemmas


def test_a_trigger_span_covers_a_light_verb_idiom_and_according_to() -> None:
    a = _analysis("According to police, officers opened fire on the car after it hit a "
                  "patrol vehicle.")
    triggers = {m.trigger for m in a.events}
    assert {"According to", "opened fire"} <= triggers
    assert "opened" not in triggers


def test_a_headline_verb_tagged_as_a_name_is_a_trigger_with_its_own_lemma() -> None:
    a = _analysis("Oscar-Winning Actress Dies In Car Crash\n\nThe actress died on Friday.")
    dies = [m for m in a.events if m.trigger == "Dies"]
    assert dies and dies[0].lemma == "die"
    assert not any(m.trigger == "Actress" for m in a.events)
