"""A read-only SPARQL 1.1 Protocol endpoint over one RDF file: `kg serve`.

Standard library HTTP (`http.server`) in front of query worker processes
(kg.query.serve_worker); docs/security.md says why this design, and lists every limit.

Read-only by construction: the workers only ever call `Store.query`, whose parser rejects
every update form (INSERT, DELETE, LOAD, CLEAR, ...); an `update` request is refused with
403 before it reaches a worker. Federated queries (SERVICE) are refused with 400 after a
real SPARQL parse (kg.query.sparql_guard): pyoxigraph would fetch the named URL from the
server's machine. This module bounds what a client can hold in the server process itself:
connections, time to send a request and to read the answer, body size, and which Host
names are answered (a DNS-rebinding page must not reach a loopback endpoint).

For browsers (an Accept header that names text/html first at full quality, as a browser's
navigation does) it also serves pages, GET only: `/sparql` without a query is a form with
the shipped example queries, and with one a results table (kg.query.pages); `/resource/...`
describes one resource of the graph, as HTML or Turtle (kg.query.resource); `/` is the
explorer page (graph.html) when the served folder has one. SPARQL clients get what they
always got.
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.graph.rdf import DEFAULT_BASE_IRI, check_base_iri
from kg.graph.vocab import KG
from kg.query import pages, resource
from kg.query.engine import DEFAULT_GRAPH, QueryError, load_store
from kg.query.serve_worker import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_MAX_RESULT_BYTES,
    GRAPH_TYPES,
    RESULT_TYPES,
    Endpoint,
    ServeError,
    WorkerLimits,
    negotiate,
)

__all__ = [
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "Endpoint",
    "ServeConfig",
    "ServeError",
    "endpoint_url",
    "is_loopback",
    "make_server",
    "negotiate",
]

ENDPOINT_PATH = "/sparql"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_QUERY_BYTES = 64 * 1024
DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_IO_TIMEOUT_S = 10.0
# A slow reader gets the I/O timeout plus one second per MiB of answer to take it.
WRITE_BYTES_PER_S = 1024 * 1024
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_FORM_FIELDS = 32
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,8}")


@dataclass(frozen=True)
class ServeConfig:
    """Where the endpoint listens, what it serves, and its limits."""

    graph: Path = DEFAULT_GRAPH
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = 1
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    io_timeout_s: float = DEFAULT_IO_TIMEOUT_S
    cors_origin: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    base_iri: str | None = None  # None: read from the graph (its articles' IRIs)


@dataclass(frozen=True)
class Site:
    """What the pages need, read once at start-up like the graph itself."""

    base_iri: str
    examples: tuple[pages.ExampleQuery, ...]
    explorer: bytes | None  # graph.html beside the served graph, if any


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def prefers_html(accept: str) -> bool:
    """Whether the first type at full quality in `accept` is HTML: a browser navigating.

    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" (a browser) is;
    "text/html;q=0.9, text/csv;q=0.5" is not, and gets CSV as it always did.
    """
    for item in accept.split(","):
        media, *params = (part.strip().lower() for part in item.split(";"))
        if any(p.startswith("q=") and _quality(p[2:]) < 1 for p in params):
            continue
        return media in ("text/html", "application/xhtml+xml")
    return False


def _quality(text: str) -> float:
    """The number in `q=0.9`; an unreadable one counts as 0, as `negotiate` reads it."""
    try:
        return float(text)
    except ValueError:
        return 0.0


def host_name(header: str) -> str:
    """The name in a Host header, without port, brackets or a trailing dot, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    if header.count(":") == 1:
        header = header.split(":")[0]
    return header.rstrip(".")


