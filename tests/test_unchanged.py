"""A rebuild with nothing changed writes nothing; any change builds again."""

from __future__ import annotations

import pytest
from test_pipeline import outputs, seed_paragraphs, write_corpus

import kg.export.outputs
from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return seed_paragraphs()


@pytest.fixture
def built(paragraphs, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs[:3])})
    out = tmp_path / "out"
    first = build([corpus], out, options=BuildOptions(show_progress=False))
    return corpus, out, first


def refuse_to_write(*args, **kwargs):
    raise AssertionError("the outputs were written again")


def test_nothing_changed_returns_the_last_result_without_writing(built, monkeypatch):
    corpus, out, first = built
    before = outputs(out)
    monkeypatch.setattr(kg.export.outputs, "write_outputs", refuse_to_write)
    again = build([corpus], out, options=BuildOptions(show_progress=False))
    assert again == first
    assert outputs(out) == before


def test_a_changed_article_builds_again(built, paragraphs, monkeypatch):
    corpus, out, _ = built
    write_corpus(corpus, {f"a{i}": p for i, p in enumerate(paragraphs[:4])})
    monkeypatch.setattr(kg.export.outputs, "write_outputs", refuse_to_write)
    with pytest.raises(AssertionError, match="written again"):
        build([corpus], out, options=BuildOptions(show_progress=False))


def test_an_output_edited_by_hand_is_written_again(built):
    corpus, out, first = built
    before = outputs(out)
    (out / "graph.ttl").write_text("edited\n")
    assert build([corpus], out, options=BuildOptions(show_progress=False)) == first
    assert outputs(out) == before


def test_other_options_build_again(built, monkeypatch):
    corpus, out, _ = built
    monkeypatch.setattr(kg.export.outputs, "write_outputs", refuse_to_write)
    with pytest.raises(AssertionError, match="written again"):
        build(
            [corpus],
            out,
            options=BuildOptions(show_progress=False, base_iri="https://example.org/kg/"),
        )
