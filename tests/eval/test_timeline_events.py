"""The timeline benchmark's system: target mentions (names, pronouns, descriptions), the events
they are arguments of, and anchors - on small made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval.semeval import CatDoc, read_cat
from newsline.eval.timeline import analyse, build_timeline, matches


def cat(tmp_path: Path, doc_id: str, dct: str, sentences: list[str]) -> CatDoc:
    """A CAT file of the task's form (one token per element), read back."""
    rows, n = [], 0
    for s, sentence in enumerate(sentences):
        for word in sentence.split():
            rows.append(f'<token number="{n}" sentence="{s}" t_id="{n + 1}">{word}</token>')
            n += 1
    xml = (f'<Document doc_id="{doc_id}" doc_name="{doc_id}-x">' + "".join(rows)
           + f'<Markables><TIMEX3 m_id="1" functionInDocument="CREATION_TIME" value="{dct}"/>'
           + "</Markables></Document>")
    path = tmp_path / f"{doc_id}.xml"
    path.write_text(xml, "utf-8")
    return read_cat(path)


def events(tmp_path: Path, target: str, dct: str, sentences: list[str]) -> dict[str, str]:
    doc = cat(tmp_path, "1", dct, sentences)
    return {ms[0]: date for _, date, ms in build_timeline(target, analyse([doc]))}


def test_interrupted_names_match() -> None:
    assert matches("the iTunes Music Store", "iTunes store", "ORG")
    assert not matches("the Music Store", "iTunes store", "ORG")


def test_pronouns_refer_back_to_a_person_target(tmp_path: Path) -> None:
    found = events(tmp_path, "Steve Jobs", "2011-01-17", [
        "Apple chief Steve Jobs announced Monday that he will take a leave .",
        "He underwent a liver transplant in 2009 .",
    ])
    assert "1-0-announced" in found
    assert found.get("1-1-underwent") == "2009-XX-XX"


def test_speech_verbs_participles_and_lowercase_ids(tmp_path: Path) -> None:
    found = events(tmp_path, "Steve Jobs", "2010-06-08", [
        "Yesterday , Steve Jobs unveiled the phone , saying it was the best ever .",
        "Jobs said sales would start soon .",
    ])
    assert found.get("1-0-unveiled") == "2010-06-07"  # the lead's day holds for the story
    assert found.get("1-0-saying") == "2010-06-07"
    assert "1-1-said" in found


@pytest.mark.parametrize("other", ["Apple Computer", "Apple Inc."])
def test_a_short_name_needs_the_full_name_in_its_document(tmp_path: Path, other: str) -> None:
    found = events(tmp_path, "Beatles Apple Corps", "2006-05-08", [
        f"{other} said Apple sold more music .",
    ])
    assert found == {}


def test_the_company_refers_to_the_organisation_named_before(tmp_path: Path) -> None:
    found = events(tmp_path, "Cisco Systems", "2007-01-11", [
        "Cisco Systems sued Apple on Wednesday .",
        "The company filed the complaint in California .",
    ])
    assert "1-1-filed" in found


def test_words_written_in_lower_case_are_generic_and_never_match_alone() -> None:
    from newsline.analyze.nlp import load
    from newsline.eval.timeline import common_words

    nlp = load()
    docs = [nlp("Shares of Acme rose as workers returned. The workers union met Acme."),
            nlp("Analysts said Acme Workers Fund and the workers agreed.")]
    generic = common_words(docs)
    assert "workers" in generic and "acme" not in generic and "company" in generic
    assert not matches("workers", "Acme Workers Fund", "ORG", generic)
    assert matches("the Acme fund", "Acme Workers Fund", "ORG", generic)
