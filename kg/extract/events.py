"""Events: verbal and nominal triggers, KAIROS roles filled from the parse, place and date.

A trigger is a word from the lexicon below ("sentenced", "the arrest", "attack"); its type
uses KAIROS's first two levels (DESIGN.md), so events compare with WikiEvents directly. Roles
come from grammar: the agent is the active subject (or "by" phrase, or a possessor of an
attacking noun), the patient the object, the passive subject or the "of" phrase of a noun.
"in"/"at" phrases naming a country or place fill Place; "to"/"from" fill Destination/Origin.
Arguments that name no entity ("the general", "soldiers") keep their span with no entity, so
scorers can count them and the graph can skip them. Mentions of one event in an article are
joined: same type and no conflicting patient, date or place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, lemma
from kg.extract.dates import normalise_date
from kg.extract.statements import statement_events
from kg.model import Event, EventArgument, Span

__all__ = ["EVENT_ROLES", "TRIGGERS", "extract_events"]

# Event type -> (agent role, patient role). KAIROS names; Justice.Extradite and
# Personnel.Elect are newskg's own (documented in ontology/kg.ttl).
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
# Verbs whose object is the mover rather than a target ("deployed troops").
_CAUSED_MOTION = frozenset({"transport", "evacuate", "deploy"})
# Clauses that describe other events; relative clauses of the trigger's noun stay out too.
_OTHER_CLAUSES = frozenset({"relcl", "ccomp", "conj", "cc", "parataxis", "acl"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})


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


def _clause(token: Token) -> list[Token]:
    """The trigger's own clause: its subtree without clauses that report other events."""
    out = [token]
    for child in token.children:
        if child.dep_ not in _OTHER_CLAUSES:
            out.extend(_clause(child))
    return out


def _phrase_head(token: Token) -> Token:
    """The noun a relative pronoun stands for: "Seleznev, who was sentenced" -> Seleznev."""
    if token.lower_ in _RELATIVE:
        clause = token.head
        while clause.dep_ not in ("relcl", "ROOT") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return token


def _person_before(token: Token, anchors: Anchors) -> str | None:
    """The nearest person named before a pronoun, within its sentence or the one before."""
    start = token.sent.start
    previous = token.doc[start - 1].sent.start if start > 0 else start
    for index in range(token.i - 1, previous - 1, -1):
        entity = anchors.entity_at(token.doc[index])
        if anchors.type_of(entity) == "Person":
            return entity
    return None


def _argument(role: str, token: Token, anchors: Anchors) -> EventArgument | None:
    token = _phrase_head(token)
    # a name within the phrase: "the arrest of Seleznev", "in US prison"
    for candidate in [token, *sorted(token.children, key=lambda t: t.i)]:
        if candidate is not token and candidate.dep_ not in ("compound", "amod", "poss"):
            continue
        entity = anchors.entity_at(candidate) or anchors.country_at(candidate)
        if entity is not None:
            return EventArgument(role, entity, anchors.mention_span(candidate))
    if token.lower_ in _PRONOUNS:
        entity = _person_before(token, anchors)
        if entity is None:
            return None
        return EventArgument(role, entity, Span(token.idx, token.idx + len(token.text)))
    if token.pos_ in ("NOUN", "PROPN"):
        return EventArgument(role, None, Span(token.idx, token.idx + len(token.text)))
    return None


def _places(token: Token, anchors: Anchors) -> Iterator[tuple[str, Token]]:
    """Role and head word of every locative phrase of the trigger's clause."""
    for word in _clause(token):
        if word.dep_ != "pobj" or word.head.dep_ != "prep":
            continue
        preposition = word.head.lower_
        role = {"in": "Place", "at": "Place", "near": "Place", "to": "Destination"}.get(
            preposition, "Origin" if preposition == "from" else None
        )
        if role is None:
            continue
        argument = _argument(role, word, anchors)
        if argument is None:
            continue
        # a named country or place, or a common noun of place ("in the city"), never a time
        nominal = argument.entity is None and not word.ent_type_ and word.pos_ == "NOUN"
        if anchors.type_of(argument.entity) in ("Country", "Place") or nominal:
            yield role, word


