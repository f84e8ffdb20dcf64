"""Every reader on real sample files, good and broken (tests/data/ingest)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsline.errors import InputError
from newsline.ingest import ReadResult, article_id, read_any
from newsline.model import Article


def read_one(path: Path) -> Article:
    result = read_any(path)
    assert result.problems == []
    assert len(result.articles) == 1
    return result.articles[0]


def only_problem(result: ReadResult) -> InputError:
    assert result.articles == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert "\n" not in str(problem)
    return problem


def assert_span(art: Article, words: str) -> None:
    assert art.published_span is not None
    start, end = art.published_span
    assert art.text[start:end] == words


# ---------------------------------------------------------------------------------- txt


def test_txt_wikinews_title_then_dateline(data: Path) -> None:
    art = read_one(data / "wikinews.txt")
    assert art.title == "Twitter threatens to sue Meta over rival app Threads"
    assert not art.text.startswith("Twitter threatens")
    assert art.published == dt.date(2023, 7, 11)
    assert art.published_basis == "stated"
    assert_span(art, "Tuesday, July 11, 2023")
    assert art.source == str(data / "wikinews.txt")
    assert art.id == article_id(art.text)
    assert all(line == line.rstrip() for line in art.text.split("\n"))


def test_txt_dateline_first_line_stays_in_text(data: Path) -> None:
    art = read_one(data / "dated_line.txt")
    assert art.title is None
    assert art.text.startswith("Tuesday, March 3, 2015\n\nThe city council")
    assert art.published == dt.date(2015, 3, 3)
    assert_span(art, "Tuesday, March 3, 2015")
    assert "\n\n" in art.text  # paragraphs kept


def test_txt_reuters_dateline_without_year(data: Path) -> None:
    art = read_one(data / "reuters.txt")
    assert art.title is None  # a dateline paragraph is no title
    assert art.text.startswith("LONDON, Oct 2 (Reuters) - ")
    assert art.published is None and art.published_span is None


def test_txt_reuters_dateline_with_year(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Shares fall\n\nLONDON, Oct. 2, 2015 (Reuters) - Shares fell on Friday.\n")
    art = read_one(path)
    assert art.title == "Shares fall"
    assert art.published == dt.date(2015, 10, 2)
    assert_span(art, "Oct. 2, 2015")


def test_txt_single_sentence_is_text_not_title(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Only one line here\n")
    art = read_one(path)
    assert art.title is None and art.text == "Only one line here"


@pytest.mark.parametrize("name", ["utf8_bom.txt", "utf16.txt"])
def test_txt_unicode_with_bom(data: Path, name: str) -> None:
    art = read_one(data / name)
    assert art.title == "Bridge reopens"
    assert art.text == "The bridge reopened on Tuesday, officials said."
    assert "\ufeff" not in art.text


def test_txt_cp1252(data: Path) -> None:
    art = read_one(data / "cp1252.txt")
    assert art.title == "Café owners in München say “business is back”"
    assert "returned – and that the “worst” was over." in art.text
    assert "\r" not in art.text


def test_txt_latin1(data: Path) -> None:
    art = read_one(data / "latin1.txt")
    assert art.title == "Zürich résumé"
    assert art.text == (
        "A naïve reader in Zürich sent her résumé to the Genève office; the reply came in Français."
    )


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("empty.txt", "file is empty"),
        ("bom_only.txt", "file is empty"),
        ("binary.txt", "binary file, not text"),
        ("undecodable.txt", "cannot detect the text encoding"),
    ],
)
def test_txt_broken(data: Path, name: str, what: str) -> None:
    problem = only_problem(read_any(data / name))
    assert problem.what == what
    assert problem.which == str(data / name)
    assert problem.fix


def test_same_text_same_id_across_formats(data: Path) -> None:
    bom = read_one(data / "utf8_bom.txt")
    utf16 = read_one(data / "utf16.txt")
    assert bom.id == utf16.id


# ---------------------------------------------------------------------------------- html


def test_html_article_text_and_metadata(data: Path, no_network: None) -> None:
    art = read_one(data / "article.html")
    assert art.title == "Storm floods coastal towns as rivers burst banks"
    assert art.outlet == "The Example Herald"
    assert art.url == "https://herald.example.net/news/storm-floods-coastal-towns"
    assert art.published == dt.date(2015, 3, 3)
    assert art.published_basis == "metadata" and art.published_span is None
    assert art.text.startswith("Hundreds of homes were flooded overnight")
    assert "Thursday morning." in art.text
    for boilerplate in ("Subscribe", "cookies", "Copyright", "Privacy", "Most read", "recipes"):
        assert boilerplate not in art.text


@pytest.mark.parametrize(
    ("name", "what"),
    [("malformed.html", "no article text found in HTML")],
)
def test_html_broken(data: Path, name: str, what: str) -> None:
    assert only_problem(read_any(data / name)).what == what


def test_html_empty_and_binary(tmp_path: Path) -> None:
    (tmp_path / "e.html").write_bytes(b"  \n")
    (tmp_path / "b.htm").write_bytes(b"<html>\x00\x01\x02</html>")
    assert only_problem(read_any(tmp_path / "e.html")).what == "file is empty"
    assert "binary" in only_problem(read_any(tmp_path / "b.htm")).what


def test_html_copyright_year_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "nodate.html"
    body = "<p>" + "The council met and agreed the plan for the new school. " * 5 + "</p>"
    path.write_text(
        f"<html><head><title>Plan agreed</title></head><body><article>{body}</article>"
        "<footer>Copyright 2021 Example News</footer></body></html>"
    )
    art = read_one(path)
    assert art.published is None and art.published_basis is None


# ---------------------------------------------------------------------------------- json


def test_json_single_object(data: Path) -> None:
    art = read_one(data / "single.json")
    assert art.source == str(data / "single.json")
    assert art.title == "Minister resigns over expenses"
    assert art.outlet == "The Example Daily"
    assert art.url == "https://daily.example.com/politics/minister-resigns"
    assert art.published == dt.date(2016, 5, 12) and art.published_basis == "metadata"
    assert "\n\nHe said" in art.text


def test_json_list(data: Path) -> None:
    result = read_any(data / "list.json")
    assert result.problems == []
    first, second, third = result.articles
    assert [a.source for a in result.articles] == [f"{data / 'list.json'}#{n}" for n in (1, 2, 3)]
    assert first.published == dt.date(2015, 3, 3)
    assert second.published is None and second.outlet == "Example Arts"  # unreadable date dropped
    assert third.published == dt.date(2015, 3, 5) and third.published_basis == "stated"
    assert_span(third, "March 5, 2015")


def test_jsonl(data: Path) -> None:
    result = read_any(data / "articles.jsonl")
    assert result.problems == []
    assert [a.title for a in result.articles] == [
        "Election date set", "Bank merger approved", "Floods recede",
    ]
    assert result.articles[0].source == f"{data / 'articles.jsonl'}#1"
    assert result.articles[1].published == dt.date(2019, 11, 5)


def test_jsonl_bad_line_keeps_the_good_ones(data: Path) -> None:
    result = read_any(data / "bad_line.jsonl")
    assert [a.title for a in result.articles] == ["First", "Second", "Fourth"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.what.startswith("not valid JSON at column ")
    assert problem.which == f"{data / 'bad_line.jsonl'} line 3"


def test_json_malformed(data: Path) -> None:
    problem = only_problem(read_any(data / "malformed.json"))
    assert problem.what == "not valid JSON at line 1: Expecting ',' delimiter"


def test_json_missing_text(data: Path) -> None:
    assert only_problem(read_any(data / "no_text.json")).what == "missing 'text' field"


def test_json_bad_records_in_list(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text('[{"text": "  "}, 3, {"text": "A real article body."}, {"title": "x"}]')
    result = read_any(path)
    assert [a.source for a in result.articles] == [f"{path}#3"]
    assert [(p.what, p.which) for p in result.problems] == [
        ("'text' field is empty or not a string", f"{path}#1"),
        ("expected a JSON object, found int", f"{path}#2"),
        ("missing 'text' field", f"{path}#4"),
    ]


def test_json_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text("42")
    assert "object or a list" in only_problem(read_any(path)).what


# ---------------------------------------------------------------------------------- warc

WARC_URLS = [
    "https://news.example.org/2015/03/03/harbour-bridge-reopens",
    "https://wire.example.com/markets/central-bank-holds-rates",
]


@pytest.mark.parametrize("name", ["sample.warc.gz", "sample.warc"])
def test_warc_html_responses_only(data: Path, name: str, no_network: None) -> None:
    result = read_any(data / name)
    assert result.problems == []
    assert [a.source for a in result.articles] == WARC_URLS  # no PNG, no 404
    assert [a.url for a in result.articles] == WARC_URLS
    bridge, bank = result.articles
    assert bridge.title == "Harbour bridge reopens after repairs"
    assert bridge.outlet == "Example Harbour News"
    assert bridge.published == dt.date(2015, 3, 3) and bridge.published_basis == "metadata"
    assert "Copyright" not in bridge.text and "Sign in" not in bridge.text
    assert bank.published == dt.date(2015, 10, 2) and bank.published_basis == "stated"
    assert_span(bank, "Oct. 2, 2015")


@pytest.mark.parametrize("name", ["truncated.warc.gz", "truncated.warc"])
def test_warc_truncated_keeps_records_before_the_break(data: Path, name: str) -> None:
    result = read_any(data / name)
    assert [a.source for a in result.articles] == WARC_URLS
    assert [p.what for p in result.problems] == ["truncated WARC after 2 records"]
    assert result.problems[0].which == f"{data / name} record 3"


def test_warc_cut_inside_first_record(data: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes((data / "sample.warc.gz").read_bytes()[:200])
    result = read_any(path)
    assert result.articles == []
    assert [p.what for p in result.problems] == ["truncated WARC after 0 records"]


def test_warc_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("<html><body>Not an archive at all.</body></html>\n")
    assert only_problem(read_any(path)).what.startswith("not a readable WARC file")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    assert only_problem(read_any(tmp_path / "empty.warc.gz")).what == "file is empty"
