"""Refuse federated SPARQL (SERVICE) by parsing the query, not by scanning its text.

pyoxigraph evaluates `SERVICE <url> { ... }` by sending an HTTP request to `url` from the
server's machine, and it has no option to turn that off. A text scan for the keyword was
fooled by SPARQL's own lexical rules (`ex:a\\#x` is a prefixed name, not a comment), so the
check here uses a real SPARQL 1.1 parser (rdflib's) and looks for the grammar rule
`ServiceGraphPattern` anywhere in the parse tree: nested subqueries, OPTIONAL, UNION, GRAPH,
any spelling the lexer accepts. A query that parser cannot read is refused too, rather
than handed to a second parser whose reading of it we did not check.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

SERVICE_REFUSED = "SERVICE (federated queries) is not allowed\n"
MAX_MESSAGE_CHARS = 200


@dataclass(frozen=True)
class Refusal:
    """Why a query is not run: the text of a 400 answer."""

    message: str


def check_query(query: str, name: str = "query") -> Refusal | None:
    """None when the query parses and holds no SERVICE; otherwise why it is refused."""
    try:
        tree = parseQuery(query)
    except ParseBaseException as exc:
        return Refusal(_parse_message(exc, query, name))
    except RecursionError:
        # Deep nesting exhausts the parser's recursion; pyoxigraph is not asked instead.
        return Refusal(f"{name}: nested too deeply to check\n")
    if _has_service(tree):
        return Refusal(SERVICE_REFUSED)
    return None


def _has_service(tree: object) -> bool:
    # Iterative walk: a deep tree must not exhaust Python's recursion limit here.
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
            stack.extend(node)
    return False


def _parse_message(exc: ParseBaseException, query: str, name: str) -> str:
    """`name:line:column: message` and the offending line under a caret, as the CLI shows."""
    message = str(exc.msg)[:MAX_MESSAGE_CHARS]
    lines = query.splitlines()
    where = ""
    if 1 <= exc.lineno <= len(lines) and exc.col <= MAX_MESSAGE_CHARS:
        where = f"\n  {lines[exc.lineno - 1][:MAX_MESSAGE_CHARS]}\n  {' ' * (exc.col - 1)}^"
    return f"{name}:{exc.lineno}:{exc.col}: not a SPARQL 1.1 query: {message}{where}\n"
