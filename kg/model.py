"""The facts newskg passes from one stage to the next.

Plain frozen dataclasses holding strings and character offsets, never spaCy objects:
`ArticleFacts` is the single contract between extraction and everything after it
(DESIGN.md). Offsets are `[start, end)` into `Article.text` exactly as read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

_Fact = TypeVar("_Fact", bound=type)

ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Place")


def _pickled_by_fields(cls: _Fact) -> _Fact:
    """Pickle a frozen slotted dataclass as its class and field values.

    The dataclass default (`__setstate__`) looks the class's fields up again for every
    object: most of the time of unpickling an article's facts, which a build does for every
    article (kg.spool) and which worker processes send back to the parent.
    """
    names = [f.name for f in fields(cls)]
    values = attrgetter(*names)
    several = len(names) > 1  # attrgetter of one name gives the bare value, not a tuple

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, values(self) if several else (values(self),)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    url: str | None = None
    publisher: str | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A `[start, end)` character range of an article's text."""

    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an entity is named."""

    start: int
    end: int
    text: str
    sentence: int  # index into ArticleFacts.sentences
    # "name" (Roman Seleznev, Seleznev, FBI), "demonym" (Russian -> Russia),
    # "nominal" (the envoy) or "pronoun" (he): only names are what NER benchmarks annotate.
    kind: str = "name"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    """All mentions of one entity within one article."""

    id: str  # local to the article: "e0", "e1", ...
    type: str  # one of ENTITY_TYPES
    name: str  # the preferred (longest full) form
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()  # other surface forms, sorted
    iso3: str | None = None  # ISO 3166-1 alpha-3, countries only
    wikidata: str | None = None  # "Q159"
    confidence: float = 1.0
    roles: tuple[str, ...] = ()  # people: "ambassador", "finance minister", sorted
    located_in: str | None = None  # places: ISO 3166 alpha-3 of their country


# The closed relation vocabulary of DESIGN.md; ontology/kg.ttl aligns each with Wikidata.
RELATION_TYPES: tuple[str, ...] = (
    "citizenOf",
    "memberOf",
    "employedBy",
    "affiliatedWith",
    "leaderOf",
    "headOfState",
    "headOfGovernment",
    "ministerOf",
    "spokespersonOf",
    "basedIn",
    "locatedIn",
    "partOf",
    "spouseOf",
    "parentOf",
    "childOf",
    "founderOf",
    "holdsPosition",
)
# The one relation whose object is a literal (the role, "ambassador"), not an entity.
LITERAL_RELATIONS: frozenset[str] = frozenset({"holdsPosition"})


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entities of one article, with its evidence."""

    type: str  # one of RELATION_TYPES
    subject: str  # Entity.id
    object: str  # Entity.id, or the literal value for LITERAL_RELATIONS ("ambassador")
    evidence: Span  # the characters that state it
    sentence: int  # index into ArticleFacts.sentences
    confidence: float
    extractor: str  # the rule that found it: "relations.title_modifier"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class EventArgument:
    """One participant of an event: a KAIROS role and the entity that fills it."""

    role: str  # "Defendant", "Place", "Communicator", ...
    entity: str | None  # Entity.id; None when the words name no entity ("the general")
    evidence: Span  # the words that fill the role


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, as the article reports it; mentions of one event are joined."""

    id: str  # local to the article: "v0", "v1", ...
    type: str  # two-level type: "Justice.Sentence"
    triggers: tuple[Span, ...]  # every word that names it, in text order
    sentences: tuple[int, ...]  # the sentences of its triggers
    arguments: tuple[EventArgument, ...] = ()
    subtype: str | None = None  # third KAIROS level: "Broadcast", "Correspondence", "Meet"
    date: str | None = None  # ISO 8601 when it happened ("2017", "2019-12-02"), not published
    date_evidence: Span | None = None
    quote: str | None = None  # statements: the quoted text
    confidence: float = 1.0
    extractor: str = ""

    @property
    def trigger(self) -> Span:
        return self.triggers[0]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Span, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()

    def sentence_text(self, index: int) -> str:
        span = self.sentences[index]
        return self.article.text[span.start : span.end]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class MentionRef:
    """A mention placed in the corpus: which article, and which entity there."""

    article_id: str
    entity_id: str
    mention: Mention


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Node:
    """One real-world entity across all articles, with a stable key for its IRI."""

    key: str  # IRI path below the base IRI: "person/roman-seleznev"
    type: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    iso3: str | None = None
    wikidata: str | None = None

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.mentions}))


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class CoMention:
    """Two nodes named in the same sentence, `count` times in all."""

    source: str  # Node.key, source < target
    target: str
    count: int
    evidence: tuple[tuple[str, int], ...]  # (article id, sentence index), sorted


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Merge:
    """Why an article's entity was joined to a node."""

    node: str  # Node.key
    article_id: str
    entity_id: str
    name: str
    reason: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class KnowledgeGraph:
    """The resolved graph of a corpus: what every exporter reads."""

    # In id order. A tuple, or for a streaming build a view that reads them from disk
    # (kg.spool.SpooledArticles): writers go through them in one pass each.
    articles: Sequence[ArticleFacts]
    nodes: tuple[Node, ...]
    comentions: tuple[CoMention, ...]
    merges: tuple[Merge, ...] = ()
    entity_keys: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)
    # (article id, local entity id) -> Node.key

    def node(self, key: str) -> Node:
        for node in self.nodes:
            if node.key == key:
                return node
        raise KeyError(key)
