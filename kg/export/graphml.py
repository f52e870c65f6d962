"""GraphML for Gephi and other graph tools, written line by line as the graph is walked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from kg.export.atomic import atomic_stream
from kg.export.colors import hex_to_rgb
from kg.export.networkx_graph import GraphShapeError, graph_edges, graph_nodes, xml_clean
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
# type: declared before the first node, so that the nodes can stream.
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
    "r": "long",
    "g": "long",
    "b": "long",
}
EDGE_KEYS = {
    "label": "string",
    "relation": "string",
    "weight": "long",
    "confidence": "double",
    "source": "string",
    "facts": "string",
}
_PYTHON_TYPES = {"string": str, "long": int, "double": float}


def write_graphml(kg: KnowledgeGraph, path: str | Path) -> tuple[int, int]:
    """Write `kg` as GraphML to `path`; return the (node, edge) counts written.

    Node attributes `label`, `type`, `mentions`, `start` and `end` (first and last article
    date, which Gephi's timeline reads), and the colour both as `color` (hex) and as integer
    `r`, `g`, `b`, which Gephi's importer reads. Edge attributes `label`, `relation` (the
    ontology property), `weight` (int) and `confidence` (double). Each key holds one type.

    Written by hand as nodes and edges come (`graph_nodes`, `graph_edges`): networkx's
    writer wants the whole graph in memory, and then builds the whole XML tree too.

    >>> write_graphml(kg, "out/graph.graphml")  # doctest: +SKIP
    (5, 8)
    """
    counts = [0, 0]
    with atomic_stream(path) as handle:
        for piece in _graphml_pieces(kg, counts):
            handle.write(piece.encode("utf-8"))
    return counts[0], counts[1]


def _graphml_pieces(kg: KnowledgeGraph, counts: list[int]) -> Iterator[str]:
    ids = {}
    yield _HEADER
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, type_name in keys.items():
            key_id = ids[(scope, name)] = f"d{len(ids)}"
            yield (
                f'  <key id="{key_id}" for="{scope}" attr.name="{name}" '
                f'attr.type="{type_name}" />\n'
            )
    yield '  <graph edgedefault="undirected">\n'
    for node, data in graph_nodes(kg):
        counts[0] += 1
        yield f"    <node id={quoteattr(xml_clean(node))}>\n"
        yield from _data_lines(_with_rgb(data), ids, "node", NODE_KEYS)
        yield "    </node>\n"
    for source, target, data in graph_edges(kg):
        counts[1] += 1
        ends = f"source={quoteattr(xml_clean(source))} target={quoteattr(xml_clean(target))}"
        yield f"    <edge {ends}>\n"
        yield from _data_lines(data, ids, "edge", EDGE_KEYS)
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def _with_rgb(data: dict) -> dict:
    # Gephi's importer reads the colour as integer r, g, b, not as the hex string.
    red, green, blue = hex_to_rgb(str(data["color"]))
    return data | {"r": red, "g": green, "b": blue}


def _data_lines(
    data: dict, ids: dict[tuple[str, str], str], scope: str, declared: dict[str, str]
) -> Iterator[str]:
    for name, value in data.items():
        type_name = declared.get(name)
        if type_name is None or type(value) is not _PYTHON_TYPES[type_name]:
            raise GraphShapeError(f"{scope} attribute {name}={value!r} is not declared so")
        text = escape(xml_clean(value)) if isinstance(value, str) else repr(value)
        key_id = ids[(scope, name)]
        # the empty element is how networkx writes an empty string, and reads it back as ""
        yield (
            f'      <data key="{key_id}">{text}</data>\n'
            if text
            else f'      <data key="{key_id}" />\n'
        )


def write(built: BuiltGraph, path: Path) -> str:
    """The `graphml` format (kg.export.formats)."""
    nodes, edges = write_graphml(built.graph, path)
    return f"{nodes} nodes, {edges} edges"
