"""Determinism: the same input gives byte-identical outputs, in whatever order it comes.

Two builds of one corpus, and builds of the same articles given in another order (files
named in another order on the command line, JSON Lines records shuffled), write the same
bytes in every output: Turtle, GraphML, HTML, JSON and JSON Lines.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

OUTPUTS = ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl", "merges.jsonl", "report.json")
STORIES = [
    ("Summit in Berlin", "Angela Merkel met Emmanuel Macron in Berlin on Monday."),
    ("Deal signed", "Google and Microsoft signed a deal in London, the companies said."),
    ("Envoy speaks", "Russian Ambassador Anatoly Antonov wrote to rights groups in Washington."),
    ("Election", "Joe Biden won the election in the United States, officials said on Friday."),
    ("Trade talks", "Olaf Scholz and Rishi Sunak discussed trade with China in Paris."),
    ("Arrest", "Police arrested Roman Seleznev in the Maldives, the Justice Department said."),
]
runner = CliRunner()


def build(out: Path, *inputs: Path) -> dict[str, bytes]:
    result = runner.invoke(app, ["build", *map(str, inputs), "--out", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Path], dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("corpus")
    files = []
    for i, (title, text) in enumerate(STORIES):
        path = folder / f"story{i}.txt"
        path.write_text(f"{title}\n2020-05-0{i + 1}\n\n{text}\n")
        files.append(path)
    return folder, files, build(tmp_path_factory.mktemp("out"), *files)


def test_two_builds_are_byte_identical(corpus, tmp_path: Path) -> None:
    _, files, first = corpus
    assert build(tmp_path, *files) == first


def test_files_named_in_another_order_give_the_same_bytes(corpus, tmp_path: Path) -> None:
    _, files, first = corpus
    shuffled = files[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != files
    assert build(tmp_path, *reversed(files)) == first
    assert build(tmp_path / "again", *shuffled) == first


def test_shuffled_jsonl_records_give_the_same_bytes(tmp_path: Path) -> None:
    records = [
        {"id": f"s{i}", "title": title, "date": f"2020-05-0{i + 1}", "text": text}
        for i, (title, text) in enumerate(STORIES)
    ]
    in_order, shuffled = tmp_path / "a.jsonl", tmp_path / "b" / "a.jsonl"
    shuffled.parent.mkdir()
    in_order.write_text("".join(json.dumps(r) + "\n" for r in records))
    mixed = records[:]
    random.Random(5).shuffle(mixed)
    shuffled.write_text("".join(json.dumps(r) + "\n" for r in mixed))
    first = build(tmp_path / "out1", in_order)
    second = build(tmp_path / "out2", shuffled)
    assert first == second
    ids = [json.loads(line)["id"] for line in first["facts.jsonl"].decode().splitlines()]
    assert ids == [f"s{i}" for i in range(len(STORIES))]  # sorted, whatever the input order
