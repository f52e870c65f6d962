"""GraphML for Gephi and other graph tools, written line by line after the layout."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

import networkx as nx

from kg.export.atomic import atomic_stream
from kg.export.colors import hex_to_rgb
from kg.export.networkx_graph import (
    Attributes,
    GraphShapeError,
    gephi_edges,
    graph_nodes,
    xml_clean,
)
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


# Every attribute a node or an edge can carry (kg.export.networkx_graph), with its GraphML
# type: declared before the first node, so that the nodes can stream. Each key's id is its
# name: Gephi's importer (ImporterGraphML.java) matches a key by id before attr.name, and
# takes ids "d3" (node) and "d7" (edge) for labels, yEd's defaults; networkx's numbered ids
# made Gephi label entities by their aliases. It reads x, y, size, r, g, b and weight too.
NODE_KEYS = {
    "label": "string",
    "type": "string",
    "mentions": "long",
    "aliases": "string",
    "color": "string",
    "wikidata": "string",
    "start": "string",
    "end": "string",
    "date": "string",
    "url": "string",
    "event_type": "string",
    "factuality": "string",
    "r": "long",
    "g": "long",
    "b": "long",
    "x": "double",
    "y": "double",
    "size": "double",
}
EDGE_KEYS = {
    "label": "string",
    "relation": "string",
    "weight": "long",
    "confidence": "double",
    "evidence": "string",
    "article": "string",
}
# Key ids are document-wide XML ids, so the edge label cannot be "label" as the node's is;
# "edgelabel" is the id Gephi's importer maps to the edge label.
_EDGE_KEY_IDS = {"label": "edgelabel"}
_PYTHON_TYPES = {"string": str, "long": int, "double": float}
# Nodes (entities, events, articles) up to which the file carries the page's layout.
LAYOUT_MAX_NODES = 20_000


def write_graphml(
    kg: KnowledgeGraph, path: str | Path, text_of: Callable[[str], str] | None = None
) -> tuple[int, int]:
    """Write `kg` as GraphML to `path`; return the (node, edge) counts written.

    A directed multigraph (kg.export.networkx_graph.gephi_edges): "mentioned in" and
    co-mention edges with their `weight`, every typed relation an edge of its own with
    `relation`, `confidence`, `evidence` and `article`, and event role edges. Nodes carry
    `label`, `type`, `mentions`, `start` and `end` (first and last article date, which
    Gephi's timeline reads), the colour both as `color` (hex) and as integer `r`, `g`, `b`,
    and `x`, `y`, `size` from the HTML page's layout, so Gephi opens the same picture (up
    to LAYOUT_MAX_NODES nodes; a larger graph is left to Gephi's own layouts).

    Written by hand, line by line: networkx's writer builds the whole XML tree as well.

    >>> write_graphml(kg, "out/graph.graphml")  # doctest: +SKIP
    (5, 8)
    """
    counts = [0, 0]
    with atomic_stream(path) as handle:
        # Written a few thousand lines at a time: a write and an encoding per line cost more
        # than making the lines.
        pieces = _graphml_pieces(kg, counts, text_of)
        while batch := list(islice(pieces, _BATCH_LINES)):
            handle.write("".join(batch).encode("utf-8"))
    return counts[0], counts[1]


def _graphml_pieces(
    kg: KnowledgeGraph, counts: list[int], text_of: Callable[[str], str] | None
) -> Iterator[str]:
    yield _HEADER
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, type_name in keys.items():
            key_id = name if scope == "node" else _EDGE_KEY_IDS.get(name, name)
            yield (
                f'  <key id="{key_id}" for="{scope}" attr.name="{name}" '
                f'attr.type="{type_name}" />\n'
            )
    yield '  <graph edgedefault="directed">\n'
    # One reading of the articles for the nodes and one for the edges. The layout needs
    # every edge before the first node is written, so up to LAYOUT_MAX_NODES the edges are
    # held; past that they stream and Gephi lays the graph out itself (holding the edges of
    # 21,000 articles, evidence sentences and all, took 175 MiB more than the whole build).
    nodes = list(graph_nodes(kg))
    edges: Iterable[tuple[str, str, Attributes]] = gephi_edges(kg, text_of)
    places: dict[str, dict[str, float]] = {}
    if len(nodes) <= LAYOUT_MAX_NODES:
        edges = list(edges)
        places = gephi_layout(nodes, edges)
    quoted: dict[str, str] = {}  # node id -> its XML attribute value (edges repeat them)

    def attribute(node: str) -> str:
        value = quoted.get(node)
        if value is None:
            value = quoted[node] = quoteattr(xml_clean(node))
        return value

    for node, data in nodes:
        counts[0] += 1
        yield f"    <node id={attribute(node)}>\n"
        yield from _data_lines(_with_rgb(data) | places.get(node, {}), _NODE_FIELDS, "node")
        yield "    </node>\n"
    for source, target, data in edges:
        # an id per edge: parallel edges (a relation beside a co-mention) stay apart
        ends = f"source={attribute(source)} target={attribute(target)}"
        yield f'    <edge id="e{counts[1]}" {ends}>\n'
        counts[1] += 1
        yield from _data_lines(data, _EDGE_FIELDS, "edge")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def gephi_layout(
    nodes: list[tuple[str, dict[str, str | int]]], edges: list[tuple[str, str, Attributes]]
) -> dict[str, dict[str, float]]:
    """`x`, `y` and `size` of every node: the positions of the HTML page's layout
    (kg.export.html.layout, fixed seeds) and its dot size, so Gephi shows the same picture.

    The layout runs on the graph `to_networkx` makes, one undirected edge per pair inserted
    in the same order (relations stored from the smaller key, as there), rebuilt from the
    nodes and edges already read rather than by reading the articles twice more.
    y is negated: the page's y grows downwards, Gephi's upwards.
    """
    from kg.export.html import layout, node_radius

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    pairs = {(min(a, b), max(a, b)) if "evidence" in data else (a, b) for a, b, data in edges}
    graph.add_edges_from(sorted(pairs))
    return {
        node: {
            "x": float(x),
            "y": float(-y),
            "size": float(node_radius(graph.nodes[node])),
        }
        for node, (x, y) in layout(graph).items()
    }


def _with_rgb(data: dict) -> dict:
    # Gephi's importer reads the colour as integer r, g, b, not as the hex string.
    red, green, blue = hex_to_rgb(str(data["color"]))
    return data | {"r": red, "g": green, "b": blue}


def _fields(keys: dict[str, str], ids: dict[str, str]) -> dict[str, tuple[type, str, str]]:
    """Per attribute: its Python type, the opening of its data line and its line when empty
    (the empty element is how networkx writes an empty string, and reads it back as "")."""
    return {
        name: (
            _PYTHON_TYPES[type_name],
            f'      <data key="{ids.get(name, name)}">',
            f'      <data key="{ids.get(name, name)}" />\n',
        )
        for name, type_name in keys.items()
    }


_NODE_FIELDS = _fields(NODE_KEYS, {})
_EDGE_FIELDS = _fields(EDGE_KEYS, _EDGE_KEY_IDS)
_BATCH_LINES = 4096


def _data_lines(data: dict, fields: dict[str, tuple[type, str, str]], scope: str) -> list[str]:
    lines = []
    for name, value in data.items():
        field = fields.get(name)
        if field is None or type(value) is not field[0]:
            raise GraphShapeError(f"{scope} attribute {name}={value!r} is not declared so")
        if type(value) is str:
            # xml.sax.saxutils.escape, inline: it ran for every value
            text = str(xml_clean(value))
            text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
        else:
            text = repr(value)
        lines.append(f"{field[1]}{text}</data>\n" if text else field[2])
    return lines


def write(built: BuiltGraph, path: Path) -> str:
    """The `graphml` format (kg.export.formats)."""
    nodes, edges = write_graphml(built.graph, path, built.text_of)
    return f"{nodes} nodes, {edges} edges"
