"""Facts for a stream of articles: from the facts cache, or from spaCy and the extractors
(in this process, on worker processes, or on a Dask cluster)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from kg.ingest import Skipped, read_articles
from kg.model import Article, ArticleFacts
from kg.nlp.load import model_name
from kg.nlp.workers import Prepare
from kg.pipeline.cache import CACHE_FILE, FactsCache
from kg.pipeline.options import BuildOptions, NoArticles
from kg.pipeline.spool import BuildSpool

Sink = Callable[[ArticleFacts, Any], object]
OnSkip = Callable[[Skipped], None] | None


@dataclass
class Inputs:
    """A build's inputs, and what it learns of them while reading them."""

    paths: list[str | Path]
    on_skip: OnSkip
    skipped: list[Skipped] = field(default_factory=list)
    keys: list[tuple[str, str | None]] = field(default_factory=list)  # cache key, source
    # Folders never read (the build's output folder, which may sit inside an input folder:
    # its graph.html and facts.jsonl would be read as articles by the next build).
    exclude: list[str | Path] = field(default_factory=list)

    def note(self, item: Skipped) -> None:
        self.skipped.append(item)
        if self.on_skip is not None:
            self.on_skip(item)

    def articles(self, options: BuildOptions) -> Iterable[Article]:
        return read_articles(
            self.paths,
            on_skip=self.note,
            max_article_bytes=options.max_article_bytes,
            unique_texts=True,
            exclude=self.exclude,
        )


def facts_cache(scratch: Path, options: BuildOptions) -> AbstractContextManager[FactsCache | None]:
    """The facts cache of a build folder's scratch, or None when `options` turn it off."""
    if not options.cache:
        return nullcontext(None)
    return FactsCache(scratch / CACHE_FILE, model=model_name(options.model))


def stream_facts(
    articles: Iterable[Article],
    sink: Sink,
    *,
    model: str | None = None,
    n_process: int = 1,
    cache: FactsCache | None = None,
    dask: str | None = None,
    advance: Callable[[int], None] | None = None,
    prepare: Prepare = None,
    on_key: Callable[[str, Article], None] | None = None,
) -> None:
    """Pass the facts of every article to `sink`, in no particular order.

    Articles whose facts are in `cache` skip spaCy; the others are analysed in this process,
    on `n_process` worker processes, or on the Dask cluster at `dask`, and cached. Cache hits
    go to `sink` while reading, so nothing waits in memory for the analysis to catch up.
    `sink` gets each article's facts and `prepare(facts)` (None without `prepare`), computed
    on the worker that analysed the article, so the parent is left little to do. `on_key`
    hears each article's cache key as it is read (a build records them).
    """
    name = model_name(model)
    step = advance or (lambda _: None)

    def emit(facts: ArticleFacts, prepared: Any, key: str | None) -> None:
        if cache is not None and key is not None:
            cache.put(facts, key)
        sink(facts, prepared)
        step(1)

    keys: dict[str, str] = {}

    def misses() -> Iterator[Article]:
        for article in articles:
            key = cache.key(article) if cache is not None else None
            if key is not None and on_key is not None:
                on_key(key, article)
            cached = cache.get(article, key) if cache is not None else None
            if cached is not None:
                emit(cached, prepare(cached) if prepare is not None else None, None)
                continue
            if key is not None:
                keys[article.id] = key
            yield article

    pending = misses()
    first = next(pending, None)
    if first is None:
        return  # everything came from the cache: spaCy is never loaded
    results = analysed(chain([first], pending), name, n_process, dask, prepare)
    for facts, prepared in results:
        emit(facts, prepared, keys.pop(facts.article.id, None))


def analysed(
    articles: Iterable[Article], model: str, n_process: int, dask: str | None, prepare: Prepare
) -> Iterator[tuple[ArticleFacts, Any]]:
    """Facts and `prepare(facts)` of each article, from wherever the analysis runs."""
    if dask is not None:
        from kg.nlp.workers import analyse_on_dask

        workers = max(2, n_process)
        return analyse_on_dask(
            articles, address=dask, model=model, workers=workers, prepare=prepare
        )
    if n_process > 1:
        from kg.nlp.workers import analyse_in_pool

        return analyse_in_pool(articles, model=model, processes=n_process, prepare=prepare)
    from kg.nlp.analyse import analyse_articles

    return (
        (facts, prepare(facts) if prepare is not None else None)
        for facts in analyse_articles(articles, model=model)
    )


def spool_facts(
    articles: Iterable[Article],
    spool: BuildSpool,
    options: BuildOptions,
    *,
    cache: FactsCache | None = None,
    advance: Callable[[int], None] | None = None,
    on_key: Callable[[str, Article], None] | None = None,
) -> None:
    """`stream_facts` into a build's spool, analysing where `options` say."""
    stream_facts(
        articles,
        spool.add,
        prepare=spool.prepare,
        model=options.model,
        n_process=options.n_process,
        cache=cache,
        dask=options.dask,
        advance=advance,
        on_key=on_key,
    )
    if spool.count == 0:
        raise NoArticles("no article could be read from the inputs")
