"""The query workers behind `kg serve`: one process each, with their own limits.

pyoxigraph cannot cancel a running query and a thread cannot be killed, so each query runs
in a worker process that the server kills when it passes the time limit, and replaces.
Everything a query can exhaust is bounded inside that process, where the OS can enforce it:
address space by `RLIMIT_AS` (a Rust allocation failure aborts the worker, not the server),
the answer's size while it is serialised, and, where Linux allows it, the network: the
worker moves into its own empty network namespace, so even a SERVICE that got past the
parse check (kg.query.sparql_guard) would have nowhere to connect.

Workers load a private copy of the graph taken at start-up, so a replacement worker serves
the same data after the original file is deleted or rewritten.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import queue
import resource
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES
from kg.query.engine import load_store, syntax_error
from kg.query.sparql_guard import check_query

DEFAULT_MAX_MEMORY_MB = 1024
DEFAULT_MAX_RESULT_BYTES = 64 * 1024 * 1024

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

Reply = tuple[int, str, bytes]


class ServeError(Exception):
    """The endpoint cannot start as asked."""


@dataclass(frozen=True)
class WorkerLimits:
    """What one query may use inside its worker."""

    timeout_s: float
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES


class _AnswerTooLarge(Exception):
    pass


class _CappedBuffer:
    """A write target for `serialize` that stops the serialiser at the size limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.chunks: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.limit:
            raise _AnswerTooLarge  # pyoxigraph passes the exception out of serialize
        self.chunks.append(bytes(chunk))
        return len(chunk)

    def flush(self) -> None:
        pass  # nothing buffered here


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


def answer(store: ox.Store, query: str, accept: str, max_result_bytes: int) -> Reply:
    """Status, content type and body for one query: what a worker sends back."""
    refusal = check_query(query)
    if refusal is not None:
        return 400, "text/plain", refusal.message.encode()
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
    buffer = _CappedBuffer(max_result_bytes)
    try:
        results.serialize(output=buffer, format=offered[media])
    except _AnswerTooLarge:
        message = f"the answer is larger than the {max_result_bytes}-byte limit; add a LIMIT\n"
        return 413, "text/plain", message.encode()
    except (OSError, ValueError, RuntimeError) as exc:
        return 500, "text/plain", f"query failed: {exc}\n".encode()
    return 200, media, b"".join(buffer.chunks)


def isolate_network() -> bool:
    """Move this process into a new, empty network namespace; False where Linux refuses.

    An unprivileged user namespace makes this possible without root. It must run while the
    process has one thread, before the store is loaded. The pipe to the server is already
    open, so it keeps working; every new connection fails with "network unreachable".
    """
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(clone_newuser | clone_newnet) == 0
    except (OSError, AttributeError):
        return False


def limit_memory(extra_mb: int) -> None:
    """Cap this process's address space at what it uses now plus `extra_mb`."""
    # Measured after loading, so the limit is what one query may add on top of the graph.
    with open("/proc/self/status", encoding="ascii") as status:
        sizes = [line.split()[1] for line in status if line.startswith("VmSize:")]
    used = int(sizes[0]) * 1024 if sizes else 0
    limit = used + extra_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_main(graph: str, limits: WorkerLimits, connection) -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        isolated = isolate_network()
        store = load_store(graph)
        limit_memory(limits.max_memory_mb)
        connection.send(("ready", isolated))
        while True:
            query, accept = connection.recv()
            try:
                status, media, body = answer(store, query, accept, limits.max_result_bytes)
            except MemoryError:
                status, media, body = 503, "text/plain", _memory_message(limits).encode()
            connection.send((status, media))
            connection.send_bytes(body)  # raw: no pickled second copy of a large answer
    except (EOFError, OSError):
        return  # the server went away: nothing left to answer


def _memory_message(limits: WorkerLimits) -> str:
    return f"query stopped: it needed more than the {limits.max_memory_mb} MB memory limit\n"


class _Worker:
    """One process holding the store; killed and replaced when a query runs too long."""

    def __init__(self, graph: Path, limits: WorkerLimits) -> None:
        context = mp.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(str(graph), limits, child), daemon=True
        )
        self.process.start()
        child.close()
        try:
            ready = self.connection.recv()
        except (EOFError, OSError):
            ready = None
        if not (isinstance(ready, tuple) and ready[0] == "ready"):
            self.kill()
            raise ServeError(f"{graph}: the query worker did not start")
        self.network_isolated: bool = ready[1]

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def snapshot(graph: Path) -> tuple[Path, Path]:
    """A private copy of the graph (file or store folder) and the folder holding it."""
    folder = Path(tempfile.mkdtemp(prefix="newskg-serve-"))
    copy = folder / graph.name
    try:
        if graph.is_dir():
            shutil.copytree(graph, copy)
        else:
            shutil.copyfile(graph, copy)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise ServeError(f"{graph}: cannot copy it for serving: {exc}") from exc
    return copy, folder


class Endpoint:
    """The workers and the limits shared by every request handler."""

    def __init__(self, graph: Path, limits: WorkerLimits, workers: int = 1) -> None:
        self.limits = limits
        self.graph, self._folder = snapshot(graph)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        try:
            for _ in range(max(workers, 1)):
                self.idle.put(_Worker(self.graph, limits))
        except BaseException:
            self.close()
            raise
        self.network_isolated = self.idle.queue[0].network_isolated

    def run(self, query: str, accept: str) -> Reply:
        timeout = self.limits.timeout_s
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return 503, "text/plain", b"every query worker is busy; try again\n"
        try:
            worker.connection.send((query, accept))
            if worker.connection.poll(timeout):
                status, media = worker.connection.recv()
                body = worker.connection.recv_bytes()
                self.idle.put(worker)
                return status, media, body
            message = f"query stopped: it ran past the {timeout:g} s limit\n"
        except (EOFError, OSError):
            # The worker died: a Rust allocation failure under RLIMIT_AS aborts it.
            worker.process.join(1)
            message = _memory_message(self.limits)
            if worker.process.exitcode != -signal.SIGABRT:
                message = "query stopped: the query worker crashed\n"
        worker.kill()
        threading.Thread(target=self._replace, daemon=True).start()
        return 503, "text/plain", message.encode()

    def _replace(self) -> None:
        # Keep trying: a pool that silently shrinks to nothing would answer 503 forever.
        delay = 0.5
        while not self.closed:
            try:
                worker = _Worker(self.graph, self.limits)
            except ServeError:
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self.closed:
                worker.kill()
            else:
                self.idle.put(worker)
            return

    def close(self) -> None:
        self.closed = True
        while not self.idle.empty():
            self.idle.get_nowait().kill()
        shutil.rmtree(self._folder, ignore_errors=True)
