"""JSON-LD (expanded form) of the graph's triples, serialised by pyoxigraph.

Expanded JSON-LD needs no context to read; rdflib's compacting writer is far slower on
large graphs. The triples are the same sorted list the Turtle writer uses.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.graph.rdf import DEFAULT_BASE_IRI, graph_triples
from kg.model import KnowledgeGraph


def write_jsonld(kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write `kg` as JSON-LD to `path` atomically; return the number of triples written."""
    triples = graph_triples(kg, base_iri=base_iri)
    data = ox.serialize(triples, format=ox.RdfFormat.JSON_LD)
    atomic_write(path, data.rstrip(b"\n") + b"\n")
    return len(triples)
