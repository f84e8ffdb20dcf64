"""Valid ingest inputs with known good records, and mutants of them: the fuzz tests
(tests/ingest/test_ingest_fuzz.py) and the long run (benchmarks/fuzz/run.py) share them.

``make_case(fmt, rng)`` writes nothing: it returns a Case, the bytes of one input file and
what any reader must make of it. ``required`` holds the markers (a word only one record
holds) of the records that must come back as articles: the records a mutation left alone
(for JSON and JSONL, those a plain reference parse of the mutated file finds good; for WARC,
the pages before the damage). ``bad`` says the damage is sure, so a problem must name the
file; ``clean`` says the input is valid, so no problem may come back. ``check`` lists what a
ReadResult gets wrong. Everything is drawn from one ``random.Random``: Hypothesis drives it
in the tests (``st.randoms``), a seed per input in the long run.
"""

from __future__ import annotations

import codecs
import gzip
import importlib
import io
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsline.ingest import ReadResult, article_id, display_name, iter_sources, read_any
from newsline.ingest.text import EARLIEST_DATE, latest_date, utf8_mostly

# The readers of feeds, exports, tables, e-mail, Word, PDF and CSL JSON have their builders
# in fuzzing_formats.py (".factiva.txt" is a .txt that is a Factiva export, and so on).
NEW_FORMATS = (".rss", ".atom", ".xml", ".rtf", ".factiva.txt", ".nexis.txt", ".csv", ".tsv",
               ".eml", ".mbox", ".docx", ".pdf", ".csl.json")
FORMATS = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz", *NEW_FORMATS)

SENTENCES = [
    "The council met on Tuesday and agreed the plan for the new school, officials said.",
    "Dock workers returned to work after a five-day strike over pay and conditions.",
    "The central bank kept its main interest rate unchanged, citing low inflation.",
    "Hundreds of homes were flooded overnight as the river burst its banks again.",
    "Café owners in München said visitors had returned and the worst was over.",
    "Москва сообщила, что переговоры продолжатся в четверг после долгого перерыва.",
    "北京市政府周二表示，新的地铁线路将于明年年底前建成并投入运营。",
    "وقال المسؤولون إن الاجتماع عقد يوم الثلاثاء بحضور ممثلين عن جميع الأطراف.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στήριξη των μικρών επιχειρήσεων.",
    "東京の会議は火曜日に開かれ、多くの代表が出席したと関係者が述べた。",
]
TITLES = ["Port strike ends", "Bridge reopens after repairs", "Rates held steady",
          "Floods recede", "Минздрав отчитался", "新线路开工"]
DATES = ["2015-03-03", "March 5, 2015", "2019-11-05T09:00:00+01:00",
         "Tue, 03 Mar 2015 10:00:00 GMT", None]
INSANE_DATES = ["0001-01-01", "1066-10-14", "9999-12-31"]
BAD_BYTES = [b"\x00", b"\xff", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\x1b[31m", b"\r",
             b"\x00\x00\x00\x00", bytes(range(1, 32)), b"\n", b"\"", b"{", b"]", b"\\"]


@dataclass(slots=True)
class Record:
    marker: str
    title: str
    text: str
    published: str | None
    outlet: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Case:
    fmt: str
    name: bytes  # the file name, bytes: it may not be UTF-8
    data: bytes
    kind: str  # the mutation, for reports
    required: set[str] = field(default_factory=set)
    bad: bool = False
    clean: bool = False
    notice: bool = False  # a date to be set aside: a notice must say so


# ------------------------------------------------------------------------------ records


def _marker(rng: random.Random, n: int) -> str:
    return "zq" + "".join(rng.choice("bcdfghjkmnpqrstvwxz") for _ in range(7)) + f"x{n}"


def _record(rng: random.Random, n: int) -> Record:
    marker = _marker(rng, n)
    body = rng.sample(SENTENCES, rng.randint(2, 4))
    body[0] = f"{body[0]} The report named {marker} as the source of the figures today."
    return Record(marker, rng.choice(TITLES), "\n\n".join(body), rng.choice(DATES),
                  rng.choice([None, "The Example Daily"]),
                  rng.choice([None, f"https://news.example.org/{n}/story"]))


def _records(rng: random.Random, least: int = 1, most: int = 5) -> list[Record]:
    return [_record(rng, n) for n in range(rng.randint(least, most))]


def _obj(rec: Record) -> dict[str, object]:
    obj: dict[str, object] = {"title": rec.title, "text": rec.text}
    if rec.published:
        obj["published"] = rec.published
    if rec.outlet:
        obj["outlet"] = rec.outlet
    if rec.url:
        obj["url"] = rec.url
    return obj


def html_page(rec: Record) -> bytes:
    meta = (f'<meta property="article:published_time" content="{rec.published}">'
            if rec.published and rec.published[:1].isdigit() else "")
    paras = "\n".join(f"<p>{p}</p>" for p in rec.text.split("\n\n"))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{rec.title}</title>'
            f'<meta property="og:title" content="{rec.title}">{meta}</head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
            f"<h1>{rec.title}</h1>\n{paras}\n</article><footer>Copyright 2024</footer>"
            f"</body></html>").encode()


