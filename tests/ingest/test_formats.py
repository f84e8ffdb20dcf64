"""The readers of the formats analysts bring, on real sample files (tests/data/ingest/formats,
see its README): feeds, Factiva and Nexis exports, Media Cloud and GDELT tables, e-mail,
Word and PDF, Zotero CSL JSON. For each: the articles and their metadata, the problem of
each bad record, and one clear problem for a copy cut short."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import InputError
from newsline.ingest import ReadResult, SourceMeta, article_id, iter_sources, read_any
from newsline.model import Article

FORMATS = Path(__file__).resolve().parent.parent / "data" / "ingest" / "formats"


def read(name: str) -> ReadResult:
    result = read_any(FORMATS / name)
    for art in result.articles:
        assert art.id == article_id(art.text) and art.text.strip()
        assert art.source.startswith(str(FORMATS / name))
    for p in [*result.problems, *result.notices]:
        assert "\n" not in str(p) and (p.which or "").startswith(str(FORMATS / name))
    return result


def meta(result: ReadResult, art: Article) -> SourceMeta:
    return result.meta[art.source]


def extra(result: ReadResult, art: Article) -> dict[str, str]:
    return dict(meta(result, art).extra)


def column(result: ReadResult, name: str) -> list[object]:
    return [getattr(a, name) for a in result.articles]


def authors(result: ReadResult) -> list[str | None]:
    return [meta(result, a).author for a in result.articles]


def only(problems: list[InputError]) -> InputError:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ------------------------------------------------------------------------------ feeds


def test_rss_entries_with_content_and_description(no_network: None) -> None:
    result = read("courier.rss")
    assert column(result, "title") == [
        "Dock workers walk out at the Port of Halvik", "Strike talks break down after four hours",
        "Deal ends Halvik dock strike"]
    assert column(result, "published") == [dt.date(2015, 3, 2), dt.date(2015, 3, 3),
                                            dt.date(2015, 3, 6)]
    assert set(column(result, "published_basis")) == {"metadata"}
    assert set(column(result, "outlet")) == {"The Halvik Courier"}
    assert column(result, "url")[0] == (
        "https://courier.example.org/2015/03/02/dock-workers-walk-out")
    assert authors(result) == ["Anna Berg", "Jonas Holm", "Anna Berg"]
    assert column(result, "source") == [f"{FORMATS / 'courier.rss'}#{n}" for n in (1, 2, 4)]
    first, second, _ = result.articles
    assert first.text.startswith("About 600 dock workers")  # content:encoded, not description
    assert "Dockworkers’ Union" in first.text and "<p>" not in first.text
    assert "trackArticle" not in first.text  # the script is no text
    assert "\n\n" in second.text and "&#8217;" not in second.text  # escaped HTML, unescaped
    assert meta(result, first).format == "rss" and meta(result, first).record == 1
    problem = only(result.problems)
    assert problem.which == f"{FORMATS / 'courier.rss'} entry 3"
    assert "no text" in problem.what and "does not fetch URLs" in (problem.fix or "")


def test_atom_entries_date_as_the_feed_states_it(no_network: None) -> None:
    result = read("ledger.atom")
    assert result.problems == []
    assert column(result, "title") == [
        "Ferries cancelled as Halvik strike spreads", "Mediator named in Halvik port dispute",
        "Port reopens, backlog of ships to take a week"]
    # 00:30 at +02:00 is the 4th where it was published (the 3rd in UTC)
    assert column(result, "published") == [dt.date(2015, 3, 4), dt.date(2015, 3, 5),
                                            dt.date(2015, 3, 9)]
    assert set(column(result, "outlet")) == {"Northern Ledger"}
    assert column(result, "url")[1] == "https://ledger.example.net/2015/03/mediator-named"
    assert authors(result) == ["Sofia Dahl", "Sofia Dahl; Erik Lund", "Erik Lund"]
    ferries, mediator, reopens = result.articles
    assert ferries.text.startswith("All ferry sailings")  # content, not the summary
    assert mediator.text.startswith("The labour ministry") and "<div" not in mediator.text
    assert reopens.text.startswith("Cranes were moving again")  # a text summary
    assert meta(result, ferries).format == "atom"


def test_xml_that_is_no_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url>'
                    "</urlset>")
    problem = only(read_any(path).problems)
    assert problem.what == "not an RSS or Atom feed"


def test_feed_bytes_are_never_a_file_name_or_url(tmp_path: Path, no_network: None) -> None:
    """feedparser opens a bytes argument as a file and fetches a str that looks like a URL;
    the reader hands it a stream."""
    secret = tmp_path / "secret.rss"
    secret.write_text("<rss version='2.0'><channel><title>S</title><item><title>x</title>"
                      "<description>leaked text here for sure</description></item></channel>"
                      "</rss>")
    for content in (str(secret), "https://feeds.example.org/rss"):
        path = tmp_path / "pointer.rss"
        path.write_text(content)
        result = read_any(path)
        assert result.articles == [] and len(result.problems) == 1


# ------------------------------------------------------------------------------ Factiva


def test_factiva_text_save(no_network: None) -> None:
    result = read("factiva.txt")
    assert result.problems == []
    assert column(result, "title") == [
        "Halvik port operator warns strike will hit profits",
        "Government under pressure as ferries stop", "Shipping rates ease as Halvik strike ends"]
    assert column(result, "outlet") == ["Baltic Business Daily", "The Nordic Wire",
                                        "Baltic Business Daily"]
    assert column(result, "published") == [dt.date(2015, 3, 3), dt.date(2015, 3, 4),
                                            dt.date(2015, 3, 7)]
    assert column(result, "url") == [None, None, None]  # Factiva gives none
    assert authors(result) == ["Karin Moe", "Lars Eide", None]
    first, second, _ = result.articles
    assert first.text.startswith("The Halvik Port Authority warned")  # LP, then TD
    assert "\n\nIN a joint statement" in first.text  # a paragraph, not the IN field
    assert "Factiva, Inc." not in first.text and "hlvpa" not in first.text
    assert first.text.endswith("fell 3.2 per cent in Oslo.")
    assert "\n\nRE the islands:" in second.text
    assert meta(result, first).section == "Companies"
    assert extra(result, first)["accession"] == "BALTBD0020150303eb330001d"
    assert extra(result, first)["words"] == "312 words"
    assert "Search Summary" not in " ".join(a.text for a in result.articles)


def test_factiva_rtf_download(no_network: None) -> None:
    result = read("factiva.rtf")
    assert result.problems == []
    assert column(result, "title") == [
        "Port strike strands fishing fleet in Halvik", "Halvik mediator sets Friday deadline",
        "Nordhavn Logistics counts cost of Halvik stoppage"]
    assert column(result, "outlet") == ["Fishing Industry Weekly", "The Nordic Wire",
                                        "Baltic Business Daily"]
    assert column(result, "published") == [dt.date(2015, 3, 3), dt.date(2015, 3, 5),
                                            dt.date(2015, 3, 10)]
    assert authors(result) == ["Nora Strøm", "Lars Eide", "Karin Moe"]
    fleet = result.articles[0]
    assert "\n\n“We support the workers, but we cannot wait a week,” said Håkon Rud" in fleet.text
    assert "|" not in fleet.text  # the table's cell marks


def test_factiva_full_article_display_without_codes(no_network: None) -> None:
    """The "Full Article/Report" display: the same fields without codes, a line each."""
    result = read("factiva_plain.txt")
    assert result.problems == []
    assert column(result, "title") == [
        "Halvik dock strike enters third day as talks stall",
        "Ferry crews vote to join Halvik walkout", "Mediator named in Halvik port dispute"]
    assert column(result, "outlet") == ["Baltic Business Daily", "The Nordic Wire",
                                        "Fishing Industry Weekly"]
    assert column(result, "published") == [dt.date(2015, 3, 4), dt.date(2015, 3, 4),
                                            dt.date(2015, 3, 6)]
    assert authors(result) == ["Karin Moe", "Lars Eide", None]  # "By ..." and a bare name
    first, second, third = result.articles
    assert meta(result, first).section == "Markets"
    assert meta(result, second).section is None and meta(result, third).section is None
    assert first.text.startswith("The strike at Halvik's docks entered its third day")
    assert "Factiva, Inc." not in first.text and "BALTBD" not in first.text
    assert "\n\nBy the evening, 14 cargo ships" in first.text  # text, not a byline
    assert second.text.startswith("HALVIK, March 4 (Nordic Wire)")
    assert "18:05" not in second.text and "Copyright" not in second.text
    assert extra(result, first)["accession"] == "BALTBD0020150304eb340002k"
    assert extra(result, first)["words"] == "1,046 words"
    assert extra(result, second)["time"] == "18:05 GMT"
    assert extra(result, third)["source-code"] == "FISHIW"


def test_factiva_pdf_download(no_network: None) -> None:
    """Factiva's PDF of the plain display: an article per page, lines as the page wraps
    them; the PDF's own metadata (made by Factiva) is not an article's."""
    result = read("factiva.pdf")
    assert result.problems == []
    assert column(result, "title") == ["Halvik pay deal wins union vote",
                                       "Halvik ferries sail again"]
    assert column(result, "outlet") == ["Baltic Business Daily", "The Nordic Wire"]
    assert column(result, "published") == [dt.date(2015, 3, 8), dt.date(2015, 3, 8)]
    assert authors(result) == ["Karin Moe", None]
    first, second = result.articles
    assert first.text.startswith("Dock workers at the Port of Halvik voted on Saturday")
    assert first.text.endswith("voted in favour.") and "Document" not in first.text
    assert meta(result, second).format == "factiva"
    assert extra(result, second)["accession"] == "NORWIR0020150308eb38000dd"


def test_factiva_plain_needs_its_header(tmp_path: Path) -> None:
    """A text that ends with an accession line but has no word count and date lines is not
    this display; an article of the export without them is one problem."""
    path = tmp_path / "memo.txt"
    path.write_text("Strike memo\n\nThe union met on Monday.\n\nDocument ABCDEFGHIJKLMNOPQR\n")
    [art] = read_any(path).articles
    assert art.title == "Strike memo"
    data = (FORMATS / "factiva_plain.txt").read_text("utf-8")
    path.write_text(data.replace("388 words\n", ""), "utf-8")
    result = read_any(path)
    problem = only(result.problems)
    assert "no word count" in problem.what and problem.which.endswith("document 2")
    assert len(result.articles) == 2


def test_plain_txt_without_markers_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Strike notes\n\nHD cameras were installed at the gate.\n\nPD officers "
                    "watched. SN is the shift number.\n")
    result = read_any(path)
    assert len(result.articles) == 1 and result.articles[0].title == "Strike notes"


# ------------------------------------------------------------------------------ Nexis


def test_nexis_uni_word_download(no_network: None) -> None:
    """A Nexis Uni .docx: a cover page, then a page per document, a paragraph per line."""
    result = read("nexis.docx")
    assert result.problems == []
    assert column(result, "title") == ["Halvik unions put pay offer to a vote",
                                       "Island schools stay open as ferries stay in port"]
    assert column(result, "outlet") == ["The Coastal Times", "Harbour Weekly"]
    # the document's own date, never the cover page's ("Date and Time: ... March 9")
    assert column(result, "published") == [dt.date(2015, 3, 6), dt.date(2015, 3, 7)]
    assert authors(result) == ["Maja Strand", None]
    first = result.articles[0]
    assert first.text.startswith("The two unions on strike at the Port of Halvik")
    assert "\n\nThe offer, made after a day of talks" in first.text  # paragraphs kept
    assert "Load-Date" not in first.text and "Research Library" not in first.text
    assert meta(result, first).section == "NEWS; Pg. 2"
    assert meta(result, first).format == "nexis"
    assert extra(result, first)["load-date"] == "March 7, 2015"


def test_nexis_uni_text_download(no_network: None) -> None:
    result = read("nexis.txt")
    assert result.problems == []
    assert column(result, "title") == [
        "Halvik strike enters third day as talks stall",
        "Islanders cut off as ferry crews walk out",
        "What the Halvik deal means for Europe's small ports"]
    assert column(result, "outlet") == ["The Coastal Times", "Harbour Weekly",
                                        "The Coastal Times"]
    # the date line, not Load-Date (a day later: when Nexis loaded it)
    assert column(result, "published") == [dt.date(2015, 3, 4), dt.date(2015, 3, 5),
                                            dt.date(2015, 3, 8)]
    assert authors(result) == ["Maja Strand", "Peter Aas", "Maja Strand"]
    first, second, third = result.articles
    assert first.text.startswith("The strike at the Port of Halvik entered its third day")
    assert first.text.endswith("according to the harbour master's office.")
    for art in result.articles:
        assert not any(word in art.text for word in ("Load-Date", "Classification", "Byline",
                                                     "Page 2 of 5", "Copyright", "Client"))
    assert second.text.endswith("said the council leader, Nils Rønning.")
    assert meta(result, first).section == "NEWS; Pg. 3"
    assert extra(result, first)["load-date"] == "March 5, 2015"
    assert extra(result, third)["length"] == "402 words"


LEXISNEXIS_ACADEMIC = """Download Request: Selected Items: 1-2
Time Of Request: Tuesday, March 10, 2015  09:51:31

                               1 of 2 DOCUMENTS

                              The Coastal Times

                            March 3, 2015 Tuesday
                               Final Edition

