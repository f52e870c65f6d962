"""Progress of a build on a pipe: article lines with counts, one line per output written."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from kg.export.outputs import output_count
from kg.pipeline.options import BuildOptions
from kg.pipeline.progress import articles_line, build_progress, progress_mode
from kg.pipeline.run import build

TEXTS = {
    "a": "Angela Merkel met Emmanuel Macron in Paris on Monday.",
    "b": "Boeing said on Tuesday that it would build a plant in Morocco.",
    "c": "Roman Seleznev was sentenced in the United States.",
}
ARTICLE_LINE = re.compile(r"^progress: (\d+)/3 articles, [\d,.]+/s(, ETA \S+)?$")


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": k, "title": k, "text": v}) for k, v in TEXTS.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("cache", [False, True])
def test_a_piped_build_prints_counts_and_each_output(tmp_path, capsys, cache):
    out = tmp_path / "out"
    options = BuildOptions(cache=cache, show_progress=True)
    result = build([_corpus(tmp_path)], out, options=options, progress_interval=0)
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    counts = [int(m.group(1)) for m in map(ARTICLE_LINE.match, lines) if m]
    assert counts == [1, 2, 3], lines
    wrote = [line.removeprefix("progress: wrote ") for line in lines if "wrote" in line]
    assert sorted(wrote) == sorted(str(path) for path in result.files)
    assert len(wrote) == output_count(store=False)
    assert "progress" not in captured.out  # stdout stays for what scripts read


def test_no_progress_is_silent(tmp_path, capsys):
    options = BuildOptions(cache=False, show_progress=False)
    build([_corpus(tmp_path)], tmp_path / "out", options=options, progress_interval=0)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_article_lines_are_at_most_one_per_interval():
    stream = io.StringIO()
    with build_progress(1000, mode="lines", interval=3600, stream=stream) as shown:
        for _ in range(1000):
            shown.advance(1)
        shown.wrote(Path("out/graph.graphml"))
    assert stream.getvalue() == "progress: wrote out/graph.graphml\n"


def test_a_file_name_cannot_forge_a_line():
    stream = io.StringIO()
    with build_progress(None, mode="lines", interval=0, stream=stream) as shown:
        shown.wrote(Path("out/evil\nprogress: 9/9 articles"))
    assert len(stream.getvalue().splitlines()) == 1


def test_the_article_line_has_rate_and_eta():
    assert articles_line(1200, 5000, 1200 / 41.3) == (
        "progress: 1200/5000 articles, 41.3/s, ETA 1m32s"
    )
    assert articles_line(10, None, 2.0) == "progress: 10 articles, 5.0/s"
    assert articles_line(0, 10, 0.0) == "progress: 0/10 articles, 0.0/s"


def test_the_mode_follows_the_option_and_the_terminal(monkeypatch):
    assert progress_mode(False) == "off"
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert progress_mode(None) == "off" and progress_mode(True) == "lines"
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert progress_mode(None) == "bar" and progress_mode(True) == "bar"
    assert progress_mode(False) == "off"


def test_the_bar_has_a_writing_task():
    with build_progress(2, mode="bar") as shown:
        shown.advance(2)
        shown.writing(3)
        for name in ("a", "b", "c"):
            shown.wrote(Path(name))
        tasks = shown.bar.tasks  # type: ignore[attr-defined]
    assert [(t.description, t.completed, t.total) for t in tasks] == [
        ("articles", 2, 2),
        ("writing", 3, 3),
    ]
