"""Inputs that once stopped or fooled a reader (issue 13): each on a real small file.

Surrogates, file names that are not UTF-8, deep nesting and huge numbers, garbled and
oversized WARC records, gzip bombs, size limits, bad JSONL lines, binary data, symbolic
links, WARCs without a page, insane dates, and a reader's own bug. Nothing raises; each
bad input is one-line problems naming the file (and record or line), the rest is kept.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import random
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsline.ingest as ingest
from newsline.errors import InputError
from newsline.ingest import ReadResult, iter_sources, jsonfmt, read_any, txt, warc
from newsline.ingest import html as html_reader
from newsline.ingest.base import MAX_PROBLEMS, display_name, scrub
from newsline.ingest.text import (
    clean_meta,
    clean_text,
    date_set_aside,
    latest_date,
    parse_dateline,
)

BODY = ("The harbour bridge reopened to traffic on Tuesday after eight months of repairs "
        "to its steel deck, the city transport office said.")


def encodable(*values: str | None) -> bool:
    for v in values:
        if v is not None:
            v.encode("utf-8")
    return True


def one_line(result: ReadResult) -> bool:
    return all("\n" not in str(p) and "\r" not in str(p)
               for p in [*result.problems, *result.notices])


def page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>").encode()


def warc_file(path: Path, pages: list[tuple[str, bytes]], gz: bool = True,
              extra: list[tuple[str, str, str, bytes]] | None = None) -> Path:
    """A WARC of HTML responses (uri, html), then any extra (uri, status, type, body)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    rows = [(uri, "200 OK", "text/html", body) for uri, body in pages] + (extra or [])
    for uri, status, ctype, body in rows:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    path.write_bytes(buf.getvalue())
    return path


# ------------------------------------------------------------------ 1. lone surrogates


def test_surrogate_escapes_in_json_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    obj = {"text": f"{BODY} \ud800 end", "title": "Bridge \udc00", "outlet": "\udfffNews",
           "url": "https://x.example/\ud83d", "published": "2015-03-03\ud800"}
    path.write_text(json.dumps(obj))  # ensure_ascii: "\\ud800" escapes
    [art] = read_any(path).articles
    assert encodable(art.text, art.title, art.outlet, art.url, art.source)
    assert art.text.endswith("\ufffd end") and art.title == "Bridge \ufffd"
    assert art.outlet == "\ufffdNews"
    lines = tmp_path / "s.jsonl"
    lines.write_text(json.dumps(obj) + "\n" + json.dumps({"text": "\ud800" * 3}) + "\n")
    result = read_any(lines)
    assert len(result.articles) == 2 and result.problems == []
    assert result.articles[1].text == "\ufffd" * 3


def test_scrub_keeps_offsets_and_pairs() -> None:
    assert scrub("a\ud800b\U0001f600") == "a\ufffdb\U0001f600"
    assert clean_text("x\udc80\n") == "x\ufffd"
    assert clean_meta("  a \ud800  b ") == "a \ufffd b" and clean_meta(3) is None


def test_utf16_file_with_a_lone_surrogate(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(("Bridge reopens\n\n" + BODY + " \ud800 ok\n").encode("utf-16",
                                                                         "surrogatepass"))
    [art] = read_any(path).articles
    assert encodable(art.text) and "\ufffd ok" in art.text


# ------------------------------------------------------------------ 2. file names


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "names")
    os.mkdir(folder)
    try:
        with open(os.path.join(folder, b"\xff-caf\xe9.txt"), "wb") as fh:
            fh.write(BODY.encode())
    except OSError:  # pragma: no cover - a file system that refuses such names
        pytest.skip("the file system refuses non-UTF-8 names")
    [path] = list(iter_sources([str(tmp_path / "names")]))
    assert isinstance(path, Path)
    expected = f"{tmp_path / 'names'}/\\xff-caf\\xe9.txt"
    for result in (read_any(path), read_any(path, str(path))):  # the pipeline passes str()
        [art] = result.articles
        assert art.source == expected and art.text == BODY
        assert encodable(art.source)
    missing = read_any(Path(os.fsdecode(os.path.join(folder, b"gone\xfe.txt"))))
    assert missing.problems[0].which == f"{tmp_path / 'names'}/gone\\xfe.txt"
    assert display_name("plain.txt") == "plain.txt"