class _Refused(Exception):
    """A request answered with an error before it reaches a worker."""

    def __init__(self, status: int, message: str, *, close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.close = close  # the body was not read: the connection cannot be reused


class _DeadlineReader(io.RawIOBase):
    """Socket reads that all end by one deadline, so a trickling sender cannot stay."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request was not received in time")
        self.sock.settimeout(remaining)
        return self.sock.recv_into(buffer)


class _SocketWriter(io.BufferedIOBase):
    """Unbuffered writes with sendall, whose timeout bounds the whole answer."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sock.sendall(data)
        return len(data)


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol: GET ?query=, POST form or application/sparql-query; no updates.

    One request per connection (HTTP/1.0 replies): an idle keep-alive connection would
    hold one of the bounded connection slots for nothing.
    """

    server_version = "newskg"
    config: ServeConfig  # set on the subclass that `make_server` builds
    endpoint: Endpoint
    site: Site

    def setup(self) -> None:
        self.connection = self.request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
        deadline = time.monotonic() + self.config.io_timeout_s
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, deadline))
        self.wfile = _SocketWriter(self.connection)

    def version_string(self) -> str:
        return self.server_version  # no Python version: it only helps an attacker

    def end_headers(self) -> None:
        # Here, not in _reply, so http.server's own error pages get it as well.
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:
        try:
            self._check_host()
            url = urlsplit(self.path)
            if len(url.query.encode()) > 3 * self.config.max_query_bytes:
                raise _Refused(414, "query too long\n")
            if url.path == ENDPOINT_PATH:
                return self._dispatch(_parse_form(url.query))
            if url.path == "/":
                return self._index()
            if url.path == "/favicon.ico":  # browsers ask; "no icon" rather than a 404
                return self._reply(204, "text/plain", "")
            iri = resource.resource_iri(url.path, self.site.base_iri)
            if iri is None:
                raise _not_found()
            self._describe(iri, _parse_form(url.query))
        except _Refused as refused:
            self._refuse(refused)

    def do_POST(self) -> None:
        try:
            self._check_request()
            body = self._read_body().decode("utf-8", errors="replace")
            media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                raise _Refused(403, "this endpoint is read-only\n")
            if media == "application/sparql-query":
                return self._dispatch({"query": [body]})
            if media == "application/x-www-form-urlencoded":
                return self._dispatch(_parse_form(body))
            raise _Refused(415, f"unsupported Content-Type {media[:100]!r}\n")
        except _Refused as refused:
            self._refuse(refused)

    def do_OPTIONS(self) -> None:
        try:
            self._check_request()
        except _Refused as refused:
            return self._refuse(refused)
        self._reply(204, "text/plain", "")

    def _check_request(self) -> None:
        """Refuse a request for another Host (DNS rebinding), or for a path but /sparql."""
        self._check_host()
        path = urlsplit(self.path).path
        if path != ENDPOINT_PATH:
            if path == "/" or resource.resource_iri(path, self.site.base_iri) is not None:
                raise _Refused(405, "pages are read with GET only\n", close=True)
            raise _not_found()

    def _check_host(self) -> None:
        """Refuse a request without exactly one allowed Host (DNS rebinding)."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1 or (not hosts and self.request_version != "HTTP/1.0"):
            raise _Refused(400, "give exactly one Host header\n", close=True)
        if hosts and not self._host_allowed(host_name(hosts[0])):
            raise _Refused(421, "this endpoint does not answer for that Host\n", close=True)

    def _host_allowed(self, name: str) -> bool:
        # A rebinding page reaches us under its own DNS name; an address is never rebound,
        # so the address the connection arrived on is fine as well.
        allowed = LOOPBACK_NAMES | {self.config.host.lower(), *self.config.allowed_hosts}
        return name in allowed or name == self.connection.getsockname()[0]

    def _read_body(self) -> bytes:
        """The request body, refused before reading past `max_query_bytes`."""
        encodings = self.headers.get_all("Transfer-Encoding") or []
        lengths = self.headers.get_all("Content-Length") or []
        if encodings:
            if lengths:  # both: the classic request-smuggling ambiguity
                raise _Refused(
                    400, "give Content-Length or Transfer-Encoding, not both\n", close=True
                )
            if ",".join(encodings).strip().lower() != "chunked":
                raise _Refused(501, "only chunked Transfer-Encoding is supported\n", close=True)
            return self._read_chunked()
        if not lengths:
            raise _Refused(411, "a POST needs a Content-Length\n", close=True)
        text = lengths[0].strip()
        # int() would take "-1", "+5" or "1_000"; read(-1) reads to the end of the stream.
        if len(lengths) > 1 or not (text.isascii() and text.isdigit()):
            raise _Refused(400, "bad Content-Length\n", close=True)
        length = int(text)
        if length > self.config.max_query_bytes:
            raise self._too_large()
        body = self.rfile.read(length)
        if len(body) < length:
            raise _Refused(400, "the body ended before its Content-Length\n", close=True)
        return body

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(1024)
            size_field = line.split(b";")[0].strip()
            if not line.endswith(b"\n") or not _CHUNK_SIZE.fullmatch(size_field):
                raise _Refused(400, "bad chunk size\n", close=True)
            length = int(size_field, 16)
            if length == 0:
                break
            size += length
            if size > self.config.max_query_bytes:
                raise self._too_large()
            chunk = self.rfile.read(length)
            if len(chunk) < length or self.rfile.readline(3).strip():
                raise _Refused(400, "bad chunk\n", close=True)
            chunks.append(chunk)
        for _ in range(32):  # trailer fields, ignored, up to the blank line
            if not self.rfile.readline(1024).strip():
                return b"".join(chunks)
        raise _Refused(400, "too many trailer fields\n", close=True)

    def _too_large(self) -> _Refused:
        limit = self.config.max_query_bytes
        return _Refused(413, f"query larger than {limit} bytes\n", close=True)

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        """/sparql: the form, a results page, a download (?format=), or the SPARQL answer."""
        if "update" in params:
            raise _Refused(403, "this endpoint is read-only\n")
        queries = params.get("query", [])
        download = _one_format(params, pages.DOWNLOADS)
        browser = download is None and prefers_html(self.headers.get("Accept", ""))
        if not queries and browser and self.command == "GET":
            return self._page(200, pages.form_page(self.site.examples))
        if len(queries) != 1:
            raise _Refused(400, "give exactly one 'query' parameter\n")
        if len(queries[0].encode()) > self.config.max_query_bytes:
            raise self._too_large()
        if browser:
            reply = self.endpoint.run(queries[0], pages.PAGE_ACCEPT)
            page = pages.results_page(self.site.examples, queries[0], reply, self.site.base_iri)
            return self._page(reply[0], page)
        accept = pages.DOWNLOADS[download] if download else self.headers.get("Accept", "")
        status, media, body = self.endpoint.run(queries[0], accept)
        headers = {}
        if download and status == 200:
            name = f"results.{pages.FILE_SUFFIXES[download]}"
            headers["Content-Disposition"] = f'attachment; filename="{name}"'
        self._reply(status, media, body, headers)

    def _index(self) -> None:
        """`/`: the explorer page of the served build, or a page that links to the form."""
        if self.site.explorer is None:
            return self._page(200, pages.index_page())
        policy = {"Content-Security-Policy": pages.EXPLORER_POLICY}
        self._reply(200, "text/html", self.site.explorer, _page_headers(policy))

    def _describe(self, iri: str, params: dict[str, list[str]]) -> None:
        """A resource's triples: HTML for a browser, else Turtle or N-Triples by Accept."""
        chosen = _one_format(params, RESOURCE_FORMATS)
        status, media, body = self.endpoint.run(
            resource.describe_query(iri), "application/n-triples"
        )
        if status == 413:  # the worker's message asks for a LIMIT, which a page cannot add
            limit = self.config.max_result_bytes
            raise _Refused(413, f"this resource's triples are over the {limit}-byte limit\n")
        if status != 200:
            return self._reply(status, media, body)
        description = resource.read_description(iri, body)
        if not description.found:
            raise _not_found()
        accept = self.headers.get("Accept", "")
        if chosen is None and prefers_html(accept):
            return self._page(200, resource.description_page(description, self.site.base_iri))
        media = RESOURCE_FORMATS[chosen] if chosen else negotiate(accept, RESOURCE_TYPES)
        if media is None:
            offered = ", ".join(["text/html", *RESOURCE_TYPES])
            raise _Refused(406, f"cannot answer in {accept[:100]}; try {offered}\n")
        rdf = resource.description_rdf(description, RESOURCE_TYPES[media], self.site.base_iri)
        self._reply(200, media, rdf)

    def _page(self, status: int, page: str) -> None:
        """One of kg.query.pages' documents, under their Content-Security-Policy."""
        policy = {"Content-Security-Policy": pages.CONTENT_SECURITY_POLICY}
        self._reply(status, "text/html", page, _page_headers(policy))

    def _refuse(self, refused: _Refused) -> None:
        self._reply(refused.status, "text/plain", refused.message)
        if refused.close:
            _drain(self.connection)

    def _reply(
        self, status: int, media: str, body: str | bytes, headers: dict[str, str] | None = None
    ) -> None:
        payload = body.encode() if isinstance(body, str) else body
        # sendall's timeout bounds the whole answer: a client that stops reading is dropped.
        self.connection.settimeout(self.config.io_timeout_s + len(payload) / WRITE_BYTES_PER_S)
        self.send_response(status, HTTPStatus(status).phrase)
        charset = "; charset=utf-8" if media.startswith("text/") or "json" in media else ""
        self.send_header("Content-Type", media + charset)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Vary", "Accept, Origin")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.config.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.config.cors_origin)
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args) -> None:
        pass  # the CLI prints its own line; per-request logs would flood a terminal


