"""Escaping, with hypothesis: adversarial names, titles and texts never break an output.

Quotes, backslashes, newlines, `<>&`, control characters, emoji, right-to-left text and
10,000-character strings go into a hand-made graph (no spaCy); the Turtle must parse with
rdflib, pyoxigraph and raptor's `rapper` and give the same strings back, GraphML must
parse with networkx, the JSON Lines and the HTML page's JSON must parse, and every IRI
must be a valid IRI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.contract import facts_to_line
from kg.export.graphml import write_graphml
from kg.export.html import render_html
from kg.export.turtle import write_turtle
from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.model import Article, ArticleFacts, Entity, KnowledgeGraph, Mention, MentionRef, Node, Span
from kg.resolve import slugify

PIECES = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\n",
    "\r\n",
    "\t",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<script>alert(1)</script>",
    "\x00",
    "\x01",
    "\x0b",
    "\x1f",
    "\x7f",
    "\u0085",
    "\u2028",
    "\ufeff",
    "\U0001f600",
    "\U0001f1fa\U0001f1f8",
    "\u202e",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "@prefix",
    "^^",
    "@en",
    "_:b0",
    "<http://x/>",
    " . ",
    "#",
    "%",
    "{",
    "}",
    "\ufffd",
    "\u00e9",
    "e\u0301",
]
adversarial = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=("Cs",)))),
    max_size=8,
).map("".join)
long_text = st.sampled_from(["", "x" * 10_000, '\u202e<&>"\\\n' * 1_500])
RAPPER = shutil.which("rapper")


def graph_of(title: str, name: str, text: str, url: str) -> KnowledgeGraph:
    """One article and one person with these strings, the name mentioned in the text."""
    body = f"{text} {name} {text}."
    start = len(text) + 1
    mention = Mention(start, start + len(name), name, 0)
    article = Article(id="a1", text=body, title=title, date="2020-01-02", url=url or None)
    entity = Entity("e0", "Person", name or "?", (mention,), aliases=(name + "\\",))
    facts = ArticleFacts(article, (Span(0, len(body)),), (entity,))
    key = f"person/{slugify(name)}"
    node = Node(key, "Person", name or "?", (name + "\\",), (MentionRef("a1", "e0", mention),))
    return KnowledgeGraph((facts,), (node,), (), entity_keys={("a1", "e0"): key})


def literals(graph: rdflib.Graph) -> set[str]:
    return {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}


@settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    title=st.one_of(adversarial, long_text),
    name=adversarial,
    text=st.one_of(adversarial, long_text),
    url=st.one_of(st.just(""), adversarial.map(lambda s: "https://x.example/" + s)),
)
def test_adversarial_strings_survive_every_output(
    tmp_path: Path, title: str, name: str, text: str, url: str
) -> None:
    kg = graph_of(title, name, text, url)
    turtle = tmp_path / "graph.ttl"
    write_turtle(kg, turtle)

    parsed = rdflib.Graph().parse(turtle, format="turtle")
    store = ox.Store()
    store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    assert len(parsed) == len(store) > 0
    found = literals(parsed)
    for value in (title, name or "?", name + "\\"):
        if value:
            assert value in found, repr(value)
    for iri in {str(t) for triple in parsed for t in triple if isinstance(t, rdflib.URIRef)}:
        ox.NamedNode(iri)  # raises on an invalid IRI
        assert not re.search(r"[\s<>\"{}|\\^`]", iri), iri

    graphml = tmp_path / "graph.graphml"
    write_graphml(kg, graphml)
    assert nx.read_graphml(graphml).number_of_nodes() >= 2

    record = json.loads(facts_to_line(kg.articles[0], base_iri=DEFAULT_BASE_IRI))
    assert record["title"] == title
    assert record["entities"][0]["name"] == (name or "?")

    page, _ = render_html(kg)
    data = page.split('<script type="application/json" id="kg-data">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data  # nothing in the data can close the script element
    nodes = json.loads(data)["nodes"]
    assert [n["id"] for n in nodes] == sorted(["article/a1", kg.nodes[0].key])


@pytest.mark.skipif(RAPPER is None, reason="raptor2-utils (rapper) is not installed")
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(title=adversarial, name=adversarial, text=adversarial)
def test_rapper_parses_the_turtle(tmp_path: Path, title: str, name: str, text: str) -> None:
    turtle = tmp_path / "graph.ttl"
    count = write_turtle(graph_of(title, name, text, ""), turtle)
    run = subprocess.run(
        [RAPPER, "-i", "turtle", "-o", "ntriples", "-q", str(turtle)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    assert len(run.stdout.splitlines()) == count
