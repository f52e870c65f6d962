"""Turtle and N-Triples files: they parse, round-trip, repeat byte for byte and validate."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.export.turtle import (
    ShapesNotFoundError,
    ValidationUnavailableError,
    validate,
    write_ntriples,
    write_turtle,
)
from kg.graph.rdf import DEFAULT_BASE_IRI, article_iri, graph_triples, node_iri, to_rdflib
from kg.graph.vocab import KG, PREFIXES, SCHEMA, SKOS, turtle_prefixes
from kg.model import (
    Article,
    ArticleFacts,
    Entity,
    KnowledgeGraph,
    Mention,
    MentionRef,
    Node,
    Span,
)

ADVERSARIAL = (
    "He said \"no\" \\ then 'yes'\nnew line\r\ttab <>& \x01\x00\x7f \u2028 😀 "
    "مرحبا بالعالم \u202eRTL\u202c end"
)


def one_person_graph(article_id: str, key: str, title: str = "t") -> KnowledgeGraph:
    """One article naming one person once: the smallest graph with every kind of node."""
    text = f"{title} Zoë O'Brien spoke."
    start = text.index("Zoë")
    mention = Mention(start, start + len("Zoë O'Brien"), "Zoë O'Brien", 0)
    facts = ArticleFacts(
        Article(id=article_id, text=text, title=title, date="2020-01-31"),
        (Span(0, len(text)),),
        (Entity("e0", "Person", "Zoë O'Brien", (mention,)),),
    )
    node = Node(key, "Person", "Zoë O'Brien", (), (MentionRef(article_id, "e0", mention),))
    return KnowledgeGraph(articles=(facts,), nodes=(node,), comentions=())


def parse_both(path: Path) -> tuple[rdflib.Graph, list[ox.Triple]]:
    return (
        rdflib.Graph().parse(path, format="turtle"),
        [quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)],
    )


def test_turtle_parses_with_rdflib_and_pyoxigraph_alike(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.ttl"
    count = write_turtle(tiny_graph, path)
    by_rdflib, by_oxigraph = parse_both(path)
    assert count == len(by_rdflib) == len(by_oxigraph) > 0
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/newskg/ontology#> ." in text
    assert "a kg:Person" in text


def test_turtle_round_trips_to_the_same_graph(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    by_rdflib, by_oxigraph = parse_both(path)
    triples = graph_triples(tiny_graph)
    assert isomorphic(by_rdflib, to_rdflib(triples))
    assert set(by_oxigraph) == set(triples)


def test_two_writes_are_byte_identical(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    write_turtle(tiny_graph, tmp_path / "one.ttl")
    write_turtle(tiny_graph, tmp_path / "two.ttl")
    assert (tmp_path / "one.ttl").read_bytes() == (tmp_path / "two.ttl").read_bytes()
    write_ntriples(tiny_graph, tmp_path / "one.nt")
    write_ntriples(tiny_graph, tmp_path / "two.nt")
    assert (tmp_path / "one.nt").read_bytes() == (tmp_path / "two.nt").read_bytes()


def test_the_prefix_header_is_sorted(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    header = [line for line in path.read_text().splitlines() if line.startswith("@prefix")]
    prefixes = turtle_prefixes(DEFAULT_BASE_IRI)
    assert header == sorted(f"@prefix {name}: <{iri}> ." for name, iri in prefixes.items())
    assert "@prefix person: <https://w3id.org/newskg/resource/person/> ." in header


def rdflib_set(data: bytes, fmt: str = "turtle") -> set:
    return set(rdflib.Graph().parse(data=data, format=fmt))


def test_resources_are_written_with_a_prefix_per_kind(tmp_path: Path) -> None:
    graph = one_person_graph("a1", "person/roman-seleznev")
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    text = path.read_text()
    assert "person:roman-seleznev" in text
    assert "article:a1" in text
    assert "mention:a1\\/" in text  # "/" escaped, as Turtle's PN_LOCAL needs
    assert "<https://w3id.org/newskg/resource/" not in text.split("\n", 20)[-1]
    # The same triples as the writer with the ontology prefixes only.
    old = ox.serialize(graph_triples(graph), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert rdflib_set(path.read_bytes()) == rdflib_set(old)


@pytest.mark.parametrize("key", ["person/a.", "person/-x", "person/a~b", "person/x.y"])
def test_a_local_name_that_is_not_plain_stays_a_full_iri(key: str, tmp_path: Path) -> None:
    graph = one_person_graph("a1", key)
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    iri = node_iri(key)
    text = path.read_text()
    assert f"<{iri}>" in text or f"person:{iri.rsplit('/', 1)[1]}" in text
    nt = tmp_path / "graph.nt"
    write_ntriples(graph, nt)
    by_rdflib, by_oxigraph = parse_both(path)
    assert set(by_rdflib) == rdflib_set(nt.read_bytes(), "nt")
    assert set(by_oxigraph) == {
        q.triple for q in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    }


def test_literal_text_that_looks_like_a_resource_iri_is_left_alone(tmp_path: Path) -> None:
    title = f'see <{DEFAULT_BASE_IRI}person/x> and \\" <{DEFAULT_BASE_IRI}person/y>'
    path = tmp_path / "graph.ttl"
    write_turtle(one_person_graph("a1", "person/z", title=title), path)
    assert f"<{DEFAULT_BASE_IRI}person/x>" in path.read_text()
    by_rdflib, _ = parse_both(path)
    assert any(title in str(o) for o in by_rdflib.objects())


def test_prefixes_follow_the_base_iri_and_chunks_keep_one_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.export.turtle as turtle

    base = "http://example.org/kg#"
    graph = one_person_graph("a1", "person/zoe")
    write_turtle(graph, tmp_path / "one.ttl", base_iri=base)
    monkeypatch.setattr(turtle, "_CHUNK_ROWS", 1)
    write_turtle(graph, tmp_path / "many.ttl", base_iri=base)
    text = (tmp_path / "many.ttl").read_text()
    assert text == (tmp_path / "one.ttl").read_text()
    assert text.count("@prefix person:") == 1
    assert "@prefix person: <http://example.org/kg#person/> ." in text
    assert "person:zoe" in text
    triples = graph_triples(graph, base_iri=base)
    assert rdflib_set(text.encode()) == rdflib_set(
        ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "nt"
    )


def test_ntriples_hold_the_same_triples_as_turtle(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    count = write_ntriples(tiny_graph, tmp_path / "graph.nt")
    lines = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    quads = ox.parse(path=str(tmp_path / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    parsed = {quad.triple for quad in quads}
    assert parsed == set(graph_triples(tiny_graph))


def test_a_write_replaces_the_old_file_and_leaves_no_temporary(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "out" / "graph.ttl"
    path.parent.mkdir()
    path.write_text("stale")
    write_turtle(tiny_graph, path)
    assert path.read_text().startswith("@prefix")
    assert [p.name for p in path.parent.iterdir()] == ["graph.ttl"]


def test_the_graph_conforms_to_the_shapes(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    conforms, report = validate(path)
    assert conforms, report


def test_a_country_without_its_code_fails_validation(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    nodes = tuple(
        dataclasses.replace(node, iso3=None) if node.key == "country/russia" else node
        for node in tiny_graph.nodes
    )
    path = tmp_path / "broken.ttl"
    write_turtle(dataclasses.replace(tiny_graph, nodes=nodes), path)
    conforms, report = validate(path)
    assert not conforms
    assert "iso3166Alpha3" in report
    assert "country:russia" in report or "country/russia" in report


def test_a_country_without_wikidata_fails_validation(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    nodes = tuple(dataclasses.replace(node, wikidata=None) for node in tiny_graph.nodes)
    path = tmp_path / "broken.ttl"
    write_turtle(dataclasses.replace(tiny_graph, nodes=nodes), path)
    conforms, report = validate(path)
    assert not conforms
    assert "sameAs" in report


def test_validation_needs_the_shapes_file(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    with pytest.raises(ShapesNotFoundError, match=r"nope\.ttl"):
        validate(path, "ontology/nope.ttl")


def test_validation_without_pyshacl_says_how_to_get_it(
    tiny_graph: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    monkeypatch.setitem(sys.modules, "pyshacl", None)  # makes `import pyshacl` fail
    with pytest.raises(ValidationUnavailableError, match="pyshacl"):
        validate(path)


@pytest.mark.parametrize(
    "article_id, key",
    [
        ("a b", "person/zoë o'brien"),
        ("ünï/cødé", "person/zoë#1"),
        ("#frag?q=1&r=2", "person/100%"),
        ("..", "person/.."),
        ("<script>", 'person/"quoted"'),
    ],
)
def test_odd_ids_give_iris_that_parse_back(article_id: str, key: str, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(one_person_graph(article_id, key), path)
    by_rdflib, by_oxigraph = parse_both(path)
    article, person = article_iri(article_id), node_iri(key)
    assert (rdflib.URIRef(person), KG.mentionedIn, rdflib.URIRef(article)) in by_rdflib
    assert {t.subject.value for t in by_oxigraph} >= {article, person}
    conforms, report = validate(path)
    assert conforms, report


def test_an_adversarial_title_survives_the_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(one_person_graph("a1", "person/zoe", title=ADVERSARIAL), path)
    by_rdflib, by_oxigraph = parse_both(path)
    article = article_iri("a1")
    assert str(by_rdflib.value(rdflib.URIRef(article), SCHEMA.headline)) == ADVERSARIAL
    (headline,) = (t.object for t in by_oxigraph if t.predicate.value == str(SCHEMA.headline))
    assert headline.value == ADVERSARIAL
    # The sentence text carries the title too, since it opens the article text.
    assert any(ADVERSARIAL in str(o) for o in by_rdflib.objects(None, KG.sentenceText))


def query(path: Path, sparql: str) -> list[tuple[str, ...]]:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    header = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    return sorted(
        tuple(term.value for term in solution) for solution in store.query(header + sparql)
    )


def test_sparql_finds_antonovs_countries_and_mention_offsets(
    tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path)
    countries = query(
        path,
        """SELECT ?iso ?name WHERE {
             ?person skos:prefLabel "Anatoly Antonov" .
             # coMentionedWith is symmetric and stored once per pair: follow both ways.
             ?person kg:coMentionedWith|^kg:coMentionedWith ?country .
             ?country a kg:Country ; kg:iso3166Alpha3 ?iso ; skos:prefLabel ?name .
           }""",
    )
    assert countries == [("RUS", "Russia"), ("USA", "United States")]

    offsets = query(
        path,
        """SELECT ?start ?end WHERE {
             ?mention kg:anchorText "Antonov" ; kg:startOffset ?start ; kg:endOffset ?end ;
                      kg:mentionOf/skos:prefLabel "Anatoly Antonov" .
           }""",
    )
    text = tiny_graph.articles[0].article.text
    (start, end) = (int(value) for value in offsets[0])
    assert len(offsets) == 1
    assert text[start:end] == "Antonov"
    assert start == text.index("Antonov met")


def test_skos_labels_are_written_for_every_node(tiny_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, path, base_iri="http://example.org/kg/")
    by_rdflib, _ = parse_both(path)
    labels = {str(label) for label in by_rdflib.objects(None, SKOS.prefLabel)}
    assert labels == {node.label for node in tiny_graph.nodes}
    assert not any(str(s).startswith(DEFAULT_BASE_IRI) for s in by_rdflib.subjects())


def test_an_empty_comention_list_writes_no_comention_nodes(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_turtle(one_person_graph("a1", "person/zoe"), path)
    by_rdflib, _ = parse_both(path)
    assert not list(by_rdflib.subjects(rdflib.RDF.type, KG.CoMention))


_X = "http://www.w3.org/2001/XMLSchema#"
_ODD_TEXTS = ("plain", 'say "no"', "back\\slash", "line\nbreak\r\ttab", "\x01\x08\x0c\x7f", "")


def _rows_for_every_path(base: str) -> list[tuple[str, str, str, str, str]]:
    """Rows whose terms reach every way `_TurtleTerms` writes one, and its fallbacks."""
    subjects = [f"{base}person/zoe", f"{base}mention/a1/0-3", f"{base}person/a~b"]
    subjects += [f"{base}person/end.", f"{base}other/x", "http://example.org/s", f"{base}time/2"]
    typed = [(v, f"{_X}integer") for v in ("42", "-5", "+5", "05", "", "4.0")]
    typed += [(v, f"{_X}decimal") for v in ("0.8", ".5", "5.", "1e-05", "1")]
    typed += [("1e3", f"{_X}double"), ("true", f"{_X}boolean"), ("yes", f"{_X}boolean")]
    typed += [("2019-01-02", f"{_X}date"), ("x", "http://example.org/type")]
    typed += [("x", f"{base}person/zoe")] + [(text, f"{_X}string") for text in _ODD_TEXTS]
    iris = [*subjects, str(KG.Article), f"{_X}a.b", "http://www.wikidata.org/entity/Q1-2"]
    rows = [(s, "0", str(rdflib.RDF.type), str(KG.Person), "") for s in subjects]
    # rdf:type again after another predicate: pyoxigraph compares each triple with the last
    rows += [(subjects[0], "1", str(rdflib.RDF.type), str(KG.Article), "")]
    rows += [(subjects[0], "1", str(SCHEMA.headline), "h", f"{_X}string")]
    rows += [(subjects[1], "1", str(SKOS.altLabel), iri, "") for iri in iris]
    rows += [(s, "1", str(SKOS.prefLabel), v, d) for s in subjects[2:] for v, d in typed]
    rows += [(subjects[0], "1", f"{_X}odd.name", "v", f"{_X}string")]
    return sorted(set(rows))


@pytest.mark.parametrize("base", [DEFAULT_BASE_IRI, "http://example.org/kg#"])
@pytest.mark.parametrize("chunk_rows", [1, 20_000])
def test_turtle_made_in_python_is_pyoxigraphs_byte_for_byte(
    base: str, chunk_rows: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.export.turtle as turtle

    monkeypatch.setattr(turtle, "_CHUNK_ROWS", chunk_rows)
    rows = _rows_for_every_path(base)
    count = turtle.write_rdf(rows, tmp_path / "python.ttl", base_iri=base)
    # with N-Triples beside it, the Turtle is pyoxigraph's serialisation of the parsed rows
    turtle.write_rdf(rows, tmp_path / "ox.ttl", tmp_path / "ox.nt", base_iri=base)
    made = (tmp_path / "python.ttl").read_bytes()
    assert made == (tmp_path / "ox.ttl").read_bytes()
    assert count == len(rows)
    assert b'person:zoe a kg:Person ;\n\tschema:headline "h" ;\n\ta kg:Article ;' in made


def test_turtle_of_no_rows_is_an_empty_file(tmp_path: Path) -> None:
    from kg.export.turtle import write_rdf

    assert write_rdf([], tmp_path / "g.ttl") == 0
    assert (tmp_path / "g.ttl").read_bytes() == b""


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40), name=st.text(max_size=12))
def test_any_text_and_resource_name_are_written_as_pyoxigraph_writes_them(
    tmp_path: Path, text: str, name: str
) -> None:
    from urllib.parse import quote

    from kg.export.turtle import write_rdf

    subject = f"{DEFAULT_BASE_IRI}person/{quote(name, safe='/')}"
    values = [(text, f"{_X}{kind}") for kind in ("string", "integer", "decimal", "date")]
    rows = [(subject, "0", str(rdflib.RDF.type), str(KG.Person), "")]
    rows += [(subject, "1", str(SKOS.altLabel), value, kind) for value, kind in values]
    rows += [(f"{DEFAULT_BASE_IRI}article/a", "1", str(SKOS.related), subject, "")]
    rows = sorted(set(rows))
    write_rdf(rows, tmp_path / "python.ttl")
    write_rdf(rows, tmp_path / "ox.ttl", tmp_path / "ox.nt")
    assert (tmp_path / "python.ttl").read_bytes() == (tmp_path / "ox.ttl").read_bytes()
