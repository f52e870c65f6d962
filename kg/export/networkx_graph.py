"""The knowledge graph as a networkx graph: the shared shape of the GraphML and HTML exports.

An undirected `networkx.Graph`: mentions and co-mentions have no direction, and each pair of
nodes carries at most one edge (an entity and an article, or two entities), so a multigraph
would add nothing. Nodes and edges are inserted in sorted order so that writers that walk
the graph emit the same bytes for the same input.
"""

from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from kg.export.colors import color_for
from kg.model import Article, KnowledgeGraph, Node

ARTICLE_PREFIX = "article/"
ARTICLE_TYPE = "Article"
MENTIONED_IN = "mentioned in"
CO_MENTIONED = "co-mentioned"
# Every edge carries label, relation (the ontology property), weight and confidence, each of
# one Python type, so that GraphML declares one attribute type per key.
Attributes = dict[str, str | int | float]


class GraphShapeError(ValueError):
    """The knowledge graph refers to a node or article that it does not contain."""


def article_node_id(article_id: str) -> str:
    """The node id of an article, kept apart from entity keys ("person/...") by its prefix."""
    return f"{ARTICLE_PREFIX}{article_id}"


def entity_attributes(node: Node) -> dict[str, str | int]:
    """The attributes of an entity node; scalars only, because GraphML has no None or lists."""
    return {
        "label": node.label,
        "type": node.type,
        "mentions": len(node.mentions),
        "aliases": " | ".join(node.aliases),
        "color": color_for(node.type),
        "wikidata": node.wikidata or "",
    }


def article_attributes(article: Article) -> dict[str, str | int]:
    """The attributes of an article node."""
    return {
        "label": article.title or article.id,
        "type": ARTICLE_TYPE,
        "date": article.date or "",
        **({"start": article.date[:10], "end": article.date[:10]} if article.date else {}),
        "url": article.url or "",
        "color": color_for(ARTICLE_TYPE),
    }


def date_span(node: Node, dates: dict[str, str]) -> dict[str, str]:
    """`start` and `end`: the dates of the first and last article naming the node, the
    attributes Gephi's timeline reads; none when no article of the node is dated."""
    known = sorted(dates[a] for a in node.article_ids if dates.get(a))
    return {"start": known[0], "end": known[-1]} if known else {}


def edge_attributes(label: str, relation: str, weight: int, confidence: float = 1.0) -> Attributes:
    """The attributes every edge has: label, ontology property, weight and confidence."""
    return {"label": label, "relation": relation, "weight": weight, "confidence": confidence}


def to_networkx(kg: KnowledgeGraph) -> nx.Graph:
    """Entity and article nodes, "mentioned in" and "co-mentioned" edges weighted by count."""
    nodes: dict[str, dict[str, str | int]] = {}
    dates = {f.article.id: (f.article.date or "")[:10] for f in kg.articles}
    for node in kg.nodes:
        _add_node(nodes, node.key, entity_attributes(node) | date_span(node, dates))
    for facts in kg.articles:
        _add_node(nodes, article_node_id(facts.article.id), article_attributes(facts.article))

    edges: list[tuple[str, str, Attributes]] = []
    for node in kg.nodes:
        for article_id, count in Counter(m.article_id for m in node.mentions).items():
            target = article_node_id(article_id)
            if target not in nodes:
                raise GraphShapeError(
                    f"node {node.key!r} is mentioned in unknown article {article_id!r}"
                )
            edges.append((node.key, target, edge_attributes(MENTIONED_IN, "mentionedIn", count)))
    for pair in kg.comentions:
        for end in (pair.source, pair.target):
            if end not in nodes:
                raise GraphShapeError(
                    f"co-mention {pair.source!r} - {pair.target!r} names unknown node {end!r}"
                )
        edges.append(
            (pair.source, pair.target, edge_attributes(CO_MENTIONED, "coMentionedWith", pair.count))
        )

    add_relations_and_events(kg, nodes, edges)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes.items()))
    graph.add_edges_from(sorted(edges, key=lambda edge: (edge[0], edge[1])))
    return graph


def _add_node(
    nodes: dict[str, dict[str, str | int]], node_id: str, attributes: dict[str, str | int]
) -> None:
    if node_id in nodes:
        raise GraphShapeError(f"two nodes share the id {node_id!r}")
    nodes[node_id] = attributes


EVENT_PREFIX = "event/"
EVENT_TYPE = "Event"


def add_relations_and_events(
    kg: KnowledgeGraph, nodes: dict[str, dict[str, str | int]], edges: list
) -> None:
    """Typed relation edges between entities, and event nodes linked to their arguments.

    The graph is undirected and holds one edge per pair, so a relation between two entities
    already joined by a co-mention edge is written on that edge, as `facts` ("citizenOf
    person/roman-seleznev -> country/russia"); a pair with no edge yet gets a typed edge
    labelled by the relation, stored from the smaller key to the larger with its direction
    in `source` (the subject's key).
    """
    from kg.model import LITERAL_RELATIONS

    by_pair = {frozenset(edge[:2]): edge[2] for edge in edges}
    stated: dict[frozenset, set[str]] = {}
    for facts in kg.articles:
        article_id = facts.article.id
        keys = {e.id: kg.entity_keys.get((article_id, e.id)) for e in facts.entities}
        for relation in facts.relations:
            if relation.type in LITERAL_RELATIONS:
                continue  # a role literal is not a node; it is the subject's attribute
            source, target = keys.get(relation.subject), keys.get(relation.object)
            if source not in nodes or target not in nodes:
                raise GraphShapeError(f"relation {relation.type} of {article_id!r} names no node")
            pair = frozenset((source, target))
            stated.setdefault(pair, set()).add(f"{relation.type} {source} -> {target}")
            if pair not in by_pair:
                attributes = edge_attributes(relation.type, relation.type, 1, relation.confidence)
                by_pair[pair] = attributes | {"source": source}
                edges.append((min(source, target), max(source, target), by_pair[pair]))
        for event in facts.events:
            node_id = f"{EVENT_PREFIX}{article_id}/{event.id}"
            label = event.type + (f" ({event.date})" if event.date else "")
            _add_node(
                nodes,
                node_id,
                {
                    "label": label,
                    "type": EVENT_TYPE,
                    "date": event.date or "",
                    "color": color_for(EVENT_TYPE),
                },
            )
            for argument in event.arguments:
                key = keys.get(argument.entity) if argument.entity else None
                if key in nodes:
                    role = argument.role[0].lower() + argument.role[1:]
                    edges.append((node_id, key, edge_attributes(argument.role, role, 1)))
    for pair, lines in stated.items():
        by_pair[pair]["facts"] = "; ".join(sorted(lines))


# Characters XML 1.0 cannot hold even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_clean(value: object) -> object:
    """A string fit for XML (GraphML, GEXF); other values as they are.

    A control character from an article ("\\x01" in a title) would make the file unreadable;
    each becomes U+FFFD.
    """
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def xml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph with every string (ids and attributes) passed through `xml_clean`."""
    clean = xml_clean
    safe = nx.Graph(**graph.graph)
    safe.add_nodes_from(
        (clean(n), {k: clean(v) for k, v in data.items()}) for n, data in graph.nodes(data=True)
    )
    safe.add_edges_from(
        (clean(a), clean(b), {k: clean(v) for k, v in data.items()})
        for a, b, data in graph.edges(data=True)
    )
    return safe
