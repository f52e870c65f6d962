"""`kg query`: SPARQL over a Turtle file, prefixes predeclared, four output formats."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export.turtle import write_turtle
from kg.model import KnowledgeGraph
from kg.query import (
    GraphNotFoundError,
    QueryError,
    QuerySyntaxError,
    load_store,
    read_query,
    render,
    run_query,
)
from kg.query.render import RenderError, compact

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
MY_QUERIES = (
    "entities-by-mentions.rq",
    "people-and-countries-comentioned.rq",
    "articles-mentioning.rq",
)
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
PEOPLE = """SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name"""


@pytest.fixture
def tiny_ttl(tiny_graph: KnowledgeGraph, tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    return path


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> tuple[KnowledgeGraph, Path]:
    """The seed article's graph and its Turtle (spaCy runs once for this module)."""
    from kg.pipeline.run import build_graph

    graph = build_graph([ROOT / "seeds"])
    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    write_turtle(graph, path)
    return graph, path


def rows_of(path: Path, query_file: str, **bind: str) -> list[tuple[str, ...]]:
    text, name = read_query(str(QUERIES / query_file))
    values = {var: ox.Literal(value) for var, value in bind.items()}
    result = run_query(load_store(path), text, name=name, bind=values)
    return [tuple(compact(term) for term in row) for row in result.rows]


def test_prefixes_of_the_ontology_are_predeclared(tiny_ttl: Path) -> None:
    result = run_query(load_store(tiny_ttl), PEOPLE)
    assert result.kind == "select"
    assert result.variables == ("name",)
    assert [row[0].value for row in result.rows] == ["Anatoly Antonov", "Roman Seleznev"]


def test_a_query_may_declare_its_own_prefix(tiny_ttl: Path) -> None:
    query = "PREFIX k: <https://w3id.org/newskg/ontology#>\nASK { ?c a k:Country }"
    assert run_query(load_store(tiny_ttl), query).boolean is True


def test_table_is_an_aligned_pipe_table(tiny_ttl: Path) -> None:
    text = render(run_query(load_store(tiny_ttl), PEOPLE), "table")
    assert text.splitlines() == [
        "| name            |",
        "|-----------------|",
        "| Anatoly Antonov |",
        "| Roman Seleznev  |",
    ]


def test_csv_and_tsv_follow_the_sparql_results_formats(tiny_ttl: Path) -> None:
    query = "SELECT ?c ?iso WHERE { ?c kg:iso3166Alpha3 ?iso } ORDER BY ?iso"
    result = run_query(load_store(tiny_ttl), query)
    rows = list(csv.reader(io.StringIO(render(result, "csv"))))
    assert rows[0] == ["c", "iso"]
    assert [r[1] for r in rows[1:]] == ["RUS", "USA"]
    assert rows[1][0].endswith("/country/russia")  # an IRI is written bare in CSV
    tsv = render(result, "tsv").splitlines()
    assert tsv[0] == "?c\t?iso"
    assert tsv[1].startswith("<https://") and tsv[1].endswith('\t"RUS"')


def test_json_is_sparql_results_json(tiny_ttl: Path) -> None:
    query = "SELECT ?name ?n WHERE { ?p skos:prefLabel ?name ; kg:mentionCount ?n } ORDER BY ?name"
    document = json.loads(render(run_query(load_store(tiny_ttl), query), "json"))
    assert document["head"]["vars"] == ["name", "n"]
    first = document["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": "Anatoly Antonov"}
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert first["n"]["value"] == "2"


def test_unbound_values_are_left_out_or_empty(tiny_ttl: Path) -> None:
    query = """SELECT ?name ?iso WHERE {
                 ?e skos:prefLabel ?name OPTIONAL { ?e kg:iso3166Alpha3 ?iso } }
               ORDER BY ?name"""
    result = run_query(load_store(tiny_ttl), query)
    bindings = json.loads(render(result, "json"))["results"]["bindings"]
    assert bindings[0] == {"name": {"type": "literal", "value": "Anatoly Antonov"}}
    assert "| Anatoly Antonov |     |" in render(result, "table")


