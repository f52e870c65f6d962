"""`kg serve` for browsers: the query form, results as a table, resources as Linked Data.

A browser navigating sends `Accept: text/html,...` and gets pages; a SPARQL client gets
what it always got. Resource IRIs under the graph's base dereference at `/resource/...`.
"""

from __future__ import annotations

import dataclasses
import html
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.export.turtle import write_turtle
from kg.model import Event, EventArgument, KnowledgeGraph, Span
from kg.query.pages import (
    CONTENT_SECURITY_POLICY,
    EXPLORER_POLICY,
    compact_iri,
    example_queries,
    query_title,
    resource_href,
    results_page,
)
from kg.query.resource import describe_query, read_description, resource_iri
from kg.query.serve import ServeConfig, ServeError, make_server, prefers_html

BASE = "https://w3id.org/newskg/resource/"
SELEZNEV = BASE + "person/roman-seleznev"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PEOPLE = "SELECT ?p ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"
HEADLINES = "SELECT ?article ?headline WHERE { ?article schema:headline ?headline }"
SCRIPT = "<script>alert(1)</script>"  # in the tiny graph's headline


def graph_with_event(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The tiny graph, and Roman Seleznev extradited to the United States in its article."""
    arguments = (
        EventArgument("Defendant", "e2", Span(0, 7)),
        EventArgument("Destination", "e3", Span(0, 7)),
    )
    event = Event(
        "v0",
        "Justice.Extradite",
        (Span(0, 7),),
        (1,),
        arguments,
        label="Roman Seleznev extradited to the United States",
    )
    facts = dataclasses.replace(kg.articles[0], events=(event,))
    return dataclasses.replace(kg, articles=(facts,))


def served_graph(folder: Path, base_iri: str = BASE) -> Path:
    """The tiny graph with an event, written as Turtle into `folder`."""
    from tests.conftest import tiny_graph  # a function fixture; the servers outlive one

    path = folder / "graph.ttl"
    write_turtle(graph_with_event(tiny_graph.__wrapped__()), path, base_iri=base_iri)
    return path


def start(config: ServeConfig) -> Iterator[str]:
    """Serve `config` on a free loopback port; yield the server's origin."""
    server, endpoint = make_server(config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        endpoint.close()


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Iterator[str]:
    graph = served_graph(tmp_path_factory.mktemp("pages"))
    yield from start(ServeConfig(graph=graph, port=0, timeout_s=5.0))


def fetch(url: str, accept: str = "", method: str = "GET") -> tuple[int, dict[str, str], str]:
    """Status, headers (lower-case names) and body text of one request."""
    request = urllib.request.Request(url, headers={"Accept": accept}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, {k.lower(): v for k, v in headers.items()}, body.decode()


def sparql(origin: str, query: str, **extra: str) -> str:
    return f"{origin}/sparql?" + urllib.parse.urlencode({"query": query, **extra})


# --- which requests get pages ---------------------------------------------------------------


@pytest.mark.parametrize(
    "accept, page",
    [
        (BROWSER, True),
        ("application/xhtml+xml", True),
        ("text/html;q=0.9, text/csv;q=0.5", False),  # HTML not at full quality
        ("application/sparql-results+json, text/html", False),  # SPARQL named first
        ("*/*", False),
        ("", False),
    ],
)
def test_a_page_goes_to_an_accept_that_names_html_first_at_full_quality(
    accept: str, page: bool
) -> None:
    assert prefers_html(accept) is page


def test_a_query_title_is_its_leading_comment_up_to_the_parameters() -> None:
    text = "# The most mentioned\n# entities.\n# Parameters: ?name\nSELECT * { ?s ?p ?o }\n"
    assert query_title(text) == "The most mentioned entities."
    assert query_title("SELECT * { ?s ?p ?o }  # not a leading comment") == ""


def test_the_shipped_example_queries_are_read_with_their_titles() -> None:
    examples = {e.name: e for e in example_queries()}
    assert "people-and-their-countries" in examples
    assert all(e.title and e.text.lstrip().startswith("#") for e in examples.values())
    assert example_queries(Path("/nonexistent")) == ()


# --- resource paths and IRIs ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path, iri",
    [
        ("/resource/person/roman-seleznev", SELEZNEV),
        ("/newskg/resource/person/roman-seleznev", SELEZNEV),  # the IRI's own path
        ("/resource/mention/a1/80-94", BASE + "mention/a1/80-94"),
        ("/resource/person/<script>", None),  # not an IRI path: never reaches SPARQL
        ("/resource/person/a%zz", None),
        ("/resource/", None),
        ("/other/person/roman-seleznev", None),
        ("/sparql", None),
    ],
)
def test_a_server_path_names_an_iri_under_the_base(path: str, iri: str | None) -> None:
    assert resource_iri(path, BASE) == iri


def test_links_go_to_resources_under_the_base_only() -> None:
    assert resource_href(SELEZNEV, BASE) == "/resource/person/roman-seleznev"
    assert resource_href("https://example.org/person/x", BASE) is None
    assert resource_href(BASE + "person/x?y#z", BASE) is None
    assert compact_iri(SELEZNEV, BASE) == "person:roman-seleznev"
    assert compact_iri("https://example.org/x", BASE) == "https://example.org/x"


def test_describe_query_refuses_what_is_not_an_iri() -> None:
    assert f"<{SELEZNEV}> ?p ?o" in describe_query(SELEZNEV)
    with pytest.raises(ValueError):
        describe_query(SELEZNEV + "> } ; DROP ALL ; <x")


def test_describe_query_bounds_each_direction_and_brings_the_neighbours_labels() -> None:
    store = ox.Store()
    mention_of = ox.NamedNode("https://w3id.org/newskg/ontology#mentionOf")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    me = ox.NamedNode(SELEZNEV)
    for n in range(5):
        store.add(ox.Quad(ox.NamedNode(f"{BASE}mention/a{n}/0-5"), mention_of, me))
    store.add(ox.Quad(ox.NamedNode(f"{BASE}mention/a0/0-5"), label, ox.Literal("first")))
    ntriples = store.query(describe_query(SELEZNEV, limit=2)).serialize(
        format=ox.RdfFormat.N_TRIPLES
    )
    description = read_description(SELEZNEV, ntriples)
    assert [t[0].value for t in description.incoming] == [
        f"{BASE}mention/a0/0-5",
        f"{BASE}mention/a1/0-5",
    ]
    assert description.labels == {f"{BASE}mention/a0/0-5": "first"}
    assert (
        len(
            read_description(
                SELEZNEV,
                store.query(describe_query(SELEZNEV)).serialize(format=ox.RdfFormat.N_TRIPLES),
            ).incoming
        )
        == 5
    )


def test_a_description_splits_the_resource_s_own_triples_from_its_neighbours_labels() -> None:
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    ntriples = (
        f'<{SELEZNEV}> {label} "Roman Seleznev" .\n'
        f"<{BASE}mention/a1/80-94> <https://w3id.org/newskg/ontology#mentionOf> <{SELEZNEV}> .\n"
        f'<{BASE}person/x> {label} "X" .\n'
    ).encode()
    description = read_description(SELEZNEV, ntriples)
    assert [t[2] for t in description.outgoing] == [ox.Literal("Roman Seleznev")]
    assert [t[0].value for t in description.incoming] == [BASE + "mention/a1/80-94"]
    assert description.labels == {BASE + "person/x": "X", SELEZNEV: "Roman Seleznev"}
    assert not read_description(BASE + "person/x", b"").found


# --- the form ---------------------------------------------------------------------------------


def test_a_browser_gets_the_form_with_the_example_queries(origin: str) -> None:
    status, headers, body = fetch(origin + "/sparql", BROWSER)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert '<form method="get" action="/sparql"' in body and '<textarea name="query"' in body
    for example in example_queries():
        assert html.escape(example.title) in body
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert headers["referrer-policy"] == "no-referrer"


def test_a_sparql_client_without_a_query_gets_the_400_it_always_got(origin: str) -> None:
    for accept in ("", "application/sparql-results+json", "text/html;q=0.5"):
        status, _, body = fetch(origin + "/sparql", accept)
        assert (status, body) == (400, "give exactly one 'query' parameter\n")


# --- results ----------------------------------------------------------------------------------


def test_a_query_from_a_browser_is_a_table_with_resource_links_and_downloads(origin: str) -> None:
    status, headers, body = fetch(sparql(origin, PEOPLE), BROWSER)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert '<p id="count">2 rows</p>' in body
    assert '<a class="resource" href="/resource/person/roman-seleznev"' in body
    assert "<td>Roman Seleznev</td>" in body
    for output in ("csv", "json", "xml"):
        assert f"format={output}" in body


def test_a_sparql_client_gets_the_same_json_as_before(origin: str) -> None:
    status, headers, body = fetch(sparql(origin, PEOPLE), "application/sparql-results+json")
    assert (status, headers["content-type"]) == (
        200,
        "application/sparql-results+json; charset=utf-8",
    )
    assert body.startswith('{"head":{"vars":["p","name"]}')
    assert fetch(sparql(origin, PEOPLE))[2] == body  # no Accept: JSON, as always


def test_a_download_link_gives_the_file_whatever_the_browser_accepts(origin: str) -> None:
    status, headers, body = fetch(sparql(origin, PEOPLE, format="csv"), BROWSER)
    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")
    assert headers["content-disposition"] == 'attachment; filename="results.csv"'
    assert body.startswith("p,name\r\n")
    assert fetch(sparql(origin, PEOPLE, format="png"), BROWSER)[0] == 400


def test_ask_and_construct_from_a_browser(origin: str) -> None:
    body = fetch(sparql(origin, "ASK { ?c kg:iso3166Alpha3 'RUS' }"), BROWSER)[2]
    assert '<p id="boolean">true</p>' in body
    construct = "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }"
    body = fetch(sparql(origin, construct), BROWSER)[2]
    assert "<th>subject</th><th>predicate</th><th>object</th>" in body
    assert "format=turtle" in body and "format=csv" not in body


def test_a_large_answer_is_offered_as_a_download_not_read_into_a_table() -> None:
    answer = (
        b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1"}}]}}'
    )
    reply = (200, "application/sparql-results+json", answer)
    small = results_page((), "SELECT ?n {}", reply, BASE)
    assert '<p id="count">1 row</p>' in small and "<td>1</td>" in small
    large = results_page((), "SELECT ?n {}", reply, BASE, max_bytes=len(answer) - 1)
    assert f"The answer is {len(answer)} bytes" in large and "<table" not in large
    assert "format=csv" in large


def test_a_table_shows_the_first_thousand_rows_and_says_so() -> None:
    bindings = [{"n": {"type": "literal", "value": str(n)}} for n in range(1001)]
    document = {"head": {"vars": ["n"]}, "results": {"bindings": bindings}}
    reply = (200, "application/sparql-results+json", json.dumps(document).encode())
    page = results_page((), "SELECT ?n {}", reply, BASE)
    assert "1001 rows, the first 1000 shown; download them all below" in page
    assert page.count("<td>") == 1000 and "<td>999</td>" in page and "<td>1000</td>" not in page


def test_a_bad_query_from_a_browser_is_the_form_and_the_escaped_error(origin: str) -> None:
    status, _, body = fetch(sparql(origin, "SELECT <oops> WHERE"), BROWSER)
    assert status == 400
    assert '<pre class="error">query:1:' in body
    assert "SELECT &lt;oops&gt; WHERE</textarea>" in body


def test_an_update_from_a_browser_is_still_refused(origin: str) -> None:
    url = f"{origin}/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"})
    assert fetch(url, BROWSER)[0] == 403


