"""A KnowledgeGraph as RDF triples with ontology terms.

`graph_rows` gives the triples as sorted tuples of strings (cheap to build, hash and sort);
`graph_triples` turns them into pyoxigraph terms, which pyoxigraph serialises and loads far
faster than rdflib handles its own; `to_rdflib` converts for code that wants an rdflib Graph.
Both lists are sorted and free of duplicates, so every writer that keeps their order is
deterministic byte for byte.

IRIs (all below `base_iri`):
    article/{id}                          an Article
    {node.key}                            an entity node, e.g. person/roman-seleznev
    mention/{article id}/{start}-{end}    a Mention
    comention/{source key}--{target key}  a CoMention
    relation/{article id}/{n}             the RelationAssertion of an article's n-th relation
    event/{article id}/{event id}         an Event, e.g. event/a1/v3; an event several
                                          articles report is one node, named by its
                                          earliest article's event, and the others'
                                          become its prov:Derivation (merge_event_rows)
    time/{iso date}                       a kg:Time, e.g. time/2017
Every id and key is percent-encoded outside RFC 3986's unreserved characters (a key keeps its
"/"), so any id gives a valid IRI and distinct ids give distinct IRIs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

from kg.graph.vocab import (
    ENTITY_CLASSES,
    EVENT_CLASSES,
    KG,
    OWL,
    PROV,
    RDF,
    RDFS,
    RELATION_PROPERTIES,
    ROLE_PROPERTIES,
    SCHEMA,
    SEM,
    SKOS,
    WD,
    XSD,
)
from kg.model import (
    ENTITY_TYPES,
    EVENT_SUBTYPES,
    EVENT_TYPE_ROLES,
    FACTUALITIES,
    LITERAL_RELATIONS,
    RELATION_TYPES,
    Article,
    ArticleFacts,
    CoMention,
    Event,
    KnowledgeGraph,
    MentionRef,
    Node,
    Relation,
    Span,
)

DEFAULT_BASE_IRI = "https://w3id.org/newskg/resource/"

Term = ox.NamedNode | ox.Literal


class RdfError(ValueError):
    """The knowledge graph cannot be written as RDF."""


class InvalidBaseIriError(RdfError):
    """The base IRI is not an absolute IRI ending in "/" or "#"."""


class UnknownTermError(RdfError):
    """A fact's type or role is not a term of the closed vocabulary (kg.model, the ontology)."""


class UnknownNodeTypeError(UnknownTermError):
    """A node's type is not one of the entity classes of the ontology."""


class UnknownRelationTypeError(UnknownTermError):
    """A relation's type is not one of the relation properties of the ontology."""


class UnknownEventTypeError(UnknownTermError):
    """An event's type is not one of the event classes of the ontology, or its subtype is not
    one of that type's."""


class UnknownRoleError(UnknownTermError):
    """An event argument's role is not one of the roles of its event's type."""


class UnknownReferenceError(RdfError):
    """A mention or co-mention refers to an article or node that the graph lacks."""


class InvalidDateError(RdfError):
    """An article's date is not an ISO 8601 calendar date (YYYY-MM-DD)."""


# Terms as plain strings. A lookup on KG costs a microsecond and runs several times per
# mention; and rdflib compares a URIRef unequal to a str of the same text, so mixing the two
# would let one triple into a set twice. _K stays closed: an unknown name raises.
_K = SimpleNamespace(**{term.removeprefix(str(KG)): str(term) for term in dir(KG)})
_TYPE, _STRING, _INTEGER = str(RDF.type), str(XSD.string), str(XSD.integer)
_DATE, _ANY_URI = str(XSD.date), str(XSD.anyURI)
_HEADLINE, _DATE_PUBLISHED = str(SCHEMA.headline), str(SCHEMA.datePublished)
_URL, _PUBLISHER = str(SCHEMA.url), str(SCHEMA.publisher)
_PREF_LABEL, _ALT_LABEL = str(SKOS.prefLabel), str(SKOS.altLabel)
_SAME_AS, _DERIVED_FROM = str(OWL.sameAs), str(PROV.wasDerivedFrom)
# The closed vocabulary's terms (kg.graph.vocab's tables), as plain strings likewise.
_ENTITY_CLASSES = {name: str(term) for name, term in ENTITY_CLASSES.items()}
_RELATION_PROPERTIES = {name: str(term) for name, term in RELATION_PROPERTIES.items()}
_EVENT_CLASSES = {name: str(term) for name, term in EVENT_CLASSES.items()}
_ROLE_PROPERTIES = {
    name: tuple(str(term) for term in terms) for name, terms in ROLE_PROPERTIES.items()
}

