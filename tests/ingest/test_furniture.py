"""Page furniture at ingest: bylines, credits, slugs, share and cookie lines, link lists.

The texts are made up, in the shapes real pages and wire copy take.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.ingest.base import SourceMeta
from newsline.ingest.furniture import (
    BYLINE_KINDS,
    Cleaned,
    parse_byline,
    strip_furniture,
)
from newsline.ingest.html import html_to_article
from newsline.ingest.text import find_dateline, parse_dateline
from newsline.ingest.txt import text_to_article

WIRE = """\
Airline drops routes as fuel costs climb
By Maria Lopez and Tom Reed, Reuters
LONDON, Sept 22 (Reuters) - A British airline said on Tuesday it would drop 12 routes \
from next month, blaming the rising cost of jet fuel.

The carrier said most of the routes were to holiday destinations in southern Europe and \
that staff would be offered other posts.

Unions said they would meet managers on Friday.

(Reporting by Maria Lopez; additional reporting by Ann Clark in Madrid; Editing by Tom Reed)
© 2011 Reuters"""

BBC = """\
Flood defences fail in river town
By Sarah Hughes
BBC News, Yorkshire
Image copyright Getty Images
Image caption Residents were taken to a school hall on 4 March 2014
Hundreds of homes were flooded after a flood wall gave way in the town overnight.

The Environment Agency said the wall had been inspected last year.
Media playback is unsupported on your device
Media caption The moment the wall gave way
Residents said the water rose within minutes.
Share this with
Email
Facebook
Twitter"""

BLOG = """\
Why the harbour market matters
Posted by Jane Doe
The harbour market has traded every Saturday since the fishermen's co-operative opened it.

Its stalls sell fish landed that morning, and the queue starts before dawn.

Share this article
Sign up for our newsletter

