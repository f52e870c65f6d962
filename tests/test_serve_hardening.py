"""`kg serve` under abuse: federation, rebinding, resource exhaustion, headers.

Each test drives a live endpoint over a socket, as an attacker would, and checks the
status code and that the server is still answering afterwards.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.export.turtle import write_turtle
from kg.query.serve import ServeConfig, SparqlServer, make_server
from kg.query.sparql_guard import SERVICE_REFUSED, check_query

PEOPLE = "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# Each BIND doubles the string: 16 bytes * 2^32 would be 64 GiB.
DOUBLING = (
    "SELECT (STRLEN(?x32) AS ?n) WHERE { BIND('aaaaaaaaaaaaaaaa' AS ?x0) "
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(32))
    + " }"
)
COMENTION = "/resource/comention/person%2Fanatoly-antonov--person%2Froman-seleznev"
LIMITS = {
    "timeout_s": 3.0,
    "max_query_bytes": 65536,
    "max_memory_mb": 256,
    "max_result_bytes": 1500,
    "max_connections": 4,
    "io_timeout_s": 1.0,
}


def _graph_file(folder: Path) -> Path:
    from tests.conftest import tiny_graph  # a function fixture; these servers outlive one

    path = folder / "graph.ttl"
    write_turtle(tiny_graph.__wrapped__(), path)
    return path


@contextlib.contextmanager
def serving(config: ServeConfig) -> Iterator[int]:
    """A live server on a free loopback port; yields the port."""
    server, endpoint = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        endpoint.close()


@pytest.fixture(scope="module")
def port(tmp_path_factory) -> Iterator[int]:
    graph = _graph_file(tmp_path_factory.mktemp("hardened"))
    with serving(ServeConfig(graph=graph, port=0, **LIMITS)) as bound:
        yield bound


@pytest.fixture(scope="module")
def canary() -> Iterator[tuple[int, list[int]]]:
    """A TCP server on loopback that records every connection made to it."""
    listener = socket.create_server(("127.0.0.1", 0))
    hits: list[int] = []

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            hits.append(1)
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1], hits
    listener.close()


def raw(port: int, request: bytes, *, wait_s: float = 10.0) -> bytes:
    """Send bytes as they are and read the whole answer (the server closes after one)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(request)
        return _read_all(sock)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def http(port: int, method: str = "GET", target: str = "", headers: str = "", body=b"") -> bytes:
    from urllib.parse import quote

    target = target or "/sparql?query=" + quote(PEOPLE)
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}\r\n"
    return raw(port, head.encode() + body)


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def sparql_post(query: str) -> tuple[str, bytes]:
    body = query.encode()
    return f"Content-Type: application/sparql-query\r\nContent-Length: {len(body)}\r\n", body


# --- 1. federation: refused by parsing, and no connection ever leaves -----------------------

