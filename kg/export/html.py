"""An interactive HTML page of the graph that works from file:// with the network off.

The page inlines vis-network (the copy pyvis ships) and its own small script; pyvis's page
template is not used, because it links Bootstrap from a CDN and leaves the layout to the
browser's physics, which takes minutes at a few thousand nodes. Here kg.export.layout
computes the layout once, with a fixed seed, no dot on another, and the browser draws it
with physics off: the same graph gives the same bytes, and a 5,000-node page draws in
seconds (bench/html_draw.py).

The graph's data travels as JSON in a `<script type="application/json">` block with `<`, `>`
and `&` escaped, and the page script puts every text from the input into the page with
`textContent`, never as markup, so a title such as `<script>` stays text.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.export.atomic import atomic_write_lines
from kg.export.colors import color_for, type_order
from kg.export.networkx_graph import (
    ARTICLE_PREFIX,
    ARTICLE_TYPE,
    EVENT_PREFIX,
    EVENT_TYPE,
    edge_attributes,
    event_node_id,
    merged_events,
    to_networkx,
)
from kg.model import ArticleFacts, Event, KnowledgeGraph, Node, Relation, Span

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

PAGE_TITLE = "newskg graph"
LAYOUT_SEED = 42
LAYOUT_GAP = 4.0  # world units between two dots; a hollow event's ring takes 1.5 of it
# A small graph has every node labelled, and vis-network's fit stops zooming in at scale 1:
# packed as tightly as a large one, its labels would lie on each other (the seed's 18).
LABELLED_GAP = 90.0
LABELLED_UP_TO = 150
# Article (and event) nodes and their edges help on a small graph and bury a large one.
ARTICLE_NODES_UP_TO = 150
# Co-mention edges start shown on a page of up to this many nodes; past it a checkbox
# shows them (thousands of faint lines hide the typed facts).
COMENTIONS_SHOWN_UP_TO = 300
# Events drawn: those the drawn entities take part in, the most connected first.
MAX_EVENT_NODES = 2000
MAX_ARTICLES_PER_NODE = 10
MAX_EVIDENCE_PER_NODE = 3
MAX_EVIDENCE_CHARS = 300
MAX_LABEL_CHARS = 40

_VIS_DIR = "templates/lib/vis-9.1.2"
TextOf = Callable[[str], str]  # article id -> the article's text
_SCRIPT = Path(__file__).with_name("html_page.js")


class HtmlExportError(ValueError):
    """The HTML page cannot be built as asked (a bad option, or vis-network is missing)."""


def write_html(
    kg: KnowledgeGraph,
    path: str | Path,
    *,
    max_nodes: int | None = None,
    text_of: TextOf | None = None,
) -> int:
    """Write an offline interactive page of `kg` to `path`; return the number of nodes drawn.

    With `max_nodes`, only the most-mentioned entities are drawn (ties broken by key).
    `text_of(article_id)` gives an article's text where the graph's facts do not hold it
    (a streaming build keeps texts on disk: `BuildSpool.article_text`).

    >>> write_html(kg, "out/graph.html", max_nodes=500)  # doctest: +SKIP
    4
    """
    pieces, drawn = page_pieces(kg, max_nodes=max_nodes, text_of=text_of)
    atomic_write_lines(path, pieces)  # the page is tens of MiB for a large graph: no copy
    return drawn


def select_nodes(kg: KnowledgeGraph, max_nodes: int | None) -> list[Node]:
    """The entity nodes to draw, most-mentioned first, ties by key."""
    if max_nodes is not None and max_nodes < 0:
        raise HtmlExportError(f"max_nodes must be 0 or more, got {max_nodes}")
    ranked = sorted(kg.nodes, key=lambda node: (-len(node.mentions), node.key))
    return ranked if max_nodes is None else ranked[:max_nodes]


def node_size(mentions: int) -> float:
    """Dot radius: grows with the mention count, by its square root so hubs do not swamp."""
    return round(8 + 3 * math.sqrt(mentions), 2)


def page_data(
    kg: KnowledgeGraph, *, max_nodes: int | None = None, text_of: TextOf | None = None
) -> dict[str, Any]:
    """Everything the page script draws: nodes with positions, edges, details, articles,
    and an index of the entities not drawn, so that search finds every one."""
    entities = select_nodes(kg, max_nodes)
    keys = {node.key for node in entities}
    article_ids = sorted({a for node in entities for a in node.article_ids})
    article_index = {a: i for i, a in enumerate(article_ids)}
    known = _entity_facts(kg, keys, article_index, text_of)
    graph = drawn_graph(kg, keys, known)
    positions = layout(graph)

    wanted = {node.key: evidence_places(node) for node in entities}
    events = {n for n in graph.nodes if n.startswith(EVENT_PREFIX)}
    reading = _read_articles(kg, article_index, wanted, events, text_of)
    records, sentences = reading.records, reading.sentences
    for node_id, details in reading.events.items():
        details["date"] = graph.nodes[node_id]["date"]  # a merged event's most precise
    nodes = [
        node_record(node_id, data, positions[node_id], node_id in keys, article_index)
        for node_id, data in sorted(graph.nodes(data=True))
    ]
    details = {
        node.key: node_details(node, wanted[node.key], sentences, article_index, known.index)
        for node in entities
    }
    for key, facts in known.facts.items():
        details[key].update(facts)
    relations: dict[str, int] = {}
    places = {node["id"]: index for index, node in enumerate(nodes)}
    edges = [
        record
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))
        for record in edge_records(a, b, data, places, relations)
    ]
    types = sorted({n["type"] for n in nodes} | {n.type for n in kg.nodes}, key=type_order)
    type_index = {t: i for i, t in enumerate(types)}
    return {
        "types": types,
        "colors": {t: color_for(t) for t in types},
        "nodes": nodes,
        "edges": edges,
        "relations": list(relations),
        "details": details,
        "events": reading.events,
        "sentences": list(known.index),
        "event_rows": [list(row) for row in known.rows],
        # the names of the other ends of facts that are not drawn, shown as text
        "names": {k: v for k, v in sorted(known.names.items()) if k not in places},
        "articles": [records.get(a, [a, "", ""]) for a in article_ids],
        # every entity not drawn, [id, label, type, mentions] and, where it takes part in
        # events of drawn entities, [[event row, role], ...]: found by search, shown by focus
        "index": [
            [node.key, node.label, type_index[node.type], len(node.mentions)]
            + ([known.others[node.key]] if node.key in known.others else [])
            for node in kg.nodes
            if node.key not in keys
        ],
        "comentions_shown": len(nodes) <= COMENTIONS_SHOWN_UP_TO,
    }


def drawn_graph(kg: KnowledgeGraph, keys: set[str], known: _Facts) -> nx.Graph:
    """The entities in `keys`, their co-mention and relation edges, the events they take
    part in (the MAX_EVENT_NODES with the most drawn participants) joined to them by role,
    and on a small graph their articles."""
    # Only what may be drawn, not the whole graph in memory: articles join the entities
    # only when there are few of them.
    full = to_networkx(kg, entities=keys, with_neighbours=len(keys) <= ARTICLE_NODES_UP_TO)
    every_entity = {node.key for node in kg.nodes}
    around = {
        n
        for key in keys
        for n in full.neighbors(key)
        if n not in every_entity and not n.startswith(EVENT_PREFIX)
    }
    small = len(keys) + len(around) <= ARTICLE_NODES_UP_TO
    graph = nx.Graph(full.subgraph(keys | around if small else keys))
    for node_id, (attributes, roles) in _event_nodes(known, keys).items():
        graph.add_node(node_id, **attributes)
        for key, role in sorted(roles.items()):
            graph.add_edge(node_id, key, **edge_attributes(role, _role_property(role), 1))
    return graph


def _role_property(role: str) -> str:
    """The ontology property of a role: "Detainee" -> "detainee"."""
    return role[0].lower() + role[1:]


EventNodes = dict[str, tuple[dict[str, Any], dict[str, str]]]


def _event_nodes(known: _Facts, keys: set[str]) -> EventNodes:
    """Event node -> (its attributes, drawn participant -> role), for the events the drawn
    entities take part in: all of them up to MAX_EVENT_NODES, else those with the most
    drawn participants (ties by id). A merged event's date is its most precise report's."""
    rows = list(known.rows)
    found: EventNodes = {}
    for key in sorted(keys & set(known.facts)):
        for row_index, role in known.facts[key].get("events", ()):
            node_id, label, date, factuality = rows[row_index][:4]
            if node_id not in found:
                attributes = {
                    "label": label,
                    "type": EVENT_TYPE,
                    "factuality": factuality,
                    "date": date,
                    "color": color_for(EVENT_TYPE),
                }
                found[node_id] = (attributes, {})
            attributes, roles = found[node_id]
            roles.setdefault(key, role)
            if len(date) > len(attributes["date"]):
                attributes["date"] = date
    ranked = sorted(found, key=lambda n: (-len(found[n][1]), n))[:MAX_EVENT_NODES]
    return {node_id: found[node_id] for node_id in sorted(ranked)}


def edge_records(
    a: str, b: str, data: dict[str, Any], places: dict[str, int], relations: dict[str, int]
) -> list[list[int]]:
    """What the page draws of an edge of `to_networkx`, as [source, target, relation,
    weight]: nodes as indexes into the page's nodes, the ontology property as an index into
    `relations` (filled as edges come).

    "Roman Seleznev - Russia", co-mentioned and stated as citizenOf, is two edges: the
    citizenOf fact from the person to the country, drawn labelled with an arrow, and the
    co-mention, drawn faint (and hidden by default on a large page).
    """
    records = []
    facts = str(data.get("facts", ""))
    for line in sorted(set(facts.split("; "))) if facts else ():
        relation, source, _, target = line.split(" ", 3)
        index = relations.setdefault(relation, len(relations))
        records.append([places[source], places[target], index, 1])
    if facts and data["relation"] != "coMentionedWith":
        return records  # a typed edge: its facts are the edge
    relation, source, target = edge_relation(a, b, data)
    index = relations.setdefault(relation, len(relations))
    return [*records, [places[source], places[target], index, int(data["weight"])]]


def edge_relation(a: str, b: str, data: dict[str, Any]) -> tuple[str, str, str]:
    """(relation, source, target) of an undirected edge of `to_networkx`.

    An entity is the source of its "mentionedIn" edge to an article ("article/a1"), an
    event ("event/a1/v0") of its role edges, and a relation's subject of a typed edge (the
    facts an edge carries are drawn by `edge_records` themselves).
    """
    relation = str(data["relation"])
    if "source" in data:
        source = str(data["source"])
    elif relation == "mentionedIn":
        source = b if a.startswith(ARTICLE_PREFIX) else a
    elif a.startswith(EVENT_PREFIX) or b.startswith(EVENT_PREFIX):
        source = a if a.startswith(EVENT_PREFIX) else b
    else:
        source = a
    return relation, source, b if source == a else a


@dataclass
class _Facts:
    """The facts of the drawn entities, gathered for their details panels."""

    facts: dict[str, dict[str, list[list[Any]]]] = field(default_factory=dict)
    # evidence sentence -> its place in the page's `sentences`: each sentence is sent once
    index: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # entity key -> its label
    # (event node, label, date, factuality, article, sentence) -> its place in `event_rows`:
    # an event's row is sent once, however many drawn entities take part in it
    rows: dict[tuple[Any, ...], int] = field(default_factory=dict)
    # an entity not drawn -> its [row, role] in the events of drawn entities: search and
    # focus show them (a few bytes each, the rows being sent anyway)
    others: dict[str, list[list[Any]]] = field(default_factory=dict)

    def sentence(self, text: str, span: Span) -> int:
        """The index of the sentence in `sentences`: a sentence two facts share is kept once."""
        return self.index.setdefault(_sentence(text, span), len(self.index))

    def add(self, key: str, kind: str, item: list[Any]) -> None:
        """Add `item` to the entity's `kind` ("relations", "events", "quotes") once."""
        items = self.facts.setdefault(key, {}).setdefault(kind, [])
        if item not in items:
            items.append(item)


