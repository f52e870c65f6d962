"""`kg extract`: the JSON contract of every article, in input order, with no resolution
across articles (docs/extraction-contract.md)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.export.atomic import atomic_write_lines
from kg.export.contract import facts_to_json, facts_to_line
from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.ingest import Skipped, read_articles
from kg.ingest.errors import OutputOverlapsInput
from kg.ingest.fields import content_id
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES
from kg.ingest.walk import input_reading
from kg.model import Article, ArticleFacts
from kg.nlp.load import model_name


def analysed_in_order(
    articles: Iterable[Article], *, model: str | None = None, n_process: int = 1
) -> Iterator[ArticleFacts]:
    """The facts of each article, in input order, on `n_process` processes."""
    if n_process > 1:
        from kg.nlp.workers import analyse_in_pool

        results = analyse_in_pool(
            articles, model=model_name(model), processes=n_process, ordered=True
        )
        return (facts for facts, _ in results)
    from kg.nlp.analyse import analyse_articles

    return analyse_articles(articles, model=model)


def contract_records(
    texts_or_paths: Iterable[str | Path] | str | Path,
    *,
    model: str | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """The contract record of each article: a `Path` is read as a file or folder of articles,
    a `str` is the text of one article (its id is a digest of the text)."""
    if isinstance(texts_or_paths, str | Path):
        texts_or_paths = [texts_or_paths]
    for facts in analysed_in_order(_articles(texts_or_paths, on_skip), model=model):
        yield facts_to_json(facts, base_iri=base_iri)


def _articles(
    items: Iterable[str | Path], on_skip: Callable[[Skipped], None] | None
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, Path):
            yield from read_articles([item], on_skip=on_skip)
        else:
            yield Article(id=content_id("", item), text=item)


def extract_file(
    paths: Iterable[str | Path],
    out: Path | None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    model: str | None = None,
    n_process: int = 1,
    on_skip: Callable[[Skipped], None] | None = None,
    write: Callable[[str], object] = print,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
) -> int:
    """Write the JSON Lines contract for every readable article; returns the article count.

    With `out`, the file is written atomically at the end; otherwise each line goes to
    `write` as soon as it is ready. An `out` that is an input, or that a folder among the
    inputs would read next time, raises OutputOverlapsInput before anything is read.
    """
    paths = list(paths)  # read twice: checked against `out`, then read
    if out is not None:
        refuse_overwriting_inputs(paths, out)
    skipped: list[Skipped] = []
    count = 0

    def lines() -> Iterator[str]:
        nonlocal count
        report = on_skip or skipped.append  # read on past bad inputs, as a build does
        articles = read_articles(paths, on_skip=report, max_article_bytes=max_article_bytes)
        for facts in analysed_in_order(articles, model=model, n_process=n_process):
            count += 1
            yield facts_to_line(facts, base_iri=base_iri)

    if out is None:
        for line in lines():
            write(line.rstrip("\n"))
    else:
        atomic_write_lines(out, lines())
    return count


def refuse_overwriting_inputs(paths: Iterable[str | Path], out: str | Path) -> None:
    """OutputOverlapsInput when writing `out` would replace an input, or put a file in an
    input folder that its next read would take for articles."""
    source = input_reading(paths, out)
    if source is None:
        return
    if os.path.realpath(source) == os.path.realpath(out):
        raise OutputOverlapsInput(f"--out {out} is an input: it would be overwritten")
    raise OutputOverlapsInput(
        f"--out {out} lies in the input folder {source}, which would read it as articles "
        "next time: write it elsewhere"
    )