# --- resources --------------------------------------------------------------------------------


def test_a_resource_as_turtle_parses_and_holds_its_label(origin: str) -> None:
    status, headers, body = fetch(origin + "/resource/person/roman-seleznev", "text/turtle")
    assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    me = rdflib.URIRef(SELEZNEV)
    assert (me, rdflib.SKOS.prefLabel, rdflib.Literal("Roman Seleznev")) in graph
    mentions = set(graph.subjects(rdflib.URIRef("https://w3id.org/newskg/ontology#mentionOf")))
    assert mentions == {rdflib.URIRef(BASE + "mention/a1/80-94")}  # the triples pointing in
    assert all(me in (s, o) for s, _, o in graph)  # no neighbour's own triples


def test_a_resource_in_a_browser_lists_its_properties_linked(origin: str) -> None:
    status, headers, body = fetch(origin + "/resource/event/a1/v0", BROWSER)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert '<h1 id="label">Roman Seleznev extradited to the United States</h1>' in body
    assert '<a class="resource" href="/resource/person/roman-seleznev"' in body
    assert ">Roman Seleznev</a>" in body  # the participant by its label
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_resource_answers_at_the_iri_s_own_path_and_in_n_triples(origin: str) -> None:
    url = origin + "/newskg/resource/person/roman-seleznev"
    status, _, body = fetch(url, "application/n-triples")
    assert status == 200 and f"<{SELEZNEV}> " in body
    assert fetch(url, "image/png")[0] == 406
    turtle = fetch(url + "?format=turtle", BROWSER)
    assert turtle[1]["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    "path", ["/resource/person/nobody", "/resource/person/%3Cscript%3E", "/resource/x/<a>"]
)
def test_a_resource_with_no_triples_is_a_404(origin: str, path: str) -> None:
    assert fetch(origin + path, BROWSER)[0] == 404
    assert fetch(origin + path, "text/turtle")[0] == 404


