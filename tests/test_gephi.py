"""GraphML and GEXF as Gephi reads them: labels, layout, every typed relation an edge."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from conftest import shared_data

from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import layout, node_size
from kg.export.networkx_graph import to_networkx
from kg.model import LITERAL_RELATIONS, Event, EventArgument, KnowledgeGraph, Relation, Span

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def related_graph(tiny_graph: KnowledgeGraph) -> KnowledgeGraph:
    """The tiny graph with two typed relations (one between co-mentioned entities, where the
    old file folded it into the co-mention edge) and an event with two roles."""
    facts = tiny_graph.articles[0]
    relations = (
        Relation("citizenOf", "e0", "e1", Span(19, 34), 0, 0.9, "test"),
        Relation("citizenOf", "e2", "e1", Span(80, 94), 1, 0.8, "test"),
    )
    event = Event(
        id="v0",
        type="Justice.Sentence",
        triggers=(Span(68, 75),),
        sentences=(1,),
        arguments=(
            EventArgument("Defendant", "e2", Span(80, 94)),
            EventArgument("Place", "e3", Span(102, 115)),
        ),
        date="2019-12-02",
        factuality="hypothetical",
        label="Roman Seleznev sentenced, United States (hypothetical)",
    )
    facts = dataclasses.replace(facts, relations=relations, events=(event,))
    return dataclasses.replace(tiny_graph, articles=(facts,))


def gephi_labels(path: Path) -> dict[str, str]:
    """Node labels as Gephi's GraphML importer (ImporterGraphML.java) finds them: a key is
    matched to a node property by its id first, then by its attr.name, and the id "d3"
    (yEd's default) or the name "label" is the label. Any other key is a plain column."""
    root = ET.parse(path).getroot()
    label_keys: set[str] = set()
    for key in root.iter(f"{GRAPHML}key"):
        if key.get("for") not in ("node", "all"):
            continue
        by_id = key.get("id") == "d3" or key.get("id") == "label"
        if by_id or (key.get("id") not in KNOWN_IDS and key.get("attr.name") == "label"):
            label_keys.add(str(key.get("id")))
    labels = {}
    for node in root.iter(f"{GRAPHML}node"):
        for data in node.iter(f"{GRAPHML}data"):
            if data.get("key") in label_keys:
                labels[str(node.get("id"))] = data.text or ""
    return labels


# Node property ids Gephi's importer knows; a key whose id is one of them never falls back
# to its attr.name.
KNOWN_IDS = {"label", "d3", "x", "y", "size", "r", "g", "b", "color"}


def test_gephi_labels_an_entity_with_aliases_by_its_label(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(related_graph, path)
    labels = gephi_labels(path)
    russia = next(n for n in related_graph.nodes if n.key == "country/russia")
    assert russia.aliases  # the case that went wrong: "d3" was aliases
    assert labels["country/russia"] == "Russia"
    assert all(labels[n.key] == n.label for n in related_graph.nodes)


def test_graphml_key_ids_are_their_names(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(related_graph, path)
    keys = list(ET.parse(path).getroot().iter(f"{GRAPHML}key"))
    for key in keys:
        expected = key.get("attr.name")
        if key.get("for") == "edge" and expected == "label":
            expected = "edgelabel"  # ids are unique in the file; Gephi's edge label id
        assert key.get("id") == expected
    assert len({key.get("id") for key in keys}) == len(keys)


def relation_edges(graph: nx.DiGraph) -> list[tuple[str, str, str]]:
    return sorted(
        (a, b, str(data["relation"])) for a, b, data in graph.edges(data=True) if "evidence" in data
    )


def stated(kg: KnowledgeGraph) -> list[tuple[str, str, str]]:
    """Every typed entity-to-entity relation of the facts, with its node keys."""
    found = []
    for facts in kg.articles:
        for relation in facts.relations:
            if relation.type not in LITERAL_RELATIONS:
                key = kg.entity_keys.get
                subject = key((facts.article.id, relation.subject))
                target = key((facts.article.id, relation.object))
                found.append((str(subject), str(target), relation.type))
    return sorted(found)


def test_every_typed_relation_is_an_edge_of_its_own(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    nodes, edges = write_graphml(related_graph, path)
    # networkx reads a file without parallel edges as a DiGraph: the same edges either way
    read = nx.MultiDiGraph(nx.read_graphml(path))
    assert relation_edges(read) == stated(related_graph)
    seleznev = read.get_edge_data("person/roman-seleznev", "country/russia")
    (citizen,) = seleznev.values()
    assert citizen["confidence"] == 0.8 and citizen["article"] == "a1"
    assert citizen["evidence"].startswith("Antonov")  # the sentence that states it
    # the co-mention between Antonov and Russia stays beside the relation, with its weight
    pair = read.get_edge_data("country/russia", "person/anatoly-antonov")
    assert [d["weight"] for d in pair.values()] == [1]
    assert len(read.get_edge_data("person/anatoly-antonov", "country/russia")) == 1
    assert (read.number_of_nodes(), read.number_of_edges()) == (nodes, edges)


def test_events_are_nodes_linked_by_their_roles(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(related_graph, path)
    read = nx.read_graphml(path)
    event = "event/a1/v0"
    assert read.nodes[event]["date"] == "2019-12-02"
    assert read.nodes[event]["event_type"] == "Justice.Sentence"
    assert read.nodes[event]["factuality"] == "hypothetical"
    roles = {(b, d["label"]) for _, b, d in read.out_edges(event, data=True)}
    assert roles == {("person/roman-seleznev", "Defendant"), ("country/united-states", "Place")}


def test_gephi_labels_an_event_in_words(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(related_graph, path)
    label = gephi_labels(path)["event/a1/v0"]
    assert label == "Roman Seleznev sentenced, United States (hypothetical)"
    keys = {k.get("id"): k for k in ET.parse(path).getroot().iter(f"{GRAPHML}key")}
    # Gephi reads a column by its key id: declared once, for nodes, as text
    assert keys["factuality"].get("for") == "node"
    assert keys["factuality"].get("attr.type") == "string"
    assert keys["event_type"].get("attr.type") == "string"


def test_an_event_read_back_without_a_label_is_labelled_by_its_type(
    related_graph, tmp_path
) -> None:
    # facts.jsonl of a build before event labels: the event's label reads back as ""
    facts = related_graph.articles[0]
    unlabelled = dataclasses.replace(facts.events[0], label="", subtype=None)
    old = dataclasses.replace(
        related_graph, articles=(dataclasses.replace(facts, events=(unlabelled,)),)
    )
    path = tmp_path / "graph.graphml"
    write_graphml(old, path)
    assert gephi_labels(path)["event/a1/v0"] == "Justice.Sentence"


def test_nodes_are_placed_as_on_the_html_page(related_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(related_graph, path)
    read = nx.read_graphml(path)
    graph = to_networkx(related_graph)
    for node, (x, y) in layout(graph).items():
        data = read.nodes[node]
        # y is flipped: the page's grows downwards, Gephi's upwards
        assert (data["x"], data["y"]) == (x, -y)
        assert data["size"] == node_size(int(graph.nodes[node].get("mentions", 1)))
    assert read.nodes["person/roman-seleznev"]["start"] == "2019-12-02"


def test_a_graph_past_the_layout_limit_streams_without_positions(
    related_graph, tmp_path, monkeypatch
) -> None:
    import kg.export.graphml

    monkeypatch.setattr(kg.export.graphml, "LAYOUT_MAX_NODES", 2)
    path = tmp_path / "graph.graphml"
    nodes, edges = write_graphml(related_graph, path)
    read = nx.read_graphml(path)
    assert (read.number_of_nodes(), read.number_of_edges()) == (nodes, edges)
    assert not any("x" in data for _, data in read.nodes(data=True))
    relations = [d for _, _, d in read.edges(data=True) if d.get("relation") == "citizenOf"]
    assert len(relations) == 2


def test_graphml_reads_in_igraph(related_graph, tmp_path) -> None:
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "graph.graphml"
    nodes, edges = write_graphml(related_graph, path)
    read = igraph.Graph.Read_GraphML(str(path))
    assert (read.vcount(), read.ecount()) == (nodes, edges)
    assert read.is_directed()
    labels = dict(zip(read.vs["id"], read.vs["label"], strict=True))
    assert labels["country/russia"] == "Russia"
    assert sorted(r for r in read.es["relation"] if r == "citizenOf") == ["citizenOf"] * 2
    assert all(isinstance(x, float) for x in read.vs["x"] + read.vs["y"] + read.vs["size"])


def test_gephi_files_are_byte_identical_across_writes(related_graph, tmp_path) -> None:
    for name, writer in (("graphml", write_graphml), ("gexf", write_gexf)):
        first, second = tmp_path / f"one.{name}", tmp_path / f"two.{name}"
        writer(related_graph, first)
        writer(related_graph, second)
        assert first.read_bytes() == second.read_bytes()


def test_gexf_holds_the_same_nodes_and_edges(related_graph, tmp_path) -> None:
    graphml, gexf = tmp_path / "graph.graphml", tmp_path / "graph.gexf"
    assert write_gexf(related_graph, gexf) == write_graphml(related_graph, graphml)
    read = nx.MultiDiGraph(nx.read_gexf(gexf))
    assert relation_edges(read) == stated(related_graph)
    russia = read.nodes["country/russia"]
    assert russia["label"] == "Russia"
    event = read.nodes["event/a1/v0"]
    assert event["label"] == "Roman Seleznev sentenced, United States (hypothetical)"
    assert (event["factuality"], event["event_type"]) == ("hypothetical", "Justice.Sentence")
    assert (russia["start"], russia["end"]) == ("2019-12-02", "2019-12-02")
    position = russia["viz"]["position"]
    expected = nx.read_graphml(graphml).nodes["country/russia"]
    assert (position["x"], position["y"]) == (expected["x"], expected["y"])


@pytest.fixture(scope="module")
def built(request, tmp_path_factory) -> tuple[KnowledgeGraph, Path]:
    """A build of the seeds, or of news-sample (spaCy runs once per corpus)."""
    from kg.pipeline.run import build_graph

    corpus = REPO / "seeds" if request.param == "seeds" else shared_data(request.param)
    graph = build_graph([corpus])
    path = tmp_path_factory.mktemp(request.param) / "graph.graphml"
    write_graphml(graph, path)
    return graph, path


@pytest.mark.slow
@pytest.mark.parametrize("built", ["seeds", "news-sample"], indirect=True)
def test_every_relation_of_a_build_is_its_own_edge(built) -> None:
    graph, path = built
    read = nx.read_graphml(path)
    assert stated(graph), "the build states no typed relation to check"
    assert relation_edges(read) == stated(graph)
    assert all({"x", "y", "size"} <= set(data) for _, data in read.nodes(data=True))
    labels = gephi_labels(path)
    assert all(labels[node.key] == node.label for node in graph.nodes)