_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}")


# Node keys repeat across the rows of a node and of an article; a small table catches them,
# where a large one would grow to tens of MiB over a large corpus.
@lru_cache(maxsize=8192)
def _segment(text: str) -> str:
    """One IRI path segment for any text: percent-encoded, and never a "." or ".." segment."""
    encoded = quote(text, safe="")
    # "." and ".." are unreserved but would be removed by IRI resolution (RFC 3986, 5.2.4).
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def _key_path(key: str) -> str:
    return "/".join(_segment(part) for part in key.split("/"))


def _comention_segment(key: str) -> str:
    # "--" joins the two keys, so a key must not hold "--" nor start or end with "-";
    # encoding its hyphens then keeps the pair of keys recoverable from the IRI.
    encoded = _segment(key)
    if "--" in encoded or encoded.startswith("-") or encoded.endswith("-"):
        encoded = encoded.replace("-", "%2D")
    return encoded


def check_base_iri(base_iri: str) -> str:
    """Return `base_iri` when it is an absolute IRI ending in "/" or "#", else raise."""
    try:
        ox.NamedNode(base_iri)
    except ValueError as exc:
        raise InvalidBaseIriError(f"base IRI {base_iri!r} is not a valid IRI: {exc}") from exc
    if not base_iri.endswith(("/", "#")):
        raise InvalidBaseIriError(f"base IRI {base_iri!r} must end with '/' or '#'")
    return base_iri


def article_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of an article: `{base}article/{id}`."""
    return f"{base_iri}article/{_segment(article_id)}"


def node_iri(key: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of an entity node: `{base}{key}`, e.g. `.../person/roman-seleznev`."""
    return f"{base_iri}{_key_path(key)}"


