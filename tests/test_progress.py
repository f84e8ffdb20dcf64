"""The three progress renderers, driven by a fake clock (no waiting), and the CLI's choice."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from newsline.progress import JsonProgress, LineProgress, RichProgress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


def test_lines_are_throttled_and_say_count_rate_and_eta() -> None:
    out, clock = io.StringIO(), Clock()
    p = LineProgress(out, every=5.0, clock=clock)
    p.start("Analysing articles", 4000)
    for _ in range(3):  # 30 items in 3 s: under the interval, no line yet
        clock.tick(1.0)
        p.advance(10)
    assert out.getvalue() == ""
    clock.tick(7.0)  # 10 s in: 120 done, 12/s, 3880 left
    p.advance(90)
    assert out.getvalue() == "Analysing articles: 120/4000 (3%), 12.0/s, ETA 5m\n"
    clock.tick(1.0)
    p.advance(1)  # within the interval of the last line
    assert out.getvalue().count("\n") == 1
    clock.tick(10.0)
    p.advance(3879)
    p.done()
    lines = out.getvalue().splitlines()
    assert lines[-1] == "Analysing articles: 4000/4000 (100%), 190/s, done in 21s"
    p.done()  # a second done says nothing more
    assert len(out.getvalue().splitlines()) == len(lines)


def test_lines_for_a_step_of_unknown_length() -> None:
    out, clock = io.StringIO(), Clock()
    p = LineProgress(out, every=5.0, clock=clock)
    p.start("Reading articles", None)
    clock.tick(6.0)
    p.advance(30)
    p.start("Building timeline", None)  # a new step ends the last one
    clock.tick(65.0)
    p.done()
    assert out.getvalue().splitlines() == [
        "Reading articles: 30, 5.0/s",
        "Reading articles: 30, 5.0/s, done in 6s",
        "Building timeline: done in 1m 5s",
    ]


def test_json_lines_for_scripts() -> None:
    out, clock = io.StringIO(), Clock()
    p = JsonProgress(out, every=1.0, clock=clock)
    p.start("Analysing articles", 10)
    clock.tick(0.5)
    p.advance(2)  # throttled
    clock.tick(0.5)
    p.advance(2)
    clock.tick(1.0)
    p.advance(6)
    p.done()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["event"] for r in records] == ["start", "progress", "progress", "done"]
    assert records[0] == {"event": "start", "step": "Analysing articles", "done": 0,
                          "total": 10, "percent": 0, "rate": None, "eta_s": None,
                          "elapsed_s": 0.0}
    assert records[1] == {"event": "progress", "step": "Analysing articles", "done": 4,
                          "total": 10, "percent": 40, "rate": 4.0, "eta_s": 1.5,
                          "elapsed_s": 1.0}
    assert records[-1]["done"] == 10 and records[-1]["percent"] == 100
    assert records[-1]["eta_s"] == 0.0 and records[-1]["elapsed_s"] == 2.0
    assert set(records[0]) == set(records[-1])


def test_json_for_a_step_of_unknown_length() -> None:
    out, clock = io.StringIO(), Clock()
    p = JsonProgress(out, clock=clock)
    p.start("Building timeline", None)
    clock.tick(3.0)
    p.done()
    done = json.loads(out.getvalue().splitlines()[-1])
    assert done == {"event": "done", "step": "Building timeline", "done": 0, "total": None,
                    "percent": None, "rate": None, "eta_s": None, "elapsed_s": 3.0}


def test_rich_bar_counts() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    p = RichProgress(console)
    p.start("Analysing articles", 50)
    p.advance(20)
    bar = p._bar
    assert bar is not None and bar.tasks[0].completed == 20 and bar.tasks[0].total == 50
    bar.refresh()
    assert "Analysing articles" in out.getvalue() and "20/50" in out.getvalue()
    p.start("Building timeline", None)  # replaces the bar
    assert p._bar is not bar and p._bar is not None
    p.done()
    assert p._bar is None


@pytest.mark.parametrize("seconds, shown", [(0.4, "0s"), (45, "45s"), (300, "5m"),
                                            (325, "5m 25s"), (900, "15m"), (4800, "1h 20m"),
                                            (7200, "2h")])
def test_durations(seconds: float, shown: str) -> None:
    assert duration(seconds) == shown
    assert duration(325, coarse=True) == "5m"


def test_the_cli_picks_the_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline import cli
    from newsline.errors import NewslineError
    from newsline.settings import Settings

    monkeypatch.setattr(cli.state, "verbosity", 0)
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: False, raising=False)
    off_tty = Settings()
    monkeypatch.delenv("NEWSLINE_PROGRESS", raising=False)
    assert isinstance(cli._progress(off_tty), LineProgress)
    assert cli._progress(Settings(progress=False)) is None  # progress = false in the file
    monkeypatch.setattr(cli.state, "progress", "json")  # --progress json wins over the env
    assert isinstance(cli._progress(off_tty), JsonProgress)
    monkeypatch.setattr(cli.state, "progress", None)
    monkeypatch.setenv("NEWSLINE_PROGRESS", "json")
    assert isinstance(cli._progress(off_tty), JsonProgress)
    monkeypatch.setenv("NEWSLINE_PROGRESS", "off")
    assert cli._progress(off_tty) is None
    monkeypatch.setenv("NEWSLINE_PROGRESS", "bar")
    assert isinstance(cli._progress(off_tty), RichProgress)
    monkeypatch.setenv("NEWSLINE_PROGRESS", "sparkles")
    with pytest.raises(NewslineError, match="unknown progress mode"):
        cli._progress(off_tty)
    monkeypatch.setattr(cli.state, "verbosity", -1)  # -q: only an asked-for json
    monkeypatch.setenv("NEWSLINE_PROGRESS", "auto")
    assert cli._progress(off_tty) is None
    monkeypatch.setenv("NEWSLINE_PROGRESS", "json")
    assert isinstance(cli._progress(off_tty), JsonProgress)
