"""The facts newskg passes from one stage to the next.

Plain frozen dataclasses holding strings and character offsets, never spaCy objects:
`ArticleFacts` is the single contract between extraction and everything after it
(docs/extraction-contract.md). Offsets are `[start, end)` into `Article.text` exactly as read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

_Fact = TypeVar("_Fact", bound=type)

# The closed entity vocabulary: each is a subclass of kg:Entity in ontology/kg.ttl.
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Place")


def _pickled_by_fields(cls: _Fact) -> _Fact:
    """Pickle a frozen slotted dataclass as its class and field values.

    The dataclass default (`__setstate__`) looks the class's fields up again for every
    object: most of the time of unpickling an article's facts, which a build does for every
    article (kg.pipeline.spool) and which worker processes send back to the parent.
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
    # The place a wire story was filed from ("SALVADOR, Feb 26 - ..."): the article's
    # datelinePlace, said of the whole story, so it is no co-mention of its sentence's names.
    dateline: bool = False


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
    # organisations: stock tickers the text gives ("<IBM.N>" after the name: "IBM.N"), sorted
    tickers: tuple[str, ...] = ()


# The closed relation vocabulary of docs/vocabulary.md; ontology/kg.ttl aligns each with Wikidata.
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


# The closed event vocabulary of docs/vocabulary.md: KAIROS's first two levels and role names where
# KAIROS has the type; ontology/kg.ttl declares a class for each type and a property for each
# role, and says which types and roles KAIROS lacks (Justice.Extradite, Personnel.Elect).
# Every event type an extractor emits (kg.extract.events' trigger lexicon, statements).
EVENT_TYPES: tuple[str, ...] = (
    "ArtifactExistence.DamageDestroyDisableDismantle",
    "Conflict.Attack",
    "Conflict.Demonstrate",
    "Contact.Contact",
    "Contact.RequestCommand",
    "Contact.ThreatenCoerce",
    "Disaster.DiseaseOutbreak",
    "GenericCrime.GenericCrime",
    "Justice.ArrestJailDetain",
    "Justice.ChargeIndict",
    "Justice.Convict",
    "Justice.Extradite",
    "Justice.InvestigateCrime",
    "Justice.ReleaseParole",
    "Justice.Sentence",
    "Justice.TrialHearing",
    "Life.Die",
    "Life.Injure",
    "Movement.Transportation",
    "Personnel.Elect",
    "Personnel.EndPosition",
    "Personnel.StartPosition",
    "Transaction.Donation",
    "Transaction.ExchangeBuySell",
)
# The third KAIROS level an event of a type may carry (Event.subtype); other types have none.
EVENT_SUBTYPES: dict[str, tuple[str, ...]] = {
    "Conflict.Attack": ("DetonateExplode",),
    "Contact.Contact": ("Broadcast", "Correspondence", "Meet"),
}
# Event type -> (agent role, patient role): the roles grammar fills (kg.extract.event_arguments).
EVENT_ROLES: dict[str, tuple[str, str]] = {
    "Conflict.Attack": ("Attacker", "Target"),
    "Conflict.Demonstrate": ("Demonstrator", "Target"),
    "Life.Die": ("Killer", "Victim"),
    "Life.Injure": ("Injurer", "Victim"),
    "Justice.ArrestJailDetain": ("Jailer", "Detainee"),
    "Justice.ChargeIndict": ("Prosecutor", "Defendant"),
    "Justice.TrialHearing": ("Prosecutor", "Defendant"),
    "Justice.Convict": ("JudgeCourt", "Defendant"),
    "Justice.Sentence": ("JudgeCourt", "Defendant"),
    "Justice.ReleaseParole": ("JudgeCourt", "Defendant"),
    "Justice.InvestigateCrime": ("Investigator", "Defendant"),
    "Justice.Extradite": ("Extraditer", "Defendant"),
    "Contact.RequestCommand": ("Communicator", "Recipient"),
    "Contact.ThreatenCoerce": ("Communicator", "Recipient"),
    "Contact.Contact": ("Participant", "Participant"),
    "Movement.Transportation": ("Transporter", "PassengerArtifact"),
    "Transaction.ExchangeBuySell": ("Giver", "AcquiredEntity"),
    "Transaction.Donation": ("Giver", "ArtifactMoney"),
    "Personnel.StartPosition": ("PlaceOfEmployment", "Employee"),
    "Personnel.EndPosition": ("PlaceOfEmployment", "Employee"),
    "Personnel.Elect": ("Voter", "Candidate"),
    "Disaster.DiseaseOutbreak": ("Disease", "Victim"),
    "GenericCrime.GenericCrime": ("Perpetrator", "Victim"),
    "ArtifactExistence.DamageDestroyDisableDismantle": ("DamagerDestroyer", "Artifact"),
}
# Event type -> every role an extractor may give its arguments: agent and patient, Place,
# and the roles of weapons, journeys, buyers (Recipient) and statements (Communicator).
EVENT_TYPE_ROLES: dict[str, tuple[str, ...]] = {
    "ArtifactExistence.DamageDestroyDisableDismantle": (
        "DamagerDestroyer",
        "Artifact",
        "Instrument",
        "Place",
    ),
    "Conflict.Attack": ("Attacker", "Target", "Instrument", "ExplosiveDevice", "Place"),
    "Conflict.Demonstrate": ("Demonstrator", "Target", "Place"),
    "Contact.Contact": ("Participant", "Communicator", "Recipient", "Place"),
    "Contact.RequestCommand": ("Communicator", "Recipient", "Place"),
    "Contact.ThreatenCoerce": ("Communicator", "Recipient", "Place"),
    "Disaster.DiseaseOutbreak": ("Disease", "Victim", "Place"),
    "GenericCrime.GenericCrime": ("Perpetrator", "Victim", "Place"),
    "Justice.ArrestJailDetain": ("Jailer", "Detainee", "Place"),
    "Justice.ChargeIndict": ("Prosecutor", "Defendant", "Place"),
    "Justice.Convict": ("JudgeCourt", "Defendant", "Place"),
    "Justice.Extradite": ("Extraditer", "Defendant", "Destination", "Origin", "Place"),
    "Justice.InvestigateCrime": ("Investigator", "Defendant", "Place"),
    "Justice.ReleaseParole": ("JudgeCourt", "Defendant", "Place"),
    "Justice.Sentence": ("JudgeCourt", "Defendant", "Place"),
    "Justice.TrialHearing": ("Prosecutor", "Defendant", "Place"),
    "Life.Die": ("Killer", "Victim", "Place"),
    "Life.Injure": ("Injurer", "Victim", "Instrument", "Place"),
    "Movement.Transportation": (
        "Transporter",
        "PassengerArtifact",
        "Destination",
        "Origin",
        "Place",
    ),
    "Personnel.Elect": ("Voter", "Candidate", "Place"),
    "Personnel.EndPosition": ("PlaceOfEmployment", "Employee", "Place"),
    "Personnel.StartPosition": ("PlaceOfEmployment", "Employee", "Place"),
    "Transaction.Donation": ("Giver", "ArtifactMoney", "Place"),
    "Transaction.ExchangeBuySell": ("Giver", "AcquiredEntity", "Recipient", "Place"),
}
# Whether the article reports an event as having happened (or happening), as not having
# happened ("no injuries were reported"), or as possible, planned, alleged or denied ("may
# visit", "threatened to bomb", "denied that X met Y"). Event.factuality is one of these.
FACTUALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical")
# Every role of EVENT_TYPE_ROLES, sorted: the closed set EventArgument.role is drawn from.
EVENT_ARGUMENT_ROLES: tuple[str, ...] = tuple(
    sorted({role for roles in EVENT_TYPE_ROLES.values() for role in roles})
)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class EventArgument:
    """One participant of an event: a KAIROS role and the entity that fills it."""

    role: str  # one of EVENT_TYPE_ROLES[its event's type]: "Defendant", "Place", ...
    entity: str | None  # Entity.id; None when the words name no entity ("the general")
    evidence: Span  # the words that fill the role


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, as the article reports it; mentions of one event are joined."""

    id: str  # local to the article: "v0", "v1", ...
    type: str  # one of EVENT_TYPES, two levels: "Justice.Sentence"
    triggers: tuple[Span, ...]  # every word that names it, in text order
    sentences: tuple[int, ...]  # the sentences of its triggers
    arguments: tuple[EventArgument, ...] = ()
    subtype: str | None = None  # third level, one of EVENT_SUBTYPES[type]: "Broadcast", "Meet"
    date: str | None = None  # ISO 8601 when it happened ("2017", "2019-12-02"), not published
    date_evidence: Span | None = None
    quote: str | None = None  # statements: the quoted text
    confidence: float = 1.0
    extractor: str = ""
    factuality: str = "asserted"  # one of FACTUALITIES
    label: str = ""  # in words, from type and main arguments: "Roman Seleznev arrested, Maldives"

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
    tickers: tuple[str, ...] = ()  # every ticker its entities carry, sorted

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
    # (kg.pipeline.spool.SpooledArticles): writers go through them in one pass each.
    articles: Sequence[ArticleFacts]
    nodes: tuple[Node, ...]
    comentions: tuple[CoMention, ...]
    merges: tuple[Merge, ...] = ()
    entity_keys: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)
    # (article id, local entity id) -> Node.key
    # (pair, sentence) co-mentions beyond kg.resolve's bounds, left out of `comentions`
    comentions_left_out: int = 0

    def node(self, key: str) -> Node:
        for node in self.nodes:
            if node.key == key:
                return node
        raise KeyError(key)
