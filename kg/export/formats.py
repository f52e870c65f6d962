"""The export formats of `kg export`: one module per format behind one small contract.

Each entry names the module and its writer, imported only when that format is asked for, so
networkx loads only for the graph formats (as rdflib does with its serializer plugins).
Every writer is `write(kg, path, **options)`; `export` passes `base_iri` to the RDF ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.model import KnowledgeGraph


class UnknownFormatError(ValueError):
    """No exporter has that format name."""


@dataclass(frozen=True)
class ExportFormat:
    """Where a format's writer lives, and what it writes."""

    module: str
    function: str
    suffix: str
    rdf: bool  # takes base_iri, and writes triples (else nodes and edges)


FORMATS: dict[str, ExportFormat] = {
    "graphml": ExportFormat("kg.export.graphml", "write_graphml", ".graphml", rdf=False),
    "gexf": ExportFormat("kg.export.gexf", "write_gexf", ".gexf", rdf=False),
    "jsonld": ExportFormat("kg.export.jsonld", "write_jsonld", ".jsonld", rdf=True),
    "nquads": ExportFormat("kg.export.nquads", "write_nquads", ".nq", rdf=True),
    "turtle": ExportFormat("kg.export.turtle", "write_turtle", ".ttl", rdf=True),
}


def export_format(name: str) -> ExportFormat:
    """The format called `name`, or UnknownFormatError listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"unknown export format {name!r}; use one of {known}") from None


def export(
    kg: KnowledgeGraph, name: str, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI
) -> str:
    """Write `kg` to `path` in format `name`; return a one-line account of what was written."""
    spec = export_format(name)
    writer = getattr(import_module(spec.module), spec.function)
    if spec.rdf:
        return f"{writer(kg, path, base_iri=base_iri)} triples"
    nodes, edges = writer(kg, path)
    return f"{nodes} nodes, {edges} edges"
