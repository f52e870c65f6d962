"""The SPARQL queries of ontology/queries/: on the seed build, and as other clients see them."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export.turtle import validate, write_turtle
from kg.resolve import resolve

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"


@pytest.fixture(scope="module")
def seed_turtle(seed_facts, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    write_turtle(resolve([seed_facts]), path)
    return path


@pytest.fixture(scope="module")
def store(seed_turtle: Path) -> ox.Store:
    loaded = ox.Store()
    loaded.load(path=str(seed_turtle), format=ox.RdfFormat.TURTLE)
    return loaded


def rows(store: ox.Store, name: str, /, **bind: ox.NamedNode | str) -> list[dict[str, str | None]]:
    values = {
        ox.Variable(var): value if isinstance(value, ox.NamedNode) else ox.Literal(value)
        for var, value in bind.items()
    }
    result = store.query((QUERIES / name).read_text(encoding="utf-8"), substitutions=values)
    variables = [v.value for v in result.variables]
    return [
        {var: (None if row[var] is None else row[var].value) for var in variables} for row in result
    ]


def test_people_and_their_countries(store: ox.Store) -> None:
    found = {
        (r["person"], r["relation"], r["country"])
        for r in rows(store, "people-and-their-countries.rq")
    }
    assert ("Roman Seleznev", "citizenOf", "Russia") in found
    assert ("Anatoly Antonov", "affiliatedWith", "Russia") in found
    assert ("Russia", "citizenOf", "Roman Seleznev") not in found


def test_events_with_participants_place_and_date(store: ox.Store) -> None:
    found = rows(store, "events-with-participants.rq")
    assert any(
        r["type"] == "Justice.Sentence"
        and r["role"] == "defendant"
        and r["participant"] == "Roman Seleznev"
        and r["place"] == "United States"
        and r["date"] == "2017"
        for r in found
    )
    assert any(r["type"] == "Justice.ArrestJailDetain" and r["place"] == "Maldives" for r in found)
    assert any(
        r["type"] == "Justice.Extradite"
        and r["role"] == "destination"
        and r["participant"] == "United States"
        for r in found
    )
    assert any(
        r["type"] == "Conflict.Attack" and r["place"] == "Morocco" and r["date"] == "2011"
        for r in found
    )


NEGATED_TEXT = "Police arrested Roman Seleznev in Paris. Police did not arrest Anatoly Antonov."
ARRESTS = """PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?event ?factuality ?name WHERE {
  ?event kg:eventType "Justice.ArrestJailDetain" ; kg:factuality ?factuality .
  OPTIONAL { ?event kg:detainee/skos:prefLabel ?name }
}"""


@pytest.fixture(scope="module")
def negated_store(facts_of, tmp_path_factory) -> ox.Store:
    """A graph with one arrest that happened and one the article says did not."""
    path = tmp_path_factory.mktemp("negated") / "graph.ttl"
    write_turtle(resolve([facts_of(NEGATED_TEXT)]), path)
    loaded = ox.Store()
    loaded.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return loaded


def test_queries_of_what_happened_leave_out_a_negated_event(negated_store: ox.Store) -> None:
    arrests = {
        row["factuality"].value: (row["event"].value, row["name"] and row["name"].value)
        for row in negated_store.query(ARRESTS)
    }
    assert sorted(arrests) == ["asserted", "negated"]  # the graph keeps both
    (happened, _), (not_happened, not_arrested) = arrests["asserted"], arrests["negated"]
    listed = {r["event"] for r in rows(negated_store, "events-with-participants.rq")}
    assert happened in listed
    assert not_happened not in listed
    assert not_arrested == "Anatoly Antonov"
    of_antonov = rows(negated_store, "events-of-an-entity.rq", name=not_arrested)
    assert [r["type"] for r in of_antonov if r["type"] == "Justice.ArrestJailDetain"] == []


def test_who_said_what(store: ox.Store) -> None:
    found = rows(store, "who-said-what.rq")
    dated = [r for r in found if r["speaker"] == "Anatoly Antonov" and r["date"] == "2019-12-02"]
    assert dated
    assert dated[0]["quote"].startswith("I would like to draw your attention")


def test_evidence_for_one_fact(store: ox.Store, seed_facts) -> None:
    citizen = ox.NamedNode("https://w3id.org/newskg/ontology#citizenOf")
    fact = {"subject": "Roman Seleznev", "predicate": citizen, "object": "Russia"}
    (row,) = rows(store, "evidence-for-a-fact.rq", **fact)
    start, end = int(row["start"]), int(row["end"])
    assert seed_facts.article.text[start:end] == row["text"]
    assert "Roman Seleznev" in row["text"]
    assert row["extractor"].startswith("relations.")
    assert 0 < float(row["confidence"]) <= 1


def test_the_seed_graph_conforms_to_the_shapes(seed_turtle: Path) -> None:
    conforms, report = validate(seed_turtle)
    assert conforms, report


# --- Queries that travel: prefixes declared, rows on another build, parameters bound ---

NEWS_SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-sample"
SHIPPED = sorted(path.name for path in QUERIES.glob("*.rq"))
# A value for each query that takes one, chosen to answer on the news-sample build.
SAMPLE_BINDS: dict[str, dict[str, str]] = {
    "articles-mentioning.rq": {"name": "Boeing"},
    "comentioned-with.rq": {"name": "Boeing"},
    "comentions-by-year.rq": {"name": "Boeing"},
    "events-of-an-entity.rq": {"name": "Boeing"},
    "organisations-based-in.rq": {"place": "United States"},
    "quotes-of.rq": {"name": "Barack Obama"},
    "who-said-what.rq": {"speaker": "Barack Obama"},
    "people-and-their-countries.rq": {"country": "United States"},
}
PREFIXED = re.compile(r"(?<![\w<?$\"'])([A-Za-z][\w-]*):[A-Za-z_]")


@pytest.fixture(scope="module")
def news_sample_ttl(tmp_path_factory) -> Path:
    """The news-sample build's Turtle, built once for this module (about ten seconds)."""
    if not NEWS_SAMPLE.is_dir():
        pytest.skip(f"{NEWS_SAMPLE} is absent (the shared data folder is not checked out)")
    from kg.pipeline.run import build_graph

    path = tmp_path_factory.mktemp("news-sample") / "graph.ttl"
    write_turtle(build_graph([NEWS_SAMPLE]), path)
    return path


