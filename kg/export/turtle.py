"""Write the graph as Turtle or N-Triples, and check a written file against the SHACL shapes.

pyoxigraph serialises (rdflib's Turtle writer is far slower on large graphs) the sorted triple
list from kg.graph.rdf, so the same graph always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.graph.rdf import DEFAULT_BASE_IRI, graph_triples
from kg.graph.vocab import PREFIXES
from kg.model import KnowledgeGraph

# The repository root, where ontology/ lives when newskg runs from a checkout.
REPO_ROOT = Path(__file__).resolve().parents[2]
SHAPES_PATH = "ontology/shapes.ttl"
ONTOLOGY_PATH = "ontology/kg.ttl"


class ValidationUnavailableError(RuntimeError):
    """SHACL validation needs pyshacl, which is not installed."""


class ShapesNotFoundError(FileNotFoundError):
    """The SHACL shapes or the ontology file is missing."""


def _sorted_prefix_header(turtle: bytes) -> bytes:
    # pyoxigraph writes its @prefix lines in its own map order; sort them so that the bytes
    # never depend on it.
    lines = turtle.split(b"\n")
    count = 0
    while count < len(lines) and lines[count].startswith(b"@prefix "):
        count += 1
    return b"\n".join(sorted(lines[:count]) + lines[count:])


def turtle_bytes(triples: Iterable[ox.Triple | ox.Quad]) -> bytes:
    """Turtle for `triples`, in their order, with the project's prefixes."""
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return _sorted_prefix_header(turtle)


def ntriples_bytes(triples: list[ox.Triple]) -> bytes:
    """N-Triples for `triples`, in their order: one full triple a line, easy to stream and diff."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def write_turtle(kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write `kg` as Turtle to `path` atomically; return the number of triples written."""
    triples = graph_triples(kg, base_iri=base_iri)
    atomic_write(path, turtle_bytes(triples))
    return len(triples)


def write_ntriples(
    kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI
) -> int:
    """Write `kg` as N-Triples to `path` atomically; return the number of triples written."""
    triples = graph_triples(kg, base_iri=base_iri)
    atomic_write(path, ntriples_bytes(triples))
    return len(triples)


def _resolve(path: str | Path, root: Path) -> Path:
    resolved = Path(path) if Path(path).is_absolute() else root / path
    if not resolved.is_file():
        raise ShapesNotFoundError(f"{resolved}: no such file")
    return resolved


def validate(
    turtle_path: str | Path,
    shapes_path: str | Path = SHAPES_PATH,
    *,
    ontology_path: str | Path | None = ONTOLOGY_PATH,
    root: str | Path = REPO_ROOT,
) -> tuple[bool, str]:
    """Check a Turtle file against the SHACL shapes; return (conforms, pyshacl's report text).

    Relative `shapes_path` and `ontology_path` are read below `root` (the repository root by
    default); the ontology is given to pyshacl as its ont_graph, with no inference.
    """
    try:
        import pyshacl  # a test extra: only validation needs it
    except ImportError as exc:
        raise ValidationUnavailableError(
            "validating RDF needs pyshacl: pip install 'newskg[test]'"
        ) from exc
    import rdflib

    root = Path(root)
    data = rdflib.Graph().parse(Path(turtle_path), format="turtle")
    shapes = rdflib.Graph().parse(_resolve(shapes_path, root), format="turtle")
    ontology = None
    if ontology_path is not None:
        ontology = rdflib.Graph().parse(_resolve(ontology_path, root), format="turtle")
    conforms, _report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    return bool(conforms), str(text)
