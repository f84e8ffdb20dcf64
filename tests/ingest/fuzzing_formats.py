"""Valid inputs and mutants for the readers of feeds, exports, tables, e-mail, Word, PDF and
CSL JSON, in the terms of tests/ingest/fuzzing.py (whose ``make_case`` hands these formats
over here): ``make_format_case(fmt, rng)`` returns a Case.

A valid file must give every record back and no problem. A structural case damages or
oddly shapes one record with a sure oracle (a record without text is one problem, the
others come back; a date past the sane range is a notice). A byte mutant has no oracle but
the invariants every reader keeps (nothing raises, every message is one valid line naming
the file), except where the damage is sure: a NUL in a text format, a .docx cut short
(its zip directory is at the end), a PDF cut before its %%EOF.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import random
import textwrap
import zipfile
from collections.abc import Callable
from email import generator, policy
from email.message import EmailMessage
from html import escape

_package = __name__.rpartition(".")[0]
fz = importlib.import_module(f"{_package}.fuzzing" if _package else "fuzzing")
Case, Record = fz.Case, fz.Record

FORMATS = (".rss", ".atom", ".xml", ".rtf", ".factiva.txt", ".nexis.txt", ".csv", ".tsv",
           ".eml", ".mbox", ".docx", ".pdf", ".csl.json")
_SINGLE = (".eml", ".docx", ".pdf")
_TEXT_FORMATS = (".rss", ".atom", ".xml", ".factiva.txt", ".nexis.txt", ".csv", ".tsv",
                 ".csl.json")
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz"


def _day(rec: Record) -> dt.date | None:
    from newsline.ingest.text import parse_date

    return parse_date(rec.published) if rec.published else None


def _html(rec: Record) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in rec.text.split("\n\n"))


# ------------------------------------------------------------------------------ builders


def build_feed(rng: random.Random, recs: list[Record], atom: bool,
               bad: int | None = None, date: str | None = None) -> bytes:
    """An RSS 2.0 or Atom 1.0 feed of the records; record ``bad`` only a link, ``date``
    (an insane one) in place of the last record's."""
    outlet = escape(recs[0].outlet or "Fuzz Feed")
    items = []
    for n, rec in enumerate(recs):
        when = escape(date if date is not None and n == len(recs) - 1 else rec.published or "")
        url = escape(rec.url or f"https://fuzz.example.org/{n}")
        title = escape(rec.title)
        if atom:
            body = "" if n == bad else f'<content type="html">{escape(_html(rec))}</content>'
            published = f"<published>{when}</published>" if when else ""
            items.append(f'<entry><title>{title}</title><link href="{url}"/>'
                         f"<id>urn:fuzz:{n}</id>{published}<author><name>A. Writer</name>"
                         f"</author>{body}</entry>")
        else:
            if n == bad:
                body = ""
            elif rng.random() < 0.5:
                body = f"<content:encoded><![CDATA[{_html(rec)}]]></content:encoded>"
            else:
                body = f"<description>{escape(_html(rec))}</description>"
            published = f"<pubDate>{when}</pubDate>" if when else ""
            items.append(f"<item><title>{title}</title><link>{url}</link>{published}"
                         f"<dc:creator>A. Writer</dc:creator>{body}</item>")
    if atom:
        text = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/'
                f'Atom"><title>{outlet}</title><id>urn:fuzz</id><updated>2015-03-09T00:00:00Z'
                f"</updated>\n" + "\n".join(items) + "\n</feed>\n")
    else:
        text = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content='
                '"http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/'
                f'elements/1.1/"><channel><title>{outlet}</title><link>https://fuzz.example.'
                "org/</link>\n" + "\n".join(items) + "\n</channel></rss>\n")
    return text.encode("utf-8")


def factiva_text(rng: random.Random, recs: list[Record], bad: int | None = None,
                 date: str | None = None) -> str:
    sep = rng.choice(["\t", "  ", "\t"])
    out = []
    for n, rec in enumerate(recs):
        paras = rec.text.split("\n\n")
        if rng.random() < 0.3:
            paras.insert(1, "IN a statement, officials said the work would go on as planned.")
        when = date if date is not None and n == len(recs) - 1 else rec.published
        fields = [("HD", rec.title), ("BY", "By A. Writer"), ("WC", "120 words"),
                  ("PD", when), ("SN", rec.outlet or "Fuzz Daily"), ("LA", "English")]
        out += [f"{code}{sep}{value}" for code, value in fields if value]
        if n != bad:
            out += [f"LP{sep}{paras[0]}", ""] + ([f"TD{sep}{paras[1]}"] if len(paras) > 1
                                                 else [])
            for para in paras[2:]:
                out += ["", para]
        an = "".join(rng.choice(_ALNUM) for _ in range(25))
        out += ["", f"NS{sep}c42 : Labor/Personnel", f"AN{sep}Document {an}", "", ""]
    return "\n".join(out)


