"""An interactive HTML page of the entity graph (pyvis / vis-network) that works offline.

The page shows entity nodes joined by co-mention edges; articles appear in each node's
tooltip rather than as nodes, which keeps a large corpus readable. pyvis's `in_line` mode
inlines its bundled vis-network, but its template still links Bootstrap from a CDN: those
tags are removed (the page does not need them), and the page is checked to hold no remote
`src`/`href` before it is written.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from pyvis.network import Network

from kg.atomic import atomic_write
from kg.export.colors import color_for, type_order
from kg.model import ArticleFacts, KnowledgeGraph, Node

PAGE_TITLE = "newskg graph"
MAX_TOOLTIP_ARTICLES = 10
MAX_EVIDENCE_CHARS = 300

# Fixed seed and a bounded stabilisation: the same page lays out the same way on every load.
VIS_OPTIONS: dict = {
    "layout": {"randomSeed": 42, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
        "stabilization": {"enabled": True, "iterations": 400, "fit": True},
    },
    "interaction": {"hover": True, "tooltipDelay": 150},
    "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 14}},
    "edges": {"color": {"color": "#b0b0b0", "inherit": False}, "smooth": False},
}

# pyvis template tags that fetch from the network: `<link href="https://...">` and
# `<script src="https://..."></script>`, attributes possibly spread over several lines.
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I
)
_ANY_REMOTE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I
)
_NETWORK_CALL = "network = new vis.Network(container, data, options);"

# vis-network 9 shows a string `title` with innerText, so an HTML tooltip must be an Element.
# Tooltips travel as escaped HTML in `tooltip`; this turns each into a `title` Element.
_TOOLTIP_SCRIPT = """// newskg: tooltips are escaped HTML; an Element makes vis-network render them.
                  nodes.update(nodes.get({filter: function (n) {
                      return typeof n.tooltip === "string";
                  }}).map(function (n) {
                      var box = document.createElement("div");
                      box.innerHTML = n.tooltip;
                      return {id: n.id, title: box};
                  }));
                  """

_LEGEND_STYLE = """<style>
#kg-legend { position: fixed; top: 12px; right: 12px; z-index: 10; background: #ffffffe6;
  border: 1px solid #ccc; border-radius: 4px; padding: 8px 12px; font: 13px sans-serif; }