def test_a_missing_path_with_surrogates_is_named_validly() -> None:
    [problem] = list(iter_sources(["/no/such/\udcff.txt"]))
    assert isinstance(problem, InputError) and problem.which == "/no/such/\\xff.txt"


# ------------------------------------------------------------------ 3. deep JSON, huge ints


def test_deep_json_is_one_problem_and_the_other_records_are_kept(tmp_path: Path) -> None:
    deep = "[" * 3000 + "]" * 3000
    path = tmp_path / "deep.json"
    path.write_text(f'[{{"text": "First one."}}, {deep}, {{"text": "Third one."}}]')
    result = read_any(path)
    assert [a.text for a in result.articles] == ["First one.", "Third one."]
    [problem] = result.problems
    assert problem.what == "JSON nested too deeply to read" and problem.which == f"{path}#2"
    top = tmp_path / "top.json"
    top.write_text('{"a":' * 3000 + "1" + "}" * 3000)
    assert read_any(top).problems[0].what == "JSON nested too deeply to read"
    lines = tmp_path / "deep.jsonl"
    lines.write_text(f'{{"text": "One."}}\n{deep}\n{{"text": "Three."}}\n')
    result = read_any(lines)
    assert [a.text for a in result.articles] == ["One.", "Three."]
    assert [(p.what, p.which) for p in result.problems] == [
        ("JSON nested too deeply to read", f"{lines} line 2")]


def test_huge_integers_do_not_stop_a_record(tmp_path: Path) -> None:
    digits = "9" * 5000
    path = tmp_path / "big.jsonl"
    path.write_text(f'{{"text": "One.", "views": {digits}}}\n{{"text": "Two.", "n": -{digits}}}\n')
    result = read_any(path)
    assert [a.text for a in result.articles] == ["One.", "Two."] and result.problems == []
    single = tmp_path / "big.json"
    single.write_text(f'[{{"text": "One.", "views": {digits}}}]')
    assert [a.text for a in read_any(single).articles] == ["One."]


# ------------------------------------------------------------------ 4. garbled WARC


def test_a_response_without_target_uri_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """warcio raised AttributeError on it (None.startswith)."""
    path = warc_file(tmp_path / "a.warc", [("https://x.example/1", page("One", BODY)),
                                           ("https://x.example/2", page("Two", BODY + " Two."))],
                     gz=False)
    raw = path.read_bytes()
    second = raw.index(b"WARC-Target-URI: https://x.example/2")
    path.write_bytes(raw[:second] + b"WARC-Target-URJ" + raw[second + 15:])
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/1"]
    [problem] = result.problems
    assert problem.what == "response record without WARC-Target-URI"
    assert problem.which == f"{path} record 2"


def test_a_huge_content_length_neither_allocates_nor_hangs(tmp_path: Path) -> None:
    path = warc_file(tmp_path / "h.warc", [("https://x.example/1", page("One", BODY)),
                                           ("https://x.example/2", page("Two", BODY + " Two."))],
                     gz=False)
    raw = path.read_bytes()
    at = raw.index(b"Content-Length: ", raw.index(b"https://x.example/2"))
    end = raw.index(b"\r\n", at)
    path.write_bytes(raw[:at] + b"Content-Length: " + str(10**15).encode() + raw[end:])
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/1"]
    assert [(p.what, p.which) for p in result.problems] == [
        ("truncated WARC after 1 records", f"{path} record 2")]


def test_garbled_http_status_and_garbage_between_records(tmp_path: Path) -> None:
    path = warc_file(tmp_path / "g.warc", [("https://x.example/1", page("One", BODY)),
                                           ("https://x.example/2", page("Two", BODY + " Two.")),
                                           ("https://x.example/3", page("Three", BODY + " 3."))],
                     gz=False)
    raw = path.read_bytes()
    status = raw.index(b"HTTP/1.1 200 OK", raw.index(b"https://x.example/2"))
    raw = raw[:status] + b"#########@@@@@@" + raw[status + 15:]
    third = raw.index(b"WARC/1.", raw.index(b"https://x.example/2") + 100)
    raw = raw[:third] + b"GARBAGE LINE\r\nMORE GARBAGE\r\n" + raw[third:]
    path.write_bytes(raw)
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/1"]
    whats = [p.what for p in result.problems]
    assert whats[0] == "HTTP status line unreadable: '#########@@@@@@'"
    assert whats[-1].startswith("WARC record 3 unreadable: ArchiveLoadFailed")
    assert all(p.which.startswith(f"{path} record ") for p in result.problems)
    assert one_line(result)


