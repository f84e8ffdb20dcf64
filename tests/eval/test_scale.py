"""The scale benchmark's corpus: copies of analysed articles moved decades on, built by the
product like any other pile."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.eval import scale
from newsline.model import Article

TEXT = ("WASHINGTON, March 3, 2011 - The president met the prime minister on Thursday, a week "
        "after the 2010 summit in Seoul. Talks will resume in 2012, officials said.")


@pytest.fixture(scope="module")
def base() -> list[tuple[dict[str, object], dict[str, object]]]:
    art = Article(id="a1", source="t.txt", text=TEXT, title="Leaders meet",
                  published=dt.date(2011, 3, 3))
    other = Article(id="b2", source="u.txt", text="The summit of 2010 ended on May 4, 2010.",
                    published=dt.date(2010, 5, 5))
    return [(a.to_dict(), analyze(a).to_dict()) for a in (art, other)]


def test_copies_move_every_year_and_keep_every_offset(base) -> None:  # type: ignore[no-untyped-def]
    rows = list(itertools.islice(scale.replicas(base), 6))
    assert [a.id for a, _ in rows[:2]] == ["a1", "b2"]  # copy 0 is the base itself
    assert len({a.id for a, _ in rows}) == 6
    first, second = rows[0], rows[2]
    assert second[0].published == dt.date(2011 + 28, 3, 3)
    assert "2039" in second[0].text and "2038" in second[0].text
    assert len(second[0].text) == len(first[0].text)
    assert second[1].doc == second[0].id
    for t0, t1 in zip(first[1].timexes, second[1].timexes, strict=True):
        assert (t0.start, t0.end) == (t1.start, t1.end)
        assert second[0].text[t1.start:t1.end] == t1.text
        if t0.earliest is not None:
            assert t1.earliest is not None
            assert t1.earliest.year == t0.earliest.year + 28
            assert (t1.earliest.month, t1.earliest.day) == (t0.earliest.month, t0.earliest.day)
    for e in second[1].date.evidence:
        assert e.doc == second[0].id
    # an offset that looks like a year is a number, and stays
    assert scale._shift({"start": 2011, "v": "2011-05"}, 28, {}) == {"start": 2011,
                                                                     "v": "2039-05"}
    assert scale._shift("2,011 people; version 1.2011", 28, {}) == "2,011 people; version 1.2011"


def test_copies_build_as_separate_stories_decades_apart(base) -> None:  # type: ignore[no-untyped-def]
    rows = list(itertools.islice(scale.replicas(base), 4))
    corpus = build_corpus([a for a, _ in rows], [d for _, d in rows], None)
    years = sorted({d.earliest.year for d in corpus.doc_dates.values() if d.earliest})
    assert years[0] < 2020 < years[-1]
    for story in corpus.stories:
        docs = set(story.documents)
        copies = {any(a.id == d and "#copy" in a.source for a, _ in rows) for d in docs}
        assert len(copies) == 1  # no story mixes the base with its copy 28 years on


def test_growth_exponent_is_the_log_log_slope() -> None:
    assert scale.growth_exponent([1000], [3.0]) is None
    assert scale.growth_exponent([1000, 2000, 4000], [1.0, 2.0, 4.0]) == pytest.approx(1.0)
    assert scale.growth_exponent([1000, 2000], [1.0, 4.0]) == pytest.approx(2.0)


def test_the_child_build_reports_time_and_memory(tmp_path: Path, base) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "s.db"
    rows = scale.replicas(base)
    scale._fill(db, rows, 3)
    full = scale._build_in_child(db, full=True)
    assert full["build_s"] > 0 and full["peak_rss_mb"] > 10 and not full["reused"]
    scale._fill(db, rows, 1)
    again = scale._build_in_child(db, full=False)
    assert not again["reused"]  # a new article: built again
    assert json.loads(json.dumps(again))["build_s"] > 0


def test_unknown_sizes_are_refused(tmp_path: Path) -> None:
    from newsline.errors import DataError

    with pytest.raises(DataError, match="unknown size"):
        scale.run(tmp_path, sizes=["2k"])
