"""Load an RDF file into an in-memory Oxigraph store and run SPARQL 1.1 over it.

pyoxigraph evaluates SPARQL in Rust, far faster than rdflib (see bench/query_latency.py).
The ontology's prefixes (kg:, schema:, skos:, ...) are predeclared, so queries need no
PREFIX lines; a query that declares its own keeps them (the shipped ones all do, so that
other SPARQL clients run them too). A query's selected variables are its parameters:
`bind` gives one a value before the query runs (`kg query FILE --bind name="..."`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
QUERY_SUFFIXES = (".rq", ".sparql")
_CURIE = re.compile(r"^([A-Za-z][\w-]*):([^\s<>\"]*)$")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


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
    """The query text and a name for messages: the text of the file it names, or itself.

    A string is a file only when it names an existing one: an inline query of any length
    is never opened (a long one used to fail as "File name too long"). A `.rq`/`.sparql`
    name that does not exist is an error rather than a query, as it is surely a typo.
    """
    candidate = _as_path(query_or_file)
    if candidate is not None and candidate.is_file():
        try:
            return candidate.read_text(encoding="utf-8"), str(candidate)
        except OSError as exc:
            raise QueryError(f"{candidate}: cannot read the query: {exc.strerror}") from exc
    if candidate is not None and candidate.suffix.lower() in QUERY_SUFFIXES:
        raise QueryError(f"{candidate}: no such query file")
    return query_or_file, "query"


def _as_path(text: str) -> Path | None:
    # A query is never a path: it has a newline, a brace or is too long for a file name.
    if not text or "\n" in text or "{" in text or len(text) > 1024:
        return None
    try:
        Path(text).stat()
    except FileNotFoundError:
        return Path(text)
    except (OSError, ValueError):  # name too long, NUL byte, ...: not a file
        return None
    return Path(text)


def parse_binding(text: str) -> tuple[str, Term]:
    """`name=value` (from `--bind`) as a variable name and an RDF term.

    The value is an IRI when written `<...>` or with a known prefix (`kg:Person`), else a
    plain string, which is what labels are (`name=Roman Seleznev`).
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", name):
        raise QueryError(f'--bind {text!r}: expected NAME=VALUE, as in name="Roman Seleznev"')
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return name, ox.NamedNode(value[1:-1])
    curie = _CURIE.match(value)
    if curie and curie[1] in PREFIXES:
        return name, ox.NamedNode(PREFIXES[curie[1]] + curie[2])
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]  # quotes kept by a shell or written on purpose
    return name, ox.Literal(value)


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


def run_query(
    store: ox.Store,
    query: str,
    *,
    name: str = "query",
    bind: Mapping[str, Term] | None = None,
) -> QueryResult:
    """Run one SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and collect its results.

    `bind` fixes selected variables before evaluation (SPARQL SEP-0007 substitution), so a
    query with `?name` selected answers for one name when bound and for all when not.
    An update (INSERT, DELETE, LOAD, ...) is not a query and fails as a syntax error, so
    nothing reached through here can change the store.
    """
    substitutions = {ox.Variable(var): term for var, term in (bind or {}).items()}
    try:
        results = store.query(query, prefixes=PREFIXES, substitutions=substitutions or None)
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
        raise QueryError(f"{name}: {_bind_message(exc, bind)}") from None


def _bind_message(error: Exception, bind: Mapping[str, Term] | None) -> str:
    # pyoxigraph refuses to substitute a variable the query does not select; say which.
    text = str(error)
    if bind and "SELECT projection" in text:
        return f"{text}; --bind works on the selected variables only"
    return text


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "\u2026"
