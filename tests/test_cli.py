"""The `kg` command line: what a user types, what they see, what lands on disk."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from conftest import ROOT, SEED, shared_data
from typer.testing import CliRunner

from kg.cli import app
from kg.export.turtle import validate

runner = CliRunner()


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(SEED), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_build_prints_a_summary_and_writes_every_output(seed_build):
    out, output = seed_build
    assert "articles read: 1" in output
    assert "Person: 2" in output
    assert "Country: 4" in output
    for name in ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl"):
        assert (out / name).stat().st_size > 0
        assert f"wrote {out / name}" in output


def test_seed_graph_passes_the_shacl_shapes(seed_build):
    out, _ = seed_build
    conforms, report = validate(out / "graph.ttl", root=ROOT)
    assert conforms, report


def test_seed_graph_answers_sparql(seed_build):
    out, _ = seed_build
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """
            PREFIX kg: <https://w3id.org/newskg/ontology#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?label ?code ?wd WHERE {
              ?c a kg:Country ; skos:prefLabel ?label ; kg:iso3166Alpha3 ?code ;
                 owl:sameAs ?wd .
            } ORDER BY ?label
            """
        )
    )
    found = {(r["label"].value, r["code"].value, r["wd"].value) for r in rows}
    assert ("Russia", "RUS", "http://www.wikidata.org/entity/Q159") in found
    assert {label for label, _, _ in found} == {
        "Maldives",
        "Morocco",
        "Russia",
        "United States",
    }


def test_build_twice_gives_identical_files(seed_build, tmp_path):
    out, _ = seed_build
    result = runner.invoke(app, ["build", str(SEED), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_build_with_no_readable_article_fails_and_says_why(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = runner.invoke(app, ["build", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"skipped {empty}" in result.output
    assert "Error: no article could be read" in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_extract_writes_the_contract_with_offsets_into_text(tmp_path):
    article = {
        "id": "a1",
        "title": "Talks",
        "date": "2019-12-02",
        "text": "German Chancellor Angela Merkel met Emmanuel Macron in Paris. Merkel smiled.",
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(article) + "\n")
    target = tmp_path / "facts.jsonl"
    result = runner.invoke(app, ["extract", str(source), "--out", str(target)])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in target.read_text().splitlines()]
    assert record["id"] == "a1"
    by_name = {e["name"]: e for e in record["entities"]}
    merkel = by_name["Angela Merkel"]
    assert merkel["type"] == "Person"
    assert merkel["iri"].endswith("/person/angela-merkel")
    assert [article["text"][m["start"] : m["end"]] for m in merkel["mentions"]] == [
        "Angela Merkel",
        "Merkel",
    ]
    assert by_name["Germany"]["wikidata"] == "Q183"


def test_extract_to_stdout(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nRoman Seleznev was sentenced in the United States.\n")
    result = runner.invoke(app, ["extract", str(source)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert {e["name"] for e in record["entities"]} >= {"Roman Seleznev", "United States"}


@pytest.mark.parametrize("command", ["build", "extract"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: kg " + command in result.output


@pytest.mark.parametrize("command", [[], *([c.name] for c in app.registered_commands)])
def test_help_shows_plain_flags_and_an_example(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "Example: kg " in result.output
    assert "--help " in result.output


@pytest.mark.parametrize("command", ["build", "extract"])
def test_help_names_every_kind_of_input(command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    for suffix in (".txt", ".md", ".jsonl", ".ndjson", ".gz", ".xz", ".html", ".htm", ".xhtml"):
        assert suffix in result.output, suffix
    assert "folders" in result.output


def test_a_piped_build_names_each_output_on_stderr(seed_build):
    out, output = seed_build  # CliRunner's stderr is no terminal: progress lines, not a bar
    for name in ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl", "report.json"):
        assert f"progress: wrote {out / name}" in output


def test_news_sample_builds_and_its_files_read_back(tmp_path):
    sample = shared_data("news-sample")
    result = runner.invoke(app, ["build", str(sample), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "articles read: 54" in result.output

    turtle = tmp_path / "graph.ttl"
    with_rdflib = rdflib.Graph().parse(turtle, format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(with_rdflib) == len(store) > 1000

    # The GraphML holds the same entities, articles and links as the Turtle.
    [counts] = store.query(
        """
        PREFIX kg: <https://w3id.org/newskg/ontology#>
        SELECT (COUNT(DISTINCT ?node) AS ?nodes) WHERE {
          VALUES ?type { kg:Person kg:Organization kg:Country kg:Place kg:Article }
          ?node a ?type .
        }
        """
    )
    [links] = store.query(
        """
        PREFIX kg: <https://w3id.org/newskg/ontology#>
        SELECT (COUNT(*) AS ?edges) WHERE {
          { ?a kg:mentionedIn ?b } UNION { ?a kg:coMentionedWith ?b }
        }
        """
    )
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    kinds = {"Person", "Organization", "Country", "Place", "Article"}
    entity_nodes = [n for n, data in graph.nodes(data=True) if data["type"] in kinds]
    assert len(entity_nodes) == int(counts["nodes"].value)
    links_drawn = [
        e
        for *e, data in graph.edges(data=True)
        if data["label"] in {"mentioned in", "co-mentioned"}
    ]
    assert len(links_drawn) == int(links["edges"].value)
    assert all("label" in data and "type" in data for _, data in graph.nodes(data=True))


def test_cross_article_alias_merge_reaches_every_output(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Barack Obama spoke in Chicago. Obama smiled."})
        + "\n"
        + json.dumps({"id": "b", "text": "Reporters asked Mr. Obama about Iran on Monday."})
        + "\n"
    )
    rules = tmp_path / "aliases.toml"
    rules.write_text('[[same]]\nnames = ["Barack Obama"]\nwikidata = "Q76"\n')
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(source), "--out", str(out), "--aliases", str(rules), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    turtle = (out / "graph.ttl").read_text()
    assert "person/obama>" not in turtle
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """
            PREFIX kg: <https://w3id.org/newskg/ontology#>
            SELECT ?article WHERE {
              ?m kg:mentionOf <https://w3id.org/newskg/resource/person/barack-obama> ;
                 kg:inArticle ?article .
            }
            """
        )
    )
    assert {r["article"].value.rsplit("/", 1)[-1] for r in rows} == {"a", "b"}
    assert "owl:sameAs wd:Q76" in turtle
    [merge] = [json.loads(line) for line in (out / "merges.jsonl").read_text().splitlines()]
    assert merge["name"] == "Obama" and "alias" in merge["reason"]
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text().splitlines()]
    assert facts[1]["entities"][0]["iri"].endswith("/person/barack-obama")
    conforms, report = validate(out / "graph.ttl", root=ROOT)
    assert conforms, report


def test_a_bad_alias_file_fails_with_its_name(tmp_path):
    rules = tmp_path / "aliases.toml"
    rules.write_text("[[same]\n")
    result = runner.invoke(
        app, ["build", str(SEED), "--out", str(tmp_path), "--aliases", str(rules)]
    )
    assert result.exit_code == 1
    assert f"Error: {rules}: not valid TOML" in result.output


# --- outputs never read or overwrite inputs; exit codes; names shown safely ------------------

TALKS = "German Chancellor Angela Merkel met Emmanuel Macron in Paris. Merkel smiled."


def test_extract_refuses_to_overwrite_its_input(tmp_path):
    source = tmp_path / "corpus.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": TALKS}) + "\n")
    before = source.read_bytes()
    for target in (source, tmp_path / "facts.jsonl"):
        inputs = [str(source)] if target == source else [str(tmp_path)]
        result = runner.invoke(app, ["extract", *inputs, "--out", str(target)])
        assert result.exit_code == 1, result.output
        assert "Error: --out " in result.output
    assert source.read_bytes() == before
    assert not (tmp_path / "facts.jsonl").exists()


def test_export_refuses_a_target_its_input_folder_would_read(tmp_path):
    (tmp_path / "a.txt").write_text(f"Talks\n\n{TALKS}\n")
    target = tmp_path / "facts.jsonl"
    result = runner.invoke(
        app, ["export", str(tmp_path), "--format", "facts", "--out", str(target)]
    )
    assert result.exit_code == 1, result.output
    assert f"lies in the input folder {tmp_path}" in result.output
    assert not target.exists()


def test_build_refuses_an_output_folder_that_is_an_input(tmp_path):
    (tmp_path / "a.txt").write_text(f"Talks\n\n{TALKS}\n")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "choose an output folder of its own" in result.output
    assert not (tmp_path / "graph.ttl").exists()


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_an_output_folder_inside_the_corpus_is_never_read(tmp_path, cache):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"Talks\n\n{TALKS}\n")
    out = corpus / "out"
    for _ in range(3):  # the third build is the unchanged one, which reports its survey
        result = runner.invoke(app, ["build", str(corpus), "--out", str(out), *cache])
        assert result.exit_code == 0, result.output
        assert "articles read: 1" in result.output
        assert "skipped inputs: 0" in result.output
    assert len((out / "facts.jsonl").read_text().splitlines()) == 1


def test_usage_errors_and_skipped_inputs_have_their_own_exit_codes(tmp_path):
    from kg.cli import EXIT_SKIPPED, EXIT_USAGE

    assert (EXIT_USAGE, EXIT_SKIPPED) == (2, 3)
    result = runner.invoke(app, ["build", str(SEED), "--processes", "0", "--out", str(tmp_path)])
    assert result.exit_code == EXIT_USAGE
    assert "--processes" in result.output
    (tmp_path / "a.txt").write_text(f"Talks\n\n{TALKS}\n")
    forged = tmp_path / "x.txt\nskipped evil.txt: forged"
    forged.write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "a.txt"), str(forged), "--out", str(out)])
    assert result.exit_code == EXIT_SKIPPED, result.output
    lines = result.output.splitlines()
    shown = f"skipped {tmp_path}/x.txt\\nskipped evil.txt: forged: unsupported file type"
    assert any(line.startswith(shown) for line in lines), lines
    assert not any(line.startswith("skipped evil.txt") for line in lines)
