"""Within-document coreference on real sentences: pronouns and definite descriptions become
mentions linked to their antecedent, and the arguments of event words include them."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.analyze.coref import quotations
from newsline.model import Article, DocAnalysis, Mention


def analysed(text: str, day: dt.date = dt.date(2011, 1, 17)) -> DocAnalysis:
    return analyze(Article("d1", "test.txt", text, published=day, published_basis="metadata"))


def coreferent(a: DocAnalysis) -> list[tuple[str, str, str]]:
    """(mention, kind, the name its chain of antecedents ends in)."""
    out = []
    for m in a.mentions:
        if m.antecedent is None:
            continue
        root: Mention = m
        while root.antecedent is not None:
            root = a.mentions[root.antecedent]
        out.append((m.text, m.kind, root.text))
    return out


def test_pronouns_refer_back_to_the_person_named_before() -> None:
    a = analysed("Apple chief Steve Jobs announced on Monday that he will take a medical leave. "
                 "He underwent a liver transplant in 2009.")
    assert ("he", "pronoun", "Steve Jobs") in coreferent(a)
    assert ("He", "pronoun", "Steve Jobs") in coreferent(a)
    for m in a.mentions:
        if m.kind == "pronoun":
            assert m.type == "PERSON"


def test_the_company_refers_to_the_organisation_named_before() -> None:
    a = analysed("Cisco Systems sued Apple on Wednesday in a federal court. "
                 "The company filed the complaint in California.")
    assert ("The company", "nominal", "Cisco Systems") in coreferent(a)


def test_its_takes_a_thing_never_a_person() -> None:
    a = analysed("Boeing chief executive Jim McNerney said its new plane would fly in June.")
    assert ("its", "pronoun", "Boeing") in coreferent(a)


def test_names_keep_their_indexes_and_come_first() -> None:
    a = analysed("Angela Merkel met Nicolas Sarkozy in Paris. She praised him.")
    kinds = [m.kind for m in a.mentions]
    assert kinds == sorted(kinds, key=lambda k: k != "name")  # every name before the others
    for m in a.mentions:
        if m.antecedent is not None:
            assert m.antecedent < len(a.mentions) and a.mentions[m.antecedent].type == m.type
    # "She praised him": the object is not the subject of its own clause
    assert ("She", "pronoun", "Angela Merkel") in coreferent(a)
    assert ("him", "pronoun", "Nicolas Sarkozy") in coreferent(a)


def test_an_expletive_it_refers_to_nothing() -> None:
    a = analysed("Apple released a new phone. It is expected that sales will rise.")
    assert all(text.lower() != "it" for text, _, _ in coreferent(a))


def test_a_pronoun_with_no_compatible_antecedent_stays_out() -> None:
    a = analysed("It was a cold day. They said nothing.")
    assert coreferent(a) == []


def test_arguments_include_the_resolved_pronouns() -> None:
    a = analysed("Steve Jobs announced on Monday that he will take a medical leave. "
                 "He underwent a liver transplant in 2009.")
    by_word = {(g.trigger, a.mentions[g.mention].text): g for g in a.arguments}
    assert by_word[("underwent", "He")].role == "agent"
    assert by_word[("underwent", "He")].tense == "past"
    assert a.timexes[by_word[("underwent", "He")].time].text == "2009"
    assert by_word[("take", "he")].tense == "future"
    assert by_word[("announced", "Steve Jobs")].role == "agent"


def test_coreferent_mentions_survive_the_store_round_trip() -> None:
    a = analysed("Cisco Systems sued Apple. The company filed the complaint in California.")
    back = DocAnalysis.from_dict(a.to_dict())
    assert back.mentions == a.mentions and back.arguments == a.arguments


def test_coreference_runs_before_the_events_and_arguments_last() -> None:
    from newsline.analyze import STAGES

    names = [name for name, _ in STAGES]
    assert names.index("mentions") < names.index("coref") < names.index("events")
    assert names[-1] == "arguments"  # it reads the mentions every other stage left


def test_a_last_name_the_ner_missed_refers_to_the_full_name() -> None:
    a = analysed("Apple chief Steve Jobs spoke on Friday. Jobs attributed the small increase "
                 "to fewer users putting cases on their devices.")
    assert ("Jobs", "name", "Steve Jobs") in coreferent(a) or any(
        m.text == "Jobs" and m.antecedent is None and m.type == "PERSON" for m in a.mentions)
    jobs = next(m for m in a.mentions if m.text == "Jobs")
    assert any(g.mention == a.mentions.index(jobs) and g.trigger == "attributed"
               for g in a.arguments)


def test_a_support_verb_gives_its_tense_and_time_to_the_event_noun() -> None:
    a = analysed("Steve Jobs made an appearance in March to unveil the iPad 2.")
    by_word = {g.trigger: g for g in a.arguments}
    assert "made" not in by_word and "appearance" in by_word
    assert by_word["appearance"].tense == "past" and by_word["appearance"].time is not None


def test_a_present_perfect_is_told_as_some_time_before() -> None:
    a = analysed("Apple Corps has twice before sued Apple Computer over the name.")
    sued = next(g for g in a.arguments if g.trigger == "sued")
    assert sued.tense == "perfect"


def test_a_relative_pronoun_refers_to_the_name_its_clause_modifies() -> None:
    a = analysed("The iPod is made by Apple Computer, which is based in Cupertino. Steve Jobs, "
                 "who founded the firm in 1976, spoke on Monday.")
    found = coreferent(a)
    assert ("which", "pronoun", "Apple Computer") in found
    assert ("who", "pronoun", "Steve Jobs") in found
    # the clause's event has the person as its agent, through the pronoun
    founded = next(e for e in a.events if e.trigger == "founded")
    agents = [a.mentions[p.mention] for p in founded.participants if p.role == "agent"]
    assert agents and all(m.text == "Steve Jobs" or a.mentions[m.antecedent or 0].text
                          == "Steve Jobs" for m in agents)


def test_a_relative_pronoun_is_never_a_person_for_which_nor_a_thing_for_who() -> None:
    a = analysed("Reporters met Angela Merkel, which surprised many, in Berlin on Monday.")
    assert not any(t == "which" and root == "Angela Merkel" for t, _, root in coreferent(a))


def test_i_in_a_quotation_refers_to_its_speaker() -> None:
    a = analysed('"I have always said that I would be the first to let you know," Steve Jobs '
                 "said on Wednesday. He added that my health is fine.")
    found = coreferent(a)
    assert found.count(("I", "pronoun", "Steve Jobs")) == 2
    assert not any(t == "my" for t, _, _ in found)  # outside the quotation: nobody's


def test_a_quotation_after_a_participle_takes_the_clause_subject() -> None:
    a = analysed('Steve Jobs resigned in a letter to the board stating, "I have always said '
                 'that I would tell you."')
    assert ("I", "pronoun", "Steve Jobs") in coreferent(a)


def test_i_without_a_speaker_stays_out_and_mentions_stay_in_reading_order() -> None:
    a = analysed('"I will not go," read a sign at the gate. Apple said it would open a store '
                 "in Paris, and its chief Tim Cook praised it.")
    assert not any(t == "I" for t, _, _ in coreferent(a))
    later = [m.start for m in a.mentions if m.antecedent is not None]
    assert later == sorted(later)


def test_quotations() -> None:
    text = ('He said: "I will go. We are ready." Then ``I quit\'\' she said.\n\n'
            "An “open quote\n\nnew para")
    assert [text[a:b] for a, b in quotations(text)] == [
        "I will go. We are ready.", "I quit", "open quote"]


def test_a_chain_after_a_quoted_i_keeps_its_antecedent() -> None:
    # "it" points at "the company", which moves one place when the quoted "I" goes before it
    a = analysed('"I am happy," Steve Jobs said on Monday. Apple Computer said the company '
                 "would grow and it would hire 500 people.")
    assert coreferent(a) == [("I", "pronoun", "Steve Jobs"),
                             ("the company", "nominal", "Apple Computer"),
                             ("it", "pronoun", "Apple Computer")]
