"""Speed and memory of `kg build` against spaCy's own nlp.pipe, on news-bench (issue 6).

    python -m bench.perf --limit 2000            # (a)-(e) on 2,000 articles, plus all of them
    python -m bench.perf --limit 300 --skip-full --repeat 1  # a quick run

Prints one table: (a) efficiency = raw nlp.pipe time / kg build time (same articles, model
and process count; the build's time is the whole command, start-up included), against the
model as spaCy ships it (`spacy.load(name)`, every component) and against the pipeline kg
runs (the same model without the lemmatizer, which no extractor reads). One run of either
command varies by up to 10% from the next on a shared machine, so both run `--repeat` times,
alternately, and (a) is the best time of each (as `timeit` does), with the range of the
ratios of each pair beside it; (b) speed-up of 2 processes over 1, best build against best
build; (c) peak RSS of a 1-process build of `--limit` articles and of all of them; (d) a
second build with nothing changed, as a share of the first; (e) Turtle write and parse time,
pyoxigraph (what kg uses) against rdflib on the same graph. Every command runs in its own
process, and this one stays small: a child's peak RSS as Linux reports it (`ru_maxrss`)
includes the peak of the process that started it, because it is carried across exec.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.news_bench import write_articles

_PIPE = """
import json, sys, time
import spacy
from kg.nlp.load import load_pipeline, model_name
nlp = spacy.load(model_name()) if sys.argv[3] == "shipped" else load_pipeline()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - start, "tokens": tokens}))
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB, largest process of the tree) and stdout of a command."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read().decode() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    if usage.ru_maxrss <= own:  # the figure would be this process's, not the command's
        raise SystemExit(f"this process's peak RSS ({own} KiB) hides that of {command}")
    return seconds, usage.ru_maxrss / 1024, output


def kg_build(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    seconds, rss, _ = timed(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), *extra]
    )
    return seconds, rss


def raw_pipe(corpus: Path, processes: int, pipeline: str) -> float:
    """nlp.pipe seconds; `pipeline` "shipped" (spacy.load) or "kg" (kg.nlp.load_pipeline)."""
    _, _, output = timed([sys.executable, "-c", _PIPE, str(corpus), str(processes), pipeline])
    return json.loads(output)["seconds"]


PIPELINES = (("shipped", "spaCy as shipped"), ("kg", "kg's pipeline"))


def efficiency(
    corpus: Path, out: Path, processes: int, repeat: int
) -> tuple[list[str], float, float, float]:
    """(a) against both pipelines, best of `repeat` alternate runs of each command; and the
    best kg build's seconds and peak RSS, and nlp.pipe's seconds for the shipped model."""
    extra = ("--processes", str(processes)) if processes > 1 else ()
    builds: list[tuple[float, float]] = []
    pipes: dict[str, list[float]] = {pipeline: [] for pipeline, _ in PIPELINES}
    for _ in range(repeat):
        builds.append(kg_build(corpus, out, "--no-cache", *extra))
        for pipeline, _ in PIPELINES:
            pipes[pipeline].append(raw_pipe(corpus, processes, pipeline))
    build, rss = min(builds)
    values = []
    for pipeline, what in PIPELINES:
        pipe = min(pipes[pipeline])
        ratios = [p / b for p, (b, _) in zip(pipes[pipeline], builds, strict=True)]
        spread = f"; each pair {min(ratios):.2f}-{max(ratios):.2f}" if repeat > 1 else ""
        values.append(
            f"vs {what}: {pipe / build:.2f} (nlp.pipe {pipe:.1f} s / kg build {build:.1f} s"
            f"{f', best of {repeat}' if repeat > 1 else ''}{spread})"
        )
    return values, build, rss, min(pipes["shipped"])


# (e) in a process of its own: rdflib's graph would leave this process's peak RSS above a
# build's, and every later command's figure with it (see the module's docstring).
_TURTLE_IO = """
import json, sys, time
import pyoxigraph as ox
import rdflib
from kg.graph.vocab import PREFIXES
turtle = sys.argv[1]
times = {}
start = time.perf_counter()
triples = [quad.triple for quad in ox.parse(path=turtle, format=ox.RdfFormat.TURTLE)]
times["parse pyoxigraph"] = time.perf_counter() - start
start = time.perf_counter()
ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
times["write pyoxigraph"] = time.perf_counter() - start
start = time.perf_counter()
graph = rdflib.Graph().parse(turtle, format="turtle")
times["parse rdflib"] = time.perf_counter() - start
start = time.perf_counter()
graph.serialize(format="turtle")
times["write rdflib"] = time.perf_counter() - start
print(json.dumps(times))
"""


def turtle_io(turtle: Path) -> dict[str, float]:
    """Seconds to parse and write `turtle`, with pyoxigraph and with rdflib."""
    _, _, output = timed([sys.executable, "-c", _TURTLE_IO, str(turtle)])
    return json.loads(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=2000, help="articles for (a), (b), (d), (e)")
    parser.add_argument("--skip-full", action="store_true", help="skip the all-articles build")
    parser.add_argument("--skip-processes", action="store_true", help="skip the 2-process runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command for (a)")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []

    def report(name: str, value: str, target: str) -> None:
        rows.append((name, value, target))
        print(f"  {name}: {value}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="kg-perf-") as scratch:
        folder = Path(scratch)
        corpus = write_articles(args.limit, folder / f"articles-{args.limit}.jsonl")
        n = args.limit
        values, build1, rss_small, pipe1 = efficiency(corpus, folder / "p1", 1, args.repeat)
        for value in values:
            report(f"(a) efficiency, 1 process, {n} articles", value, ">= 0.85")
        if not args.skip_processes:
            values, build2, _, pipe2 = efficiency(corpus, folder / "p2", 2, args.repeat)
            for value in values:
                report(f"(a) efficiency, 2 processes, {n} articles", value, "")
            report(
                "(b) speed-up, 2 processes over 1",
                f"{build1 / build2:.2f}x (nlp.pipe alone, as shipped: {pipe1 / pipe2:.2f}x)",
                ">= 1.7",
            )
        first, _ = kg_build(corpus, folder / "inc")
        again, _ = kg_build(corpus, folder / "inc")
        report(
            "(d) second build, no change",
            f"{again:.1f} s = {100 * again / first:.1f}% of the first ({first:.1f} s)",
            "<= 10%",
        )
        io = turtle_io(folder / "p1" / "graph.ttl")
        ours, theirs = io["write pyoxigraph"], io["write rdflib"]
        report(
            "(e) Turtle write, pyoxigraph vs rdflib",
            f"{ours:.2f} s vs {theirs:.2f} s = {theirs / ours:.0f}x",
            ">= 10x",
        )
        ours, theirs = io["parse pyoxigraph"], io["parse rdflib"]
        report(
            "(e) Turtle parse, pyoxigraph vs rdflib",
            f"{ours:.2f} s vs {theirs:.2f} s = {theirs / ours:.0f}x",
            ">= 10x",
        )
        report(f"(c) peak RSS, {n} articles", f"{rss_small:.0f} MiB", "")
        if not args.skip_full:
            full = write_articles(None, folder / "articles-all.jsonl")
            seconds, rss_full = kg_build(full, folder / "full", "--no-cache")
            report(
                "(c) peak RSS, all 20,961 articles",
                f"{rss_full:.0f} MiB = {rss_full / rss_small:.2f}x ({seconds:.0f} s)",
                "<= 1.3x",
            )

    print("| measure | result | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    main()