def test_a_cut_gzip_member_is_truncation_not_a_quiet_end(tmp_path: Path) -> None:
    path = warc_file(tmp_path / "c.warc.gz", [("https://x.example/1", page("One", BODY)),
                                              ("https://x.example/2", page("Two", BODY + " 2."))])
    raw = path.read_bytes()
    second = raw.index(b"\x1f\x8b", 10)
    path.write_bytes(raw[:second + 5])  # inside the second member's gzip header
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/1"]
    assert [p.what for p in result.problems] == ["truncated WARC after 1 records"]


def test_one_gzip_member_for_the_whole_archive_is_read(tmp_path: Path) -> None:
    plain = warc_file(tmp_path / "p.warc", [("https://x.example/1", page("One", BODY)),
                                            ("https://x.example/2", page("Two", BODY + " 2."))],
                      gz=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    result = read_any(path)
    assert len(result.articles) == 2 and result.problems == []


# ------------------------------------------------------------------ 5. limits


def test_a_gzip_bomb_is_one_skipped_record(tmp_path: Path) -> None:
    """36 MB of HTML in a 35 KB .warc.gz: read a byte past the limit, no further."""
    bomb = b"<html><body><article><p>" + b"a " * 18_000_000 + b"</p></article></body></html>"
    path = warc_file(tmp_path / "bomb.warc.gz", [("https://x.example/ok", page("Ok", BODY)),
                                                 ("https://x.example/bomb", bomb)])
    del bomb
    assert path.stat().st_size < 120_000
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/ok"]
    [problem] = result.problems
    assert problem.what == f"HTML page over the {warc.MAX_RECORD_BYTES:,}-byte limit"
    assert problem.which == f"{path} record 2, https://x.example/bomb"


def test_a_gzip_bomb_in_the_http_content_encoding(tmp_path: Path) -> None:
    body = gzip.compress(b"<html><body><p>" + b"b " * 4_000_000 + b"</p></body></html>")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                       ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://x.example/z", "response",
                                                  payload=io.BytesIO(body), http_headers=http))
    path = tmp_path / "enc.warc.gz"
    path.write_bytes(buf.getvalue())
    [problem] = read_any(path).problems
    assert problem.what.startswith("HTML page over the ")