def _entity_facts(
    kg: KnowledgeGraph, keys: set[str], article_index: dict[str, int], text_of: TextOf | None
) -> _Facts:
    """Each drawn entity's typed relations (both ways), events (with role, date and
    factuality) and quotes, each with its article and evidence sentence."""
    known = _Facts()
    labels = {node.key: node.label for node in kg.nodes}
    merged = merged_events(kg)
    for facts in kg.articles:
        article_id = facts.article.id
        ends = {e.id: kg.entity_keys.get((article_id, e.id)) for e in facts.entities}
        relations = _relations_touching(facts, ends, keys)
        events = [
            e for e in facts.events if any(ends.get(a.entity or "") in keys for a in e.arguments)
        ]
        if not relations and not events:
            continue
        text = text_of(article_id) if text_of else facts.article.text
        article = article_index.get(article_id)
        for relation in relations:
            _add_relation(known, relation, ends, keys, labels, article, text, facts)
        for event in events:
            node_id = event_node_id(article_id, event.id)
            _add_event(known, merged.get(node_id, node_id), event, ends, keys, article, text, facts)
    dates = [row[2] for row in known.rows]
    lists = [items["events"] for items in known.facts.values() if "events" in items]
    for events in lists + list(known.others.values()):
        # an entity's events in date order, undated last
        events.sort(key=lambda item: (not dates[item[0]], dates[item[0]]))
    return known