def test_pages_are_read_only(origin: str) -> None:
    for path in ("/resource/person/roman-seleznev", "/"):
        assert fetch(origin + path, BROWSER, method="POST")[0] == 405
    assert fetch(origin + "/elsewhere", BROWSER, method="POST")[0] == 404


# --- escaping ---------------------------------------------------------------------------------


def test_a_script_in_a_literal_is_escaped_in_the_table(origin: str) -> None:
    body = fetch(sparql(origin, HEADLINES), BROWSER)[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert SCRIPT not in body


def test_a_script_in_a_literal_is_escaped_on_the_resource_page(origin: str) -> None:
    body = fetch(origin + "/resource/article/a1", BROWSER)[2]
    assert '<h1 id="label">Envoy &amp; &quot;friends&quot; &lt;script&gt;' in body
    assert SCRIPT not in body


# --- the index and the base IRI ---------------------------------------------------------------


def test_the_index_links_to_the_form_when_there_is_no_explorer(origin: str) -> None:
    status, headers, body = fetch(origin + "/", BROWSER)
    assert status == 200 and '<a href="/sparql">' in body
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_icon_a_browser_asks_for_is_no_content_not_an_error(origin: str) -> None:
    assert fetch(origin + "/favicon.ico", BROWSER)[:3:2] == (204, "")
    assert fetch(origin + "/favicon.png", BROWSER)[0] == 404


def test_the_index_is_the_build_s_explorer_page_beside_the_graph(tmp_path: Path) -> None:
    graph = served_graph(tmp_path)
    page = "<!DOCTYPE html><title>explorer</title><p>the build's page</p>\n"
    (tmp_path / "graph.html").write_text(page, encoding="utf-8")
    for origin in start(ServeConfig(graph=graph, port=0)):
        status, headers, body = fetch(origin + "/", BROWSER)
        assert (status, body) == (200, page)
        assert headers["content-security-policy"] == EXPLORER_POLICY
        assert "connect-src 'self'" in EXPLORER_POLICY


def test_the_base_iri_is_read_from_the_graph(tmp_path: Path) -> None:
    graph = served_graph(tmp_path, base_iri="https://example.org/news/")
    for origin in start(ServeConfig(graph=graph, port=0)):
        status, _, body = fetch(origin + "/resource/person/roman-seleznev", "text/turtle")
        assert status == 200 and "<https://example.org/news/person/>" in body
        assert fetch(origin + "/news/person/roman-seleznev", "text/turtle")[0] == 200


def test_a_configured_base_iri_must_be_valid(tmp_path: Path) -> None:
    graph = served_graph(tmp_path)
    with pytest.raises(ServeError, match="must end with"):
        make_server(ServeConfig(graph=graph, port=0, base_iri="https://example.org/news"))
