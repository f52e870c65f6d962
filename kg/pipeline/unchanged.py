"""Skip a build whose inputs, code and options are those of the last one, outputs intact.

The facts cache already spares spaCy on a rebuild; this spares the rest (resolution and
every writer) when nothing at all changed: the articles' cache keys (content, model,
extractor code), the inputs skipped, the options, and the outputs still as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.export.atomic import atomic_write
from kg.ingest import Skipped, read_articles
from kg.pipeline.cache import article_key

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


@dataclass(frozen=True)
class InputSurvey:
    """One pass over a build's inputs: what it would read, and how many articles."""

    fingerprint: str
    articles: int
    skipped: tuple[Skipped, ...]


def survey_inputs(
    paths: Iterable[str | Path],
    *,
    model: str,
    options: dict[str, Any],
    max_article_bytes: int | None,
    exclude: Iterable[str | Path] = (),
) -> InputSurvey:
    """A digest of what a build would read and how, its article count, and what it would skip."""
    skipped: list[Skipped] = []
    keys = sorted(
        article_key(article, model=model)
        for article in read_articles(
            paths,
            on_skip=skipped.append,
            max_article_bytes=max_article_bytes,
            unique_texts=True,
            exclude=exclude,
        )
    )
    record = {
        "articles": keys,
        "skipped": sorted([s.source, s.reason] for s in skipped),
        "options": options,
    }
    digest = hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()
    return InputSurvey(digest, len(keys), tuple(skipped))


def previous_build(scratch: Path, fingerprint: str) -> dict[str, Any] | None:
    """The last build's record when it had this fingerprint and its outputs are untouched."""
    record = read_build_record(scratch)
    if record is None or record.get("fingerprint") != fingerprint:
        return None
    outputs = record.get("outputs", {})
    if not outputs or any(_file_digest(Path(p)) != d for p, d in outputs.items()):
        return None
    return record


def record_build(scratch: Path, fingerprint: str, record: dict[str, Any], files: Iterable[Path]):
    """Remember this build: its fingerprint, `record` (its summary, and what `kg export
    --from` needs to write it again) and a digest of each output file."""
    outputs = {str(path): _file_digest(Path(path)) for path in files if Path(path).is_file()}
    atomic_write(
        scratch / BUILD_RECORD,
        json.dumps(
            {"fingerprint": fingerprint, **record, "outputs": outputs}, indent=1, sort_keys=True
        ),
    )


def read_build_record(scratch: Path) -> dict[str, Any] | None:
    """The last build's record, None when there is none or it cannot be read."""
    try:
        record = json.loads((scratch / BUILD_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