def test_ask_and_construct(tiny_ttl: Path) -> None:
    store = load_store(tiny_ttl)
    assert render(run_query(store, "ASK { ?x a kg:Event }"), "table") == "false\n"
    assert json.loads(render(run_query(store, "ASK { ?x a kg:Person }"), "json")) == {
        "head": {},
        "boolean": True,
    }
    graph = run_query(store, "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    assert graph.kind == "graph" and len(graph.triples) == 2
    assert "kg:Person" in render(graph, "table")


def test_a_bad_query_names_its_line_and_column(tiny_ttl: Path) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(load_store(tiny_ttl), "SELECT ?x\nWHERE { ?x ?y }", name="bad.rq")
    error = caught.value
    # the parser stops just after "}", still wanting the triple's object
    assert (error.line, error.column) == (2, 16)
    lines = str(error).splitlines()
    assert lines[0].startswith("bad.rq:2:16: expected")
    assert lines[1:] == ["  WHERE { ?x ?y }", "                 ^"]


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { <http://a/s> <http://a/p> 1 }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL"],
)
def test_updates_are_refused(tiny_ttl: Path, update: str) -> None:
    store = load_store(tiny_ttl)
    before = len(store)
    with pytest.raises(QuerySyntaxError):
        run_query(store, update)
    assert len(store) == before


def test_missing_or_unknown_graph_files(tmp_path: Path) -> None:
    with pytest.raises(GraphNotFoundError, match=r"nope\.ttl: no such file"):
        load_store(tmp_path / "nope.ttl")
    odd = tmp_path / "graph.xyz"
    odd.write_text("")
    with pytest.raises(GraphNotFoundError, match="unknown RDF file type"):
        load_store(odd)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .")
    with pytest.raises(GraphNotFoundError, match="cannot read it as RDF"):
        load_store(broken)


def test_an_oxigraph_store_folder_is_opened_read_only(tiny_ttl: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    folder = tmp_path / "graph.oxigraph"
    store = ox.Store(str(folder))
    store.bulk_load(path=str(tiny_ttl), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    result = run_query(load_store(folder), PEOPLE)
    assert [row[0].value for row in result.rows] == ["Anatoly Antonov", "Roman Seleznev"]
    with pytest.raises(GraphNotFoundError, match="not an Oxigraph store"):
        load_store(tmp_path)


def test_read_query_takes_a_file_or_the_text(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert read_query(str(path)) == ("ASK {}", str(path))
    assert read_query("ASK { ?s ?p ?o }") == ("ASK { ?s ?p ?o }", "query")
    with pytest.raises(QueryError, match=r"missing\.rq"):
        read_query(str(tmp_path / "missing.rq"))


def test_unknown_format_is_refused(tiny_ttl: Path) -> None:
    with pytest.raises(RenderError, match="table, csv, tsv, json"):
        render(run_query(load_store(tiny_ttl), PEOPLE), "xlsx")


def test_cli_prints_csv(tiny_ttl: Path) -> None:
    result = CliRunner().invoke(app, ["query", PEOPLE, "--graph", str(tiny_ttl), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["name", "Anatoly Antonov", "Roman Seleznev"]


def test_cli_bad_query_gives_the_position_not_a_traceback(tiny_ttl: Path) -> None:
    result = CliRunner().invoke(app, ["query", "SELECT * WHERE {", "--graph", str(tiny_ttl)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: query:1:17: ")
    assert "Traceback" not in result.output


def test_cli_without_a_graph_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["query", "ASK {}", "--graph", str(tmp_path / "g.ttl")])
    assert result.exit_code == 1
    assert "no such file (build one with: kg build)" in result.output


def test_entities_by_mentions_ranks_the_seed_nodes(seed_graph) -> None:
    graph, path = seed_graph
    rows = rows_of(path, "entities-by-mentions.rq")
    ranked = sorted(graph.nodes, key=lambda n: (-len(n.mentions), n.label))[:10]
    assert rows == [(n.type, n.label, str(len(n.mentions)), "1") for n in ranked]


def test_people_and_countries_are_the_seed_comentions(seed_graph) -> None:
    graph, path = seed_graph
    types = {node.key: node for node in graph.nodes}
    expected = Counter()
    for pair in graph.comentions:
        ends = sorted((types[pair.source], types[pair.target]), key=lambda n: n.type != "Person")
        if [n.type for n in ends] == ["Person", "Country"]:
            expected[ends[0].label, ends[1].label, ends[1].iso3] = pair.count
    rows = rows_of(path, "people-and-countries-comentioned.rq")
    assert {(p, c, iso): int(n) for p, c, iso, n in rows} == dict(expected)
    assert [int(r[3]) for r in rows] == sorted((int(r[3]) for r in rows), reverse=True)
    assert ("Roman Seleznev", "United States", "USA") in expected


def test_articles_mentioning_lists_every_mention_with_its_sentence(seed_graph) -> None:
    graph, path = seed_graph
    (antonov,) = (n for n in graph.nodes if n.label == "Anatoly Antonov")
    rows = [r[1:] for r in rows_of(path, "articles-mentioning.rq", name="Anatoly Antonov")]
    assert [(r[2], int(r[3])) for r in rows] == sorted(
        ((ref.mention.text, ref.mention.start) for ref in antonov.mentions),
        key=lambda pair: pair[1],
    )
    facts = graph.articles[0]
    first = antonov.mentions[0].mention
    assert rows[0][0] == facts.article.date
    assert facts.sentence_text(first.sentence).startswith(rows[0][4].rstrip("\u2026"))


README_BLOCK = re.compile(
    r"```sparql\n# (ontology/queries/[\w.-]+\.rq)\n.*?```\s*\n+```(?:text)?\n(.*?)```", re.S
)


def test_readme_queries_return_the_shown_rows(seed_graph) -> None:
    readme = ROOT / "README.md"
    examples = README_BLOCK.findall(readme.read_text(encoding="utf-8")) if readme.exists() else []
    if not examples:
        pytest.skip("README.md shows no query with its output yet")
    _, path = seed_graph
    store = load_store(path)
    for query_file, shown in examples:
        text, name = read_query(str(ROOT / query_file))
        assert render(run_query(store, text, name=name), "table") == shown, query_file


@pytest.mark.parametrize("query_file", MY_QUERIES)
def test_each_example_query_parses_and_runs(query_file: str, tiny_ttl: Path) -> None:
    text, name = read_query(str(QUERIES / query_file))
    assert text.lstrip().startswith("#"), "each example says what it asks in a comment"
    assert run_query(load_store(tiny_ttl), text, name=name).kind == "select"


def test_cli_bind_changes_the_answer(tiny_ttl: Path) -> None:
    query = "SELECT ?name WHERE { ?p skos:prefLabel ?name } ORDER BY ?name"
    args = ["query", query, "--graph", str(tiny_ttl), "--format", "csv"]
    every = CliRunner().invoke(app, args)
    one = CliRunner().invoke(app, [*args, "--bind", 'name="Roman Seleznev"'])
    assert one.exit_code == 0, one.output
    assert "Anatoly Antonov" in every.output
    assert one.output.splitlines() == ["name", "Roman Seleznev"]


def test_bind_values_are_strings_or_iris() -> None:
    from kg.query import parse_binding

    assert parse_binding("name=Roman Seleznev") == ("name", ox.Literal("Roman Seleznev"))
    assert parse_binding("?name='Russia'") == ("name", ox.Literal("Russia"))
    kg_person = ox.NamedNode("https://w3id.org/newskg/ontology#Person")
    assert parse_binding("class=kg:Person") == ("class", kg_person)
    assert parse_binding("x=<http://a/b>") == ("x", ox.NamedNode("http://a/b"))
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_binding("Roman Seleznev")


def test_binding_a_variable_not_selected_says_so(tiny_ttl: Path) -> None:
    query = "SELECT ?p WHERE { ?p skos:prefLabel ?name }"
    with pytest.raises(QueryError, match="selected variables only"):
        run_query(load_store(tiny_ttl), query, bind={"name": ox.Literal("Roman Seleznev")})


def test_a_long_inline_query_is_not_taken_for_a_file(tiny_ttl: Path) -> None:
    query = (
        "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name . "
        + ('FILTER (?name != "nobody at all")  ' * 8)
        + "} ORDER BY ?name"
    )
    assert len(query) > 300 and "\n" not in query
    result = CliRunner().invoke(app, ["query", query, "--graph", str(tiny_ttl)])
    assert result.exit_code == 0, result.output
    assert "Roman Seleznev" in result.output


def test_a_missing_query_file_is_a_clear_error(tiny_ttl: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.rq")
    result = CliRunner().invoke(app, ["query", missing, "--graph", str(tiny_ttl)])
    assert result.exit_code == 1
    assert "nope.rq: no such query file" in result.output
    assert "Traceback" not in result.output


def test_xml_is_sparql_results_xml(tiny_ttl: Path) -> None:
    query = "SELECT ?name ?n WHERE { ?p skos:prefLabel ?name OPTIONAL { ?p kg:mentionCount ?n } }"
    text = render(run_query(load_store(tiny_ttl), query), "xml")
    parsed = ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.XML)
    rows = {(s["name"].value, s["n"]) for s in parsed}
    assert ("Anatoly Antonov", ox.Literal("2", datatype=ox.NamedNode(XSD_INTEGER))) in rows
    from rdflib.query import Result

    assert len(Result.parse(io.StringIO(text), format="xml")) == len(rows)
    ask = render(run_query(load_store(tiny_ttl), "ASK { ?x a kg:Person }"), "xml")
    assert bool(ox.parse_query_results(ask.encode(), format=ox.QueryResultsFormat.XML))


@pytest.mark.parametrize(
    ("output_format", "rdflib_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")],
)
def test_cli_writes_a_construct_as_rdf(tiny_ttl: Path, output_format: str, rdflib_format) -> None:
    import rdflib

    pattern = "{ ?p a kg:Person ; skos:prefLabel ?n }"
    query = f"CONSTRUCT {pattern} WHERE {pattern}"
    args = ["query", query, "--graph", str(tiny_ttl), "--format", output_format]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.output, format=rdflib_format)
    assert len(graph) == 4
    assert rdflib.Literal("Roman Seleznev") in set(graph.objects())


def test_rdf_formats_are_for_graphs_only(tiny_ttl: Path) -> None:
    with pytest.raises(RenderError, match="CONSTRUCT or DESCRIBE"):
        render(run_query(load_store(tiny_ttl), PEOPLE), "turtle")
    graph = run_query(load_store(tiny_ttl), "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }")
    with pytest.raises(RenderError, match="SELECT or ASK"):
        render(graph, "csv")
