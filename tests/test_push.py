"""`kg push` loads the graph into a real Oxigraph server over the Graph Store Protocol."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export.turtle import write_turtle
from kg.graph.rdf import graph_rows
from kg.query.push import PushError, graph_store_url, push


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed: pip install oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def count_triples(base: str, graph_iri: str | None = None) -> int:
    where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"})
    request = urllib.request.Request(
        f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_push_puts_every_triple_into_a_named_graph(tiny_graph, tmp_path, oxigraph_server):
    turtle = tmp_path / "out" / "graph.ttl"
    expected = write_turtle(tiny_graph, turtle)
    iri = "https://example.org/news"
    result = runner_push(tmp_path / "out", oxigraph_server, "--graph-iri", iri)
    assert result.exit_code == 0, result.output
    assert "HTTP 20" in result.output
    assert count_triples(oxigraph_server, iri) == expected == len(graph_rows(tiny_graph))
    # A second push replaces the graph: the count stays the same.
    push(turtle, f"{oxigraph_server}/store", graph_iri=iri)
    assert count_triples(oxigraph_server, iri) == expected
    assert count_triples(oxigraph_server) == 0


def test_push_to_the_default_graph(tiny_graph, tmp_path, oxigraph_server):
    expected = write_turtle(tiny_graph, tmp_path / "graph.ttl")
    push(tmp_path / "graph.ttl", f"{oxigraph_server}/store")
    assert count_triples(oxigraph_server) == expected


def runner_push(out: Path, base: str, *extra: str):
    return CliRunner().invoke(
        app, ["push", "--out", str(out), "--endpoint", f"{base}/store", *extra]
    )


def test_push_without_a_build_says_so(tmp_path):
    result = CliRunner().invoke(
        app, ["push", "--out", str(tmp_path), "--endpoint", "http://127.0.0.1:9/store"]
    )
    assert result.exit_code == 1
    assert "graph.ttl: no such file; run kg build first" in result.output


def test_push_to_a_closed_port_is_a_clear_error(tiny_graph, tmp_path):
    write_turtle(tiny_graph, tmp_path / "graph.ttl")
    with pytest.raises(PushError, match="cannot reach the server"):
        push(tmp_path / "graph.ttl", f"http://127.0.0.1:{free_port()}/store", timeout=5)


@pytest.mark.parametrize(
    ("endpoint", "iri", "url"),
    [
        ("http://h:7878/store", None, "http://h:7878/store?default"),
        (
            "http://h/ds/data",
            "https://e.org/g?x=1",
            "http://h/ds/data?graph=https%3A%2F%2Fe.org%2Fg%3Fx%3D1",
        ),
        ("http://h/crud?auth=1", "urn:g", "http://h/crud?auth=1&graph=urn%3Ag"),
    ],
)
def test_graph_store_urls(endpoint, iri, url):
    assert graph_store_url(endpoint, iri) == url


def test_a_non_http_endpoint_is_refused():
    with pytest.raises(PushError, match="not an http"):
        graph_store_url("ftp://h/store")
