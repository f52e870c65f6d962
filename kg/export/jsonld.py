"""JSON-LD (expanded form) of the graph's triples, serialised by pyoxigraph.

Expanded JSON-LD needs no context to read; rdflib's compacting writer is far slower on
large graphs. The triples are the same sorted list the Turtle writer uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.export.atomic import atomic_write
from kg.graph.rdf import DEFAULT_BASE_IRI, graph_triples
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph


def write_jsonld(kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write `kg` as JSON-LD to `path` atomically; return the number of triples written."""
    triples = graph_triples(kg, base_iri=base_iri)
    data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    atomic_write(path, data.rstrip(b"\n") + b"\n")
    return len(triples)


def write(built: BuiltGraph, path: Path) -> str:
    """The `jsonld` format (kg.export.formats)."""
    return f"{write_jsonld(built.graph, path, base_iri=built.base_iri)} triples"
