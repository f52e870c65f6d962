"""Opening an input: only a regular file is read, whatever its name or a link says.

A FIFO named `feed.jsonl` would block `open()` until a writer comes, and `/dev/zero` (or a
link to it) never ends: neither is ever read. The file is opened non-blocking (a FIFO's
open returns at once) and its kind is taken from the open descriptor, so a file swapped
between a check and the open cannot slip through.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

_KINDS = (
    (stat.S_ISDIR, "a folder where a file was expected"),
    (stat.S_ISFIFO, "not a regular file (a FIFO)"),
    (stat.S_ISCHR, "not a regular file (a character device)"),
    (stat.S_ISBLK, "not a regular file (a block device)"),
    (stat.S_ISSOCK, "not a regular file (a socket)"),
)


class NotRegularFile(OSError):
    """The path names a folder, a FIFO, a device or a socket; str() says which."""


def kind_reason(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "not a regular file"


def open_regular(path: str) -> BinaryIO:
    """`path` opened for reading in binary; NotRegularFile unless it is a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        reason = kind_reason(os.fstat(fd).st_mode)
        if reason is not None:
            raise NotRegularFile(reason)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_reason(error: OSError) -> str:
    """The one-line reason an input could not be opened or read."""
    if isinstance(error, NotRegularFile):
        return str(error)
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "a folder where a file was expected"
    return f"cannot read: {error.strerror or error}"
