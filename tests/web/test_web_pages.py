"""The analyst's pages: home, story, event, entity, document, flags and search, each as HTML
and as JSON under /api/, over the demo timeline, the hostile one and a real built store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from newsline.export.json import timeline
from newsline.store import Store
from newsline.web import create_app
from newsline.web.render import app_csp, highlight
from newsline.web.views import PART, SHOWN, parts_of


def q(id: str) -> str:
    return quote(id, safe="")


def html_of(client: TestClient, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200, (path, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == app_csp()
    return r.text


def json_of(client: TestClient, path: str) -> Any:
    r = client.get(path)
    assert r.status_code == 200, (path, r.text[:500])
    assert r.headers["content-type"] == "application/json"
    return r.json()


def every_page(tl: dict[str, Any]) -> list[str]:
    pages = ["/", "/flags", "/search?q=Kim", "/timeline"]
    pages += [f"/stories/{q(s['id'])}" for s in tl["stories"]]
    pages += [f"/events/{q(e['id'])}" for e in tl["events"]]
    pages += [f"/entities/{q(e['id'])}{more}" for e in tl["entities"]
              for more in ("", "/names", "/merges")]
    pages += [f"/documents/{q(d['id'])}" for d in tl["documents"]]
    return pages


def test_every_page_and_its_json(client: TestClient, demo: dict[str, Any]) -> None:
    for path in every_page(demo):
        page = html_of(client, path)
        if path != "/timeline":
            api = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page)
            assert api, path
            json_of(client, api.group(1).replace("&amp;", "&"))


def test_home(client: TestClient, demo: dict[str, Any]) -> None:
    data = json_of(client, "/api/stories")
    assert [s["id"] for s in data["stories"]] == ["s-satellite", "s-kim-russia"]  # newest first
    kim = data["stories"][1]
    assert (kim["documents"], kim["outlets"], kim["events"]) == (5, 4, 7)
    assert kim["span"] == "5 Sep 2023 – 31 Oct 2023"
    bars = kim["strip"]["bars"]  # its events over its span: several days, the busiest full
    assert len(bars) > 3 and max(b["h"] for b in bars) == 1
    assert sum(b["n"] for b in bars) == 7
    assert data["counts"]["articles"] == len(demo["documents"])
    first = json_of(client, "/api/stories?limit=1")
    assert (first["total"], first["next"], first["prev"]) == (2, 1, None)
    second = json_of(client, "/api/stories?limit=1&offset=1")
    assert second["stories"][0]["id"] == "s-kim-russia" and second["prev"] == 0


def test_story_filters(client: TestClient) -> None:
    path = "/api/stories/s-kim-russia"
    whole = json_of(client, path)
    assert [e["id"] for e in whole["events"]] == [  # by the first day each can be, then id
        "ev-eef", "ev-visit", "ev-arms", "ev-invite", "ev-summit", "ev-putin-visit", "ev-lavrov"]
    assert whole["total"] == 7
    assert {f["value"] for f in whole["facets"]["statuses"]} >= {"occurred", "planned", "denied"}
    planned = json_of(client, path + "?status=planned")
    assert [e["id"] for e in planned["events"]] == ["ev-putin-visit"]
    october = json_of(client, path + "?since=2023-10-01&until=2023-10-31")
    assert [e["id"] for e in october["events"]] == ["ev-lavrov"]
    september = json_of(client, path + "?since=2023-09-14&until=2023-09-14")
    assert [e["id"] for e in september["events"]] == ["ev-visit", "ev-putin-visit"]
    lavrov = json_of(client, path + "?entity=e-lavrov")
    assert [e["id"] for e in lavrov["events"]] == ["ev-lavrov"]
    tass = json_of(client, path + "?outlet=TASS")
    assert {e["id"] for e in tass["events"]} == {"ev-arms", "ev-lavrov"}
    junk = json_of(client, path + "?since=yesterday&type=")  # not a date: ignored
    assert junk["total"] == 7 and junk["filters"]["since"] is None
    visit = whole["events"][1]
    # in the order the articles were written (the undated blog at the middle of its range)
    assert [h["modality"] for h in visit["history"]] == ["expected", "reported", "asserted"]
    page = html_of(client, "/stories/s-kim-russia?status=planned")
    assert page.count('class="event ') == 1 and 'id="nl-axis"' in page


def test_event_shows_who_says_what_and_where_they_disagree(client: TestClient) -> None:
    arms = json_of(client, "/api/events/ev-arms/view")
    assert [m["outlet"] for m in arms["mentions"]] == ["Reuters", "TASS"]
    assert arms["mentions"][1]["attributed"] == {"id": "e-peskov", "name": "Dmitry Peskov"}
    status = next(d for d in arms["disagreements"] if d["facet"] == "status")
    assert {(s["value"], s["sources"]) for s in status["sides"]} == {
        ("happened", 1), ("did not happen", 1)}
    assert arms["independent_sources"] == 2
    page = html_of(client, "/events/ev-arms")
    assert "Where the sources disagree" in page and "Says it did not happen" in page
    assert "/documents/d-tass-0914?at=" in page  # each quote links to its place
    summit = json_of(client, "/api/events/ev-summit/view")
    assert any(d["facet"] == "places" for d in summit["disagreements"])  # Vladivostok, Vostochny
    protest = json_of(client, "/api/events/ev-protest/view")
    assert protest["disagreements"] == []


def test_entity_page(client: TestClient) -> None:
    kim = json_of(client, "/api/entities/e-kim/view")
    assert {a["alias"]: a["mentions"] for a in kim["aliases"]}["Kim Jong-un"] == 1
    assert kim["aliases"][0]["mentions"] >= kim["aliases"][-1]["mentions"]
    assert "e-putin" in {o["id"] for o in kim["cooccurring"]}
    assert [e["id"] for e in kim["timeline"]] == ["ev-eef", "ev-visit", "ev-invite", "ev-summit"]
    assert kim["timeline"][1]["roles"] == ["visitor"]
    assert kim["total"] == 4
    assert "Kim Jong-un" in html_of(client, "/entities/e-kim")


def test_document_page_marks_and_links_everything(client: TestClient, demo: dict[str, Any]) -> None:
    doc = json_of(client, "/api/documents/d-tass-0914/view")
    assert doc["date"]["label"] == "14 Sep 2023" and doc["date"]["basis"] == "metadata"
    assert [c["quote"] for c in doc["clues"]["used"]] == ["Sept 14 (TASS)"]
    assert doc["flags"][0]["kind"] == "contradiction"
    page = html_of(client, "/documents/d-tass-0914")
    text = next(d["text"] for d in demo["documents"] if d["id"] == "d-tass-0914")
    m = next(m for e in demo["events"] if e["id"] == "ev-arms" for m in e["mentions"]
             if m["doc"] == "d-tass-0914")
    assert f'id="q-{m["start"]}-{m["end"]}"' in page  # the event page's link lands here
    assert 'href="/entities/e-peskov"' in page and 'href="/events/ev-arms"' in page
    plain = re.sub(r"<[^>]+>", "", page.split('id="t">', 1)[1].split("</div>", 1)[0])
    assert plain.replace("↗", "").replace("&#39;", "'") == text  # the text, whole, in order


def test_a_document_shows_the_clues_set_aside(demo: dict[str, Any]) -> None:
    doc = next(d for d in demo["documents"] if d["id"] == "d-blog-undated")
    text = doc["text"]
    start = text.index("next week")
    doc["date"]["set_aside"] = [{"doc": doc["id"], "start": start, "end": start + 9,
                                 "quote": "next week", "reason": "no anchor to read it from"}]
    with TestClient(create_app(lambda: demo)) as c:
        data = json_of(c, "/api/documents/d-blog-undated/view")
        page = html_of(c, "/documents/d-blog-undated")
        assert json_of(c, "/api/documents/d-blog-undated") == doc  # kept in the contract
    assert data["clues"]["set_aside"] == [{"start": start, "end": start + 9,
                                           "quote": "next week",
                                           "reason": "no anchor to read it from"}]
    assert f'class="aside" data-q="q-{start}-{start + 9}"' in page
    assert "no anchor to read it from" in page


def test_a_failed_document_shows_its_problem(demo: dict[str, Any]) -> None:
    demo["documents"][0]["problem"] = {"stage": "limits", "reason": "too long to analyse"}
    with TestClient(create_app(lambda: demo)) as c:
        page = html_of(c, f"/documents/{demo['documents'][0]['id']}")
    assert "could not be analysed" in page and "too long to analyse" in page


def test_flags_filter(client: TestClient) -> None:
    every = json_of(client, "/api/flags")
    assert [f["severity"] for f in every["flags"]] == ["error", "warning", "info"]
    assert json_of(client, "/api/flags?kind=unsupported")["total"] == 1
    assert json_of(client, "/api/flags?severity=info")["flags"][0]["kind"] == "name-variant"
    assert json_of(client, "/api/flags?kind=duplicate")["flags"] == []
    assert "unnamed sources" in html_of(client, "/flags?severity=warning")


def test_search_groups_by_story(client: TestClient) -> None:
    found = json_of(client, "/api/search?q=Kim Jong-un")
    assert found["entities"][0]["id"] == "e-kim"
    stories = [g["story"]["id"] if g["story"] else None for g in found["groups"]]
    assert stories[0] == "s-kim-russia" and len(stories) == len(set(stories))
    docs = [d for g in found["groups"] for d in g["documents"]]
    assert any(hit for d in docs for _, hit in d["snippet"])
    assert json_of(client, "/api/search?q=")["total"] == 0
    satellite = json_of(client, "/api/search?q=satellite")
    assert {g["story"]["id"] for g in satellite["groups"] if g["story"]} >= {"s-satellite"}
    page = html_of(client, "/search?q=satelite")  # prefix and spelling tolerant
    assert "article" in page


def test_not_found_and_bad_parameters(client: TestClient) -> None:
    for path in ("/stories/nope", "/events/nope", "/entities/nope", "/documents/nope"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert r.headers["content-security-policy"] == app_csp() and "Not found" in r.text
        api = client.get("/api" + path + ("" if path.startswith("/stories") else "/view"))
        assert api.status_code == 404 and api.json()["error"] == "not_found"
    assert client.get("/api/stories?limit=0").status_code == 422
    assert client.get("/api/stories?limit=many").status_code == 422
    assert client.get("/api/stories?offset=-1").status_code == 422
    assert client.get("/static/../app.py").status_code == 404
    css = client.get("/static/app.css")
    assert css.headers["content-type"].startswith("text/css") and "etag" in css.headers


def test_hostile_text_is_escaped_everywhere(hostile_client: TestClient, hostile: dict[str, Any],
                                            payloads: tuple[str, ...]) -> None:
    for path in every_page(hostile):
        r = hostile_client.get(path)
        assert r.status_code in (200, 404), (path, r.text[:300])
        if path == "/timeline":
            continue
        for payload in payloads[:3]:  # script, attribute break-out, script end
            assert payload not in r.text.replace("></script>", ">"), (path, payload)
        assert "<img" not in r.text and "<svg/onload" not in r.text
        assert 'href="javascript:' not in r.text.lower()
        assert len(re.findall(r"<script\b", r.text)) == 1  # the app's own, from /static/


def test_highlight_copes_with_crossing_spans() -> None:
    text = "Alpha beta gamma delta <b>"
    notes = {
        "events": [{"event": "e/1", "start": 0, "end": 16, "status": "occurred",
                    "summary": "<x>", "modality": "asserted", "trigger_start": 6,
                    "trigger_end": 10}],
        "evidence": [{"owner_kind": "document", "start": 11, "end": 22, "reason": '"r"'}],
        "timexes": [{"start": 17, "end": 22, "type": "DATE", "value": "2023"}],
        "mentions": [{"entity": "a", "start": 0, "end": 5, "kind": "name", "name": "A",
                      "type": "PERSON"},
                     {"entity": "b", "start": 3, "end": 10, "kind": "name", "name": "B",
                      "type": "ORG"}],
    }
    out = str(highlight(text, notes))
    assert re.sub(r"<[^>]+>", "", out).replace("↗", "") == "Alpha beta gamma delta &lt;b&gt;"
    assert out.count('id="q-0-16"') == 1 and out.count('id="q-11-22"') == 1
    assert "/events/e%2F1" in out and "&lt;x&gt;" in out and "&quot;r&quot;" in out
    # never a link inside a link
    depth = 0
    for tag in re.findall(r"</?a\b", out):
        depth += 1 if tag == "<a" else -1
        assert depth <= 1


# ---------------------------------------------------------------------------- over a store


@pytest.fixture(scope="module")
def store_client(built_db: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    db = tmp_path_factory.mktemp("web") / "copy.db"
    with Store(built_db) as store:
        store.conn.execute("VACUUM INTO ?", (str(db),))
    with Store(db) as store:
        tl = timeline(store)
    with TestClient(create_app(None, db=db)) as c:
        yield c, tl


def test_the_store_s_objects_are_the_timeline_s(store_client: tuple[TestClient, dict[str, Any]],
                                                ) -> None:
    client, tl = store_client
    for collection in ("entities", "events", "documents"):
        for item in tl[collection][:25]:
            assert json_of(client, f"/api/{collection}/{q(item['id'])}") == item
    whole = json_of(client, "/api/timeline")
    whole["generated_at"] = tl["generated_at"]
    assert whole == tl


def test_the_whole_timeline_is_sent_as_it_is_read(
        store_client: tuple[TestClient, dict[str, Any]]) -> None:
    """Over a store, ``/api/timeline`` streams (no length known beforehand, several pieces)
    the same security headers as every answer."""
    client, tl = store_client
    with client.stream("GET", "/api/timeline") as r:
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert "content-length" not in r.headers
        assert r.headers["x-content-type-options"] == "nosniff"
        pieces = list(r.iter_raw())
    assert len(pieces) > 3 and b"".join(pieces).startswith(b'{"schema":"newsline.timeline/1"')


def test_a_store_too_big_for_one_page_says_where_to_read_it(
        store_client: tuple[TestClient, dict[str, Any]], monkeypatch: pytest.MonkeyPatch,
        ) -> None:
    from newsline.export.html import render_html
    from newsline.web import app as web_app

    client, tl = store_client
    monkeypatch.setattr(web_app, "ONE_PAGE_LIMIT", len(tl["documents"]) - 1)
    page = html_of(client, "/timeline")
    assert f"This store holds {len(tl['documents'])} articles" in page
    for link in ('href="/"', 'href="/search"', 'href="/api/timeline"'):
        assert link in page
    assert "<article" not in page  # none of the timeline's own content
    monkeypatch.setattr(web_app, "ONE_PAGE_LIMIT", len(tl["documents"]))
    whole = html_of(client, "/timeline")
    assert "This store holds" not in whole and len(whole) > 10 * len(page)
    assert whole.count("<article") == render_html(tl).count("<article")


@pytest.mark.parametrize("collection", ["entities", "events"])
def test_an_object_s_mentions_come_a_page_at_a_time(
        store_client: tuple[TestClient, dict[str, Any]], collection: str) -> None:
    client, tl = store_client
    biggest = max(tl[collection], key=lambda o: len(o["mentions"]))
    assert len(biggest["mentions"]) > 3
    path = f"/api/{collection}/{q(biggest['id'])}"
    got: list[Any] = []
    url: str | None = path + "?limit=3"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        assert int(r.headers["x-total-count"]) == len(biggest["mentions"])
        page = r.json()
        assert {k: v for k, v in page.items() if k != "mentions"} == {
            k: v for k, v in biggest.items() if k != "mentions"}
        assert 1 <= len(page["mentions"]) <= 3
        got += page["mentions"]
        link = r.headers.get("link")
        url = re.fullmatch(r'<([^>]+)>; rel="next"', link).group(1) if link else None
    assert got == biggest["mentions"]
    past = client.get(path + f"?offset={len(biggest['mentions'])}").json()
    assert past["mentions"] == [] and past["id"] == biggest["id"]
    assert client.get(path + "?limit=0").status_code == 422


def test_the_timeline_s_objects_page_their_mentions_too(client: TestClient,
                                                         demo: dict[str, Any]) -> None:
    event = max(demo["events"], key=lambda e: len(e["mentions"]))
    r = client.get(f"/api/events/{q(event['id'])}?limit=1&offset=1")
    assert r.json()["mentions"] == event["mentions"][1:2]
    assert r.headers["x-total-count"] == str(len(event["mentions"]))


def test_a_card_names_its_first_participants_and_counts_them_all(
        store_client: tuple[TestClient, dict[str, Any]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsline.web import views

    client, tl = store_client
    event = max(tl["events"], key=lambda e: len(e["participants"]))
    n = len(event["participants"])
    assert n >= 2
    monkeypatch.setattr(views, "EVENT_CHIPS", n - 1)
    view = json_of(client, f"/api/events/{q(event['id'])}/view")["event"]
    assert [p["id"] for p in view["participants"]] == [
        p["entity"] for p in event["participants"]][:n - 1]
    assert view["participants_total"] == n
    assert view["places_total"] == len(event["places"])
    page = html_of(client, f"/events/{q(event['id'])}")
    if len(event["places"]) < n and n - 1 + len(event["places"]) <= 40:  # one left out
        assert "and 1 more</span>" in page


def test_every_page_over_a_real_build(store_client: tuple[TestClient, dict[str, Any]]) -> None:
    client, tl = store_client
    for s in tl["stories"][:5]:
        data = json_of(client, f"/api/stories/{q(s['id'])}")
        assert data["total"] == len(s["events"])
    biggest = max(tl["stories"], key=lambda s: len(s["events"]))
    html_of(client, f"/stories/{q(biggest['id'])}")
    for path in every_page({"stories": [], "events": tl["events"][:10],
                            "entities": tl["entities"][:10], "documents": tl["documents"][:10]}):
        html_of(client, path)
    gm = json_of(client, "/api/search?q=General Motors")
    assert gm["entities"] and gm["total"] > 0
    assert json_of(client, "/api/events?type=" + q(tl["events"][0]["type"]))["total"] >= 1


def test_requests_reuse_a_few_connections(store_client: tuple[TestClient, dict[str, Any]]) -> None:
    client, _ = store_client
    pool = client.app.state.views.pool  # type: ignore[attr-defined]
    for _ in range(30):
        client.get("/api/stories?limit=1")
        client.get("/stories/nope")  # a 404 returns its connection too
    assert pool.lent == 0 and 1 <= len(pool.idle) <= pool.keep


def test_a_timeline_dict_is_written_once_per_version(demo: dict[str, Any]) -> None:
    version = ["v1"]
    with TestClient(create_app(lambda: demo, lambda: version[0])) as c:
        views = c.app.state.views  # type: ignore[attr-defined]
        c.get("/")
        first = views.copy
        c.get("/flags")
        assert views.copy is first
        folder = first[1].cleanup
        version[0] = "v2"
        c.get("/")
        assert views.copy is not first and not folder.exists()  # the old copy is removed


def test_a_long_document_comes_a_part_at_a_time(demo: dict[str, Any]) -> None:
    doc = next(d for d in demo["documents"] if d["id"] == "d-tass-0914")
    text = "".join(f"Paragraph {i} of the long report tells of Moscow.\n" for i in range(3000))
    doc["text"] = text
    cuts = parts_of(text)
    assert len(cuts) >= 3 and cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(b - a <= PART and text[b - 1] == "\n" for a, b in cuts[:-1])
    cut = cuts[0][1]
    start, end = cut - 12, cut + 20  # a quote across the first cut
    event = next(e for e in demo["events"] if e["id"] == "ev-arms")
    event["mentions"] = [{"doc": doc["id"], "start": start, "end": end,
                          "quote": text[start:end], "modality": "asserted",
                          "attributed_to": None}]
    moscow = text.index("Moscow", cut)
    demo["entities"][0]["mentions"].append({"doc": doc["id"], "start": moscow,
                                            "end": moscow + 6, "text": "Moscow"})
    anchor = f'id="q-{start}-{end}"'
    with TestClient(create_app(lambda: demo)) as c:
        first = json_of(c, f"/api/documents/{doc['id']}/view")
        assert first["part"] == {"index": 0, "count": len(cuts), "start": 0, "end": cut,
                                 "prev": None, "next": 1}
        assert first["document"]["text"] == text[:cut]
        assert first["document"]["length"] == len(text)
        second = json_of(c, f"/api/documents/{doc['id']}/view?at={cut + 1}")
        assert second["part"]["index"] == 1 and second["document"]["text"] == text[slice(*cuts[1])]
        # the annotations keep the whole text's offsets, only those of the part
        assert [(m["start"], m["end"]) for m in second["annotations"]["events"]] == [(start, end)]
        assert any(m["start"] == moscow for m in second["annotations"]["mentions"])
        assert not any(m["start"] == moscow for m in first["annotations"]["mentions"])
        last = json_of(c, f"/api/documents/{doc['id']}/view?part=999")
        assert last["part"]["index"] == len(cuts) - 1 and last["part"]["next"] is None
        pages = [html_of(c, f"/documents/{doc['id']}?part={i}") for i in range(len(cuts))]
        event_page = html_of(c, "/events/ev-arms")
    plain = [re.sub(r"<[^>]+>", "", p.split('id="t">', 1)[1].split("</div>", 1)[0])
             .replace("↗", "") for p in pages]
    assert "".join(plain) == text  # every part, in order, is the text
    assert pages[0].count(anchor) == 1 and anchor not in pages[1]  # anchored where it begins
    assert f'data-q="q-{start}-{end}"' in pages[1]  # and marked on both sides of the cut
    assert f'href="/entities/{q(demo["entities"][0]["id"])}"' in pages[1]
    assert "Part 2 of" in pages[1] and 'href="/documents/d-tass-0914?part=2"' in pages[1]
    # the event page's link to the quote opens the part that holds it
    assert f"/documents/d-tass-0914?at={start}#q-{start}-{end}" in event_page


@given(st.text(alphabet=" ab\n", max_size=400), st.integers(min_value=8, max_value=60))
def test_parts_cover_the_text_in_order(text: str, size: int) -> None:
    cuts = parts_of(text, size)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a < b or len(text) == 0 for a, b in cuts)
    assert all(b == c for (_, b), (c, _) in zip(cuts, cuts[1:], strict=False))
    assert all(b - a <= size for a, b in cuts)


def test_an_entity_of_many_names_lists_them_a_page_at_a_time(demo: dict[str, Any]) -> None:
    kim = next(e for e in demo["entities"] if e["id"] == "e-kim")
    extra = [f"Kim Variant {i:02d}" for i in range(SHOWN + 15)]
    kim["aliases"] += extra
    kim["merges"] = [{"left": "Kim Jong Un", "right": v, "rule": f"rule {i}"}
                     for i, v in enumerate(extra)]
    with TestClient(create_app(lambda: demo)) as c:
        view = json_of(c, "/api/entities/e-kim/view")
        page = html_of(c, "/entities/e-kim")
        pages, offset = [], 0
        while offset is not None:
            data = json_of(c, f"/api/entities/e-kim/names?limit=20&offset={offset}")
            pages.append(data)
            offset = data["next"]
        merges = json_of(c, "/api/entities/e-kim/merges?limit=1000")
        html_names = html_of(c, "/entities/e-kim/names?limit=20&offset=20")
        assert c.get("/entities/nobody/names").status_code == 404
        assert c.get("/api/entities/e-kim/names?limit=0").status_code == 422
    total = len(kim["aliases"])
    assert len(view["aliases"]) == SHOWN and view["aliases_total"] == total
    assert len(view["merges"]) == SHOWN and view["merges_total"] == len(extra)
    assert f"All {total} names" in page and 'href="/entities/e-kim/merges"' in page
    listed = [a["alias"] for p in pages for a in p["entries"]]
    assert sorted(listed) == sorted(kim["aliases"]) and len(pages) == -(-total // 20)
    counts = [a["mentions"] for p in pages for a in p["entries"]]
    assert counts == sorted(counts, reverse=True)  # most mentioned first
    assert [m["rule"] for m in merges["entries"]] == [f"rule {i}" for i in range(len(extra))]
    assert listed[20] in html_names and 'rel="next"' in html_names and 'rel="prev"' in html_names