def _core_arguments(found: _Found, anchors: Anchors) -> None:
    agent, patient = EVENT_ROLES.get(found.type, ("Participant", "Participant"))
    trigger = found.trigger
    pairs: list[tuple[str, Token]] = []
    for child in trigger.children:
        dep = child.dep_
        if trigger.pos_ == "VERB":
            # active subject: the one who acts ("police arrested ..."); intransitive verbs
            # ("he died", "troops arrived") make their subject the patient
            if dep == "nsubj":
                transitive = any(c.dep_ == "dobj" for c in trigger.children)
                patient_like = found.type in ("Life.Die", "Life.Injure") and not transitive
                pairs.append((patient if patient_like else agent, child))
            # passive subject and direct object: the one acted on
            elif dep in ("nsubjpass", "dobj"):
                role = patient
                moved = lemma(trigger, _CAUSED_MOTION) in _CAUSED_MOTION
                if found.type == "Movement.Transportation" and not moved:
                    role = "Destination" if dep == "dobj" else patient
                pairs.append((role, child))
            # passive agent: "arrested by the police"
            elif dep == "agent":
                pairs += [(agent, c) for c in child.children if c.dep_ == "pobj"]
        else:
            # possessor of a noun: "his arrest", "Russia's attack"
            if dep == "poss":
                role = agent if found.type == "Conflict.Attack" else patient
                pairs.append((role, child))
            # "of" phrase of a noun: "the arrest of Seleznev"
            elif dep == "prep" and child.lower_ == "of":
                pairs += [(patient, c) for c in child.children if c.dep_ == "pobj"]
            # "by" phrase of a noun: "the attack by rebels"
            elif dep == "prep" and child.lower_ == "by":
                pairs += [(agent, c) for c in child.children if c.dep_ == "pobj"]
            # a name before the noun: "the Russian attack" (attacker), "Seleznev's arrest"
            elif dep in ("compound", "amod"):
                argument = _argument(agent, child, anchors)
                if argument and argument.entity:
                    pairs.append((agent, child))
    # "two people were injured": an adjective's subject is its patient
    if trigger.pos_ == "ADJ":
        pairs += [(patient, c) for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if trigger.dep_ == "amod":
            pairs.append((patient, trigger.head))
    # the noun a verb's participle describes: "Seleznev, jailed in the US"
    if trigger.pos_ == "VERB" and trigger.dep_ == "acl" and not any(r == patient for r, _ in pairs):
        pairs.append((patient, trigger.head))
    for role, word in pairs:
        argument = _argument(role, word, anchors)
        if argument is not None:
            found.arguments.append(argument)
    for role, word in _places(trigger, anchors):
        argument = _argument(role, word, anchors)
        if argument is not None:
            found.arguments.append(argument)


def _date(found: _Found, anchors: Anchors, reference: str | None) -> None:
    """The first date expression in the trigger's clause, normalised to ISO 8601."""
    words = {t.i for t in _clause(found.trigger)}
    for ent in found.trigger.sent.ents:
        if ent.label_ != "DATE" or not any(t.i in words for t in ent):
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
        _core_arguments(found, anchors)
        _date(found, anchors, reference)
        yield found


def _compatible(a: _Found, b: _Found) -> bool:
    """Two mentions of one event: same type, no clash of patient, date or place."""
    if a.type != b.type:
        return False
    _, patient = EVENT_ROLES.get(a.type, ("", "Participant"))
    for role in (patient, "Place"):
        if a.role(role) and b.role(role) and not a.role(role) & b.role(role):
            return False
    if a.type in ("Conflict.Attack", "Life.Die", "Life.Injure") and not (
        a.role(patient) & b.role(patient) or a.role("Place") & b.role("Place")
    ):
        # many attacks are reported in one article: join only on a shared victim or place
        return False
    return not (a.date and b.date and a.date != b.date)


def _join(found: list[_Found], anchors: Anchors) -> list[Event]:
    groups: list[list[_Found]] = []
    for mention in found:
        for group in groups:
            if all(_compatible(mention, other) for other in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
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