Latest stories
Council approves new cycle lanes
12 March 2019
Ferry timetable changes for the summer
Posted on 11 March 2019
School wins national chess title
10 March 2019
Library extends its opening hours
9 March 2019
Harbour festival returns in June
8 March 2019
Advertisement
We use cookies to improve your experience. By continuing to use this site you agree to \
our cookie policy.
Copyright 2019 Harbour Times. All rights reserved."""


def lines_of(text: str) -> list[str]:
    return text.split("\n")


# ------------------------------------------------------------------------------ wire copy


def test_reuters_wire_keeps_its_dateline_and_loses_byline_credit_and_copyright() -> None:
    got = strip_furniture(WIRE)
    assert "By Maria Lopez" not in got.text
    assert "Reporting by" not in got.text and "©" not in got.text
    assert "\nLONDON, Sept 22 (Reuters) - A British airline" in got.text
    assert got.byline is not None
    assert got.byline.names == ("Maria Lopez", "Tom Reed") and got.byline.agency == "Reuters"
    assert [p.kind for p in got.removed] == ["byline", "trailer", "copyright"]

    result = text_to_article(WIRE, "wire.txt")
    [art] = result.articles
    assert art.title == "Airline drops routes as fuel costs climb"
    assert art.text.startswith("LONDON, Sept 22 (Reuters) - A British airline")
    assert art.text.endswith("Unions said they would meet managers on Friday.")
    meta = result.meta["wire.txt"]
    assert meta.author == "Maria Lopez; Tom Reed"
    extra = dict(meta.extra)
    assert extra["byline"] == "By Maria Lopez and Tom Reed, Reuters"
    assert extra["furniture"] == ("(Reporting by Maria Lopez; additional reporting by Ann "
                                  "Clark in Madrid; Editing by Tom Reed)\n© 2011 Reuters")


def test_the_dateline_stays_byte_for_byte_and_still_dates_the_article() -> None:
    line = "LONDON, Sept 22 (Reuters) - Shares fell on Tuesday."
    for text in (f"{line}\nReuters", f"By Jane Doe\n{line}", f"{line} (Reporting by Jane Doe)"):
        got = strip_furniture(text)
        assert got.text == line
        assert parse_dateline(got.text) == parse_dateline(line)
    dated = "LONDON, Sept 22, 2011 (Reuters) - Shares fell on Tuesday.\n(Editing by John Roe)"
    [art] = text_to_article(dated, "d.txt").articles
    assert art.published is not None and art.published.isoformat() == "2011-09-22"
    assert art.text == "LONDON, Sept 22, 2011 (Reuters) - Shares fell on Tuesday."
    assert find_dateline(art.text) == find_dateline(dated)


def test_a_credit_run_on_at_the_end_of_the_last_paragraph_is_cut() -> None:
    text = ("WASHINGTON (Reuters) - The Senate passed the bill on Friday.\n\n"
            "It now goes to the House. (Reporting by Ann Lee and Bo Chan; Writing by Jo Wu; "
            "Editing by Al Roe) More news on the site")
    got = strip_furniture(text)
    assert got.text == ("WASHINGTON (Reuters) - The Senate passed the bill on Friday.\n\n"
                        "It now goes to the House. More news on the site")
    assert got.byline is not None and got.byline.names == ("Ann Lee", "Bo Chan", "Jo Wu")
    [piece] = got.removed
    assert piece.kind == "trailer" and text[piece.start:piece.end] == piece.text


def test_agency_slug_lines_go_and_inline_slugs_stay() -> None:
    text = "(CNN) -- Protesters gathered in Cairo on Friday.\nAP\n— AFP\n(Reuters)\nMore later."
    got = strip_furniture(text)
    assert got.text == "(CNN) -- Protesters gathered in Cairo on Friday.\nMore later."
    assert [p.kind for p in got.removed] == ["slug", "slug", "slug"]


def test_wire_trailers_of_other_agencies() -> None:
    text = ("NEW YORK (AP) -- Stocks rose on Monday.\n"
            "Associated Press writers Jo Wu in Tokyo and Al Roe in Paris contributed to this "
            "report.\n"
            "Copyright 2010 The Associated Press. All rights reserved. This material may not be "
            "published, broadcast, rewritten or redistributed.")
    got = strip_furniture(text)
    assert got.text == "NEW YORK (AP) -- Stocks rose on Monday."
    assert [p.kind for p in got.removed] == ["trailer", "copyright"]


# ------------------------------------------------------------------------------ pages


def test_bbc_page_text_loses_captions_media_notes_and_share_buttons() -> None:
    result = text_to_article(BBC, "bbc.txt")
    [art] = result.articles
    assert art.title == "Flood defences fail in river town"
    assert art.text == ("Hundreds of homes were flooded after a flood wall gave way in the town "
                        "overnight.\n\nThe Environment Agency said the wall had been inspected "
                        "last year.\nResidents said the water rose within minutes.")
    assert "2014" not in art.text  # the caption's date is no clue
    meta = result.meta["bbc.txt"]
    assert meta.author == "Sarah Hughes"
    extra = dict(meta.extra)
    assert extra["byline"] == "By Sarah Hughes\nBBC News, Yorkshire"
    assert "Media playback is unsupported on your device" in extra["furniture"]
    assert "Image caption Residents were taken to a school hall on 4 March 2014" in \
        extra["furniture"]


def test_latest_stories_with_dates_at_the_end_of_a_blog_are_gone() -> None:
    got = strip_furniture(BLOG)
    assert "Latest stories" not in got.text
    assert not re.search(r"March|2019", got.text)  # no date of the list is left as a clue
    assert "cookie" not in got.text and "newsletter" not in got.text
    assert got.text.endswith("the queue starts before dawn.")
    assert got.byline is not None and got.byline.names == ("Jane Doe",)
    kinds = [p.kind for p in got.removed]
    assert kinds.count("block") == 11 and kinds[-3:] == ["advert", "cookie", "copyright"]

    [art] = text_to_article(BLOG, "blog.txt").articles
    assert art.title == "Why the harbour market matters"
    assert "Latest stories" not in art.text and "2019" not in art.text
    assert art.published is None


def test_a_heading_followed_by_more_of_the_story_is_no_link_list() -> None:
    text = ("The quake struck at dawn.\n\nMore from GlobalPost: Why the island shakes\n"
            "Rescuers worked through the night.\nThe death toll rose to 12.")
    got = strip_furniture(text)
    assert got.text == ("The quake struck at dawn.\n\nRescuers worked through the night.\n"
                        "The death toll rose to 12.")
    assert [p.kind for p in got.removed] == ["link"]
    story = "The vote was close.\n\nRelated\nThe mayor spoke first.\nThe council then voted."
    assert strip_furniture(story).text == ("The vote was close.\n\nThe mayor spoke first.\n"
                                           "The council then voted.")


# ------------------------------------------------------------------------------ bylines


def test_by_jane_doe_is_never_the_title() -> None:
    [art] = text_to_article("By Jane Doe\nBridge reopens\nThe bridge reopened on Monday.",
                            "a.txt").articles
    assert art.title == "Bridge reopens" and art.text == "The bridge reopened on Monday."
    long_first = "The bridge reopened on Monday after months of repairs, officials said."
    [art] = text_to_article(f"By Jane Doe\n{long_first}", "b.txt").articles
    assert art.title is None and art.text == long_first
    [art] = text_to_article(f"Bridge reopens\nBY JANE DOE | Staff Writer\n{long_first}",
                            "c.txt").articles
    assert art.title == "Bridge reopens" and art.text == long_first


def test_byline_forms() -> None:
    cases = {
        "By Jane Doe": (("Jane Doe",), None),
        "By John Smith and Jane Doe, Reuters": (("John Smith", "Jane Doe"), "Reuters"),
        "BY JOHN SMITH | Staff Writer": (("JOHN SMITH",), "Staff Writer"),
        "John Smith, Associated Press": (("John Smith",), "Associated Press"),
        "By Reuters Staff": ((), "Reuters Staff"),
        "By Ana de la Cruz and Omar al-Khalidi": (("Ana de la Cruz", "Omar al-Khalidi"), None),
        "Written by Zoë Brontë": (("Zoë Brontë",), None),
    }
    for line, (names, agency) in cases.items():
        got = parse_byline(line)
        assert got is not None, line
        assert (got.names, got.agency) == (names, agency), line
    for line in ("By Tuesday, the water had gone.", "By the end of the year",
                 "By then", "Michael Jackson", "By 2015 prices had doubled",
                 "By Order of the Court", "By continuing you agree", "Analysis | Business"):
        assert parse_byline(line) is None, line


def test_the_byline_names_the_author_only_when_none_is_known() -> None:
    text = "By Jane Doe\nBridge reopens\nThe bridge reopened on Monday."
    result = text_to_article(text, "a.txt", SourceMeta(author="Harbour Desk", format="docx"))
    meta = result.meta["a.txt"]
    assert meta.author == "Harbour Desk" and meta.format == "docx"
    assert ("byline", "By Jane Doe") in meta.extra
    assert "a.txt" not in text_to_article("Bridge reopens\nIt reopened.", "a.txt").meta


# ------------------------------------------------------------------------------ kept


STORY_LINES = (
    "Shares in the company fell 5% by noon.",
    "By Tuesday the water had gone, and residents began to clean up.",
    "By then, 20 people had been rescued.",
    "Residents were asked to share their photos with the council.",
    "Share prices fell sharply on Monday.",
    "Bakers sold 10,000 cookies at the fair, organisers said.",
    "Copyright law was changed in 2011.",
    "The Associated Press reported the vote on Friday.",
    "Follow the money, the investigators said.",
    "Reporting by the BBC suggests the talks have stalled.",
    "He said the list was compiled by rebel commanders.",
    "Click, the new app, was launched on Monday.",
    "Related charges were dropped in March.",
    "More than 100 people attended the vigil.",
    "Sign language interpreters were on stage.",
    "Image quality matters to the jury, the lawyer said.",
)


def test_story_sentences_that_mention_furniture_words_are_kept() -> None:
    text = "\n".join(STORY_LINES)
    got = strip_furniture(text)
    assert got.removed == () and got.text == text and got.byline is None
    for line in STORY_LINES:
        assert strip_furniture(f"{line}\n{line}").removed == ()


def test_the_html_reader_takes_out_byline_and_credit_only() -> None:
    page = """<html><head><title>Harbour bridge reopens after repairs</title></head><body>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>By Jane Doe, Reuters</p>
