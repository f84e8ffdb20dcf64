"""The timeline benchmark runs the product: task documents in, the product's entity timelines
out, in the task's format - on small made-up texts in the task's CAT form."""

from __future__ import annotations

from pathlib import Path

from newsline.eval.semeval import CatDoc, read_cat
from newsline.eval.timeline import (
    anchor,
    article_of,
    mention_id,
    product_timelines,
    without_headlines,
)
from newsline.model import DateEstimate


def cat(tmp_path: Path, doc_id: str, dct: str, sentences: list[str]) -> CatDoc:
    """A CAT file of the task's form (one token per element; the first sentence the
    headline), read back."""
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
    lines = product_timelines([doc], [target])[target]
    return {m: date for _, date, ms in lines for m in ms}


def test_the_whole_document_is_read_the_headline_is_also_the_title(tmp_path: Path) -> None:
    doc = cat(tmp_path, "7", "2011-01-17", ["Jobs takes leave", "Steve Jobs took off ."])
    art = article_of(doc)
    assert art.title == "Jobs takes leave" and art.text.startswith("Jobs takes leave\n")
    assert art.published is not None and art.published.isoformat() == "2011-01-17"
    start = doc.text.index("took")
    assert mention_id(doc, start, start + len("took off")) == "7-1-took_off"


def test_headline_mentions_are_left_out_where_the_gold_leaves_headlines_out() -> None:
    lines = [(0, "XXXX-XX-XX", ["7-0-takes"]), (1, "2011-01-17", ["7-0-says", "7-3-said"])]
    assert without_headlines(lines) == [(1, "2011-01-17", ["7-3-said"])]


def test_pronouns_refer_back_to_a_person_target(tmp_path: Path) -> None:
    found = events(tmp_path, "Steve Jobs", "2011-01-17", [
        "Jobs takes leave",
        "Apple chief Steve Jobs announced Monday that he will take a leave .",
        "He underwent a liver transplant in 2009 .",
    ])
    assert "1-1-announced" in found
    assert found.get("1-2-underwent") == "2009-XX-XX"


def test_the_lead_day_holds_for_the_story_and_ids_are_lower_case(tmp_path: Path) -> None:
    found = events(tmp_path, "Steve Jobs", "2010-06-08", [
        "New phone",
        "Yesterday , Steve Jobs unveiled the phone , saying it was the best ever .",
        "Jobs said sales would start soon .",
    ])
    assert found.get("1-1-unveiled") == "2010-06-07"
    assert "1-2-said" in found
    assert all(m == m.lower() for m in found)


def test_the_company_refers_to_the_organisation_named_before(tmp_path: Path) -> None:
    found = events(tmp_path, "Cisco Systems", "2007-01-11", [
        "Cisco sues",
        "Cisco Systems sued Apple on Wednesday .",
        "The company filed the complaint in California .",
    ])
    assert "1-2-filed" in found


def test_a_short_name_needs_the_full_name_in_its_document(tmp_path: Path) -> None:
    found = events(tmp_path, "Beatles Apple Corps", "2006-05-08", [
        "Music sales",
        "Apple Computer said Apple sold more music .",
    ])
    assert found == {}


def test_anchors_keep_the_granularity_of_the_date() -> None:
    assert anchor(DateEstimate("2009")) == "2009-XX-XX"
    assert anchor(DateEstimate("2010-06")) == "2010-06-XX"
    assert anchor(DateEstimate("2010-06-07")) == "2010-06-07"
    assert anchor(DateEstimate.unknown()) is None