def nexis_text(rng: random.Random, recs: list[Record], bad: int | None = None,
               date: str | None = None) -> str:
    out = ["User Name: Fuzz", "Job Number: 1", "", f"Documents ({len(recs)})", "",
           "_" * 60, ""]
    for n, rec in enumerate(recs):
        when = date if date is not None and n == len(recs) - 1 else rec.published
        out += [rec.title, "", rec.outlet or "The Fuzz Times"]
        if when:
            out.append(when)
        out += ["", "Copyright 2015 Fuzz Media", "", "Section: NEWS; Pg. 1",
                "Length: 120 words", "Byline: A. Writer", "", "Body", ""]
        if n != bad:
            out += [p + "\n" for p in rec.text.split("\n\n")]
        out += ["Classification", "", "Language: ENGLISH", "", "Load-Date: March 9, 2015",
                "", "", "End of Document", ""]
    return "\n".join(out)


def rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif code < 128:
            out.append(ch)
        else:
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def build_rtf(rng: random.Random, recs: list[Record], middle: str = "",
              bad: int | None = None) -> bytes:
    """A Factiva RTF download of the records (a table row per field; record ``bad``
    without LP and TD), with ``middle`` inserted after the first record; or, for one
    record, an RTF of the article alone."""
    head = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}"
            "\n" r"\f0\fs20" "\n")
    if len(recs) == 1 and rng.random() < 0.4 and not middle and bad is None:
        rec = recs[0]
        body = r"{\b " + rtf_escape(rec.title) + r"}\par\par " + rtf_escape(rec.text)
        return (head + body + r"\par}").encode("ascii")
    rows = []
    for n, rec in enumerate(recs):
        an = "".join(rng.choice(_ALNUM) for _ in range(25))
        fields = [("HD", rec.title), ("PD", rec.published), ("SN", rec.outlet or "Fuzz Daily"),
                  ("LP", rec.text.split("\n\n")[0]),
                  ("TD", "\n".join(rec.text.split("\n\n")[1:])), ("AN", f"Document {an}")]
        for code, value in fields:
            if value and not (n == bad and code in ("LP", "TD")):
                rows.append(rf"\trowd\cellx1000\cellx9000\pard\intbl {code}\cell\pard\intbl "
                            + rtf_escape(value) + r"\cell\row")
        if n == 0 and middle:
            rows.append(middle)
    return (head + "\n".join(rows) + "\n" r"\pard\par}").encode("ascii")


def build_table(rng: random.Random, recs: list[Record], tsv: bool, bad: int | None = None,
                date: str | None = None, cut_quote: int | None = None) -> bytes:
    header = ["id", "title", "url", "media_name", "publish_date", "author", "text"]
    rng.shuffle(header)
    delimiter = "\t" if tsv else rng.choice([",", ",", ";"])
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"]))
    writer.writerow(header)
    for n, rec in enumerate(recs):
        when = date if date is not None and n == len(recs) - 1 else rec.published
        values = {"id": f"s{n}", "title": rec.title, "url": rec.url or "",
                  "media_name": rec.outlet or "", "publish_date": when or "",
                  "author": "A. Writer", "text": "" if n == bad else rec.text}
        writer.writerow([values[h] for h in header])
    text = buf.getvalue()
    if cut_quote is not None:  # a quote opened in that row's text and never closed
        marker = recs[cut_quote].marker
        text = text.replace(marker, '"' + marker, 1) if f'"{marker}' not in text else text
    return text.encode(rng.choice(["utf-8", "utf-8-sig"]))


