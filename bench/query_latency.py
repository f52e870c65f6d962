"""SPARQL latency of the example queries: pyoxigraph (what `kg query` uses) against rdflib.

    python -m bench.query_latency                # graph of the first 5,000 news-bench articles
    python -m bench.query_latency --limit 500    # a quick run

Builds (once; later runs reuse bench/results/news-bench-N/ and the build's facts cache) the
graph of the first N articles of ../shared/data/news-bench, loads its Turtle into each
engine, and runs every query of ontology/queries/*.rq five times in each, printing the
median as a Markdown table. The ontology's prefixes are predeclared in both engines. An
rdflib query slower than 20 s runs once, and one past 120 s is stopped and shown as such.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.news_bench import write_articles

RESULTS = Path("bench/results")
QUERIES = Path("ontology/queries")
RUNS = 5
SLOW_S = 20.0
CAP_S = 120.0  # an rdflib query still running after this is stopped and reported so


def bench_build(limit: int, *, processes: int = 2) -> Path:
    """The output folder of `kg build` over the first `limit` news-bench articles."""
    from kg.pipeline.options import BuildOptions
    from kg.pipeline.run import build

    out = RESULTS / f"news-bench-{limit}"
    if (out / "graph.ttl").exists() and (out / "graph.html").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    subset = write_articles(limit, out / "articles.jsonl")
    started = time.perf_counter()
    # No facts cache: with 2 processes it fails today (SQLite used across threads).
    result = build(
        [subset],
        out,
        options=BuildOptions(n_process=processes, max_nodes=5000, show_progress=False, cache=False),
    )
    print(
        f"built {result.articles} articles, {result.triples} triples "
        f"in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return out


def median_seconds(run: Callable[[], int]) -> tuple[float, int, int]:
    """Median wall time of RUNS calls, the row count, and how many runs were made.

    A query slower than SLOW_S is run once only: five runs of minutes would say nothing
    more than one does.
    """
    times, rows = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
        if times[0] > SLOW_S:
            break
    return statistics.median(times), rows, len(times)


def in_child(work: Callable[[], tuple], cap_s: float) -> tuple | None:
    """`work()` run in a forked child (which shares the parsed graph), or None when it
    passes `cap_s`: an rdflib query cannot be stopped from inside its own process."""
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(work()))
    child.start()
    result = receive.recv() if receive.poll(cap_s) else None
    child.kill()
    child.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000, help="news-bench articles to build")
    args = parser.parse_args()

    import rdflib

    from kg.graph.vocab import PREFIXES
    from kg.query import load_store, read_query, run_query

    turtle = bench_build(args.limit) / "graph.ttl"
    started = time.perf_counter()
    store = load_store(turtle)
    ox_load = time.perf_counter() - started
    started = time.perf_counter()
    graph = rdflib.Graph().parse(turtle, format="turtle")
    rdf_load = time.perf_counter() - started

    print(f"graph: {turtle} ({len(store)} triples)\n")
    print("| query | rows | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| load the Turtle file | | {ox_load * 1000:.0f} | {rdf_load * 1000:.0f} | "
        f"{rdf_load / ox_load:.1f}x |"
    )
    for path in sorted(QUERIES.glob("*.rq")):
        text, name = read_query(str(path))
        ox_s, ox_rows, _ = median_seconds(
            lambda t=text, n=name: len(run_query(store, t, name=n).rows)
        )
        measured = in_child(
            lambda t=text: median_seconds(lambda: len(list(graph.query(t, initNs=PREFIXES)))),
            CAP_S,
        )
        if measured is None:
            print(
                f"| {path.name} | {ox_rows} | {ox_s * 1000:.1f} | > {CAP_S * 1000:.0f} "
                f"(stopped) | > {CAP_S / ox_s:.0f}x |",
                flush=True,
            )
            continue
        rdf_s, rdf_rows, rdf_runs = measured
        flag = "" if ox_rows == rdf_rows else f" (rdflib: {rdf_rows} rows)"
        once = "" if rdf_runs == RUNS else f" ({rdf_runs} run)"
        print(
            f"| {path.name} | {ox_rows}{flag} | {ox_s * 1000:.1f} | {rdf_s * 1000:.1f}{once} | "
            f"{rdf_s / ox_s:.0f}x |",
            flush=True,
        )
    print(f"\nmedian of {RUNS} runs (one when slower than {SLOW_S:g} s); one process")


if __name__ == "__main__":
    main()
