"""Load an RDF file into an in-memory Oxigraph store and run SPARQL 1.1 over it.

pyoxigraph evaluates SPARQL in Rust, far faster than rdflib (see bench/query_latency.py).
The ontology's prefixes (kg:, schema:, skos:, ...) are predeclared, so queries need no
PREFIX lines; a query that declares its own keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES

DEFAULT_GRAPH = Path("out/graph.ttl")

# File suffix -> RDF syntax; a compressed or unknown suffix is refused with the list.
RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

# pyoxigraph reports a parse error as "error at LINE:COLUMN: message".
_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
MAX_MESSAGE_CHARS = 200


class QueryError(Exception):
    """A query cannot be read, parsed or run."""


class GraphNotFoundError(QueryError):
    """The RDF file to query does not exist or cannot be parsed."""


class QuerySyntaxError(QueryError):
    """The query is not valid SPARQL 1.1; the message names the line and column."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class QueryResult:
    """What a query returned: `kind` is "select", "ask" or "graph" (CONSTRUCT / DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()


def load_store(path: str | Path = DEFAULT_GRAPH) -> ox.Store:
    """An in-memory store holding the triples of an RDF file (Turtle by default), or an
    on-disk Oxigraph store folder opened read-only."""
    path = Path(path)
    if path.is_dir():  # an on-disk Oxigraph store, as `kg build --store` writes
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise GraphNotFoundError(f"{path}: not an Oxigraph store: {exc}") from exc
    if not path.is_file():
        raise GraphNotFoundError(f"{path}: no such file (build one with: kg build)")
    rdf_format = RDF_SUFFIXES.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(RDF_SUFFIXES)
        raise GraphNotFoundError(f"{path}: unknown RDF file type (expected one of {known})")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphNotFoundError(f"{path}: cannot read it as RDF: {exc}") from exc
    return store


def read_query(query_or_file: str) -> tuple[str, str]:
    """The query text and a name for messages: a `.rq`/`.sparql` file's text, or the text given."""
    candidate = Path(query_or_file)
    if candidate.suffix.lower() in (".rq", ".sparql") or (
        "\n" not in query_or_file and len(query_or_file) < 4096 and candidate.is_file()
    ):
        try:
            return candidate.read_text(encoding="utf-8"), str(candidate)
        except OSError as exc:
            raise QueryError(f"{candidate}: cannot read the query: {exc.strerror}") from exc
    return query_or_file, "query"


def syntax_error(error: SyntaxError, query: str, name: str = "query") -> QuerySyntaxError:
    """The parser's message with its position, and the offending line under a caret."""
    text = str(error.args[0] if error.args else error)
    match = _POSITION.match(text)
    if match is None:
        return QuerySyntaxError(f"{name}: {_shorten(text)}")
    line, column, message = int(match[1]), int(match[2]), match[3]
    lines = query.splitlines()
    where = ""
    if 1 <= line <= len(lines):
        where = f"\n  {lines[line - 1]}\n  {' ' * max(column - 1, 0)}^"
    return QuerySyntaxError(
        f"{name}:{line}:{column}: {_shorten(message)}{where}", line=line, column=column
    )


def run_query(store: ox.Store, query: str, *, name: str = "query") -> QueryResult:
    """Run one SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and collect its results.

    An update (INSERT, DELETE, LOAD, ...) is not a query and fails as a syntax error, so
    nothing reached through here can change the store.
    """
    try:
        results = store.query(query, prefixes=PREFIXES)
        if isinstance(results, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(results))
        if isinstance(results, ox.QuerySolutions):
            variables = tuple(v.value for v in results.variables)
            rows = tuple(tuple(solution[v] for v in variables) for solution in results)
            return QueryResult(kind="select", variables=variables, rows=rows)
        return QueryResult(kind="graph", triples=tuple(results))
    except SyntaxError as exc:
        raise syntax_error(exc, query, name) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"{name}: {exc}") from None


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "\u2026"
