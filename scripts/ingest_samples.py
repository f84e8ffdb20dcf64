#!/usr/bin/env python3
"""Write the generated sample files of ``tests/data/ingest/formats/`` (run once; the outputs
are committed, and tests/data/ingest/formats/README.md says which file is which).

The articles are made up for the tests (a dock strike in a fictional port, Halvik, in March
2015); the outlets, people and URLs are fictional too. Made here, because their bytes are
best written by a library or need care: the Factiva text save (tab-separated field codes)
and RTF download (a two-column table, as Factiva writes it), the CSV tables (the csv
module), the e-mails (the email package, mailbox for the mbox), the .docx (python-docx)
and the PDF (pypdf's objects: a page with a Helvetica text stream, and an info dictionary;
pypdf has no text layout of its own, and neither LibreOffice nor reportlab is a
dependency). The feeds, the Nexis Uni export and the Zotero CSL JSON are written by hand.

Run: .venv/bin/python scripts/ingest_samples.py
"""

from __future__ import annotations

import csv
import datetime as dt
import mailbox
import struct
import textwrap
import zlib
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "ingest" / "formats"
FACTIVA_ORDER = ("CLM", "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG",
                 "VOL", "LA", "CY", "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC",
                 "IPD", "PUB", "AN")

FACTIVA_TXT = [
    {
        "SE": "Companies", "HD": "Halvik port operator warns strike will hit profits",
        "BY": "By Karin Moe", "WC": "312 words", "PD": "3 March 2015", "ET": "11:20",
        "SN": "Baltic Business Daily", "SC": "BALTBD", "ED": "Final", "PG": "7",
        "LA": "English", "CY": "(c) 2015 Baltic Business Daily. All rights reserved.",
        "LP": ["The Halvik Port Authority warned on Tuesday that a prolonged dock strike would "
               "wipe out most of this year's profit, as the walkout by about 600 workers "
               "entered its second day."],
        "TD": ["Tomas Brekke, the authority's chief executive, told analysts that each day of "
               "the stoppage cost the port about 1.5 million crowns in lost fees. \"We cannot "
               "pay what we do not earn,\" he said.",
               # a paragraph that starts like a field code: it stays text
               "IN a joint statement, the dockworkers' union and the seafarers' union said the "
               "authority had paid its directors bonuses last year while wages were frozen.",
               "Page 2 of 4 © 2015 Factiva, Inc. All rights reserved.",
               "Shares in Nordhavn Logistics, which runs the container terminal under a "
               "concession, fell 3.2 per cent in Oslo."],
        "CO": "hlvpa : Halvik Port Authority | nrdlg : Nordhavn Logistics",
        "IN": "itrans : Transportation/Logistics | iwater : Water Transport",
        "NS": "c42 : Labor/Personnel | ccat : Corporate/Industrial News",
        "RE": "nor : Norway | eurz : Europe", "IPD": "strike | ports",
        "PUB": "Baltic Media Group", "AN": "Document BALTBD0020150303eb330001d",
    },
    {
        "HD": "Government under pressure as ferries stop", "BY": "Lars Eide",
        "WC": "268 words", "PD": "4 March 2015", "SN": "The Nordic Wire", "SC": "NORWIR",
        "LA": "English", "CY": "Copyright 2015 The Nordic Wire",
        "LP": ["HALVIK, March 4 (Nordic Wire) - Ferry services to the northern islands stopped "
               "on Wednesday as crews joined the dock strike, and opposition parties called on "
               "the government to intervene."],
        "TD": ["The labour minister, Ingrid Solberg, said she was \"following the situation "
               "closely\" but that the dispute was for the two sides to settle.",
               "RE the islands: the island council said schools would stay open but that fresh "
               "food deliveries had been cut to one a day."],
        "NS": "c42 : Labor/Personnel | gpol : Domestic Politics", "RE": "nor : Norway",
        "AN": "Document NORWIR0020150304eb34000ab",
    },
    {
        "SE": "Markets", "HD": "Shipping rates ease as Halvik strike ends", "WC": "201 words",
        "PD": "7 March 2015", "SN": "Baltic Business Daily", "SC": "BALTBD", "ED": "Weekend",
        "LA": "English", "CY": "(c) 2015 Baltic Business Daily. All rights reserved.",
        "LP": ["Freight rates on the northern coastal routes eased on Saturday after dock "
               "workers at Halvik accepted a pay deal that ends a five-day strike."],
        "TD": ["The agreement gives workers a rise of 4.5 per cent over two years. Brokers said "
               "ships that had been diverted to Trondvik would return to Halvik from Monday."],
        "CO": "hlvpa : Halvik Port Authority",
        "NS": "c42 : Labor/Personnel | m14 : Commodity Markets",
        "AN": "Document BALTBD0020150307eb37000c2",
    },
]

