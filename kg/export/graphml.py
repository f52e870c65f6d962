"""GraphML for Gephi and other graph tools, written with networkx."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from kg.atomic import atomic_write
from kg.export.colors import hex_to_rgb
from kg.export.networkx_graph import to_networkx, xml_safe
from kg.model import KnowledgeGraph


def write_graphml(kg: KnowledgeGraph, path: str | Path) -> tuple[int, int]:
    """Write `kg` as GraphML to `path`; return the (node, edge) counts written.

    Node attributes `label`, `type`, `mentions`, `start` and `end` (first and last article
    date, which Gephi's timeline reads), and the colour both as `color` (hex) and as integer
    `r`, `g`, `b`, which Gephi's importer reads. Edge attributes `label`, `relation` (the
    ontology property), `weight` (int) and `confidence` (double). networkx declares each key
    with the GraphML type of its Python values, so every key holds one type.

    >>> write_graphml(kg, "out/graph.graphml")  # doctest: +SKIP
    (5, 8)
    """
    graph = xml_safe(to_networkx(kg))
    for _, attributes in graph.nodes(data=True):
        red, green, blue = hex_to_rgb(str(attributes["color"]))
        attributes.update(r=red, g=green, b=blue)
    # write_graphml (unlike generate_graphml) adds the XML declaration, which some readers want.
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    atomic_write(path, buffer.getvalue().rstrip(b"\n") + b"\n")
    return graph.number_of_nodes(), graph.number_of_edges()
