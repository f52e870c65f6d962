"""The SPARQL queries of ontology/queries/ for relations and events, run on the seed build."""

from __future__ import annotations

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


def rows(store: ox.Store, name: str, **bind: ox.NamedNode | str) -> list[dict[str, str | None]]:
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