def _relations_touching(
    facts: ArticleFacts, ends: dict[str, str | None], keys: set[str]
) -> list[Relation]:
    """The article's relations between two nodes with at least one end drawn."""
    from kg.model import LITERAL_RELATIONS

    return [
        r
        for r in facts.relations
        if r.type not in LITERAL_RELATIONS
        and (ends.get(r.subject) in keys or ends.get(r.object) in keys)
    ]


def _add_relation(
    known: _Facts,
    relation: Relation,
    ends: dict[str, str | None],
    keys: set[str],
    labels: dict[str, str],
    article: int | None,
    text: str,
    facts: ArticleFacts,
) -> None:
    """Add the relation to each drawn end: "citizenOf -> Russia" on Seleznev (outward),
    "<- citizenOf: Roman Seleznev" on Russia."""
    subject, other = ends[relation.subject], ends[relation.object]
    if subject is None or other is None:
        raise HtmlExportError(f"relation {relation.type} of {facts.article.id!r} names no node")
    said = known.sentence(text, facts.sentences[relation.sentence])
    for key, end, outward in ((subject, other, 1), (other, subject, 0)):
        if key in keys:
            known.names[end] = labels[end]
            known.add(key, "relations", [relation.type, end, outward, article, said])


def _add_event(
    known: _Facts,
    node_id: str,
    event: Event,
    ends: dict[str, str | None],
    keys: set[str],
    article: int | None,
    text: str,
    facts: ArticleFacts,
) -> None:
    """Add the event to each participant's events (a drawn one's details, or `others`), and
    a statement's quote to its drawn speaker's quotes ('Antonov said: "We will appeal"':
    Communicator Antonov)."""
    said = known.sentence(text, facts.sentences[event.sentences[0]]) if event.sentences else -1
    row = (node_id, event.label or event.type, event.date or "", event.factuality, article, said)
    index = known.rows.setdefault(row, len(known.rows))  # a drawn entity takes part
    for argument in event.arguments:
        key = ends.get(argument.entity or "")
        if key is None:
            continue
        if key not in keys:
            taken = known.others.setdefault(key, [])
            if [index, argument.role] not in taken:
                taken.append([index, argument.role])
            continue
        known.add(key, "events", [index, argument.role])
        if event.quote and argument.role == "Communicator":
            known.add(key, "quotes", [_shorten(" ".join(event.quote.split())), article])


