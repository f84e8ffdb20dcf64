"""The HTML page: structure on a realistic timeline, and no injection from a hostile one."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from newsline.export.html import (
    STATUSES,
    anchor,
    format_date,
    json_for_script,
    render_html,
    safe_href,
)

try:
    from tests.export.fixtures import PAYLOADS, TEMPLATE, adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import (  # type: ignore[no-redef]
        PAYLOADS,
        TEMPLATE,
        adversarial_timeline,
        demo_timeline,
    )


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return demo_timeline()


@pytest.fixture(scope="module")
def demo_html(demo: dict[str, Any]) -> str:
    html = render_html(demo)
    artifacts = os.environ.get("NEWSLINE_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        Path(artifacts, "timeline.html").write_text(html, encoding="utf-8")
    return html


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    return adversarial_timeline()


@pytest.fixture(scope="module")
def hostile_html(hostile: dict[str, Any]) -> str:
    return render_html(hostile)


def tree(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def http_links(doc: dict[str, Any]) -> list[str]:
    """The links a document's source line should have: its source and url, if http(s)."""
    found = [u for u in dict.fromkeys([doc["source"], doc.get("url")]) if u]
    return [u for u in found if u.startswith(("http://", "https://"))]


def by_id(root: Any, id: str) -> Any:
    found = root.xpath("//*[@id=$id]", id=id)
    assert len(found) == 1, id
    return found[0]


# ---------------------------------------------------------------------- structure


