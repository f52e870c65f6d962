"""newskg: build a typed, provenanced knowledge graph from news articles.

The library's face is three functions, each a thin door into one stage of the package:

- `kg.build(paths, out=...)`: read -> analyse -> extract -> resolve -> graph -> every output
  (kg.pipeline.run), as `kg build` does;
- `kg.extract(texts_or_paths)`: the extraction contract of each article, no resolution
  across articles (kg.pipeline.extraction), as `kg extract` does;
- `kg.query(sparql, graph=...)`: SPARQL over a built graph (kg.query), as `kg query` does.

Each imports its stage when called, so `import kg` is quick and loads no spaCy.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.ingest import Skipped
    from kg.pipeline.options import BuildOptions, BuildResult
    from kg.query.engine import QueryResult

__all__ = ["BuildOptions", "BuildResult", "NoArticles", "build", "extract", "query"]


def build(
    paths: Iterable[str | Path] | str | Path = ("seeds",),
    out: str | Path = "out",
    *,
    options: BuildOptions | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles in `paths` and write every output to `out`:
    graph.ttl, graph.graphml, graph.html, facts.jsonl, merges.jsonl and report.json.

    `options` (a `kg.BuildOptions`) sets the base IRI, the spaCy model, worker processes,
    the facts cache, an Oxigraph store and the user's merge rules; `on_skip(skipped)` hears
    of each input that could not be read (the build goes on without it).

    >>> import kg, tempfile
    >>> result = kg.build(["seeds"], out=tempfile.mkdtemp(), options=kg.BuildOptions(cache=False))
    >>> result.articles, result.entities_by_type["Person"]
    (1, 2)
    >>> sorted(path.name for path in result.files)[:3]
    ['facts.jsonl', 'graph.graphml', 'graph.html']
    """
    from kg.pipeline.run import build as run_build

    if isinstance(paths, str | Path):
        paths = [paths]
    return run_build(paths, out, options=options, on_skip=on_skip)


def extract(
    texts_or_paths: Iterable[str | Path] | str | Path,
    *,
    model: str | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the extraction contract of each article (docs/extraction-contract.md), in order.

    A `str` is the text of one article; a `Path` is a file or folder of articles.

    >>> import kg
    >>> facts = next(kg.extract("Roman Seleznev, a Russian hacker, was arrested in 2014."))
    >>> [(e["name"], e["type"]) for e in facts["entities"]]
    [('Roman Seleznev', 'Person'), ('Russia', 'Country')]
    >>> [(m["start"], m["end"], m["text"]) for m in facts["entities"][0]["mentions"]]
    [(0, 14, 'Roman Seleznev')]
    """
    from kg.pipeline.extraction import contract_records

    return contract_records(texts_or_paths, model=model, on_skip=on_skip)


def query(sparql: str, *, graph: str | Path = "out/graph.ttl") -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over a built graph: a Turtle or
    other RDF file, or the Oxigraph store folder of `kg build --store`. The project's
    prefixes (kg:, schema:, skos:, ...) need no PREFIX lines.

    >>> import kg, tempfile
    >>> from pathlib import Path
    >>> out = Path(tempfile.mkdtemp())
    >>> _ = kg.build(["seeds"], out=out)
    >>> result = kg.query(
    ...     "SELECT ?name WHERE { ?p a kg:Person ; skos:prefLabel ?name } ORDER BY ?name",
    ...     graph=out / "graph.ttl",
    ... )
    >>> [row[0].value for row in result.rows]
    ['Anatoly Antonov', 'Roman Seleznev']
    """
    from kg.query.engine import load_store, run_query

    return run_query(load_store(graph), sparql)


def __getattr__(name: str) -> Any:
    # The options and result types load with the pipeline's first module, on first use, so
    # that `import kg.model` (which runs this file first) imports no stage.
    if name in ("BuildOptions", "BuildResult", "NoArticles"):
        from kg.pipeline import options

        return getattr(options, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


class _Face(types.ModuleType):
    """The `kg` module, whose `extract` and `query` stay the functions above.

    Importing a subpackage sets it as an attribute of its parent: the first
    `import kg.extract.facts` anywhere would replace the function `kg.extract` with the
    package kg/extract (and `kg.query` with kg/query). The packages stay importable by name
    (`from kg.extract import ...`), which reads sys.modules, not this attribute.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in ("extract", "query") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Face
