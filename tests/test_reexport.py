"""`kg export`: a finished build's formats written again from its cache, analysing nothing."""

from __future__ import annotations

import pytest
from test_pipeline import seed_paragraphs, write_corpus

import kg.nlp.analyse
from kg.export.formats import FORMATS
from kg.pipeline.options import BuildOptions
from kg.pipeline.reexport import NoBuildError, export_articles, export_build
from kg.pipeline.run import build

BUILD_FORMATS = sorted(name for name, spec in FORMATS.items() if spec.build_file)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reexport")
    texts = {f"a{i}": p for i, p in enumerate(seed_paragraphs()[:3])}
    corpus = write_corpus(folder / "c.jsonl", texts)
    out = folder / "out"
    build([corpus], out, options=BuildOptions(show_progress=False, max_nodes=3))
    return corpus, out


def never_analyse(*args, **kwargs):
    raise AssertionError("kg export --from analysed an article")


@pytest.mark.parametrize("name", BUILD_FORMATS)
def test_export_from_a_build_writes_the_file_the_build_wrote(name, finished, tmp_path, monkeypatch):
    _, out = finished
    monkeypatch.setattr(kg.nlp.analyse, "analyse_articles", never_analyse)
    target = tmp_path / f"again{FORMATS[name].suffix}"
    export_build(name, target, from_dir=out)
    assert target.read_bytes() == (out / FORMATS[name].build_file).read_bytes()


def test_export_of_articles_goes_through_the_cache_and_writes_what_a_build_writes(
    finished, tmp_path, monkeypatch
):
    corpus, out = finished
    monkeypatch.setattr(kg.nlp.analyse, "analyse_articles", never_analyse)  # all cached
    target = tmp_path / "g.graphml"
    export_articles([corpus], "graphml", target, cache_dir=out / ".cache")
    assert target.read_bytes() == (out / "graph.graphml").read_bytes()


def test_a_folder_built_without_the_cache_cannot_be_exported(tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", {"a0": seed_paragraphs()[0]})
    build([corpus], tmp_path / "out", options=BuildOptions(cache=False, show_progress=False))
    with pytest.raises(NoBuildError, match="no build with a facts cache"):
        export_build("graphml", tmp_path / "g.graphml", from_dir=tmp_path / "out")
    with pytest.raises(NoBuildError, match="kg build --out"):
        export_build("graphml", tmp_path / "g.graphml", from_dir=tmp_path / "nothing-here")


def test_a_build_record_of_an_older_kg_is_refused_with_the_way_out(tmp_path):
    scratch = tmp_path / "out" / ".cache"
    scratch.mkdir(parents=True)
    (scratch / "build.json").write_text('{"fingerprint": "f", "summary": {}}', encoding="utf-8")
    (scratch / "facts.sqlite").write_bytes(b"")
    with pytest.raises(NoBuildError, match="run kg build --out"):
        export_build("graphml", tmp_path / "g.graphml", from_dir=tmp_path / "out")


def test_the_command_converts_a_build_and_names_a_folder_without_one(finished, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    _, out = finished
    target = tmp_path / "x.graphml"
    args = ["export", "--from", str(out), "--format", "graphml", "--out", str(target)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {target}: ")
    assert target.read_bytes() == (out / "graph.graphml").read_bytes()
    missing = CliRunner().invoke(app, ["export", "--from", str(tmp_path / "none")])
    assert missing.exit_code == 1
    assert missing.output.startswith(f"Error: {tmp_path / 'none'}: no build with a facts cache")


def test_articles_and_from_together_are_a_usage_error(finished, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    corpus, out = finished
    result = CliRunner().invoke(app, ["export", str(corpus), "--from", str(out)])
    assert result.exit_code == 2
    assert "give articles or --from, not both" in result.output
