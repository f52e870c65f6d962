"""Skip a build whose inputs, code and options are those of the last one, outputs intact.

The facts cache already spares spaCy on a rebuild; this spares the rest (resolution and
every writer) when nothing at all changed: the articles' cache keys (content, model,
extractor code), the inputs skipped, the options, and the outputs still as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.cache import article_key
from kg.ingest import Skipped, read_articles

BUILD_RECORD = "build.json"


def _file_digest(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def input_fingerprint(
    paths: Iterable[str | Path],
    *,
    model: str,
    options: dict[str, Any],
    max_article_bytes: int | None,
) -> tuple[str, list[Skipped]]:
    """A digest of what a build would read and how, and the inputs it would skip."""
    skipped: list[Skipped] = []
    keys = sorted(
        article_key(article, model=model)
        for article in read_articles(
            paths, on_skip=skipped.append, max_article_bytes=max_article_bytes, unique_texts=True
        )
    )
    record = {
        "articles": keys,
        "skipped": sorted([s.source, s.reason] for s in skipped),
        "options": options,
    }
    digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()
    return digest, skipped


def previous_build(scratch: Path, fingerprint: str) -> dict[str, Any] | None:
    """The last build's record when it had this fingerprint and its outputs are untouched."""
    try:
        record = json.loads((scratch / BUILD_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != fingerprint:
        return None
    outputs = record.get("outputs", {})
    if not outputs or any(_file_digest(Path(p)) != d for p, d in outputs.items()):
        return None
    return record


def record_build(scratch: Path, fingerprint: str, summary: dict[str, Any], files: Iterable[Path]):
    """Remember this build: its fingerprint, its summary and a digest of each output file."""
    outputs = {str(path): _file_digest(Path(path)) for path in files if Path(path).is_file()}
    atomic_write(
        scratch / BUILD_RECORD,
        json.dumps(
            {"fingerprint": fingerprint, "summary": summary, "outputs": outputs},
            indent=1,
            sort_keys=True,
        ),
    )
