"""Facts to RDF: the ontology's terms (`vocab`) and the triples of a KnowledgeGraph (`rdf`)."""

from kg.graph.rdf import (
    DEFAULT_BASE_IRI,
    RdfError,
    UnknownTermError,
    graph_rows,
    graph_triples,
    to_rdflib,
)
from kg.graph.vocab import KG, PREFIXES

__all__ = [
    "DEFAULT_BASE_IRI",
    "KG",
    "PREFIXES",
    "RdfError",
    "UnknownTermError",
    "graph_rows",
    "graph_triples",
    "to_rdflib",
]
