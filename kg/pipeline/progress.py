"""Progress of a build: articles analysed (count, rate, ETA), then each output file written.

On a terminal a rich bar with two tasks, "articles" and "writing". On a pipe or in a log
file (`kg build ... 2>&1 | tee log`) plain lines instead, at most one article line every
`interval` seconds, so a log of a long build shows it alive without filling up:

    progress: 1200/5000 articles, 41.3/s, ETA 1m32s
    progress: wrote out/graph.graphml

`mode="off"` draws and writes nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TextIO

from kg.ingest.errors import printable

Mode = Literal["bar", "lines", "off"]
DEFAULT_INTERVAL = 5.0  # seconds between two article lines on a pipe


def progress_mode(show: bool | None) -> Mode:
    """The mode a build's `show_progress` asks for: a bar on a terminal; elsewhere lines when
    asked (True, as `kg build` does), nothing by default (None): a library caller's stderr
    is its own."""
    if sys.stderr.isatty() and show is not False:
        return "bar"
    return "lines" if show else "off"


class BuildProgress:
    """What a build reports to: `advance(n)` articles, `writing(files)`, `wrote(path)`."""

    def advance(self, count: int) -> None:
        return None

    def writing(self, files: int) -> None:
        return None

    def wrote(self, path: Path) -> None:
        return None


class _Lines(BuildProgress):
    """Plain lines on a stream; the article line at most once per interval."""

    def __init__(self, total: int | None, interval: float, stream: TextIO) -> None:
        self.total, self.interval, self.stream = total, interval, stream
        self.done = 0
        self.start = self.last = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._print(articles_line(self.done, self.total, now - self.start))

    def wrote(self, path: Path) -> None:
        self._print(f"progress: wrote {printable(str(path))}")

    def _print(self, line: str) -> None:
        # flushed at once: a pipe buffers, and a line seen minutes late tells nothing
        print(line, file=self.stream, flush=True)


def articles_line(done: int, total: int | None, elapsed: float) -> str:
    """`progress: 1200/5000 articles, 41.3/s, ETA 1m32s` (no ETA without a total)."""
    rate = done / elapsed if elapsed > 0 else 0.0
    count = f"{done}/{total}" if total is not None else f"{done}"
    line = f"progress: {count} articles, {rate:,.1f}/s"
    if total is not None and rate > 0:
        line += f", ETA {_duration(max(total - done, 0) / rate)}"
    return line


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m{secs:02d}s"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


class _Bar(BuildProgress):
    """A rich bar: the "articles" task, then a "writing" task of one step per file."""

    def __init__(self, bar: Any, total: int | None) -> None:
        self.bar = bar
        self.task = bar.add_task("articles", total=total, rate="-", unit="articles/s")
        self.files: Any = None

    def advance(self, count: int) -> None:
        self.bar.advance(self.task, count)
        speed = self.bar.tasks[self.task].speed
        if speed:
            self.bar.update(self.task, rate=f"{speed:,.0f}")

    def writing(self, files: int) -> None:
        self.files = self.bar.add_task("writing", total=files, rate="", unit="")

    def wrote(self, path: Path) -> None:
        if self.files is not None:
            self.bar.advance(self.files, 1)


@contextmanager
def build_progress(
    total: int | None,
    *,
    mode: Mode,
    interval: float = DEFAULT_INTERVAL,
    stream: TextIO | None = None,
) -> Iterator[BuildProgress]:
    """Yield the build's progress reporter: a bar, lines on `stream` (stderr), or nothing."""
    if mode == "off":
        yield BuildProgress()
        return
    if mode == "lines":
        yield _Lines(total, interval, stream or sys.stderr)
        return
    with _rich_bar() as bar:
        yield _Bar(bar, total)


@contextmanager
def _rich_bar() -> Iterator[Any]:
    # rich is imported only when a bar is drawn: importing it costs time a script never needs.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} {task.fields[unit]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        yield bar
