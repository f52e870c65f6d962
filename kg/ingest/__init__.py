"""Readers: files and folders of news in, `kg.model.Article` objects out.

Plain text (.txt, .text, .md, no extension), HTML pages (.html, .htm, .xhtml: kg.ingest.html)
and JSON Lines (.jsonl, .ndjson, optionally .gz or .xz), streamed one article at a time.
Encodings and binary files: kg.ingest.decode. Every input that cannot be read becomes a
`Skipped` with a one-line reason, and reading goes on.
"""

from kg.ingest.errors import InputError, Skipped
from kg.ingest.reader import read_articles

__all__ = ["InputError", "Skipped", "read_articles"]