FACTIVA_RTF = [
    {
        "SE": "World", "HD": "Port strike strands fishing fleet in Halvik", "BY": "By Nora Strøm",
        "WC": "233 words", "PD": "3 March 2015", "SN": "Fishing Industry Weekly", "SC": "FISHWK",
        "PG": "2", "LA": "English", "CY": "© 2015 Fishing Industry Weekly",
        "LP": ["Trawlers returning to Halvik on Tuesday found no one to unload their catch, as "
               "the strike by dock workers reached the fish quay."],
        "TD": ["Skippers said about 300 tonnes of cod would have to be landed at Trondvik, "
               "three hours' sailing to the south, or spoil. The fish auction was cancelled "
               "for the first time since 1998.",
               "\u201cWe support the workers, but we cannot wait a week,\u201d said Håkon Rud, "
               "who chairs the skippers' association."],
        "NS": "c42 : Labor/Personnel | nfish : Fishing", "RE": "nor : Norway",
        "AN": "Document FISHWK0020150303eb330000z",
    },
    {
        "HD": "Halvik mediator sets Friday deadline", "BY": "Lars Eide", "WC": "190 words",
        "PD": "5 March 2015", "ET": "18:02", "SN": "The Nordic Wire", "SC": "NORWIR",
        "LA": "English", "CY": "Copyright 2015 The Nordic Wire",
        "LP": ["HALVIK, March 5 (Nordic Wire) - The mediator in the Halvik port strike, Elin "
               "Sandvik, gave the two sides until Friday evening to agree, saying she would "
               "otherwise publish her own proposal."],
        "TD": ["The union said it would put any offer to a vote of its members the same night."],
        "AN": "Document NORWIR0020150305eb35000fe",
    },
    {
        "SE": "Companies", "HD": "Nordhavn Logistics counts cost of Halvik stoppage",
        "BY": "By Karin Moe", "WC": "176 words", "PD": "10 March 2015",
        "SN": "Baltic Business Daily", "SC": "BALTBD", "ED": "Final", "LA": "English",
        "CY": "(c) 2015 Baltic Business Daily. All rights reserved.",
        "LP": ["Nordhavn Logistics said on Tuesday that the five-day strike at Halvik would cut "
               "its first-quarter revenue by about 4 per cent."],
        "TD": ["The company said all 40 ships that had waited during the strike would be "
               "unloaded by the end of the week."],
        "AN": "Document BALTBD0020150310eb3a0007k",
    },
]


