"""Events: verbal and nominal triggers, their KAIROS types, dates, and one node per event.

A trigger is a word from the lexicon below ("sentenced", "the arrest", "attack"); its type
uses KAIROS's first two levels (docs/vocabulary.md), so events compare with WikiEvents directly. The
first date in the trigger's clause is the event's date. Mentions of one event in an article
are joined: same type and no conflicting patient, date or place.

Which words fill which role is kg.extract.event_arguments: the dependency rules, word lists
and roles per type are the larger part of the work and change for other reasons than the
lexicon does. This module decides what is an event and of which type; it hands the argument
rules its own test for event words, since an event is never another event's argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, lemma
from kg.extract.dates import normalise_date
from kg.extract.event_arguments import trigger_arguments, trigger_clause
from kg.extract.statements import statement_events
from kg.model import EVENT_ROLES, Event, EventArgument, Span

__all__ = ["TRIGGERS", "extract_events"]

# Trigger lemma -> (type, subtype). Nouns and verbs share the table; the parse decides roles.
TRIGGERS: dict[str, tuple[str, str | None]] = {}


def _triggers(kind: str, lemmas: str, subtype: str | None = None) -> None:
    for word in lemmas.split():
        TRIGGERS[word] = (kind, subtype)


_triggers(
    "Conflict.Attack",
    "attack attacker bomb bombing shoot shooting shot fire strike airstrike assault raid "
    "ambush war fighting fight clash shell shelling invade invasion hit assassination conflict",
)
_triggers("Conflict.Attack", "explode explosion blast detonate detonation", "DetonateExplode")
_triggers("Conflict.Demonstrate", "protest demonstrate demonstration rally march")
_triggers("Life.Die", "die death kill killing murder assassinate dead slay slaying")
_triggers("Life.Injure", "injure injury wound hurt")
_triggers("Justice.ArrestJailDetain", "arrest detain detention jail imprison capture custody")
_triggers("Justice.ChargeIndict", "charge indict indictment accuse accusation")
_triggers("Justice.TrialHearing", "trial hearing testify")
_triggers("Justice.Convict", "convict conviction")
_triggers("Justice.Sentence", "sentence")
_triggers("Justice.ReleaseParole", "release parole free")
_triggers("Justice.InvestigateCrime", "investigate investigation probe inquiry")
_triggers("Justice.Extradite", "extradite extradition")
_triggers("Contact.RequestCommand", "order request demand urge")
_triggers("Contact.ThreatenCoerce", "threaten threat warning")
_triggers("Contact.Contact", "meet meeting summit talk talks discuss", "Meet")
_triggers("Movement.Transportation", "travel arrive flee transport evacuate deploy return")
_triggers("Transaction.ExchangeBuySell", "buy sell purchase rent")
_triggers("Transaction.Donation", "donate donation")
_triggers("Personnel.StartPosition", "appoint hire")
_triggers("Personnel.EndPosition", "resign resignation fire dismiss retire")
_triggers("Personnel.Elect", "elect")
_triggers("Disaster.DiseaseOutbreak", "outbreak epidemic pandemic")
_triggers("GenericCrime.GenericCrime", "crime theft robbery cybertheft")
_triggers("ArtifactExistence.DamageDestroyDisableDismantle", "destroy damage demolish")

_ADJECTIVE_TRIGGERS = frozenset({"dead", "injured", "wounded", "killed", "hurt"})
# Words that name an event only as verbs: "a bomb", "in jail", "the charges" are things.
_VERB_ONLY = frozenset({"bomb", "jail", "charge", "fire", "free", "sentence", "order", "shell"})


@dataclass
class _Found:
    """An event mention while it is read; frozen into Event when mentions are joined."""

    type: str
    subtype: str | None
    trigger: Token
    arguments: list[EventArgument] = field(default_factory=list)
    date: str | None = None
    date_evidence: Span | None = None

    def role(self, name: str) -> set[str | None]:
        return {a.entity for a in self.arguments if a.role == name and a.entity}


def _is_event_noun(token: Token) -> bool:
    return lemma(token, TRIGGERS) in TRIGGERS and lemma(token, TRIGGERS) not in _VERB_ONLY


def _date(found: _Found, anchors: Anchors, reference: str | None) -> None:
    """The first date expression in the trigger's clause, normalised to ISO 8601."""
    words = {t.i for t in trigger_clause(found.trigger)}
    for ent in anchors.dates_in(found.trigger.sent):
        if not any(t.i in words for t in ent):
            continue
        value = normalise_date(ent.text, reference)
        if value is not None:
            found.date = value
            found.date_evidence = Span(ent.start_char, ent.end_char)
            return


