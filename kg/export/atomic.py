"""Write output files so that a reader never sees half of one."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_stream(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file written beside `path` and renamed over it when the block succeeds.

    A crash at any moment leaves either the previous file or the new one, never a mix,
    because a rename within one directory is atomic on POSIX.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_temps(path.parent, name=path.name)
    # The writer's pid in the name tells a later run whether the file is abandoned.
    prefix = f".{path.name}.{os.getpid()}."
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; outputs are for sharing, so honour the umask.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write `data` (text is UTF-8) to `path` atomically (see `atomic_stream`)."""
    with atomic_stream(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


def atomic_write_lines(path: str | Path, lines: Iterable[str]) -> Path:
    """Write text lines to `path` atomically as they come, never holding the whole file."""
    with atomic_stream(path) as handle:
        for line in lines:
            handle.write(line.encode("utf-8"))
    return Path(path)


# `.NAME.PID.RANDOM.tmp`, and `.NAME.RANDOM.tmp` as kg wrote them before the pid was in
# the name (mkstemp's random part is 8 characters of [a-z0-9_]).
_TEMP = re.compile(r"\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.[a-z0-9_]{8}\.tmp")
# A temp file without a pid (an older kg wrote it) is taken for abandoned once this old.
_UNOWNED_AGE_S = 15 * 60


def remove_abandoned_temps(folder: str | Path, *, name: str | None = None) -> list[Path]:
    """Delete the temp files that killed runs left in `folder` (of output `name`, or of any
    output); returns them. A temp file whose writer is alive (a run beside this one) stays."""
    removed = []
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return removed
    for temp in candidates:
        match = _TEMP.fullmatch(temp.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        if _abandoned(temp, match["pid"]):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


def _abandoned(temp: Path, pid: str | None) -> bool:
    if pid is not None:
        return int(pid) != os.getpid() and not process_alive(int(pid))
    try:
        return time.time() - temp.stat().st_mtime > _UNOWNED_AGE_S
    except OSError:
        return False


def process_alive(pid: int) -> bool:
    """True when a process `pid` runs (someone else's included)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OverflowError:
        return False  # no pid is that large
    return True
