"""The library entry points: read -> analyse -> extract -> resolve -> write.

`kg.cli` is a thin layer over `extract_file` and `build`; both can be called from Python.
`build` streams: facts come from the cache (kg.cache) or from spaCy (here, on worker
processes or on Dask: kg.distributed) and go straight to disk (kg.spool), so a corpus is
never held in memory; the outputs are written from there.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write_lines
from kg.cache import CACHE_DIR, CACHE_FILE, FactsCache
from kg.distributed import Prepare
from kg.export.contract import facts_to_line
from kg.graph.rdf import DEFAULT_BASE_IRI, Row, check_base_iri, graph_rows
from kg.ingest import Skipped, read_articles
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES
from kg.model import Article, ArticleFacts, KnowledgeGraph, Merge
from kg.nlp import (
    BATCH_CHARS,
    analysis_text,
    load_pipeline,
    model_name,
    release_pipelines,
    text_batches,
    trim_heap,
)
from kg.progress import progress
from kg.resolve import resolve
from kg.resolve.rules import NO_RULES, AliasRules
from kg.spool import BuildSpool
from kg.store import load_store, rdf_written_aside, write_rdf
from kg.unchanged import input_fingerprint, previous_build, record_build

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUT = Path("out")
STORE_DIR = "graph.oxigraph"
# The entities a build's page draws unless told otherwise: past a few thousand nodes a
# browser slows to a crawl and the page runs to tens of megabytes (the 20,961 news-bench
# articles make 41,000 entities); every entity stays in the other outputs.
DEFAULT_MAX_NODES = 5000
ZONE_BATCHES = 8  # spaCy batches analysed in one memory zone


class NoArticles(Exception):
    """None of the inputs held an article that could be read."""


@dataclass(frozen=True)
class BuildResult:
    """What `build` read and wrote, for the summary a user sees."""

    articles: int
    entities_by_type: dict[str, int]
    triples: int
    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...] = field(default=())


def analyse_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[ArticleFacts]:
    """Stream articles through spaCy and the extractors in this process, in input order."""
    from kg.extract import extract_facts  # imports spaCy: only when articles are analysed

    nlp = load_pipeline(model_name(model))
    batches = text_batches(articles, batch_chars)
    # Every new word of every article would stay in spaCy's vocabulary for good, so memory
    # would grow with the corpus; a memory zone forgets them once the facts are out.
    while zone := list(islice(batches, ZONE_BATCHES)):
        with nlp.memory_zone():
            for batch in zone:
                pairs = [(analysis_text(article.text), article) for article in batch]
                for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
                    yield extract_facts(doc, article)
        trim_heap()


def extract_file(
    paths: Iterable[str | Path],
    out: Path | None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    model: str | None = None,
    n_process: int = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    write: Callable[[str], object] = print,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
) -> int:
    """Write the JSON Lines contract for every readable article; returns the article count.

    With `out`, the file is written atomically at the end; otherwise each line goes to
    `write` as soon as it is ready.
    """
    skipped: list[Skipped] = []
    report = on_skip or skipped.append
    count = 0

    def lines() -> Iterator[str]:
        nonlocal count
        articles = read_articles(paths, on_skip=report, max_article_bytes=max_article_bytes)
        if n_process > 1:
            from kg.distributed import analyse_in_pool

            results = analyse_in_pool(
                articles, model=model_name(model), processes=n_process, ordered=True
            )
            analysed: Iterable[ArticleFacts] = (facts for facts, _ in results)
        else:
            analysed = analyse_articles(articles, model=model)
        for facts in analysed:
            count += 1
            yield facts_to_line(facts, base_iri=base_iri)

    if out is None:
        for line in lines():
            write(line.rstrip("\n"))
    else:
        atomic_write_lines(out, lines())
    return count


def stream_facts(
    articles: Iterable[Article],
    sink: Callable[[ArticleFacts, Any], object],
    *,
    model: str | None = None,
    n_process: int = 1,
    cache: FactsCache | None = None,
    dask: str | None = None,
    advance: Callable[[int], None] | None = None,
    prepare: Prepare = None,
) -> None:
    """Pass the facts of every article to `sink`, in no particular order.

    Articles whose facts are in `cache` skip spaCy; the others are analysed in this process,
    on `n_process` worker processes, or on the Dask cluster at `dask`, and cached. Cache hits
    go to `sink` while reading, so nothing waits in memory for the analysis to catch up.
    `sink` gets each article's facts and `prepare(facts)` (None without `prepare`), computed
    on the worker that analysed the article, so the parent is left little to do.
    """
    name = model_name(model)
    step = advance or (lambda _: None)

    def emit(facts: ArticleFacts, prepared: Any, key: str | None) -> None:
        if cache is not None and key is not None:
            cache.put(facts, key)
        sink(facts, prepared)
        step(1)

    keys: dict[str, str] = {}

    def misses() -> Iterator[Article]:
        for article in articles:
            key = cache.key(article) if cache is not None else None
            cached = cache.get(article, key) if cache is not None else None
            if cached is not None:
                emit(cached, prepare(cached) if prepare is not None else None, None)
                continue
            if key is not None:
                keys[article.id] = key
            yield article

    pending = misses()
    first = next(pending, None)
    if first is None:
        return  # everything came from the cache: spaCy is never loaded
    todo = chain([first], pending)
    if dask is not None:
        from kg.distributed import analyse_on_dask

        results = analyse_on_dask(
            todo, address=dask, model=name, workers=max(2, n_process), prepare=prepare
        )
    elif n_process > 1:
        from kg.distributed import analyse_in_pool

        results = analyse_in_pool(todo, model=name, processes=n_process, prepare=prepare)
    else:
        results = (
            (facts, prepare(facts) if prepare is not None else None)
            for facts in analyse_articles(todo, model=name)
        )
    for facts, prepared in results:
        emit(facts, prepared, keys.pop(facts.article.id, None))


def count_articles(
    paths: Iterable[str | Path], max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
) -> int:
    """How many articles the inputs hold (a cheap pass, for the progress bar's ETA)."""
    articles = read_articles(
        paths, on_skip=lambda _: None, max_article_bytes=max_article_bytes, unique_texts=True
    )
    return sum(1 for _ in articles)


def build_graph(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    n_process: int = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
) -> KnowledgeGraph:
    """Read, analyse, extract and resolve: the graph of a small corpus, in memory."""
    facts: list[ArticleFacts] = []
    articles = read_articles(
        paths, on_skip=on_skip, max_article_bytes=max_article_bytes, unique_texts=True
    )
    stream_facts(articles, lambda f, _: facts.append(f), model=model, n_process=n_process)
    if not facts:
        raise NoArticles("no article could be read from the inputs")
    return resolve(facts)


def write_outputs(
    graph: KnowledgeGraph,
    out_dir: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    max_nodes: int | None = None,
    rows: Iterable[Row] | None = None,
    rows_file: Path | None = None,
    store: bool = False,
    text_of: Callable[[str], str] | None = None,
) -> tuple[int, tuple[Path, ...]]:
    """Write every output format into out_dir; returns the triple count and the files.

    `rows` are the graph's sorted triples when a streaming build spooled them to disk;
    without them they are computed from `graph`. `rows_file`, a finished row spool
    (`BuildSpool.finish`), is written as RDF by a process of its own while this one writes
    the other files. With `store`, N-Triples and an on-disk Oxigraph store
    (out_dir/graph.oxigraph) are written too. `text_of` gives the page the texts that
    `graph` was built without (see `kg.export.html.write_html`).
    """
    # Exporters import heavy libraries (networkx, pyvis): load them only when writing.
    from kg.export.graphml import write_graphml
    from kg.export.html import write_html

    out_dir.mkdir(parents=True, exist_ok=True)
    turtle = out_dir / "graph.ttl"
    ntriples = out_dir / "graph.nt" if store else None
    with ExitStack() as stack:
        if rows_file is not None:
            pending = stack.enter_context(rdf_written_aside(rows_file, turtle, ntriples))
        else:
            rows = graph_rows(graph, base_iri=base_iri) if rows is None else rows
            triples = write_rdf(rows, turtle, ntriples)
        graphml = out_dir / "graph.graphml"
        write_graphml(graph, graphml)
        html = out_dir / "graph.html"
        write_html(graph, html, max_nodes=max_nodes, text_of=text_of)
        facts = out_dir / "facts.jsonl"
        keys = graph.entity_keys
        atomic_write_lines(
            facts, (facts_to_line(f, base_iri=base_iri, node_keys=keys) for f in graph.articles)
        )
        merges = out_dir / "merges.jsonl"
        atomic_write_lines(merges, (_merge_line(m, base_iri) for m in graph.merges))
        if rows_file is not None:
            triples = pending.result()
    written = [turtle]
    if ntriples is not None:
        load_store(ntriples, out_dir / STORE_DIR)
        written += [ntriples, out_dir / STORE_DIR]
    return triples, (*written, graphml, html, facts, merges)


def _merge_line(merge: Merge, base_iri: str) -> str:
    record = {
        "node": base_iri + merge.node,
        "article": merge.article_id,
        "entity": merge.entity_id,
        "name": merge.name,
        "reason": merge.reason,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block, as it was afterwards.

    Resolution and the writers make millions of objects that live to the end of the build
    and form no reference cycles; the collector would walk all of them again and again for
    nothing, a fifth of the writers' time. Freed objects still go at once (reference counts).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _remove_abandoned_scratch(scratch: Path) -> None:
    """Delete the work folders of builds that were killed (their process is gone).

    A build works in `scratch/build-PID-*` and removes it when it ends; a SIGKILL leaves it.
    Folders of a process still running (a build beside this one) are left alone.
    """
    for folder in scratch.glob("build-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: Path = DEFAULT_OUT,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    model: str | None = None,
    n_process: int = 1,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    on_skip: Callable[[Skipped], None] | None = None,
    cache: bool = True,
    dask: str | None = None,
    store: bool = False,
    show_progress: bool | None = None,
    rules: AliasRules = NO_RULES,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write it to out_dir, streaming.

    Each article's facts go to disk as soon as they are extracted (kg.spool), so memory does
    not grow with the texts of the corpus. With `cache`, facts are kept in
    out_dir/.cache/facts.sqlite and a later build analyses only new or changed articles; its
    output is byte for byte that of a build without the cache.

    Inputs that cannot be read (and articles over `max_article_bytes`) are passed to
    `on_skip`, listed in the result and in out_dir/report.json, and the rest is built.
    """
    check_base_iri(base_iri)
    paths = list(paths)
    skipped: list[Skipped] = []

    def note(item: Skipped) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    scratch = out_dir / CACHE_DIR
    scratch.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_scratch(scratch)
    fingerprint = None
    if cache and not store:
        options = {
            "base_iri": base_iri,
            "max_nodes": max_nodes,
            "rules": [[sorted(r.names), r.type, r.wikidata, r.label] for r in rules.same]
            + [sorted(d) for d in rules.distinct],
        }
        fingerprint, skipped_before = input_fingerprint(
            paths, model=model_name(model), options=options, max_article_bytes=max_article_bytes
        )
        previous = previous_build(scratch, fingerprint)
        if previous is not None:
            for item in skipped_before:
                note(item)
            summary = previous["summary"]
            return BuildResult(
                articles=summary["articles"],
                entities_by_type=summary["entities_by_type"],
                triples=summary["triples"],
                files=tuple(Path(f) for f in summary["files"]),
                skipped=tuple(skipped),
            )
    work = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=scratch))
    # A build given worker processes has cores to spare once the analysis is done: its RDF is
    # written by a process of its own, beside the other files, from the spool's files.
    aside = n_process > 1 or dask is not None
    spool = BuildSpool(work, base_iri=base_iri)
    try:
        enabled = sys.stderr.isatty() if show_progress is None else show_progress
        total = count_articles(paths, max_article_bytes) if enabled else None
        with ExitStack() as stack:
            facts_cache = (
                stack.enter_context(FactsCache(scratch / CACHE_FILE, model=model_name(model)))
                if cache
                else None
            )
            advance = stack.enter_context(progress(total, enabled=enabled))
            stream_facts(
                read_articles(
                    paths, on_skip=note, max_article_bytes=max_article_bytes, unique_texts=True
                ),
                spool.add,
                prepare=spool.prepare,
                model=model,
                n_process=n_process,
                cache=facts_cache,
                dask=dask,
                advance=advance,
            )
        release_pipelines()  # spaCy's part is done: its memory goes before the graph's comes
        if spool.count == 0:
            raise NoArticles("no article could be read from the inputs")
        with cycle_collector_paused():
            graph = spool.graph(rules)
            trim_heap()  # what decoding every article's facts left free in the heap
            triples, files = write_outputs(
                graph,
                out_dir,
                base_iri=base_iri,
                max_nodes=max_nodes,
                rows=None if aside else spool.rdf_rows(graph),
                rows_file=spool.finish(graph) if aside else None,
                store=store,
                text_of=spool.article_text,
            )
            from kg.report import write_report  # the quality report, out/report.json

            report = write_report(graph, out_dir, turtle=files[0], triples=triples, skipped=skipped)
            files += (report,)
    finally:
        spool.close()
        shutil.rmtree(work, ignore_errors=True)
    by_type = Counter(node.type for node in graph.nodes)
    result = BuildResult(
        articles=len(graph.articles),
        entities_by_type=dict(sorted(by_type.items())),
        triples=triples,
        files=files,
        skipped=tuple(skipped),
    )
    if fingerprint is not None:
        summary = {
            "articles": result.articles,
            "entities_by_type": result.entities_by_type,
            "triples": result.triples,
            "files": [str(f) for f in result.files],
        }
        record_build(scratch, fingerprint, summary, result.files)
    return result
