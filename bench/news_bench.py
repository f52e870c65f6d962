"""news-bench, the benchmark corpus of 20,961 news articles in ../shared/data, for the
speed benchmarks: its JSON lines, or the first few of them as a file `kg build` reads."""

from __future__ import annotations

import lzma
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

CORPUS = Path("../shared/data/news-bench/articles.jsonl.xz")


def article_lines(limit: int | None = None) -> Iterator[str]:
    """The corpus's first `limit` JSON lines (all with None), each with its newline."""
    if not CORPUS.exists():  # checked now, not at the first line read
        raise SystemExit(f"{CORPUS}: not found (run from the repository root, ../shared beside it)")
    return _lines(limit)


def _lines(limit: int | None) -> Iterator[str]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as lines:
        yield from islice(lines, limit)


def write_articles(limit: int | None, path: Path) -> Path:
    """The first `limit` articles (all with None) as a plain JSON Lines file at `path`."""
    lines = article_lines(limit)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(lines)
    return path
