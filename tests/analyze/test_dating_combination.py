"""Combining dating clues: what is kept, what is set aside and why.

The clues here are built by hand so that each test isolates the combination: clues are read
in order of trust, each kept when it leaves the interval non-empty (:func:`dating.agreeing`);
a clue not kept is set aside with its reason, and the confidence falls with its weight. The
maximum-weight consistent set (:func:`dating.heaviest_day`), measured in its place and found
to date T17 worse, is tested for what it promises.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.analyze import dating
from newsline.analyze.dating_clues import Clue
from newsline.analyze.timex import find_timexes
from newsline.model import Article, DateEstimate

D = dt.date


def clue(lo: dt.date | None, hi: dt.date | None, weight: float, kind: str = "office") -> Clue:
    return Clue(lo, hi, weight, 0, 1, "x", f"{kind} clue", kind)


def test_consistent_clues_all_count() -> None:
    clues = [clue(D(2010, 1, 1), None, 0.9), clue(None, D(2011, 1, 1), 0.6),
             clue(D(2010, 6, 1), D(2012, 1, 1), 0.7)]
    kept = dating.agreeing(clues)
    assert len(kept) == 3 and dating.set_aside(clues, kept) == []
    assert dating._combine(clues)[:2] == (D(2010, 6, 1), D(2011, 1, 1))


def test_a_contradicted_clue_is_set_aside_in_order_of_trust() -> None:
    trusted = clue(D(2014, 3, 18), None, 0.75, "event")
    wrong = clue(None, D(1998, 12, 31), 0.7, "future-date")  # a background date misread
    office = clue(D(2013, 5, 1), D(2018, 1, 1), 0.6, "office")
    clues = [wrong, office, trusted]
    kept = dating.agreeing(clues)
    assert kept == [trusted, office] and dating.set_aside(clues, kept) == [wrong]
    assert dating._combine(clues)[:2] == (D(2014, 3, 18), D(2018, 1, 1))


def test_the_heaviest_day_outweighs_one_trusted_wrong_clue() -> None:
    wrong = clue(None, D(1998, 12, 31), 0.9, "future-date")
    right = [clue(D(2013, 5, 1), D(2018, 1, 1), 0.6, "office"),
             clue(D(2014, 3, 18), None, 0.75, "event"),
             clue(D(2015, 1, 1), D(2015, 12, 31), 0.7, "anniversary")]
    kept = dating.heaviest_day([wrong, *right])
    assert wrong not in kept and set(map(id, kept)) == set(map(id, right))
    a = clue(D(2000, 1, 1), D(2000, 12, 31), 0.8)
    b = clue(D(2005, 1, 1), D(2005, 12, 31), 0.5)
    c = clue(D(2005, 1, 1), None, 0.3)
    assert dating.heaviest_day([b, c, a]) == [a]  # equal weights: the most trusted clue


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400), st.booleans(),
                          st.booleans(), st.sampled_from([0.3, 0.5, 0.6, 0.75, 0.9])),
                min_size=1, max_size=12))
def test_the_kept_clues_share_a_day_and_outweigh_any_other_set(spec: list) -> None:  # type: ignore[type-arg]
    """Of :func:`dating.heaviest_day`; and :func:`dating.agreeing` never leaves the interval
    empty."""
    base = D(2010, 1, 1)
    clues = []
    for a, b, open_lo, open_hi, w in spec:
        lo, hi = sorted((a, b))
        clues.append(clue(None if open_lo else base + dt.timedelta(lo),
                          None if open_hi else base + dt.timedelta(hi), w))
    lo, hi, _, _ = dating._combine(clues)
    assert lo is None or hi is None or lo <= hi  # never an empty interval
    kept = dating.heaviest_day(clues)
    best = sum(c.weight for c in kept)
    for day in range(-1, 402):  # no day is allowed by more weight than the kept set's
        d = base + dt.timedelta(day)
        here = sum(c.weight for c in clues
                   if (c.lo is None or c.lo <= d) and (c.hi is None or d <= c.hi))
        assert here <= best + 1e-9


def test_the_estimate_names_what_it_set_aside() -> None:
    text = ("The 25th anniversary of the fall of the Berlin Wall was marked on Sunday. "
            "Chancellor Merkel spoke at the old border. The wall will fall in 1989, a sign "
            "from 1988 read.")
    found = find_timexes(text, None)
    tenses: list[dating.Tense] = ["future" if "will" in text[max(0, t.start - 30):t.start]
                                  else "past" for t in found]
    est = dating.infer(Article("a", "a", text), found, tenses)
    assert est.earliest is not None and est.earliest.year >= 2014
    assert est.set_aside and all(e.reason.startswith("set aside") for e in est.set_aside)
    for e in est.set_aside:
        assert text[e.start:e.end] == e.quote
    agreeing = DateEstimate.from_dict(est.to_dict())
    assert agreeing.set_aside == est.set_aside  # kept through the store
