"""The events benchmark: the runner reads ECB+, calls the product and scores what it built."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.eval import events as ev
from newsline.eval.coref import GoldDoc, GoldMention
from newsline.model import Corpus, Event, EventRef

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _doc() -> GoldDoc:
    text = "An earthquake struck Aceh.\nRescuers searched the rubble."
    a, b = text.index("earthquake"), text.index("searched")
    mentions = [GoldMention(a, a + 10, "earthquake", "ACTION_OCCURRENCE", "quake", 0),
                GoldMention(text.index("Aceh"), text.index("Aceh") + 4, "Aceh", "LOC_GEO",
                            "aceh", 0),
                GoldMention(b, b + 8, "searched", "ACTION_OCCURRENCE", "search", 1)]
    return GoldDoc("1_1ecb", "1", text, [(0, 26), (27, len(text))], mentions, {0})


def test_the_key_holds_event_mentions_and_the_response_scored_sentences_only() -> None:
    d = _doc()
    assert ev.gold_triggers(d) == [(3, 13), (36, 44)]
    assert sorted(len(c) for c in ev.key_clusters([d])) == [1, 1]
    refs = [EventRef(d.id, 0, 26, d.text[:26], "asserted", None, 3, 13),
            EventRef(d.id, 27, 56, d.text[27:], "asserted", None, 36, 44)]
    corpus = Corpus(events=[Event("evt-1", "other", "x", mentions=refs)])
    assert ev.response(corpus, [d]) == [[(d.id, 3, 13)]]  # sentence 1 is not validated
    assert ev.subtopics([d]) == [[d.id]]


@pytest.mark.skipif(not (DATA / "ecbplus").is_dir(), reason="no shared data")
def test_the_product_links_one_test_topic() -> None:
    from newsline.eval import ecbplus

    docs = ecbplus.read(DATA, topics=(36,), kinds="event")[:12]
    gold, corpus, resp = ev.score(docs, gold=True)
    assert resp and corpus.stories
    assert gold["conll_f1"] > 50
    assert all(len(c) == len(set(c)) for c in resp)
