"""bench.news_bench: the first articles of the benchmark corpus, as the speed benches read them."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, shared_data

from bench import news_bench


def test_write_articles_keeps_the_first_lines_as_they_are(tmp_path, monkeypatch) -> None:
    shared_data("news-bench/articles.jsonl.xz")
    monkeypatch.chdir(ROOT)  # the corpus's path is relative to the repository root
    path = news_bench.write_articles(3, tmp_path / "three.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines == list(news_bench.article_lines(3))
    assert len(lines) == 3 and all(json.loads(line)["text"] for line in lines)
    assert lines[-1] != list(news_bench.article_lines(4))[-1]


def test_a_missing_corpus_is_named_before_anything_is_written(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit, match=r"news-bench/articles\.jsonl\.xz: not found"):
        news_bench.write_articles(1, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