def write_factiva_txt(path: Path) -> None:
    """Factiva's text save: each field code, a tab, the value; paragraphs of LP and TD on
    lines of their own; the search summary after the last article."""
    out: list[str] = []
    for art in FACTIVA_TXT:
        for code in FACTIVA_ORDER:
            if code not in art:
                continue
            value = art[code]
            if isinstance(value, list):
                out.append(f"{code}\t{value[0]}")
                for para in value[1:]:
                    out += ["", para]
                out.append("")
            else:
                out.append(f"{code}\t{value}")
        out += ["", ""]
    out += ["Search Summary", "Text\thalvik and strike", "Date\t01/03/2015 to 09/03/2015",
            "Source\tAll Sources", "Author\tAll Authors", "Company\tAll Companies",
            "Subject\tAll Subjects", "Industry\tAll Industries", "Region\tAll Regions",
            "Language\tEnglish", "Results Found\t3", "Timestamp\t9 March 2015 10:02 GMT", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def rtf_escape(text: str) -> str:
    """RTF for plain text: \\, { and } escaped, cp1252 characters as \\'xx, others as \\uN?."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:
                out.append("".join(f"\\'{b:02x}" for b in ch.encode("cp1252")))
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def write_factiva_rtf(path: Path) -> None:
    """Factiva's RTF download: one two-column table row per field (the code in bold, the
    value beside it), a page break between articles."""
    parts = [r"{\rtf1\ansi\ansicpg1252\deff0",
             r"{\fonttbl{\f0\fswiss\fcharset0 Arial;}{\f1\froman\fcharset0 Times New Roman;}}",
             r"{\colortbl;\red0\green0\blue0;\red102\green102\blue102;}",
             r"{\info{\title Factiva}{\author Dow Jones}{\creatim\yr2015\mo3\dy10\hr9\min5}}",
             r"\paperw11906\paperh16838\margl1134\margr1134\f0\fs20"]
    for i, art in enumerate(FACTIVA_RTF):
        if i:
            parts.append(r"\pard\page")
        for code in FACTIVA_ORDER:
            if code not in art:
                continue
            value = art[code]
            paras = value if isinstance(value, list) else [value]
            cell = r"\par ".join(rtf_escape(p) for p in paras)
            parts.append(r"\trowd\trgaph108\trleft0\cellx1000\cellx9638"
                         rf"\pard\intbl\b {code}\b0\cell\pard\intbl {cell}\cell\row")
    parts.append(r"\pard\par}")
    path.write_bytes("\n".join(parts).encode("ascii"))


def write_tables() -> None:
    media_cloud = [
        ["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "title",
         "url", "author", "text"],
        ["a1f3c2", "2015-03-02 10:02:11.512000", "en", "courier.example.org",
         "https://courier.example.org/", "2015-03-02 09:40:00",
         "Dock workers walk out at the Port of Halvik",
         "https://courier.example.org/2015/03/02/dock-workers-walk-out", "Anna Berg",
         "About 600 dock workers at the Port of Halvik stopped work on Monday morning, leaving "
         "cranes idle and container ships waiting in the outer harbour.\n\nThe union said its "
         "members had rejected a pay offer of 2 per cent, calling it \"an insult after three "
         "years of frozen wages\"."],
        ["b77d10", "2015-03-03 18:20:45.001000", "en", "ledger.example.net",
         "https://ledger.example.net/", "2015-03-03 17:55:00",
         "Port chief: union demand 'puts future at risk'",
         "https://ledger.example.net/2015/03/port-chief-union-demand", "",
         "Tomas Brekke, chief executive of the Halvik Port Authority, said on Tuesday that the "
         "union's demand for a 6 per cent rise would put the port's future at risk, after "
         "talks broke down."],
        ["c0ffee", "2015-03-04 08:00:03.000000", "en", "islandradio.example.com",
         "https://islandradio.example.com/", "2015-03-04 07:30:00", "Ferries cancelled",
         "https://islandradio.example.com/news/ferries-cancelled", "", ""],
        ["d4e5f6", "2015-03-05 12:13:14.000000", "nb", "kystposten.example.no",
         "https://kystposten.example.no/", "2015-03-05", "Meklar utnemnd i hamnestreiken",
         "https://kystposten.example.no/2015/03/05/meklar", "Ola Vik",
         "Arbeidsdepartementet utnemnde torsdag den pensjonerte dommaren Elin Sandvik til "
         "meklar i streiken ved Halvik hamn."],
        ["e9a8b7", "2015-03-06 22:01:00.000000", "en", "courier.example.org",
         "https://courier.example.org/", "2015-03-06 21:30:00", "Deal ends Halvik dock strike",
         "https://courier.example.org/2015/03/06/deal-ends-dock-strike", "Anna Berg",
         "The five-day strike at the Port of Halvik is over. Union members voted on Friday "
         "evening to accept a pay rise of 4.5 per cent over two years."],
    ]
    with (OUT / "mediacloud.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(media_cloud)
    gdelt = [
        ["url", "url_mobile", "title", "seendate", "socialimage", "domain", "language",
         "sourcecountry", "text"],
        ["https://ledger.example.net/2015/03/ferries-cancelled", "",
         "Ferries cancelled as Halvik strike spreads", "20150304T051500Z",
         "https://ledger.example.net/img/ferry.jpg", "ledger.example.net", "English", "Norway",
         "All ferry sailings between Halvik and the islands were cancelled on Wednesday after "
         "ferry crews joined the strike at the port."],
        ["https://wire.example.com/halvik-mediator", "", "Judge to mediate in Halvik port strike",
         "20150305153000", "", "wire.example.com", "English", "United Kingdom",
         "HALVIK, March 5 - A retired appeals court judge, Elin Sandvik, will mediate in the "
         "strike at the Port of Halvik, the labour ministry said on Thursday."],
        ["https://news.example.de/halvik-streik", "", "Streik im Hafen von Halvik",
         "20150305T090000Z", "", "news.example.de", "German", "Germany", ""],
        ["https://ledger.example.net/2015/03/port-reopens", "",
         "Port reopens, backlog of ships to take a week", "20150309T080000Z", "",
         "ledger.example.net", "English", "Norway",
         "Cranes were moving again at Halvik on Monday as dock workers returned after a "
         "five-day strike."],
    ]
    # Excel and many tools write a UTF-8 BOM
    with (OUT / "gdelt.csv").open("w", newline="", encoding="utf-8-sig") as fh:
        csv.writer(fh).writerows(gdelt)


def _when(*args: int, hours: int = 1) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone(dt.timedelta(hours=hours)))


def _png() -> bytes:
    """A 1x1 PNG, the newsletter's logo."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x1f\x4e\x79")) + chunk(b"IEND", b""))