def node_record(
    node_id: str,
    data: dict[str, Any],
    position: tuple[float, float],
    entity: bool,
    article_index: dict[str, int],
) -> dict[str, Any]:
    """What the page draws of a node: its short label, type, colour, size and place; an
    article's index, an event's factuality (those not asserted are drawn hollow)."""
    record: dict[str, Any] = {
        "id": node_id,
        "label": _short_label(str(data["label"]), _factuality_mark(data)),
        "type": data["type"],
        "mentions": int(data.get("mentions", 0)),
        "color": data["color"],
        "entity": entity,
        "size": node_radius(data),
        "x": position[0],
        "y": position[1],
    }
    if data["type"] == ARTICLE_TYPE:
        record["article"] = article_index.get(node_id.removeprefix("article/"))
    if "factuality" in data:
        record["factuality"] = data["factuality"]
    if data["type"] == EVENT_TYPE:
        record["date"] = data["date"]  # the timeline's
    return record


Place = tuple[str, int]  # (article id, sentence index)


def evidence_places(node: Node) -> list[Place]:
    """The sentences a click on the node quotes: its first few distinct ones."""
    places: dict[Place, None] = {}
    for ref in node.mentions:
        places[(ref.article_id, ref.mention.sentence)] = None
        if len(places) == MAX_EVIDENCE_PER_NODE:
            break
    return list(places)


@dataclass
class _Reading:
    """What one reading of the articles gathers for the page."""

    records: dict[str, list[str]] = field(default_factory=dict)  # article id -> its record
    sentences: dict[Place, str] = field(default_factory=dict)  # evidence of entities
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # event node -> details


