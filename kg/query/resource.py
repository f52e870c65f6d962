"""Describe one resource of the served graph: its triples as Turtle, and as an HTML page.

`kg serve` answers `/resource/person/roman-seleznev` with the triples that have
`{base}person/roman-seleznev` as subject or as object (a concise bounded description;
the graph has no blank nodes to follow). The triples come from a query worker, by
`describe_query`, under the same time, memory and size limits as any query; this module
only reads its N-Triples answer.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pyoxigraph as ox

from kg.export.turtle import turtle_bytes
from kg.graph.vocab import SCHEMA, SKOS
from kg.query.pages import (
    RESOURCE_MOUNT,
    RESOURCE_PATH,
    compact_iri,
    html_page,
    resource_href,
    term_binding,
    term_html,
)

# Triples listed per direction: a country is the object of thousands of mentions.
MAX_TRIPLES = 1000
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# What names a resource on its page, best first: entities, events, articles.
LABEL_PROPERTIES: tuple[str, ...] = (str(SKOS.prefLabel), RDFS_LABEL, str(SCHEMA.headline))

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def resource_iri(path: str, base_iri: str) -> str | None:
    """The IRI a server path names, or None when the path is not a resource's.

    `/resource/person/roman-seleznev` names `{base}person/roman-seleznev`; so does the IRI's
    own path (`/newskg/resource/person/...` for the default base), so that an IRI minted
    under the server's own origin dereferences as it is.
    """
    base_path = "/" + base_iri.split("://", 1)[-1].partition("/")[2]
    for mount in dict.fromkeys((RESOURCE_MOUNT, base_path)):
        if mount != "/" and path.startswith(mount):
            rest = path[len(mount) :]
            return base_iri + rest if RESOURCE_PATH.fullmatch(rest) else None
    return None


def describe_query(iri: str, limit: int = MAX_TRIPLES) -> str:
    """CONSTRUCT the triples about `iri` both ways, and the labels of what they link to."""
    ox.NamedNode(iri)  # a valid IRI holds none of the characters that end <...> in SPARQL
    labels = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    return (
        f"CONSTRUCT {{ <{iri}> ?p ?o . ?o ?lp ?ol . ?s ?q <{iri}> . ?s ?lq ?sl . }}\n"
        "WHERE {\n"
        f"  {{ {{ SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p ?o LIMIT {limit} }}\n"
        f"    OPTIONAL {{ ?o ?lp ?ol FILTER (?lp IN ({labels})) }} }}\n"
        "  UNION\n"
        f"  {{ {{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} ORDER BY ?q ?s LIMIT {limit} }}\n"
        f"    OPTIONAL {{ ?s ?lq ?sl FILTER (?lq IN ({labels})) }} }}\n"
        "}\n"
    )


@dataclass(frozen=True)
class Description:
    """The triples about one resource, in a fixed order, and the labels of its neighbours."""

    iri: str
    outgoing: tuple[Triple, ...]  # the resource is the subject
    incoming: tuple[Triple, ...]  # the resource is the object
    labels: dict[str, str]  # IRI -> its label, for the resource and what it links to

    @property
    def found(self) -> bool:
        """Whether the graph has any triple about the resource (else the answer is 404)."""
        return bool(self.outgoing or self.incoming)

    @property
    def truncated(self) -> bool:
        """Whether a direction reached MAX_TRIPLES, so the page says it shows only those."""
        return len(self.outgoing) >= MAX_TRIPLES or len(self.incoming) >= MAX_TRIPLES


def _order(triple: Triple) -> tuple[str, str, str]:
    """Triples sort by their N-Triples terms, so a page and a Turtle answer never vary."""
    return (str(triple[0]), str(triple[1]), str(triple[2]))


def read_description(iri: str, ntriples: bytes) -> Description:
    """The worker's N-Triples answer to `describe_query(iri)` as a Description."""
    outgoing: list[Triple] = []
    incoming: list[Triple] = []
    found_labels: dict[str, dict[str, str]] = {}
    for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        triple = (t.subject, t.predicate, t.object)
        if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri:
            outgoing.append(triple)
        elif isinstance(t.object, ox.NamedNode) and t.object.value == iri:
            incoming.append(triple)
        if t.predicate.value in LABEL_PROPERTIES and isinstance(t.subject, ox.NamedNode):
            found_labels.setdefault(t.subject.value, {})[t.predicate.value] = t.object.value
    labels = {
        subject: next(by[p] for p in LABEL_PROPERTIES if p in by)
        for subject, by in sorted(found_labels.items())
    }
    return Description(
        iri, tuple(sorted(outgoing, key=_order)), tuple(sorted(incoming, key=_order)), labels
    )


def description_rdf(description: Description, rdf_format: ox.RdfFormat, base_iri: str) -> bytes:
    """The resource's own triples (not its neighbours' labels) in `rdf_format`."""
    triples = [ox.Triple(*t) for t in (*description.outgoing, *description.incoming)]
    if rdf_format == ox.RdfFormat.TURTLE:
        return turtle_bytes(triples, base_iri)  # the build's own prefixes, in a fixed order
    return ox.serialize(triples, format=rdf_format)


def description_page(description: Description, base_iri: str) -> str:
    """The resource for a browser: its label, its properties, and what refers to it."""
    iri = description.iri
    title = description.labels.get(iri) or compact_iri(iri, base_iri)
    turtle = (resource_href(iri, base_iri) or "") + "?format=turtle"
    parts = [
        f'<h1 id="label">{html.escape(title)}</h1>',
        f'<p><code id="iri">{html.escape(iri)}</code> · <a href="{html.escape(turtle)}" '
        'download="resource.ttl">Turtle</a></p>',
        "<h2>Properties</h2>",
        _rows("properties", [(t[1], t[2]) for t in description.outgoing], description, base_iri),
    ]
    if description.incoming:
        parts.append("<h2>Referred to by</h2>")
        pairs = [(t[1], t[0]) for t in description.incoming]
        parts.append(_rows("referrers", pairs, description, base_iri))
    if description.truncated:
        parts.append(f"<p>The first {MAX_TRIPLES} triples each way are shown.</p>")
    return html_page(title, "\n".join(parts))


def _rows(
    table_id: str,
    pairs: list[tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]],
    description: Description,
    base_iri: str,
) -> str:
    """A two-column table, property then value, each value linked and labelled."""
    rows = "\n".join(
        f"<tr><td>{term_html(term_binding(p), base_iri)}</td>"
        f"<td>{term_html(term_binding(v), base_iri, _label(v, description))}</td></tr>"
        for p, v in pairs
    )
    return f'<table id="{table_id}"><tbody>\n{rows}\n</tbody></table>'


def _label(term: object, description: Description) -> str | None:
    """The label of a linked IRI, shown instead of its compact form; None for literals."""
    return description.labels.get(term.value) if isinstance(term, ox.NamedNode) else None