def newsletter(sender: str, subject: str, when: dt.datetime, paragraphs: list[str],
               plain: bool = True, domain: str = "news.example.org") -> EmailMessage:
    """A newsletter as mail programs send one: text/plain and text/html alternatives (or
    HTML alone, with its logo attached), quoted-printable, with list headers."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "reader@example.com"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{when:%Y%m%d%H%M}.brief@{domain}>"
    msg["List-Id"] = f"<brief.{domain}>"
    msg["List-Unsubscribe"] = f"<https://{domain}/unsubscribe>"
    msg["Archived-At"] = f"<https://{domain}/archive/{when:%Y-%m-%d}>"
    footer = "You are receiving this because you subscribed. Unsubscribe: https://" + domain
    text = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n\n-- \n" + footer + "\n"
    html = ("<html><body><table width=\"600\"><tr><td>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + f"</td></tr><tr><td><p style=\"font-size:10px\">{footer}</p></td></tr>"
            "</table></body></html>")
    if plain:
        msg.set_content(text, cte="quoted-printable")
        msg.add_alternative(html, subtype="html", cte="quoted-printable")
    else:
        msg.set_content(html, subtype="html", cte="quoted-printable")
        msg.add_attachment(_png(), maintype="image", subtype="png", filename="logo.png")
    msg.set_boundary(f"=_halvik_{when:%Y%m%d%H%M}")  # the same bytes on every run
    return msg


def write_mail() -> None:
    brief = newsletter(
        "Halvik Morning Brief <brief@news.example.org>",
        "Morning Brief: a mediator for the port", _when(2015, 3, 5, 6, 30),
        ["Good morning. The labour ministry last night named Elin Sandvik, a retired judge, "
         "to mediate in the strike at the Port of Halvik, now in its fourth day.",
         "Ferries to the islands are still not running. The island council has asked "
         "residents who need to reach the hospital to call its emergency line.",
         "Both sides meet the mediator on Friday morning. The union says any offer will go "
         "to a vote of its members the same evening."])
    (OUT / "newsletter.eml").write_bytes(bytes(brief))
    box_path = OUT / "newsletters.mbox"
    box_path.unlink(missing_ok=True)
    box = mailbox.mbox(box_path)
    try:
        box.add(newsletter(
            "Port Watch <alerts@portwatch.example.com>", "Port Watch: Halvik closed to cargo",
            _when(2015, 3, 3, 7, 0),
            ["The Port of Halvik is closed to cargo handling for a second day because of a "
             "strike by dock workers. Ships due this week should expect delays of several "
             "days.",
             "The container terminal and the fish quay are affected; the oil jetty, run by "
             "its own staff, is working normally."], domain="portwatch.example.com"))
        box.add(newsletter(
            "Coastal Times Daily <daily@coastaltimes.example.co.uk>",
            "Coastal Times Daily: Halvik back at work", _when(2015, 3, 9, 18, 0, hours=0),
            ["Dock workers at Halvik went back to work this morning after the five-day strike "
             "that ended on Friday with a rise of 4.5 per cent over two years.",
             "The harbour master said the first of about 40 waiting ships came alongside at "
             "6am."], plain=False, domain="coastaltimes.example.co.uk"))
        box.flush()
    finally:
        box.close()


def write_docx(path: Path) -> None:
    import docx

    doc = docx.Document()
    props = doc.core_properties
    props.title = "What the Halvik dock workers won"
    props.author = "Anna Berg"
    props.subject = "Port of Halvik strike, March 2015"
    props.created = dt.datetime(2024, 5, 17, 14, 2, tzinfo=dt.UTC)  # the file's date
    props.modified = dt.datetime(2024, 5, 18, 9, 30, tzinfo=dt.UTC)
    props.last_modified_by = "Anna Berg"
    doc.add_heading("What the Halvik dock workers won", level=1)
    doc.add_paragraph(
        "HALVIK, March 7, 2015 (Halvik Courier) — The deal that ended the five-day strike at "
        "the Port of Halvik gives dock workers a pay rise of 4.5 per cent over two years, "
        "less than the 6 per cent their union asked for but more than twice the first offer.")
    doc.add_paragraph(
        "The agreement, reached on Friday with the help of the mediator Elin Sandvik, also "
        "limits night shifts to three a week and sets up a joint committee on safety at the "
        "container terminal.")
    table = doc.add_table(rows=3, cols=2)
    for row, (what, value) in zip(table.rows, [("First year", "2.5 per cent"),
                                               ("Second year", "2.0 per cent"),
                                               ("Night shifts", "at most three a week")],
                                  strict=True):
        row.cells[0].text, row.cells[1].text = what, value
    doc.add_paragraph(
        "Mara Lindqvist, the union's chair, called the deal \"a fair end to a hard week\". "
        "The port authority said the cost would be met without raising fees.")
    doc.save(str(path))


def write_nexis_docx(path: Path) -> None:
    """A Nexis Uni download as Word: a cover page, then each document a page of paragraphs
    (headline, outlet, date line, copyright, headers, Body, the text, closing fields, End
    of Document), no blank paragraphs between them."""
    import docx
    from docx.enum.text import WD_BREAK

    documents = [
        ("Halvik unions put pay offer to a vote", "The Coastal Times",
         "March 6, 2015 Friday", "Final Edition", "Copyright 2015 Coastal Times Media Ltd",
         [("Section", "NEWS; Pg. 2"), ("Length", "164 words"), ("Byline", "Maja Strand")],
         ["The two unions on strike at the Port of Halvik will put the port authority's new "
          "pay offer to their members on Saturday, their leaders said on Friday.",
          "The offer, made after a day of talks led by the mediator, is a rise of 4.5 per "
          "cent over two years. Dock workers had asked for 6 per cent."],
         "March 7, 2015"),
        ("Island schools stay open as ferries stay in port", "Harbour Weekly",
         "March 7, 2015 Saturday", None, "Copyright 2015 Harbour Weekly",
         [("Section", "REGION"), ("Length", "121 words")],
         ["Schools on the northern islands stayed open on Saturday although no ferry has "
          "sailed since Wednesday, the island council said.",
          "Teachers who live on the mainland were taken across by the lifeboat."],
         "March 9, 2015"),
    ]
    doc = docx.Document()
    for line in ("User Name: Research Library", "Date and Time: Monday, March 9, 2015 "
                 "4:40:00 PM CET", "Job Number: 24890127", "Documents (2)",
                 "1. Halvik unions put pay offer to a vote",
                 "2. Island schools stay open as ferries stay in port"):
        doc.add_paragraph(line)
    for headline, outlet, date, edition, copyright_, headers, body, loaded in documents:
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(headline).runs[0].bold = True
        for line in (outlet, date, edition, copyright_):
            if line:
                doc.add_paragraph(line)
        for key, value in headers:
            doc.add_paragraph(f"{key}: {value}")
        doc.add_paragraph("Body")
        for para in body:
            doc.add_paragraph(para)
        for line in ("Classification", "Language: ENGLISH", "Publication-Type: Newspaper",
                     f"Load-Date: {loaded}", "End of Document"):
            doc.add_paragraph(line)
    doc.core_properties.title = "Nexis Uni download"
    doc.core_properties.created = dt.datetime(2015, 3, 9, 15, 40, tzinfo=dt.UTC)
    doc.save(str(path))


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _write_pdf(path: Path, pages: list[tuple[str | None, list[str]]],
               metadata: dict[str, str]) -> None:
    """A4 pages of Helvetica text: each page an optional 16 pt title line, then its lines
    (an empty string a blank line), and the info dictionary ``metadata``."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    for title, lines in pages:
        if title is not None:
            ops = ["BT", "/F1 16 Tf", "72 780 Td", _pdf_string(title) + " Tj", "/F1 10.5 Tf",
                   "15 TL", "0 -30 Td"]
        else:
            ops = ["BT", "/F1 10.5 Tf", "72 780 Td", "15 TL"]
        for line in lines:
            ops.append(_pdf_string(line) + " Tj T*" if line else "T*")
        ops.append("ET")
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
        })
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page.replace_contents(stream)  # an indirect object of the writer
    writer.add_metadata(metadata)
    with path.open("wb") as fh:
        writer.write(fh)


