"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint, talked to by a real client."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.export.turtle import write_turtle
from kg.query.serve import (
    RESULT_TYPES,
    ServeConfig,
    ServeError,
    endpoint_url,
    is_loopback,
    make_server,
    negotiate,
)

PEOPLE = "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Four-way cross product of every triple: hundreds of millions of rows on the tiny graph.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIME_LIMIT_S = 1.5


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A live endpoint over the tiny graph, on a free loopback port, for the whole module."""
    from tests.conftest import tiny_graph  # a function fixture; this one is module-wide

    graph = tiny_graph.__wrapped__()
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    write_turtle(graph, path)
    config = ServeConfig(graph=path, port=0, timeout_s=TIME_LIMIT_S, max_query_bytes=2048)
    server, workers = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield endpoint_url(server)
    server.shutdown()
    server.server_close()
    workers.close()


def get(url: str, query: str, accept: str = "") -> tuple[int, str, bytes]:
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept}
    )
    return _open(request)


def post(url: str, body: bytes, content_type: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    return _open(request)


def _open(request: urllib.request.Request) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_sparqlwrapper_gets_a_select(endpoint: str) -> None:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery(PEOPLE)
    client.setReturnFormat(sparqlwrapper.JSON)
    results = client.query().convert()
    names = [b["name"]["value"] for b in results["results"]["bindings"]]
    assert names == ["Anatoly Antonov", "Roman Seleznev"]


def test_sparqlwrapper_post_and_xml(endpoint: str) -> None:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setMethod(sparqlwrapper.POST)
    client.setQuery("ASK { ?c kg:iso3166Alpha3 'RUS' }")
    client.setReturnFormat(sparqlwrapper.XML)
    document = client.query().convert()  # a parsed XML DOM
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_sparqlwrapper_insert_data_is_refused(endpoint: str) -> None:
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    before = get(endpoint, COUNT, "text/csv")[2]
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setMethod(sparqlwrapper.POST)
    client.setQuery("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
        client.query()
    assert "read-only" in str(caught.value) or "403" in str(caught.value)
    assert get(endpoint, COUNT, "text/csv")[2] == before


def test_an_update_sent_as_a_query_is_a_400(endpoint: str) -> None:
    status, _, body = get(endpoint, "INSERT DATA { <http://a/s> <http://a/p> 1 }")
    assert status == 400
    assert body.startswith(b"query:1:")


@pytest.mark.parametrize(
    "accept, media, start",
    [
        ("", "application/sparql-results+json", b'{"head":{"vars":["name"]}'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"name\r\nAnatoly Antonov\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b'?name\n"Anatoly'),
        ("text/html;q=0.9, text/csv;q=0.5", "text/csv", b"name"),
    ],
)
def test_content_negotiation_for_solutions(
    endpoint: str, accept: str, media: str, start: bytes
) -> None:
    status, content_type, body = get(endpoint, PEOPLE, accept)
    assert status == 200
    assert content_type.split(";")[0] == media
    assert body.startswith(start)


def test_construct_comes_back_as_turtle(endpoint: str) -> None:
    query = "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }"
    status, content_type, body = get(endpoint, query, "text/turtle, */*;q=0.1")
    assert (status, content_type.split(";")[0]) == (200, "text/turtle")
    assert body.count(b"<https://w3id.org/newskg/ontology#Person>") == 2


def test_an_unservable_accept_is_a_406(endpoint: str) -> None:
    status, _, body = get(endpoint, PEOPLE, "image/png")
    assert status == 406
    assert b"application/sparql-results+json" in body


def test_post_forms_and_direct_bodies(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": PEOPLE}).encode()
    assert post(endpoint, form, "application/x-www-form-urlencoded")[0] == 200
    assert post(endpoint, PEOPLE.encode(), "application/sparql-query")[0] == 200
    update = b"INSERT DATA { <http://a/s> <http://a/p> 1 }"
    assert post(endpoint, update, "application/sparql-update")[0] == 403
    assert post(endpoint, b"x", "text/plain")[0] == 415


def test_limits_and_paths(endpoint: str) -> None:
    assert post(endpoint, b"#" * 4096, "application/sparql-query")[0] == 413
    assert get(endpoint.replace("/sparql", "/other"), PEOPLE)[0] == 404
    status, _, body = _open(urllib.request.Request(endpoint))
    assert (status, body) == (400, b"give exactly one 'query' parameter\n")


def test_a_query_past_the_time_limit_is_stopped_and_the_next_one_answered(
    endpoint: str,
) -> None:
    status, _, body = get(endpoint, HEAVY)
    assert status == 503
    assert b"1.5 s limit" in body
    status, _, body = get(endpoint, PEOPLE, "text/csv")  # a fresh worker answers
    assert (status, body) == (200, b"name\r\nAnatoly Antonov\r\nRoman Seleznev\r\n")


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("application/sparql-results+xml;q=0.8, text/csv", "text/csv"),
        ("text/csv;q=0, application/xml", "application/xml"),
        ("image/png", None),
    ],
)
def test_negotiate_ranks_by_quality_then_order(accept: str, expected: str | None) -> None:
    assert negotiate(accept, RESULT_TYPES) == expected


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_a_missing_graph_fails_before_listening(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match=r"missing\.ttl: no such file"):
        make_server(ServeConfig(graph=tmp_path / "missing.ttl", port=0))


# --- issue 7: the security limits, each tested ---------------------------------------------


def test_loopback_is_the_default_in_the_library_and_the_command() -> None:
    import inspect

    from kg.cli import serve_command

    assert ServeConfig().host == "127.0.0.1"
    assert inspect.signature(serve_command).parameters["host"].default == "127.0.0.1"
    assert is_loopback(ServeConfig().host)


def test_the_server_listens_on_loopback_only(endpoint: str) -> None:
    assert urllib.parse.urlsplit(endpoint).hostname == "127.0.0.1"


def test_an_update_in_a_form_is_refused_and_changes_nothing(endpoint: str) -> None:
    before = get(endpoint, COUNT, "text/csv")[2]
    form = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    status, _, body = post(endpoint, form, "application/x-www-form-urlencoded")
    assert (status, body) == (403, b"this endpoint is read-only\n")
    for update in ("CLEAR ALL", "LOAD <http://example.org/x.ttl>", "DROP DEFAULT"):
        assert get(endpoint, update)[0] == 400  # not a query: the parser refuses it
    assert get(endpoint, COUNT, "text/csv")[2] == before


def test_a_query_over_the_size_limit_is_refused_by_get_and_post(endpoint: str) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2100  # the fixture allows 2048 bytes
    assert get(endpoint, big)[0] == 413
    assert post(endpoint, big.encode(), "application/sparql-query")[0] == 413
    form = urllib.parse.urlencode({"query": big}).encode()
    assert post(endpoint, form, "application/x-www-form-urlencoded")[0] == 413


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://169.254.169.254/> { ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    ],
)
def test_a_federated_query_is_refused_before_it_fetches_anything(endpoint: str, query: str) -> None:
    status, _, body = get(endpoint, query)
    assert (status, body) == (400, b"SERVICE (federated queries) is not allowed\n")
