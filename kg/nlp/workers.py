"""Analysis on many processes: a local process pool, or a Dask distributed cluster.

Both send batches of articles to workers that run spaCy *and* the extractors, and send back
plain ArticleFacts, which are far smaller to move than spaCy Docs, each with what the
build's `prepare` step made of it (its RDF rows): the parent only stores them. Each worker
loads the model once (`kg.nlp.load_pipeline` is cached per process). Results arrive in any
order; a build sorts everything it writes, so the output is the same as a single-process
build.

Dask is optional (`pip install "newskg[dask]"`); every worker must have newskg installed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from kg.model import Article, ArticleFacts
from kg.nlp.load import BATCH_CHARS, text_batches

LOCAL = "local"  # `--dask local` starts a LocalCluster on this machine


class DaskUnavailable(Exception):
    """Dask distributed is not installed, or its scheduler cannot be reached."""


Prepare = Callable[[ArticleFacts], Any] | None
Prepared = tuple[ArticleFacts, Any]  # facts, and prepare(facts) (None without a prepare step)


def analyse_batch(batch: list[Article], model: str, prepare: Prepare = None) -> list[Prepared]:
    """Analyse and extract one batch of articles in this process (the worker task).

    `prepare` (a picklable function) runs here too, so its work is spread over the workers
    instead of queueing in the parent.
    """
    from kg.nlp.analyse import analyse_articles  # imports spaCy: only on the worker

    return [
        (facts, prepare(facts) if prepare is not None else None)
        for facts in analyse_articles(batch, model=model)
    ]


def _pool_task(args: tuple[list[Article], str, Prepare]) -> list[Prepared]:
    return analyse_batch(*args)


def analyse_in_pool(
    articles: Iterable[Article],
    *,
    model: str,
    processes: int,
    prepare: Prepare = None,
    ordered: bool = False,
) -> Iterator[Prepared]:
    """Facts of `articles` from `processes` worker processes, in completion order (in input
    order with `ordered`, which can leave a worker waiting on a slow batch)."""
    # spawn, not fork: a forked copy of a parent that already loaded spaCy is fragile.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        tasks = ((batch, model, prepare) for batch in text_batches(articles, BATCH_CHARS))
        # imap_unordered pulls tasks lazily (a few per worker), so memory stays bounded.
        imap = pool.imap if ordered else pool.imap_unordered
        results = imap(_pool_task, tasks)
        for facts in results:
            yield from facts


def connect(address: str, *, workers: int = 2):  # -> distributed.Client
    """A Dask client for `address`; "local" starts a LocalCluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise DaskUnavailable(
            'running on Dask needs dask[distributed]: pip install "newskg[dask]"'
        ) from error
    try:
        if address == LOCAL:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            return Client(cluster)
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from error


def analyse_on_dask(
    articles: Iterable[Article],
    *,
    address: str,
    model: str,
    workers: int = 2,
    prepare: Prepare = None,
    in_flight: int | None = None,
    on_client: Callable[[object], None] | None = None,
) -> Iterator[Prepared]:
    """Facts of `articles` computed on a Dask cluster, in completion order.

    At most `in_flight` batches (default: two per worker) are submitted at a time, so a
    corpus larger than memory streams through the cluster.
    """
    from distributed import as_completed

    client = connect(address, workers=workers)
    try:
        if on_client is not None:
            on_client(client)
        limit = in_flight or 2 * max(1, len(client.scheduler_info()["workers"]))
        pending = text_batches(articles, BATCH_CHARS)
        # pure=False: two equal batches are still two tasks (Dask would otherwise dedupe).
        futures = as_completed(
            [
                client.submit(analyse_batch, b, model, prepare, pure=False)
                for b in islice(pending, limit)
            ]
        )
        for future in futures:
            yield from future.result()
            future.release()
            following = next(pending, None)
            if following is not None:
                futures.add(client.submit(analyse_batch, following, model, prepare, pure=False))
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and address == LOCAL:
            cluster.close()