def _read_articles(
    kg: KnowledgeGraph,
    article_index: dict[str, int],
    wanted: dict[str, list[Place]],
    events: set[str],
    text_of: TextOf | None,
) -> _Reading:
    """One reading of the articles (they may be on disk): the record of each article in
    `article_index`, the text of each sentence in `wanted`, and the details of each event
    node in `events`."""
    places: dict[str, set[int]] = {}
    for found in wanted.values():
        for article_id, sentence in found:
            places.setdefault(article_id, set()).add(sentence)
    event_articles = {node.removeprefix(EVENT_PREFIX).rsplit("/", 1)[0] for node in events}
    # the later reports of a merged event drawn: their articles are listed with it
    also: dict[str, list[str]] = {}
    for own, node_id in sorted(merged_events(kg).items()):
        if node_id in events:
            also.setdefault(node_id, []).append(own.removeprefix(EVENT_PREFIX).rsplit("/", 1)[0])
    labels = {node.key: node.label for node in kg.nodes} if events else {}
    reading = _Reading()
    for facts in kg.articles:
        article_id = facts.article.id
        if article_id in article_index:
            reading.records[article_id] = _article_record(facts)
        if article_id not in places and article_id not in event_articles:
            continue
        text = text_of(article_id) if text_of else facts.article.text
        for index in sorted(places.get(article_id, ())):
            span = facts.sentences[index]
            reading.sentences[(article_id, index)] = _sentence(text, span)
        if article_id in event_articles:
            names = _participant_names(kg, facts, labels)
            for event in facts.events:
                node_id = event_node_id(article_id, event.id)
                if node_id in events:
                    details = event_details(event, text, facts.sentences, names)
                    reading.events[node_id] = details | {
                        "article": article_index.get(article_id),
                        "also": [
                            article_index[a] for a in also.get(node_id, ()) if a in article_index
                        ],
                    }
    return reading


def _participant_names(
    kg: KnowledgeGraph, facts: ArticleFacts, labels: dict[str, str]
) -> dict[str, str]:
    """Entity id -> the name its node shows, or the article's name for it."""
    article_id = facts.article.id
    return {
        e.id: labels.get(kg.entity_keys.get((article_id, e.id), ""), e.name) for e in facts.entities
    }


def event_details(
    event: Event, text: str, sentences: Sequence[Span], names: dict[str, str]
) -> dict[str, Any]:
    """What a click on an event shows: its label, KAIROS type, factuality, date, who took
    part in which role, the sentence of its first trigger, and a statement's quote.

    A participant that names no entity shows its own words: "Victim: two people".
    """
    participants: list[list[str]] = []
    for argument in event.arguments:
        if argument.entity is not None:
            who = names[argument.entity]
        else:
            who = " ".join(text[argument.evidence.start : argument.evidence.end].split())
        if [argument.role, who] not in participants:
            participants.append([argument.role, who])
    first = event.sentences[0] if event.sentences else None
    return {
        "label": event.label or event.type,
        "type": ".".join(filter(None, (event.type, event.subtype))),
        "factuality": event.factuality,
        "date": event.date or "",
        "participants": participants,
        "evidence": _sentence(text, sentences[first]) if first is not None else "",
        "quote": _shorten(" ".join(event.quote.split())) if event.quote else "",
    }