SERVICE_SPELLINGS = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "lower case": "select * { service <{url}> { ?s ?p ?o } }",
    "silent": "SELECT * { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "escaped hash": (
        "PREFIX ex: <http://x/> SELECT ?leak WHERE "
        "{ BIND(ex:a\\#x AS ?z) SERVICE <{url}> { ?leak ?p ?o } }"
    ),
    "escaped hash, closed on the next line": (
        "PREFIX ex: <http://x/> SELECT * { ?s ?p ex:a\\#x . SERVICE <{url}> { ?s ?p ?o }\n}"
    ),
    "comment before": "SELECT * { # }\n SERVICE <{url}> { ?s ?p ?o } }",
    "hash in a string": "SELECT * { BIND('#' AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "hash in an IRI": "SELECT * { ?s ?p <http://x/#> . SERVICE <{url}> { ?s ?p ?o }\n}",
    "prefixed name": "PREFIX c: <http://127.0.0.1:{port}/> SELECT * { SERVICE c:x { ?s ?p ?o } }",
    "relative to BASE": "BASE <http://127.0.0.1:{port}/> SELECT * { SERVICE <x> { ?s ?p ?o } }",
    "escape in the IRI": "SELECT * { SERVICE <http://127.0.0.1:{port}/\\u0078> { ?s ?p ?o } }",
    "subquery": "SELECT * { { SELECT ?s { SERVICE <{url}> { ?s ?p ?o } } } }",
    "optional": "SELECT * { ?a ?b ?c OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "union": "SELECT * { { ?a ?b ?c } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "graph": "SELECT * { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "exists": "SELECT * { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "minus": "SELECT * { ?a ?b ?c MINUS { SERVICE <{url}> { ?s ?p ?o } } }",
    "values before": "SELECT * { VALUES ?x { 1 } SERVICE <{url}> { ?s ?p ?o } }",
    "bind before": "SELECT * { BIND(1 AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "service variable": "SELECT * { VALUES ?v { <{url}> } SERVICE ?v { ?s ?p ?o } }",
    "ask": "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "unicode-escaped keyword": "SELECT * { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
}


def _spell(template: str, canary_port: int) -> str:
    url = f"http://127.0.0.1:{canary_port}/sparql"
    return template.replace("{url}", url).replace("{port}", str(canary_port))


def test_the_canary_sees_what_pyoxigraph_sends(canary) -> None:
    """The control: run unguarded, a SERVICE query does connect to the canary."""
    import pyoxigraph as ox

    canary_port, hits = canary
    before = len(hits)
    with contextlib.suppress(OSError, RuntimeError):
        list(ox.Store().query(_spell(SERVICE_SPELLINGS["escaped hash"], canary_port)))
    time.sleep(0.2)
    assert len(hits) > before


@pytest.mark.parametrize("spelling", SERVICE_SPELLINGS)
def test_no_service_spelling_reaches_the_network(port: int, canary, spelling: str) -> None:
    from urllib.parse import quote

    canary_port, hits = canary
    before = len(hits)
    query = _spell(SERVICE_SPELLINGS[spelling], canary_port)
    by_get = http(port, target="/sparql?query=" + quote(query))
    by_post = http(port, "POST", "/sparql", *sparql_post(query))
    time.sleep(0.2)  # a connection the worker started would have landed by now
    assert (status(by_get), status(by_post)) == (400, 400), by_get
    assert len(hits) == before


@pytest.mark.parametrize("spelling", SERVICE_SPELLINGS)
def test_the_guard_refuses_every_spelling(spelling: str) -> None:
    assert check_query(_spell(SERVICE_SPELLINGS[spelling], 1)) is not None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service { ?s ex:service 'SERVICE' . ?s <http://x/SERVICE> ?o } # SERVICE",
        'SELECT * { ?s ?p """a\nSERVICE""" FILTER(?a < ?b) }',
        "PREFIX ex: <http://x/> SELECT * { ?s ?p ex:a\\#x }",
        PEOPLE,
    ],
)
def test_the_guard_passes_the_word_service_outside_the_keyword(query: str) -> None:
    assert check_query(query) is None


def test_the_guard_names_the_keyword_and_the_position() -> None:
    assert check_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }").message == SERVICE_REFUSED
    refusal = check_query("SELECT * WHERE { ?s ?p }")
    assert refusal is not None and refusal.message.startswith("query:1:")


def test_the_worker_cannot_open_connections(canary) -> None:
    """Belt and braces: in its own network namespace, nothing connects even unguarded."""
    from kg.query.serve_worker import isolate_network

    canary_port, hits = canary
    script = (
        "import socket, sys\n"
        "from kg.query.serve_worker import isolate_network\n"
        "isolated = isolate_network()\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {canary_port}), timeout=2)\n"
        "    print('connected' if isolated else 'not isolated')\n"
        "except OSError:\n"
        "    print('refused' if isolated else 'not isolated')\n"
    )
    before = len(hits)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    if result.stdout.strip() == "not isolated":
        pytest.skip("this kernel refuses unprivileged network namespaces")
    assert result.stdout.strip() == "refused"
    time.sleep(0.2)
    assert len(hits) == before
    assert callable(isolate_network)


# --- 2. Host header: a DNS-rebinding page names its own host ------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("attacker.example", 421),
        ("attacker.example:{port}", 421),
        ("127.0.0.1.attacker.example", 421),
        ("localhost:{port}", 200),
        ("LOCALHOST.", 200),
        ("127.0.0.1:{port}", 200),
        ("[::1]:{port}", 200),
    ],
)
def test_only_loopback_and_bound_host_names_are_answered(
    port: int, host: str, expected: int
) -> None:
    from urllib.parse import quote

    host = host.replace("{port}", str(port))
    request = f"GET /sparql?query={quote(PEOPLE)} HTTP/1.1\r\nHost: {host}\r\n\r\n"
    assert status(raw(port, request.encode())) == expected


@pytest.mark.parametrize("target", ["/", "/sparql", COMENTION])
def test_the_pages_answer_only_the_same_host_names(port: int, target: str) -> None:
    browser = "Accept: text/html\r\n"
    for host, expected in (("attacker.example", 421), (f"localhost:{port}", 200)):
        request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\n{browser}\r\n"
        assert status(raw(port, request.encode())) == expected


