"""`kg export`: every format, one contract test looped over all, then what each must hold."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export.colors import TYPE_COLORS, hex_to_rgb
from kg.export.formats import FORMATS, UnknownFormatError, export, export_format
from kg.export.nquads import graph_name
from kg.graph.rdf import graph_triples
from kg.model import KnowledgeGraph


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_writes_stable_bytes_atomically(
    name: str, tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    suffix = export_format(name).suffix
    first, second = tmp_path / "a" / f"graph{suffix}", tmp_path / "b" / f"graph{suffix}"
    account = export(tiny_graph, name, first)
    export(tiny_graph, name, second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"\n") or first.read_bytes() == b""  # no merges: empty
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temporary left
    assert re.fullmatch(r"\d+ [a-z ,0-9]+", account), account  # "12 triples", "3 nodes, 2 edges"


@pytest.mark.parametrize("name", ["jsonld", "nquads", "turtle"])
def test_rdf_formats_hold_the_graphs_triples(
    name: str, tiny_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = tmp_path / f"graph{export_format(name).suffix}"
    export(tiny_graph, name, path)
    rdf_format = {
        "jsonld": ox.RdfFormat.JSON_LD,
        "nquads": ox.RdfFormat.N_QUADS,
        "turtle": ox.RdfFormat.TURTLE,
    }[name]
    quads = list(ox.parse(path=str(path), format=rdf_format))
    assert {q.triple for q in quads} == set(graph_triples(tiny_graph))


def test_nquads_are_in_the_builds_named_graph(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.nq"
    export(tiny_graph, "nquads", path, base_iri="http://example.org/kg/")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name for q in quads} == {ox.NamedNode(graph_name("http://example.org/kg/"))}


def test_gexf_has_gephi_colours_and_time_intervals(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.gexf"
    assert export(tiny_graph, "gexf", path) == "5 nodes, 8 edges"
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'lastmodifieddate="2019-12-02"' in text
    read = nx.read_gexf(path)
    antonov = read.nodes["person/anatoly-antonov"]
    assert antonov["label"] == "Anatoly Antonov" and antonov["type"] == "Person"
    colour = antonov["viz"]["color"]
    assert (colour["r"], colour["g"], colour["b"]) == hex_to_rgb(TYPE_COLORS["Person"])
    assert (antonov["start"], antonov["end"]) == ("2019-12-02", "2019-12-02")


def test_unknown_format_lists_the_known_ones(tiny_graph, tmp_path) -> None:
    with pytest.raises(UnknownFormatError, match="turtle, ntriples, graphml, html, facts"):
        export(tiny_graph, "xlsx", tmp_path / "graph.xlsx")


def test_cli_export_refuses_an_unknown_format() -> None:
    result = CliRunner().invoke(app, ["export", "--format", "xlsx"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown export format 'xlsx'")


def test_cli_exports_the_seed(tmp_path: Path) -> None:
    target = tmp_path / "seed.gexf"
    result = CliRunner().invoke(app, ["export", "seeds", "--format", "gexf", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {target}: ")
    labels = {data["label"] for _, data in nx.read_gexf(target).nodes(data=True)}
    assert "Roman Seleznev" in labels
