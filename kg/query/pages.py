"""The HTML pages of `kg serve`: the query form, results as a table, the index page.

Every page is one document with its style and script inline and nothing fetched from
elsewhere. The server sends `CONTENT_SECURITY_POLICY` with each: it allows exactly this
module's style and script (by hash, so an injected `<script>` would not run even if
escaping failed), no inline event handlers, and requests to the same origin only. Every
value from the graph or the request is escaped with `html.escape` before it is written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.graph.vocab import turtle_prefixes

# ontology/ sits beside the package in a checkout (kg.export.turtle finds it the same way).
QUERIES_FOLDER = Path(__file__).resolve().parents[2] / "ontology" / "queries"
MAX_TABLE_ROWS = 1000
# The largest answer a results page reads into a table; larger ones are downloads only.
MAX_PAGE_ANSWER_BYTES = 4 * 1024 * 1024
RESOURCE_MOUNT = "/resource/"
# A resource path below the base: RFC 3986 path characters and percent escapes only, so
# that the IRI it names can be written inside <...> in SPARQL and in an href unchanged.
RESOURCE_PATH = re.compile(r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})+")
# ?format= on /sparql: what a download link asks for, as the Accept header it stands for.
DOWNLOADS: dict[str, str] = {
    "csv": "text/csv",
    "json": "application/sparql-results+json",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "xml": "application/sparql-results+xml",
}
SOLUTION_DOWNLOADS = ("csv", "json", "xml", "tsv")
GRAPH_DOWNLOADS = ("turtle", "ntriples", "jsonld")
# What the page asks the worker for: solutions as JSON, a CONSTRUCT graph as N-Triples.
PAGE_ACCEPT = "application/sparql-results+json, application/n-triples"
FILE_SUFFIXES: dict[str, str] = {
    "csv": "csv",
    "json": "srj",
    "jsonld": "jsonld",
    "ntriples": "nt",
    "tsv": "tsv",
    "turtle": "ttl",
    "xml": "srx",
}
DEFAULT_QUERY = """\
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?resource ?label
WHERE { ?resource skos:prefLabel ?label }
ORDER BY ?label
LIMIT 50
"""

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em;
       padding: 0 1em; color: #222; }
textarea { width: 100%; font: 13px/1.4 ui-monospace, monospace; box-sizing: border-box; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
pre.error { background: #fff0f0; border: 1px solid #d88; padding: .5em; white-space: pre-wrap; }
ul.examples li { margin: .2em 0; }
code.name { color: #777; font-size: 85%; }
a.download { margin-right: 1em; }
"""

SCRIPT = """
document.querySelectorAll("a.example").forEach(function (link) {
  link.addEventListener("click", function (event) {
    event.preventDefault();
    var box = document.getElementById("query");
    box.value = link.getAttribute("data-query");
    box.focus();
  });
});
"""