def test_a_missing_or_doubled_host_is_a_400(port: int) -> None:
    target = "/sparql?query=ASK%7B%7D"
    assert status(raw(port, f"GET {target} HTTP/1.1\r\n\r\n".encode())) == 400
    doubled = f"GET {target} HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n"
    assert status(raw(port, doubled.encode())) == 400


def test_a_name_given_with_allow_host_is_answered(tmp_path: Path) -> None:
    config = ServeConfig(graph=_graph_file(tmp_path), port=0, allowed_hosts=("kg.internal",))
    with serving(config) as bound:
        request = "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: kg.internal:80\r\n\r\n"
        assert status(raw(bound, request.encode())) == 200


# --- 3. memory, time and answer size, enforced in the worker ------------------------------


def test_a_memory_bomb_is_stopped_by_the_os_limit_and_the_worker_replaced(port: int) -> None:
    started = time.monotonic()
    answer = http(port, "POST", "/sparql", *sparql_post(DOUBLING))
    assert status(answer) == 503
    assert b"256 MB memory limit" in answer
    assert time.monotonic() - started < LIMITS["timeout_s"]  # the memory limit, not the clock
    assert status(http(port)) == 200


def test_a_query_past_the_time_limit_is_a_503_and_the_next_is_answered(port: int) -> None:
    answer = http(port, "POST", "/sparql", *sparql_post(HEAVY))
    assert status(answer) == 503 and b"3 s limit" in answer
    assert status(http(port)) == 200


