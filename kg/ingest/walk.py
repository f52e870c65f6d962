"""Which files to read: formats by extension, and folders walked in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from kg.ingest.errors import Skipped
from kg.ingest.files import kind_reason, open_reason

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.xz", ".ndjson", ".ndjson.gz", ".ndjson.xz")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Inside a folder only article files are read, so README.md, LICENSE or manifest.json
# sitting beside a corpus are never mistaken for articles.
FOLDER_SUFFIXES = (".txt", ".text", *HTML_SUFFIXES, *JSONL_SUFFIXES)
FOLDER_IGNORED_PREFIXES = ("readme", "attribution")
# Folders deeper than this below a named folder are named and not read: no corpus nests
# that deep, and a runaway tree (a link farm, a generated maze) cannot exhaust anything.
MAX_FOLDER_DEPTH = 64


def file_format(name: str) -> str | None:
    """The format of a file name by its extension: "jsonl", "html", "text", or None."""
    lowered = name.lower()
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith(TEXT_SUFFIXES) or "." not in lowered.lstrip("."):
        return "text"
    return None


def _wanted_in_folder(name: str) -> bool:
    lowered = name.lower()
    return (
        not name.startswith(".")
        and not lowered.startswith(FOLDER_IGNORED_PREFIXES)
        and lowered.endswith(FOLDER_SUFFIXES)
    )


def _listing(
    folder: str, seen: set[str], excluded: frozenset[str]
) -> list[os.DirEntry[str]] | Skipped | None:
    """A folder's entries in name order; None when it is excluded or was walked already."""
    real = os.path.realpath(folder)
    if real in seen or real in excluded:  # a symlink loop, a folder named twice, the output
        return None
    seen.add(real)
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return Skipped(folder, f"cannot list folder: {error.strerror or error}")


def _walk(
    root: str, seen: set[str], excluded: frozenset[str]
) -> Iterator[tuple[str, str] | Skipped]:
    """The files of `root` depth-first in name order, without recursion: a tree thousands of
    folders deep costs no Python stack, and folders below MAX_FOLDER_DEPTH are named, not read."""
    listing = _listing(root, seen, excluded)
    if isinstance(listing, Skipped):
        yield listing
    if not isinstance(listing, list):
        return
    stack = [(iter(listing), 0)]
    while stack:
        entries, depth = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
        elif entry.name.startswith("."):
            continue
        elif entry.is_dir():
            if depth >= MAX_FOLDER_DEPTH:
                yield Skipped(entry.path, f"folder nested deeper than {MAX_FOLDER_DEPTH} levels")
                continue
            listing = _listing(entry.path, seen, excluded)
            if isinstance(listing, Skipped):
                yield listing
            elif listing is not None:
                stack.append((iter(listing), depth + 1))
        elif _wanted_in_folder(entry.name):
            if entry.is_file():
                yield entry.path, file_format(entry.name) or "text"
            else:  # a FIFO, a device, a socket or a broken link with an article's name
                yield Skipped(entry.path, _stat_reason(entry.path) or "not a regular file")


def _stat_reason(path: str) -> str | None:
    """Why `path` cannot be read as a file, from its stat (links followed), or None."""
    try:
        return kind_reason(os.stat(path).st_mode)
    except OSError as error:
        return open_reason(error)


def iter_files(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[tuple[str, str] | Skipped]:
    """Each file to read as `(path, format)`, or a Skipped for a path that cannot be read.

    Folders are walked in sorted name order, hidden entries left out, and the folders in
    `exclude` (a build's output folder) never entered. A file named explicitly is read
    whatever its name, if its extension is supported.
    """
    seen: set[str] = set()
    excluded = frozenset(os.path.realpath(os.fspath(path)) for path in exclude)
    for given in paths:
        path = os.fspath(given)
        reason = _stat_reason(path)
        if reason == _FOLDER:
            if os.path.realpath(path) in excluded:
                yield Skipped(path, "the output folder, not read as input")
            else:
                yield from _walk(path, seen, excluded)
        elif reason is not None and not reason.startswith(_NOT_REGULAR):
            yield Skipped(path, reason)  # missing, or unreadable: named, and the rest is read
        elif (kind := file_format(os.path.basename(path))) is None:
            supported = ", ".join((*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES))
            yield Skipped(path, f"unsupported file type (expected {supported} or none)")
        elif reason is not None:
            yield Skipped(path, reason)
        else:
            yield path, kind


_FOLDER = "a folder where a file was expected"
_NOT_REGULAR = "not a regular file"


def input_reading(
    paths: Iterable[str | os.PathLike[str]], target: str | os.PathLike[str]
) -> str | None:
    """The input among `paths` that is the file `target` or a folder whose walk would read it
    (so writing `target` would overwrite an input, or feed the next run), or None."""
    real = os.path.realpath(target)
    for given in paths:
        path = os.fspath(given)
        source = os.path.realpath(path)
        if source == real:
            return path
        if not os.path.isdir(source) or not real.startswith(source.rstrip(os.sep) + os.sep):
            continue
        parts = os.path.relpath(real, source).split(os.sep)
        visible = not any(part.startswith(".") for part in parts)
        if visible and len(parts) <= MAX_FOLDER_DEPTH + 1 and _wanted_in_folder(parts[-1]):
            return path
    return None
