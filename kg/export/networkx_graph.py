"""The knowledge graph as a networkx graph: the shared shape of the GraphML and HTML exports.

An undirected `networkx.Graph`: mentions and co-mentions have no direction, and each pair of
nodes carries at most one edge (an entity and an article, or two entities), so a multigraph
would add nothing. Nodes and edges are inserted in sorted order so that writers that walk
the graph emit the same bytes for the same input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

import networkx as nx

from kg.export.colors import color_for
from kg.model import FACTUALITIES, Article, ArticleFacts, CoMention, Event, KnowledgeGraph, Node

ARTICLE_PREFIX = "article/"
ARTICLE_TYPE = "Article"
MENTIONED_IN = "mentioned in"
CO_MENTIONED = "co-mentioned"
# Every edge carries label, relation (the ontology property), weight and confidence, each of
# one Python type, so that GraphML declares one attribute type per key.
Attributes = dict[str, str | int | float]


class GraphShapeError(ValueError):
    """The knowledge graph refers to a node or article that it does not contain."""


def article_node_id(article_id: str) -> str:
    """The node id of an article, kept apart from entity keys ("person/...") by its prefix."""
    return f"{ARTICLE_PREFIX}{article_id}"


def entity_attributes(node: Node) -> dict[str, str | int]:
    """The attributes of an entity node; scalars only, because GraphML has no None or lists."""
    return {
        "label": node.label,
        "type": node.type,
        "mentions": len(node.mentions),
        "aliases": " | ".join(node.aliases),
        "color": color_for(node.type),
        "wikidata": node.wikidata or "",
    }


def article_attributes(article: Article) -> dict[str, str | int]:
    """The attributes of an article node."""
    return {
        "label": article.title or article.id,
        "type": ARTICLE_TYPE,
        "date": article.date or "",
        **({"start": article.date[:10], "end": article.date[:10]} if article.date else {}),
        "url": article.url or "",
        "color": color_for(ARTICLE_TYPE),
    }


def date_span(node: Node, dates: dict[str, str]) -> dict[str, str]:
    """`start` and `end`: the dates of the first and last article naming the node, the
    attributes Gephi's timeline reads; none when no article of the node is dated."""
    known = sorted(dates[a] for a in node.article_ids if dates.get(a))
    return {"start": known[0], "end": known[-1]} if known else {}


def edge_attributes(label: str, relation: str, weight: int, confidence: float = 1.0) -> Attributes:
    """The attributes every edge has: label, ontology property, weight and confidence."""
    return {"label": label, "relation": relation, "weight": weight, "confidence": confidence}


def to_networkx(
    kg: KnowledgeGraph, *, entities: set[str] | None = None, with_neighbours: bool = False
) -> nx.Graph:
    """Entity, article and event nodes; "mentioned in", "co-mentioned", relation and event
    role edges, one per pair of nodes, weighted by count (`graph_nodes`, `graph_edges`).

    With `entities`, only those entity nodes (and, `with_neighbours`, the article and event
    nodes joined to them) and the edges between the nodes kept: what a page that draws a
    few thousand of a large graph's entities needs, without the rest in memory.
    """
    edges: list[tuple[str, str, Attributes]] = []
    kept: set[str] = set(entities or ())
    every_entity = {node.key for node in kg.nodes}
    # Without neighbours, article and event nodes and their edges are never made.
    entities_only = entities is not None and not with_neighbours
    for edge in graph_edges(kg, entities_only=entities_only):
        source, target = edge[0], edge[1]
        if entities is None or (source in entities and target in entities):
            edges.append(edge)
        elif with_neighbours and (source in entities or target in entities):
            other = target if source in entities else source
            if other not in every_entity:
                kept.add(other)
                edges.append(edge)
    graph = nx.Graph()
    graph.add_nodes_from(
        (node_id, data)
        for node_id, data in graph_nodes(kg, entities_only=entities_only)
        if entities is None or node_id in kept
    )
    graph.add_edges_from(sorted(edges, key=lambda edge: (edge[0], edge[1])))
    return graph


