"""SPARQL over the graph: load a store, run a query, render the results.

`kg query` and `kg serve` are thin layers over these functions.
"""

from kg.query.engine import (
    DEFAULT_GRAPH,
    GraphNotFoundError,
    QueryError,
    QueryResult,
    QuerySyntaxError,
    load_store,
    parse_binding,
    read_query,
    run_query,
)
from kg.query.render import FORMATS, render

__all__ = [
    "DEFAULT_GRAPH",
    "FORMATS",
    "GraphNotFoundError",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "load_store",
    "parse_binding",
    "read_query",
    "render",
    "run_query",
]