def mention_iri(article_id: str, start: int, end: int, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of a mention: `{base}mention/{article id}/{start}-{end}`."""
    return f"{base_iri}mention/{_segment(article_id)}/{start}-{end}"


def comention_iri(source: str, target: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of a co-mention: `{base}comention/{source key}--{target key}`."""
    return f"{base_iri}comention/{_comention_segment(source)}--{_comention_segment(target)}"


def _date(article: Article) -> str:
    """The article's date as an xsd:date; a time after the date ("...T10:00Z") is dropped."""
    value = article.date or ""
    try:
        if not _DATE_PREFIX.match(value):
            raise ValueError("expected YYYY-MM-DD")
        day = dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InvalidDateError(
            f"article {article.id!r}: date {value!r} is not a calendar date: {exc}"
        ) from exc
    return day.isoformat()


# A triple as plain strings, which hash and sort far faster than pyoxigraph terms:
# (subject, rank, predicate, object, datatype). rank "0" puts rdf:type first in its subject;
# datatype "" marks an IRI object, otherwise the object is that literal's lexical form.
Row = tuple[str, str, str, str, str]


class _Rows:
    """Collects rows by subject, minting each article and node IRI once."""

    def __init__(self, base_iri: str) -> None:
        self.base_iri = base_iri
        # Grouped by subject so that sorting compares whole rows only within a subject.
        self.by_subject: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
        self._articles: dict[str, str] = {}
        self._nodes: dict[str, str] = {}

    def article(self, article_id: str) -> str:
        iri = self._articles.get(article_id)
        if iri is None:
            iri = self._articles[article_id] = article_iri(article_id, self.base_iri)
        return iri

    def node(self, key: str) -> str:
        iri = self._nodes.get(key)
        if iri is None:
            iri = self._nodes[key] = node_iri(key, self.base_iri)
        return iri

    def type(self, subject: str, cls: str) -> None:
        self.by_subject[subject].add(("0", _TYPE, cls, ""))

    def link(self, subject: str, predicate: str, target: str) -> None:
        self.by_subject[subject].add(("1", predicate, target, ""))

    def text(self, subject: str, predicate: str, value: str, datatype: str = _STRING) -> None:
        self.by_subject[subject].add(("1", predicate, value, datatype))

    def integer(self, subject: str, predicate: str, value: int) -> None:
        self.by_subject[subject].add(("1", predicate, str(value), _INTEGER))

    def sorted(self) -> Iterator[Row]:
        for subject in sorted(self.by_subject):
            for rest in sorted(self.by_subject[subject]):
                yield (subject, *rest)


def _add_article(rows: _Rows, article: Article) -> None:
    subject = rows.article(article.id)
    rows.type(subject, _K.Article)
    if article.title:
        rows.text(subject, _HEADLINE, article.title)
    if article.date is not None:
        rows.text(subject, _DATE_PUBLISHED, _date(article), _DATE)
    if article.url:
        rows.text(subject, _URL, article.url, _ANY_URI)
    if article.publisher:
        rows.text(subject, _PUBLISHER, article.publisher)


def _add_dateline_places(rows: _Rows, kg: KnowledgeGraph, facts: ArticleFacts) -> None:
    """The article's kg:datelinePlace: "SALVADOR" of "SALVADOR, Feb 26 - Showers continued"."""
    for entity in facts.entities:
        if any(mention.dateline for mention in entity.mentions):
            place = _entity(rows, kg, facts.article.id, entity.id, "dateline place")
            rows.link(rows.article(facts.article.id), _K.datelinePlace, place)


def _add_node(rows: _Rows, node: Node) -> None:
    cls = _ENTITY_CLASSES.get(node.type)
    if cls is None:
        raise UnknownNodeTypeError(
            f"node {node.key!r}: type {node.type!r} is not one of {', '.join(ENTITY_TYPES)}"
        )
    subject = rows.node(node.key)
    rows.type(subject, cls)
    rows.text(subject, _PREF_LABEL, node.label)
    for alias in node.aliases:
        rows.text(subject, _ALT_LABEL, alias)
    rows.integer(subject, _K.mentionCount, len(node.mentions))
    for article_id in {ref.article_id for ref in node.mentions}:
        rows.link(subject, _K.mentionedIn, rows.article(article_id))
    if node.iso3:
        rows.text(subject, _K.iso3166Alpha3, node.iso3)
    for ticker in node.tickers:
        rows.text(subject, _K.ticker, ticker)
    if node.wikidata:
        rows.link(subject, _SAME_AS, f"{WD}{quote(node.wikidata, safe='')}")


def _add_mention(rows: _Rows, node: Node, ref: MentionRef, facts: ArticleFacts) -> None:
    mention = ref.mention
    if not 0 <= mention.sentence < len(facts.sentences):
        raise UnknownReferenceError(
            f"node {node.key!r}: mention {mention.start}-{mention.end} of article "
            f"{ref.article_id!r} is in sentence {mention.sentence}, which the article lacks"
        )
    article = rows.article(ref.article_id)
    subject = mention_iri(ref.article_id, mention.start, mention.end, rows.base_iri)
    # One update of the subject's rows: mentions are most of an article's rows, and a call
    # per row cost more than making it.
    rows.by_subject[subject].update(
        (
            ("0", _TYPE, _MENTION, ""),
            ("1", _MENTION_OF, rows.node(node.key), ""),
            ("1", _IN_ARTICLE, article, ""),
            ("1", _START_OFFSET, str(mention.start), _INTEGER),
            ("1", _END_OFFSET, str(mention.end), _INTEGER),
            ("1", _ANCHOR_TEXT, mention.text, _STRING),
            ("1", _SENTENCE_INDEX, str(mention.sentence), _INTEGER),
            ("1", _SENTENCE_TEXT, facts.sentence_text(mention.sentence), _STRING),
        )
    )


_MENTION, _MENTION_OF, _IN_ARTICLE = _K.Mention, _K.mentionOf, _K.inArticle
_START_OFFSET, _END_OFFSET, _ANCHOR_TEXT = _K.startOffset, _K.endOffset, _K.anchorText
_SENTENCE_INDEX, _SENTENCE_TEXT = _K.sentenceIndex, _K.sentenceText


def _add_comention(rows: _Rows, comention: CoMention) -> None:
    source, target = rows.node(comention.source), rows.node(comention.target)
    # The plain fact, for simple queries; the CoMention node describes it.
    rows.link(source, _K.coMentionedWith, target)
    subject = comention_iri(comention.source, comention.target, rows.base_iri)
    rows.type(subject, _K.CoMention)
    rows.link(subject, _K.coMentionSource, source)
    rows.link(subject, _K.coMentionTarget, target)
    rows.integer(subject, _K.coMentionCount, comention.count)
    for article_id, _sentence in comention.evidence:
        rows.link(subject, _DERIVED_FROM, rows.article(article_id))


_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_LABEL, _DECIMAL = str(RDFS.label), str(XSD.decimal)
_HAS_TIME, _TIME_STAMP = str(SEM.hasTime), str(SEM.hasTimeStamp)
# ISO 8601 text -> its XSD type (dates are years, months or days: kg.extract.dates).
_DATE_TYPES = (
    (re.compile(r"\d{4}"), str(XSD.gYear)),
    (re.compile(r"\d{4}-\d{2}"), str(XSD.gYearMonth)),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _DATE),
)


