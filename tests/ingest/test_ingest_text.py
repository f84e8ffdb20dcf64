"""Decoding, datelines, dates and ids: the helpers every reader shares."""

from __future__ import annotations

import datetime as dt

import pytest

from newsline.errors import InputError
from newsline.ingest import article_id
from newsline.ingest.text import clean_text, decode_bytes, find_dateline, parse_date, parse_dateline


def test_decode_utf8_plain_and_bom() -> None:
    text = "Café “quoted” — ok\r\nnext\rlast"
    assert decode_bytes(text.encode("utf-8"), "x") == "Café “quoted” — ok\nnext\nlast"
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "x").startswith("Café")


def test_decode_utf16_with_bom() -> None:
    assert decode_bytes("Zürich\nok".encode("utf-16"), "x") == "Zürich\nok"
    assert decode_bytes(b"\xfe\xff" + "Zürich".encode("utf-16-be"), "x") == "Zürich"


def test_decode_cp1252_smart_quotes_and_accents() -> None:
    text = "He said “no” – the café in München ‘closed’ … for good."
    assert decode_bytes(text.encode("cp1252"), "x") == text


def test_decode_latin1() -> None:
    text = "A naïve reader in Zürich sent her résumé to Genève."
    assert decode_bytes(text.encode("latin-1"), "x") == text


def test_decode_other_legacy_encoding_is_left_to_detection() -> None:
    text = "Москва — столица России. " * 20
    assert decode_bytes(text.encode("cp1251"), "x") == text


def test_decode_rejects_binary() -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(b"abc\x00def", "bin.txt")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6]) * 20 + b"text", "ctl.txt")


def test_decode_rejects_undecodable_high_bytes(data) -> None:
    with pytest.raises(InputError, match="cannot detect the text encoding") as err:
        decode_bytes((data / "undecodable.txt").read_bytes(), "u.txt")
    assert err.value.which == "u.txt"


def test_clean_text_strips_trailing_spaces_and_outer_blank_lines() -> None:
    assert clean_text("\n\n  first  \r\n\r\nsecond\t \n\n") == "  first\n\nsecond"


@pytest.mark.parametrize(
    ("line", "date", "words"),
    [
        ("Tuesday, March 3, 2015", dt.date(2015, 3, 3), "Tuesday, March 3, 2015"),
        ("Tuesday, July 11, 2023\u00a0", dt.date(2023, 7, 11), "Tuesday, July 11, 2023"),
        ("March 3, 2015", dt.date(2015, 3, 3), "March 3, 2015"),
        ("3 March 2015", dt.date(2015, 3, 3), "3 March 2015"),
        ("2015-03-03", dt.date(2015, 3, 3), "2015-03-03"),
        ("Published: 3rd of March, 2015 10:30 GMT", dt.date(2015, 3, 3), "3rd of March, 2015"),
        ("LONDON, Oct 2 (Reuters) - The bank said", None, "Oct 2"),
        ("Oct. 2, 2015 (Reuters)", dt.date(2015, 10, 2), "Oct. 2, 2015"),
        ("WASHINGTON, D.C., March 3, 2015 (AP) - x", dt.date(2015, 3, 3), "March 3, 2015"),
        ("WASHINGTON (AP) — The Senate voted", None, None),
        ("BEIRUT, Lebanon (AP) — Protesters", None, None),
    ],
)
def test_parse_dateline(line: str, date: dt.date | None, words: str | None) -> None:
    m = parse_dateline(line)
    assert m is not None
    assert m.date == date
    if words is None:
        assert m.span is None
    else:
        assert m.span is not None and line[m.span[0]:m.span[1]] == words


@pytest.mark.parametrize(
    "line",
    [
        "Twitter threatens to sue Meta over rival app Threads",
        "March 3, 2015 was a good day for the markets.",
        "The US said on Monday it would act.",
        "BREAKING: markets fall",
        "February 30, 2015",
        "",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None


def test_dateline_month_and_day_without_year() -> None:
    m = parse_dateline("LONDON, Oct 2 (Reuters) - x")
    assert m is not None and (m.month, m.day) == (10, 2)
    assert m.end == len("LONDON, Oct 2 (Reuters) - ")


def test_find_dateline_in_second_line() -> None:
    text = "Headline here\nTuesday, March 3, 2015\nBody."
    day, (start, end) = find_dateline(text)
    assert day == dt.date(2015, 3, 3) and text[start:end] == "Tuesday, March 3, 2015"
    assert find_dateline("One\nTwo\nMarch 3, 2015") is None


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2015-03-03", dt.date(2015, 3, 3)),
        ("2015-03-03T23:10:00Z", dt.date(2015, 3, 3)),
        ("2019-11-05T09:00:00+01:00", dt.date(2019, 11, 5)),
        ("Tue, 03 Mar 2015 10:00:00 GMT", dt.date(2015, 3, 3)),
        ("March 3, 2015", dt.date(2015, 3, 3)),
        ("3 March 2015", dt.date(2015, 3, 3)),
        ("sometime last spring", None),
        ("", None),
    ],
)
def test_parse_date(value: str, date: dt.date | None) -> None:
    assert parse_date(value) == date


def test_article_id_is_stable_under_whitespace_and_nfc() -> None:
    a = article_id("The café  opened\n\non Monday. ")
    b = article_id("  The cafe\u0301 opened on\tMonday.")
    assert a == b
    assert len(a) == 16 and int(a, 16) >= 0
    assert article_id("The café opened on Tuesday.") != a
