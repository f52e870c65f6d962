"""Inputs that must not hang, crash or flood a build: FIFOs and devices, JSON nested
100,000 deep or with 5,000-digit numbers, folder trees 1,100 deep, control characters in
file names, a build's own output folder, and HTML pages of deeply nested tags."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kg.ingest import Skipped, read_articles
from kg.ingest.errors import printable
from kg.ingest.html import parse_html
from kg.ingest.jsonl import MAX_JSON_DEPTH, parse_record
from kg.ingest.walk import MAX_FOLDER_DEPTH, input_reading, iter_files
from kg.model import Article

BODY = "Angela Merkel met Emmanuel Macron in Paris on Monday to talk about trade."


def read_all(*paths: Path, **options) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    return list(read_articles(paths, on_skip=skipped.append, **options)), skipped


# --- only regular files --------------------------------------------------------------------


def test_fifos_and_devices_are_named_not_read(tmp_path: Path) -> None:
    signal.alarm(20)  # opening or reading one of them would hang: fail instead
    (tmp_path / "good.txt").write_text(f"Good\n\n{BODY}\n")
    os.mkfifo(tmp_path / "feed.jsonl")
    os.mkfifo(tmp_path / "page.txt")
    os.symlink("/dev/zero", tmp_path / "zero.jsonl")
    os.symlink(tmp_path / "feed.jsonl", tmp_path / "link.jsonl")
    named = [tmp_path / name for name in ("feed.jsonl", "zero.jsonl", "link.jsonl", "page.txt")]
    for inputs in ([tmp_path], named):
        articles, skipped = read_all(*inputs)
        reasons = {Path(item.source).name: item.reason for item in skipped}
        assert reasons == {
            "feed.jsonl": "not a regular file (a FIFO)",
            "link.jsonl": "not a regular file (a FIFO)",
            "page.txt": "not a regular file (a FIFO)",
            "zero.jsonl": "not a regular file (a character device)",
        }
        assert [a.id for a in articles] == (["good"] if inputs == [tmp_path] else [])
    signal.alarm(0)


# --- JSON lines with limits ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, f"JSON nested deeper than {MAX_JSON_DEPTH} levels"),
        ('{"text": "a", "x": ' + "[" * 100_000, f"JSON nested deeper than {MAX_JSON_DEPTH}"),
        ('{"text": "a", "id": ' + "7" * 5000 + "}", "invalid JSON: a number of 5000 digits"),
        ('{"text": "a", "n": -' + "7" * 101 + "}", "invalid JSON: a number of 102 digits"),
    ],
)
def test_a_monster_json_line_is_skipped_alone(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{line}\n{{"id": "ok", "text": "{BODY}"}}\n')
    articles, skipped = read_all(path)
    assert [a.id for a in articles] == ["ok"]
    [skip] = skipped
    assert skip.source == f"{path}:1"
    assert skip.reason.startswith(reason)


def test_brackets_inside_strings_and_moderate_nesting_are_fine() -> None:
    text = "[" * 500 + " {quoted} \\" + '" ]]'
    line = f'{{"id": "a", "text": "{text}", "meta": {"[" * 30}1{"]" * 30}}}'
    record = parse_record(line, "f:1")
    assert isinstance(record, Article)
    assert record.text == text.replace('\\"', '"')


# --- folders -------------------------------------------------------------------------------


def test_a_folder_tree_1100_deep_is_walked_to_the_limit(tmp_path: Path) -> None:
    folder = tmp_path
    for level in range(1100):
        folder = folder / "d"
        folder.mkdir()
        if level in (5, MAX_FOLDER_DEPTH - 1):
            (folder / f"a{level}.txt").write_text(f"Deep {level}\n\n{BODY} {level}\n")
    try:
        articles, skipped = read_all(tmp_path)
    finally:
        remove_chain(tmp_path / "d", depth=1100)
    assert [a.id for a in articles] == ["a5", f"a{MAX_FOLDER_DEPTH - 1}"]
    [skip] = skipped
    assert skip.reason == f"folder nested deeper than {MAX_FOLDER_DEPTH} levels"
    assert skip.source.count(os.sep + "d") == MAX_FOLDER_DEPTH + 1


def remove_chain(top: Path, *, depth: int) -> None:
    """Remove a chain of nested folders from the bottom up: pytest's own clean-up (a
    recursive shutil.rmtree) would overflow Python's stack on 1,100 levels."""
    folders = [top / Path(*["d"] * level) for level in range(depth)]
    for folder in reversed(folders):
        for child in folder.iterdir():
            if child.is_file():
                child.unlink()
        folder.rmdir()


def test_an_excluded_folder_is_never_entered(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"A\n\n{BODY}\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "facts.jsonl").write_text(f'{{"id": "f", "text": "{BODY} Out."}}\n')
    assert [a.id for a in read_all(tmp_path)[0]] == ["a", "f"]
    assert [a.id for a in read_all(tmp_path, exclude=[tmp_path / "out"])[0]] == ["a"]
    named = list(iter_files([tmp_path / "out"], exclude=[tmp_path / "out"]))
    assert named == [Skipped(str(tmp_path / "out"), "the output folder, not read as input")]


def test_input_reading_names_the_input_an_output_would_overwrite_or_feed(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text("{}\n")
    assert input_reading([corpus / "a.jsonl"], corpus / "a.jsonl") == str(corpus / "a.jsonl")
    assert input_reading([corpus], corpus / "sub" / "facts.jsonl") == str(corpus)
    assert input_reading([corpus], corpus / ".hidden" / "facts.jsonl") is None
    assert input_reading([corpus], corpus / "facts.csv") is None
    assert input_reading([corpus / "a.jsonl"], tmp_path / "facts.jsonl") is None


# --- names shown on a terminal -------------------------------------------------------------


def test_control_characters_in_names_are_escaped() -> None:
    forged = Skipped("evil\nskipped /etc/passwd\x1b[2J\u202e\udcff.txt", "bad\rreason")
    assert str(forged) == "evil\\nskipped /etc/passwd\\x1b[2J\\u202e\\udcff.txt: bad\\rreason"
    assert printable("Zürich/Путин.txt") == "Zürich/Путин.txt"


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 40_000 + "<p>Hello world.</p>" + "</div>" * 40_000,
        "<p>start" + "<span>" * 60_000 + "</b>" * 2000,
        "<div><p>a" + "<p>b<div>" * 40_000,
    ],
)
def test_deeply_nested_html_parses_in_linear_time(page: str) -> None:
    assert len(page) > 300_000
    started = time.perf_counter()
    parse_html(page)
    assert time.perf_counter() - started < 2.0