Talks fail at Halvik

BYLINE: MAJA STRAND

SECTION: NEWS; Pg. 2

LENGTH: 120 words

Talks between the Halvik port authority and the union ended without a deal on
Tuesday, and no new date was set.

Update: the union said later it would meet its members on Wednesday.

LOAD-DATE: March 4, 2015

LANGUAGE: ENGLISH

                  Copyright 2015 Coastal Times Media Ltd

                               2 of 2 DOCUMENTS

                                Harbour Weekly

                           March 6, 2015 Friday

Deal reached in Halvik

BYLINE: Peter Aas

LENGTH: 80 words

A deal was reached in Halvik on Friday evening.

LOAD-DATE: March 7, 2015

LANGUAGE: ENGLISH
"""


def test_lexisnexis_academic_layout(tmp_path: Path) -> None:
    path = tmp_path / "ln.txt"
    path.write_text(LEXISNEXIS_ACADEMIC)
    result = read_any(path)
    assert result.problems == []
    assert column(result, "title") == ["Talks fail at Halvik", "Deal reached in Halvik"]
    assert column(result, "outlet") == ["The Coastal Times", "Harbour Weekly"]
    assert column(result, "published") == [dt.date(2015, 3, 3), dt.date(2015, 3, 6)]
    assert authors(result) == ["MAJA STRAND", "Peter Aas"]
    first = result.articles[0]
    assert first.text.startswith("Talks between the Halvik port authority")
    assert "Update: the union said later" in first.text  # not the capitals of UPDATE:
    assert "LOAD-DATE" not in first.text


# ------------------------------------------------------------------------------ tables


def test_media_cloud_csv(no_network: None) -> None:
    result = read("mediacloud.csv")
    assert column(result, "title") == [
        "Dock workers walk out at the Port of Halvik",
        "Port chief: union demand 'puts future at risk'", "Meklar utnemnd i hamnestreiken",
        "Deal ends Halvik dock strike"]
    assert column(result, "published") == [dt.date(2015, 3, 2), dt.date(2015, 3, 3),
                                            dt.date(2015, 3, 5), dt.date(2015, 3, 6)]
    assert column(result, "outlet") == ["courier.example.org", "ledger.example.net",
                                        "kystposten.example.no", "courier.example.org"]
    assert column(result, "url")[2] == "https://kystposten.example.no/2015/03/05/meklar"
    assert authors(result) == ["Anna Berg", None, "Ola Vik", "Anna Berg"]
    assert "\n\nThe union said" in result.articles[0].text  # a quoted field with newlines
    assert meta(result, result.articles[0]).format == "media-cloud"
    assert meta(result, result.articles[0]).record == 2  # spreadsheet rows: header is 1
    problem = only(result.problems)
    assert str(problem) == (f"no text column value ({FORMATS / 'mediacloud.csv'} row 4): "
                            "newsline does not fetch URLs; put the article text in a text "
                            "column (text, content, body or full_text)")


def test_gdelt_csv(no_network: None) -> None:
    result = read("gdelt.csv")
    assert column(result, "url")[0] == "https://ledger.example.net/2015/03/ferries-cancelled"
    assert column(result, "outlet") == ["ledger.example.net", "wire.example.com",
                                        "ledger.example.net"]
    # seendate as the DOC API writes it, and GDELT's 14-digit form
    assert column(result, "published") == [dt.date(2015, 3, 4), dt.date(2015, 3, 5),
                                            dt.date(2015, 3, 9)]
    assert authors(result) == [None, None, None]
    assert meta(result, result.articles[0]).format == "gdelt"
    problem = only(result.problems)
    assert problem.which == f"{FORMATS / 'gdelt.csv'} row 4"


def test_tsv_semicolons_and_bad_rows(tmp_path: Path) -> None:
    tsv = tmp_path / "stories.tsv"
    tsv.write_text("title\tpublish_date\tbody\nStrike ends\t2015-03-06\tThe strike ended, "
                   "officials said on Friday.\n")
    [art] = read_any(tsv).articles
    assert (art.title, art.published) == ("Strike ends", dt.date(2015, 3, 6))
    semi = tmp_path / "export.csv"
    semi.write_text("Title;Date;Full Text\nStrike ends;06.03.2015;The strike ended, officials "
                    "said.\nCut;2015-03-07;one;too many\n")
    result = read_any(semi)
    assert column(result, "title") == ["Strike ends"]
    assert only(result.problems).what == "row has 4 values, the header names 3 columns"
    links = tmp_path / "links.csv"
    links.write_text("url,title\nhttps://x.example/a,A\n")
    problem = only(read_any(links).problems)
    assert problem.what.startswith("no text column") and problem.which == str(links)


def test_csv_field_past_the_limit_is_one_row(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    from newsline.ingest import csvfmt

    monkeypatch.setattr(csvfmt, "MAX_FIELD_CHARS", 1000)
    before = csv.field_size_limit(1000)
    try:
        path = tmp_path / "big.csv"
        path.write_text("title,text\nBig," + "x" * 2000 + "\nSmall,\"The strike ended on "
                        "Friday, officials said.\"\n")
        result = read_any(path)
    finally:
        csv.field_size_limit(before)
    assert column(result, "title") == ["Small"]
    problem = only(result.problems)
    assert "field larger than field limit" in problem.what and problem.which.endswith("row 2")


# ------------------------------------------------------------------------------ e-mail


def test_eml_newsletter(no_network: None) -> None:
    result = read("newsletter.eml")
    assert result.problems == []
    [art] = result.articles
    assert art.source == str(FORMATS / "newsletter.eml")
    assert art.title == "Morning Brief: a mediator for the port"
    assert art.published == dt.date(2015, 3, 5)
    assert art.outlet == "Halvik Morning Brief" and meta(result, art).author == art.outlet
    assert art.url == "https://news.example.org/archive/2015-03-05"
    assert art.text.startswith("Good morning. The labour ministry")  # text/plain part
    assert "=20" not in art.text and "<p>" not in art.text  # quoted-printable decoded
    assert "Unsubscribe" not in art.text  # cut at the signature separator
    assert extra(result, art)["message-id"] == "<201503050630.brief@news.example.org>"


def test_mbox_newsletters(no_network: None) -> None:
    result = read("newsletters.mbox")
    assert result.problems == []
    assert column(result, "title") == ["Port Watch: Halvik closed to cargo",
                                       "Coastal Times Daily: Halvik back at work"]
    assert column(result, "published") == [dt.date(2015, 3, 3), dt.date(2015, 3, 9)]
    assert column(result, "outlet") == ["Port Watch", "Coastal Times Daily"]
    assert [meta(result, a).record for a in result.articles] == [1, 2]
    html_only = result.articles[1]
    assert html_only.text.startswith("Dock workers at Halvik went back to work")
    assert "\n\nThe harbour master said" in html_only.text  # paragraphs from the HTML
    assert "<" not in html_only.text


def test_mbox_that_is_no_mbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("Subject: hello\n\nnot an mbox\n")
    assert "not an mbox" in only(read_any(path).problems).what


# ------------------------------------------------------------------------------ Word, PDF


def test_docx_article(no_network: None) -> None:
    result = read("article.docx")
    assert result.problems == []
    [art] = result.articles
    assert art.title == "What the Halvik dock workers won"
    assert art.text.startswith("HALVIK, March 7, 2015")  # the heading is the title
    assert art.published == dt.date(2015, 3, 7) and art.published_basis == "stated"
    assert art.published_span is not None
    assert art.text[slice(*art.published_span)] == "March 7, 2015"
    assert "First year\t2.5 per cent" in art.text  # the table, a row a line
    info = meta(result, art)
    assert info.author == "Anna Berg" and info.format == "docx"
    assert info.file_created == dt.date(2024, 5, 17)  # provenance, not the article's date


def test_pdf_article(no_network: None) -> None:
    result = read("article.pdf")
    assert result.problems == []
    [art] = result.articles
    assert art.title == "Halvik port back at work"
    assert art.text.startswith("HALVIK, March 9, 2015 (Harbour Weekly)")
    assert art.published == dt.date(2015, 3, 9) and art.published_basis == "stated"
    assert "emergency boat on call throughout the strike." in art.text
    info = meta(result, art)
    assert info.author == "Harbour Weekly"
    assert info.file_created == dt.date(2024, 5, 20)  # the PDF's CreationDate: provenance only


def test_docx_and_pdf_that_are_not(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip at all")
    assert "not a .docx file" in only(read_any(fake).problems).what
    pdf = tmp_path / "fake.pdf"
    pdf.write_bytes(b"<html>not a pdf</html>")
    assert "not a PDF file" in only(read_any(pdf).problems).what


# ------------------------------------------------------------------------------ Zotero


def test_zotero_csl_json(no_network: None) -> None:
    result = read("zotero.json")
    assert column(result, "title") == [
        "Dock workers walk out at the Port of Halvik", "Mediator named in Halvik port dispute",
        "After the strike: Halvik counts the cost"]
    assert column(result, "outlet") == ["The Halvik Courier", "Northern Ledger",
                                        "Harbour Weekly"]
    assert column(result, "url")[1] == "https://ledger.example.net/2015/03/mediator-named"
    # issued date-parts; a month alone is no date, so the dateline dates the fourth
    assert column(result, "published") == [dt.date(2015, 3, 2), dt.date(2015, 3, 5),
                                            dt.date(2015, 3, 12)]
    assert column(result, "published_basis") == ["metadata", "metadata", "stated"]
    assert authors(result) == ["Anna Berg", "Sofia Dahl; Erik Lund", "Harbour Weekly staff"]
    abstract, note, _ = result.articles
    assert extra(result, abstract)["text-field"] == "abstract"
    assert extra(result, note)["text-field"] == "note"
    assert "Citation Key" not in note.text and note.text.startswith("The labour ministry")
    problem = only(result.problems)
    assert problem.which == f"{FORMATS / 'zotero.json'}#3"
    assert "no text" in problem.what and "Abstract" in (problem.fix or "")


def test_json_of_our_own_is_not_csl(tmp_path: Path) -> None:
    path = tmp_path / "own.json"
    path.write_text('[{"type": "news", "text": "The strike ended on Friday.", "title": "T"}]')
    [art] = read_any(path).articles
    assert art.title == "T"


# ------------------------------------------------------------------------------ damage

# Each sample cut inside a record (after the marker, or at the fraction): one problem.
CUTS = {
    "courier.rss": ("Strike talks break down", "not well-formed XML"),
    "ledger.atom": ("Mediator named", "not well-formed XML"),
    "factiva.txt": ("Government under pressure", "cut short"),
    "factiva.pdf": (0.8, "cut short"),
    "factiva.rtf": ("Halvik mediator sets", "cut short"),
    "factiva_plain.txt": ("Ferry crews vote", "cut short"),
    "nexis.docx": (0.6, "not a .docx file"),
    "nexis.txt": ("Islanders cut off as ferry crews walk out\n\nHarbour", "cut short"),
    "mediacloud.csv": ("insult after three", "unexpected end of data"),
    "gdelt.csv": ("retired appeals court", "unexpected end of data"),
    "newsletter.eml": ("<html>", "cut short"),
    "newsletters.mbox": ("to work this morning", "cut short"),
    "article.docx": (0.6, "not a .docx file"),
    "article.pdf": (0.8, "cut short"),
    "zotero.json": ("Mediator named", "not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(CUTS))
def test_a_copy_cut_short_is_one_clear_problem(name: str, tmp_path: Path,
                                               no_network: None) -> None:
    data = (FORMATS / name).read_bytes()
    where, reason = CUTS[name]
    cut = int(len(data) * where) if isinstance(where, float) else (
        data.index(where.encode()) + len(where) + 5)
    path = tmp_path / name
    path.write_bytes(data[:cut])
    whole = read_any(FORMATS / name)
    result = read_any(path)
    problem = only(result.problems)
    assert reason in problem.what and problem.which is not None
    assert problem.which.startswith(str(path))
    assert len(result.articles) < len(whole.articles) or len(whole.articles) == 1


@pytest.mark.parametrize("name", sorted(CUTS))
def test_every_sample_as_garbage_bytes(name: str, tmp_path: Path) -> None:
    """The file's suffix on bytes that are none of its format: one problem, no article."""
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8)
    result = read_any(path)
    assert result.articles == [] and len(result.problems) == 1
    assert not result.problems[0].what.startswith("cannot read file:")


