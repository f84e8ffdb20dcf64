"""Entities as a user meets them: real articles through the product's analysis and build.

A surname or a title with a surname in another article joins the one person the corpus (else
the knowledge base) makes unambiguous, and stays apart when two people share it; a name the
NER labels PERSON in one article and ORG in another ends as one entity, settled by the
knowledge base, the context and the majority.
"""

from __future__ import annotations

import datetime as dt

from newsline.analyze import analyze
from newsline.corpus import build_corpus
from newsline.corpus.entity_rules import context_family, settle_families
from newsline.ingest import article_id
from newsline.knowledge import Knowledge
from newsline.model import Article, DocAnalysis, Mention


def art(text: str, day: str) -> Article:
    return Article(article_id(text), f"{day}.txt", text,
                   published=dt.date.fromisoformat(day), published_basis="metadata")


def entity_of(corpus, article: Article, surface: str):  # noqa: ANN001, ANN201
    """The entity holding the mention of ``surface`` in ``article``."""
    start = article.text.index(surface)
    for e in corpus.entities:
        for m in e.mentions:
            if m.doc == article.id and m.start <= start < m.end:
                return e
    raise AssertionError(f"no entity mention of {surface!r}: "
                         f"{[(e.name, e.type) for e in corpus.entities]}")


def build(*articles: Article):  # noqa: ANN201
    return build_corpus(articles, [analyze(a) for a in articles])


def test_a_surname_in_another_article_joins_the_only_full_name() -> None:
    full = art("German Chancellor Angela Merkel arrived in Paris on Monday for talks with "
               "President Emmanuel Macron on the euro zone budget.", "2018-06-18")
    short = art("Speaking in Berlin on Wednesday, Merkel said a compromise on migration was "
                "within reach, but warned that time was running out.", "2018-06-20")
    titled = art("Chancellor Merkel flew to Brussels on Thursday for the summit, where "
                 "leaders were expected to argue late into the night.", "2018-06-21")
    corpus = build(full, short, titled)
    merkel = entity_of(corpus, full, "Angela Merkel")
    assert entity_of(corpus, short, "Merkel") is merkel
    assert entity_of(corpus, titled, "Merkel") is merkel
    assert merkel.name == "Angela Merkel"
    assert any("surname" in m["rule"] for m in merkel.merges), merkel.merges


def test_mr_abe_joins_shinzo_abe() -> None:
    full = art("Japanese Prime Minister Shinzo Abe met President Donald Trump at the White "
               "House on Friday to discuss trade and North Korea.", "2019-04-26")
    short = art("Mr Abe told reporters in Tokyo on Monday that the talks had been frank and "
                "that he expected a trade deal before the summer.", "2019-04-29")
    corpus = build(full, short)
    assert entity_of(corpus, short, "Abe") is entity_of(corpus, full, "Shinzo Abe")


def test_a_surname_two_people_share_in_the_corpus_stays_apart() -> None:
    ed = art("Labour leader Ed Miliband set out his plans for the railways in a speech in "
             "Manchester on Tuesday.", "2014-09-23")
    david = art("Former foreign secretary David Miliband said on Monday he would leave "
                "Parliament to run a charity in New York.", "2013-03-25")
    short = art("Speaking on the radio on Thursday, Miliband said the party had to win back "
                "voters in Scotland.", "2014-09-25")
    corpus = build(ed, david, short)
    lone = entity_of(corpus, short, "Miliband")
    assert lone is not entity_of(corpus, ed, "Ed Miliband")
    assert lone is not entity_of(corpus, david, "David Miliband")
    assert entity_of(corpus, ed, "Ed Miliband") is not entity_of(corpus, david, "David Miliband")


def test_the_knowledge_base_gives_a_lone_surname_its_only_person() -> None:
    a = art("Netanyahu told his cabinet on Sunday that Israel would not accept the terms of "
            "the deal, and that talks with Washington would go on.", "2015-07-12")
    corpus = build(a)
    e = entity_of(corpus, a, "Netanyahu")
    assert e.name == "Benjamin Netanyahu"
    assert any("knowledge base" in m["rule"] for m in e.merges), e.merges


def test_person_in_one_article_org_in_another_is_one_entity_settled_by_context() -> None:
    # a name the NER may take for an organisation; the apposition says it is a person
    texts = [
        "Haftar, a retired general, ordered his forces to advance on Tripoli on Thursday, "
        "officials in the capital said.",
        "Forces loyal to Haftar shelled the airport south of Tripoli on Saturday, the United "
        "Nations mission said.",
        "Khalifa Haftar met Prime Minister Fayez al-Sarraj in Abu Dhabi, the two sides said "
        "in a joint statement.",
    ]
    articles = [art(t, f"2019-04-{n + 4:02d}") for n, t in enumerate(texts)]
    corpus = build(*articles)
    ents = {entity_of(corpus, a, "Haftar").id for a in articles}
    assert len(ents) == 1, [(e.name, e.type, e.aliases) for e in corpus.entities
                            if "Haftar" in " ".join(e.aliases)]
    e = next(x for x in corpus.entities if x.id in ents)
    assert e.type == "PERSON"


def test_settling_a_family_by_majority_knowledge_and_context() -> None:
    text_a = "Aramco, the state oil company, said output would rise."
    text_b = "Aramco said on Monday that it had raised prices for Asia."
    text_c = "Aramco shares rose 2 percent in Riyadh."
    docs = [
        DocAnalysis("a", [(0, len(text_a))], [Mention(0, 6, "Aramco", "PERSON")]),
        DocAnalysis("b", [(0, len(text_b))], [Mention(0, 6, "Aramco", "ORG")]),
        DocAnalysis("c", [(0, len(text_c))], [Mention(0, 6, "Aramco", "PERSON")]),
    ]
    texts = {"a": text_a, "b": text_b, "c": text_c}
    # two PERSON labels against one ORG label, but the apposition in (a) says a company
    assert settle_families(docs, Knowledge.empty(), texts)["aramco"][0] == "ORG"
    # without the texts, the majority of labels decides
    assert settle_families(docs, Knowledge.empty())["aramco"][0] == "PERSON"
    # the knowledge base outranks both: Gaddafi is a person
    q = [DocAnalysis("x", [(0, 7)], [Mention(0, 7, "Qaddafi", "ORG")]),
         DocAnalysis("y", [(0, 7)], [Mention(0, 7, "Qaddafi", "ORG")]),
         DocAnalysis("z", [(0, 15)], [Mention(0, 15, "Muammar Qaddafi", "PERSON")])]
    assert settle_families(q, Knowledge.bundled()).get("qaddafi", ("PERSON",))[0] == "PERSON"


def test_context_cues() -> None:
    s = "Sources said Salah, 31, was injured; Mr Sisi spoke; Vitol, a trading house, and Acme Inc"
    assert context_family(s, s.index("Salah"), s.index("Salah") + 5) == "PERSON"
    assert context_family(s, s.index("Sisi"), s.index("Sisi") + 4) == "PERSON"
    assert context_family(s, s.index("Acme"), s.index("Acme") + 4) == "ORG"
    plain = "Reuters reported the news on Monday."
    assert context_family(plain, 0, 7) is None
