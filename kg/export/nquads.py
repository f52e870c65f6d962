"""N-Quads of the graph: one full statement a line, ready for a triple store's bulk loader.

The triples go in the named graph `{base_iri}graph`, so that loading several builds into one
store keeps them apart and a `GRAPH` clause can pick one.
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


def graph_name(base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the named graph the quads are written in."""
    return f"{base_iri}graph"


def write_nquads(kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write `kg` as N-Quads to `path` atomically; return the number of quads written."""
    name = ox.NamedNode(graph_name(base_iri))
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, name)
        for t in graph_triples(kg, base_iri=base_iri)
    ]
    atomic_write(path, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return len(quads)


def write(built: BuiltGraph, path: Path) -> str:
    """The `nquads` format (kg.export.formats)."""
    return f"{write_nquads(built.graph, path, base_iri=built.base_iri)} quads"
