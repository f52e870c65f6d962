"""A build, end to end: read -> analyse -> extract -> resolve -> graph -> outputs.

`build` streams: each article's facts come from the facts cache (kg.pipeline.cache) or from
spaCy (kg.pipeline.stream) and go straight to disk (kg.pipeline.spool), so a corpus is never
held in memory; the spool resolves them and every writer of kg.export.formats reads the
result. `kg export` takes the same route (kg.pipeline.reexport).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from kg.graph.rdf import check_base_iri
from kg.ingest import Skipped, read_articles
from kg.model import ArticleFacts, KnowledgeGraph
from kg.nlp.load import model_name, release_pipelines, trim_heap
from kg.pipeline.cache import CACHE_DIR
from kg.pipeline.options import (
    DEFAULT_INPUT,
    DEFAULT_OUT,
    BuildOptions,
    BuildResult,
    NoArticles,
)
from kg.pipeline.progress import DEFAULT_INTERVAL, BuildProgress, build_progress, progress_mode
from kg.pipeline.scratch import cycle_collector_paused, heap_frozen, work_folder
from kg.pipeline.spool import BuildSpool
from kg.pipeline.stream import Inputs, OnSkip, facts_cache, spool_facts, stream_facts
from kg.pipeline.unchanged import previous_build, record_build, survey_inputs
from kg.resolve import resolve


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: str | Path = DEFAULT_OUT,
    *,
    options: BuildOptions | None = None,
    on_skip: OnSkip = None,
    progress_interval: float = DEFAULT_INTERVAL,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write every output to out_dir, streaming.

    With `options.cache`, facts are kept in out_dir/.cache/facts.sqlite and a later build
    analyses only new or changed articles (its output is byte for byte that of a build without
    the cache); a build whose inputs, code and options are unchanged is skipped. Inputs that
    cannot be read are passed to `on_skip`, listed in the result and in out_dir/report.json,
    and the rest is built. Progress goes to stderr (kg.pipeline.progress): a bar on a
    terminal; elsewhere, with `options.show_progress` True, a line at most every
    `progress_interval` seconds and one per file written.
    """
    options = options or BuildOptions()
    check_base_iri(options.base_iri)
    out_dir, inputs = Path(out_dir), Inputs(list(paths), on_skip, exclude=[out_dir])
    scratch = out_dir / CACHE_DIR
    survey = None
    if options.cache:
        survey = survey_inputs(
            inputs.paths,
            model=model_name(options.model),
            options={**options.output_options(), "store": options.store},
            max_article_bytes=options.max_article_bytes,
            exclude=inputs.exclude,
        )
        previous = None if options.store else previous_build(scratch, survey.fingerprint)
        if previous is not None:
            return _unchanged(previous, survey.skipped, inputs)
    mode = progress_mode(options.show_progress)
    total = survey.articles if survey is not None else None
    if mode != "off" and total is None:  # an ETA needs the count: one more pass over the input
        total = sum(1 for _ in Inputs(inputs.paths, None, exclude=inputs.exclude).articles(options))
    with (
        work_folder(scratch) as work,
        closing(
            BuildSpool(work, base_iri=options.base_iri, min_confidence=options.min_confidence)
        ) as spool,
        build_progress(total, mode=mode, interval=progress_interval) as shown,
    ):
        _analyse(inputs, spool, options, scratch, shown)
        with cycle_collector_paused():
            graph = spool.graph(options.rules)
            _return_memory()  # what resolving and decoding every article's facts left
            with heap_frozen():
                triples, files = _write(graph, spool, out_dir, options, inputs.skipped, shown)
    result = BuildResult(
        articles=len(graph.articles),
        entities_by_type=dict(sorted(Counter(node.type for node in graph.nodes).items())),
        triples=triples,
        files=files,
        skipped=tuple(inputs.skipped),
    )
    if survey is not None:
        record_build(scratch, survey.fingerprint, _record(result, inputs, options), files)
    return result


def _analyse(
    inputs: Inputs, spool: BuildSpool, options: BuildOptions, scratch: Path, shown: BuildProgress
) -> None:
    """Every article's facts into the spool, from the cache or from spaCy."""
    with facts_cache(scratch, options) as cache:
        spool_facts(
            inputs.articles(options),
            spool,
            options,
            cache=cache,
            advance=shown.advance,
            on_key=lambda key, article: inputs.keys.append((key, article.source)),
        )
    release_pipelines()  # spaCy's part is done: its memory goes before the graph's comes


def _write(
    graph: KnowledgeGraph,
    spool: BuildSpool,
    out_dir: Path,
    options: BuildOptions,
    skipped: list[Skipped],
    shown: BuildProgress,
) -> tuple[int, tuple[Path, ...]]:
    """Every build file. A build given worker processes has cores to spare once the analysis
    is done: its RDF is written by a process of its own, beside the other files."""
    from kg.export.outputs import output_count, write_outputs

    aside = options.n_process > 1 or options.dask is not None
    known: dict[str, Any] = {"rows": None} if aside else {}
    built = spool.built(graph, max_nodes=options.max_nodes, skipped=tuple(skipped), **known)
    rows_file = spool.finish(graph) if aside else None
    shown.writing(output_count(options.store))
    return write_outputs(
        built, out_dir, rows_file=rows_file, store=options.store, on_written=_freeing(shown.wrote)
    )


def _freeing(wrote: Callable[[Path], None]) -> Callable[[Path], None]:
    """`wrote`, then what the file's writer left behind goes back to the system."""

    def done(path: Path) -> None:
        wrote(path)
        _return_memory()

    return done


def _return_memory() -> None:
    """Collect the garbage and hand the free heap back to the system. The cycle collector is
    paused while the graph is resolved and written (kg.pipeline.scratch), so what resolution
    and each writer leave in cycles would wait for the end of the build: collected after the
    graph and after each file, a 20,961-article build peaks at 530 MiB instead of 617."""
    gc.collect()
    trim_heap()


def _unchanged(previous: dict[str, Any], skipped: Iterable[Skipped], inputs: Inputs):
    """The result of the last build, whose outputs stand as they were."""
    for item in skipped:
        inputs.note(item)
    summary = previous["summary"]
    return BuildResult(
        articles=summary["articles"],
        entities_by_type=summary["entities_by_type"],
        triples=summary["triples"],
        files=tuple(Path(f) for f in summary["files"]),
        skipped=tuple(inputs.skipped),
    )


def _record(result: BuildResult, inputs: Inputs, options: BuildOptions) -> dict[str, Any]:
    """What a build remembers: its summary, and how to write its outputs again."""
    return {
        "summary": {
            "articles": result.articles,
            "entities_by_type": result.entities_by_type,
            "triples": result.triples,
            "files": [str(f) for f in result.files],
        },
        "model": model_name(options.model),
        "options": options.output_options(),
        "articles": sorted(inputs.keys, key=lambda pair: (pair[0], pair[1] or "")),
        "skipped": [[s.source, s.reason] for s in inputs.skipped],
    }


def build_graph(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    n_process: int = 1,
    on_skip: OnSkip = None,
) -> KnowledgeGraph:
    """Read, analyse, extract and resolve: the graph of a small corpus, in memory, uncached."""
    facts: list[ArticleFacts] = []
    articles = read_articles(paths, on_skip=on_skip, unique_texts=True)
    stream_facts(articles, lambda f, _: facts.append(f), model=model, n_process=n_process)
    if not facts:
        raise NoArticles("no article could be read from the inputs")
    return resolve(facts)