#kg-legend ul { list-style: none; margin: 4px 0 0; padding: 0; }
#kg-legend li { margin: 2px 0; }
.kg-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  margin-right: 6px; vertical-align: middle; }
.vis-tooltip ul { margin: 2px 0; padding-left: 18px; }
</style>
"""


class HtmlExportError(ValueError):
    """The HTML page cannot be built as asked (bad option, or pyvis's template changed)."""


def write_html(kg: KnowledgeGraph, path: str | Path, *, max_nodes: int | None = None) -> int:
    """Write an offline interactive page of `kg` to `path`; return the number of nodes drawn.

    With `max_nodes`, only the most-mentioned entities are drawn (ties broken by key).

    >>> write_html(kg, "out/graph.html", max_nodes=500)  # doctest: +SKIP
    4
    """
    page, drawn = render_html(kg, max_nodes=max_nodes)
    atomic_write(path, page)
    return drawn


def render_html(kg: KnowledgeGraph, *, max_nodes: int | None = None) -> tuple[str, int]:
    """The page as a string, and the number of nodes drawn in it."""
    nodes = select_nodes(kg, max_nodes)
    keys = {node.key for node in nodes}
    articles = {facts.article.id: facts for facts in kg.articles}

    network = Network(height="100vh", width="100%", cdn_resources="in_line")
    network.options = VIS_OPTIONS
    for node in nodes:
        network.add_node(
            node.key,
            label=node.label,
            color=color_for(node.type),
            size=node_size(len(node.mentions)),
            tooltip=tooltip_html(node, articles),
        )
    # Appended directly: pyvis's add_edge scans every edge so far, quadratic on big graphs,
    # and co-mentions are already one per pair.
    for pair in sorted(kg.comentions, key=lambda p: (p.source, p.target)):
        if pair.source in keys and pair.target in keys:
            network.edges.append(
                {
                    "from": pair.source,
                    "to": pair.target,
                    "value": pair.count,
                    "title": f"co-mentioned in {pair.count} sentence(s)",
                }
            )
    page = network.generate_html()
    types = sorted({node.type for node in nodes}, key=type_order)
    return make_offline(page, legend_html(types)), len(nodes)


def select_nodes(kg: KnowledgeGraph, max_nodes: int | None) -> list[Node]:
    """The entity nodes to draw, most-mentioned first, ties by key."""
    if max_nodes is not None and max_nodes < 0:
        raise HtmlExportError(f"max_nodes must be 0 or more, got {max_nodes}")
    ranked = sorted(kg.nodes, key=lambda node: (-len(node.mentions), node.key))
    return ranked if max_nodes is None else ranked[:max_nodes]


def node_size(mentions: int) -> float:
    """Dot radius: grows with the mention count, by its square root so hubs do not swamp."""
    return round(10 + 4 * math.sqrt(mentions), 2)


def tooltip_html(node: Node, articles: dict[str, ArticleFacts]) -> str:
    """Type, aliases, mention count, the first mention's sentence and the article titles.

    Every piece taken from the input is escaped, so text such as `<script>` stays text.
    """
    parts = [f"<b>{html.escape(node.label)}</b> ({html.escape(node.type)})"]
    if node.aliases:
        parts.append("also: " + html.escape(", ".join(node.aliases)))
    parts.append(f"mentions: {len(node.mentions)}")
    if node.mentions:
        first = node.mentions[0]
        if first.article_id in articles:
            sentence = articles[first.article_id].sentence_text(first.mention.sentence)
            parts.append("<i>" + html.escape(_shorten(" ".join(sentence.split()))) + "</i>")
    titles = [
        articles[aid].article.title or aid if aid in articles else aid for aid in node.article_ids
    ]
    items = "".join(f"<li>{html.escape(t)}</li>" for t in titles[:MAX_TOOLTIP_ARTICLES])
    more = len(titles) - MAX_TOOLTIP_ARTICLES
    if more > 0:
        items += f"<li>and {more} more</li>"
    parts.append(f"articles:<ul>{items}</ul>")
    return "<br>".join(parts)


def legend_html(types: list[str]) -> str:
    """A small fixed box listing each drawn type with its colour."""
    rows = "".join(
        f'<li><span class="kg-swatch" style="background:{color_for(t)}"></span>'
        f"{html.escape(t)}</li>"
        for t in types
    )
    return f'<div id="kg-legend"><b>Types</b><ul>{rows}</ul></div>\n'


def make_offline(page: str, legend: str) -> str:
    """Strip pyvis's CDN tags, add title, legend and tooltip script; refuse a remote fetch."""
    page = _REMOTE_SCRIPT.sub("", _REMOTE_LINK.sub("", page))
    for anchor in ("</head>", "<body>", _NETWORK_CALL):
        if page.count(anchor) != 1:
            raise HtmlExportError(
                f"pyvis page has {page.count(anchor)} of {anchor!r}, not 1; its template changed"
            )
    page = page.replace(
        "</head>", f"<title>{html.escape(PAGE_TITLE)}</title>\n{_LEGEND_STYLE}</head>"
    )
    page = page.replace("<body>", "<body>\n" + legend)
    page = page.replace(_NETWORK_CALL, _TOOLTIP_SCRIPT + _NETWORK_CALL)
    remote = _ANY_REMOTE.search(page)
    if remote:
        raise HtmlExportError(f"page still loads from the network: {remote.group(0)!r}")
    return page


def _shorten(text: str) -> str:
    if len(text) <= MAX_EVIDENCE_CHARS:
        return text
    return text[: MAX_EVIDENCE_CHARS - 1].rstrip() + "\u2026"