def _sentence(text: str, span: Span) -> str:
    """A sentence as the panel quotes it: on one line, shortened."""
    return _shorten(" ".join(text[span.start : span.end].split()))


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions computed once, with a fixed seed: the same graph, the same picture.

    kg.export.layout places the nodes (a force layout per connected component, the
    components packed apart, then no dot on another): every two dots at least their radii
    (the page's `node_size`, the size vis-network draws) and LAYOUT_GAP apart, so at any
    zoom, the fitted default view included, no drawn node covers another.
    """
    from kg.export.layout import layout_positions  # igraph, loaded only for a page

    radii = {n: node_radius(data) for n, data in graph.nodes(data=True)}
    # every edge pulls alike: GraphML (kg.export.graphml.gephi_layout) lays out the same
    # graph from its nodes and edge pairs alone, and gets the page's picture
    edges = [(a, b, 1.0) for a, b in graph.edges]
    gap = LABELLED_GAP if len(radii) <= LABELLED_UP_TO else LAYOUT_GAP
    placed = layout_positions(list(graph.nodes), edges, radii, seed=LAYOUT_SEED, gap=gap)
    return {n: (p.x, p.y) for n, p in placed.items()}


def node_radius(data: dict[str, Any]) -> float:
    """The drawn radius of a node of `to_networkx`: events and articles count one mention."""
    return node_size(int(data.get("mentions", 1)))


def node_details(
    node: Node,
    places: list[Place],
    sentences: dict[Place, str],
    article_index: dict[str, int],
    table: dict[str, int],
) -> dict[str, Any]:
    """What a click shows: aliases, articles (as indexes) and a few evidence sentences, each
    as [article, its place in `table`] (added there when new): a sentence that names several
    entities, or states a fact, is sent once."""
    evidence = [
        [article_index[place[0]], table.setdefault(sentences[place], len(table))]
        for place in places
        if place in sentences
    ]
    articles = [article_index[a] for a in node.article_ids]
    return {
        "aliases": list(node.aliases),
        "articles": articles[:MAX_ARTICLES_PER_NODE],
        "more_articles": max(len(articles) - MAX_ARTICLES_PER_NODE, 0),
        "evidence": evidence,
    }


def render_html(
    kg: KnowledgeGraph, *, max_nodes: int | None = None, text_of: TextOf | None = None
) -> tuple[str, int]:
    """The page as a string, and the number of entity nodes drawn in it."""
    pieces, drawn = page_pieces(kg, max_nodes=max_nodes, text_of=text_of)
    return "".join(pieces), drawn


def _pyvis_folder() -> Path:
    # Found, not imported: importing pyvis imports IPython, half a second of a build.
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed")
    return Path(spec.submodule_search_locations[0])


def page_pieces(
    kg: KnowledgeGraph, *, max_nodes: int | None = None, text_of: TextOf | None = None
) -> tuple[list[str], int]:
    """The page in pieces (what comes before its data, the data in parts, what comes after),
    and the number of entity nodes drawn in it."""
    data = page_data(kg, max_nodes=max_nodes, text_of=text_of)
    try:
        vis = _pyvis_folder() / _VIS_DIR
        vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
        vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise HtmlExportError(f"cannot read vis-network from pyvis: {exc}") from exc
    script = _SCRIPT.read_text(encoding="utf-8")
    for piece, name in ((vis_js, "vis-network"), (script, "the page script")):
        if "</script" in piece.lower():
            raise HtmlExportError(f"{name} holds '</script' and cannot be inlined")
    drawn = sum(1 for n in data["nodes"] if n["entity"])
    omitted = (
        f"The {drawn:,} most mentioned of {len(kg.nodes):,} entities "
        "(kg build --max-nodes N draws more)"
        if drawn < len(kg.nodes)
        else ""
    )
    data_json = list(embed_json_pieces(data))
    del data  # its objects take more memory than its text
    before, after = _PAGE.split("{data}")
    fields = {
        "title": html.escape(PAGE_TITLE),
        "omitted": html.escape(omitted),
        "style": _STYLE,
        "vis_css": vis_css,
        "vis_js": vis_js,
        "script": script,
    }
    return [before.format(**fields), *data_json, after.format(**fields)], drawn


def embed_json(data: Any) -> str:
    """JSON that is safe inside a <script> block: no `<`, `>` or `&` can end or open a tag."""
    return _script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


def embed_json_pieces(data: dict[str, Any], size: int = 1000) -> Iterator[str]:
    """`embed_json(data)` in pieces of at most `size` list items or dict entries each.

    The JSON encoder holds every fragment of its output until it joins them, several times
    the size of the text: a large page's data, encoded whole, briefly took 60 MiB.
    """
    yield "{"
    for position, key in enumerate(sorted(data)):
        yield ("," if position else "") + embed_json(key) + ":"
        value = data[key]
        if isinstance(value, list):
            parts = [value[i : i + size] for i in range(0, len(value), size)]
            brackets = "[]"
        elif isinstance(value, dict):
            keys = sorted(value)
            parts = [{k: value[k] for k in keys[i : i + size]} for i in range(0, len(keys), size)]
            brackets = "{}"
        else:
            yield embed_json(value)
            continue
        yield brackets[0]
        for index, part in enumerate(parts):
            yield ("," if index else "") + embed_json(part)[1:-1]
        yield brackets[1]
    yield "}"


def _script_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _article_record(facts: ArticleFacts) -> list[str]:
    article = facts.article
    return [article.title or article.id, article.date or "", article.url or ""]


def _short_label(label: str, mark: str = "") -> str:
    """The label cut to MAX_LABEL_CHARS, keeping `mark` at its end.

    Headlines make long labels; the details panel shows them whole. "... arrested, Maldi…"
    would hide that the arrest did not happen: " (negated)" stays.
    """
    if len(label) <= MAX_LABEL_CHARS:
        return label
    if not mark or not label.endswith(mark):
        mark = ""
    head = label[: len(label) - len(mark)]
    return head[: MAX_LABEL_CHARS - len(mark) - 1].rstrip() + "\u2026" + mark


def _factuality_mark(data: dict[str, Any]) -> str:
    """ " (negated)" or " (hypothetical)": how kg.extract.event_labels ends the label of an
    event that is not asserted; "" for every other node."""
    factuality = data.get("factuality")
    return f" ({factuality})" if factuality and factuality != "asserted" else ""


def _shorten(text: str) -> str:
    if len(text) <= MAX_EVIDENCE_CHARS:
        return text
    return text[: MAX_EVIDENCE_CHARS - 1].rstrip() + "\u2026"


_STYLE = """
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; }
#kg-graph { position: absolute; inset: 0; }
.kg-panel { position: fixed; z-index: 10; background: #fffffff0; border: 1px solid #ccc;
  border-radius: 4px; padding: 8px 12px; box-shadow: 0 1px 4px #0002; }
#kg-controls { top: 12px; left: 12px; width: 240px; }
#kg-controls input[type=search] { width: 100%; box-sizing: border-box; }
#kg-controls label { display: block; }
#kg-time canvas { display: block; width: 240px; height: 40px; margin: 2px 0; }
#kg-time input[type=range] { width: 100%; margin: 0; }
#kg-time[hidden], #kg-unfocus[hidden] { display: none; }
#kg-legend { list-style: none; margin: 6px 0; padding: 0; }
#kg-legend li { margin: 2px 0; }
.kg-swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  margin: 0 6px 0 4px; vertical-align: middle; }
#kg-matches { list-style: none; margin: 4px 0 0; padding: 0; max-height: 160px;
  overflow: auto; }
