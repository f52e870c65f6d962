"""JSON Lines articles: one object per line with `text` and optional metadata fields.

Fields: `id`, `title`, `date`, `text`, `url`, and `publisher` (or `source`). Only `text` is
required. A line that cannot be read is reported on its own and the rest of the file is
still read, so one bad record never costs a whole corpus. Files may be gzip- or
xz-compressed; lines are read one at a time, so a file of any size streams.
"""

from __future__ import annotations

import gzip
import io
import json
import lzma
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from kg.ingest.decode import decode_legacy, sniff_bom
from kg.ingest.errors import Skipped
from kg.ingest.fields import content_id, normalise_date
from kg.ingest.files import open_reason, open_regular
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, describe_size, too_long
from kg.model import Article

# JSON can escape a lone surrogate ("\\ud800"), which no UTF-8 output can hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A record is a flat object: deeper nesting is no article, and parsing 100,000 levels would
# exhaust Python's stack. Integers longer than this are no id or count either.
MAX_JSON_DEPTH = 64
MAX_NUMBER_DIGITS = 100
# Brackets, and strings skipped whole so that brackets inside a text are not counted.
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _decompressed(handle: IO[bytes], path: str) -> IO[bytes]:
    """`handle` read through gzip or xz when the name says so (closing it leaves `handle`)."""
    lowered = path.lower()
    if lowered.endswith(".gz"):
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    if lowered.endswith(".xz"):
        return lzma.LZMAFile(handle, "rb")  # type: ignore[return-value]
    return handle


def parse_record(line: str, source: str) -> Article | Skipped:
    """Turn one line of JSON into an article whose `source` is `source` ("path:line")."""
    too_deep = _too_deep(line)
    if too_deep:
        return Skipped(source, too_deep)
    try:
        record: Any = json.loads(line, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        return Skipped(source, f"invalid JSON: {error.msg} at column {error.colno}")
    except (ValueError, RecursionError) as error:  # a number too long, nesting too deep
        return Skipped(source, f"invalid JSON: {error}")
    if "\\u" in line:  # only an escape can make a surrogate
        # json.loads joins escaped surrogate pairs; any surrogate left is a lone one, and
        # becomes U+FFFD, one character for one, so offsets into the text stay right.
        record = _replace_surrogates(record)
    if not isinstance(record, dict):
        return Skipped(source, f"not a JSON object but a {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        return Skipped(source, "no string 'text' field")
    if not text.strip():
        return Skipped(source, "no text")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(source, too_long(len(text)))
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


def _bounded_int(digits: str) -> int:
    """An integer of the JSON; a longer one is refused before Python converts it (the
    conversion of a huge number is quadratic, and over 4,300 digits it raises)."""
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of {len(digits)} digits (more than {MAX_NUMBER_DIGITS})")
    return int(digits)


def _too_deep(line: str) -> str | None:
    """Why a line nests arrays and objects deeper than MAX_JSON_DEPTH, or None.

    Counting brackets (in C) first spares the scan for every ordinary record; the scan
    passes over strings whole, so brackets inside a text never count.
    """
    if line.count("[") + line.count("{") <= MAX_JSON_DEPTH:
        return None
    depth = deepest = 0
    for match in _BRACKETS.finditer(line):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif match.group() in "]}":
            depth -= 1
    if deepest > MAX_JSON_DEPTH:
        return f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    return None


def _replace_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_surrogates(item) for item in value]
    return value


def _string(record: dict[str, Any], name: str) -> str | None:
    """A metadata field stripped, or None when absent, empty or not a string.

    Metadata of another shape (NewsAPI's `source` is an object) is dropped, not fatal:
    the text is what the article is read for.
    """
    value = record.get(name)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _bounded_lines(handle: IO[bytes], max_bytes: int | None) -> Iterator[bytes | int]:
    """Each line's bytes, or, for a line longer than `max_bytes`, its length in bytes.

    An overlong line is read past in chunks and never held whole, so one runaway record
    (a 20 MB line) cannot take the memory with it.
    """
    if max_bytes is None:
        yield from handle
        return
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            length += len(line)
        yield length


def _text_lines(handle: IO[bytes], encoding: str, max_bytes: int | None) -> Iterator[str | int]:
    """Lines of a UTF-16/32 file (its byte order mark already read), decoded."""
    reader = io.TextIOWrapper(handle, encoding=encoding, newline="")
    limit = None if max_bytes is None else max_bytes // 2 + 1  # characters of 2+ bytes
    for line in reader:
        yield line if limit is None or len(line) <= limit else len(line.encode(encoding))


def read_jsonl_file(
    path: str, *, max_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
) -> Iterator[Article | Skipped]:
    """Read a (possibly compressed) JSON Lines file, one article or skip per line.

    Lines are UTF-8; a line that is not is read as cp1252 (kg.ingest.decode), and a file
    that starts with a UTF-16 or UTF-32 byte order mark is read in that encoding. A line
    longer than `max_bytes` is skipped without being held in memory.
    """
    try:
        raw = open_regular(path)  # a FIFO or /dev/zero named *.jsonl would never end
    except OSError as error:
        yield Skipped(path, open_reason(error))
        return
    with raw, _decompressed(raw, path) as handle:
        number = 0
        try:
            encoding, skip = sniff_bom(handle.peek(4)[:4] if hasattr(handle, "peek") else b"")
            if encoding is not None:
                handle.read(skip)
            lines: Iterator[bytes | str | int] = (
                _bounded_lines(handle, max_bytes)
                if encoding in (None, "utf-8")
                else _text_lines(handle, encoding, max_bytes)
            )
            for number, data in enumerate(lines, start=1):
                source = f"{path}:{number}"
                if isinstance(data, int):
                    limit = describe_size(max_bytes or 0)
                    yield Skipped(
                        source,
                        f"line of {describe_size(data)}, larger than the "
                        f"article limit of {limit} (--max-article-bytes)",
                    )
                    continue
                if isinstance(data, bytes):
                    if b"\x00" in data:
                        yield Skipped(source, "binary data (NUL byte), not a line of text")
                        continue
                    try:
                        line = data.decode("utf-8")
                    except UnicodeDecodeError:
                        line = decode_legacy(data)
                else:
                    line = data
                if line.strip():
                    yield parse_record(line, source)
        except (OSError, EOFError, UnicodeError, lzma.LZMAError, zlib.error) as error:
            # A damaged archive: what came before the damage was already yielded.
            where = f" after line {number}" if number else ""
            yield Skipped(path, f"cannot read{where}: {error}")
