"""Per-story summary lines ("summaries", an additive top-level key) on the page."""

from __future__ import annotations

import lxml.html

from newsline.export.html import render_html

try:
    from tests.export.fixtures import XSS_SCRIPT, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import XSS_SCRIPT, demo_timeline  # type: ignore[no-redef]


def test_story_shows_its_summary_lines_linked_to_sources() -> None:
    timeline = demo_timeline()
    story = timeline["stories"][0]
    doc = timeline["documents"][0]
    timeline["summaries"] = [
        {"story": story["id"], "date": "2023-09-13", "text": f"Second line {XSS_SCRIPT}",
         "doc": doc["id"], "start": 0, "end": 5},
        {"story": story["id"], "date": "2023-09-12", "text": "First line.",
         "doc": doc["id"], "start": 0, "end": 5},
        {"story": "no-such-story", "date": "2023-09-12", "text": "Orphan.", "doc": "x"},
    ]
    html = render_html(timeline)
    assert XSS_SCRIPT not in html
    tree = lxml.html.fromstring(html)
    items = tree.xpath("//article[@class='story']//section[@class='brief']//li")
    assert [li.xpath(".//span[@class='brieftext']")[0].text_content() for li in items] == [
        "First line.", f"Second line {XSS_SCRIPT}"]
    assert items[0].xpath(".//time")[0].get("datetime") == "2023-09-12"
    assert items[0].xpath(".//span[@class='briefsrc']/a")[0].get("href").startswith("#doc-")
    assert "Orphan." not in html


def test_no_summaries_no_brief() -> None:
    assert "class=\"brief\"" not in render_html(demo_timeline())