def test_page_has_header_counts_and_sections(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    counts = " ".join(root.xpath("//ul[@class='counts']")[0].text_content().split())
    for name in ("documents", "entities", "events", "stories", "flags"):
        assert f"{len(demo[name])} {name}" in counts
    assert demo["generated_at"] in root.xpath("//header")[0].text_content()
    for section in ("stories", "other-events", "flags", "entities", "documents"):
        by_id(root, section)


def test_every_event_once_with_status_badge(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    rendered = root.xpath("//li[@data-event-id]/@data-event-id")
    assert sorted(rendered) == sorted(ev["id"] for ev in demo["events"])
    badges = {b.text for b in root.xpath("//li[@data-event-id]//span[contains(@class,'badge')]")}
    assert badges == set(STATUSES)  # the demo uses every status
    for ev in demo["events"]:
        li = by_id(root, anchor("event", ev["id"]))
        assert f"st-{ev['status']}" in li.get("class")
        assert ev["summary"] in li.text_content()


def test_stories_order_events_and_draw_an_axis(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    story = demo["stories"][0]
    node = by_id(root, anchor("story", story["id"]))
    assert story["title"] in node.xpath(".//h3")[0].text_content()
    assert "5 Sep 2023 – 31 Oct 2023" in node.text_content()
    ids = node.xpath(".//li[@data-event-id]/@data-event-id")
    assert sorted(ids) == sorted(story["events"])
    starts = [next(e for e in demo["events"] if e["id"] == i)["date"]["earliest"] for i in ids]
    assert [s for s in starts if s] == sorted(s for s in starts if s)
    marks = node.xpath(".//*[local-name()='svg']//*[local-name()='a']/@href")
    assert sorted(marks) == sorted("#" + anchor("event", i) for i in story["events"])


def test_other_events_are_those_in_no_story(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    in_story = {e for s in demo["stories"] for e in s["events"]}
    other = by_id(root, "other-events").xpath(".//li[@data-event-id]/@data-event-id")
    assert sorted(other) == sorted(e["id"] for e in demo["events"] if e["id"] not in in_story)


def test_event_shows_range_participants_and_sources(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    visit = by_id(root, anchor("event", "ev-visit"))
    text = " ".join(visit.text_content().split())
    assert "12 Sep 2023" in text and "between 12 Sep 2023 and 17 Sep 2023" in text
    assert visit.xpath(".//time/@datetime") == ["2023-09-12"]
    assert "Kim Jong Un" in text and "Russia" in text
    ev = next(e for e in demo["events"] if e["id"] == "ev-visit")
    quotes = [q.text_content() for q in visit.xpath(".//blockquote")]
    assert quotes == [m["quote"] for m in ev["mentions"]]
    assert "according to U.S. officials" in text and "according to North Korea" in text
    assert "expected" in text and "asserted" in text
    cites = visit.xpath(".//span[@class='cite']/a/@href")
    for m in ev["mentions"]:
        assert "#" + anchor("doc", m["doc"]) in cites
    summit = " ".join(by_id(root, anchor("event", "ev-summit")).text_content().split())
    assert "between" not in summit  # a single day has no range to show


def test_flags_beside_documents_and_in_their_section(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    for flag in demo["flags"]:
        node = by_id(root, anchor("flag", flag["id"]))
        assert f"sev-{flag['severity']}" in node.get("class")
        assert flag["message"] in node.text_content()
        for ev in flag["evidence"]:
            assert ev["quote"] in [q.text_content() for q in node.xpath(".//q")]
        for doc in flag["documents"]:
            article = by_id(root, anchor("doc", doc))
            assert "#" + anchor("flag", flag["id"]) in article.xpath(".//aside//a/@href")
            assert flag["message"] in article.text_content()


def test_entities_and_documents(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    kim = by_id(root, anchor("entity", "e-kim"))
    cells = [" ".join(c.text_content().split()) for c in kim]
    entity = next(e for e in demo["entities"] if e["id"] == "e-kim")
    assert cells[0] == "Kim Jong Un" and cells[1] == "PERSON"
    assert cells[2] == ", ".join(entity["aliases"])
    assert cells[3].startswith(str(len(entity["mentions"])))
    for doc in demo["documents"]:
        node = by_id(root, anchor("doc", doc["id"]))
        text = " ".join(node.text_content().split())
        if doc["outlet"]:
            assert doc["outlet"] in text
        assert doc["date"]["basis"] in text
        for ev in doc["date"]["evidence"]:
            assert ev["quote"] in text
        links = node.xpath(".//p[@class='source']/a/@href")
        assert links == http_links(doc)
        assert doc["source"] in text


def test_self_contained_and_readable_without_js(demo_html: str) -> None:
    root = tree(demo_html)
    assert not root.xpath("//*[@src]") and not root.xpath("//link")
    assert "url(" not in demo_html and "@import" not in demo_html
    for href in root.xpath("//@href"):
        assert href.startswith(("#", "http://", "https://")), href
    assert root.xpath("//form[@id='nl-filter']/@hidden") == [""]  # shown by the script
    assert not root.xpath("//*[contains(@class,'is-hidden')]")
    assert all(d.get("open") is not None for d in root.xpath("//details[@class='sources']"))


def test_csp_hashes_match_inline_code(demo_html: str) -> None:
    root = tree(demo_html)
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    style = root.xpath("//style")[0].text
    code = [s.text for s in root.xpath("//script") if s.get("type") is None][0]
    for kind, text in (("style-src", style), ("script-src", code)):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp


def test_filter_index_lists_every_event(demo: dict[str, Any], demo_html: str) -> None:
    root = tree(demo_html)
    index = json.loads(root.xpath("//script[@id='nl-index']")[0].text)["events"]
    assert {e["a"] for e in index} == {anchor("event", e["id"]) for e in demo["events"]}
    visit = next(e for e in index if e["a"] == anchor("event", "ev-visit"))
    assert "kim jong-un" in visit["n"] and visit["t"] == "visit" and visit["s"] == "occurred"


def test_empty_timeline_renders() -> None:
    root = tree(render_html({"schema": "newsline.timeline/1", "generated_at": None}))
    assert "No stories." in root.text_content()


# ---------------------------------------------------------------------- hostile input


def test_no_markup_from_data_survives(hostile_html: str) -> None:
    assert "<script>alert" not in hostile_html
    assert "<img" not in hostile_html
    assert len(re.findall(r"<script\b", hostile_html)) == 2  # the index and the filter code
    assert hostile_html.count("</script>") == 2
    root = tree(hostile_html)
    assert not root.xpath("//img")
    for el in root.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], el.tag
    assert "<svg/onload" not in hostile_html
    for script in root.xpath("//script"):
        assert "</" not in script.text
    index = root.xpath("//script[@id='nl-index']")[0].text
    assert not set("<>&") & set(index)


def test_hostile_text_is_shown_literally(hostile: dict[str, Any], hostile_html: str) -> None:
    text = tree(hostile_html).text_content()
    for payload in PAYLOADS:
        assert payload in text
    assert text.count(TEMPLATE) >= 5
    assert "{% raw %}" in text


def test_only_http_links_become_hrefs(hostile: dict[str, Any], hostile_html: str) -> None:
    root = tree(hostile_html)
    for href in root.xpath("//@href"):
        assert href.startswith(("#", "http://", "https://")), href
    links = root.xpath("//p[@class='source']/a/@href")
    assert sorted(links) == sorted(link for d in hostile["documents"] for link in http_links(d))
    assert "https://example.net/ok" in links
    shown = root.xpath("//p[@class='source']/span[@class='nolink']/text()")
    assert "javascript:alert(1)" in shown and "//evil.example/x" in shown


def test_hostile_ids_still_anchor(hostile: dict[str, Any], hostile_html: str) -> None:
    root = tree(hostile_html)
    assert sorted(root.xpath("//li[@data-event-id]/@data-event-id")) == sorted(
        e["id"] for e in hostile["events"]
    )
    for ev in hostile["events"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", anchor("event", ev["id"]))
        by_id(root, anchor("event", ev["id"]))
    index = root.xpath("//script[@id='nl-index']")[0].text
    assert json.loads(index)["events"]


def test_helpers() -> None:
    assert json_for_script({"x": "</script><b>&\u2028"}) == (
        '{"x": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    )
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " https://x.org",
        "data:text/html,x",
        "//x.org",
        "file:///etc/passwd",
        "https://",
        "http://a b.org",
        None,
        3,
    ):
        assert safe_href(bad) is None, bad
    assert anchor("doc", "a.b") != anchor("doc", "a.2e.b") or "a.b" == "a.2e.b"
    assert len({anchor("e", s) for s in ("a b", "a_b", "a-b", "a.20.b", "a.b")}) == 5
    assert format_date("2023-09-12") == "12 Sep 2023"
    assert format_date("2023-09") == "Sep 2023" and format_date("2023") == "2023"
    assert format_date("2023-13") == "2023-13" and format_date("<b>") == "<b>"


def test_only_named_entities_are_listed() -> None:
    """An entity only ever described ("the shares") stays in the data, not in the page's list."""
    from newsline.analyze import analyze
    from newsline.corpus import build_corpus
    from newsline.export.json import make_timeline, validate
    from newsline.ingest import article_id
    from newsline.model import Article

    text = ("Boeing said on Monday that the shares fell after investors sold them. "
            "Analyst Jim Cramer told viewers the shares would recover.")
    article = Article(article_id(text), "a.txt", text)
    corpus = build_corpus([article], [analyze(article)])
    data = make_timeline([article], corpus)
    validate(data)
    named = {e["name"]: e["named"] for e in data["entities"]}
    assert named.get("Boeing") is True
    assert any(v is False for v in named.values()), named  # a described participant is kept
    root = tree(render_html(data))
    listed = {" ".join(r[0].text_content().split())
              for r in root.xpath("//section[@id='entities']//tbody/tr")}
    assert "Boeing" in listed
    assert not {n for n, v in named.items() if v is False} & listed