#kg-matches button { border: 0; background: none; color: #0645ad; cursor: pointer;
  padding: 1px 0; text-align: left; }
#details { top: 12px; right: 12px; width: 340px; max-height: calc(100% - 48px);
  overflow: auto; }
#details[hidden] { display: none; }
#details h2 { font-size: 15px; margin: 0 0 4px; }
#details ul { margin: 2px 0 6px; padding-left: 18px; }
#details .kg-link { border: 0; background: none; color: #0645ad; cursor: pointer;
  padding: 0; font: inherit; text-decoration: underline; }
#details li > ul { padding-left: 0; list-style: none; color: #777; }
#details .kg-quotes { list-style: none; padding-left: 0; }
#details blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ddd;
  color: #333; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>{style}</style>
<script>{vis_js}</script>
</head>
<body>
<div id="kg-graph"></div>
<div id="kg-controls" class="kg-panel">
<input id="kg-search" type="search" placeholder="Search names" aria-label="Search names">
<ul id="kg-matches"></ul>
<b>Types</b>
<ul id="kg-legend"></ul>
<div id="kg-hollow" hidden>Hollow events: negated or hypothetical</div>
<label>Minimum mentions <input id="kg-min" type="number" min="0" value="0" style="width:60px">
</label>
<label><input id="kg-comentions" type="checkbox"> Co-mentions (named in one sentence)</label>
<div id="kg-time">
<b>Events by date</b>
<canvas id="kg-timeline" width="240" height="40"></canvas>
<input id="kg-from" type="range" min="0" value="0" aria-label="From">
<input id="kg-to" type="range" min="0" value="0" aria-label="To">
<div id="kg-range"></div>
</div>
<button id="kg-unfocus" type="button" hidden>Whole graph</button>
<div id="kg-count"></div>
<div id="kg-omitted">{omitted}</div>
</div>
<aside id="details" class="kg-panel" hidden></aside>
<script type="application/json" id="kg-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def write(built: BuiltGraph, path: Path) -> str:
    """The `html` format (kg.export.formats)."""
    drawn = write_html(built.graph, path, max_nodes=built.max_nodes, text_of=built.text_of)
    return f"{drawn} nodes drawn"
