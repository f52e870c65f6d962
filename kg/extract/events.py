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
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, lemma
from kg.extract.event_arguments import trigger_arguments
from kg.extract.event_dates import date_event
from kg.extract.event_join import EventMention, join_mentions
from kg.extract.event_labels import event_label
from kg.extract.factuality import factuality_of
from kg.extract.statements import statement_events
from kg.model import Event

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


def _is_event_noun(token: Token) -> bool:
    return lemma(token, TRIGGERS) in TRIGGERS and lemma(token, TRIGGERS) not in _VERB_ONLY


def _mentions(doc: Doc, anchors: Anchors, reference: str | None) -> Iterator[EventMention]:
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
        found = EventMention(entry[0], entry[1], token, factuality=factuality_of(token))
        found.arguments = trigger_arguments(
            token, found.type, found.subtype, anchors, is_event=_is_event_noun
        )
        # "attacked with a car bomb": a device that explodes makes the attack a detonation
        if any(a.role == "ExplosiveDevice" for a in found.arguments):
            found.subtype = "DetonateExplode"
        date_event(found, anchors, reference)
        yield found


def extract_events(doc: Doc, anchors: Anchors, reference: str | None) -> tuple[Event, ...]:
    """The events of one article, mentions joined, statements last; ids v0, v1, ..."""
    events = join_mentions(list(_mentions(doc, anchors, reference)), anchors)
    statements = statement_events(doc, anchors, reference)
    events += [replace(s, id=f"v{len(events) + i}") for i, s in enumerate(statements)]
    names = {entity.id: entity.name for entity in anchors.entities.values()}
    return tuple(replace(event, label=event_label(event, names)) for event in events)