def write_pdf(path: Path) -> None:
    """One A4 page of Helvetica text, the info dictionary of a word processor's export."""
    paragraphs = [
        "HALVIK, March 9, 2015 (Harbour Weekly) - Cranes were moving again at the Port of "
        "Halvik on Monday as dock workers returned after a five-day strike over pay.",
        "The harbour master said the first of about 40 waiting ships came alongside at six in "
        "the morning, and that the backlog would be cleared by the end of the week.",
        "Ferry services to the islands resumed on Saturday. The island council thanked crews "
        "for keeping an emergency boat on call throughout the strike.",
    ]
    lines: list[str] = []
    for para in paragraphs:
        lines += textwrap.wrap(para, 88) + [""]
    _write_pdf(path, [("Halvik port back at work", lines)], {
        "/Title": "Halvik port back at work", "/Author": "Harbour Weekly",
        "/Creator": "Writer", "/Producer": "pypdf",
        "/CreationDate": "D:20240520101500+02'00'",  # when the file was made, not the story
    })


def write_factiva_pdf(path: Path) -> None:
    """Factiva's PDF download of the "Full Article/Report" display: an article per page,
    its header a line a field, the text wrapped, "Document ..." after it."""
    articles = [
        (["Halvik pay deal wins union vote", "By Karin Moe", "402 words", "8 March 2015",
          "Baltic Business Daily", "BALTBD", "English",
          "(c) 2015 Baltic Business Daily. All rights reserved."],
         ["Dock workers at the Port of Halvik voted on Saturday to accept a pay deal worth "
          "4.5 per cent over two years, ending a five-day strike.",
          "The union said 71 per cent of its members had voted in favour."],
         "BALTBD0020150308eb380003m"),
        (["Halvik ferries sail again", "155 words", "8 March 2015", "The Nordic Wire",
          "NORWIR", "English", "Copyright 2015 The Nordic Wire"],
         ["HALVIK, March 8 (Nordic Wire) - The first ferry to the northern islands since "
          "Wednesday left Halvik on Sunday morning with a full load of food and post."],
         "NORWIR0020150308eb38000dd"),
    ]
    pages = []
    for header, paragraphs, accession in articles:
        lines = [*header, ""]
        for para in paragraphs:
            lines += textwrap.wrap(para, 88) + [""]
        pages.append((None, [*lines, f"Document {accession}"]))
    _write_pdf(path, pages, {"/Producer": "Factiva", "/Title": "Factiva",
                             "/CreationDate": "D:20150309093000+01'00'"})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_factiva_txt(OUT / "factiva.txt")
    write_factiva_rtf(OUT / "factiva.rtf")
    write_tables()
    write_mail()
    write_docx(OUT / "article.docx")
    write_nexis_docx(OUT / "nexis.docx")
    write_pdf(OUT / "article.pdf")
    write_factiva_pdf(OUT / "factiva.pdf")


if __name__ == "__main__":
    main()
