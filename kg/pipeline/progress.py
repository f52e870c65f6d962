"""A progress bar for long builds: articles, articles/s and an ETA, on terminals only.

On a pipe or in a log file nothing is drawn, so output that scripts read stays clean.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]


def _quiet(_: int) -> None:
    return None


@contextmanager
def progress(
    total: int | None, *, description: str = "articles", enabled: bool | None = None
) -> Iterator[Advance]:
    """Yield `advance(n)`, which moves the bar by n articles; a no-op when not on a terminal.

    with progress(len(articles)) as advance:
        for article in articles:
            ...
            advance(1)
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield _quiet
        return
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
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(description, total=total, rate="-")

        def advance(count: int) -> None:
            bar.advance(task, count)
            speed = bar.tasks[task].speed
            if speed:
                bar.update(task, rate=f"{speed:,.0f}")

        yield advance