<p>The harbour bridge reopened to traffic on Monday after eight months of repairs, the city
council said, ending long detours for commuters.</p>
<p>Engineers replaced the main cables and resurfaced the deck, at a cost of 40 million.</p>
<p>Share this article</p>
<p>The council said tolls would not rise. (Reporting by Jane Doe; Editing by John Roe)</p>
</article></body></html>"""
    result = html_to_article(page, "p.html")
    [art] = result.articles
    assert "By Jane Doe" not in art.text and "Reporting by" not in art.text
    assert art.text.endswith("The council said tolls would not rise.")
    meta = result.meta["p.html"]
    assert meta.author == "Jane Doe"
    assert dict(meta.extra)["furniture"] == "(Reporting by Jane Doe; Editing by John Roe)"
    assert strip_furniture("Text.\nShare this article", BYLINE_KINDS).removed == ()


def test_a_text_of_nothing_but_furniture_is_kept_whole() -> None:
    [art] = text_to_article("Advertisement\nShare this article", "f.txt").articles
    assert art.text == "Share this article" and art.title == "Advertisement"


# ------------------------------------------------------------------------------ properties


FURNITURE_LINES = (
    "By Jane Doe", "BY JOHN SMITH | Staff Writer", "Jane Doe, Associated Press", "AP",
    "(Reuters)", "Share this article", "Facebook Twitter Email", "Follow us on Twitter",
    "Sign up for our newsletter", "We use cookies to improve your experience.",
    "Advertisement", "Click here to read more", "Image caption A crowd on 4 May 2014",
    "Media playback is unsupported on your device", "© 2011 Reuters",
    "(Reporting by Jane Doe; Editing by John Roe)", "Latest stories", "Related",
    "Read more: Why the Fed raised rates", "12 March 2019", "More from CNN",
    "LONDON, Sept 22 (Reuters) - Shares fell.", "It rose. (Writing by Al Roe)", "",
    "  ", "BBC News, Washington",
)
LINE = st.one_of(st.sampled_from(FURNITURE_LINES + STORY_LINES),
                 st.text(st.characters(codec="utf-8"), max_size=40))


def expected_lines(text: str, got: Cleaned) -> list[str]:
    """The input's lines with the whole lines removed left out and the cuts made."""
    out, pos = [], 0
    pieces = list(got.removed)
    for line in lines_of(text):
        start, end = pos, pos + len(line)
        pos = end + 1
        mine = [p for p in pieces if start <= p.start and p.end <= end]
        if any((p.start, p.end) == (start, end) for p in mine):
            continue
        for p in sorted(mine, key=lambda p: -p.start):
            line = line[:p.start - start] + line[p.end - start:]
        out.append(line)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_strip_furniture_only_takes_out_whole_pieces_it_reports(lines: list[str]) -> None:
    text = "\n".join(lines)
    got = strip_furniture(text)
    if not got.removed:
        assert got.text == text
        return
    last = -1
    for piece in got.removed:
        assert text[piece.start:piece.end] == piece.text
        assert piece.start >= last  # in order, none overlapping
        last = piece.end
        whole = ((piece.start == 0 or text[piece.start - 1] == "\n")
                 and (piece.end == len(text) or text[piece.end] == "\n"))
        assert whole or piece.kind == "trailer"
    # the lines out are the lines in, less the pieces: only blank lines may go besides
    kept = expected_lines(text, got)
    out = lines_of(got.text) if got.text else []
    it = iter(kept)
    assert all(any(line == k for k in it) for line in out)  # a subsequence
    assert [ln for ln in out if ln.strip()] == [ln for ln in kept if ln.strip()]


