"""JSON Lines articles: one object per line with `text` and optional metadata fields.

Fields: `id`, `title`, `date`, `text`, `url`, and `publisher` (or `source`). Only `text` is
required. A line that cannot be read is reported on its own and the rest of the file is
still read, so one bad record never costs a whole corpus. Files may be gzip- or
xz-compressed; lines are read one at a time, so a file of any size streams.
"""

from __future__ import annotations

import gzip
import json
import lzma
import zlib
from collections.abc import Iterator
from typing import IO, Any

from kg.ingest.errors import Skipped
from kg.ingest.fields import content_id, normalise_date
from kg.model import Article

_BOM = b"\xef\xbb\xbf"


def _open(path: str) -> IO[bytes]:
    lowered = path.lower()
    if lowered.endswith(".gz"):
        return gzip.open(path, "rb")
    if lowered.endswith(".xz"):
        return lzma.open(path, "rb")
    return open(path, "rb")


def parse_record(line: str, source: str) -> Article | Skipped:
    """Turn one line of JSON into an article whose `source` is `source` ("path:line")."""
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        return Skipped(source, f"invalid JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return Skipped(source, f"not a JSON object but a {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(source, "no string 'text' field")
    if not text.strip():
        return Skipped(source, "no text")
    raw_id = record.get("id")
    # Numeric ids are common in exported corpora; any other kind would make a
    # meaningless id, and the id decides which articles count as the same one.
    if raw_id is not None and not isinstance(raw_id, str) and type(raw_id) is not int:
        return Skipped(source, f"field 'id' is a {type(raw_id).__name__}, not a string")
    title = _string(record, "title") or ""
    article_id = str(raw_id).strip() if raw_id is not None else ""
    return Article(
        id=article_id or content_id(title, text),
        text=text,  # exactly as given: offsets in annotations refer to it
        title=title,
        date=normalise_date(_string(record, "date")),
        url=_string(record, "url"),
        publisher=_string(record, "publisher") or _string(record, "source"),
        source=source,
    )


def _string(record: dict[str, Any], name: str) -> str | None:
    """A metadata field stripped, or None when absent, empty or not a string.

    Metadata of another shape (NewsAPI's `source` is an object) is dropped, not fatal:
    the text is what the article is read for.
    """
    value = record.get(name)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def read_jsonl_file(path: str) -> Iterator[Article | Skipped]:
    """Read a (possibly compressed) JSON Lines file, one article or skip per line."""
    try:
        handle = _open(path)
    except FileNotFoundError:
        yield Skipped(path, "no such file or directory")
        return
    except OSError as error:
        yield Skipped(path, f"cannot read: {error.strerror or error}")
        return
    with handle:
        number = 0
        try:
            for number, data in enumerate(handle, start=1):
                source = f"{path}:{number}"
                if number == 1 and data.startswith(_BOM):
                    data = data[len(_BOM) :]
                try:
                    line = data.decode("utf-8")
                except UnicodeDecodeError as error:
                    yield Skipped(source, f"not valid UTF-8 (at byte {error.start} of the line)")
                    continue
                if line.strip():
                    yield parse_record(line, source)
        except (OSError, EOFError, lzma.LZMAError, zlib.error) as error:
            # A damaged archive: what came before the damage was already yielded.
            where = f" after line {number}" if number else ""
            yield Skipped(path, f"cannot read{where}: {error}")
