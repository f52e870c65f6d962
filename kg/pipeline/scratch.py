"""A build's work folder under OUT/.cache, and the folders killed builds left there."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.export.atomic import process_alive, remove_abandoned_temps


@contextmanager
def work_folder(scratch: Path) -> Iterator[Path]:
    """A fresh `scratch/build-PID-*` folder for one build, removed when the block ends."""
    scratch.mkdir(parents=True, exist_ok=True)
    remove_abandoned(scratch)
    remove_abandoned_temps(scratch.parent)  # half-written outputs of a killed build
    work = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=scratch))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def remove_abandoned(scratch: Path) -> None:
    """Delete the work folders of builds that were killed (their process is gone).

    A build removes its folder when it ends; a SIGKILL leaves it. Folders of a process still
    running (a build beside this one) are left alone.
    """
    for folder in scratch.glob("build-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block, as it was afterwards.

    Resolution and the writers make millions of objects that live to the end of the build
    and form no reference cycles; the collector would walk all of them again and again for
    nothing, a fifth of the writers' time. Freed objects still go at once (reference counts).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """The objects alive now left out of every collection in the block, then given back.

    Once the graph is resolved it lives to the end of the build: collecting what each writer
    left would otherwise walk the whole graph again, a quarter of a second per output file
    on 1,000 articles. What the writers make is collected as before.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
