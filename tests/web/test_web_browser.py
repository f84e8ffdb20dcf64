"""The app as a person uses it, in a real headless Chromium (Debian's /usr/bin/chromium through
Playwright) against the real server: find a story from the home page, open an event, follow a
quote to its highlighted place, search for a person by another spelling, filter a story by a
date range, read every page 420 px wide; and a hostile timeline's payloads never run.

Skipped cleanly when Chromium or the playwright package is absent; Playwright's own browser
downloads are never used. Screenshots go to ``$NEWSLINE_ARTIFACTS`` (default: a temp dir).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from newsline.web import create_app

CHROMIUM = os.environ.get("NEWSLINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("NEWSLINE_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        try:
            yield ctx
        finally:
            ctx.close()


class Watched:
    """A page with every console error, page error and dialog recorded."""

    def __init__(self, ctx: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def goto(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture(scope="module")
def demo_server(serve_app: Callable[..., AbstractContextManager[int]],
                timelines: Any) -> Iterator[str]:
    tl = timelines.demo_timeline()
    with serve_app(create_app(lambda: tl, lambda: "v")) as port:
        yield f"http://127.0.0.1:{port}"


def shown(page: Any, selector: str) -> int:
    return int(page.evaluate(
        f"Array.from(document.querySelectorAll({selector!r}))"
        ".filter(e => !e.closest('.is-hidden') && e.getClientRects().length).length"))


def test_a_reader_follows_a_story_to_an_event_and_a_quote(
        browser: Any, demo_server: str, artifacts: Path) -> None:
    w = Watched(browser)
    page = w.goto(demo_server + "/")
    page.screenshot(path=str(artifacts / "web-home.png"), full_page=True)
    page.click("text=Kim Jong Un's trip to Russia")
    page.wait_for_url("**/stories/s-kim-russia")
    assert page.inner_text("h1") == "Kim Jong Un's trip to Russia"
    assert shown(page, "#nl-events > .event") == 7
    page.screenshot(path=str(artifacts / "web-story.png"), full_page=True)
    page.click(".summary a:has-text(\"Russia and North Korea sign an arms agreement\")")
    page.wait_for_url("**/events/ev-arms")
    assert "Where the sources disagree" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "web-event.png"), full_page=True)
    page.click("figure.mention >> nth=1 >> blockquote a")  # TASS: no agreement was signed
    page.wait_for_url("**/documents/d-tass-0914?at=*#q-*")
    target = page.locator("mark.is-target")
    assert target.count() >= 1 and "no agreements" in target.first.inner_text()
    assert target.first.is_visible()
    box = target.first.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to it
    page.screenshot(path=str(artifacts / "web-document.png"), full_page=True)
    assert w.errors == [] and w.dialogs == []


def test_search_finds_a_person_by_another_spelling(
        browser: Any, demo_server: str, artifacts: Path) -> None:
    w = Watched(browser)
    page = w.goto(demo_server + "/")
    page.fill("header input[name=q]", "Poutine")  # Putin, as French papers spell him
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Poutine")
    names = page.locator("main .chip a")
    assert "Vladimir Putin" in names.all_inner_texts()
    page.screenshot(path=str(artifacts / "web-search.png"), full_page=True)
    names.filter(has_text="Vladimir Putin").first.click()
    page.wait_for_url("**/entities/e-putin")
    assert "Putin" in page.inner_text("main table")
    assert w.errors == []


def test_a_story_filters_by_date_range_in_place(
        browser: Any, demo_server: str, artifacts: Path) -> None:
    w = Watched(browser)
    page = w.goto(demo_server + "/stories/s-kim-russia")
    page.fill("#nl-filter input[name=since]", "2023-10-01")
    page.fill("#nl-filter input[name=until]", "2023-10-31")
    page.wait_for_function("document.querySelectorAll('#nl-events > .event:not(.is-hidden)')"
                           ".length === 1")
    assert "Lavrov" in page.inner_text("#nl-events > .event:not(.is-hidden)")
    assert "Showing 1 of 7" in page.inner_text("#nl-count")
    assert "since=2023-10-01" in page.url  # the filtered view can be shared
    assert shown(page, "#nl-axis circle") == 1
    page.screenshot(path=str(artifacts / "web-story-filtered.png"), full_page=True)
    page.click("#nl-zoom-all")
    assert shown(page, "#nl-events > .event") == 7
    page.click("#nl-zoom-in")
    assert 0 < shown(page, "#nl-events > .event") <= 7
    page.select_option("#nl-filter select[name=status]", "planned")
    page.wait_for_function("document.querySelectorAll('#nl-events > .event:not(.is-hidden)')"
                           ".length <= 1")
    page.click("text=Apply")  # the server filters too (every page of a long story)
    page.wait_for_url("**status=planned**")
    assert w.errors == []


def test_every_page_reads_at_420_px(browser: Any, demo_server: str, artifacts: Path) -> None:
    w = Watched(browser)
    w.page.set_viewport_size({"width": 420, "height": 900})
    for name, path in (("home", "/"), ("story", "/stories/s-kim-russia"),
                       ("event", "/events/ev-arms"), ("entity", "/entities/e-kim"),
                       ("document", "/documents/d-reuters-0905"), ("flags", "/flags"),
                       ("search", "/search?q=satellite")):
        page = w.goto(demo_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 420, (path, width)
        page.screenshot(path=str(artifacts / f"web-{name}-420.png"), full_page=True)
    assert w.errors == []


def test_hostile_articles_run_no_script(browser: Any, run_server: Any, timelines: Any,
                                       artifacts: Path) -> None:
    tl = timelines.adversarial_timeline()
    paths = ["/", "/flags", "/search?q=script", "/search?q=%3Cscript%3E"]
    paths += [f"/stories/{quote(s['id'], safe='')}" for s in tl["stories"]]
    paths += [f"/events/{quote(e['id'], safe='')}" for e in tl["events"]]
    paths += [f"/entities/{quote(e['id'], safe='')}" for e in tl["entities"]]
    paths += [f"/documents/{quote(d['id'], safe='')}" for d in tl["documents"]]
    w = Watched(browser)
    with run_server(create_app(lambda: tl, lambda: "v")) as port:
        for i, path in enumerate(paths):
            page = w.goto(f"http://127.0.0.1:{port}{path}")
            page.wait_for_timeout(100)  # let any injected handler (onerror, onload) try
            for link in page.query_selector_all("a[href]"):
                href = (link.get_attribute("href") or "").strip().lower()
                assert not href.startswith(("javascript:", "data:")), (path, href)
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.evaluate(
                "document.querySelectorAll('img, [onerror], [onload], iframe').length") == 0
            assert page.evaluate("Array.from(document.scripts).map(s => s.src)") == [
                f"http://127.0.0.1:{port}/static/app.js?v=" + page.evaluate(
                    "document.scripts[0].src.split('v=')[1]")]
            if i < 3 or path.startswith("/documents/a1"):
                page.screenshot(path=str(artifacts / f"web-hostile-{i}.png"), full_page=True)
    assert w.dialogs == []
    assert [e for e in w.errors if "404" not in e] == []
