"""Write the graph as Turtle or N-Triples, and check a written file against the SHACL shapes.

The one Turtle writer: `write_rdf` streams sorted rows (`kg.graph.rdf.Row`) one chunk of
whole subjects at a time, so a build of any size writes the bytes that serialising the whole
sorted list at once would, and the same graph always gives the same bytes. Those are the bytes
of pyoxigraph's serializer (rdflib's is far slower on large graphs) with resource IRIs
prefixed: with N-Triples beside it (`kg build --store`) the rows go through pyoxigraph; the
Turtle alone is made in Python the same way (`_TurtleTerms`), twice as fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg.export.atomic import atomic_stream, atomic_write
from kg.graph.rdf import DEFAULT_BASE_IRI, Row, graph_rows, graph_triples
from kg.graph.vocab import PREFIXES, RESOURCE_KINDS, turtle_prefixes
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

# The repository root, where ontology/ lives when newskg runs from a checkout.
REPO_ROOT = Path(__file__).resolve().parents[2]
SHAPES_PATH = "ontology/shapes.ttl"
ONTOLOGY_PATH = "ontology/kg.ttl"


_CHUNK_ROWS = 20_000  # rows serialised per call: large enough to amortise, small in memory


class RdfWriteError(Exception):
    """A graph row is not valid RDF: a bug in the graph code, never the user's input."""


class ValidationUnavailableError(RuntimeError):
    """SHACL validation needs pyshacl, which is not installed."""


class ShapesNotFoundError(FileNotFoundError):
    """The SHACL shapes or the ontology file is missing."""


# A local name written after a resource prefix (person:roman-seleznev): only characters that
# every reader we test takes without trouble. pyoxigraph's own prefixing escapes the rest, and
# rdflib rejects some of its escapes (a final "\."), so any other IRI stays written in full.
# "/" is written "\/" (mention:a1\/0-3), which rdflib, raptor, Jena and Oxigraph all read.
_PLX = rb"%[0-9A-Fa-f]{2}"
_LOCAL = (
    rb"(?:[A-Za-z0-9_]|" + _PLX + rb")"
    rb"(?:(?:[A-Za-z0-9_.\-/]|" + _PLX + rb")*(?:[A-Za-z0-9_\-/]|" + _PLX + rb"))?"
)


@lru_cache(maxsize=8)
def _resource_iris(base_iri: str) -> re.Pattern[bytes]:
    """A string literal, or a full resource IRI below `base_iri` with a plain local name.

    Literals are matched so that the scan steps over them: their text is never rewritten.
    """
    kinds = b"|".join(kind.encode() for kind in RESOURCE_KINDS)
    iri = rb"<" + re.escape(base_iri.encode()) + rb"(" + kinds + rb")/(" + _LOCAL + rb")>"
    return re.compile(rb'"(?:[^"\\]|\\.)*"|' + iri, re.DOTALL)


def _prefixed(match: re.Match[bytes]) -> bytes:
    if match.group(1) is None:  # a string literal
        return match.group(0)
    return match.group(1) + b":" + match.group(2).replace(b"/", b"\\/")


@lru_cache(maxsize=8)
def _prefix_header(base_iri: str) -> bytes:
    # Sorted bytewise, as the lines are, so the header never depends on any map order.
    lines = sorted(
        f"@prefix {name}: <{iri}> .\n" for name, iri in turtle_prefixes(base_iri).items()
    )
    return "".join(lines).encode("utf-8")


def turtle_bytes(triples: Iterable[ox.Triple | ox.Quad], base_iri: str = DEFAULT_BASE_IRI) -> bytes:
    """Turtle for `triples`, in their order, with the project's prefixes and one prefix per
    resource kind below `base_iri` (the base IRI the triples were built with)."""
    return _prefix_header(base_iri) + _turtle_body(triples, base_iri)


def _turtle_body(triples: Iterable[ox.Triple | ox.Quad], base_iri: str) -> bytes:
    """`turtle_bytes` without its prefix header: what each chunk of a streamed file adds."""
    body = _strip_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return _resource_iris(base_iri).sub(_prefixed, body)