EVENT_PREFIX = "event/"
EVENT_TYPE = "Event"


def event_node_id(article_id: str, event_id: str) -> str:
    return f"{EVENT_PREFIX}{article_id}/{event_id}"


def merged_events(kg: KnowledgeGraph) -> dict[str, str]:
    """The node id of each event that another article's event node stands for -> that node.

    "Roman Seleznev was arrested in the Maldives", reported by two articles, is one arrest
    (kg.resolve.events names it in `kg.merges` by its earliest report): one node on the
    page and in Gephi, as in the RDF, with the role edges of every report.
    """
    return {
        event_node_id(merge.article_id, merge.entity_id): merge.node
        for merge in kg.merges
        if merge.node.startswith(EVENT_PREFIX)
    }


def graph_nodes(
    kg: KnowledgeGraph, *, entities_only: bool = False
) -> Iterator[tuple[str, dict[str, str | int]]]:
    """Every node with its attributes, sorted by id: entities, articles and events
    (entities alone with `entities_only`).

    Entity attributes are made as each node is yielded, so a writer that streams them
    (GraphML) never holds them all; articles are read once (they may be on disk), keeping
    the few attributes of their article and event nodes.
    """
    dates: dict[str, str] = {}
    others: list[tuple[str, dict[str, str | int]]] = []
    merged = merged_events(kg) if not entities_only else {}
    events: dict[str, int] = {}  # event node -> its index in `others`
    later: list[tuple[str, str]] = []  # (event node, date) of its later reports
    for facts in kg.articles:
        article = facts.article
        dates[article.id] = (article.date or "")[:10]
        if entities_only:
            continue
        others.append((article_node_id(article.id), article_attributes(article)))
        for event in facts.events:
            node_id = event_node_id(article.id, event.id)
            if node_id not in merged:
                events[node_id] = len(others)
                others.append((node_id, event_attributes(event)))
            else:  # a later report of an event: its node is the first's
                later.append((merged[node_id], event.date or ""))
    for node_id, date in later:
        if node_id not in events:
            raise GraphShapeError(f"an event merge names unknown event node {node_id!r}")
        _more_precise_date(others[events[node_id]][1], date)
    # (id, index into kg.nodes or -1, index into others): the sort needs only the ids
    ids = [(node.key, index, -1) for index, node in enumerate(kg.nodes)]
    ids.extend((node_id, -1, index) for index, (node_id, _) in enumerate(others))
    ids.sort()
    for position, (node_id, node, other) in enumerate(ids):
        if position and ids[position - 1][0] == node_id:
            raise GraphShapeError(f"two nodes share the id {node_id!r}")
        if node >= 0:
            entity = kg.nodes[node]
            yield node_id, entity_attributes(entity) | date_span(entity, dates)
        else:
            yield others[other]


def _more_precise_date(attributes: dict[str, str | int], date: str) -> None:
    """A merged event's date is its most precise report's, as in the RDF: "2019-12-02"
    rather than "2019-12" (the reports' dates are compatible: kg.resolve.events)."""
    if len(date) > len(str(attributes["date"])):
        attributes["date"] = date


def event_attributes(event: Event) -> dict[str, str | int]:
    """An event node: labelled in words ("Roman Seleznev arrested, Maldives"), with its KAIROS
    type (and subtype) in `event_type` and whether it happened in `factuality`; `type` is
    "Event", the colour and legend group it shares with every event."""
    if event.factuality not in FACTUALITIES:
        raise GraphShapeError(f"event {event.id} has unknown factuality {event.factuality!r}")
    return {
        # facts written before events had labels read back with "": the type stands in
        "label": event.label or event.type,
        "type": EVENT_TYPE,
        "event_type": ".".join(filter(None, (event.type, event.subtype))),
        "factuality": event.factuality,
        "date": event.date or "",
        "color": color_for(EVENT_TYPE),
    }


