"""Which files to read: formats by extension, and folders walked in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from kg.ingest.errors import Skipped

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.xz", ".ndjson", ".ndjson.gz", ".ndjson.xz")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Inside a folder only article files are read, so README.md, LICENSE or manifest.json
# sitting beside a corpus are never mistaken for articles.
FOLDER_SUFFIXES = (".txt", ".text", *HTML_SUFFIXES, *JSONL_SUFFIXES)
FOLDER_IGNORED_PREFIXES = ("readme", "attribution")


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


def _walk(folder: str, visited: set[str]) -> Iterator[tuple[str, str] | Skipped]:
    real = os.path.realpath(folder)
    if real in visited:  # a symlink loop, or the same folder named twice
        return
    visited.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(folder, f"cannot list folder: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if entry.is_dir():
            yield from _walk(path, visited)
        elif entry.is_file() and _wanted_in_folder(entry.name):
            yield path, file_format(entry.name) or "text"


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, str] | Skipped]:
    """Each file to read as `(path, format)`, or a Skipped for a path that cannot be read.

    Folders are walked recursively, entries in sorted name order, hidden ones left out.
    A file named explicitly is read whatever its name, if its extension is supported.
    """
    visited: set[str] = set()
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            yield from _walk(path, visited)
        elif not os.path.exists(path):
            yield Skipped(path, "no such file or directory")
        elif (kind := file_format(os.path.basename(path))) is None:
            supported = ", ".join((*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES))
            yield Skipped(path, f"unsupported file type (expected {supported} or none)")
        else:
            yield path, kind
