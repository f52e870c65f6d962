"""newskg's own time on top of spaCy, stage by stage, on the first news-bench articles.

    python -m bench.overhead --limit 500            # seconds per stage, best of 3
    python -m bench.overhead --limit 500 --digest   # and a digest of every output file
    python -m bench.overhead --limit 300 --profile extract   # cProfile of one stage

`bench.perf` measures a whole `kg build` against spaCy's `nlp.pipe`; what newskg adds is the
difference, a fifth of the build, and on a shared machine one run of either varies by more
than that. This script parses the articles once (the spaCy Docs are kept in a DocBin under
the system's temporary folder, so later runs skip spaCy) and times only newskg's code in CPU
seconds of this process (`time.process_time`, best of `--repeat`), which other processes'
load barely moves:

- extract: `extract_facts` of every article (what the build runs after each Doc);
- rows: each article's own triples (`BuildSpool.prepare`), then `add` to a fresh spool;
- resolve: the spool resolved into the graph (`BuildSpool.graph`);
- one line per build file: the Turtle from the spool's sorted rows, then GraphML, the page,
  facts and merges JSON Lines, and the report, as `kg.export.outputs.write_outputs` does.

Docs read back from the DocBin give the same facts as fresh ones: the script checks it when
it writes the DocBin. `--digest` prints a SHA-256 of each output file, to show that a change
to the code leaves every byte as it was.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import hashlib
import io
import pstats
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from bench.news_bench import write_articles
from kg.export.formats import FORMATS, write_format
from kg.export.turtle import write_rdf
from kg.ingest import read_articles
from kg.model import Article, ArticleFacts
from kg.nlp.load import analysis_text, load_pipeline, model_name
from kg.pipeline.scratch import cycle_collector_paused
from kg.pipeline.spool import BuildSpool

WRITERS = ("graphml", "html", "facts", "merges")  # between the Turtle and the report


def _docbin_path(limit: int, model: str, articles: list[Article]) -> Path:
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.id.encode() + b"\0" + article.text.encode() + b"\0")
    name = f"newskg-overhead-{model}-{limit}-{digest.hexdigest()[:16]}.spacy"
    return Path(tempfile.gettempdir()) / name


def parsed(limit: int, model: str) -> tuple[list[Article], list[Any]]:
    """The first `limit` news-bench articles as the build reads them, and their Docs."""
    from spacy.tokens import DocBin

    with tempfile.TemporaryDirectory() as folder:
        corpus = write_articles(limit, Path(folder) / "articles.jsonl")
        articles = list(read_articles([corpus], unique_texts=True))
    nlp = load_pipeline(model)
    path = _docbin_path(limit, model, articles)
    if path.exists():
        return articles, list(DocBin().from_disk(path).get_docs(nlp.vocab))
    start = time.perf_counter()
    docs = list(nlp.pipe((analysis_text(a.text) for a in articles), batch_size=64))
    print(f"spaCy: {len(docs)} articles parsed in {time.perf_counter() - start:.1f} s")
    stored = DocBin(store_user_data=True, docs=docs)
    path.write_bytes(stored.to_bytes())
    back = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    if _extract(back, articles) != _extract(docs, articles):
        path.unlink()
        raise SystemExit("Docs read back from the DocBin give other facts: not cached")
    return articles, back


def _extract(docs: list[Any], articles: list[Article]) -> list[ArticleFacts]:
    from kg.extract import extract_facts
    from kg.nlp.load import analysis_text

    # as kg.nlp.analyse does: the text spaCy read is passed, not rebuilt from the Doc
    return [
        extract_facts(doc, article, analysed=analysis_text(article.text))
        for doc, article in zip(docs, articles, strict=True)
    ]


@dataclasses.dataclass
class Stages:
    """CPU seconds of each stage of one run, in the order they ran."""

    seconds: dict[str, float] = dataclasses.field(default_factory=dict)

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        start = time.process_time()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - start


def run_once(
    docs: list[Any], articles: list[Article], out: Path, profile: str | None = None
) -> Stages:
    """Every stage once, the outputs written to `out`; `profile` names a stage to profile."""
    stages = Stages()
    profiler = cProfile.Profile()

    def stage(name: str, work: Callable[[], Any]) -> Any:
        with stages.timed(name):
            if name != profile:
                return work()
            return profiler.runcall(work)

    work = out / "work"
    with closing(BuildSpool(work)) as spool:
        # One article at a time, as a build streams them: no corpus of facts in memory,
        # which would make every cycle collection slower than in a build.
        for doc, article in zip(docs, articles, strict=True):
            facts = stage("extract", lambda d=doc, a=article: _extract([d], [a])[0])
            stage("rows", lambda f=facts: spool.add(f, spool.prepare(f)))
        with cycle_collector_paused():  # as kg.pipeline.run does from here on
            graph = stage("resolve", spool.graph)
            built = spool.built(graph)
            turtle = out / FORMATS["turtle"].build_file
            triples = stage("turtle", lambda: write_rdf(built.sorted_rows(), turtle, None))
            for name in WRITERS:
                target = out / FORMATS[name].build_file
                stage(name, lambda n=name, t=target: write_format(n, built, t))
            final = dataclasses.replace(built, turtle=turtle, triples=triples)
            report = out / FORMATS["report"].build_file
            stage("report", lambda: write_format("report", final, report))
    if profile is not None:
        _print_profile(profiler, profile)
    return stages


def _print_profile(profiler: cProfile.Profile, name: str) -> None:
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(35)
        print(f"--- profile of {name}, by {order} ---")
        print(text.getvalue())


def digests(out: Path) -> dict[str, str]:
    files = sorted(p for p in out.iterdir() if p.is_file())
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=500, help="first N news-bench articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs; each stage's best counts")
    parser.add_argument("--model", default=None, help="spaCy pipeline (kg's default)")
    parser.add_argument("--digest", action="store_true", help="SHA-256 of each output file")
    parser.add_argument("--profile", default=None, help="cProfile one stage (one run only)")
    args = parser.parse_args()
    articles, docs = parsed(args.limit, model_name(args.model))
    best: dict[str, float] = {}
    runs = 1 if args.profile else args.repeat
    with tempfile.TemporaryDirectory() as folder:
        for index in range(runs):
            out = Path(folder) / f"run{index}"
            out.mkdir()
            gc.collect()
            stages = run_once(docs, articles, out, args.profile)
            for name, seconds in stages.seconds.items():
                best[name] = min(seconds, best.get(name, seconds))
        print(f"{len(articles)} articles, CPU seconds, best of {runs}")
        for name, seconds in best.items():
            print(f"  {name:<8} {seconds:7.3f} s")
        extract = best["extract"]
        after = sum(best.values()) - extract
        print(
            f"  per article: extract {1000 * extract / len(articles):.2f} ms; "
            f"rows to report {after:.3f} s; total {sum(best.values()):.3f} s"
        )
        if args.digest:
            for name, digest in digests(Path(folder) / "run0").items():
                print(f"  {digest}  {name}")


if __name__ == "__main__":
    main()
