"""The knowledge graph as a networkx graph: the shared shape of the GraphML and HTML exports.

An undirected `networkx.Graph`: mentions and co-mentions have no direction, and each pair of
nodes carries at most one edge (an entity and an article, or two entities), so a multigraph
would add nothing. Nodes and edges are inserted in sorted order so that writers that walk
the graph emit the same bytes for the same input.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.export.colors import color_for
from kg.model import Article, KnowledgeGraph, Node

ARTICLE_PREFIX = "article/"
ARTICLE_TYPE = "Article"
MENTIONED_IN = "mentioned in"
CO_MENTIONED = "co-mentioned"


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
        "url": article.url or "",
        "color": color_for(ARTICLE_TYPE),
    }


def to_networkx(kg: KnowledgeGraph) -> nx.Graph:
    """Entity and article nodes, "mentioned in" and "co-mentioned" edges weighted by count."""
    nodes: dict[str, dict[str, str | int]] = {}
    for node in kg.nodes:
        _add_node(nodes, node.key, entity_attributes(node))
    for facts in kg.articles:
        _add_node(nodes, article_node_id(facts.article.id), article_attributes(facts.article))

    edges: list[tuple[str, str, dict[str, str | int]]] = []
    for node in kg.nodes:
        for article_id, count in Counter(m.article_id for m in node.mentions).items():
            target = article_node_id(article_id)
            if target not in nodes:
                raise GraphShapeError(
                    f"node {node.key!r} is mentioned in unknown article {article_id!r}"
                )
            edges.append((node.key, target, {"label": MENTIONED_IN, "weight": count}))
    for pair in kg.comentions:
        for end in (pair.source, pair.target):
            if end not in nodes:
                raise GraphShapeError(
                    f"co-mention {pair.source!r} - {pair.target!r} names unknown node {end!r}"
                )
        edges.append((pair.source, pair.target, {"label": CO_MENTIONED, "weight": pair.count}))

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
