"""The files of a build: every format of the writers table that has a `build_file`.

The RDF is the one exception to calling each writer in turn, and only in how it is called:
it is the Turtle writer's `write_rdf`, given the N-Triples file too when the build keeps an
Oxigraph store (one pass over the rows makes both), and run in a process of its own when
the build has cores to spare (`rows_file`: a finished row spool). The report comes last,
since it validates the Turtle written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from kg.export.formats import FORMATS, BuiltGraph, write_format
from kg.export.rdf_stream import load_store, rdf_written_aside
from kg.export.turtle import write_rdf

STORE_DIR = "graph.oxigraph"
NTRIPLES_FILE = "graph.nt"
_RDF, _REPORT = "turtle", "report"
Written = Callable[[Path], None]


def write_outputs(
    built: BuiltGraph,
    out_dir: Path,
    *,
    rows_file: Path | None = None,
    store: bool = False,
    on_written: Written | None = None,
) -> tuple[int, tuple[Path, ...]]:
    """Write every build file into out_dir; return the triple count and the files written.

    With `store`, N-Triples and an on-disk Oxigraph store (out_dir/graph.oxigraph) too.
    `on_written(path)` is called as each file is finished (output_count(store) calls).
    """
    done = on_written or _nothing
    out_dir.mkdir(parents=True, exist_ok=True)
    turtle = out_dir / _build_file(_RDF)
    ntriples = out_dir / NTRIPLES_FILE if store else None
    others = [n for n, spec in FORMATS.items() if spec.build_file and n not in (_RDF, _REPORT)]
    with ExitStack() as stack:
        if rows_file is not None:
            aside = rdf_written_aside(rows_file, turtle, ntriples, built.base_iri)
            pending = stack.enter_context(aside)
        else:
            triples = write_rdf(built.sorted_rows(), turtle, ntriples, base_iri=built.base_iri)
            done(turtle)
        files = []
        for name in others:
            files.append(out_dir / _build_file(name))
            write_format(name, built, files[-1])
            done(files[-1])
        if rows_file is not None:
            triples = pending.result()
            done(turtle)
    written = [turtle]
    if ntriples is not None:
        done(ntriples)  # written with the Turtle, whose pass over the rows makes both
        load_store(ntriples, out_dir / STORE_DIR)
        done(out_dir / STORE_DIR)
        written += [ntriples, out_dir / STORE_DIR]
    report = out_dir / _build_file(_REPORT)
    write_format(_REPORT, dataclasses.replace(built, turtle=turtle, triples=triples), report)
    done(report)
    return triples, (*written, *files, report)


def output_count(store: bool) -> int:
    """How many files write_outputs writes (and reports to `on_written`)."""
    others = sum(1 for spec in FORMATS.values() if spec.build_file)  # the Turtle and report too
    return others + (2 if store else 0)


def _nothing(_: Path) -> None:
    return None


def _build_file(name: str) -> str:
    build_file = FORMATS[name].build_file
    assert build_file is not None, f"{name} is not a build file"
    return build_file
