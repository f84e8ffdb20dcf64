"""The analysis records' hand-written ``to_dict`` (asdict is slow on the hot path of storing
analyses) say exactly what the generic rule says: every field in declaration order, the
compact forms leaving out what is empty or implied, and ``from_dict`` reads it back."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from newsline.model import Argument, EventMention, Mention, Participant, SentenceCues, Timex

words = st.text(alphabet="abcXYZ é", max_size=6)
small = st.integers(min_value=0, max_value=50)
maybe = st.none() | small
days = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))

mentions = st.builds(Mention, small, small, words, st.sampled_from(["PERSON", "ORG", "GPE"]),
                     small, st.sampled_from(["name", "pronoun", "nominal"]), maybe)
timexes = st.builds(Timex, small, small, words, st.sampled_from(["DATE", "TIME", "SET"]),
                    words, days, days, st.booleans(), small)
participants = st.builds(Participant, small, st.sampled_from(["agent", "patient", "other"]))
lemmas = st.sampled_from(["", "meet", "visit"])
events = st.builds(
    EventMention, small, small, words, small, small, words, words, words,
    st.lists(participants, max_size=3), st.lists(small, max_size=3), maybe,
    st.none() | words, small, lemmas, st.sampled_from(["", "VERB", "NOUN"]),
    st.lists(st.sampled_from(["meet", "visit"]), max_size=2), st.lists(words, max_size=3),
    st.booleans())
cues = st.builds(SentenceCues, *(st.lists(words, max_size=2) for _ in range(6)))
arguments = st.builds(Argument, small, words, small, small, words, words, words, maybe, small)


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def _asdict_rule(obj: Any) -> dict[str, Any]:
    """What each record's ``to_dict`` said when it was written on ``asdict``."""
    d = asdict(obj)
    if isinstance(obj, Mention) and obj.kind == "name" and obj.antecedent is None:
        del d["kind"], d["antecedent"]
    if isinstance(obj, Timex):
        d = {k: _iso(v) for k, v in d.items()}
    if isinstance(obj, EventMention):
        for key in ("participants", "places", "lemma", "pos", "concepts", "window", "broad"):
            if not d[key]:
                del d[key]
        for key in ("time", "attributed_to"):
            if d[key] is None:
                del d[key]
        if d.get("concepts") == [obj.lemma]:
            del d["concepts"]
    if isinstance(obj, SentenceCues):
        d = {k: v for k, v in d.items() if v}
    return d


@given(st.one_of(mentions, timexes, participants, events, cues, arguments))
def test_to_dict_is_the_asdict_rule_in_field_order(obj: Any) -> None:
    got = obj.to_dict()
    want = _asdict_rule(obj)
    assert got == want
    assert list(got) == list(want)  # the stored JSON's bytes depend on the order
    assert json.dumps(got) == json.dumps(want)


@given(st.one_of(mentions, timexes, events, cues, arguments))
def test_to_dict_reads_back(obj: Any) -> None:
    back = type(obj).from_dict(json.loads(json.dumps(obj.to_dict())))
    if isinstance(obj, EventMention) and obj.concepts == [] and obj.lemma:
        obj.concepts = [obj.lemma]  # an empty list reads back as the lemma it implies
    assert back == obj


def test_to_dict_copies_lists() -> None:
    e = EventMention(0, 1, "q", 0, 1, "t", "other", "asserted", places=[3], window=["a"])
    d = e.to_dict()
    d["places"].append(4)
    d["window"].append("b")
    assert e.places == [3] and e.window == ["a"]
