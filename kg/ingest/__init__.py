"""Readers: files and folders of news in, `kg.model.Article` objects out.

Plain text (.txt, .text, .md, no extension) and JSON Lines (.jsonl, .ndjson, optionally
.gz or .xz), streamed one article at a time.
"""

from kg.ingest.errors import InputError, Skipped
from kg.ingest.reader import read_articles

__all__ = ["InputError", "Skipped", "read_articles"]
