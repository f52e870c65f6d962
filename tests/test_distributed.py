"""A build on a 2-worker Dask LocalCluster writes exactly what a local build writes."""

from __future__ import annotations

import pytest

from kg.nlp.workers import DaskUnavailable, connect
from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build
from tests.test_pipeline import outputs, seed_paragraphs, write_corpus


@pytest.mark.slow
def test_dask_local_cluster_equals_a_local_build(tmp_path) -> None:
    pytest.importorskip("distributed", reason='needs dask[distributed]: pip install "newskg[dask]"')
    paragraphs = seed_paragraphs()
    corpus = write_corpus(tmp_path / "c.jsonl", {f"a{i}": p for i, p in enumerate(paragraphs)})
    build([corpus], tmp_path / "local", options=BuildOptions(cache=False, show_progress=False))
    # Two workers and batches of whole articles: results come back in any order.
    build(
        [corpus],
        tmp_path / "dask",
        options=BuildOptions(cache=False, dask="local", n_process=2, show_progress=False),
    )
    local, on_dask = outputs(tmp_path / "local"), outputs(tmp_path / "dask")
    assert [name for name in local if local[name] != on_dask[name]] == []


def test_an_unreachable_scheduler_is_a_named_error() -> None:
    pytest.importorskip("distributed", reason='needs dask[distributed]: pip install "newskg[dask]"')
    with pytest.raises(DaskUnavailable, match=r"127\.0\.0\.1:9"):
        connect("tcp://127.0.0.1:9")