def _sha256(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# The same policy for every page of this module; `connect-src 'self'` leaves room for a
# page that queries its own endpoint, and nothing else.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_sha256(SCRIPT)}; style-src {_sha256(STYLE)}; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
# The explorer page (kg.export.html) carries its code and data inline, in scripts this
# server did not write; it may run them, and still fetch nothing from another origin.
EXPLORER_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src data:; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class ExampleQuery:
    """A shipped query of ontology/queries: file name, its comment as a title, its text."""

    name: str
    title: str
    text: str


def example_queries(folder: Path = QUERIES_FOLDER) -> tuple[ExampleQuery, ...]:
    """The `.rq` files of `folder` in name order; none where the folder is absent."""
    if not folder.is_dir():
        return ()  # an installed package without ontology/: the form still works
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found.append(ExampleQuery(path.stem, query_title(text) or path.stem, text))
    return tuple(found)


def query_title(text: str) -> str:
    """The leading comment of a query, up to its `Parameters:` line, as one line.

    "# The most mentioned entities: type, name, how often named, and in how many articles.
    # Parameters: ?name ..." gives "The most mentioned entities: type, name, ...".
    """
    words: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment = line.lstrip("#").strip()
        if comment.startswith("Parameters:"):
            break
        words.append(comment)
    return " ".join(w for w in words if w)


def html_page(title: str, body: str) -> str:
    """A whole document around `body` (already HTML), with the one style and script."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        # An empty icon: otherwise the browser asks for /favicon.ico, a 404 on every page.
        '<link rel="icon" href="data:,">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>\n"
        f'<body>\n<nav><a href="/">newskg</a> · <a href="/sparql">SPARQL</a></nav>\n'
        f"{body}\n<script>{SCRIPT}</script>\n</body></html>\n"
    )


def index_page() -> str:
    """The page at `/` when the served folder holds no explorer (graph.html)."""
    body = (
        "<h1>newskg</h1>\n<p>A read-only SPARQL 1.1 endpoint over a news knowledge graph.</p>"
        '\n<ul><li><a href="/sparql">Query it</a>: a form with example queries.</li>\n'
        "<li>Resources dereference under <code>/resource/</code>, as HTML for a browser "
        "and as Turtle for <code>Accept: text/turtle</code>.</li></ul>"
    )
    return html_page("newskg", body)


def form_page(examples: tuple[ExampleQuery, ...], query: str = "") -> str:
    """GET /sparql in a browser: a textarea, a Run button, and the example queries."""
    return html_page("SPARQL query", _form(examples, query or DEFAULT_QUERY))


def _form(examples: tuple[ExampleQuery, ...], query: str) -> str:
    """The form that submits GET /sparql?query=..., and the examples that fill it."""
    items = "\n".join(
        f'<li><a class="example" href="/sparql?{urlencode({"query": e.text})}" '
        f'data-query="{html.escape(e.text)}">{html.escape(e.title)}</a> '
        f'<code class="name">{html.escape(e.name)}.rq</code></li>'
        for e in examples
    )
    listing = f'<h2>Example queries</h2>\n<ul class="examples">\n{items}\n</ul>' if items else ""
    return (
        '<h1>SPARQL query</h1>\n<form method="get" action="/sparql" id="query-form">\n'
        '<textarea name="query" id="query" rows="12" spellcheck="false">'
        f"{html.escape(query)}</textarea>\n"
        '<p><button type="submit" id="run">Run</button></p>\n</form>\n'
        f"{listing}"
    )


def results_page(
    examples: tuple[ExampleQuery, ...],
    query: str,
    reply: tuple[int, str, bytes],
    base_iri: str,
    max_bytes: int = MAX_PAGE_ANSWER_BYTES,
) -> str:
    """A query's answer for a browser: the form again, then a table or the error.

    An answer over `max_bytes` is not read into a table (the server process would hold
    all of it): the page says its size and offers the downloads.
    """
    status, media, body = reply
    if status != 200:
        shown = f'<pre class="error">{html.escape(body.decode("utf-8", "replace"))}</pre>'
        return html_page("SPARQL error", _form(examples, query) + "\n" + shown)
    graph = media == "application/n-triples"
    if len(body) > max_bytes:
        shown = (
            f'<p id="count">The answer is {len(body)} bytes, more than a page shows '
            f"({max_bytes}); download it.</p>"
        )
    else:
        shown = _graph_table(body, base_iri) if graph else _solutions(body, base_iri)
    shown += _downloads(query, GRAPH_DOWNLOADS if graph else SOLUTION_DOWNLOADS)
    return html_page("SPARQL results", _form(examples, query) + "\n" + shown)


def _graph_table(ntriples: bytes, base_iri: str) -> str:
    """A CONSTRUCT or DESCRIBE answer as a subject, predicate, object table."""
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    rows = [tuple(term_binding(t) for t in (x.subject, x.predicate, x.object)) for x in triples]
    return _table(("subject", "predicate", "object"), rows, base_iri)


def _solutions(document_bytes: bytes, base_iri: str) -> str:
    """A SELECT answer (SPARQL 1.1 Results JSON) as a table, or an ASK answer's boolean."""
    document = json.loads(document_bytes)
    if "boolean" in document:
        return f'<p id="boolean">{"true" if document["boolean"] else "false"}</p>'
    columns = tuple(document["head"]["vars"])
    rows = [tuple(b.get(v) for v in columns) for b in document["results"]["bindings"]]
    return _table(columns, rows, base_iri)


Binding = dict[str, str] | None


def term_binding(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Binding:
    """A term in the shape of a SPARQL JSON binding, which `term_html` writes."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    return {"type": "literal", "value": term.value}


def _table(columns: tuple[str, ...], rows: list[tuple[Binding, ...]], base_iri: str) -> str:
    """The rows as an HTML table, the first MAX_TABLE_ROWS of them, IRIs linked."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{term_html(b, base_iri)}</td>" for b in row) + "</tr>"
        for row in rows[:MAX_TABLE_ROWS]
    )
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    if len(rows) > MAX_TABLE_ROWS:
        count += f", the first {MAX_TABLE_ROWS} shown; download them all below"
    return (
        f'<p id="count">{count}</p>\n<table id="results"><thead><tr>{head}</tr></thead>'
        f"\n<tbody>\n{body}\n</tbody></table>\n"
    )


def _downloads(query: str, formats: tuple[str, ...]) -> str:
    """Links to the same query's answer as a file in each format."""
    links = " ".join(
        f'<a class="download" href="{html.escape(_download_href(query, f))}"'
        f' download="results.{FILE_SUFFIXES[f]}">{f.upper()}</a>'
        for f in formats
    )
    return f'<p id="downloads">Download: {links}</p>'


def _download_href(query: str, output_format: str) -> str:
    """`/sparql?query=...&format=csv`: the same query, answered as a file."""
    return "/sparql?" + urlencode({"query": query, "format": output_format})


def term_html(binding: Binding, base_iri: str, label: str | None = None) -> str:
    """One term as HTML: an IRI under the base links to its page; everything escaped."""
    if binding is None:
        return ""
    value = binding["value"]
    if binding["type"] == "bnode":
        return html.escape(f"_:{value}")
    if binding["type"] != "uri":
        return html.escape(value)
    shown = html.escape(label if label else compact_iri(value, base_iri))
    href = resource_href(value, base_iri)
    if href is None:
        return f'<span title="{html.escape(value)}">{shown}</span>'
    title = html.escape(value)
    return f'<a class="resource" href="{html.escape(href)}" title="{title}">{shown}</a>'


def resource_href(iri: str, base_iri: str) -> str | None:
    """The server path of a resource IRI under the base, e.g. `/resource/person/x`."""
    rest = iri[len(base_iri) :] if iri.startswith(base_iri) else ""
    if not RESOURCE_PATH.fullmatch(rest):
        return None
    return RESOURCE_MOUNT + rest


def compact_iri(iri: str, base_iri: str) -> str:
    """`person:roman-seleznev`, `kg:Person`: the longest known namespace as a prefix."""
    namespaces = sorted(turtle_prefixes(base_iri).items(), key=lambda item: -len(item[1]))
    for name, namespace in namespaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace) :]}"
    return iri