def test_record_readers_take_furniture_out_as_a_txt_does(tmp_path) -> None:  # noqa: ANN001
    """A JSON line or a CSV row of scraped text carries the page's byline and its "Latest
    stories" list as a .txt does: out of the text, kept beside it."""
    import csv
    import json

    from newsline.ingest import read_any

    body = ("By Jane Doe\n\nThe airline said on Monday it would cut 40 flights a week from "
            "next month, blaming the rising cost of jet fuel.\n\nShares fell 3 per cent.\n\n"
            "Latest stories\n\nFerry strike ends\n\nMarch 3, 2015\n\nPort reopens\n")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": body, "title": "Airline cuts flights"}) + "\n")
    table = tmp_path / "rows.csv"
    with table.open("w", newline="") as fh:
        csv.writer(fh).writerows([["title", "text"], ["Airline cuts flights", body]])
    for path in (rows, table):
        result = read_any(path)
        [art] = result.articles
        assert art.text.startswith("The airline said on Monday"), path.name
        assert art.text.endswith("Shares fell 3 per cent."), path.name
        assert "March 3, 2015" not in art.text and "Jane Doe" not in art.text
        meta = result.meta[art.source]
        assert meta.author == "Jane Doe"
        assert "Latest stories" in dict(meta.extra)["furniture"]
    only_furniture = tmp_path / "odd.jsonl"
    only_furniture.write_text(json.dumps({"text": "By Jane Doe"}) + "\n")
    [art] = read_any(only_furniture).articles  # nothing but furniture: kept whole
    assert art.text == "By Jane Doe"
