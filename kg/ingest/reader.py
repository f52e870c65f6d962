"""`read_articles`: every supported input, streamed as articles with unique ids."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.ingest.errors import InputError, Skipped
from kg.ingest.fields import content_digest
from kg.ingest.jsonl import read_jsonl_file
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES, read_text_file
from kg.ingest.walk import iter_files
from kg.model import Article


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
    unique_texts: bool = False,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Article]:
    """Read files and folders as articles, one at a time.

    Inputs that cannot be read are passed to `on_skip` and reading goes on; without
    `on_skip` the first one raises InputError. An id seen before is yielded once when the
    article is the same and skipped when it is not. With `unique_texts`, the same title and
    text seen again under another id is skipped as a duplicate too, so that one article is
    one Article node in a graph (the extraction contract keeps every id it is given).
    Articles (files, or JSON Lines records) larger than `max_article_bytes` are skipped
    without being read whole (None: no limit). Folders in `exclude` (a build's own output
    folder, which may lie inside an input folder) are never entered.

        skipped = []
        for article in read_articles(["seeds"], on_skip=skipped.append):
            print(article.id, article.title)
    """
    if isinstance(paths, str | os.PathLike):  # one path, not an iterable of its characters
        paths = [paths]

    def skip(item: Skipped) -> None:
        if on_skip is None:
            raise InputError(str(item))
        on_skip(item)

    # Only digests and sources are kept, never the texts: memory stays small.
    seen: dict[str, tuple[str, str | None]] = {}
    contents: dict[str, tuple[str, str | None]] = {}
    for item in iter_files(paths, exclude=exclude):
        if isinstance(item, Skipped):
            skip(item)
            continue
        path, kind = item
        results = (
            read_jsonl_file(path, max_bytes=max_article_bytes)
            if kind == "jsonl"
            else [read_text_file(path, kind=kind, max_bytes=max_article_bytes)]
        )
        for result in results:
            if isinstance(result, Skipped):
                skip(result)
                continue
            digest = content_digest(result.title, result.text)
            first = seen.get(result.id)
            if first is None:
                same = contents.get(digest) if unique_texts else None
                if same is not None:
                    reason = f"duplicate: the same title and text as {same[1]} (id {same[0]!r})"
                    skip(Skipped(result.source or path, reason))
                    continue
                seen[result.id] = (digest, result.source)
                if unique_texts:
                    contents[digest] = (result.id, result.source)
                yield result
            elif first[0] != digest:
                reason = f"duplicate id {result.id!r} with other content than {first[1]}"
                skip(Skipped(result.source or path, reason))
            # else: the same article read again (the same file named twice) is one article
