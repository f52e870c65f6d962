"""Query results as text: an aligned table, CSV, TSV, SPARQL 1.1 Results JSON or XML.

The table is a Markdown pipe table, readable on a terminal and pasteable into a README.
CSV, TSV, JSON and XML follow the W3C SPARQL 1.1 Query Results formats, so other tools
read them. A CONSTRUCT/DESCRIBE graph is written as Turtle, N-Triples or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.graph.vocab import PREFIXES
from kg.query.engine import QueryResult

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld")
# Formats of a graph (CONSTRUCT / DESCRIBE); "table" shows it as Turtle, "json" as JSON-LD.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "table": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "jsonld": ox.RdfFormat.JSON_LD,
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_SPARQL_XML = "http://www.w3.org/2005/sparql-results#"
# Longest namespace first, so that a namespace nested in another picks the longer prefix.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))

Term = ox.NamedNode | ox.BlankNode | ox.Literal | None


class RenderError(ValueError):
    """An output format newskg does not know."""


def render(result: QueryResult, output_format: str = "table") -> str:
    """The result as text in `output_format` (one of FORMATS), ending with a newline."""
    if output_format not in FORMATS:
        raise RenderError(f"unknown format {output_format!r}; use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return _graph(result, output_format)
    if output_format in ("turtle", "ntriples", "jsonld"):
        raise RenderError(f"{output_format} is for CONSTRUCT or DESCRIBE; this is {result.kind}")
    if output_format == "xml":
        return _xml(result)
    if result.kind == "ask":
        if output_format == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[output_format](result)


def _graph(result: QueryResult, output_format: str) -> str:
    rdf_format = GRAPH_FORMATS.get(output_format)
    if rdf_format is None:
        known = ", ".join(GRAPH_FORMATS)
        raise RenderError(f"{output_format} is for SELECT or ASK; a graph is one of {known}")
    # Prefixes make Turtle readable; N-Triples and JSON-LD have no use for them.
    prefixes = PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None
    return ox.serialize(list(result.triples), format=rdf_format, prefixes=prefixes).decode()


def _xml(result: QueryResult) -> str:
    # SPARQL 1.1 Query Results XML, built with the standard library: pyoxigraph writes it
    # only from a live QuerySolutions, and a QueryResult has already been read.
    out = ['<?xml version="1.0"?>', f'<sparql xmlns="{_SPARQL_XML}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            ]
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    return "\n".join([*out, "</sparql>"]) + "\n"


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value in (_XSD_STRING, _RDF_LANG_STRING):
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"


def compact(term: Term) -> str:
    """A term for people: a literal's text, an IRI shortened with the ontology's prefixes."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    for name, namespace in _BY_LENGTH:
        if term.value.startswith(namespace):
            return f"{name}:{term.value[len(namespace) :]}"
    return f"<{term.value}>"


def _table(result: QueryResult) -> str:
    header = list(result.variables)
    body = [
        [compact(term).replace("\n", " ").replace("|", "\\|") for term in row]
        for row in result.rows
    ]
    widths = [max([len(h), 3, *(len(row[i]) for row in body)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rows = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    rows += [line(row) for row in body]
    return "\n".join(rows) + "\n"


def _csv(result: QueryResult) -> str:
    # SPARQL 1.1 CSV: plain values (IRIs without <>), CRLF line ends as RFC 4180 asks.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buffer.getvalue()


def _csv_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _tsv(result: QueryResult) -> str:
    # SPARQL 1.1 TSV: variables with "?", terms in N-Triples syntax (str() of a pyoxigraph term).
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: QueryResult) -> str:
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False) + "\n"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    made = {"type": "literal", "value": term.value}
    if term.language:
        made["xml:lang"] = term.language
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
        made["datatype"] = term.datatype.value
    return made
