"""GraphML for Gephi and other graph tools, written line by line from the networkx shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg.atomic import atomic_stream
from kg.export.colors import hex_to_rgb
from kg.export.networkx_graph import GraphShapeError, to_networkx, xml_clean
from kg.model import KnowledgeGraph

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
# bool before int: a bool is an int to isinstance.
_GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def write_graphml(
    kg: KnowledgeGraph, path: str | Path, *, shape: nx.Graph | None = None
) -> tuple[int, int]:
    """Write `kg` as GraphML to `path`; return the (node, edge) counts written.

    Node attributes `label`, `type`, `mentions`, `start` and `end` (first and last article
    date, which Gephi's timeline reads), and the colour both as `color` (hex) and as integer
    `r`, `g`, `b`, which Gephi's importer reads. Edge attributes `label`, `relation` (the
    ontology property), `weight` (int) and `confidence` (double). Each key holds one type.
    `shape` is `to_networkx(kg)` when the caller has it already (a build shares it with the
    HTML page).

    >>> write_graphml(kg, "out/graph.graphml")  # doctest: +SKIP
    (5, 8)
    """
    graph = to_networkx(kg) if shape is None else shape
    with atomic_stream(path) as handle:
        for chunk in graphml_lines(graph):
            handle.write(chunk.encode("utf-8"))
    return graph.number_of_nodes(), graph.number_of_edges()


def graphml_lines(graph: nx.Graph) -> Iterator[str]:
    """The GraphML document of `graph`, in pieces.

    Written by hand rather than with `networkx.write_graphml`, which builds the whole XML
    tree in memory first: ten times slower, and the largest allocation of a big build.
    """
    node_keys = _declared_keys(_with_rgb(data) for _, data in graph.nodes(data=True))
    edge_keys = _declared_keys(data for _, _, data in graph.edges(data=True))
    ids: dict[tuple[str, str], str] = {}
    yield _HEADER
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, type_name in keys.items():
            key_id = ids[(scope, name)] = f"d{len(ids)}"
            yield (
                f'  <key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} '
                f'attr.type="{type_name}" />\n'
            )
    yield '  <graph edgedefault="undirected">\n'
    for node, data in graph.nodes(data=True):
        yield f"    <node id={quoteattr(xml_clean(node))}>\n"
        yield from _data_lines(_with_rgb(data), ids, "node")
        yield "    </node>\n"
    for source, target, data in graph.edges(data=True):
        ends = f"source={quoteattr(xml_clean(source))} target={quoteattr(xml_clean(target))}"
        yield f"    <edge {ends}>\n"
        yield from _data_lines(data, ids, "edge")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def _with_rgb(data: dict) -> dict:
    # Gephi's importer reads the colour as integer r, g, b, not as the hex string.
    red, green, blue = hex_to_rgb(str(data["color"]))
    return data | {"r": red, "g": green, "b": blue}


def _declared_keys(rows: Iterator[dict]) -> dict[str, str]:
    """Attribute name -> GraphML type, names in order of first use."""
    keys: dict[str, str] = {}
    for data in rows:
        for name, value in data.items():
            type_name = next(t for python, t in _GRAPHML_TYPES if isinstance(value, python))
            if keys.setdefault(name, type_name) != type_name:
                raise GraphShapeError(
                    f"attribute {name!r} holds both {keys[name]} and {type_name} values"
                )
    return keys


def _data_lines(data: dict, ids: dict[tuple[str, str], str], scope: str) -> Iterator[str]:
    for name, value in data.items():
        if isinstance(value, bool):
            text = "true" if value else "false"
        else:
            text = escape(xml_clean(value)) if isinstance(value, str) else repr(value)
        key_id = ids[(scope, name)]
        # the empty element is how networkx writes an empty string, and reads it back as ""
        yield (
            f'      <data key="{key_id}">{text}</data>\n'
            if text
            else f'      <data key="{key_id}" />\n'
        )
