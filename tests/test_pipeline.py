"""The streaming build: same bytes as the in-memory writers, incremental = full rebuild."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kg.export.rdf_stream
import kg.nlp.analyse
import kg.pipeline.spool
from kg.export.graphml import write_graphml
from kg.export.turtle import write_turtle
from kg.ingest import read_articles
from kg.nlp.analyse import analyse_articles
from kg.pipeline.extraction import extract_file
from kg.pipeline.options import BuildOptions, NoArticles
from kg.pipeline.run import build
from kg.pipeline.spool import SpooledArticles
from kg.resolve import resolve

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_6d3803dfeba073ab.txt"
COMPARED = ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl", "merges.jsonl")


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]


def write_corpus(path: Path, articles: dict[str, str]) -> Path:
    lines = [
        json.dumps({"id": aid, "title": f"Story {aid}", "date": "2019-12-02", "text": text})
        for aid, text in articles.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    found = seed_paragraphs()
    assert len(found) >= 5, "the seed article should give several paragraphs"
    return found


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in COMPARED}


def test_streamed_build_writes_what_the_in_memory_writers_write(paragraphs, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs[:4])})
    out = tmp_path / "out"
    result = build([corpus], out, options=BuildOptions(cache=False, show_progress=False))
    graph = resolve(analyse_articles(read_articles([corpus])))
    write_turtle(graph, tmp_path / "ref.ttl")
    write_graphml(graph, tmp_path / "ref.graphml")
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "ref.ttl").read_bytes()
    assert (out / "graph.graphml").read_bytes() == (tmp_path / "ref.graphml").read_bytes()
    assert result.articles == 4
    assert sum(result.entities_by_type.values()) == len(graph.nodes)
    ids = [json.loads(line)["id"] for line in (out / "facts.jsonl").read_text().splitlines()]
    assert ids == ["a0", "a1", "a2", "a3"]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_build_reading_its_facts_from_disk_writes_what_one_keeping_them_writes(
    paragraphs, tmp_path, monkeypatch, processes
):
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs)})
    build([corpus], tmp_path / "memory", options=BuildOptions(cache=False, show_progress=False))
    passes = []
    read = SpooledArticles.__iter__
    monkeypatch.setattr(kg.pipeline.spool, "IN_MEMORY_PACKED_BYTES", 0)  # as a large corpus does
    monkeypatch.setattr(kg.export.rdf_stream, "IN_MEMORY_ROWS", 0)
    monkeypatch.setattr(SpooledArticles, "__iter__", lambda self: passes.append(1) or read(self))
    # With worker processes the Turtle is also written on a process of its own meanwhile.
    build(
        [corpus],
        tmp_path / "disk",
        options=BuildOptions(cache=False, show_progress=False, n_process=processes),
    )
    assert outputs(tmp_path / "disk") == outputs(tmp_path / "memory")
    # Resolution reads the articles three times (entities, co-mentions, events), each
    # writer once: GraphML (nodes, edges), the page (nodes, edges, the facts of its details
    # panel, its articles), facts.jsonl, report.
    assert len(passes) == 11


ARRESTS = {
    "b1": "Roman Seleznev was arrested in the Maldives in 2014. The arrest angered Moscow.",
    "b2": "Roman Seleznev was arrested in the Maldives on 5 July 2014, his father said.",
    "b3": "John Smith was arrested in Paris on Tuesday.",
}


@pytest.mark.parametrize("processes", [1, 2])
def test_an_arrest_two_articles_report_is_one_event_in_a_streamed_build(tmp_path, processes):
    corpus = write_corpus(tmp_path / "c.jsonl", ARRESTS)
    out = tmp_path / "out"
    options = BuildOptions(cache=False, show_progress=False, n_process=processes)
    build([corpus], out, options=options)
    graph = resolve(analyse_articles(read_articles([corpus])))
    write_turtle(graph, tmp_path / "ref.ttl")
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "ref.ttl").read_bytes()
    merges = [json.loads(line) for line in (out / "merges.jsonl").read_text().splitlines()]
    events = [m for m in merges if "event" in m]
    assert [(m["node"].rsplit("/", 2)[1:], m["article"]) for m in events] == [(["b1", "v0"], "b2")]
    assert events[0]["reason"].startswith(
        "same type Justice.ArrestJailDetain, same Detainee person/roman-seleznev, "
        "compatible dates 2014, 2014-07-05"
    )
    turtle = (out / "graph.ttl").read_text()
    assert "event:b1\\/v0 a kg:Event" in turtle and "event:b3\\/v0 a kg:Event" in turtle
    assert "event:b2\\/v0 a prov:Derivation" in turtle


def test_facts_do_not_depend_on_how_articles_are_batched(paragraphs, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs[:4])})
    one_by_one = list(analyse_articles(read_articles([corpus]), batch_chars=1))
    together = list(analyse_articles(read_articles([corpus]), batch_chars=10**6))
    assert [f.article.id for f in one_by_one] == ["a0", "a1", "a2", "a3"]
    assert one_by_one == together
    assert sum(len(f.entities) for f in together) > 4


def test_the_page_quotes_evidence_from_every_article_of_a_node(tmp_path):
    # A streaming build keeps article texts on disk; the page still quotes each sentence.
    corpus = write_corpus(
        tmp_path / "c.jsonl",
        {
            "a1": "Russian Ambassador Anatoly Antonov spoke in Washington on Monday.",
            "a2": "Anatoly Antonov met officials of the State Department in Washington.",
            "a3": "On Friday Anatoly Antonov wrote an open letter to newspapers in Washington.",
        },
    )
    build([corpus], tmp_path / "out", options=BuildOptions(cache=False, show_progress=False))
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    # each evidence row points into the page's one list of sentences
    evidence = [
        data["sentences"][sentence]
        for _, sentence in data["details"]["place/washington"]["evidence"]
    ]
    assert evidence == [
        "Russian Ambassador Anatoly Antonov spoke in Washington on Monday.",
        "Anatoly Antonov met officials of the State Department in Washington.",
        "On Friday Anatoly Antonov wrote an open letter to newspapers in Washington.",
    ]


def test_turtle_written_in_small_chunks_is_byte_identical(paragraphs, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs[:3])})
    build([corpus], tmp_path / "one", options=BuildOptions(cache=False, show_progress=False))
    monkeypatch.setattr("kg.export.turtle._CHUNK_ROWS", 7)
    build([corpus], tmp_path / "many", options=BuildOptions(cache=False, show_progress=False))
    one = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert one == (tmp_path / "many" / "graph.ttl").read_bytes()
    assert one.count(b"@prefix kg:") == 1


def counting_analysis(monkeypatch) -> list[str]:
    analysed: list[str] = []
    original = kg.nlp.analyse.analyse_articles

    def spy(articles, **kwargs):
        for facts in original(articles, **kwargs):
            analysed.append(facts.article.id)
            yield facts

    monkeypatch.setattr(kg.nlp.analyse, "analyse_articles", spy)
    return analysed


def test_incremental_build_equals_a_full_rebuild(paragraphs, tmp_path, monkeypatch):
    first = {f"a{i}": p for i, p in enumerate(paragraphs[:3])}
    out = tmp_path / "out"
    build(
        [write_corpus(tmp_path / "v1.jsonl", first)], out, options=BuildOptions(show_progress=False)
    )

    # The folder grows by one article and one article is edited.
    grown = dict(first, a1=paragraphs[1] + " Vladimir Putin agreed.", a9=paragraphs[4])
    corpus = write_corpus(tmp_path / "v2.jsonl", grown)
    analysed = counting_analysis(monkeypatch)
    build([corpus], out, options=BuildOptions(show_progress=False))
    assert sorted(analysed) == ["a1", "a9"]

    full = tmp_path / "full"
    build([corpus], full, options=BuildOptions(cache=False, show_progress=False))
    assert outputs(out) == outputs(full)
    assert not (full / ".cache" / "facts.sqlite").exists()


def test_a_rebuild_with_no_change_never_loads_spacy(paragraphs, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "c.jsonl", {"a0": paragraphs[0], "a1": paragraphs[2]})
    out = tmp_path / "out"
    build([corpus], out, options=BuildOptions(show_progress=False))
    before = outputs(out)

    def no_spacy(*args, **kwargs):
        raise AssertionError("spaCy was loaded for a build with nothing new")

    monkeypatch.setattr(kg.nlp.analyse, "load_pipeline", no_spacy)
    build([corpus], out, options=BuildOptions(show_progress=False))
    assert outputs(out) == before


@pytest.mark.parametrize("cache", [False, True])
def test_two_processes_give_the_output_of_one(paragraphs, tmp_path, cache):
    # With the cache on, the pool's feeder thread reads it while the main thread writes it.
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs[:4])})
    build([corpus], tmp_path / "one", options=BuildOptions(cache=False, show_progress=False))
    build(
        [corpus],
        tmp_path / "two",
        options=BuildOptions(cache=cache, n_process=2, show_progress=False),
    )
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_extract_on_two_processes_writes_the_articles_in_input_order(paragraphs, tmp_path):
    texts = {f"z{9 - i}": p for i, p in enumerate(paragraphs[:5])}  # ids not sorted
    corpus = write_corpus(tmp_path / "c.jsonl", texts)
    assert extract_file([corpus], tmp_path / "one.jsonl") == 5
    assert extract_file([corpus], tmp_path / "two.jsonl", n_process=2) == 5
    two = (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    assert two == (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in two.splitlines()] == list(texts)


def test_store_option_writes_ntriples_and_an_oxigraph_store(paragraphs, tmp_path):
    from kg.export.rdf_stream import open_store

    corpus = write_corpus(tmp_path / "c.jsonl", {"a0": paragraphs[0]})
    result = build(
        [corpus], tmp_path / "out", options=BuildOptions(store=True, show_progress=False)
    )
    store = open_store(tmp_path / "out" / "graph.oxigraph")
    assert len(store) == result.triples > 0
    lines = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.triples


def test_an_empty_input_is_refused_and_leaves_no_scratch_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoArticles):
        build([empty], tmp_path / "out", options=BuildOptions(show_progress=False))
    assert [p.name for p in (tmp_path / "out" / ".cache").iterdir()] == ["facts.sqlite"]


def test_no_progress_bar_when_not_on_a_terminal(paragraphs, tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c.jsonl", {"a0": paragraphs[0]})
    build([corpus], tmp_path / "out")
    assert capsys.readouterr().err == ""


def test_the_heap_is_frozen_for_the_block_and_given_back_even_on_error():
    """What is alive when the block opens is left out of its collections, and collected
    normally afterwards, so a library caller's graph is not kept for ever."""
    import gc

    from kg.pipeline.scratch import heap_frozen

    assert gc.get_freeze_count() == 0
    with heap_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), heap_frozen():
        raise RuntimeError("a writer failed")
    assert gc.get_freeze_count() == 0


def test_the_cycle_collector_is_paused_for_the_block_and_left_as_it_was():
    import gc

    from kg.pipeline.scratch import cycle_collector_paused

    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()  # a caller who turned it off keeps it off
    finally:
        gc.enable()
