"""Spooled rows, chunked Turtle and the on-disk Oxigraph store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export.rdf_stream import RowSpool, StoreError, load_store, open_store
from kg.export.turtle import RdfWriteError, turtle_bytes, write_rdf
from kg.graph.rdf import graph_rows, graph_triples, node_rows
from kg.model import KnowledgeGraph
from kg.pipeline.spool import article_rows


# 0 and 3: rows go to the SQLite file, as they do for a large corpus; 10**6: all in memory.
@pytest.mark.parametrize("memory_rows", [0, 3, 10**6])
def test_spool_sorts_and_dedupes_like_graph_rows(
    tiny_graph: KnowledgeGraph, tmp_path, memory_rows
) -> None:
    rows = graph_rows(tiny_graph)
    spool = RowSpool(tmp_path / "rows.sqlite", memory_rows=memory_rows)
    spool.add(reversed(rows))
    spool.add(rows[:5])
    assert list(spool.sorted()) == rows
    assert len(spool) == len(rows)
    spool.close()


@pytest.mark.parametrize("memory_rows", [0, 1, 10**6])
def test_spool_renames_subjects_and_objects_not_literals(tmp_path, memory_rows) -> None:
    spool = RowSpool(tmp_path / "rows.sqlite", memory_rows=memory_rows)
    spool.add([("m1", "1", "mentionOf", "n:old", ""), ("n:old", "0", "type", "Person", "")])
    spool.add([("n:old", "1", "label", "n:old", "string"), ("n:new", "0", "type", "Person", "")])
    spool.rename({"n:old": "n:new"})
    assert list(spool.sorted()) == [
        ("m1", "1", "mentionOf", "n:new", ""),
        ("n:new", "0", "type", "Person", ""),  # two rows became one
        ("n:new", "1", "label", "n:old", "string"),
    ]
    spool.close()


# 0: the rows went to the SQLite file; 10**6: they were held, and are dumped beside it.
@pytest.mark.parametrize("memory_rows", [0, 10**6])
def test_a_finished_spool_file_holds_every_row(
    tiny_graph: KnowledgeGraph, tmp_path, memory_rows
) -> None:
    rows = graph_rows(tiny_graph)
    spool = RowSpool(tmp_path / "rows.sqlite", memory_rows=memory_rows)
    spool.add(reversed(rows))
    spool.add(rows[:3])
    spool.commit()  # what another process reads (kg.export.rdf_stream.write_rdf_from)
    spool.close()
    assert list(RowSpool(tmp_path / "rows.sqlite").sorted()) == rows


@pytest.mark.parametrize("chunk", [1, 3, 100_000])
def test_chunked_turtle_equals_one_serialisation(tiny_graph, tmp_path, monkeypatch, chunk):
    monkeypatch.setattr("kg.export.turtle._CHUNK_ROWS", chunk)
    count = write_rdf(graph_rows(tiny_graph), tmp_path / "g.ttl", tmp_path / "g.nt")
    triples = graph_triples(tiny_graph)
    assert count == len(triples)
    assert (tmp_path / "g.ttl").read_bytes() == turtle_bytes(triples)
    parsed = ox.parse(path=str(tmp_path / "g.nt"), format=ox.RdfFormat.N_TRIPLES)
    assert {quad.triple for quad in parsed} == set(triples)


def test_article_rows_and_corpus_rows_make_the_whole_graph(tiny_graph) -> None:
    (facts,) = tiny_graph.articles
    split = set(article_rows(facts)) | set(node_rows(tiny_graph))
    assert split == set(graph_rows(tiny_graph))
    assert not set(article_rows(facts)) & set(node_rows(tiny_graph))


def test_store_is_loaded_replaced_and_queried(tiny_graph, tmp_path) -> None:
    write_rdf(graph_rows(tiny_graph), tmp_path / "g.ttl", tmp_path / "g.nt")
    store_dir = tmp_path / "graph.oxigraph"
    assert load_store(tmp_path / "g.nt", store_dir) == len(graph_rows(tiny_graph))
    # A second load replaces the store rather than adding to it.
    assert load_store(tmp_path / "g.nt", store_dir) == len(graph_rows(tiny_graph))
    store = open_store(store_dir)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/newskg/ontology#Person> }"
    assert int(next(iter(store.query(query)))["n"].value) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nt", "g.ttl", "graph.oxigraph"]


def test_opening_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build --store"):
        open_store(tmp_path / "nothing")


@pytest.mark.parametrize("with_ntriples", [False, True])
def test_a_row_that_is_not_rdf_fails_clearly_and_writes_nothing(tmp_path, with_ntriples) -> None:
    rows = [("http://x/a", "1", "http://x/p", "http://x/not an iri", "")]
    ntriples = tmp_path / "g.nt" if with_ntriples else None
    with pytest.raises(RdfWriteError, match="not valid N-Triples"):
        write_rdf(rows, tmp_path / "g.ttl", ntriples)
    assert list(tmp_path.iterdir()) == []


def test_a_spilled_spool_holds_no_further_rows_in_memory(tiny_graph, tmp_path) -> None:
    # A large build's node rows (millions) come after its articles' rows went to the file;
    # held in memory they made the 20,961-article build peak at 510 MiB instead of 392.
    rows = graph_rows(tiny_graph)
    spool = RowSpool(tmp_path / "rows.sqlite", memory_rows=2)
    spool.add(rows[:3])
    spool.add(rows[3:6])  # more than 2 held before this call: all go to the file
    spool.add(rows[6:])
    assert spool._held == []
    assert list(spool.sorted()) == rows
    spool.close()