def test_total_decompressed_bytes_are_bounded(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [(f"https://x.example/{n}", page(f"Page {n}", BODY + " filler." * 3000))
             for n in range(6)]
    path = warc_file(tmp_path / "many.warc.gz", pages)
    monkeypatch.setattr(warc, "MAX_WARC_BYTES", 60_000)
    result = read_any(path)
    assert 0 < len(result.articles) < 6
    [problem] = result.problems
    assert problem.what == "archive decompresses to over the 60,000-byte limit"
    assert problem.which == f"{path} record {len(result.articles) + 1}"


def test_oversized_headers_stop_at_the_limit(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for n, cookie in enumerate(["a=1", "b=" + "x" * 200_000, "c=3"]):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Set-Cookie", cookie)],
                                protocol="HTTP/1.1")
        body = page(f"Page {n}", f"{BODY} Number {n}.")
        writer.write_record(writer.create_warc_record(f"https://x.example/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    path = tmp_path / "cookie.warc"
    path.write_bytes(buf.getvalue())
    monkeypatch.setattr(warc, "MAX_HEADER_BYTES", 50_000)
    result = read_any(path)  # an HTTP header too long: that record's problem only
    assert [a.source for a in result.articles] == ["https://x.example/0", "https://x.example/2"]
    assert [(p.what, p.which) for p in result.problems] == [
        ("record headers over the 50,000-byte limit", f"{path} record 2, https://x.example/1")]
    raw = path.read_bytes()  # a WARC header too long: the file stops there
    at = raw.index(b"WARC-Target-URI: https://x.example/1")
    path.write_bytes(raw[:at] + b"X-Long: " + b"y" * 200_000 + b"\r\n" + raw[at:])
    result = read_any(path)
    assert [a.source for a in result.articles] == ["https://x.example/0"]
    assert [(p.what, p.which) for p in result.problems] == [
        ("record headers over the 50,000-byte limit", f"{path} record 2")]


def test_size_limits_of_html_txt_and_json(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.html").write_bytes(page("Big", BODY * 40))
    monkeypatch.setattr(html_reader, "MAX_HTML_BYTES", 1_000)
    [problem] = read_any(tmp_path / "big.html").problems
    assert problem.what.startswith("HTML file of ") and "1,000-byte limit" in problem.what
    (tmp_path / "long.txt").write_text(BODY * 20)
    monkeypatch.setattr(txt, "MAX_TEXT_CHARS", 1_000)
    [problem] = read_any(tmp_path / "long.txt").problems
    assert problem.what == (f"text of {len(BODY) * 20:,} characters is over the "
                            "1,000-character limit")
    monkeypatch.setattr(txt, "MAX_TXT_BYTES", 100)
    assert read_any(tmp_path / "long.txt").problems[0].what.startswith("text file of ")
    (tmp_path / "long.jsonl").write_text(json.dumps({"text": BODY * 20}) + '\n{"text": "ok"}\n')
    monkeypatch.setattr(jsonfmt, "MAX_TEXT_CHARS", 1_000)
    result = read_any(tmp_path / "long.jsonl")
    assert [a.text for a in result.articles] == ["ok"]
    assert result.problems[0].what.startswith("'text' field of ")


def test_a_page_of_too_many_tags_is_not_parsed(tmp_path: Path) -> None:
    """trafilatura's time grows with the square of a page's paragraphs."""
    path = tmp_path / "many.html"
    path.write_bytes(b"<html><body>" + b"<p>Short paragraph here.</p>" * 30_000 + b"</body></html>")
    [problem] = read_any(path).problems
    assert problem.what == (f"HTML page of 60,004 tags is over the "
                            f"{html_reader.MAX_HTML_TAGS:,}-tag limit")


def test_huge_attribute_values_are_dropped_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "data-uri.html"
    path.write_bytes(b'<html><body><img src="data:image/png;base64,' + b"A" * 3_000_000
                     + b'"><article><p>' + BODY.encode() + b"</p></article></body></html>")
    [art] = read_any(path).articles
    assert art.text == BODY


def test_a_text_of_one_huge_line_is_read_without_delay(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("LONDON (Reuters) - " + "WORD " * 800_000)
    start = time.perf_counter()
    [art] = read_any(path).articles
    assert time.perf_counter() - start < 3  # the dateline patterns once took 5 s here
    assert art.text.startswith("LONDON (Reuters) - WORD")
    assert parse_dateline("March 3, 2015" + " " * 400 + "x") is None  # no date-only line


def test_a_two_megabyte_article_is_accepted(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraph {n}. {BODY}" for n in range(15_000))
    assert len(text) > 2_000_000
    (tmp_path / "long.txt").write_text(text)
    (tmp_path / "long.json").write_text(json.dumps({"text": text}))
    for name in ("long.txt", "long.json"):
        result = read_any(tmp_path / name)
        assert result.problems == [] and len(result.articles[0].text) > 2_000_000


# ------------------------------------------------------------------ 6. JSONL line by line


def test_jsonl_bad_bytes_on_one_line_keep_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes('{"text": "Café one."}\n'.encode() + b'{"text": "bad \xff\xfe here"}\n'
                     + b'{"text": "nul \x00 here"}\n' + '{"text": "Двое."}\n'.encode()
                     + b"not json\n")
    result = read_any(path)
    assert [a.text for a in result.articles] == ["Café one.", "Двое."]
    assert [(p.what, p.which) for p in result.problems] == [
        ("not valid UTF-8 (byte 0xff at column 15)", f"{path} line 2"),
        ("binary data, not a JSON line", f"{path} line 3"),
        ("not valid JSON at column 1: Expecting value", f"{path} line 5"),
    ]
    assert one_line(result)


def test_jsonl_in_a_legacy_code_page_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.jsonl"
    path.write_bytes('{"text": "Café owners in München."}\n{"text": "A naïve reader."}\n'
                     .encode("cp1252"))
    result = read_any(path)
    assert [a.text for a in result.articles] == ["Café owners in München.", "A naïve reader."]


def test_a_binary_file_named_jsonl_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "noise.jsonl"
    path.write_bytes(random.Random(7).randbytes(20_000))
    assert [p.what for p in read_any(path).problems] == ["binary file, not text"]


def test_problems_past_the_cap_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("nope\n" * (MAX_PROBLEMS + 50) + '{"text": "The one good line."}\n')
    result = read_any(path)
    assert len(result.articles) == 1 and len(result.problems) == MAX_PROBLEMS + 1
    assert result.problems[-1].what == "50 more problems in this file not listed"


# ------------------------------------------------------------------ 7. binary data


@pytest.mark.parametrize("suffix", [".txt", ".json", ".html"])
@pytest.mark.parametrize("how", ["any", "no_nul", "high"])
def test_random_bytes_are_never_an_article(tmp_path: Path, suffix: str, how: str) -> None:
    rng = random.Random(f"{suffix}{how}")
    for n, size in enumerate([64, 100, 300, 1_000, 5_000, 30_000] * 3):
        data = rng.randbytes(size)
        if how == "no_nul":
            data = data.replace(b"\x00", b"\x01")
        elif how == "high":
            data = bytes(0x80 | b for b in data)
        path = tmp_path / f"r{n}{suffix}"
        path.write_bytes(data)
        result = read_any(path)
        assert result.articles == [], (size, data[:40])
        assert result.problems and result.problems[0].which == str(path)


def test_random_bytes_behind_a_bom_are_binary(tmp_path: Path) -> None:
    rng = random.Random(3)
    for n, bom in enumerate([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"]):
        path = tmp_path / f"b{n}.txt"
        path.write_bytes(bom + rng.randbytes(2_000).replace(b"\x00", b"\x01"))
        assert read_any(path).problems[0].what == "binary file, not text"


TEXTS = {
    "cp1251": "Москва - столица России, крупнейший по численности населения город страны. "
              "Официальные лица сообщили, что заседание прошло во вторник.",
    "koi8_r": "Москва - столица России, крупнейший по численности населения город страны. "
              "Официальные лица сообщили, что заседание прошло во вторник.",
    "gb18030": "北京是中华人民共和国的首都，是全国的政治、文化中心。"
               "新华社记者报道说，会议于周二举行，各方代表出席了会议。",
    "big5": "臺北市是中華民國的首都，位於臺灣北部。"
            "市政府官員說，會議於星期二舉行，各方代表出席了會議。",
    "shift_jis": "東京は日本の首都であり、政治、経済、文化の中心地です。会議は火曜日に開かれ、"
                 "多くの代表が出席しました。",
    "cp1256": "القاهرة هي عاصمة جمهورية مصر العربية وأكبر مدنها، وقال المسؤولون إن الاجتماع عقد "
              "يوم الثلاثاء بحضور ممثلين.",
    "cp1253": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας. Οι "
              "αξιωματούχοι είπαν ότι η συνάντηση έγινε την Τρίτη.",
    "latin-1": "Les propriétaires du café près de la gare ont déclaré lundi que les visiteurs "
               "étaient revenus, et que le pire était passé.",
    "utf-8": "Москва, 北京, القاهرة, Αθήνα: one text in four scripts, read as it is written.",
}


@pytest.mark.parametrize("encoding", sorted(TEXTS))
def test_real_text_in_other_scripts_is_read(tmp_path: Path, encoding: str) -> None:
    text = TEXTS[encoding] + "\n\n" + TEXTS[encoding]
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = read_any(path)
    assert result.problems == [] and result.articles[0].text == text


def test_a_few_broken_bytes_in_utf8_are_replaced_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(("Москва " * 40).encode() + b"\xff" + " конец.".encode())
    result = read_any(path)
    [art] = result.articles
    assert "\ufffd конец." in art.text
    assert [n.what for n in result.notices] == ["1 byte sequences that are not UTF-8 read as "
                                                "U+FFFD"]


# ------------------------------------------------------------------ 8. symbolic links


def test_symlinked_folders_are_walked_each_file_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "inner").mkdir(parents=True)
    (real / "inner" / "a.txt").write_text(BODY)
    (real / "b.json").write_text(json.dumps({"text": BODY}))
    walked = tmp_path / "walked"
    walked.mkdir()
    (walked / "sub").symlink_to(real, target_is_directory=True)  # a link to a folder
    (walked / "again").symlink_to(real, target_is_directory=True)  # the same folder twice
    (real / "up").symlink_to(tmp_path, target_is_directory=True)  # a loop through a parent
    (walked / "c.txt").symlink_to(real / "inner" / "a.txt")  # a link to a file seen already
    (tmp_path / "link").symlink_to(walked, target_is_directory=True)
    items = list(iter_sources([str(tmp_path / "link")]))
    assert all(isinstance(p, Path) for p in items)
    assert sorted(os.path.realpath(p) for p in items) == sorted(
        os.path.realpath(p) for p in (real / "b.json", real / "inner" / "a.txt"))
    assert len(list(iter_sources([str(tmp_path)]))) == 2


def test_a_broken_link_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text(BODY)
    assert [p.name for p in iter_sources([str(tmp_path)])] == ["ok.txt"]  # type: ignore[union-attr]


# ------------------------------------------------------------------ 9. WARC without a page


def test_a_warc_with_no_usable_page_says_so(tmp_path: Path) -> None:
    path = warc_file(tmp_path / "none.warc.gz", [], extra=[
        ("https://x.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://x.example/gone", "404 Not Found", "text/html", page("Gone", BODY)),
    ])
    [problem] = read_any(path).problems
    assert problem.what == "no HTML page with status 200 in 2 WARC records"
    assert problem.which == str(path)


# ------------------------------------------------------------------ 10. insane dates


@pytest.mark.parametrize("value", ["0001-01-01", "1799-12-31", "9999-12-31"])
def test_a_metadata_date_outside_the_sane_range_is_set_aside(tmp_path: Path, value: str) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": BODY, "published": value}))
    result = read_any(path)
    [art] = result.articles
    assert art.published is None and art.published_basis is None and result.problems == []
    [notice] = result.notices
    assert notice.what.startswith(f"source date {value} set aside, ")
    assert notice.which == str(path)


def test_an_insane_metadata_date_falls_back_to_a_sane_dateline(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"text": "March 3, 2015\n\n" + BODY, "published": "0001-01-01"}))
    result = read_any(path)
    assert result.articles[0].published == dt.date(2015, 3, 3)
    assert result.articles[0].published_basis == "stated" and len(result.notices) == 1


def test_a_dateline_before_1800_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text("Battle report\n\nOctober 14, 1066\n\n" + BODY)
    result = read_any(path)
    assert result.articles[0].published is None and result.articles[0].published_span is None
    assert result.notices[0].what == "source date 1066-10-14 set aside, before 1800-01-01"


def test_the_range_ends_with_next_year() -> None:
    today = dt.date(2024, 6, 1)
    assert latest_date(today) == dt.date(2025, 12, 31)
    assert date_set_aside(dt.date(2025, 12, 31), "x", today) is None
    assert date_set_aside(dt.date(1800, 1, 1), "x", today) is None
    notice = date_set_aside(dt.date(2026, 1, 1), "x", today)
    assert notice is not None and notice.what.endswith("after 2025-12-31")


def test_extend_merges_notices() -> None:
    a = ReadResult(notices=[InputError("n1", "x")])
    a.extend(ReadResult(problems=[InputError("p", "y")], notices=[InputError("n2", "y")]))
    assert [n.what for n in a.notices] == ["n1", "n2"] and len(a.problems) == 1


# ------------------------------------------------------------------ 11. a reader's own bug


@pytest.mark.parametrize("error", [RecursionError("deep"), MemoryError(), ValueError("a\nb"),
                                   AttributeError("'NoneType' object has no attribute 'x'")])
def test_any_exception_of_a_reader_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  error: Exception) -> None:
    def boom(path: Path, source: str) -> ReadResult:
        raise error

    monkeypatch.setitem(ingest._READERS, ".txt", boom)
    path = tmp_path / "x.txt"
    path.write_text(BODY)
    result = read_any(path)
    [problem] = result.problems
    assert problem.what.startswith(f"cannot read file: {type(error).__name__}")
    assert problem.which == str(path) and one_line(result)


def test_keyboard_interrupt_is_not_swallowed(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(path: Path, source: str) -> ReadResult:
        raise KeyboardInterrupt

    monkeypatch.setitem(ingest._READERS, ".txt", stop)
    (tmp_path / "x.txt").write_text(BODY)
    with pytest.raises(KeyboardInterrupt):
        read_any(tmp_path / "x.txt")


def test_an_unreadable_file_is_a_problem(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    path = tmp_path / "locked.txt"
    path.write_text(BODY)
    [problem] = read_any(path).problems
    assert problem.what == "cannot read file: Permission denied"
    assert problem.fix == "check its permissions"
