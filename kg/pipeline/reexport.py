"""`kg export`: one format of a finished build, or of articles, through a build's own route.

From a build (`export_build`), nothing is analysed: the facts of the build's articles come
from its facts cache, as the build recorded them (OUT/.cache/build.json), go through the same
spool and resolution as the build, and the format's writer from kg.export.formats writes
them, so the file equals the one the build wrote. From articles (`export_articles`), the
facts come through the build's stream and cache, and only the one format is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

from kg.export.formats import export_format, write_format
from kg.ingest import Skipped
from kg.pipeline.cache import CACHE_DIR, CACHE_FILE, FactsCache
from kg.pipeline.options import DEFAULT_OUT, BuildOptions
from kg.pipeline.scratch import cycle_collector_paused, work_folder
from kg.pipeline.spool import BuildSpool
from kg.pipeline.stream import Inputs, facts_cache, spool_facts
from kg.pipeline.unchanged import read_build_record
from kg.resolve.rules import rules_from_json


class NoBuildError(Exception):
    """The folder holds no build that can be exported (none, or one built without a cache)."""


def export_build(name: str, target: str | Path, *, from_dir: str | Path = DEFAULT_OUT) -> str:
    """Write format `name` of the build in `from_dir` to `target`, analysing nothing.

    Returns a one-line account of what was written.
    """
    export_format(name)  # an unknown format fails before anything is read
    from_dir = Path(from_dir)
    scratch = from_dir / CACHE_DIR
    record = read_build_record(scratch)
    fields = ("articles", "options", "model", "summary", "skipped")
    if (
        record is None
        or not all(f in record for f in fields)
        or not (scratch / CACHE_FILE).is_file()
    ):
        raise NoBuildError(
            f"{from_dir}: no build with a facts cache here; run kg build --out {from_dir} first "
            "(without --no-cache)"
        )
    options = record["options"]
    floor = options.get("min_confidence")  # the build's --min-confidence
    with (
        FactsCache(scratch / CACHE_FILE, model=record["model"]) as cache,
        work_folder(scratch) as work,
        closing(BuildSpool(work, base_iri=options["base_iri"], min_confidence=floor)) as spool,
    ):
        for key, source in record["articles"]:
            facts = cache.stored(key)
            if facts is None:
                raise NoBuildError(
                    f"{from_dir}: the facts cache no longer holds every article of the last "
                    "build; run kg build again"
                )
            article = dataclasses.replace(facts.article, source=source)
            spool.add(dataclasses.replace(facts, article=article))
        with cycle_collector_paused():
            graph = spool.graph(rules_from_json(options["rules"]))
            built = spool.built(
                graph,
                max_nodes=options["max_nodes"],
                turtle=_existing(from_dir / "graph.ttl"),
                triples=record["summary"]["triples"],
                skipped=tuple(Skipped(s, r) for s, r in record["skipped"]),
            )
            return write_format(name, built, target)


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None


def export_articles(
    paths: Iterable[str | Path],
    name: str,
    target: str | Path,
    *,
    options: BuildOptions | None = None,
    cache_dir: str | Path = DEFAULT_OUT / CACHE_DIR,
    on_skip: Callable[[Skipped], None] | None = None,
) -> str:
    """Write format `name` of the graph of the articles in `paths` to `target`.

    The facts come as in `kg.build`: from the facts cache in `cache_dir` where it has them
    (unless `options.cache` is off), from spaCy otherwise.
    """
    export_format(name)
    options = options or BuildOptions()
    floor = options.min_confidence
    scratch, inputs = Path(cache_dir), Inputs(list(paths), on_skip)
    with (
        work_folder(scratch) as work,
        closing(BuildSpool(work, base_iri=options.base_iri, min_confidence=floor)) as spool,
        facts_cache(scratch, options) as cache,
    ):
        spool_facts(inputs.articles(options), spool, options, cache=cache)
        with cycle_collector_paused():
            graph = spool.graph(options.rules)
            built = spool.built(graph, max_nodes=options.max_nodes, skipped=tuple(inputs.skipped))
            return write_format(name, built, target)