# ------------------------------------------------------------------------------ formats


@dataclass(slots=True)
class Built:
    """A serialised file and the byte span of each record in it (None: not a record)."""

    data: bytes
    spans: list[tuple[int, int, str | None]]  # (start, end, marker of a good record)


def build_txt(rng: random.Random, recs: list[Record]) -> Built:
    rec = recs[0]
    text = f"{rec.title}\n\n{rec.text}\n"
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16"])
    data = text.encode(encoding)
    return Built(data, [(0, len(data), rec.marker)])


def build_html(rng: random.Random, recs: list[Record]) -> Built:
    data = html_page(recs[0])
    return Built(data, [(0, len(data), recs[0].marker)])


def _dumps(rng: random.Random, obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=rng.random() < 0.3).encode()


def build_json(rng: random.Random, recs: list[Record]) -> Built:
    if len(recs) == 1 and rng.random() < 0.3:
        data = _dumps(rng, _obj(recs[0]))
        return Built(data, [(0, len(data), recs[0].marker)])
    out = io.BytesIO()
    out.write(b"[\n")
    spans = []
    for i, rec in enumerate(recs):
        if i:
            out.write(b",\n")
        start = out.tell()
        out.write(_dumps(rng, _obj(rec)))
        spans.append((start, out.tell(), rec.marker))
    out.write(b"\n]\n")
    return Built(out.getvalue(), spans)


def build_jsonl(rng: random.Random, recs: list[Record]) -> Built:
    out = io.BytesIO()
    spans = []
    end = b"\r\n" if rng.random() < 0.2 else b"\n"
    for rec in recs:
        if rng.random() < 0.15:
            out.write(end)  # a blank line
        start = out.tell()
        out.write(_dumps(rng, _obj(rec)) + end)
        spans.append((start, out.tell(), rec.marker))
    return Built(out.getvalue(), spans)


def _chunked(body: bytes) -> bytes:
    out = b""
    for i in range(0, len(body), 700):
        piece = body[i:i + 700]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def build_warc(rng: random.Random, recs: list[Record], gz: bool,
               pages: bool = True) -> Built:
    """An archive of the records as HTML responses (some chunked or gzip-encoded), among
    requests, an image, a 404 and a warcinfo record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    spans: list[tuple[int, int, str | None]] = []

    def write(record: object, marker: str | None) -> None:
        start = buf.tell()
        writer.write_record(record)
        spans.append((start, buf.tell(), marker))

    def response(uri: str, status: str, ctype: str, body: bytes, marker: str | None) -> None:
        headers = [("Content-Type", ctype)]
        how = rng.random()
        if marker and how < 0.15:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        elif marker and how < 0.3:
            body = _chunked(body)
            headers.append(("Transfer-Encoding", "chunked"))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        write(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                        http_headers=http), marker)

    if rng.random() < 0.3:
        write(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}), None)
    for n, rec in enumerate(recs):
        uri = f"https://news.example.org/{n}/{rec.marker}"
        if rng.random() < 0.3:
            req = StatusAndHeaders(f"GET /{n} HTTP/1.1", [("Host", "news.example.org")],
                                   is_http_request=True)
            write(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""),
                                            http_headers=req), None)
        if pages:
            response(uri, "200 OK", "text/html; charset=utf-8", html_page(rec), rec.marker)
        if rng.random() < 0.2:
            response(f"https://news.example.org/{n}.png", "200 OK", "image/png",
                     b"\x89PNG\r\n\x1a\n" + bytes(range(256)), None)
        if rng.random() < 0.2 or not pages:
            response(f"https://news.example.org/{n}/gone", "404 Not Found", "text/html",
                     html_page(rec), None)
    return Built(buf.getvalue(), spans)


# ------------------------------------------------------------------------------ oracles


def _good_obj(obj: object) -> str | None:
    """The text and title of a JSON value that must become an article, else None."""
    if not isinstance(obj, dict):
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    title = obj.get("title")
    return text + " " + (title if isinstance(title, str) else "")


def _loads(text: str) -> object:
    return json.loads(text, parse_int=float)  # huge integers are valid JSON


def _with_markers(texts: list[str], markers: set[str]) -> set[str]:
    return {m for m in markers if any(m in t for t in texts)}


def json_oracle(data: bytes, markers: set[str]) -> tuple[set[str], bool, bool]:
    """(required markers, bad, clean) of a .json file by a plain parse: valid JSON gives
    every good object; anything else is a problem."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = utf8_mostly(data)  # a few broken bytes are U+FFFD (and a notice)
        if mostly is None:  # maybe a legacy code page: no sure answer
            return set(), False, False
        text = mostly[0]
    try:
        value = _loads(text)
    except Exception:
        return set(), True, False
    values = value if isinstance(value, list) else [value]
    texts = [t for t in map(_good_obj, values) if t is not None]
    bad = len(texts) < len(values) or not values
    return _with_markers(texts, markers), bad, not bad