def _mentions(doc: Doc, anchors: Anchors, reference: str | None) -> Iterator[_Found]:
    for token in doc:
        # adjectives too: "two people were injured", "five dead"
        if token.pos_ not in ("VERB", "NOUN") and token.lower_ not in _ADJECTIVE_TRIGGERS:
            continue
        entry = TRIGGERS.get(token.lower_) or TRIGGERS.get(lemma(token, TRIGGERS))
        if entry is None or anchors.entity_at(token) is not None:
            continue
        # "sentence" as a noun is the penalty ("a 27-year sentence"), not the hearing
        if token.pos_ == "NOUN" and lemma(token, TRIGGERS) in _VERB_ONLY:
            continue
        found = _Found(entry[0], entry[1], token)
        found.arguments = trigger_arguments(
            token, found.type, found.subtype, anchors, is_event=_is_event_noun
        )
        # "attacked with a car bomb": a device that explodes makes the attack a detonation
        if any(a.role == "ExplosiveDevice" for a in found.arguments):
            found.subtype = "DetonateExplode"
        _date(found, anchors, reference)
        yield found


_JOIN_ON_VICTIM_OR_PLACE = frozenset({"Conflict.Attack", "Life.Die", "Life.Injure"})


def _covers(sets: list[set[int]], needed: int) -> bool:
    """Whether the sets of member indexes hold `needed` members between them."""
    return any(len(one) >= needed for one in sets) or len(set().union(*sets)) >= needed


class _Group:
    """Mentions of one event, with what joining reads of them summed up.

    A mention joins a group when it is compatible with every member: same type, no clash of
    patient, date or place; attacks, deaths and injuries must share a victim or place with
    each. Checking it member by member made an article's events quadratic (an article
    repeating one event 1,200 times: 1.9 s), so the group keeps its dates and, per role,
    which members hold each entity.
    """

    def __init__(self, first: _Found) -> None:
        self.type = first.type
        self.patient = EVENT_ROLES.get(first.type, ("", "Participant"))[1]
        self.members: list[_Found] = []
        self.dates: set[str] = set()
        self.holders: dict[str, dict[str, set[int]]] = {self.patient: {}, "Place": {}}
        self.with_role = dict.fromkeys(self.holders, 0)  # members holding the role at all
        self.add(first)

    def add(self, mention: _Found) -> None:
        index = len(self.members)
        self.members.append(mention)
        if mention.date:
            self.dates.add(mention.date)
        for role, holders in self.holders.items():
            entities = mention.role(role)
            self.with_role[role] += bool(entities)
            for entity in entities:
                holders.setdefault(entity, set()).add(index)

    def _holding(self, role: str, entities: set[str | None]) -> list[set[int]]:
        return [self.holders[role].get(entity, set()) for entity in entities]  # type: ignore[arg-type]

    def accepts(self, mention: _Found) -> bool:
        if mention.type != self.type:
            return False
        if mention.date and self.dates - {mention.date}:
            return False
        for role in self.holders:
            entities = mention.role(role)
            if entities and not _covers(self._holding(role, entities), self.with_role[role]):
                return False
        if self.type in _JOIN_ON_VICTIM_OR_PLACE:
            # many attacks are reported in one article: join only on a shared victim or place
            shared = self._holding(self.patient, mention.role(self.patient))
            shared += self._holding("Place", mention.role("Place"))
            return _covers(shared, len(self.members))
        return True


def _join(found: list[_Found], anchors: Anchors) -> list[Event]:
    joined: list[_Group] = []
    for mention in found:
        for group in joined:
            if group.accepts(mention):
                group.add(mention)
                break
        else:
            joined.append(_Group(mention))
    groups = [group.members for group in joined]
    events = []
    for index, group in enumerate(groups):
        arguments: dict[tuple[str, str | None, int, int], EventArgument] = {}
        for mention in group:
            for argument in mention.arguments:
                key = (
                    argument.role,
                    argument.entity,
                    argument.evidence.start,
                    argument.evidence.end,
                )
                arguments.setdefault(key, argument)
        dated = next((m for m in group if m.date), None)
        events.append(
            Event(
                id=f"v{index}",
                type=group[0].type,
                subtype=group[0].subtype,
                triggers=tuple(
                    Span(m.trigger.idx, m.trigger.idx + len(m.trigger.text)) for m in group
                ),
                sentences=tuple(sorted({anchors.sentence_of(m.trigger.idx) for m in group})),
                arguments=tuple(
                    sorted(arguments.values(), key=lambda a: (a.evidence.start, a.role))
                ),
                date=dated.date if dated else None,
                date_evidence=dated.date_evidence if dated else None,
                confidence=0.7 if len(group) == 1 else 0.8,
                extractor="events.trigger_lexicon",
            )
        )
    return events


def extract_events(doc: Doc, anchors: Anchors, reference: str | None) -> tuple[Event, ...]:
    """The events of one article, mentions joined, statements last; ids v0, v1, ..."""
    events = _join(list(_mentions(doc, anchors, reference)), anchors)
    statements = statement_events(doc, anchors, reference)
    events += [replace(s, id=f"v{len(events) + i}") for i, s in enumerate(statements)]
    return tuple(events)
