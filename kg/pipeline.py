"""The library entry points: read -> analyse -> extract -> resolve -> write.

`kg.cli` is a thin layer over `extract_file` and `build`; both can be called from Python.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import atomic_write
from kg.export.contract import facts_to_line
from kg.extract import extract_facts
from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.ingest import Skipped, read_articles
from kg.model import Article, ArticleFacts, KnowledgeGraph
from kg.nlp import load_pipeline, model_name
from kg.resolve import resolve

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUT = Path("out")


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
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[ArticleFacts]:
    """Stream articles through spaCy and the extractors, in input order."""
    nlp = load_pipeline(model_name(model))
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_facts(doc, article)


def extract_file(
    paths: Iterable[str | Path],
    out: Path | None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    model: str | None = None,
    n_process: int = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    write: Callable[[str], object] = print,
) -> int:
    """Write the JSON Lines contract for every readable article; returns the article count.

    With `out`, the file is written atomically at the end; otherwise each line goes to
    `write` as soon as it is ready.
    """
    skipped: list[Skipped] = []
    report = on_skip or skipped.append
    count = 0
    lines: list[str] = []
    for facts in analyse_articles(
        read_articles(paths, on_skip=report), model=model, n_process=n_process
    ):
        line = facts_to_line(facts, base_iri=base_iri)
        if out is None:
            write(line.rstrip("\n"))
        else:
            lines.append(line)
        count += 1
    if out is not None:
        atomic_write(out, "".join(lines))
    return count


def build_graph(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    n_process: int = 1,
    on_skip: Callable[[Skipped], None] | None = None,
) -> KnowledgeGraph:
    """Read, analyse, extract and resolve: the graph of a corpus, in memory."""
    facts = list(
        analyse_articles(read_articles(paths, on_skip=on_skip), model=model, n_process=n_process)
    )
    if not facts:
        raise NoArticles("no article could be read from the inputs")
    return resolve(facts)


def write_outputs(
    graph: KnowledgeGraph,
    out_dir: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    max_nodes: int | None = None,
) -> tuple[int, tuple[Path, ...]]:
    """Write every output format into out_dir; returns the triple count and the files."""
    # Exporters import heavy libraries (networkx, pyvis): load them only when writing.
    from kg.export.graphml import write_graphml
    from kg.export.html import write_html
    from kg.export.turtle import write_turtle

    out_dir.mkdir(parents=True, exist_ok=True)
    turtle = out_dir / "graph.ttl"
    triples = write_turtle(graph, turtle, base_iri=base_iri)
    graphml = out_dir / "graph.graphml"
    write_graphml(graph, graphml)
    html = out_dir / "graph.html"
    write_html(graph, html, max_nodes=max_nodes)
    facts = out_dir / "facts.jsonl"
    atomic_write(facts, "".join(facts_to_line(f, base_iri=base_iri) for f in graph.articles))
    merges = out_dir / "merges.jsonl"
    atomic_write(
        merges,
        "".join(
            json.dumps(
                {
                    "node": base_iri + m.node,
                    "article": m.article_id,
                    "entity": m.entity_id,
                    "name": m.name,
                    "reason": m.reason,
                },
                ensure_ascii=False,
            )
            + "\n"
            for m in graph.merges
        ),
    )
    return triples, (turtle, graphml, html, facts, merges)


def build(
    paths: Iterable[str | Path] = (DEFAULT_INPUT,),
    out_dir: Path = DEFAULT_OUT,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    model: str | None = None,
    n_process: int = 1,
    max_nodes: int | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of the inputs and write it to out_dir."""
    skipped: list[Skipped] = []

    def note(item: Skipped) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    graph = build_graph(paths, model=model, n_process=n_process, on_skip=note)
    triples, files = write_outputs(graph, out_dir, base_iri=base_iri, max_nodes=max_nodes)
    by_type = Counter(node.type for node in graph.nodes)
    return BuildResult(
        articles=len(graph.articles),
        entities_by_type=dict(sorted(by_type.items())),
        triples=triples,
        files=files,
        skipped=tuple(skipped),
    )
