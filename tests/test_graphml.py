"""GraphML export: the networkx shape of the graph, and the file Gephi reads."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from kg.export.colors import TYPE_COLORS, hex_to_rgb
from kg.export.graphml import write_graphml
from kg.export.networkx_graph import GraphShapeError, article_node_id, to_networkx
from kg.model import CoMention, KnowledgeGraph


def test_to_networkx_has_entity_and_article_nodes(tiny_graph: KnowledgeGraph) -> None:
    graph = to_networkx(tiny_graph)
    assert sorted(graph.nodes) == [
        "article/a1",
        "country/russia",
        "country/united-states",
        "person/anatoly-antonov",
        "person/roman-seleznev",
    ]
    antonov = graph.nodes["person/anatoly-antonov"]
    assert antonov == {
        "label": "Anatoly Antonov",
        "type": "Person",
        "mentions": 2,
        "aliases": "Antonov",
        "color": TYPE_COLORS["Person"],
        "wikidata": "",
    }
    article = graph.nodes[article_node_id("a1")]
    assert article["type"] == "Article"
    assert article["label"] == 'Envoy & "friends" <script>alert(1)</script>'
    assert article["url"] == "https://example.com/a1?x=1&y=2"
    assert graph.nodes["country/russia"]["wikidata"] == "Q159"


def test_to_networkx_edges_are_weighted_by_count(tiny_graph: KnowledgeGraph) -> None:
    graph = to_networkx(tiny_graph)
    mentioned = graph.edges["person/anatoly-antonov", "article/a1"]
    assert mentioned == {"label": "mentioned in", "weight": 2}
    co = graph.edges["country/russia", "person/anatoly-antonov"]
    assert co == {"label": "co-mentioned", "weight": 1}
    # four entities each mentioned in the one article, plus four co-mention pairs
    assert graph.number_of_edges() == 4 + len(tiny_graph.comentions)


def test_to_networkx_attributes_are_scalars(tiny_graph: KnowledgeGraph) -> None:
    graph = to_networkx(tiny_graph)
    values = [v for _, data in graph.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in graph.edges(data=True) for v in data.values()]
    assert values
    assert all(isinstance(v, str | int | float) for v in values)


def test_to_networkx_rejects_a_comention_of_an_unknown_node(
    tiny_graph: KnowledgeGraph,
) -> None:
    broken = dataclasses.replace(
        tiny_graph,
        comentions=(CoMention("country/russia", "person/nobody", 1, (("a1", 0),)),),
    )
    with pytest.raises(GraphShapeError, match="person/nobody"):
        to_networkx(broken)


def test_graphml_reads_back_with_the_same_shape(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    counts = write_graphml(tiny_graph, path)
    expected = to_networkx(tiny_graph)
    read = nx.read_graphml(path)
    assert counts == (expected.number_of_nodes(), expected.number_of_edges()) == (5, 8)
    assert (read.number_of_nodes(), read.number_of_edges()) == counts
    assert sorted(read.nodes) == sorted(expected.nodes)
    assert read.edges["person/anatoly-antonov", "article/a1"]["weight"] == 2
    assert read.edges["person/anatoly-antonov", "article/a1"]["label"] == "mentioned in"


def test_graphml_nodes_carry_label_type_and_gephi_colour(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(tiny_graph, path)
    read = nx.read_graphml(path)
    for node_id, data in read.nodes(data=True):
        assert data["label"], node_id
        assert data["type"] in TYPE_COLORS, node_id
        assert (data["r"], data["g"], data["b"]) == hex_to_rgb(TYPE_COLORS[data["type"]])
        assert all(isinstance(data[c], int) for c in "rgb")
    assert read.nodes["person/roman-seleznev"]["label"] == "Roman Seleznev"


def test_graphml_is_byte_identical_across_writes(tiny_graph, tmp_path) -> None:
    first, second = tmp_path / "one.graphml", tmp_path / "two.graphml"
    write_graphml(tiny_graph, first)
    write_graphml(tiny_graph, second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<graphml")


def test_graphml_leaves_no_temporary_file(tiny_graph, tmp_path) -> None:
    write_graphml(tiny_graph, tmp_path / "out" / "graph.graphml")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["graph.graphml"]