# ------------------------------------------------------------------------------ the CLI


def test_cli_ingests_the_formats_folder(tmp_path: Path, no_network: None) -> None:
    walked = [p for p in iter_sources([str(FORMATS)]) if isinstance(p, Path)]
    assert sorted(p.name for p in walked) == sorted(CUTS)
    expected = sum(len(read_any(p).articles) for p in walked)
    assert expected == 37
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", str(FORMATS), "--db", str(db)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"Read {expected} articles from {len(walked)} files" in result.output
    for line in ("courier.rss entry 3", "mediacloud.csv row 4", "gdelt.csv row 4",
                 "zotero.json#3"):
        assert line in result.output


def test_readme_input_format_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          no_network: None) -> None:
    """Every example of the README's "Input formats" reads at least one article."""
    import re
    import shlex

    root = FORMATS.parents[3]
    readme = (root / "README.md").read_text("utf-8")
    section = readme.split("### Input formats\n", 1)[1].split("\n#", 1)[0]
    commands = re.findall(r"`(newsline ingest [^`]+)`", section)
    assert len(commands) >= 11
    monkeypatch.chdir(root)
    for n, command in enumerate(commands):
        argv = shlex.split(command)[1:] + ["--db", str(tmp_path / f"{n}.db")]
        result = CliRunner().invoke(app, argv, catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert "Read " in result.output
