"""GEXF for Gephi, written with networkx: colours and sizes in Gephi's `viz` namespace, and
each node's first and last article date as its time interval, so the timeline works."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.export.atomic import atomic_write
from kg.export.colors import hex_to_rgb
from kg.export.networkx_graph import to_networkx, xml_safe
from kg.model import KnowledgeGraph

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

# networkx stamps today's date into <meta>; the newest article date keeps the bytes stable.
_LAST_MODIFIED = re.compile(rb'lastmodifieddate="[^"]*"')


def write_gexf(kg: KnowledgeGraph, path: str | Path) -> tuple[int, int]:
    """Write `kg` as GEXF 1.2 to `path`; return the (node, edge) counts written."""
    graph = xml_safe(to_networkx(kg))
    graph.graph["mode"] = "dynamic"  # nodes carry start/end: Gephi's timeline reads them
    for _, attributes in graph.nodes(data=True):
        red, green, blue = hex_to_rgb(str(attributes["color"]))
        size = 5.0 + float(attributes.get("mentions", 1)) ** 0.5
        attributes["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": size}
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    dates = sorted(f.article.date[:10] for f in kg.articles if f.article.date)
    stamp = f'lastmodifieddate="{dates[-1] if dates else "1970-01-01"}"'.encode()
    atomic_write(path, _LAST_MODIFIED.sub(stamp, buffer.getvalue()).rstrip(b"\n") + b"\n")
    return graph.number_of_nodes(), graph.number_of_edges()


def write(built: BuiltGraph, path: Path) -> str:
    """The `gexf` format (kg.export.formats)."""
    nodes, edges = write_gexf(built.graph, path)
    return f"{nodes} nodes, {edges} edges"
