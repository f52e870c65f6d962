"""A read-only SPARQL 1.1 Protocol endpoint over one RDF file: `kg serve`.

Standard library HTTP (`http.server`) in front of pyoxigraph, rather than Oxigraph's own
server (the `oxigraph` PyPI package): that server wants its store loaded into a RocksDB
folder first, and its time limit and body size are fixed in its code. Here the Turtle file
is served as it is, and each query runs in a worker process that is killed when it passes
the time limit: pyoxigraph cannot cancel a running query, and a thread cannot be killed.

Read-only by construction: the workers only ever call `Store.query`, whose parser rejects
every update form (INSERT, DELETE, LOAD, CLEAR, ...); an `update` request is refused with
403 before it reaches a worker. Federated queries (SERVICE) are refused with 403 too:
pyoxigraph would fetch the named URL from the server's machine, which lets anyone who can
reach the endpoint make it send requests into its own network.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import re
import signal
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES
from kg.query.engine import DEFAULT_GRAPH, QueryError, load_store, syntax_error

ENDPOINT_PATH = "/sparql"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_QUERY_BYTES = 64 * 1024

# Media type -> pyoxigraph format, for solutions/booleans and for graphs; the first is the
# default when the client accepts anything.
RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


# SPARQL tokens that can hold the word SERVICE without being the keyword: strings, IRIs,
# comments, variables and prefixed names. What is left are keywords and function names.
_SPARQL_TOKEN = re.compile(
    "|".join(
        (
            r"'{3}.*?'{3}",  # long strings
            r'"{3}.*?"{3}',
            r"'(?:[^'\\\n]|\\.)*'",  # short strings, with escapes
            r'"(?:[^"\\\n]|\\.)*"',
            r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs (a spaced "<" is less-than)
            r"\#[^\n]*",  # comments
            r"[?$]\w+",  # variables
            r"[\w.-]*:[\w.:%-]*",  # prefixed names
            r"(\w+)",  # keywords and function names: the only group
        )
    ),
    re.DOTALL,
)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query: str) -> bool:
    """Whether a query holds the SERVICE keyword (a federated query)."""
    # SPARQL reads \u escapes before it parses, so `\u0053ERVICE` is the keyword too.
    query = _ESCAPE.sub(lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0xFFFD)), query)
    return any(
        (word := match.group(1)) is not None and word.upper() == "SERVICE"
        for match in _SPARQL_TOKEN.finditer(query)
    )


class ServeError(Exception):
    """The endpoint cannot start as asked."""


@dataclass(frozen=True)
class ServeConfig:
    """Where the endpoint listens, what it serves, and its limits."""

    graph: Path = DEFAULT_GRAPH
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = 1


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def negotiate(accept: str, offered: dict[str, object]) -> str | None:
    """The offered media type the Accept header ranks highest (q, then header order)."""
    if not accept.strip():
        return next(iter(offered))
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        media = media.lower()
        if media in ("*/*", "application/*", "text/*"):
            family = media.split("/")[0]
            candidates = [t for t in offered if family == "*" or t.startswith(family + "/")]
            if candidates:
                ranked.append((quality, index, candidates[0]))
        elif media in offered:
            ranked.append((quality, index, media))
    if not ranked:
        return None
    return max(ranked, key=lambda r: (r[0], -r[1]))[2]


def answer(store: ox.Store, query: str, accept: str) -> tuple[int, str, bytes]:
    """Status, content type and body for one query: what a worker sends back."""
    try:
        results = store.query(query, prefixes=PREFIXES)
    except SyntaxError as exc:
        return 400, "text/plain", (str(syntax_error(exc, query)) + "\n").encode()
    except (OSError, ValueError, RuntimeError) as exc:
        return 500, "text/plain", f"query failed: {exc}\n".encode()
    offered: dict = GRAPH_TYPES if isinstance(results, ox.QueryTriples) else RESULT_TYPES
    media = negotiate(accept, offered)
    if media is None:
        return 406, "text/plain", f"cannot answer in {accept}; try {', '.join(offered)}\n".encode()
    return 200, media, results.serialize(format=offered[media])


def _worker_main(graph: str, connection) -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = load_store(graph)
        connection.send("ready")
        while True:
            request = connection.recv()
            connection.send(answer(store, *request))
    except (EOFError, OSError):
        return  # the server went away: nothing left to answer


class _Worker:
    """One process holding the store; killed and replaced when a query runs too long."""

    def __init__(self, graph: Path) -> None:
        context = mp.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(str(graph), child), daemon=True)
        self.process.start()
        child.close()
        try:
            ready = self.connection.recv()
        except EOFError:
            ready = None
        if ready != "ready":
            self.kill()
            raise ServeError(f"{graph}: the query worker did not start")

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class Endpoint:
    """The workers and the limits shared by every request handler."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(max(config.workers, 1)):
            self.idle.put(_Worker(config.graph))

    def run(self, query: str, accept: str) -> tuple[int, str, bytes]:
        try:
            worker = self.idle.get(timeout=self.config.timeout_s)
        except queue.Empty:
            return 503, "text/plain", b"every query worker is busy; try again\n"
        try:
            worker.connection.send((query, accept))
            if worker.connection.poll(self.config.timeout_s):
                result = worker.connection.recv()
                self.idle.put(worker)
                return result
        except (EOFError, OSError):
            pass
        # Too slow (or the worker died): kill it, and start a fresh one in the background.
        worker.kill()
        threading.Thread(target=lambda: self.idle.put(_Worker(self.config.graph))).start()
        limit = f"{self.config.timeout_s:g}"
        return 503, "text/plain", f"query stopped: it ran past the {limit} s limit\n".encode()

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().kill()


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol: GET ?query=, POST form or application/sparql-query; no updates."""

    server_version = "newskg-sparql/1"
    endpoint: Endpoint  # set on the subclass that `make_server` builds

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            return self._reply(404, "text/plain", f"not found; the endpoint is {ENDPOINT_PATH}\n")
        if len(url.query.encode()) > 3 * self.endpoint.config.max_query_bytes:
            return self._reply(414, "text/plain", "query too long\n")
        self._dispatch(parse_qs(url.query))

    def do_POST(self) -> None:
        if urlsplit(self.path).path != ENDPOINT_PATH:
            return self._reply(404, "text/plain", f"not found; the endpoint is {ENDPOINT_PATH}\n")
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return self._reply(400, "text/plain", "bad Content-Length\n")
        if length > self.endpoint.config.max_query_bytes:
            limit = self.endpoint.config.max_query_bytes
            return self._reply(413, "text/plain", f"query larger than {limit} bytes\n")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            return self._reply(403, "text/plain", "this endpoint is read-only\n")
        if media == "application/sparql-query":
            return self._dispatch({"query": [body]})
        if media == "application/x-www-form-urlencoded":
            return self._dispatch(parse_qs(body))
        self._reply(415, "text/plain", f"unsupported Content-Type {media!r}\n")

    def do_OPTIONS(self) -> None:
        self._reply(204, "text/plain", "")

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._reply(403, "text/plain", "this endpoint is read-only\n")
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._reply(400, "text/plain", "give exactly one 'query' parameter\n")
        if len(queries[0].encode()) > self.endpoint.config.max_query_bytes:
            limit = self.endpoint.config.max_query_bytes
            return self._reply(413, "text/plain", f"query larger than {limit} bytes\n")
        if uses_service(queries[0]):
            return self._reply(403, "text/plain", "SERVICE (federated queries) is not allowed\n")
        status, media, body = self.endpoint.run(queries[0], self.headers.get("Accept", ""))
        self._reply(status, media, body)

    def _reply(self, status: int, media: str, body: str | bytes) -> None:
        payload = body.encode() if isinstance(body, str) else body
        self.send_response(status, HTTPStatus(status).phrase)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Vary", "Accept")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args) -> None:
        pass  # the CLI prints its own line; per-request logs would flood a terminal


def make_server(config: ServeConfig) -> tuple[ThreadingHTTPServer, Endpoint]:
    """A bound server (not yet serving) and its endpoint; call `serve_forever` to start."""
    try:
        load_store(config.graph)  # fail on a bad file before binding or starting anything
        server = ThreadingHTTPServer((config.host, config.port), SparqlHandler)
    except QueryError as exc:
        raise ServeError(str(exc)) from exc
    except OSError as exc:
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from exc
    try:
        endpoint = Endpoint(config)
    except BaseException:
        server.server_close()
        raise
    server.RequestHandlerClass = type("Handler", (SparqlHandler,), {"endpoint": endpoint})
    server.daemon_threads = True
    return server, endpoint


def endpoint_url(server: ThreadingHTTPServer) -> str:
    """The URL a client uses, with the port actually bound (port 0 picks a free one)."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{ENDPOINT_PATH}"
