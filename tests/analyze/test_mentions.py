"""Entity mentions the NER misses or cuts short: names written with a small first letter and
the model numbers after a name."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsline.analyze.mentions import _repeated_names, entity_mentions, sentences
from newsline.analyze.nlp import load
from newsline.model import Mention


def names(text: str) -> list[tuple[str, str]]:
    doc = load()(text)
    return [(m.text, m.type) for m in entity_mentions(doc, sentences(doc))]


@pytest.mark.parametrize(("text", "name"), [
    ("Apple unveiled the iPhone 4 yesterday.", "iPhone 4"),
    ("Pre-orders of the recently announced iPhone 4 began Tuesday.", "iPhone 4"),
    ("The 3G iPhone costs $199.", "3G iPhone"),
    ("Apple sold more iPods than ever.", "iPods"),
    ("The CAC 40 fell 2% in Paris.", "CAC 40"),
])
def test_names_the_ner_misses_or_cuts(text: str, name: str) -> None:
    assert name in [t for t, _ in names(text)]


def test_a_quantity_after_a_name_is_not_its_model() -> None:
    found = [t for t, _ in names("Toyota 10 cars were recalled, and Apple sold 4 iPods.")]
    assert "Toyota 10" not in found and "4 iPods" not in found


# ---------------------------------------------------------------- names the NER cuts in two


@pytest.mark.parametrize(("text", "name", "kind"), [
    # the regnal numeral read as the pronoun "I"
    ("Queen Elizabeth I ruled England for 44 years until her death in 1603.",
     "Elizabeth I", "PERSON"),
    # the last part of the name read as a preposition, and as a name of its own
    ("South Korean President Moon Jae In met the delegation in Seoul on Monday.",
     "Moon Jae In", "PERSON"),
    ("In a speech broadcast on national television on Thursday, Jacinda Arden promised to "
     "press ahead with the reforms.", "Jacinda Arden", "GPE"),  # the NER's label, whole
    # a generational suffix after a comma, which the NER labels a place
    ("Robert F. Kennedy, Jr., spoke at the rally in Phoenix.", "Robert F. Kennedy, Jr",
     "PERSON"),
    # an organisation cut before "of <country>"
    ("Delegates of the Communist Party of Vietnam gathered in Hanoi for the congress.",
     "Communist Party of Vietnam", "ORG"),
    # a demonym and the body word after it, read as a nationality alone
    ("Officials from the Islamic State met in Brussels on Wednesday.", "Islamic State", "ORG"),
    # a surname labelled ORG after the person's full name
    ("Foreign Secretary David Miliband flew to Kabul. Miliband told reporters the mission "
     "would continue.", "Miliband", "PERSON"),
])
def test_names_the_ner_cuts_are_mended(text: str, name: str, kind: str) -> None:
    assert (name, kind) in names(text)


def test_mended_spans_leave_no_overlapping_mentions() -> None:
    found = names("Delegates of the Communist Party of Vietnam gathered in Hanoi. "
                  "Robert F. Kennedy, Jr., spoke.")
    assert ("Vietnam", "GPE") not in found and ("Jr.", "GPE") not in found


@pytest.mark.parametrize(("text", "wrong"), [
    ("He told Elizabeth I would call her back the next day.", "Elizabeth I"),  # the pronoun
    ("He met Obama On Tuesday.", "Obama On"),  # a preposition with its object
    # headlines, every word capitalised: the NER reads "Merkel Meets" and "Putin"
    ("Obama Visits Israel. Merkel Meets Putin In Berlin.", "Merkel Meets Putin"),
    ("Toyota of Japan reported higher sales.", "Toyota of Japan"),  # a company, not a body
    # a title before a name: "Academy" + "President", not one name
    ("Newly elected Academy President Cheryl Boone Isaacs spoke on Monday.",
     "Academy President"),
])
def test_what_is_not_part_of_a_name_stays_out(text: str, wrong: str) -> None:
    assert wrong not in [t for t, _ in names(text)]


def test_a_regnal_numeral_keeps_two_monarchs_apart_in_the_build() -> None:
    from newsline.analyze import analyze
    from newsline.corpus import build_corpus
    from newsline.model import Article

    texts = ["Queen Elizabeth I ruled England for 44 years until her death in 1603.",
             "Queen Elizabeth II opened the new session of parliament on Tuesday."]
    arts = [Article(f"a{i}", f"a{i}", t) for i, t in enumerate(texts)]
    corpus = build_corpus(arts, [analyze(a, load()) for a in arts])
    def entity_of(doc: str) -> str:
        text = texts[int(doc[1])]
        return next(e.id for e in corpus.entities for m in e.mentions
                    if m.doc == doc and text[m.start:m.end].startswith("Elizabeth"))

    assert entity_of("a0") != entity_of("a1")


# ---------------------------------------------------------------- a name written again


GAZPROM = ("The Russian gas company Gazprom Neft said on Tuesday that its profits rose. A "
           "spokesman for Gazprom said the parent company would pay a dividend. Gazprom shares "
           "rose 3 percent in Moscow.")


def test_a_name_written_again_is_a_mention_where_the_ner_missed_it() -> None:
    doc = load()(GAZPROM)
    found = [m for m in entity_mentions(doc, sentences(doc)) if m.text == "Gazprom"]
    # both times it stands alone, whichever of them the NER marked; never inside "Gazprom Neft"
    assert sorted(m.start for m in found) == [GAZPROM.index("Gazprom said"),
                                              GAZPROM.index("Gazprom shares")]
    assert len({m.type for m in found}) == 1


def test_a_name_written_again_inside_a_longer_name_or_as_something_else_is_not() -> None:
    # a hand-made parse, so the NER's choices are fixed: it marked "Gazprom" and "May" once
    # each, and "May" once more as a date; it missed "Gazprom Neft" and the other "Gazprom"s
    words = ["Gazprom", "said", "May", "would", "go", ".", "Gazprom", "Neft", "and",
             "Gazprom", "shares", "fell", "in", "May", "."]
    ents = ["B-ORG", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O",
            "B-DATE", "O"]
    pos = ["PROPN", "VERB", "PROPN", "AUX", "VERB", "PUNCT", "PROPN", "PROPN", "CCONJ",
           "PROPN", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    starts = [True] + [False] * 5 + [True] + [False] * 8
    doc = Doc(load().vocab, words=words, spaces=[w != "." and n + 1 < len(words)
                                                 and words[n + 1] != "." for n, w in
                                                 enumerate(words)],
              pos=pos, ents=ents, sent_starts=starts)
    marked = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
              if e.label_ != "DATE"]
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    added = [(m.text, m.type, m.start) for m in _repeated_names(doc, sents, marked)]
    assert added == [("Gazprom", "ORG", doc[9].idx)]  # not in "Gazprom Neft", not the month
