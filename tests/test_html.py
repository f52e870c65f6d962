"""The offline HTML page: no network fetch, escaped text, a legend, deterministic bytes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.export.colors import TYPE_COLORS
from kg.export.html import HtmlExportError, write_html
from kg.model import KnowledgeGraph

REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?https?://", re.I)
NODES_DATA = re.compile(r"nodes = new vis\.DataSet\((\[.*?\])\);")
EDGES_DATA = re.compile(r"edges = new vis\.DataSet\((\[.*?\])\);")
TITLE = "<script>alert(1)</script>"


def page_of(kg: KnowledgeGraph, tmp_path: Path, **options) -> str:
    path = tmp_path / "graph.html"
    write_html(kg, path, **options)
    return path.read_text(encoding="utf-8")


def nodes_in(page: str) -> dict[str, dict]:
    """The node records the page hands to vis-network, by id."""
    match = NODES_DATA.search(page)
    assert match, "no node data in the page"
    return {node["id"]: node for node in json.loads(match.group(1))}


def test_page_fetches_nothing_from_the_network(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert REMOTE.search(page) is None
    assert "cdn.jsdelivr.net" not in page and "cdnjs.cloudflare.com" not in page


def test_page_inlines_vis_network(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert "new vis.Network(" in page
    # the library itself (its UMD wrapper) and its stylesheet, not just the call
    assert ".vis=t.vis||{}" in page
    assert ".vis-network" in page


def test_page_draws_every_entity_with_its_label(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.html"
    assert write_html(tiny_graph, path) == 4
    nodes = nodes_in(path.read_text(encoding="utf-8"))
    labels = sorted(node["label"] for node in nodes.values())
    assert labels == ["Anatoly Antonov", "Roman Seleznev", "Russia", "United States"]
    assert nodes["person/anatoly-antonov"]["color"] == TYPE_COLORS["Person"]
    # two mentions draw a bigger dot than one
    assert nodes["person/anatoly-antonov"]["size"] > nodes["person/roman-seleznev"]["size"]


def test_legend_lists_the_drawn_types(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    legend = re.search(r'<div id="kg-legend">(.*?)</div>', page, re.S)
    assert legend
    entries = re.findall(r"background:(#[0-9A-Fa-f]{6})\"></span>(\w+)</li>", legend.group(1))
    assert entries == [
        (TYPE_COLORS["Person"], "Person"),
        (TYPE_COLORS["Country"], "Country"),
    ]


def test_article_title_is_escaped_everywhere(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert TITLE not in page
    assert "<script>alert" not in page
    tooltip = nodes_in(page)["person/roman-seleznev"]["tooltip"]
    assert "<li>Envoy &amp; &quot;friends&quot; &lt;script&gt;alert(1)&lt;/script&gt;</li>" in (
        tooltip
    )


def test_tooltip_has_type_aliases_and_evidence(tiny_graph, tmp_path) -> None:
    tooltip = nodes_in(page_of(tiny_graph, tmp_path))["person/anatoly-antonov"]["tooltip"]
    assert "<b>Anatoly Antonov</b> (Person)" in tooltip
    assert "also: Antonov" in tooltip
    # the first mention's sentence, with its markup-looking text escaped
    assert (
        "<i>Russian Ambassador Anatoly Antonov wrote to &lt;b&gt;&quot;rights groups&quot;"
        "&lt;/b&gt;.</i>"
    ) in tooltip


def test_max_nodes_keeps_the_most_mentioned(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.html"
    assert write_html(tiny_graph, path, max_nodes=2) == 2
    page = path.read_text(encoding="utf-8")
    # Antonov has two mentions; the one-mention tie goes to the first key
    assert sorted(nodes_in(page)) == ["country/russia", "person/anatoly-antonov"]
    edges = json.loads(EDGES_DATA.search(page).group(1))
    assert [(e["from"], e["to"]) for e in edges] == [("country/russia", "person/anatoly-antonov")]


def test_negative_max_nodes_is_refused(tiny_graph, tmp_path) -> None:
    with pytest.raises(HtmlExportError, match="max_nodes"):
        write_html(tiny_graph, tmp_path / "graph.html", max_nodes=-1)


def test_page_is_byte_identical_across_writes(tiny_graph, tmp_path) -> None:
    first, second = tmp_path / "one.html", tmp_path / "two.html"
    write_html(tiny_graph, first)
    write_html(tiny_graph, second)
    assert first.read_bytes() == second.read_bytes()
    assert '"randomSeed": 42' in first.read_text(encoding="utf-8")


def test_inline_scripts_parse(tiny_graph, tmp_path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; cannot syntax-check the page's scripts")
    page = page_of(tiny_graph, tmp_path)
    scripts = re.findall(
        r"<script>(.*?)</script>|<script type=\"text/javascript\">(.*?)</script>", page, re.S
    )
    bodies = [a or b for a, b in scripts]
    assert len(bodies) >= 3  # helpers, vis-network, the drawing code
    for index, body in enumerate(bodies):
        script = tmp_path / f"script{index}.js"
        script.write_text(body, encoding="utf-8")
        result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_page_draws_in_a_browser_without_network(tiny_graph, tmp_path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed; cannot load the page headless")
    path = tmp_path / "graph.html"
    write_html(tiny_graph, path)
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            # every host lookup fails, so any remote fetch would break the page
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=5000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "vis-network" in result.stdout and "<canvas" in result.stdout