# A resource as RDF: ?format= on a resource page, and the Accept types it answers.
RESOURCE_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
RESOURCE_FORMATS: dict[str, str] = {"ntriples": "application/n-triples", "turtle": "text/turtle"}


def _not_found() -> _Refused:
    """A path that is neither the endpoint, a page, nor a resource under the base."""
    return _Refused(404, f"not found; the endpoint is {ENDPOINT_PATH}\n", close=True)


def _one_format(params: dict[str, list[str]], known: dict[str, str]) -> str | None:
    """The `format` parameter, one of `known`, or None; anything else is refused."""
    formats = params.get("format", [])
    if not formats:
        return None
    if len(formats) > 1 or formats[0] not in known:
        raise _Refused(400, f"give at most one 'format', one of {', '.join(known)}\n")
    return formats[0]


def _page_headers(policy: dict[str, str]) -> dict[str, str]:
    """The headers of every page: its Content-Security-Policy, no referrer, no framing."""
    # no-referrer: a link out of a page must not carry the query in its Referer.
    return {**policy, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def _parse_form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, max_num_fields=MAX_FORM_FIELDS)
    except ValueError as exc:
        raise _Refused(400, "too many form fields\n") from exc


def _drain(sock: socket.socket) -> None:
    """Half-close, then discard a little unread input, so the client reads our answer.

    Closing a socket with unread input sends a reset, which can reach the client before
    the answer does; a bounded drain avoids that without reading a huge body.
    """
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(0.5)
        for _ in range(16):
            if not sock.recv(65536):
                break
    except OSError:
        pass


_BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\nServer: newskg\r\nContent-Type: text/plain\r\n"
    b"X-Content-Type-Options: nosniff\r\nRetry-After: 1\r\nContent-Length: 32\r\n\r\n"
    b"too many connections; try again\n"
)


class SparqlServer(ThreadingHTTPServer):
    """A threading server with a bounded number of connections and a real backlog."""

    request_queue_size = 128  # socketserver's 5 resets a burst of clients
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler, max_connections: int) -> None:
        self.slots = threading.BoundedSemaphore(max(max_connections, 1))
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            # Answered here, without a thread: a flood must not become threads.
            request.setblocking(False)
            with contextlib.suppress(OSError):
                request.send(_BUSY)
            _drain(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client that reset, or timed out: routine, not worth a traceback
        super().handle_error(request, client_address)


def make_server(config: ServeConfig) -> tuple[SparqlServer, Endpoint]:
    """A bound server (not yet serving) and its endpoint; call `serve_forever` to start."""
    try:
        # Fail on a bad file or base IRI before binding or starting anything.
        base_iri = _base_iri(config, load_store(config.graph))
        site = Site(base_iri, pages.example_queries(), _explorer(config.graph))
        server = SparqlServer((config.host, config.port), SparqlHandler, config.max_connections)
    except QueryError as exc:
        raise ServeError(str(exc)) from exc
    except OSError as exc:
        raise ServeError(f"cannot listen on {config.host}:{config.port}: {exc.strerror}") from exc
    limits = WorkerLimits(
        timeout_s=config.timeout_s,
        max_memory_mb=config.max_memory_mb,
        max_result_bytes=config.max_result_bytes,
    )
    try:
        endpoint = Endpoint(config.graph, limits, config.workers)
    except BaseException:
        server.server_close()
        raise
    attributes = {"endpoint": endpoint, "config": config, "site": site}
    server.RequestHandlerClass = type("Handler", (SparqlHandler,), attributes)
    return server, endpoint


def _base_iri(config: ServeConfig, store: ox.Store) -> str:
    """The configured base IRI, or the one the graph's article IRIs were minted under."""
    if config.base_iri is not None:
        try:
            return check_base_iri(config.base_iri)
        except ValueError as exc:
            raise ServeError(str(exc)) from exc
    query = f"SELECT ?a WHERE {{ ?a a <{KG.Article}> }} ORDER BY ?a LIMIT 1"
    for solution in store.query(query):
        iri = solution["a"].value
        if "article/" in iri:
            return iri.rsplit("article/", 1)[0]
    return DEFAULT_BASE_IRI  # no articles: nothing to describe under any base


def _explorer(graph: Path) -> bytes | None:
    """The build's explorer page beside the graph, read now, as the graph was copied."""
    page = graph.parent / "graph.html"
    try:
        return page.read_bytes() if page.is_file() else None
    except OSError as exc:
        raise ServeError(f"{page}: cannot read the explorer page: {exc.strerror}") from exc


def endpoint_url(server: ThreadingHTTPServer) -> str:
    """The URL a client uses, with the port actually bound (port 0 picks a free one)."""
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{ENDPOINT_PATH}"