@pytest.mark.parametrize("query_file", SHIPPED)
def test_each_shipped_query_declares_its_prefixes(query_file: str) -> None:
    from rdflib.plugins.sparql import prepareQuery

    text = (QUERIES / query_file).read_text(encoding="utf-8")
    prepareQuery(text)  # no initNs: an undeclared prefix raises, as Jena would refuse it
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    declared = set(re.findall(r"^PREFIX\s+([\w-]*):", body, re.M))
    used = set(PREFIXED.findall(re.sub(r'"[^"\n]*"|<[^>\s]*>', "", body)))
    assert used <= declared, f"{query_file} uses {sorted(used - declared)} undeclared"


@pytest.mark.parametrize("query_file", SHIPPED)
def test_each_shipped_query_names_its_parameters(query_file: str) -> None:
    text = (QUERIES / query_file).read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines() if line.startswith("#"))
    assert "Parameters:" in header, f"{query_file}: say which variables --bind may set"
    for var in SAMPLE_BINDS.get(query_file, {}):
        assert f"?{var}" in header


@pytest.mark.parametrize("query_file", SHIPPED)
def test_each_shipped_query_answers_on_news_sample(query_file: str, news_sample_ttl) -> None:
    from kg.query import load_store, run_query

    store = load_store(news_sample_ttl)
    text = (QUERIES / query_file).read_text(encoding="utf-8")
    bind = {var: ox.Literal(value) for var, value in SAMPLE_BINDS.get(query_file, {}).items()}
    result = run_query(store, text, name=query_file, bind=bind)
    assert result.rows, f"{query_file} returns nothing on news-sample with {bind}"
    for var, value in bind.items():
        column = result.variables.index(var)
        assert {row[column] for row in result.rows} == {value}