def _message(rng: random.Random, rec: Record, n: int, date: str | None = None,
             empty: bool = False) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{rec.outlet or 'Fuzz Brief'} <brief{n}@fuzz.example.org>"
    msg["Subject"] = rec.title
    day = _day(rec)
    if date is not None:  # an insane date: RFC 2822 reads a year below 100 as 19xx or 20xx
        msg["Date"] = {"9999-12-31": "Fri, 31 Dec 9999 07:00:00 +0000"}.get(
            date, "Sat, 14 Oct 1066 07:00:00 +0000")
    elif day is not None:
        msg["Date"] = f"{day:%a, %d %b %Y} 07:00:00 +0100"
    msg["Message-ID"] = f"<{n}.fuzz@fuzz.example.org>"
    if empty:
        msg.set_content(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png")
        return msg
    how = rng.choice(["plain", "html", "both"])
    text = rec.text + ("\n\nFrom the desk: more tomorrow.\n" if rng.random() < 0.3 else "\n")
    if how == "html":
        msg.set_content(f"<html><body>{_html(rec)}</body></html>", subtype="html")
    else:
        msg.set_content(text, cte=rng.choice(["quoted-printable", "base64", "8bit"]))
        if how == "both":
            msg.add_alternative(f"<html><body>{_html(rec)}</body></html>", subtype="html")
    return msg


def _flatten(msg: EmailMessage, mangle: bool) -> bytes:
    out = io.BytesIO()
    generator.BytesGenerator(out, mangle_from_=mangle, policy=policy.default).flatten(msg)
    return out.getvalue()


def build_mbox(rng: random.Random, recs: list[Record], bad: int | None = None,
               date: str | None = None) -> bytes:
    parts = []
    for n, rec in enumerate(recs):
        when = date if date is not None and n == len(recs) - 1 else None
        data = _flatten(_message(rng, rec, n, when, empty=n == bad), mangle=True)
        parts.append(b"From brief@fuzz.example.org Tue Mar  3 07:00:00 2015\n" + data.rstrip(
            b"\n") + b"\n\n")
    return b"".join(parts)


def build_docx(rng: random.Random, rec: Record) -> bytes:
    import docx

    doc = docx.Document()
    if rng.random() < 0.5:
        doc.core_properties.title = rec.title
    else:
        doc.add_heading(rec.title, level=1)
    doc.core_properties.created = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    for para in rec.text.split("\n\n"):
        doc.add_paragraph(para)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_pdf(rng: random.Random, rec: Record | None, encrypt: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if rec is not None:
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): DictionaryObject({
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})})})
        ops = ["BT", "/F1 10 Tf", "14 TL", "72 780 Td"]
        for para in [rec.title, *rec.text.split("\n\n")]:
            for line in textwrap.wrap(para, 80):
                safe = line.encode("cp1252", "replace").decode("cp1252")
                safe = safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"({safe}) Tj T*")
            ops.append("T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page.replace_contents(stream)
        writer.add_metadata({"/Title": rec.title, "/CreationDate": "D:20240102000000Z"})
    if encrypt:
        writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_csl(rng: random.Random, recs: list[Record], bad: int | None = None,
              date: str | None = None) -> bytes:
    items = []
    for n, rec in enumerate(recs):
        item: dict[str, object] = {"id": f"http://zotero.org/users/local/x/items/{n}",
                                   "type": rng.choice(["article-newspaper", "webpage"]),
                                   "title": rec.title, "URL": rec.url or ""}
        if rec.outlet:
            item["container-title"] = rec.outlet
        day = _day(rec)
        if date is not None and n == len(recs) - 1:
            item["issued"] = {"raw": date}
        elif day is not None:
            item["issued"] = {"date-parts": [[str(day.year), day.month, day.day]]}
        item["author"] = [{"family": "Writer", "given": "A."}]
        if n != bad:
            item[rng.choice(["abstract", "note"])] = rec.text
        items.append(item)
    return json.dumps(items, ensure_ascii=rng.random() < 0.3, indent="\t").encode()


def build(fmt: str, rng: random.Random, recs: list[Record], bad: int | None = None,
          date: str | None = None) -> bytes:
    """The valid file of the records (record ``bad`` without text, ``date`` as the last
    record's date, where given)."""
    feed: Callable[[bool], bytes] = lambda atom: build_feed(rng, recs, atom, bad, date)  # noqa: E731
    if fmt == ".rss":
        return feed(False)
    if fmt == ".atom":
        return feed(True)
    if fmt == ".xml":
        return feed(rng.random() < 0.5)
    if fmt == ".factiva.txt":
        return factiva_text(rng, recs, bad, date).encode(rng.choice(["utf-8", "utf-8-sig"]))
    if fmt == ".nexis.txt":
        return nexis_text(rng, recs, bad, date).encode("utf-8")
    if fmt in (".csv", ".tsv"):
        return build_table(rng, recs, fmt == ".tsv", bad, date)
    if fmt == ".mbox":
        return build_mbox(rng, recs, bad, date)
    if fmt == ".csl.json":
        return build_csl(rng, recs, bad, date)
    if fmt == ".rtf":
        return build_rtf(rng, recs, bad=bad)
    if fmt == ".eml":
        return _flatten(_message(rng, recs[0], 0, date), mangle=False)
    if fmt == ".docx":
        return build_docx(rng, recs[0])
    return build_pdf(rng, recs[0])


# ------------------------------------------------------------------------------ cases

_ZIP_BOMB: list[bytes] = []


def _zip_bomb() -> bytes:
    """A .docx whose parts unzip past the reader's limit (300 MB of zeros, once)."""
    if not _ZIP_BOMB:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            with archive.open("word/document.xml", "w", force_zip64=True) as fh:
                chunk = b"\0" * (1 << 20)
                for _ in range(300):
                    fh.write(chunk)
        _ZIP_BOMB.append(out.getvalue())
    return _ZIP_BOMB[0]


def _structural(fmt: str, rng: random.Random, recs: list[Record]) -> Case | None:
    markers = {r.marker for r in recs}
    kinds = ["insane_date"]
    if fmt not in _SINGLE:
        kinds.append("no_text")
    if fmt in (".rss", ".atom", ".xml"):
        kinds += ["entity_bomb", "deep_markup"]
    if fmt in (".csv", ".tsv"):
        kinds += ["open_quote", "huge_field"]
    if fmt == ".rtf":
        kinds += ["fldinst_bomb", "font_bomb"]
    if fmt == ".docx":
        kinds.append("zip_bomb")
    if fmt == ".pdf":
        kinds += ["encrypted", "no_text_layer"]
    kind = rng.choice(kinds)
    k = rng.randrange(len(recs))
    if kind == "no_text":
        return Case(fmt, b"", build(fmt, rng, recs, bad=k), kind,
                    markers - {recs[k].marker}, bad=True)
    if kind == "insane_date":
        if fmt in (".rtf", ".docx", ".pdf"):  # no date of their own: a dateline would be
            return None
        data = build(fmt, rng, recs, date=rng.choice(fz.INSANE_DATES))
        return Case(fmt, b"", data, kind, markers, clean=True, notice=True)
    if kind == "entity_bomb":
        bomb = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {c} "&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};&{p};">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "]>")
        data = build(fmt, rng, recs).replace(b"?>", b"?>" + bomb.encode(), 1)
        data = data.replace(b"<title>", b"<title>&i;", 1)
        return Case(fmt, b"", data, kind)
    if kind == "deep_markup":  # real markup, in CDATA or escaped as the entry holds it
        recs[k].text += "\n\nDEEPMARK"
        data = build(fmt, rng, recs)
        at = data.index(b"DEEPMARK")
        raw = data.rfind(b"<![CDATA[", 0, at) > data.rfind(b"]]>", 0, at)
        div = b"<div>" if raw else b"&lt;div&gt;"
        return Case(fmt, b"", data.replace(b"DEEPMARK", div * rng.randint(300, 3000)), kind)
    if kind == "open_quote":
        data = build_table(rng, recs, fmt == ".tsv", cut_quote=k)
        return Case(fmt, b"", data, kind, {r.marker for r in recs[:k]}, bad=True)
    if kind == "huge_field":
        recs[k].text += "\n\n" + "The council met again and agreed the plan. " * 30_000
        return Case(fmt, b"", build(fmt, rng, recs), kind, markers, clean=True)
    if kind == "fldinst_bomb":
        bomb = '{\\field{\\*\\fldinst{ HYPERLINK "x" "y' * rng.randint(500, 3000)
        return Case(fmt, b"", build_rtf(rng, recs, middle=bomb), kind, {recs[0].marker})
    if kind == "font_bomb":
        fonts = "{\\fonttbl" + "\\f1 x" * 30_000 + "}"
        data = build_rtf(rng, recs).replace(b"{\\fonttbl", fonts.encode() + b"{\\fonttbl", 1)
        return Case(fmt, b"", data, kind, bad=True)
    if kind == "zip_bomb":
        return Case(fmt, b"", _zip_bomb(), kind, bad=True)
    if kind == "encrypted":
        return Case(fmt, b"", build_pdf(rng, recs[0], encrypt=True), kind, bad=True)
    return Case(fmt, b"", build_pdf(rng, None), kind, bad=True)  # no_text_layer


