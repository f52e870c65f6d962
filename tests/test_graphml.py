"""GraphML export: the networkx shape of the graph, and the file Gephi reads."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from conftest import shared_data

from kg.export.colors import TYPE_COLORS, hex_to_rgb
from kg.export.graphml import write_graphml
from kg.export.networkx_graph import GraphShapeError, article_node_id, to_networkx
from kg.model import (
    Article,
    ArticleFacts,
    CoMention,
    Entity,
    Event,
    EventArgument,
    KnowledgeGraph,
    Mention,
    Span,
)
from kg.resolve import resolve

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


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
        "start": "2019-12-02",
        "end": "2019-12-02",
    }
    article = graph.nodes[article_node_id("a1")]
    assert article["type"] == "Article"
    assert article["label"] == 'Envoy & "friends" <script>alert(1)</script>'
    assert article["url"] == "https://example.com/a1?x=1&y=2"
    assert graph.nodes["country/russia"]["wikidata"] == "Q159"


def test_to_networkx_edges_are_weighted_by_count(tiny_graph: KnowledgeGraph) -> None:
    graph = to_networkx(tiny_graph)
    mentioned = graph.edges["person/anatoly-antonov", "article/a1"]
    assert mentioned == {
        "label": "mentioned in",
        "relation": "mentionedIn",
        "weight": 2,
        "confidence": 1.0,
    }
    co = graph.edges["country/russia", "person/anatoly-antonov"]
    assert co == {
        "label": "co-mentioned",
        "relation": "coMentionedWith",
        "weight": 1,
        "confidence": 1.0,
    }
    # four entities each mentioned in the one article, plus four co-mention pairs
    assert graph.number_of_edges() == 4 + len(tiny_graph.comentions)


def edges_by_pair(graph: nx.Graph) -> dict[frozenset[str], dict]:
    return {frozenset((a, b)): data for a, b, data in graph.edges(data=True)}


def test_to_networkx_restricted_to_entities_keeps_their_nodes_and_edges_alone(
    tiny_graph: KnowledgeGraph,
) -> None:
    full = to_networkx(tiny_graph)
    keys = {node.key for node in tiny_graph.nodes if node.type != "Country"}
    only = to_networkx(tiny_graph, entities=keys)
    assert set(only.nodes) == keys
    assert dict(only.nodes(data=True)) == {key: full.nodes[key] for key in keys}
    between = {pair: data for pair, data in edges_by_pair(full).items() if pair <= keys}
    assert between and edges_by_pair(only) == between


def test_to_networkx_with_neighbours_adds_the_articles_of_the_entities(
    tiny_graph: KnowledgeGraph,
) -> None:
    keys = {node.key for node in tiny_graph.nodes if node.type == "Person"}
    graph = to_networkx(tiny_graph, entities=keys, with_neighbours=True)
    articles = {article_node_id(f.article.id) for f in tiny_graph.articles}
    assert set(graph.nodes) - keys <= articles | {n for n in graph.nodes if n.startswith("event/")}
    assert set(graph.nodes) & articles
    assert not any(node.startswith("country/") for node in graph.nodes)


def test_to_networkx_attributes_are_scalars(tiny_graph: KnowledgeGraph) -> None:
    graph = to_networkx(tiny_graph)
    values = [v for _, data in graph.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in graph.edges(data=True) for v in data.values()]
    assert values
    assert all(isinstance(v, str | int | float) for v in values)


def with_event(kg: KnowledgeGraph, **fields) -> KnowledgeGraph:
    """The tiny graph with one meeting of Antonov and Seleznev (entities e0 and e2)."""
    meeting = Event(
        "v0",
        "Contact.Contact",
        (Span(68, 71),),
        (1,),
        arguments=(
            EventArgument("Participant", "e0", Span(0, 5)),
            EventArgument("Participant", "e2", Span(80, 94)),
        ),
        subtype="Meet",
        **fields,
    )
    facts = dataclasses.replace(kg.articles[0], events=(meeting,))
    return dataclasses.replace(kg, articles=(facts,))


def test_to_networkx_event_nodes_carry_label_type_and_factuality(tiny_graph) -> None:
    label = "Anatoly Antonov meets Roman Seleznev (negated)"
    graph = to_networkx(with_event(tiny_graph, factuality="negated", label=label, date="2019"))
    assert graph.nodes["event/a1/v0"] == {
        "label": label,
        "type": "Event",
        "event_type": "Contact.Contact.Meet",
        "factuality": "negated",
        "date": "2019",
        "color": TYPE_COLORS["Event"],
    }


def test_to_networkx_rejects_an_unknown_factuality(tiny_graph: KnowledgeGraph) -> None:
    with pytest.raises(GraphShapeError, match="'rumoured'"):
        to_networkx(with_event(tiny_graph, factuality="rumoured"))


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


def test_dates_span_the_first_and_last_article(tiny_graph: KnowledgeGraph) -> None:
    facts = tiny_graph.articles[0]
    later = dataclasses.replace(facts, article=dataclasses.replace(facts.article, id="a2"))
    later = dataclasses.replace(
        later, article=dataclasses.replace(later.article, date="2020-03-01")
    )
    undated = dataclasses.replace(facts, article=Article(id="a3", text=facts.article.text))
    nodes = tuple(
        dataclasses.replace(
            node,
            mentions=node.mentions
            + tuple(dataclasses.replace(m, article_id="a2") for m in node.mentions)
            + tuple(dataclasses.replace(m, article_id="a3") for m in node.mentions),
        )
        if node.key == "person/roman-seleznev"
        else node
        for node in tiny_graph.nodes
    )
    graph = to_networkx(
        dataclasses.replace(tiny_graph, articles=(facts, later, undated), nodes=nodes)
    )
    seleznev = graph.nodes["person/roman-seleznev"]
    assert (seleznev["start"], seleznev["end"]) == ("2019-12-02", "2020-03-01")
    assert "start" not in graph.nodes[article_node_id("a3")]  # no date: no made-up one


def test_graphml_declares_each_attribute_with_its_type(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graphml(tiny_graph, path)
    keys = {
        (key.get("for"), key.get("attr.name")): key.get("attr.type")
        for key in ET.parse(path).getroot().iter(f"{GRAPHML}key")
    }
    assert keys[("node", "label")] == keys[("node", "type")] == "string"
    assert keys[("node", "start")] == keys[("node", "end")] == "string"
    assert keys[("node", "mentions")] in ("int", "long")
    assert keys[("node", "r")] in ("int", "long")
    assert keys[("edge", "weight")] in ("int", "long")
    assert keys[("edge", "confidence")] == "double"
    assert keys[("edge", "relation")] == keys[("edge", "label")] == "string"


@pytest.fixture(scope="module")
def news_sample_graphml(tmp_path_factory):
    """GraphML of the news-sample corpus (54 articles; spaCy runs once for the module)."""
    from kg.pipeline.run import build_graph

    graph = build_graph([shared_data("news-sample")])
    path = tmp_path_factory.mktemp("sample") / "graph.graphml"
    write_graphml(graph, path)
    return graph, path


@pytest.mark.slow
def test_news_sample_graphml_reads_back_in_networkx(news_sample_graphml) -> None:
    graph, path = news_sample_graphml
    read = nx.read_graphml(path)
    entities = [n for n, data in read.nodes(data=True) if data["type"] in {"Person", "Country"}]
    assert len(entities) > 20
    assert len(graph.articles) == 54
    for node_id, data in read.nodes(data=True):
        assert data["label"] and data["type"], node_id
    for a, b, data in read.edges(data=True):
        assert data["label"] and data["relation"], (a, b)
        assert isinstance(data["weight"], int) and isinstance(data["confidence"], float)
    dated = [data for _, data in read.nodes(data=True) if data["type"] == "Person"]
    assert all(data["start"] <= data["end"] for data in dated)


@pytest.mark.slow
def test_news_sample_graphml_reads_back_in_igraph(news_sample_graphml) -> None:
    igraph = pytest.importorskip("igraph")
    _, path = news_sample_graphml
    read = igraph.Graph.Read_GraphML(str(path))
    expected = nx.read_graphml(path)
    assert (read.vcount(), read.ecount()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    assert all(read.vs["label"]) and all(read.vs["type"])
    assert set(read.vs["type"]) >= {"Person", "Country", "Article"}


def arrest_report(
    article_id: str, person: str = "Roman Seleznev", date: str | None = None
) -> ArticleFacts:
    """An article saying "{person} was arrested in the Maldives.", the arrest labelled."""
    text = f"{person} was arrested in the Maldives."
    who = Mention(0, len(person), person, 0)
    start = text.index("Maldives")
    where = Mention(start, start + len("Maldives"), "Maldives", 0)
    entities = (
        Entity("e0", "Person", person, (who,)),
        Entity("e1", "Country", "Maldives", (where,), iso3="MDV"),
    )
    trigger = text.index("arrested")
    event = Event(
        "v0",
        "Justice.ArrestJailDetain",
        (Span(trigger, trigger + len("arrested")),),
        (0,),
        (
            EventArgument("Detainee", "e0", Span(who.start, who.end)),
            EventArgument("Place", "e1", Span(where.start, where.end)),
        ),
        label=f"{person} arrested, Maldives",
        date=date,
    )
    article = Article(id=article_id, text=text, date="2019-12-04")
    return ArticleFacts(article, (Span(0, len(text)),), entities, events=(event,))


def reports(*articles: ArticleFacts) -> KnowledgeGraph:
    """The graph of the articles as a build makes it: entities and events resolved."""
    return resolve(articles)


def test_an_event_two_articles_report_is_one_node(tmp_path) -> None:
    graph = reports(arrest_report("a1"), arrest_report("a2"))
    shown = to_networkx(graph)
    assert [n for n in shown.nodes if n.startswith("event/")] == ["event/a1/v0"]
    assert sorted(shown.neighbors("event/a1/v0")) == ["country/maldives", "person/roman-seleznev"]
    # in Gephi's multigraph each report keeps its role edges, told apart by their article
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    read = nx.MultiDiGraph(nx.read_graphml(path))
    assert "event/a2/v0" not in read.nodes
    edges = sorted(
        (b, d["label"], d["article"]) for _, b, d in read.out_edges("event/a1/v0", data=True)
    )
    assert edges == [
        ("country/maldives", "Place", "a1"),
        ("country/maldives", "Place", "a2"),
        ("person/roman-seleznev", "Detainee", "a1"),
        ("person/roman-seleznev", "Detainee", "a2"),
    ]


def test_two_peoples_arrests_stay_two_nodes() -> None:
    shown = to_networkx(reports(arrest_report("a1"), arrest_report("a2", "Mary Jones")))
    assert [n for n in shown.nodes if n.startswith("event/")] == ["event/a1/v0", "event/a2/v0"]
    assert shown.nodes["event/a2/v0"]["label"] == "Mary Jones arrested, Maldives"


def test_a_merged_event_takes_its_most_precise_date() -> None:
    # "arrested in December 2019" and "arrested on 2 December 2019": one arrest, that day
    graph = reports(arrest_report("a1", date="2019-12"), arrest_report("a2", date="2019-12-02"))
    assert to_networkx(graph).nodes["event/a1/v0"]["date"] == "2019-12-02"
    graph = reports(arrest_report("a1", date="2019-12-02"), arrest_report("a2", date="2019"))
    assert to_networkx(graph).nodes["event/a1/v0"]["date"] == "2019-12-02"


def test_an_event_merge_naming_no_event_is_refused() -> None:
    graph = reports(arrest_report("a1"), arrest_report("a2"))
    (merge,) = [m for m in graph.merges if m.node.startswith("event/")]
    broken = dataclasses.replace(
        graph,
        merges=tuple(
            dataclasses.replace(m, node="event/a9/v0") if m == merge else m for m in graph.merges
        ),
    )
    with pytest.raises(GraphShapeError, match="event/a9/v0"):
        to_networkx(broken)
