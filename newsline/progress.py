"""Progress of the long steps (ingest, analysis, build) on stderr, three ways.

Each renderer is a :class:`newsline.pipeline.Progress` (``start(label, total)``,
``advance(n)``, ``done()``); the CLI picks one (:func:`newsline.cli._progress`):

- :class:`RichProgress`: a live bar with counts, rate, elapsed time and ETA, on a terminal;
- :class:`LineProgress`: plain lines for logs, at most one every few seconds and one when a
  step ends: ``Analysing articles: 120/4000 (3%), 12.3/s, ETA 5m``;
- :class:`JsonProgress`: one JSON object a line, for scripts
  (``{"event": "progress", "step": "Analysing articles", "done": 120, "total": 4000, ...}``).

The two plain renderers take a clock, so tests drive them without waiting.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

Clock = Callable[[], float]
MODES = ("auto", "bar", "lines", "json", "off")  # what ``--progress`` / NEWSLINE_PROGRESS take


class _CountColumn(ProgressColumn):
    """``120/4000``, or ``120`` for a step of unknown length (nothing before the first)."""

    def render(self, task: Task) -> Text:
        done = int(task.completed)
        shown = f"{done}/{int(task.total)}" if task.total else str(done) if done else ""
        return Text(shown, style="progress.download")


def _average(task: Task) -> float | None:
    """Items a second since the step began (rich's own estimate, over the last few advances,
    leaps when results arrive in batches)."""
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = _average(task)
        return Text(f"{rate(speed)}/s" if speed else "", style="progress.data.speed")


class _EtaColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = _average(task)
        if not task.total or not speed or task.finished:
            return Text("")
        left = max(0.0, (task.total - task.completed) / speed)
        return Text(f"ETA {duration(left, coarse=True)}", style="progress.remaining")


class RichProgress:
    """One bar per step: count, rate, elapsed time and ETA; a step of unknown length shows
    a spinner, the count and the rate."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def start(self, label: str, total: int | None) -> None:
        self.done()
        self._bar = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            _CountColumn(), _RateColumn(), TimeElapsedColumn(), _EtaColumn(),
            console=self.console, transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task, n)

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
            self._task = None


class _Step:
    """What the plain renderers know of the step under way."""

    __slots__ = ("label", "total", "count", "started")

    def __init__(self, label: str, total: int | None, started: float) -> None:
        self.label = label
        self.total = total
        self.count = 0
        self.started = started

    def rate(self, now: float) -> float | None:
        elapsed = now - self.started
        return self.count / elapsed if elapsed > 0 and self.count else None

    def eta(self, now: float) -> float | None:
        speed = self.rate(now)
        if not self.total or not speed:
            return None
        return max(0.0, (self.total - self.count) / speed)


class LineProgress:
    """Plain progress lines for a log: at most one every ``every`` seconds while a step runs,
    and one when it ends (``Analysing articles: 4000/4000 (100%), 12.3/s, done in 5m 25s``)."""

    def __init__(self, stream: TextIO, every: float = 5.0, clock: Clock = time.monotonic
                 ) -> None:
        self.stream = stream
        self.every = every
        self.clock = clock
        self._step: _Step | None = None
        self._last = 0.0

    def start(self, label: str, total: int | None) -> None:
        self.done()
        now = self.clock()
        self._step = _Step(label, total, now)
        self._last = now

    def advance(self, n: int = 1) -> None:
        step = self._step
        if step is None:
            return
        step.count += n
        now = self.clock()
        if now - self._last >= self.every:
            self._last = now
            self._write(line(step, now))

    def done(self) -> None:
        step = self._step
        if step is None:
            return
        self._step = None
        self._write(line(step, self.clock(), finished=True))

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def line(step: _Step, now: float, finished: bool = False) -> str:
    """``Label: 120/4000 (3%), 12.3/s, ETA 5m`` (while running) or ``..., done in 5m 25s``."""
    parts = [f"{step.count}/{step.total} ({percent(step.count, step.total)}%)"
             if step.total else (str(step.count) if step.count else "")]
    speed = step.rate(now)
    if speed:
        parts.append(f"{rate(speed)}/s")
    if finished:
        parts.append(f"done in {duration(now - step.started)}")
    else:
        eta = step.eta(now)
        if eta is not None:
            parts.append(f"ETA {duration(eta, coarse=True)}")
    return f"{step.label}: " + ", ".join(p for p in parts if p)


class JsonProgress:
    """One JSON object a line (JSON Lines) for scripts: ``start`` and ``done`` for each step,
    and ``progress`` at most every ``every`` seconds between them. Fields: ``event``,
    ``step``, ``done``, ``total`` (null when unknown), ``percent``, ``rate`` (items a second),
    ``eta_s`` and ``elapsed_s`` (seconds; null when unknown)."""

    def __init__(self, stream: TextIO, every: float = 1.0, clock: Clock = time.monotonic
                 ) -> None:
        self.stream = stream
        self.every = every
        self.clock = clock
        self._step: _Step | None = None
        self._last = 0.0

    def start(self, label: str, total: int | None) -> None:
        self.done()
        now = self.clock()
        self._step = _Step(label, total, now)
        self._last = now
        self._emit("start", self._step, now)

    def advance(self, n: int = 1) -> None:
        step = self._step
        if step is None:
            return
        step.count += n
        now = self.clock()
        if now - self._last >= self.every:
            self._last = now
            self._emit("progress", step, now)

    def done(self) -> None:
        step = self._step
        if step is None:
            return
        self._step = None
        self._emit("done", step, self.clock())

    def _emit(self, event: str, step: _Step, now: float) -> None:
        speed = step.rate(now)
        eta = step.eta(now) if event != "done" else 0.0 if step.total else None
        record = {
            "event": event, "step": step.label, "done": step.count, "total": step.total,
            "percent": percent(step.count, step.total) if step.total else None,
            "rate": round(speed, 2) if speed else None,
            "eta_s": round(eta, 1) if eta is not None else None,
            "elapsed_s": round(now - step.started, 3),
        }
        self.stream.write(json.dumps(record) + "\n")
        self.stream.flush()


def percent(count: int, total: int | None) -> int:
    return int(100 * count / total) if total else 0


def rate(speed: float) -> str:
    return f"{speed:.1f}" if speed < 100 else f"{speed:.0f}"


def duration(seconds: float, coarse: bool = False) -> str:
    """``45s``, ``5m 25s`` (under 10 minutes; ``5m`` when ``coarse``, as an estimate is),
    ``15m``, ``1h 20m``."""
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m}m {s}s" if s and m < 10 and not coarse else f"{m}m"
    h, m = divmod(m, 60)
    return f"{h}h {m}m" if m else f"{h}h"