def make_format_case(fmt: str, rng: random.Random) -> Case:
    """One input for the reader of ``fmt`` (one of FORMATS): valid, odd or damaged in a
    record, damaged in its bytes, or noise, with what the reader must make of it."""
    recs = fz._records(rng, 1, 1 if fmt in _SINGLE else 4)
    if fmt == ".rtf" and rng.random() < 0.5:
        recs = recs[:1]
    markers = {r.marker for r in recs}
    way = rng.random()
    case: Case | None = None
    if way < 0.08:
        case = fz._noise(rng, fmt)
    elif way < 0.4:
        case = _structural(fmt, rng, recs)
    if case is None and way < 0.6:
        case = Case(fmt, b"", build(fmt, rng, recs), "valid", markers, clean=True)
    if case is None:
        data = build(fmt, rng, recs)
        kind, mutated, a, _ = fz._mutate(rng, data)
        case = Case(fmt, b"", mutated, kind)
        if fmt in _TEXT_FORMATS:
            case.bad = b"\x00" in mutated and not mutated.startswith((b"\xff\xfe", b"\xfe\xff"))
        elif fmt == ".docx":
            case.bad = kind == "truncate"
        elif fmt == ".pdf":
            case.bad = kind == "truncate" and a < len(data) - 6
    case.fmt = fmt
    case.name = fz._name(rng, fmt)
    return case
