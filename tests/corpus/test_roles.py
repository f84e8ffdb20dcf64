"""Qualified office titles ("the German chancellor") resolve to whoever held the office on the
article's date, with the knowledge base's word for it; bare titles never do."""

from __future__ import annotations

import datetime as dt

from newsline.analyze.roles import role_offices
from newsline.corpus.entities import resolve
from newsline.knowledge import Knowledge
from newsline.model import DateEstimate, DocAnalysis, Mention


def _doc(doc: str, day: dt.date, names: list[str]) -> DocAnalysis:
    text, mentions = "", []
    for name in names:
        mentions.append(Mention(len(text), len(text) + len(name), name, "PERSON", 0))
        text += name + " said. "
    return DocAnalysis(doc, [(0, len(text))], mentions, [], [],
                       DateEstimate.exact(day, "metadata", 1.0))


def test_a_title_names_an_office_only_with_its_country_or_body() -> None:
    assert role_offices("the German chancellor") == ["Chancellor of Germany"]
    assert role_offices("Russia's foreign minister") == ["Minister of Foreign Affairs of Russia"]
    assert role_offices("the IMF managing director") == [
        "Managing Director of the International Monetary Fund"]
    assert role_offices("the chancellor") == []  # Germany's, or the Exchequer's?
    assert role_offices("the former German chancellor") == []
    assert role_offices("German Chancellor Angela Merkel") == []


def test_the_title_joins_the_holder_of_the_day_and_says_why() -> None:
    kb = Knowledge.bundled()
    index = resolve([_doc("a", dt.date(2010, 5, 3), ["the German chancellor", "Angela Merkel"]),
                     _doc("b", dt.date(2003, 5, 3), ["the German chancellor"])], kb)
    merkel = index.by_mention[("a", 0)]
    assert index.by_mention[("a", 1)] == merkel
    assert index.by_mention[("b", 0)] != merkel  # in 2003 the chancellor was Schröder
    names = {e.id: e.name for e in index.entities}
    assert names[merkel] == "Angela Merkel"
    assert "Schröder" in names[index.by_mention[("b", 0)]]
    rules = [m.rule for m in index.merges[merkel]]
    assert any("Chancellor of Germany on 2010-05-03" in r for r in rules)


def test_without_a_date_or_a_known_holder_a_title_stays_apart() -> None:
    kb = Knowledge.bundled()
    undated = _doc("a", dt.date(2010, 5, 3), ["the German chancellor", "Angela Merkel"])
    undated.date = DateEstimate.unknown()
    # the rules alone: the title resolves to no holder (the learned pass may still join the
    # two by its score, as it joins any common noun to a name next to it, with that reason)
    index = resolve([undated], kb, learned=False)
    assert index.by_mention[("a", 0)] != index.by_mention[("a", 1)]
    learned = resolve([undated], kb)
    rules = [m.rule for ms in learned.merges.values() for m in ms]
    assert not any("Chancellor of Germany" in r for r in rules)


def test_the_analysis_marks_qualified_titles_as_person_mentions() -> None:
    from newsline.analyze import run_stages
    from newsline.analyze.nlp import load
    from newsline.model import Article

    text = ("The German chancellor said on Monday that Greece would get help. "
            "German Chancellor Angela Merkel spoke in Berlin.")
    article = Article("d", "s", text, published=dt.date(2010, 5, 3), published_basis="metadata")
    found = [(m.text, m.type) for m in run_stages(article, load()(text)).mentions]
    assert ("German chancellor", "PERSON") in found  # determiner trimmed, one mention
    assert ("Angela Merkel", "PERSON") in found
    assert found.count(("German", "NORP")) == 1  # the modifier of the name, not of the title
