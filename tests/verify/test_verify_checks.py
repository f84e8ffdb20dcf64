"""Each check on small real-language texts: one case that must flag, one that must not."""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.model import Article, Flag


def art(text: str, day: str, key: str) -> Article:
    return Article(key, f"{key}.txt", text, title=key, published=dt.date.fromisoformat(day),
                   published_basis="metadata")


def flags(*articles: Article, kind: str) -> list[Flag]:
    corpus = build_corpus(articles, [analyze(a) for a in articles])
    out = [f for f in corpus.flags if f.kind == kind]
    texts = {a.id: a.text for a in articles}
    for f in corpus.flags:  # every quote points at its words
        for e in f.evidence:
            assert texts[e.doc][e.start:e.end] == e.quote
    return out


MERKEL = ("German Chancellor Angela Merkel said on Tuesday that her government would support "
          "the plan, speaking to reporters in Berlin.")


def test_title_before_the_term_is_an_anachronism() -> None:
    found = flags(art(MERKEL, "2003-05-06", "a"), kind="anachronism")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "2005-11-22" in found[0].message and "Chancellor" in found[0].evidence[0].quote


def test_title_inside_the_term_or_former_is_fine() -> None:
    assert flags(art(MERKEL, "2010-05-04", "a"), kind="anachronism") == []
    former = MERKEL.replace("German Chancellor", "former German Chancellor")
    assert flags(art(former, "2023-05-02", "b"), kind="anachronism") == []


def test_anniversary_in_the_wrong_year() -> None:
    text = ("Thousands gathered in Berlin on Monday to mark the 25th anniversary of the fall of "
            "the Berlin Wall, with a chain of lit balloons along its former path.")
    found = flags(art(text, "2012-11-09", "a"), kind="anachronism")
    assert len(found) == 1 and "2014-11-09" in found[0].message
    assert flags(art(text, "2014-11-10", "b"), kind="anachronism") == []


TOLL = ("At least 30 people were killed when a bomb exploded at a crowded market in central "
        "Baghdad on Tuesday, police and hospital officials said.")
OTHER = ("The prime minister condemned the attack and promised a full inquiry into how the "
         "bombers had passed through the checkpoints around the market.")


def test_death_toll_contradiction_counts_independent_support() -> None:
    a = art(TOLL + " " + OTHER, "2009-06-02", "a")
    b = art(TOLL + " Shops closed early across the city as security forces sealed the area.",
            "2009-06-02", "b")
    c = art(TOLL.replace("30", "45") + " Residents said they heard two blasts.", "2009-06-02", "c")
    found = flags(a, b, c, kind="contradiction")
    assert len(found) == 1
    f = found[0]
    assert set(f.documents) == {"a", "b", "c"}
    assert "“30” in 2 article(s) (2 independent)" in f.message
    assert "“45” in 1 article(s)" in f.message and "“30” has more support" in f.message


def test_updated_toll_days_later_is_no_contradiction() -> None:
    a = art(TOLL, "2009-06-02", "a")
    c = art(TOLL.replace("30", "45"), "2009-06-05", "c")
    assert flags(a, c, kind="contradiction") == []


def test_place_changed_in_a_copy_is_a_contradiction() -> None:
    a = art(TOLL, "2009-06-02", "a")
    b = art(TOLL.replace("Baghdad", "Basra"), "2009-06-02", "b")
    found = flags(a, b, kind="contradiction")
    assert len(found) == 1 and "Basra" in found[0].message


def test_name_variant_is_an_info_flag() -> None:
    right = "Angela Merkel met Nicolas Sarkozy in Paris on Monday to discuss the euro crisis."
    docs = [art(right.replace("Monday", day), "2011-11-2" + str(i), f"r{i}")
            for i, day in enumerate(("Monday", "Tuesday", "Wednesday"))]
    typo = art("Angela Merkle told parliament on Thursday that the euro would survive.",
               "2011-11-25", "t")
    found = flags(*docs, typo, kind="name-variant")
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].documents == ["t"] and "Angela Merkle" in found[0].message
    assert flags(*docs, kind="name-variant") == []


LONG = ("The Federal Aviation Administration grounded the fleet on Wednesday after a battery "
        "fire on a parked jet in Boston and an emergency landing in Japan. Inspectors will "
        "examine every aircraft before it flies again, the agency said in a statement, adding "
        "that airlines had been told to keep the planes on the ground until the batteries are "
        "shown to be safe. The manufacturer said it was confident the aircraft was safe and "
        "that it would work with the regulator and its customers around the clock.")


def test_wire_copy_is_info_and_stale_copy_is_a_warning() -> None:
    a = art(LONG, "2013-01-16", "a")
    wire = art(LONG.replace("Wednesday", "Wednesday morning"), "2013-01-17", "w")
    found = flags(a, wire, kind="duplicate")
    assert len(found) == 1 and found[0].severity == "info"
    stale = art(LONG.replace("Wednesday", "Wednesday morning"), "2015-06-01", "s")
    found = flags(a, stale, kind="duplicate")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "re-publishes" in found[0].message


def test_low_quality_speaks_only_beside_another_flag() -> None:
    filler = (" It is important to note that many experts believe the region plays a crucial "
              "role. In conclusion, the situation remains complex.")
    plain = art(MERKEL.replace("said", "wants") + filler, "2010-05-04", "a")
    assert flags(plain, kind="machine-written") == []
    flagged = art(MERKEL + filler, "2003-05-06", "b")
    found = flags(flagged, kind="machine-written")
    assert len(found) == 1 and found[0].severity == "info"