def relation_iri(article_id: str, index: int, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the node describing an article's n-th relation: `{base}relation/{id}/{n}`."""
    return f"{base_iri}relation/{_segment(article_id)}/{index}"


def event_iri(article_id: str, event_id: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of an event: `{base}event/{article id}/{event id}`."""
    return f"{base_iri}event/{_segment(article_id)}/{_segment(event_id)}"


def _entity(rows: _Rows, kg: KnowledgeGraph, article_id: str, entity_id: str, what: str) -> str:
    key = kg.entity_keys.get((article_id, entity_id))
    if key is None:
        raise UnknownReferenceError(
            f"article {article_id!r}: {what} refers to entity {entity_id!r}, "
            "which has no node in the graph"
        )
    return rows.node(key)


def _evidence(rows: _Rows, subject: str, facts: ArticleFacts, span: Span, sentence: int) -> None:
    rows.by_subject[subject].update(
        (
            ("1", _DERIVED_FROM, rows.article(facts.article.id), ""),
            ("1", _EVIDENCE_START, str(span.start), _INTEGER),
            ("1", _EVIDENCE_END, str(span.end), _INTEGER),
            ("1", _EVIDENCE_SENTENCE, str(sentence), _INTEGER),
            ("1", _EVIDENCE_TEXT, facts.article.text[span.start : span.end], _STRING),
        )
    )


_EVIDENCE_START, _EVIDENCE_END = _K.evidenceStart, _K.evidenceEnd
_EVIDENCE_SENTENCE, _EVIDENCE_TEXT = _K.evidenceSentence, _K.evidenceText


def _add_relation(
    rows: _Rows, kg: KnowledgeGraph, facts: ArticleFacts, index: int, relation: Relation
) -> None:
    article_id = facts.article.id
    predicate = _RELATION_PROPERTIES.get(relation.type)
    if predicate is None:
        raise UnknownRelationTypeError(
            f"article {article_id!r}: relation {index} has type {relation.type!r}, "
            f"which is not one of {', '.join(RELATION_TYPES)}"
        )
    source = _entity(rows, kg, article_id, relation.subject, f"relation {relation.type}")
    # The plain fact, for simple queries; the RelationAssertion describes it.
    if relation.type in LITERAL_RELATIONS:
        rows.text(source, predicate, relation.object)
    else:
        target = _entity(rows, kg, article_id, relation.object, f"relation {relation.type}")
        rows.link(source, predicate, target)
    subject = relation_iri(article_id, index, rows.base_iri)
    rows.type(subject, _K.RelationAssertion)
    rows.link(subject, _SUBJECT, source)
    rows.link(subject, _PREDICATE, predicate)
    if relation.type in LITERAL_RELATIONS:
        rows.text(subject, _OBJECT, relation.object)
    else:
        rows.link(subject, _OBJECT, target)
    _evidence(rows, subject, facts, relation.evidence, relation.sentence)
    rows.text(subject, _K.confidence, f"{relation.confidence:g}", _DECIMAL)
    rows.text(subject, _K.extractor, relation.extractor)


def _add_time(rows: _Rows, value: str) -> str:
    subject = f"{rows.base_iri}time/{_segment(value)}"
    rows.type(subject, _K.Time)
    rows.text(subject, _LABEL, value)
    datatype = next((t for pattern, t in _DATE_TYPES if pattern.fullmatch(value)), _STRING)
    rows.text(subject, _TIME_STAMP, value, datatype)
    return subject


def _check_event(article_id: str, event: Event) -> None:
    """Raise UnknownTermError unless the event's type, subtype and roles are the ontology's."""
    where = f"article {article_id!r}: event {event.id!r}"
    if event.type not in _EVENT_CLASSES:
        raise UnknownEventTypeError(
            f"{where} has type {event.type!r}, which is not an event type of the ontology "
            "(kg.model.EVENT_TYPES)"
        )
    subtypes = EVENT_SUBTYPES.get(event.type, ())
    if event.subtype and event.subtype not in subtypes:
        raise UnknownEventTypeError(
            f"{where} of type {event.type} has subtype {event.subtype!r}; the type's subtypes "
            f"are: {', '.join(subtypes) or 'none'}"
        )
    if event.factuality not in FACTUALITIES:
        raise UnknownTermError(
            f"{where} has factuality {event.factuality!r}, which is not one of "
            f"{', '.join(FACTUALITIES)} (kg.model.FACTUALITIES)"
        )
    roles = EVENT_TYPE_ROLES[event.type]
    for argument in event.arguments:
        if argument.role not in roles:
            raise UnknownRoleError(
                f"{where} of type {event.type} has an argument of role {argument.role!r}, "
                f"which is not one of {', '.join(roles)}"
            )


def _add_event(rows: _Rows, kg: KnowledgeGraph, facts: ArticleFacts, event: Event) -> None:
    article_id = facts.article.id
    _check_event(article_id, event)
    subject = event_iri(article_id, event.id, rows.base_iri)
    rows.type(subject, _EVENT_CLASSES[event.type])
    rows.type(subject, _K.Event)
    # eventType to hasTime: one value each (kgsh:EventShape); see _EVENT_SINGLES
    rows.text(subject, _K.eventType, event.type)
    rows.text(subject, _K.factuality, event.factuality)
    if event.label:
        rows.text(subject, _LABEL, event.label)
    if event.subtype:
        rows.text(subject, _K.eventSubtype, event.subtype)
    for trigger in event.triggers:
        rows.text(subject, _K.triggerText, facts.article.text[trigger.start : trigger.end])
    _evidence(rows, subject, facts, event.trigger, event.sentences[0])
    rows.text(subject, _K.confidence, f"{event.confidence:g}", _DECIMAL)
    rows.text(subject, _K.extractor, event.extractor)
    if event.quote:
        rows.text(subject, _K.quote, event.quote)
    if event.date:
        rows.link(subject, _HAS_TIME, _add_time(rows, event.date))
    for argument in event.arguments:
        if argument.entity is None:
            continue  # a role filled by words that name no entity ("the general")
        target = _entity(rows, kg, article_id, argument.entity, f"event {event.id}")
        for predicate in _ROLE_PROPERTIES[argument.role]:
            rows.link(subject, predicate, target)


_PROV_DERIVATION, _PROV_ENTITY = str(PROV.Derivation), str(PROV.entity)
_QUALIFIED_DERIVATION = str(PROV.qualifiedDerivation)
# What an event node holds once: a node several articles report takes each from one report.
_EVENT_SINGLES = frozenset(
    {
        _K.eventType,
        _K.factuality,
        _LABEL,
        _K.eventSubtype,
        _K.confidence,
        _K.extractor,
        _K.quote,
        _HAS_TIME,
    }
)
# Where in its article a report names the event: kept on the report, not the node.
_EVIDENCE = frozenset({_K.evidenceStart, _K.evidenceEnd, _K.evidenceSentence, _K.evidenceText})
_EVENT_KEY_PREFIX = "event/"


def event_nodes(kg: KnowledgeGraph, base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """The IRI of each event that another article's event node stands for -> that node's
    IRI, from the event merges of `kg.merges` (kg.resolve.events.with_event_merges names a
    node "event/{article id}/{event id}")."""
    nodes = {}
    for merge in kg.merges:
        if is_event_key(merge.node):
            node = event_key_iri(merge.node, base_iri)
            nodes[event_iri(merge.article_id, merge.entity_id, base_iri)] = node
    return nodes


def is_event_key(key: str) -> bool:
    """Whether a merge's node key names an event ("event/a1/v0"), not an entity node."""
    return key.startswith(_EVENT_KEY_PREFIX)


def event_key_iri(key: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the event a merge names by "event/{article id}/{event id}"."""
    article_id, _, event_id = key.removeprefix(_EVENT_KEY_PREFIX).rpartition("/")
    return event_iri(article_id, event_id, base_iri)


def event_iri_prefix(base_iri: str = DEFAULT_BASE_IRI) -> str:
    """What the IRI of every event (`event_iri`) starts with."""
    return f"{base_iri}{_EVENT_KEY_PREFIX}"


def _better(row: Row, kept: Row | None) -> bool:
    """Whether a node takes this report's value over the one it kept: the most precise date
    (the longest ISO text), the highest confidence, else the first report's."""
    if kept is None:
        return True
    if row[2] == _HAS_TIME:
        return len(row[3]) > len(kept[3])
    if row[2] == _K.confidence:
        return float(row[3]) > float(kept[3])
    return False


def _node_singles(node: str, reports: list[list[Row]]) -> list[Row]:
    """The one label, type, factuality, date... of a node, from its reports in order."""
    kept: dict[str, Row] = {}
    for rows in reports:
        for row in rows:
            if row[2] in _EVENT_SINGLES and _better(row, kept.get(row[2])):
                kept[row[2]] = row
    return [(node, *row[1:]) for _, row in sorted(kept.items())]


def _as_report(subject: str, node: str, rows: list[Row]) -> list[Row]:
    """A later article's event as a report of `node` ("Seleznev was arrested" again): its
    trigger words, arguments and article go to the node; its evidence stays with it, a
    prov:Derivation of the node from its article."""
    moved: list[Row] = [
        (subject, "0", _TYPE, _PROV_DERIVATION, ""),
        (node, "1", _QUALIFIED_DERIVATION, subject, ""),
    ]
    for row in rows:
        if row[2] in _EVENT_SINGLES:
            continue
        if row[2] in _EVIDENCE:
            moved.append(row)
            continue
        if row[2] == _DERIVED_FROM:
            moved.append((subject, "1", _PROV_ENTITY, row[3], ""))
        moved.append((node, *row[1:]))
    return moved


def merge_event_rows(rows: Iterable[Row], nodes: dict[str, str]) -> list[Row]:
    """The rows of events that several articles report, as one node each: `rows` are the
    reports' own rows (`graph_rows` of each article), `nodes` maps a report to its node
    (`event_nodes`). The node keeps its own rows but for one value of each of
    `_EVENT_SINGLES` (`_better`), and gains each report's trigger words, arguments and
    article; each report keeps its evidence (`_as_report`). Sorted and distinct."""
    by_subject: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_subject[row[0]].append(row)
    reports: dict[str, list[str]] = defaultdict(list)
    for subject in sorted(by_subject):
        reports[nodes.get(subject, subject)].append(subject)
    merged: set[Row] = set()
    for node, subjects in reports.items():
        ordered = sorted(subjects, key=lambda s: (s != node, s))  # the node's own report first
        merged.update(_node_singles(node, [by_subject[s] for s in ordered]))
        merged.update(row for row in by_subject[node] if row[2] not in _EVENT_SINGLES)
        for subject in ordered:
            if subject != node:
                merged.update(_as_report(subject, node, by_subject[subject]))
    return sorted(merged)


def _merge_events(rows: _Rows, kg: KnowledgeGraph) -> None:
    """Replace the rows of events several articles report by `merge_event_rows`."""
    nodes = event_nodes(kg, rows.base_iri)
    if not nodes:
        return
    held: list[Row] = []
    for subject in sorted(set(nodes) | set(nodes.values())):
        held.extend((subject, *rest) for rest in rows.by_subject.pop(subject, ()))
    for subject, *rest in merge_event_rows(held, nodes):
        rows.by_subject[subject].add(tuple(rest))  # type: ignore[arg-type]


def node_rows(kg: KnowledgeGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> Iterator[Row]:
    """The triples of the nodes and co-mentions alone: the part of `graph_rows` that sums
    over the whole corpus (a streaming build writes each article's own part as it goes).

    Yielded a node or co-mention at a time, not sorted as a whole: for a large corpus they
    are millions of rows, and the row spool they go to sorts them on disk.
    """
    for node in kg.nodes:
        rows = _Rows(base_iri)
        _add_node(rows, node)
        yield from rows.sorted()
    for comention in kg.comentions:
        rows = _Rows(base_iri)
        _add_comention(rows, comention)
        yield from rows.sorted()


def graph_rows(
    kg: KnowledgeGraph, *, base_iri: str = DEFAULT_BASE_IRI, corpus_rows: bool = True
) -> list[Row]:
    """All triples of `kg` as sorted, distinct rows of strings (see `Row`); without
    `corpus_rows`, all but those of `node_rows` (what one article adds to a larger graph).
    Events merged across articles (`event_nodes`) are one node each (`merge_event_rows`).

    Raises RdfError (a subclass of it) when `kg` refers to articles or nodes it lacks, holds
    an article date that RDF cannot carry, or a node type, relation type, event type, subtype
    or role that is not a term of the closed vocabulary (UnknownTermError).
    """
    check_base_iri(base_iri)
    rows = _Rows(base_iri)
    facts_by_id = {facts.article.id: facts for facts in kg.articles}
    for facts in kg.articles:
        _add_article(rows, facts.article)
        _add_dateline_places(rows, kg, facts)
    for node in kg.nodes:
        if corpus_rows:
            _add_node(rows, node)
        for ref in node.mentions:
            facts = facts_by_id.get(ref.article_id)
            if facts is None:
                raise UnknownReferenceError(
                    f"node {node.key!r}: mention of article {ref.article_id!r}, "
                    "which is not in the graph"
                )
            _add_mention(rows, node, ref, facts)
    node_keys = {node.key for node in kg.nodes}
    for comention in kg.comentions if corpus_rows else ():
        missing = sorted({comention.source, comention.target} - node_keys)
        missing += sorted({a for a, _ in comention.evidence} - facts_by_id.keys())
        if missing:
            raise UnknownReferenceError(
                f"co-mention {comention.source!r}--{comention.target!r}: "
                f"refers to {missing!r}, which the graph lacks"
            )
        _add_comention(rows, comention)
    for facts in kg.articles:
        for index, relation in enumerate(facts.relations):
            _add_relation(rows, kg, facts, index, relation)
        for event in facts.events:
            _add_event(rows, kg, facts, event)
    _merge_events(rows, kg)
    return list(rows.sorted())


def term_factory() -> Callable[[str, str], Term]:
    """A maker of pyoxigraph terms from row strings (see `Row`) that builds each term once:
    subjects, predicates, sentence texts and small integers repeat."""
    terms: dict[tuple[str, str], Term] = {}

    def term(value: str, datatype: str = "") -> Term:
        made = terms.get((value, datatype))
        if made is None:
            made = ox.Literal(value, datatype=term(datatype)) if datatype else ox.NamedNode(value)
            terms[value, datatype] = made
        return made

    return term


def graph_triples(kg: KnowledgeGraph, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ox.Triple]:
    """All triples of `kg`, sorted and distinct, ready for `pyoxigraph.serialize`.

    Sorted by subject (its rdf:type first), then predicate and object, so that a writer
    keeping this order groups each subject's triples and is deterministic byte for byte.
    Raises RdfError as `graph_rows` does.
    """
    term = term_factory()
    return [
        ox.Triple(term(subject), term(predicate), term(value, datatype))
        for subject, _rank, predicate, value, datatype in graph_rows(kg, base_iri=base_iri)
    ]


def to_rdflib_term(term: Term) -> rdflib.URIRef | rdflib.Literal:
    """The rdflib twin of a pyoxigraph IRI or literal (plain strings stay untyped)."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language is not None:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == _STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib Graph holding `triples` (as given by `graph_triples`)."""
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(
            (
                to_rdflib_term(triple.subject),
                to_rdflib_term(triple.predicate),
                to_rdflib_term(triple.object),
            )
        )
    return graph