def graph_edges(
    kg: KnowledgeGraph, *, entities_only: bool = False
) -> Iterator[tuple[str, str, Attributes]]:
    """Every edge, one per pair of nodes, in a fixed order: mentions, co-mentions, relations
    between entities, event roles (the edges between two entities alone with
    `entities_only`).

    The graph is undirected and holds one edge per pair, so a relation between two entities
    already joined by a co-mention edge is written on that edge, as `facts` ("citizenOf
    person/roman-seleznev -> country/russia"); a pair with no edge yet gets a typed edge
    labelled by the relation, stored from the smaller key to the larger with its direction
    in `source` (the subject's key).
    """
    from kg.model import LITERAL_RELATIONS

    entity_keys = {node.key for node in kg.nodes}
    # Relations first, as lines per pair of entities: they land on co-mention edges. Event
    # role edges come last; they are gathered in the same reading of the articles.
    stated: dict[tuple[str, str], set[str]] = {}
    first: dict[tuple[str, str], Attributes] = {}
    roles: dict[str, dict[str, Attributes]] = {}  # event node -> entity key -> its edge
    merged = merged_events(kg) if not entities_only else {}
    article_ids: set[str] = set()
    for facts in kg.articles:
        article_ids.add(facts.article.id)
        keys = _entity_keys(kg, facts)
        if not entities_only:
            _event_roles(facts, keys, entity_keys, merged, roles)
        for relation in facts.relations:
            if relation.type in LITERAL_RELATIONS:
                continue  # a role literal is not a node; it is the subject's attribute
            source, target = keys.get(relation.subject), keys.get(relation.object)
            if source not in entity_keys or target not in entity_keys:
                raise GraphShapeError(
                    f"relation {relation.type} of {facts.article.id!r} names no node"
                )
            pair = (min(source, target), max(source, target))
            stated.setdefault(pair, set()).add(f"{relation.type} {source} -> {target}")
            if pair not in first:
                attributes = edge_attributes(relation.type, relation.type, 1, relation.confidence)
                first[pair] = attributes | {"source": source}

    if not entities_only:
        yield from _mention_edges(kg, article_ids)

    def with_facts(pair: tuple[str, str], attributes: Attributes) -> Attributes:
        lines = stated.get(pair)
        return attributes | {"facts": "; ".join(sorted(lines))} if lines else attributes

    for comention in kg.comentions:
        _check_comention(comention, entity_keys)
        pair = (comention.source, comention.target)
        first.pop(pair, None)
        attributes = edge_attributes(CO_MENTIONED, "coMentionedWith", comention.count)
        yield *pair, with_facts(pair, attributes)
    for pair in sorted(first):
        yield *pair, with_facts(pair, first[pair])
    for node_id, edges in roles.items():
        for key in sorted(edges):
            yield node_id, key, edges[key]


def gephi_edges(
    kg: KnowledgeGraph, text_of: Callable[[str], str] | None = None
) -> Iterator[tuple[str, str, Attributes]]:
    """Every edge of the directed multigraph Gephi reads (GraphML, GEXF), in a fixed order:
    mentions (entity -> article), co-mentions (weighted by count), then per article every
    typed relation as an edge of its own (subject -> object, with `confidence`, `evidence`:
    the sentence, and `article`), and every event role (event -> entity).

    Unlike `graph_edges`, nothing is folded: a relation between two co-mentioned entities is
    not text on the co-mention edge but an edge Gephi can filter and colour by `relation`.
    `text_of` reads an article's text when the graph holds it elsewhere (kg.export.formats).
    """
    entity_keys = {node.key for node in kg.nodes}
    later: list[tuple[str, str, Attributes]] = []
    article_ids: set[str] = set()
    merged = merged_events(kg)
    for facts in kg.articles:
        article_ids.add(facts.article.id)
        keys = _entity_keys(kg, facts)
        later.extend(_relation_edges(facts, keys, entity_keys, text_of))
        later.extend(_every_role(facts, keys, entity_keys, merged))
    yield from _mention_edges(kg, article_ids)
    for comention in kg.comentions:
        _check_comention(comention, entity_keys)
        attributes = edge_attributes(CO_MENTIONED, "coMentionedWith", comention.count)
        yield comention.source, comention.target, attributes
    yield from later


