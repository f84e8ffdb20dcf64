"""The participants benchmark: the MEANTIME reader (HAS_PARTICIPANT links and roles) and the
scorer on a small hand-made case with known precision and recall."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval import meantime
from newsline.eval.meantime import GoldEvent, GoldParticipant, ParticipantDoc
from newsline.eval.participants import Triple, score

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
needs_data = pytest.mark.skipif(not (DATA / "meantime_en").is_dir(), reason="no shared data")


def test_roles_map_propbank_arguments() -> None:
    assert meantime.role_of("Arg0") == "agent"
    assert meantime.role_of("Arg1") == "patient"
    assert meantime.role_of("Argm-LOC") == "place"
    assert meantime.role_of("Arg2") == meantime.role_of("Argm-OTHER") == "other"


def test_head_is_the_word_before_the_first_post_modifier() -> None:
    words = ["the", "price", "of", "the", "songs"]
    toks, pos = [], 0
    for w in words:
        toks.append((w, pos, pos + len(w)))
        pos += len(w) + 1
    assert meantime.head_span(toks) == (4, 9)  # "price"


def _doc() -> ParticipantDoc:
    #       0         1         2         3
    #       0123456789012345678901234567890123456
    text = "Cisco sued Apple in London. It won."
    sued = GoldEvent(6, 10, "sued", 0, "VERB", [
        GoldParticipant(0, 5, 0, 5, "Cisco", "agent", "Arg0", "ORG"),
        GoldParticipant(11, 16, 11, 16, "Apple", "patient", "Arg1", "ORG"),
        GoldParticipant(20, 26, 20, 26, "London", "place", "Argm-LOC", "LOC")])
    won = GoldEvent(31, 34, "won", 1, "VERB", [
        GoldParticipant(28, 30, 28, 30, "It", "agent", "Arg0", "ORG")])
    return ParticipantDoc("d", "t", text, [(0, 27), (28, 35)], [sued, won])


def test_scorer_counts_matches_once_by_head_role_and_entity_mention() -> None:
    cisco = ((0, 5), (28, 30))  # the entity Cisco, mentioned as "Cisco" and "It"
    triples = [
        Triple("d", (6, 10), "cisco", "agent", cisco),  # right
        Triple("d", (6, 10), "apple", "agent", ((11, 16),)),  # wrong role
        Triple("d", (6, 10), "london", "place", ((20, 26),)),  # right
        Triple("d", (31, 34), "cisco", "agent", cisco),  # right, through "It"
        Triple("d", (31, 34), "cisco", "agent", cisco),  # a duplicate matches nothing
    ]
    s = score([_doc()], triples)
    assert (s["true_positives"], s["predicted"], s["gold"]) == (3, 5, 4)
    assert s["precision"] == 60.0 and s["recall"] == 75.0
    assert s["f1"] == pytest.approx(66.67, abs=0.01)
    assert s["by_role"]["patient"]["recall"] == 0.0
    assert s["by_role"]["place"]["f1"] == 100.0


def test_entity_match_counts_a_participant_through_its_gold_coreferent() -> None:
    doc = _doc()
    it = doc.events[1].participants[0]
    it.coreferent = [(0, 5), (28, 30)]  # "It" is Cisco
    only_name = [Triple("d", (31, 34), "cisco", "agent", ((0, 5),))]
    assert score([doc], only_name)["true_positives"] == 0
    assert score([doc], only_name, by_entity=True)["true_positives"] == 1


@needs_data
def test_reader_gives_the_apple_links_with_roles() -> None:
    docs = meantime.read_participants(DATA, ("apple",))
    assert len(docs) == 30
    links = [p for d in docs for e in d.events for p in e.participants]
    assert len(links) >= 450
    assert {p.role for p in links} == {"agent", "patient", "place", "other"}
    for d in docs:
        for e in d.events:
            assert d.text[e.start:e.end] == e.text
            for p in e.participants:
                assert d.text[p.start:p.end] == p.text
                assert p.start <= p.head_start < p.head_end <= p.end
                assert (p.head_start, p.head_end) in p.coreferent