def ntriples_bytes(triples: list[ox.Triple]) -> bytes:
    """N-Triples for `triples`, in their order: one full triple a line, easy to stream and diff."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


# N-Triples string escapes: everything else may stand as it is between the quotes.
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# What pyoxigraph's Turtle escapes in a string: these five by name; any other control
# character (as a \uXXXX, \b or \f escape) is left to pyoxigraph itself (`_TurtleTerms`).
_TURTLE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Numbers pyoxigraph writes bare when their text is Turtle's INTEGER or DECIMAL.
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING, _XSD_INTEGER, _XSD_DECIMAL = f"{_XSD}string", f"{_XSD}integer", f"{_XSD}decimal"
# Types whose literals pyoxigraph may write bare: only the fast paths above are made here.
_SHORTENED = frozenset({_XSD_INTEGER, _XSD_DECIMAL, f"{_XSD}double", f"{_XSD}boolean"})
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PLAIN_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # kg:Article, wd:Q567, xsd:date
_LOCAL_TEXT = re.compile(_LOCAL.decode())  # what `_prefixed` writes after a resource prefix
_PROBE = "urn:newskg:probe"
_TERMS_KEPT = 50_000


def _ntriples_line(row: Row) -> str:
    subject, _rank, predicate, value, datatype = row
    if datatype:
        return f'<{subject}> <{predicate}> "{value.translate(_NT_ESCAPES)}"^^<{datatype}> .\n'
    return f"<{subject}> <{predicate}> <{value}> .\n"


def _chunks(rows: Iterable[Row]) -> Iterator[tuple[bytes, int]]:
    """Sorted rows as N-Triples text and its number of triples, cut only between subjects
    (Turtle groups by subject).

    pyoxigraph parses the text: twice as fast as building each term and triple from Python,
    the largest cost of writing a big graph.
    """
    lines: list[str] = []
    last = ""
    for row in rows:
        if len(lines) >= _CHUNK_ROWS and row[0] != last:
            yield "".join(lines).encode("utf-8"), len(lines)
            lines = []
        lines.append(_ntriples_line(row))
        last = row[0]
    if lines:
        yield "".join(lines).encode("utf-8"), len(lines)


def _parsed(ntriples: bytes) -> Iterator[ox.Quad]:
    return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)


def _strip_prefixes(turtle: bytes) -> bytes:
    """`turtle` without its leading @prefix lines (found without splitting the whole text)."""
    start = 0
    while turtle.startswith(b"@prefix ", start):
        end = turtle.find(b"\n", start)
        if end < 0:
            return b""
        start = end + 1
    return turtle[start:]


class _TurtleTerms:
    """Each term of a row as pyoxigraph's Turtle serializer followed by `_prefixed` writes
    it, made in Python: parsing the rows and serialising them again took two thirds of the
    Turtle's time. The common terms have a fast path; anything else (an IRI outside the
    fast paths, a literal with a control character, a number pyoxigraph would not shorten)
    is written by pyoxigraph itself, one term at a time, so every byte stays its.
    tests/test_turtle.py compares the two on rows made to reach every path."""

    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri
        self._kinds = frozenset(RESOURCE_KINDS)
        self._iris: dict[str, str] = {}  # IRIs that are not resources: vocabulary terms

    def iri(self, iri: str) -> str:
        if iri.startswith(self.base_iri):
            kind, slash, local = iri[len(self.base_iri) :].partition("/")
            if slash and kind in self._kinds and _LOCAL_TEXT.fullmatch(local):
                return kind + ":" + local.replace("/", "\\/")
        made = self._iris.get(iri)
        if made is None:
            if len(self._iris) >= _TERMS_KEPT:
                self._iris.clear()
            made = self._iris[iri] = self._vocabulary(iri)
        return made

    def _vocabulary(self, iri: str) -> str:
        for name, namespace in PREFIXES.items():
            if iri.startswith(namespace) and _PLAIN_LOCAL.fullmatch(iri[len(namespace) :]):
                return f"{name}:{iri[len(namespace) :]}"
        return self._pyoxigraph(f"<{iri}>")

    def literal(self, value: str, datatype: str) -> str:
        if datatype == _XSD_INTEGER and _INTEGER.fullmatch(value):
            return value
        if datatype == _XSD_DECIMAL and _DECIMAL.fullmatch(value):
            return value
        if _NEEDS_ESCAPE.search(value) is None:
            quoted = f'"{value}"'
        elif _OTHER_CONTROLS.search(value) is None:
            quoted = f'"{value.translate(_TURTLE_ESCAPES)}"'
        else:
            return self._pyoxigraph(f'"{value.translate(_NT_ESCAPES)}"^^<{datatype}>')
        if datatype == _XSD_STRING:
            return quoted
        if datatype in _SHORTENED:
            return self._pyoxigraph(f'"{value.translate(_NT_ESCAPES)}"^^<{datatype}>')
        return f"{quoted}^^{self.iri(datatype)}"

    def _pyoxigraph(self, term: str) -> str:
        """The term (N-Triples syntax) as the pyoxigraph route writes it."""
        line = f"<{_PROBE}> <{_PROBE}> {term} .\n".encode()
        try:
            body = _turtle_body(_parsed(line), self.base_iri).decode("utf-8")
        except SyntaxError as error:  # a row the graph code should never have made
            raise RdfWriteError(f"an RDF row is not valid N-Triples: {error}") from error
        return body.removeprefix(f"<{_PROBE}> <{_PROBE}> ").removesuffix(" .\n")


def _turtle_pieces(rows: Iterable[Row], terms: _TurtleTerms) -> Iterator[tuple[str, int]]:
    """The Turtle body of sorted rows, in pieces of whole subjects, and each piece's number
    of triples: one statement per subject, `;` before each new predicate, `,` between the
    objects of one (the layout of pyoxigraph's serializer, which also compares each triple
    with the one before only)."""
    out: list[str] = []
    count = 0
    subject = predicate = None
    for row in rows:
        if row[0] != subject:
            if subject is not None:
                out.append(" .\n")
                if count >= _CHUNK_ROWS:
                    yield "".join(out), count
                    out, count = [], 0
            subject, predicate = row[0], row[2]
            out += (terms.iri(subject), " ", _predicate(terms, predicate), " ")
        elif row[2] != predicate:
            predicate = row[2]
            out += (" ;\n\t", _predicate(terms, predicate), " ")
        else:
            out.append(" , ")
        out.append(terms.literal(row[3], row[4]) if row[4] else terms.iri(row[3]))
        count += 1
    if subject is not None:
        out.append(" .\n")
        yield "".join(out), count


def _predicate(terms: _TurtleTerms, iri: str) -> str:
    return "a" if iri == _RDF_TYPE else terms.iri(iri)


def _made_in_python(base_iri: str) -> bool:
    """Whether `_TurtleTerms` writes what pyoxigraph would: not when a namespace of
    PREFIXES and the resources overlap (pyoxigraph would shorten the resources with it)."""
    return not any(
        base_iri.startswith(namespace) or namespace.startswith(base_iri)
        for namespace in PREFIXES.values()
    )


def _write_turtle(rows: Iterable[Row], turtle: Path, base_iri: str) -> int:
    terms = _TurtleTerms(base_iri)
    count = 0
    with atomic_stream(turtle) as handle:
        for index, (text, size) in enumerate(_turtle_pieces(rows, terms)):
            if index == 0:
                handle.write(_prefix_header(base_iri))
            handle.write(text.encode("utf-8"))
            count += size
    return count


def write_rdf(
    rows: Iterable[Row],
    turtle: Path | None,
    ntriples: Path | None = None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
) -> int:
    """Write sorted rows as Turtle and/or N-Triples with pyoxigraph; return the triple count.

    `base_iri` is the one the rows were built with: it gives the Turtle resource prefixes.
    The Turtle alone is made in Python, byte for byte as pyoxigraph writes it (`_TurtleTerms`).
    """
    if turtle is not None and ntriples is None and _made_in_python(base_iri):
        return _write_turtle(rows, turtle, base_iri)
    count = 0
    with _maybe_stream(turtle) as ttl, _maybe_stream(ntriples) as nt:
        for index, (text, size) in enumerate(_chunks(rows)):
            try:
                # Parsed triples go straight into the serializer: a list of them costs more
                # time to build and free than the serializing does.
                triples = _parsed(text) if nt is None else list(_parsed(text))
                if ttl is not None:
                    if index == 0:
                        ttl.write(_prefix_header(base_iri))
                    ttl.write(_turtle_body(triples, base_iri))
                if nt is not None:
                    nt.write(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            except SyntaxError as error:  # a row the graph code should never have made
                raise RdfWriteError(f"an RDF row is not valid N-Triples: {error}") from error
            count += size
    return count


def write(built: BuiltGraph, path: Path) -> str:
    """The `turtle` format (kg.export.formats)."""
    return f"{write_rdf(built.sorted_rows(), path, base_iri=built.base_iri)} triples"


def write_nt(built: BuiltGraph, path: Path) -> str:
    """The `ntriples` format (kg.export.formats)."""
    return f"{write_rdf(built.sorted_rows(), None, path, base_iri=built.base_iri)} triples"


@contextmanager
def _maybe_stream(path: Path | None) -> Iterator[BinaryIO | None]:
    if path is None:
        yield None
    else:
        with atomic_stream(path) as handle:
            yield handle


def write_turtle(kg: KnowledgeGraph, path: str | Path, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write `kg` as Turtle to `path` atomically; return the number of triples written."""
    return write_rdf(graph_rows(kg, base_iri=base_iri), Path(path), base_iri=base_iri)


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
