"""Plain-text articles: a title line, optional metadata lines, then the body.

Three layouts are recognised, tried in this order:

1. the seed layout: header line(s) such as `` date 2019-12-02 UrduPoint.com`` (a date, then
   an optional publisher) or ``url https://...``, then the title, then the body;
2. the news-sample layout: the title, a line holding only a date, an optional URL line,
   then the body;
3. anything else: the first non-empty line is the title and the rest is the body.

The body is kept byte-for-byte (only leading blank lines and trailing whitespace go), so
character offsets computed on `Article.text` point into the file's own text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.errors import Skipped
from kg.ingest.fields import ParsedText, content_id, is_safe_slug, normalise_date
from kg.ingest.files import open_reason, open_regular
from kg.model import Article

_DATE_HEADER = re.compile(r"\s*date:?\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S.*?))?\s*", re.IGNORECASE)
_URL_HEADER = re.compile(r"\s*url:?\s+(https?://\S+)\s*", re.IGNORECASE)
_DATE_LINE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s*")
_URL_LINE = re.compile(r"\s*(https?://\S+)\s*")
_LEADING_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")
# Longer articles are refused: spaCy analyses at most 1,000,000 characters in one text (its
# `max_length`), and an article is held in memory whole while it is analysed.
DEFAULT_MAX_ARTICLE_BYTES = 1_000_000
MAX_ARTICLE_CHARS = 1_000_000


def _lines(raw: str) -> Iterator[tuple[str, int]]:
    """Each line without its end-of-line characters, with the offset just after it.

    Splits on "\\n" only: str.splitlines also breaks on form feeds and U+2028, which would
    move the body's start away from where a reader of the file sees it.
    """
    pos = 0
    while pos < len(raw):
        newline = raw.find("\n", pos)
        end = len(raw) if newline == -1 else newline + 1
        yield raw[pos:end].rstrip("\r\n"), end
        pos = end


def parse_text(raw: str) -> ParsedText:
    """Split the decoded contents of a plain-text file into metadata, title and body."""
    lines = list(_lines(raw))
    date = url = publisher = None
    seen_header = False

    def skip_blank(start: int) -> int:
        while start < len(lines) and not lines[start][0].strip():
            start += 1
        return start

    i = skip_blank(0)
    while i < len(lines):
        if match := _DATE_HEADER.fullmatch(lines[i][0]):
            date, publisher = normalise_date(match.group(1)), match.group(2)
        elif match := _URL_HEADER.fullmatch(lines[i][0]):
            url = match.group(1)
        else:
            break
        seen_header = True
        i = skip_blank(i + 1)
    if i >= len(lines):
        return ParsedText(title="", text="", date=date, url=url, publisher=publisher)

    title = lines[i][0].strip()
    body_start = lines[i][1]
    i += 1
    # The news-sample layout puts its metadata after the title instead of before it.
    if not seen_header and i < len(lines) and (match := _DATE_LINE.fullmatch(lines[i][0])):
        date, body_start = normalise_date(match.group(1)), lines[i][1]
        i += 1
        if i < len(lines) and (match := _URL_LINE.fullmatch(lines[i][0])):
            url, body_start = match.group(1), lines[i][1]

    body = raw[body_start:]
    body = body[_LEADING_BLANK_LINES.match(body).end() :].rstrip()
    return ParsedText(title=title, text=body, date=date, url=url, publisher=publisher)


def read_text_file(
    path: str, *, kind: str = "text", max_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
) -> Article | Skipped:
    """Read one plain-text (or, with kind="html", HTML) file as an article, or say why not.

    A file larger than `max_bytes` is refused before it is read, so memory stays bounded.
    """
    try:
        with open_regular(path) as handle:  # never a FIFO or a device: they need not end
            size = os.fstat(handle.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                return Skipped(
                    path,
                    f"{describe_size(size)}, larger than the article limit of "
                    f"{describe_size(max_bytes)} (--max-article-bytes)",
                )
            data = handle.read()
    except OSError as error:
        return Skipped(path, open_reason(error))
    if not data.strip():
        return Skipped(path, "empty file" if not data else "no text (only whitespace)")
    try:
        raw = decode_bytes(data).text
    except NotText as error:
        return Skipped(path, str(error))
    if kind == "html":
        from kg.ingest.html import parse_html  # only pages need the HTML parser

        parsed = parse_html(raw)
    else:
        parsed = parse_text(raw)
    if not parsed.text.strip():
        return Skipped(path, "no text" if kind != "html" else "no paragraph text in the page")
    if len(parsed.text) > MAX_ARTICLE_CHARS:
        return Skipped(path, too_long(len(parsed.text)))
    stem = Path(path).stem
    article_id = stem if is_safe_slug(stem) else content_id(parsed.title, parsed.text)
    return Article(
        id=article_id,
        text=parsed.text,
        title=parsed.title,
        date=parsed.date,
        url=parsed.url,
        publisher=parsed.publisher,
        source=path,
    )


def too_long(chars: int) -> str:
    """Why a text of `chars` characters is refused."""
    return f"{chars} characters, more than the {MAX_ARTICLE_CHARS} spaCy analyses in one text"


def describe_size(size: int) -> str:
    """A byte count as people read it: "20.0 MB", "512 bytes"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
