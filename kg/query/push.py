"""Load a built graph into a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol.

One HTTP PUT of the Turtle file replaces the target graph, so pushing the same build twice
leaves the same triples. The endpoint is the server's Graph Store URL, for example:

    Oxigraph server   http://localhost:7878/store
    Apache Jena Fuseki http://localhost:3030/newskg/data
    Virtuoso          http://localhost:8890/sparql-graph-crud-auth   (needs --graph-iri)
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

TURTLE = "text/turtle; charset=utf-8"


class PushError(Exception):
    """The graph could not be sent to the Graph Store endpoint."""


@dataclass(frozen=True)
class PushResult:
    url: str
    status: int
    bytes_sent: int


def graph_store_url(endpoint: str, graph_iri: str | None = None) -> str:
    """The request URL: `?graph=IRI` for a named graph, `?default` for the default graph."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"endpoint {endpoint!r} is not an http(s) URL")
    query = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit(parts._replace(query=joined))


def push(
    turtle: Path,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 600.0,
) -> PushResult:
    """PUT the Turtle file `turtle` into the graph `graph_iri` (default graph without it)."""
    if not turtle.is_file():
        raise PushError(f"{turtle}: no such file; run kg build first")
    url = graph_store_url(endpoint, graph_iri)
    size = turtle.stat().st_size
    headers = {"Content-Type": TURTLE, "Content-Length": str(size)}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    with turtle.open("rb") as body:  # streamed: the file is never read into memory whole
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return PushResult(url, response.status, size)
        except urllib.error.HTTPError as error:
            detail = error.read(500).decode("utf-8", "replace").strip()
            raise PushError(
                f"{url}: the server answered {error.code} {error.reason}: {detail}"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PushError(f"{url}: cannot reach the server: {reason}") from None
