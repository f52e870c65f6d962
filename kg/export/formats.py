"""The one table of writers: every output format of `kg build` and `kg export`.

Each format is a module with a writer `write(built, path) -> str`: it reads a `BuiltGraph` (the
resolved graph and how to get its sorted triples) and returns a one-line account of what it
wrote. Each entry names its writer's module, imported only when that format is asked for, so
networkx and pyvis load only for the formats that need them (as rdflib does with its
serializer plugins). `kg build` writes the formats that have a `build_file`; `kg export`
writes any one of them.

A new format is one module in kg/export/ and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from kg.graph.rdf import DEFAULT_BASE_IRI, Row, graph_rows
from kg.model import KnowledgeGraph


class UnknownFormatError(ValueError):
    """No writer has that format name."""


@dataclass(frozen=True)
class BuiltGraph:
    """What a writer reads: a resolved graph and what the build knows besides it."""

    graph: KnowledgeGraph
    base_iri: str = DEFAULT_BASE_IRI
    # The graph's triples, sorted; a streaming build reads them from its spool on disk.
    rows: Callable[[], Iterable[Row]] | None = None
    # An article's text, where the graph holds its facts without it (a streaming build).
    text_of: Callable[[str], str] | None = None
    max_nodes: int | None = None  # entities drawn on the HTML page
    turtle: Path | None = None  # the written Turtle file, which the report validates
    triples: int | None = None
    skipped: tuple[Any, ...] = field(default=())

    def sorted_rows(self) -> Iterable[Row]:
        if self.rows is not None:
            return self.rows()
        return graph_rows(self.graph, base_iri=self.base_iri)


@dataclass(frozen=True)
class ExportFormat:
    """Where a format's writer lives, the suffix of its files, and its file in a build."""

    module: str
    suffix: str
    build_file: str | None = None  # its name in a build's output folder, if a build writes it
    function: str = "write"

    def writer(self) -> Callable[[BuiltGraph, Path], str]:
        return getattr(import_module(self.module), self.function)


FORMATS: dict[str, ExportFormat] = {
    "turtle": ExportFormat("kg.export.turtle", ".ttl", "graph.ttl"),
    "ntriples": ExportFormat("kg.export.turtle", ".nt", function="write_nt"),
    "graphml": ExportFormat("kg.export.graphml", ".graphml", "graph.graphml"),
    "html": ExportFormat("kg.export.html", ".html", "graph.html"),
    "facts": ExportFormat("kg.export.contract", ".jsonl", "facts.jsonl"),
    "merges": ExportFormat("kg.export.merges", ".jsonl", "merges.jsonl"),
    "report": ExportFormat("kg.export.report", ".json", "report.json"),
    "gexf": ExportFormat("kg.export.gexf", ".gexf"),
    "jsonld": ExportFormat("kg.export.jsonld", ".jsonld"),
    "nquads": ExportFormat("kg.export.nquads", ".nq"),
}


def export_format(name: str) -> ExportFormat:
    """The format called `name`, or UnknownFormatError listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"unknown export format {name!r}; use one of {known}") from None


def default_target(name: str, out_dir: Path) -> Path:
    """Where a format goes in `out_dir` unless told otherwise: its build file, or graph.SUFFIX."""
    spec = export_format(name)
    return out_dir / (spec.build_file or f"graph{spec.suffix}")


def write_format(name: str, built: BuiltGraph, path: str | Path) -> str:
    """Write `built` to `path` in format `name`; return a one-line account of what was written."""
    return export_format(name).writer()(built, Path(path))


def export(
    kg: KnowledgeGraph, name: str, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI
) -> str:
    """Write an in-memory graph to `path` in format `name` (see `write_format`)."""
    return write_format(name, BuiltGraph(kg, base_iri=base_iri), path)