def jsonl_oracle(data: bytes, markers: set[str]) -> tuple[set[str], bool, bool]:
    """(required markers, bad, clean) of a .jsonl file, line by line. A line that is not
    UTF-8 is bad only where another line is UTF-8 beyond ASCII (else the file may be in a
    legacy code page)."""
    lines = data.split(b"\n")
    if lines and lines[0].startswith(codecs.BOM_UTF8):
        lines[0] = lines[0][3:]

    def utf8(b: bytes) -> str | None:
        try:
            return b.decode("utf-8")
        except UnicodeDecodeError:
            return None

    utf8_beyond_ascii = any(not b.isascii() and utf8(b) is not None for b in lines)
    texts: list[str] = []
    bad = unsure = False
    for raw in lines:
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        text = utf8(raw)
        if text is None:
            if utf8_beyond_ascii or b"\x00" in raw:
                bad = True
            else:
                unsure = True
            continue
        try:
            good = _good_obj(_loads(text))
        except Exception:
            good = None
        if good is None:
            bad = True
        else:
            texts.append(good)
    return _with_markers(texts, markers), bad, not bad and not unsure and bool(texts)


# ------------------------------------------------------------------------------ mutations


def _prefix_markers(built: Built, a: int) -> set[str]:
    return {m for s, e, m in built.spans if m and e <= a}


def _byte_mutation(rng: random.Random, data: bytes, a: int) -> tuple[str, bytes, int]:
    """One byte-level damage at offset ``a``: (kind, new bytes, end of the damage)."""
    n = len(data)
    kind = rng.choice(["flip", "truncate", "insert", "bad_bytes", "delete", "duplicate"])
    if kind == "flip" and a < n:
        count = rng.randint(1, 3)
        out = bytearray(data)
        for i in range(a, min(n, a + count)):
            out[i] ^= rng.randint(1, 255)
        return kind, bytes(out), min(n, a + count)
    if kind == "truncate":
        return kind, data[:a], n
    if kind == "insert":
        junk = rng.randbytes(rng.choice([1, 8, 40, 300]))
        return kind, data[:a] + junk + data[a:], a
    if kind == "delete":
        b = min(n, a + rng.randint(1, 60))
        return kind, data[:a] + data[b:], b
    if kind == "duplicate":
        b = min(n, a + rng.randint(1, 200))
        return kind, data[:b] + data[a:b] + data[b:], b
    junk = rng.choice(BAD_BYTES) * rng.randint(1, 3)
    return "bad_bytes", data[:a] + junk + data[a:], a


def _mutate(rng: random.Random, data: bytes) -> tuple[str, bytes, int, int]:
    """One to three byte-level damages, made from the end backwards so that each offset is
    one of the original file: (kinds, new bytes, first and last offset damaged)."""
    offsets = sorted((rng.randrange(len(data) + 1) for _ in range(rng.choice([1, 1, 1, 2, 3]))),
                     reverse=True)
    kinds, last = [], 0
    for a in offsets:
        kind, data, b = _byte_mutation(rng, data, a)
        kinds.append(kind)
        last = max(last, b)
    return "+".join(kinds), data, offsets[-1], last