def _check_comention(comention: CoMention, entity_keys: set[str]) -> None:
    for end in (comention.source, comention.target):
        if end not in entity_keys:
            raise GraphShapeError(
                f"co-mention {comention.source!r} - {comention.target!r} names unknown node {end!r}"
            )


def _mention_edges(
    kg: KnowledgeGraph, article_ids: set[str]
) -> Iterator[tuple[str, str, Attributes]]:
    for node in kg.nodes:
        for article_id, count in sorted(Counter(m.article_id for m in node.mentions).items()):
            if article_id not in article_ids:
                raise GraphShapeError(
                    f"node {node.key!r} is mentioned in unknown article {article_id!r}"
                )
            attributes = edge_attributes(MENTIONED_IN, "mentionedIn", count)
            yield node.key, article_node_id(article_id), attributes


def _relation_edges(
    facts: ArticleFacts,
    keys: dict[str, str | None],
    entity_keys: set[str],
    text_of: Callable[[str], str] | None,
) -> Iterator[tuple[str, str, Attributes]]:
    from kg.model import LITERAL_RELATIONS

    article_id = facts.article.id
    text: str | None = None  # read only for an article that states a relation
    for relation in facts.relations:
        if relation.type in LITERAL_RELATIONS:
            continue  # a role literal is not a node; it is the subject's attribute
        source, target = keys.get(relation.subject), keys.get(relation.object)
        if source not in entity_keys or target not in entity_keys:
            raise GraphShapeError(f"relation {relation.type} of {article_id!r} names no node")
        if text is None:
            text = text_of(article_id) if text_of else facts.article.text
        span = facts.sentences[relation.sentence]
        attributes = edge_attributes(relation.type, relation.type, 1, relation.confidence)
        evidence = " ".join(text[span.start : span.end].split())
        yield source, target, attributes | {"evidence": evidence, "article": article_id}


def _every_role(
    facts: ArticleFacts,
    keys: dict[str, str | None],
    entity_keys: set[str],
    merged: dict[str, str],
) -> Iterator[tuple[str, str, Attributes]]:
    """Every (entity, role) of the article's events once, from the event's node to the
    entity: an entity that fills two roles gets two edges; each report of a merged event
    keeps its own edges, told apart by `article`."""
    for event in facts.events:
        node_id = event_node_id(facts.article.id, event.id)
        node_id = merged.get(node_id, node_id)
        seen: set[tuple[str, str]] = set()
        for argument in event.arguments:
            key = keys.get(argument.entity) if argument.entity else None
            if key in entity_keys and (key, argument.role) not in seen:
                seen.add((key, argument.role))
                role = argument.role[0].lower() + argument.role[1:]
                yield (
                    node_id,
                    key,
                    edge_attributes(argument.role, role, 1) | {"article": facts.article.id},
                )


def _event_roles(
    facts: ArticleFacts,
    keys: dict[str, str | None],
    entity_keys: set[str],
    merged: dict[str, str],
    roles: dict[str, dict[str, Attributes]],
) -> None:
    """Add the article's event role edges to `roles`: one edge per event node and entity,
    its last role; the reports of a merged event share their node's edges."""
    for event in facts.events:
        node_id = event_node_id(facts.article.id, event.id)
        edges = roles.setdefault(merged.get(node_id, node_id), {})
        for argument in event.arguments:
            key = keys.get(argument.entity) if argument.entity else None
            if key in entity_keys:
                role = argument.role[0].lower() + argument.role[1:]
                edges[key] = edge_attributes(argument.role, role, 1)


def _entity_keys(kg: KnowledgeGraph, facts: ArticleFacts) -> dict[str, str | None]:
    article_id = facts.article.id
    return {e.id: kg.entity_keys.get((article_id, e.id)) for e in facts.entities}


# Characters XML 1.0 cannot hold even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_clean(value: object) -> object:
    """A string fit for XML (GraphML, GEXF); other values as they are.

    A control character from an article ("\\x01" in a title) would make the file unreadable;
    each becomes U+FFFD.
    """
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value
