"""GEXF for Gephi, written with networkx: colours, positions and sizes in Gephi's `viz`
namespace, and each node's first and last article date as its time interval, so the
timeline works."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.export.atomic import atomic_write
from kg.export.colors import hex_to_rgb
from kg.export.graphml import gephi_layout
from kg.export.networkx_graph import gephi_edges, graph_nodes, xml_clean
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

# networkx stamps today's date into <meta>; the newest article date keeps the bytes stable.
_LAST_MODIFIED = re.compile(rb'lastmodifieddate="[^"]*"')


def write_gexf(
    kg: KnowledgeGraph, path: str | Path, text_of: Callable[[str], str] | None = None
) -> tuple[int, int]:
    """Write `kg` as GEXF 1.2 to `path`; return the (node, edge) counts written.

    The content of the GraphML file (kg.export.graphml): a directed multigraph where each
    typed relation is an edge of its own, nodes placed by the HTML page's layout.
    """
    graph = gephi_graph(kg, text_of)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    dates = sorted(f.article.date[:10] for f in kg.articles if f.article.date)
    stamp = f'lastmodifieddate="{dates[-1] if dates else "1970-01-01"}"'.encode()
    atomic_write(path, _LAST_MODIFIED.sub(stamp, buffer.getvalue()).rstrip(b"\n") + b"\n")
    return graph.number_of_nodes(), graph.number_of_edges()


def gephi_graph(kg: KnowledgeGraph, text_of: Callable[[str], str] | None = None) -> nx.MultiDiGraph:
    """The graph GEXF holds, strings made fit for XML: nodes with Gephi's `viz` colour,
    position and size, and `start`/`end`, which networkx writes as the node's interval."""
    clean = xml_clean
    nodes = list(graph_nodes(kg))
    edges = list(gephi_edges(kg, text_of))
    places = gephi_layout(nodes, edges)
    graph = nx.MultiDiGraph(mode="dynamic")  # nodes carry start/end: Gephi's timeline
    for node, data in nodes:
        red, green, blue = hex_to_rgb(str(data["color"]))
        place = places[node]
        viz = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "size": place["size"],
            "position": {"x": place["x"], "y": place["y"], "z": 0.0},
        }
        graph.add_node(clean(node), **{k: clean(v) for k, v in data.items()}, viz=viz)
    for source, target, data in edges:
        graph.add_edge(clean(source), clean(target), **{k: clean(v) for k, v in data.items()})
    return graph


def write(built: BuiltGraph, path: Path) -> str:
    """The `gexf` format (kg.export.formats)."""
    nodes, edges = write_gexf(built.graph, path, built.text_of)
    return f"{nodes} nodes, {edges} edges"