def test_an_answer_over_the_size_limit_is_refused_with_a_message(port: int) -> None:
    answer = http(port, "POST", "/sparql", *sparql_post("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert status(answer) == 413
    assert b"larger than the 1500-byte limit; add a LIMIT" in answer
    assert status(http(port)) == 200


def test_a_resource_is_described_under_the_answer_size_limit(port: int) -> None:
    # Antonov's triples, both ways, are over the fixture's 1500 bytes; a co-mention's are not.
    turtle = "Accept: text/turtle\r\n"
    answer = http(port, target="/resource/person/anatoly-antonov", headers=turtle)
    assert status(answer) == 413 and b"over the 1500-byte limit" in answer
    assert status(http(port, target=COMENTION, headers=turtle)) == 200


# --- 4. the request body: checked before it is read ---------------------------------------


@pytest.mark.parametrize("length", ["-1", "abc", "+5", "1_0", "0x10", " "])
def test_a_bad_content_length_is_a_400_without_reading_the_body(port: int, length: str) -> None:
    headers = f"Content-Type: application/sparql-query\r\nContent-Length: {length}\r\n"
    started = time.monotonic()
    answer = http(port, "POST", "/sparql", headers, b"-" * 1_000_000)
    assert status(answer) == 400
    assert time.monotonic() - started < 2


def test_an_announced_huge_body_is_a_413_before_it_is_sent(port: int) -> None:
    head = (
        "POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query"
        "\r\nContent-Length: 200000000\r\n\r\n"
    )
    # Only the headers are sent: the answer must come without waiting for 200 MB.
    answer = raw(port, head.encode(), wait_s=3)
    assert status(answer) == 413 and b"larger than 65536 bytes" in answer


def test_a_chunked_body_is_read_up_to_the_limit(port: int) -> None:
    chunked = "Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n"
    query = PEOPLE.encode()
    body = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (10, query[:10], len(query) - 10, query[10:])
    answer = http(port, "POST", "/sparql", chunked, body)
    assert status(answer) == 200 and b"Anatoly Antonov" in answer
    endless = b"".join(b"8000\r\n" + b"#" * 0x8000 + b"\r\n" for _ in range(64))
    assert status(http(port, "POST", "/sparql", chunked, endless)) == 413
    assert status(http(port, "POST", "/sparql", chunked, b"-1\r\nx\r\n0\r\n\r\n")) == 400
    both = chunked + "Content-Length: 5\r\n"
    assert status(http(port, "POST", "/sparql", both, b"0\r\n\r\n")) == 400


def test_65_kb_of_dashes_is_refused_quickly(port: int) -> None:
    started = time.monotonic()
    answer = http(port, "POST", "/sparql", *sparql_post("-" * 65000))
    assert status(answer) == 400
    assert time.monotonic() - started < 2


# --- 5. connections: bounded, with deadlines for slow senders, and a real backlog ---------


def test_idle_sockets_past_the_bound_get_a_quick_503_and_idle_ones_are_dropped(
    port: int,
) -> None:
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(4)]
    try:
        time.sleep(0.2)  # let the server accept them all
        started = time.monotonic()
        assert status(http(port)) == 503  # the fifth: every slot is held by an idle socket
        assert time.monotonic() - started < 1
        for sock in idle:  # each dropped by the 1 s deadline, not left open
            assert _read_all(sock) == b""
        assert time.monotonic() - started < 3
    finally:
        for sock in idle:
            sock.close()
    assert status(http(port)) == 200


def test_a_trickling_sender_is_cut_off_at_the_deadline(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            for byte in b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n\r\n":
                sock.send(bytes([byte]))  # one byte every 0.2 s: each read is quick
                time.sleep(0.2)
        assert time.monotonic() - started < 4  # the 1 s deadline closed it, not the end
        assert b"200 OK" not in _read_all(sock)


def test_a_burst_of_clients_is_answered_not_reset(port: int) -> None:
    assert SparqlServer.request_queue_size >= 128
    answers: list[int | str] = []

    def client() -> None:
        try:
            answers.append(status(http(port)))
        except OSError as error:
            answers.append(type(error).__name__)

    threads = [threading.Thread(target=client) for _ in range(150)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(answers) <= {200, 503}, [a for a in answers if a not in (200, 503)][:5]
    assert 200 in answers


# --- 6. the graph file deleted while serving ----------------------------------------------


def test_a_deleted_graph_is_still_served_after_a_worker_restart(tmp_path: Path) -> None:
    graph = _graph_file(tmp_path)
    with serving(ServeConfig(graph=graph, port=0, timeout_s=1.0)) as bound:
        graph.unlink()
        assert status(http(bound, "POST", "/sparql", *sparql_post(HEAVY))) == 503
        answer = http(bound)  # served by the replacement worker, from the private copy
        assert status(answer) == 200 and b"Roman Seleznev" in answer


# --- 7. headers ---------------------------------------------------------------------------


def _headers(answer: bytes) -> dict[str, str]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")[1:]
    return {name.lower(): value.strip() for name, value in (h.split(":", 1) for h in head)}


def test_every_answer_says_nosniff_and_names_no_python(port: int) -> None:
    too_many_headers = "".join(f"X-{n}: 1\r\n" for n in range(101))  # http.server's 431
    for answer in (http(port), http(port, target="/other"), http(port, headers=too_many_headers)):
        headers = _headers(answer)
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["server"] == "newskg"
        assert "access-control-allow-origin" not in headers


def test_pages_say_nosniff_and_carry_a_policy_that_fetches_nothing_elsewhere(port: int) -> None:
    for target in ("/", "/sparql", COMENTION):
        headers = _headers(http(port, target=target, headers="Accept: text/html\r\n"))
        assert headers["x-content-type-options"] == "nosniff"
        policy = headers["content-security-policy"]
        assert policy.startswith("default-src 'none'; ") and "connect-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "access-control-allow-origin" not in headers


def test_cors_names_only_the_origin_given(tmp_path: Path) -> None:
    config = ServeConfig(graph=_graph_file(tmp_path), port=0, cors_origin="https://app.example")
    with serving(config) as bound:
        headers = _headers(http(bound, "OPTIONS", "/sparql"))
        assert headers["access-control-allow-origin"] == "https://app.example"
        assert headers["access-control-allow-origin"] != "*"


def test_the_command_passes_every_limit_to_the_server(monkeypatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.query.serve import ServeError

    seen: list[ServeConfig] = []

    def fake_make_server(config: ServeConfig):
        seen.append(config)
        raise ServeError("stopped by the test")

    # sys.modules: the package `kg` exports a function named `query` over the subpackage.
    monkeypatch.setattr(sys.modules["kg.query.serve"], "make_server", fake_make_server)
    options = "--max-memory-mb 300 --max-result-bytes 999 --max-connections 7 --io-timeout 2"
    options += " --cors https://app.example --allow-host KG.internal --allow-host b.example"
    result = CliRunner().invoke(app, ["serve", "--graph", str(tmp_path), *options.split()])
    assert result.exit_code != 0 and seen
    config = seen[0]
    assert (config.max_memory_mb, config.max_result_bytes, config.max_connections) == (300, 999, 7)
    assert (config.io_timeout_s, config.cors_origin) == (2.0, "https://app.example")
    assert config.allowed_hosts == ("kg.internal", "b.example")
    assert ServeConfig().cors_origin is None  # CORS off unless asked