def _noise(rng: random.Random, fmt: str) -> Case:
    """Random bytes under a reader's name (every reader must say what is wrong), or random
    writing in many scripts as a .txt (which must be read)."""
    size = rng.choice([64, 300, 2_000, 20_000])
    how = rng.choice(["any", "no_nul", "high", "text"])
    if how == "text" and fmt == ".txt":
        chars = [chr(c) for lo, hi in ((0x41, 0x7A), (0xC0, 0x17F), (0x410, 0x44F),
                                       (0x4E00, 0x4FFF), (0x627, 0x64A), (0x1F600, 0x1F64F))
                 for c in range(lo, hi)]
        words = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 9)))
                 for _ in range(size // 6)]
        text = " ".join(words) + "\n"
        return Case(fmt, b"", text.encode(rng.choice(["utf-8", "utf-16"])), "random_text",
                    clean=True)
    data = rng.randbytes(size)
    if how == "no_nul":
        data = data.replace(b"\x00", b"\x01")
    elif how != "any":
        data = bytes(0x80 | b for b in data)
    return Case(fmt, b"", data, f"random_bytes_{how}", bad=True)


def _deep(rng: random.Random) -> str:
    depth = rng.randint(1_100, 5_000)
    return rng.choice(["[", '{"a":']) * depth


def _deep_value(rng: random.Random) -> str:
    opener = rng.choice(["[", '{"a":'])
    depth = rng.randint(1_100, 5_000)
    close = "]" if opener == "[" else "}"
    return opener * depth + "1" + close * depth


def _structural_json(rng: random.Random, recs: list[Record], fmt: str) -> Case | None:
    """Damage (or oddity) made in the records, with a sure oracle."""
    kind = rng.choice(["deep", "huge_int", "surrogates", "nul_escape", "not_object",
                       "no_text", "insane_date", "bad_line", "deep_unclosed"])
    k = rng.randrange(len(recs))
    parts: list[str] = [json.dumps(_obj(r), ensure_ascii=rng.random() < 0.3) for r in recs]
    required = {r.marker for r in recs}
    bad, notice = True, False
    if kind in ("deep", "deep_unclosed"):
        parts[k] = _deep_value(rng) if kind == "deep" else _deep(rng)
        required.discard(recs[k].marker)
    elif kind == "huge_int":
        obj = _obj(recs[k])
        digits = "9" * rng.randint(4_300, 6_000)
        parts[k] = json.dumps(obj)[:-1] + f', "views": {rng.choice(["", "-"])}{digits}}}'
        bad = False
    elif kind == "surrogates":
        where = rng.choice(["text", "title", "outlet", "url"])
        obj = _obj(recs[k])
        obj[where] = str(obj.get(where) or "x") + rng.choice(["\ud800", "\udfff", "\udc80z"])
        parts[k] = json.dumps(obj)  # ensure_ascii: the escape "\\ud800"
        bad = False
    elif kind == "nul_escape":
        obj = _obj(recs[k])
        obj["text"] = str(obj["text"]) + "\u0000 and \u0007 after"
        parts[k] = json.dumps(obj)
        bad = False
    elif kind == "not_object":
        parts[k] = rng.choice(["3", '"text"', "null", "[]", "true"])
        required.discard(recs[k].marker)
    elif kind == "no_text":
        obj = _obj(recs[k])
        obj["text"] = rng.choice([None, 3, "   ", ["x"]])
        parts[k] = json.dumps(obj)
        required.discard(recs[k].marker)
    elif kind == "insane_date":
        obj = _obj(recs[k])
        obj["published"] = rng.choice(INSANE_DATES)
        parts[k] = json.dumps(obj)
        bad, notice = False, True
    elif kind == "bad_line":
        if fmt != ".jsonl":
            return None
        line = rng.choice([b"\xff\xfe not utf-8 \x80", b"\x00\x00\x00", b"not json at all",
                           b'{"text": "cut', b"\xc3\x28"])
        parts.insert(k, "\ufffe")  # a placeholder for the raw bytes
        data = "\n".join(parts).encode().replace("\ufffe".encode(), line) + b"\n"
        # a non-UTF-8 line counts as bad only where another line is UTF-8 beyond ASCII
        sure = jsonl_oracle(data, required)[1]
        return Case(fmt, b"", data, kind, required, bad=sure)
    if fmt == ".jsonl":
        data = ("\n".join(parts) + "\n").encode("utf-8", "surrogatepass")
    else:
        data = ("[\n" + ",\n".join(parts) + "\n]\n").encode("utf-8", "surrogatepass")
        if kind == "deep_unclosed":  # the list itself is then unreadable past it
            required = {r.marker for r in recs[:k]}
    return Case(fmt, b"", data, kind, required, bad=bad, clean=not bad, notice=notice)


def _structural_warc(rng: random.Random, recs: list[Record], gz: bool) -> Case:
    kind = rng.choice(["huge_length", "bad_length", "no_uri", "bad_status", "no_pages",
                       "garbage_between", "cut_record", "big_page"])
    if kind == "big_page":  # a page past MAX_RECORD_BYTES among good ones
        recs[-1].text = "\n\n".join([recs[-1].text] * 25_000)  # 6-7 MB of HTML
        built = build_warc(rng, recs, gz)
        return Case("", b"", built.data, kind, {r.marker for r in recs[:-1]}, bad=True)
    if kind == "no_pages":
        built = build_warc(rng, recs, gz, pages=False)
        return Case("", b"", built.data, kind, set(), bad=True)
    built = build_warc(rng, recs, gz)
    pages = [i for i, (_, _, m) in enumerate(built.spans) if m]
    i = rng.choice(pages)
    start, end, marker = built.spans[i]
    before = _prefix_markers(built, start)
    raw = built.data[start:end]
    if kind == "garbage_between":
        junk = b"GARBAGE " + bytes(rng.choice(b"abcdefgh\r\n") for _ in range(30)) + b"\r\n"
        return Case("", b"", built.data[:start] + junk + built.data[start:], kind, before,
                    bad=True)
    if kind == "cut_record":
        cut = rng.randrange(start + 1, end - (0 if gz else 4))
        return Case("", b"", built.data[:cut], kind, before, bad=True)
    text = gzip.decompress(raw) if gz else raw
    head, sep, rest = text.partition(b"\r\n\r\n")
    if kind in ("huge_length", "bad_length"):
        value = b"1000000000000000" if kind == "huge_length" else rng.choice([b"abc", b"-5", b""])
        lines = [b"Content-Length: " + value if line.startswith(b"Content-Length:") else line
                 for line in head.split(b"\r\n")]
        head = b"\r\n".join(lines)
    elif kind == "no_uri":
        head = head.replace(b"WARC-Target-URI:", b"WARC-Target-URJ:")
    else:  # bad_status: the HTTP status line garbled, same length
        status = rest.split(b"\r\n", 1)[0]
        rest = bytes(rng.choice(b"#$%&*") for _ in status) + rest[len(status):]
    text = head + sep + rest
    raw = gzip.compress(text) if gz else text
    return Case("", b"", built.data[:start] + raw + built.data[end:], kind, before, bad=True)


_BUILDERS: dict[str, Callable[[random.Random, list[Record]], Built]] = {
    ".txt": build_txt, ".html": build_html, ".htm": build_html, ".json": build_json,
    ".jsonl": build_jsonl,
    ".warc": lambda rng, recs: build_warc(rng, recs, gz=False),
    ".warc.gz": lambda rng, recs: build_warc(rng, recs, gz=True),
}


def _name(rng: random.Random, fmt: str) -> bytes:
    stem = rng.choice([b"article", b"caf\xc3\xa9 news", b"\xff\xfe-not-utf8", b"a b  c"])
    return stem + fmt.encode()


def make_case(fmt: str, rng: random.Random) -> Case:
    """One input for the reader of ``fmt``: valid, damaged in its bytes, damaged (or odd)
    in its records, or noise, with what the reader must make of it."""
    if fmt in NEW_FORMATS:
        package = __name__.rpartition(".")[0]
        formats = importlib.import_module(f"{package}.fuzzing_formats" if package
                                          else "fuzzing_formats")
        return formats.make_format_case(fmt, rng)  # type: ignore[no-any-return]
    single = fmt in (".txt", ".html", ".htm")
    recs = _records(rng, 1, 1 if single else 5)
    markers = {r.marker for r in recs}
    way = rng.random()
    case: Case | None = None
    if way < 0.08:
        case = _noise(rng, fmt)
    elif way < 0.4 and fmt in (".json", ".jsonl"):
        case = _structural_json(rng, recs, fmt)
    elif way < 0.4 and fmt in (".warc", ".warc.gz"):
        case = _structural_warc(rng, recs, fmt == ".warc.gz")
    elif 0.4 <= way < 0.42 and fmt in (".html", ".htm"):
        case = Case(fmt, b"", _big_page(), "big_page", bad=True)
    if case is None and way < 0.55:
        built = _BUILDERS[fmt](rng, recs)
        case = Case(fmt, b"", built.data, "valid", markers, clean=True)
    if case is None:
        built = _BUILDERS[fmt](rng, recs)
        kind, data, a, b = _mutate(rng, built.data)
        case = Case(fmt, b"", data, kind)
        if fmt == ".json":
            case.required, case.bad, case.clean = json_oracle(data, markers)
        elif fmt == ".jsonl":
            case.required, case.bad, case.clean = jsonl_oracle(data, markers)
        elif fmt in (".warc", ".warc.gz"):
            case.required = _prefix_markers(built, a)
            case.bad = "+" not in kind and _sure_warc_damage(built, kind, a, fmt == ".warc.gz")
        else:  # a NUL is binary, unless the text is UTF-16 or UTF-32 (with a BOM)
            case.bad = b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    case.fmt = fmt
    case.name = _name(rng, fmt)
    return case


def _big_page() -> bytes:
    """An HTML page past MAX_HTML_BYTES: 21 MB of one paragraph."""
    para = "<p>" + "The council met again and agreed the plan for the school. " * 40 + "</p>\n"
    return ("<html><body><article>" + para * (21_000_000 // len(para)) + "</article></body>"
            "</html>").encode()


def _sure_warc_damage(built: Built, kind: str, a: int, gz: bool) -> bool:
    """Damage every reader must see: a cut inside a record (not in the blank lines after
    it), or a gzip member changed past its header fields."""
    for start, end, _ in built.spans:
        if not start < a < end:
            continue
        if kind == "truncate":
            return gz or a < end - 4
        return gz and kind in ("flip", "delete") and a - start >= 10
    return False


# ------------------------------------------------------------------------------ checking


def write_case(case: Case, folder: Path) -> Path:
    """Write the case's file under ``folder`` (by its bytes name) and return its path."""
    path = os.path.join(os.fsencode(folder), case.name)
    with open(path, "wb") as fh:
        fh.write(case.data)
    return Path(os.fsdecode(path))


def _encodable(value: object) -> bool:
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check(case: Case, result: ReadResult, path: Path) -> list[str]:
    """What the result gets wrong for this case (empty: nothing)."""
    wrong: list[str] = []
    source = display_name(str(path))
    found = " ".join(f"{a.text} {a.title or ''}" for a in result.articles)
    for marker in sorted(case.required):
        if marker not in found:
            wrong.append(f"lost: the record {marker} did not come back")
    if case.bad and not any((p.which or "").startswith(source) for p in result.problems):
        wrong.append("no problem names the file of a broken input")
    if case.clean and result.problems:
        wrong.append(f"problems for a valid input: {result.problems[0]}")
    if case.notice and not result.notices:
        wrong.append("no notice for a date set aside")
    earliest, latest = EARLIEST_DATE, latest_date()
    for art in result.articles:
        fields = (art.id, art.source, art.text, art.title, art.outlet, art.url)
        if not all(_encodable(v) for v in fields):
            wrong.append(f"an article field does not encode to UTF-8 ({art.source!r})")
            continue
        if not art.text.strip() or art.id != article_id(art.text):
            wrong.append(f"empty text or wrong id ({art.source})")
        if art.published is not None and not earliest <= art.published <= latest:
            wrong.append(f"source date {art.published} kept ({art.source})")
        if art.published_span is not None:
            s, e = art.published_span
            if not 0 <= s < e <= len(art.text):
                wrong.append(f"date span outside the text ({art.source})")
    for p in result.problems:
        if p.what.startswith("cannot read file: ") and "report this as a bug" in (p.fix or ""):
            wrong.append(f"exception caught by read_any: {p.what}"[:300])
    for p in [*result.problems, *result.notices]:
        parts = (p.what, p.which, p.fix)
        if not all(_encodable(v) for v in parts) or "\n" in str(p) or "\r" in str(p):
            wrong.append(f"a message is not one valid line: {p!r}")
        elif not (p.which or "").startswith(source):
            wrong.append(f"a message does not name the file: {p}")
    return wrong


def run_case(case: Case, folder: Path) -> list[str]:
    """Write, read and check one case: the failures, "exception: ..." for a raise."""
    path = write_case(case, folder)
    try:
        walked = list(iter_sources([str(folder)]))
        result = read_any(path)
    except Exception as err:  # the one thing read_any must never do
        return [f"exception: {type(err).__name__}: {err}"[:300]]
    finally:
        os.unlink(os.fsencode(path))
    wrong = check(case, result, path)
    if walked != [path]:
        wrong.append(f"the folder walk found {walked!r}, not the one file")
    return wrong
