"""The HTML page in a real headless Chromium (Debian's /usr/bin/chromium through Playwright):
the filter hides events, nothing logs an error, and a hostile timeline runs no script.

Skipped cleanly when Chromium or the playwright package is absent; Playwright's own browser
downloads are never used. Screenshots go to ``$NEWSLINE_ARTIFACTS`` (default: a temp dir).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsline.export.html import render_html

try:
    from tests.export.fixtures import adversarial_timeline, demo_timeline
except ImportError:  # tests/ is not a package: pytest put this folder on sys.path
    from fixtures import adversarial_timeline, demo_timeline  # type: ignore[no-redef]

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
    """A page opened from a file, with every console error, page error and dialog recorded."""

    def __init__(self, ctx: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = ctx.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def page_file(tmp_path: Path, timeline: dict[str, Any], name: str) -> Path:
    path = tmp_path / name
    path.write_text(render_html(timeline), "utf-8")
    return path


def visible_events(page: Any) -> int:
    return int(page.evaluate(
        "document.querySelectorAll('.event:not(.is-hidden)').length"))


def test_filter_hides_events_without_console_errors(
    browser: Any, tmp_path: Path, artifacts: Path,
) -> None:
    timeline = demo_timeline()
    w = Watched(browser, page_file(tmp_path, timeline, "demo.html"))
    page = w.page
    assert page.is_visible("#nl-filter")  # the script ran and showed the filter form
    total = visible_events(page)
    assert total == len(timeline["events"])
    page.screenshot(path=str(artifacts / "browser-demo.png"))

    page.select_option("#nl-f-status", "planned")
    planned = sum(1 for ev in timeline["events"] if ev["status"] == "planned")
    assert 0 < visible_events(page) == planned < total
    assert "Showing" in page.inner_text("#nl-f-count")

    page.click("#nl-f-reset")
    page.wait_for_function(f"document.querySelectorAll('.event:not(.is-hidden)').length == {total}")
    page.fill("#nl-f-entity", "no such entity at all")
    assert visible_events(page) == 0
    assert page.is_visible(".story .nomatch")
    page.screenshot(path=str(artifacts / "browser-demo-filtered.png"))
    assert w.errors == [] and w.dialogs == []


def test_hostile_timeline_runs_no_script(browser: Any, tmp_path: Path, artifacts: Path) -> None:
    w = Watched(browser, page_file(tmp_path, adversarial_timeline(), "hostile.html"))
    page = w.page
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload) have its chance
    for details in page.query_selector_all("details"):
        details.evaluate("d => d.open = true")
    page.fill("#nl-f-entity", "<script>")
    page.wait_for_timeout(100)
    page.screenshot(path=str(artifacts / "browser-hostile.png"))
    assert w.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img[onerror], svg[onload]').length") == 0
    # the only scripts are the page's own: the JSON index and the filter script
    assert page.evaluate("document.scripts.length") == 2
    assert w.errors == []
