"""Event arguments: which words of the parse fill which KAIROS role of one trigger.

Roles come from grammar: the agent is the active subject (or "by" phrase, or a possessor of an
attacking noun, or the subject of "launched attacks"), the patient the object, the passive
subject or the "of" phrase of a noun; a conjoined or participle verb shares its head's
subject ("They killed 23 and injured 15"), and coordinated or listed words are one argument
each. Weapons (a closed class) fill Instrument, or ExplosiveDevice for what explodes.
"in"/"at"/"on" phrases naming a country, a place or a noun of place ("the city") fill Place;
"to"/"from" fill Destination/Origin of movements, "arrived in X" the Destination, "fled X"
the Origin, and an extradition starts where the event coordinated with it happened ("the
arrest of Seleznev in the Maldives and his extradition"). "X, a victim of the attack" is the
attack's Target (the death's Victim). Around a noun: "charges against X" name the defendant,
"X is the only bidder for the purchase" and "X negotiated the purchase" the buyer, "X
refused to meet the demands" whom they were made of, "X was substituted off due to injury"
who was hurt, "X is undergoing trial" the defendant. A pronoun or definite nominal ("he",
"the ministry") names the entity kg.extract.antecedents finds for it; an unresolved "he"
stays as words, an unresolved "it" is dropped. Arguments that name no entity ("the general",
"13 people", "they") keep the span of their noun phrase with no entity, so scorers can count
them and the graph can skip them; events and times are never arguments. Word classes the
rules read ("fled", "a series of", "victim") are kg/data/argument_words.tsv.

kg.extract.events finds the triggers, types them and joins mentions; this module only reads
the tree around a trigger it is given. It does not know the trigger lexicon: events.py hands
it the test for words that name events, so the import goes one way, events -> arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from kg.extract.anchors import Anchors, lemma
from kg.extract.antecedents import antecedent, is_anaphor
from kg.extract.tables import table_rows
from kg.model import EVENT_ROLES, EventArgument, Span

__all__ = ["trigger_arguments", "trigger_clause", "word_class"]

# Verbs whose object is the mover rather than a target ("deployed troops").
_CAUSED_MOTION = frozenset({"transport", "evacuate", "deploy"})
# Clauses that describe other events; relative clauses of the trigger's noun stay out too.
_OTHER_CLAUSES = frozenset({"relcl", "ccomp", "conj", "cc", "parataxis", "acl"})
# Prepositions of place and the role their object fills.
_LOCATIVE = {
    "in": "Place",
    "at": "Place",
    "near": "Place",
    "on": "Place",
    "outside": "Place",
    "inside": "Place",
    "across": "Place",
    "to": "Destination",
    "from": "Origin",
}
# The types whose "to"/"from" phrases fill Destination/Origin.
_MOVEMENTS = frozenset({"Movement.Transportation", "Justice.Extradite"})
# Common nouns that name a place ("in the city", "outside the station"): a closed class.
_PLACE_NOUNS = frozenset(
    "city town village capital country province region district area neighbourhood "
    "neighborhood street road square market station airport base camp border building "
    "house home prison jail hospital school university mosque church temple embassy "
    "cafe restaurant hotel bar shop mall centre center office headquarters checkpoint "
    "bridge port harbour harbor highway park stadium".split()
)
_INSTRUMENT_TYPES = frozenset(
    {"Life.Injure", "ArtifactExistence.DamageDestroyDisableDismantle", "Conflict.Attack"}
)
_NOUNS = frozenset({"NOUN", "PROPN"})
# Contact subtypes that go one way, from a communicator to recipients.
_ONE_WAY = frozenset({"Broadcast", "Correspondence"})
_VERBS = frozenset({"VERB", "AUX"})
# Events that are messages someone gives someone: "gave a warning to the police".
_MESSAGES = frozenset({"Contact.RequestCommand", "Contact.ThreatenCoerce"})
# Cases brought against someone, whom their "against" phrase names.
_ACCUSING = frozenset({"Justice.ChargeIndict", "Justice.TrialHearing"})
# Events that harm someone, whom "a victim of" the event names.
_HARMS = frozenset({"Conflict.Attack", "Life.Die", "Life.Injure"})
# Dependencies that continue a list of participants.
_LIST_DEPS = frozenset({"conj", "appos"})
# Verbs whose subject takes part in the event named by their "in" phrase.
_TAKE_PART = frozenset("participate involve".split())
# Exchanges whose agent is the one who gets the goods.
_ACQUIRE = frozenset("buy purchase rent".split())
# Verbs whose object an attack hit: "the blast hit a bakery".
_TARGETING = frozenset("target hit strike damage destroy rock shatter devastate wreck".split())
# Verbs whose object is an event their subject carries out: "launched attacks".
_LIGHT_VERBS = frozenset("launch carry conduct stage mount commit perpetrate plan open".split())
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Pronouns that stand for things and events as often as for organisations.
_THINGS = frozenset({"it", "its"})
_ACTORS = frozenset({"Person", "Organization", "Country"})
_TIMES = frozenset({"DATE", "TIME"})
# Pronouns for groups name no one entity, but they are the words that fill the role.
_GROUP_PRONOUNS = frozenset({"they", "them", "we", "us", "those"})

# The word classes of kg/data/argument_words.tsv: verbs whose object is whom a message is for
# ("told reporters"), verbs that answer a demand ("refused to meet the demands": the recipient),
# of arrival ("arrived in X": the destination), of communication ("gave a warning to X": the
# recipient), nouns of who competes for an event ("the only bidder for the purchase"), verbs of
# dealing ("negotiated the purchase": the buyer), of departure ("fled X": the origin), nouns of an
# office whose "of" phrase is its portfolio ("minister of transport": no event), nouns that count
# events ("a series of attacks"), verbs of shooting ("fired at X": the target), units of time
# ("thirty minutes": never a participant), verbs whose subject undergoes the event named by their
# object ("suffered injuries", "are undergoing trial") and nouns of victims ("a victim of the
# attack").
_WORD_CLASSES = (
    "addressing",
    "answering",
    "arrival",
    "communication",
    "contender",
    "dealing",
    "departure",
    "explosive",
    "portfolio",
    "quantity",
    "reflexive",
    "shooting",
    "time",
    "topic",
    "undergoing",
    "victim",
    "weapon",
)


@cache
def word_class(name: str) -> frozenset[str]:
    """The words of one class of kg/data/argument_words.tsv: "departure" -> flee, leave, ..."""
    if name not in _WORD_CLASSES:
        raise ValueError(f"unknown word class {name!r}")
    rows = table_rows("argument_words.tsv")
    unknown = sorted({kind for kind, _ in rows} - set(_WORD_CLASSES))
    if unknown:
        raise ValueError(f"argument_words.tsv: unknown word classes {unknown}")
    return frozenset(word for kind, word in rows if kind == name)


def in_class(token: Token, name: str) -> bool:
    """Whether the token's lemma is a word of that class: in_class(fled, "departure")."""
    words = word_class(name)
    return lemma(token, words) in words


# Says whether a word names an event ("the attack"); events.py owns the lexicon behind it.
IsEvent = Callable[[Token], bool]


def trigger_clause(token: Token, stop_at: IsEvent | None = None) -> list[Token]:
    """The trigger's own clause: its subtree without clauses that report other events, and
    with `stop_at` without the phrases of other event nouns ("killed in an attack in
    Strasbourg": the attack's place)."""
    out = [token]
    for child in token.children:
        if child.dep_ in _OTHER_CLAUSES:
            continue
        if stop_at is not None and child.pos_ == "NOUN" and stop_at(child):
            continue
        out.extend(trigger_clause(child, stop_at))
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


def _phrase_span(token: Token, anchors: Anchors) -> Span:
    """The noun phrase up to its head ("three Russian soldiers"), never past the head word:
    the relative clauses and "of" phrases to its right describe other things; but a count
    goes on over "more" ("some 130 more were injured", "injured scores more")."""
    left = token.left_edge if token.left_edge.sent == token.sent else token
    span = anchors.mention_span(token)
    last = token
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    counted = token.pos_ == "NUM" or token.tag_ == "NNS"
    if (
        after is not None
        and counted
        and after.lower_ == "more"
        and after.head in (token, token.head)
    ):
        last = after
    return Span(min(left.idx, span.start), max(last.idx + len(last.text), span.end))


def _anaphor_argument(role: str, token: Token, anchors: Anchors) -> EventArgument | None:
    """A pronoun or definite nominal with the entity it stands for (antecedents.py): "He was
    arrested" -> the person named before, "the ministry said" -> the ministry named before.
    An unresolved "he" stays as words, as "they" does; an unresolved "it" is mostly no
    participant ("said it was done"), and an unresolved nominal is read as any noun."""
    entity = antecedent(token, anchors)
    if entity is None and (token.lower_ in _THINGS or token.pos_ == "NOUN"):
        return None
    return EventArgument(role, entity, _phrase_span(token, anchors))


def _argument(role: str, token: Token, anchors: Anchors, is_event: IsEvent) -> EventArgument | None:
    """The argument a word fills the role with: the entity it names ("the arrest of
    Seleznev"), stands for ("he", "the ministry") or none ("13 people"); None for words that
    are no participant (an event, a time, "it was done")."""
    token = _phrase_head(token)
    # an event is not a participant ("the blast injured ...", "killed in the attack"),
    # nor is a time ("an attack on 13 September")
    if (token.pos_ == "NOUN" and is_event(token)) or token.ent_type_ in _TIMES:
        return None
    if anchors.entity_at(token) is None and is_anaphor(token):
        argument = _anaphor_argument(role, token, anchors)
        if argument is not None or token.pos_ == "PRON":
            return argument
    # "Malaysia's Prime Minister, Najib Razak": the role is the person its apposition
    # names, not the country that owns it
    named = _apposition_entity(token, anchors)
    if named is not None:
        return EventArgument(role, named, _phrase_span(token, anchors))
    # a name within the phrase: "the arrest of Seleznev", "in US prison"
    for candidate in [token, *sorted(token.children, key=lambda t: t.i)]:
        if candidate is not token and candidate.dep_ not in ("compound", "amod", "poss"):
            continue
        # "pro-Beijing candidates", "anti-government protesters": a stance, not whose they are
        if candidate is not token and _after_stance(candidate):
            continue
        entity = anchors.entity_at(candidate) or anchors.country_at(candidate)
        # "Paris's father", "Smith's lawyer": a person's someone is another person
        owner = candidate.dep_ == "poss" and token.pos_ == "NOUN"
        if owner and anchors.type_of(entity) == "Person":
            continue
        if entity is not None:
            span = anchors.mention_span(candidate)
            if candidate is not token and token.pos_ == "NOUN":
                # "Russian soldiers": the words are the soldiers, the name says whose
                span = _phrase_span(token, anchors)
            return EventArgument(role, entity, span)
    # a time is no participant, even where the parser lists it with some ("warnings were
    # given to the police and newspapers at least thirty minutes before")
    if in_class(token, "time"):
        return None
    # common nouns, numbers ("killed 13") and plural pronouns name no entity: kept as words,
    # as is what "anti-" opposes ("anti-government", often tagged an adjective)
    if token.pos_ in ("NOUN", "PROPN", "NUM") or token.lower_ in _GROUP_PRONOUNS:
        return EventArgument(role, None, _phrase_span(token, anchors))
    if _after_anti(token):
        return EventArgument(role, None, _phrase_span(token, anchors))
    return None


def _apposition_entity(token: Token, anchors: Anchors) -> str | None:
    """The entity a common noun's apposition names when the noun names none itself:
    "the minister, Najib Razak" -> Najib Razak."""
    if token.pos_ not in _NOUNS or anchors.entity_at(token) is not None:
        return None
    named = [anchors.entity_at(c) for c in token.children if c.dep_ == "appos"]
    return next((entity for entity in named if entity is not None), None)


def _places(
    token: Token, anchors: Anchors, event_type: str, is_event: IsEvent
) -> Iterator[tuple[str, Token]]:
    """Role and head word of every locative phrase of the trigger's clause."""
    for word in trigger_clause(token, stop_at=is_event):
        if word.dep_ != "pobj" or word.head.dep_ != "prep":
            continue
        role = _LOCATIVE.get(word.head.lower_)
        if role == "Place" and _arrives_in(token, word):
            role = "Destination"
        # only movements have a destination: "an attack to the building" is no journey
        if role is None or (role != "Place" and event_type not in _MOVEMENTS):
            continue
        # "in Badia al-Sukhnah and Badia al-Sham", "in Helmand Province, Afghanistan"
        appositions = [c for c in word.children if c.dep_ == "appos"]
        for place in [word, *word.conjuncts, *appositions]:
            argument = _argument(role, place, anchors, is_event)
            if argument is None:
                continue
            # a named country or place, or a noun of place ("in the city"); never a time,
            # an event ("killed in the attack") or a thing ("in a photo")
            named = anchors.type_of(argument.entity) in ("Country", "Place") or (
                argument.entity is None and place.ent_type_ in ("GPE", "LOC", "FAC")
            )
            # a noun of place heads a name too: "Oxford Street", "the Oxford Street station"
            if named or lemma(place, _PLACE_NOUNS) in _PLACE_NOUNS:
                yield role, place


def _arrives_in(trigger: Token, word: Token) -> bool:
    """ "arrived in Junction City": where a verb of arrival happens is where it went; not
    "travelled in Kansas" nor "arrived in a taxi" (no place, left to the place rules)."""
    return (
        word.head.lower_ in ("in", "at")
        and word.head.head == trigger
        and in_class(trigger, "arrival")
    )


def _members(word: Token) -> list[Token]:
    """The word and the nouns coordinated with it, "including" lists and their appositions
    ("Eva Forest, wife of ..., Lidia Falcón and the director ..."): one argument each."""
    out, stack = [], [word]
    while stack:
        member = stack.pop()
        if member in out:
            continue
        out.append(member)
        for child in member.children:
            if child.dep_ in _LIST_DEPS and child.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
                stack.append(child)
            # "ten activists, including Maria Lopez"
            elif child.dep_ == "prep" and child.lower_ == "including":
                stack += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _weapon_role(event_type: str, word: Token) -> str | None:
    """The role a weapon fills in this event ("" when the type has none), None for others."""
    explosives, weapons = word_class("explosive"), word_class("weapon")
    head = _phrase_head(word)
    name = lemma(head, explosives | weapons)
    if name not in explosives and name not in weapons:
        # "dozens of rounds", "a barrage of rockets": what is counted is the weapon
        counted = [g for c in head.children if c.lower_ == "of" for g in _objects(c)]
        name = lemma(counted[0], explosives | weapons) if counted else ""
    if name not in explosives and name not in weapons:
        return None
    if event_type == "Conflict.Attack":
        return "ExplosiveDevice" if name in explosives else "Instrument"
    # KAIROS gives Life.Die no instrument: "an IED killed him" names no killer
    return "Instrument" if event_type in _INSTRUMENT_TYPES else ""


def _verb_dependents(trigger: Token) -> list[tuple[str, Token]]:
    """(dep, word) of a verb, with the subject it shares with the verb it hangs from:
    "They killed 23 and injured 15", "the army claimed to have hit", "..., killing six"."""
    deps = [(c.dep_, c) for c in trigger.children]
    if any(dep in ("nsubj", "nsubjpass") for dep, _ in deps):
        return deps
    shares = trigger.dep_ in ("conj", "xcomp") or (
        trigger.dep_ == "advcl" and trigger.tag_ == "VBG"
    )
    governor = trigger.head
    # "The South retaliated by firing": the "by" of the means hangs on the verb; not a
    # passive's "by" ("were warned by firing")
    means = governor.lower_ == "by" and governor.dep_ == "prep"
    if trigger.dep_ == "pcomp" and trigger.tag_ == "VBG" and means:
        shares, governor = True, governor.head
    # "was able to meet": the subject of the verb the adjective completes
    if trigger.dep_ == "xcomp" and governor.pos_ == "ADJ" and governor.dep_ == "acomp":
        governor = governor.head
    if shares and governor.pos_ in ("VERB", "AUX"):
        passive = any(dep == "auxpass" for dep, _ in deps)
        # the head may share its own subject: "launched attacks, killing 130 and injuring"
        for dep, child in _verb_dependents(governor):
            if dep == "nsubj":
                deps.append(("nsubjpass" if passive else "nsubj", child))
            elif dep == "nsubjpass":
                deps.append(("nsubjpass" if passive or trigger.tag_ == "VBN" else "nsubj", child))
    return deps


def _through_quantity(trigger: Token) -> Token:
    """The noun that stands in the clause for the event it counts: "launched a series of
    attacks" -> series; the trigger itself otherwise."""
    head = trigger.head
    quantities = word_class("quantity")
    counted = trigger.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep"
    if counted and lemma(head.head, quantities) in quantities:
        return head.head
    return trigger


def _light_verb(trigger: Token) -> Token | None:
    """The verb that carries out a nominal event: "IS launched attacks" -> launched, "claimed
    responsibility for the bombings" -> claimed, "took part in the attack" -> took."""
    head = trigger.head
    if trigger.dep_ == "dobj" and lemma(head, _LIGHT_VERBS) in _LIGHT_VERBS:
        return head
    if trigger.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility":
        return head.head.head
    if trigger.dep_ == "pobj" and head.lower_ == "in":
        joined = head.head
        if joined.lower_ == "part" and lemma(joined.head) == "take":
            return joined.head
        if lemma(joined, _TAKE_PART) in _TAKE_PART:
            return joined
    return None


def _light_verb_subjects(verb: Token) -> list[Token]:
    """The subjects of the carrying verb; "the IRA's decision to carry out the attacks": the
    possessor of the noun the verb describes."""
    agents = [c for d, c in _verb_dependents(verb) if d in ("nsubj", "nsubjpass")]
    if not agents and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        agents += [c for c in verb.head.children if c.dep_ == "poss"]
    return agents


def _light_verb_agents(trigger: Token) -> list[Token]:
    """Who carried out a nominal event: "IS launched attacks", "attacks carried out by ETA",
    "the IRA claimed responsibility for the bombings", "those involved in the attack"."""
    trigger = _through_quantity(trigger)
    verb = _light_verb(trigger)
    agents = _light_verb_subjects(verb) if verb is not None else []
    for clause in trigger.children:
        if clause.dep_ == "acl" and lemma(clause, _LIGHT_VERBS) in _LIGHT_VERBS:
            agents += [g for c in clause.children if c.dep_ == "agent" for g in c.children]
    # "the attack was launched on Wednesday by a user"
    head = trigger.head
    if trigger.dep_ == "nsubjpass" and lemma(head, _LIGHT_VERBS) in _LIGHT_VERBS:
        agents += [g for c in head.children if c.dep_ == "agent" for g in _objects(c)]
    return agents


def _targets(trigger: Token) -> list[Token]:
    """What an attack noun hit: the object of the verb it is the subject of ("the blast
    hit a bakery"), or of a participle describing it ("bombings targeted at soldiers")."""
    out = []
    if trigger.dep_ == "nsubj" and lemma(trigger.head, _TARGETING) in _TARGETING:
        out += [c for c in trigger.head.children if c.dep_ == "dobj"]
    # "the building was shattered by an explosion"
    agent = trigger.head
    if (
        trigger.dep_ == "pobj"
        and agent.dep_ == "agent"
        and lemma(agent.head, _TARGETING) in _TARGETING
    ):
        out += [c for c in agent.head.children if c.dep_ == "nsubjpass"]
    for clause in trigger.children:
        if clause.dep_ == "acl" and lemma(clause, _TARGETING) in _TARGETING:
            out += [
                g
                for c in clause.children
                if c.dep_ == "prep" and c.lower_ in ("at", "against", "on")
                for g in c.children
                if g.dep_ == "pobj"
            ]
    return out


@dataclass(frozen=True)
class _Frame:
    """One trigger of a typed event, the roles its agent and patient fill, and what the
    rules need to read names off the parse."""

    trigger: Token
    event_type: str
    agent: str
    patient: str
    explodes: bool  # "the bomb exploded": what explodes is the device
    anchors: Anchors
    is_event: IsEvent


def _objects(prep: Token) -> list[Token]:
    """The objects of a preposition: "by the police" -> police."""
    return [c for c in prep.children if c.dep_ == "pobj"]


# Verbs that take no object: a direct object the parser hangs on them belongs elsewhere
# ("She died from infection ..., a form of alternative medicine": "form" is no victim).
_INTRANSITIVE = frozenset({"die", "resign", "retire"})


def _verb_pairs(frame: _Frame) -> list[tuple[str, Token]]:
    """(role, word) of a verbal trigger's subjects, objects, "by" and "with" phrases; role ""
    marks a "with" phrase that fills a role only if it names a weapon."""
    deps = _verb_dependents(frame.trigger)
    if lemma(frame.trigger, _INTRANSITIVE) in _INTRANSITIVE:
        deps = [(dep, child) for dep, child in deps if dep != "dobj"]
    transitive = any(dep == "dobj" for dep, _ in deps)
    pairs: list[tuple[str, Token]] = []
    for dep, child in deps:
        pairs += _verb_dependent_pairs(dep, child, frame, transitive)
    return pairs


def _verb_dependent_pairs(
    dep: str, child: Token, frame: _Frame, transitive: bool
) -> list[tuple[str, Token]]:
    """The role one dependent of a verbal trigger fills, by its dependency."""
    if dep == "nsubj":
        return [(_subject_role(frame, transitive), child)]
    if dep in ("nsubjpass", "dobj"):
        return _undergoer(dep, child, frame) + _aimed_at(child, frame)
    # passive agent: "arrested by the police"
    if dep == "agent":
        return [(frame.agent, c) for c in _objects(child)]
    # "Brin met with Mohamed": whom one meets or talks with
    if dep == "prep" and child.lower_ == "with" and frame.event_type == "Contact.Contact":
        return [(frame.patient, c) for c in _objects(child)]
    # the weapon: "attacked with drones", "injured using a knife"
    if dep == "prep" and child.lower_ in ("with", "using"):
        return [("", c) for c in _objects(child)]
    # "fired at the police", "shot at the crowd"
    shoots = _shoots(frame.trigger)
    if dep == "prep" and child.lower_ == "at" and shoots and frame.event_type == "Conflict.Attack":
        return [("Target", c) for c in _objects(child)]
    # "thousands protested against the government"
    if dep == "prep" and child.lower_ == "against" and frame.event_type == "Conflict.Demonstrate":
        return [(frame.patient, c) for c in _objects(child)]
    return []


def _aimed_at(fired: Token, frame: _Frame) -> list[tuple[str, Token]]:
    """ "fired artillery rounds aimed at a loudspeaker": the target of the shots, in an "at"
    phrase of a participle on what was fired."""
    if frame.event_type != "Conflict.Attack" or not _shoots(frame.trigger):
        return []
    return [
        ("Target", target)
        for clause in fired.children
        if clause.dep_ == "acl"
        for prep in clause.children
        if prep.dep_ == "prep" and prep.lower_ == "at"
        for target in _objects(prep)
    ]


# Types whose intransitive verb has the patient as its subject: "he died", "she resigned".
_PATIENT_SUBJECTS = frozenset(
    {"Life.Die", "Life.Injure", "Personnel.EndPosition", "Personnel.StartPosition"}
)


def _subject_role(frame: _Frame, transitive: bool) -> str:
    """Active subject: the one who acts ("police arrested ..."); an intransitive verb of
    death or injury makes its subject the victim ("he died"), one of leaving or taking a
    post the employee ("Giovanni Tria resigned"), and what explodes is the device ("the
    truck exploded")."""
    if frame.explodes and not transitive:
        return "ExplosiveDevice"
    if frame.event_type in _PATIENT_SUBJECTS and not transitive:
        return frame.patient
    return frame.agent


def _undergoer(dep: str, child: Token, frame: _Frame) -> list[tuple[str, Token]]:
    """Passive subject and direct object: the one acted on ("Seleznev was arrested",
    "police arrested Seleznev")."""
    trigger = frame.trigger
    # "ordered the departure" names what was asked, "ordered them to leave" whom
    asks = frame.event_type == "Contact.RequestCommand" and dep == "dobj"
    if asks and not any(c.dep_ == "xcomp" for c in trigger.children):
        return []
    # "issued a statement" names the message; "told reporters" whom it was for
    addressing = word_class("addressing")
    one_way = frame.patient == "Recipient" and frame.event_type == "Contact.Contact"
    if one_way and dep == "dobj" and lemma(trigger, addressing) not in addressing:
        return []
    # "discussed his concern", "re-negotiate their agreement": what was talked about
    if frame.event_type == "Contact.Contact" and dep == "dobj" and in_class(trigger, "topic"):
        return []
    role = "ExplosiveDevice" if frame.explodes else frame.patient
    # "flew to Paris": the object of a journey is where it went, unless the verb moves
    # its object ("deployed troops")
    moved = lemma(trigger, _CAUSED_MOTION) in _CAUSED_MOTION
    if frame.event_type == "Movement.Transportation" and not moved:
        role = "Destination" if dep == "dobj" else frame.patient
        # "fled the country": the object of a departure is where it started
        if dep == "dobj" and in_class(trigger, "departure"):
            role = "Origin"
    return [(role, child)]


def _noun_pairs(frame: _Frame) -> list[tuple[str, Token]]:
    """(role, word) of a nominal (or adjectival) trigger: its possessor, "of", "on", "by"
    phrases and the names before it, and the verbs around it that say who did it to whom."""
    trigger, agent, patient = frame.trigger, frame.agent, frame.patient
    pairs: list[tuple[str, Token]] = []
    for child in trigger.children:
        pairs += _noun_dependent_pairs(child, frame)
    pairs += [(agent, c) for c in _light_verb_agents(trigger)]
    # "13 people suffered injuries", "the couple are undergoing trial": who undergoes the
    # event is its patient
    undergoing = word_class("undergoing")
    if trigger.dep_ == "dobj" and lemma(trigger.head, undergoing) in undergoing:
        pairs += [(patient, c) for d, c in _verb_dependents(trigger.head) if d == "nsubj"]
    # "Aeroflot has negotiated the purchase": who deals for it buys or sells
    dealing = word_class("dealing")
    deals = trigger.dep_ == "dobj" and lemma(trigger.head, dealing) in dealing
    if deals and frame.event_type == "Transaction.ExchangeBuySell":
        pairs += [(agent, c) for d, c in _verb_dependents(trigger.head) if d == "nsubj"]
    # "Ford is the only bidder for the purchase": who competes for it would carry it out
    pairs += [(agent, c) for c in _contenders(trigger)]
    # "substituted off due to injury": who was hurt
    if frame.event_type == "Life.Injure":
        pairs += [(patient, c) for c in _injured_players(frame)]
    # "the explosion targeted a bakery", "bombings targeted at the military"
    if frame.event_type == "Conflict.Attack":
        pairs += [("Target", c) for c in _targets(trigger)]
    # "those responsible for the attack", "he was responsible for the bombing"
    pairs += [(agent, c) for c in _responsible(trigger)]
    # "said in an interview", "is in talks with several automakers"
    if frame.event_type == "Contact.Contact":
        pairs += _meeting_pairs(frame)
    # "anti-government protests"
    if frame.event_type == "Conflict.Demonstrate":
        pairs += [(patient, c) for c in _opposed(trigger)]
    # "a death toll of 11", "the death toll rose to 32"
    if frame.event_type in ("Life.Die", "Life.Injure"):
        pairs += [(patient, c) for c in _toll(trigger)]
    # "Seleznev, a victim of the 2011 attack": the attack's target, the death's victim
    if frame.event_type in _HARMS:
        role = "Target" if frame.event_type == "Conflict.Attack" else patient
        pairs += [(role, c) for c in _victims(trigger)]
    return pairs


def _noun_of(trigger: Token, preposition: str, word_class: str) -> Token | None:
    """The noun of a word class the trigger hangs from by that preposition: "bidder" of
    "the only bidder for the purchase", "victim" of "a victim of the attack"."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != preposition or prep.dep_ != "prep":
        return None
    return prep.head if in_class(prep.head, word_class) else None


def _contenders(trigger: Token) -> list[Token]:
    """Who competes for the event: "Ford is the only bidder for the purchase", "Ford, the
    only bidder for the purchase"; not "a bidder for the purchase" with no one named."""
    noun = _noun_of(trigger, "for", "contender")
    if noun is None:
        return []
    if noun.dep_ == "appos":
        return [noun.head]
    if noun.dep_ == "attr" and lemma(noun.head) == "be":
        return [c for c in noun.head.children if c.dep_ == "nsubj"]
    return []


def _injured_players(frame: _Frame) -> list[Token]:
    """Who left because of an injury: "Hassen was substituted off due to injury" (the
    passive subject), "Korea substituted Park due to injury" (the object, when it names a
    person: "missed the game due to injury" names no one hurt)."""
    trigger, anchors = frame.trigger, frame.anchors
    prep = trigger.head
    if trigger.dep_ != "pobj":
        return []
    # the parser hangs "injury" on "due" or on its "to"
    if prep.lower_ == "due":
        verb = prep.head
    elif prep.lower_ in ("to", "of") and prep.head.lower_ in ("due", "because"):
        verb = prep.head.head
    else:
        return []
    if verb.pos_ not in _VERBS:
        return []
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    return [
        c
        for c in verb.children
        if c.dep_ == "dobj" and anchors.type_of(anchors.entity_at(c)) == "Person"
    ]


def _meeting_pairs(frame: _Frame) -> list[tuple[str, Token]]:
    """Who takes part in a meeting named by a noun: its "with" phrase ("talks with several
    automakers") and the subject of the verb it is the setting of ("Sugar said in an
    interview", "PAG is in talks")."""
    trigger, head = frame.trigger, frame.trigger.head
    pairs = [
        (frame.agent, g)
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in _objects(c)
    ]
    if trigger.dep_ == "pobj" and head.lower_ in ("in", "during") and head.head.pos_ in _VERBS:
        pairs += [(frame.agent, c) for d, c in _verb_dependents(head.head) if d == "nsubj"]
    return pairs


def _responsible(trigger: Token) -> list[Token]:
    """Who is "responsible for" the event: "those responsible for the attack", "he was
    responsible for the bombing", "a man believed to be responsible for the blast"."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lower_ != "responsible":
        return []
    adjective = prep.head
    if adjective.dep_ == "amod":
        return [adjective.head]
    if adjective.dep_ != "acomp":
        return []
    verb = adjective.head
    found = [c for d, c in _verb_dependents(verb) if d == "nsubj"]
    # "a man believed to be responsible": the man the participle describes
    if not found and verb.dep_ == "xcomp" and verb.head.dep_ == "acl":
        found = [verb.head.head]
    return found


def _opposed(trigger: Token) -> list[Token]:
    """What a protest is against: "anti-government protests" -> government."""
    words = list(trigger.doc[trigger.left_edge.i : trigger.i])
    return [word for word in words if _after_anti(word)]


def _after_anti(word: Token) -> bool:
    """ "anti-government": the word an "anti-" prefix opposes."""
    return _after_stance(word, ("anti",))


def _after_stance(word: Token, stances: tuple[str, ...] = ("anti", "pro")) -> bool:
    """ "pro-Beijing", "anti-Assad": the word a stance prefix is for or against."""
    doc, i = word.doc, word.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in stances


def _toll(trigger: Token) -> list[Token]:
    """The count of a death or injury toll: "a death toll of 11", "the death toll rose to
    32", "the toll reached 40"; numbers only, not "a toll of the war"."""
    toll = trigger.head
    if trigger.dep_ != "compound" or toll.lower_ != "toll":
        return []
    found = [g for c in toll.children if c.dep_ == "prep" and c.lower_ == "of" for g in _objects(c)]
    if toll.dep_ == "nsubj":
        verb = toll.head
        found += [c for c in verb.children if c.dep_ == "dobj"]
        found += [g for c in verb.children if c.lower_ in ("to", "at") for g in _objects(c)]
    return [word for word in found if word.pos_ == "NUM"]


def _victims(trigger: Token) -> list[Token]:
    """Who a "victim of" the event is: "Seleznev, a victim of the attack", "Seleznev is a
    victim of the attack", "the victims of the attack were two women"; the victim noun itself
    when the sentence names no one ("three victims of the attack were buried")."""
    noun = _noun_of(trigger, "of", "victim")
    if noun is None:
        return []
    copula = noun.head if lemma(noun.head) == "be" else None
    if noun.dep_ == "appos":
        return [noun.head]
    if copula is not None and noun.dep_ == "attr":
        return [c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")]
    if copula is not None and noun.dep_ == "nsubj":
        return [c for c in copula.children if c.dep_ == "attr"] or [noun]
    return [noun]


def _noun_dependent_pairs(child: Token, frame: _Frame) -> list[tuple[str, Token]]:
    """The role one dependent of a nominal trigger fills, by its dependency."""
    dep, event_type = child.dep_, frame.event_type
    # possessor of a noun: "his arrest", "Russia's attack"
    if dep == "poss":
        return [(frame.agent if event_type == "Conflict.Attack" else frame.patient, child)]
    if dep == "prep":
        return _noun_prep_pairs(child, frame)
    if dep in ("compound", "amod"):
        return _noun_modifier_pairs(child, frame)
    return []


def _noun_prep_pairs(prep: Token, frame: _Frame) -> list[tuple[str, Token]]:
    """The phrases of a nominal trigger: "the arrest of Seleznev", "the explosion of a
    bomb" (patient; "crimes of treason" name the crime), "the attack on the market",
    "attacks against civilians" (target), "the attack by rebels" (agent)."""
    word, event_type = prep.lower_, frame.event_type
    if word == "of":
        if event_type == "GenericCrime.GenericCrime":
            return []
        return [(frame.patient, c) for c in _objects(prep)]
    # "protests against the government", "charges against Michael Sears"
    if word == "against" and (event_type == "Conflict.Demonstrate" or event_type in _ACCUSING):
        return [(frame.patient, c) for c in _objects(prep)]
    if word in ("on", "against"):
        if event_type != "Conflict.Attack":
            return []
        return [("Target", c) for c in _objects(prep)]
    if word == "by":
        return [(frame.agent, c) for c in _objects(prep)]
    return []


def _noun_modifier_pairs(child: Token, frame: _Frame) -> list[tuple[str, Token]]:
    """A name before the noun: "the Russian attack" (attacker), "the Manchester bombing"
    (place), or a weapon: "a car bomb attack"."""
    argument = _argument(frame.agent, child, frame.anchors, frame.is_event)
    if _weapon_role(frame.event_type, child) is not None:
        return [("", child)]
    type_ = frame.anchors.type_of(argument.entity) if argument else None
    if type_ == "Place":
        return [("Place", child)]
    if type_ in _ACTORS:
        return [(frame.agent, child)]
    return []


def trigger_arguments(
    trigger: Token,
    event_type: str,
    subtype: str | None,
    anchors: Anchors,
    *,
    is_event: IsEvent,
) -> list[EventArgument]:
    """The arguments of one trigger of a typed event: participants first, then places.

    An ExplosiveDevice among them makes an attack a detonation; the caller, which owns the
    event's type, sets that subtype.
    """
    agent, patient = EVENT_ROLES.get(event_type, ("Participant", "Participant"))
    # who buys or rents receives: "McVeigh rented a truck"
    if lemma(trigger, _ACQUIRE) in _ACQUIRE:
        agent = "Recipient"
    # who commits suicide is the one who dies: "Albert Jaquier committed suicide"
    if in_class(trigger, "reflexive"):
        agent = patient
    # a broadcast or a letter goes from a communicator to recipients: "Police issued an
    # appeal", "the ministry wrote to the embassy"
    if event_type == "Contact.Contact" and subtype in _ONE_WAY:
        agent, patient = "Communicator", "Recipient"
    explodes = subtype == "DetonateExplode"
    frame = _Frame(trigger, event_type, agent, patient, explodes, anchors, is_event)
    return _participant_arguments(frame) + _place_arguments(frame)


def _participant_pairs(frame: _Frame) -> list[tuple[str, Token]]:
    """(role, word) of every participant the trigger's grammar names."""
    trigger, patient = frame.trigger, frame.patient
    pairs = _verb_pairs(frame) if trigger.pos_ == "VERB" else _noun_pairs(frame)
    if trigger.pos_ == "ADJ":
        pairs += _adjective_pairs(trigger, patient)
    if trigger.pos_ == "VERB":
        pairs += _described_noun(trigger, patient, pairs)
        pairs += _included(trigger, patient)
    if trigger.pos_ != "NOUN" and frame.event_type in ("Life.Die", "Life.Injure"):
        pairs += _cause_agents(frame)
    if trigger.pos_ == "NOUN" and frame.event_type in _MESSAGES:
        pairs += _message_pairs(frame)
    return pairs


def _cause_agents(frame: _Frame) -> list[tuple[str, Token]]:
    """Who carried out the attack a death came in: "fighters were killed in IS attacks",
    "died in a Russian air strike", "killed in attacks by the rebels"; not "killed in the
    2011 attack" (no one named) nor "killed in a car bomb attack" (a weapon)."""
    found = []
    for prep in frame.trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for cause in _objects(prep):
            if not (cause.pos_ == "NOUN" and frame.is_event(cause)):
                continue
            for child in cause.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    found += [(frame.agent, g) for g in _objects(child)]
                elif child.dep_ in ("compound", "amod", "poss") and _actor(child, frame):
                    found.append((frame.agent, child))
    return found


def _actor(word: Token, frame: _Frame) -> bool:
    """Whether a word before a noun names a person, organisation or country, not a weapon."""
    if _weapon_role(frame.event_type, word) is not None:
        return False
    argument = _argument(frame.agent, word, frame.anchors, frame.is_event)
    return argument is not None and frame.anchors.type_of(argument.entity) in _ACTORS


def _message_recipients(verb: Token) -> list[Token]:
    """Whom the verb of a message addresses: "given to the police", "gave them an order";
    "given to the Samaritans, the police, newspapers ...": a parse that hangs the rest of the
    list on the verb."""
    recipients = [
        g
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for g in _objects(c)
    ]
    recipients += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    return recipients


def _message_pairs(frame: _Frame) -> list[tuple[str, Token]]:
    """Who gave a warning, an order or a demand, and to whom: "warnings were given to the
    police", "the army issued a warning to residents", "gave them an order"."""
    trigger, verbs = frame.trigger, word_class("communication")
    verb = trigger.head
    # "a warning to residents"
    own = [(frame.patient, g) for c in trigger.children if c.lower_ == "to" for g in _objects(c)]
    # "the union refused to meet the demands": whom they were made of
    answering = word_class("answering")
    if trigger.dep_ == "dobj" and lemma(verb, answering) in answering:
        return own + [(frame.patient, c) for d, c in _verb_dependents(verb) if d == "nsubj"]
    if trigger.dep_ not in ("dobj", "nsubjpass") or lemma(verb, verbs) not in verbs:
        return own
    recipients = _message_recipients(verb)
    pairs = own + [(frame.patient, word) for word in recipients]
    if own or recipients:
        listed = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in _NOUNS]
        pairs += [(frame.patient, c) for c in listed]
    if trigger.dep_ == "dobj":
        pairs += [(frame.agent, c) for d, c in _verb_dependents(verb) if d == "nsubj"]
    pairs += [(frame.agent, g) for c in verb.children if c.dep_ == "agent" for g in _objects(c)]
    return pairs


def _adjective_pairs(trigger: Token, patient: str) -> list[tuple[str, Token]]:
    """ "two people were injured": an adjective's subject is its patient, and so is the noun
    it describes ("the injured man")."""
    pairs = [(patient, c) for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if trigger.dep_ == "amod":
        pairs.append((patient, trigger.head))
    return pairs


def _described_noun(
    trigger: Token, patient: str, pairs: list[tuple[str, Token]]
) -> list[tuple[str, Token]]:
    """The noun a verb's participle describes, when no other word is the patient:
    "Seleznev, jailed in the US"; after a list, the whole list: "eight women, a girl and
    four men injured"."""
    if trigger.dep_ != "acl" or any(r == patient for r, _ in pairs):
        return []
    noun = trigger.head
    while noun.dep_ in _LIST_DEPS and noun.head.pos_ in ("NOUN", "PROPN", "NUM"):
        noun = noun.head
    return [(patient, noun)]


def _included(trigger: Token, patient: str) -> list[tuple[str, Token]]:
    """The members of the group a verb names: "were arrested, including Eva Forest, ..."."""
    return [
        (patient, g)
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "including"
        for g in _objects(c)
    ]


def _participant_arguments(frame: _Frame) -> list[EventArgument]:
    """One argument per member of a coordination ("gunmen and suicide bombers attacked"),
    weapons in the weapon's role. A member holding the trigger describes another member
    ("Seleznev, a victim of the attack"): no participant of its own."""
    arguments = []
    for role, word in _participant_pairs(frame):
        for member in _members(word):
            if member is not word and _describes_trigger(member, frame.trigger):
                continue
            argument = _participant_argument(role, member, frame)
            if argument is not None:
                arguments.append(argument)
    return arguments


def _describes_trigger(member: Token, trigger: Token) -> bool:
    """ "Seleznev, a victim of the attack": the member holds the trigger deeper down; not
    "a girl and four men injured", where the trigger only describes the member."""
    return trigger in member.subtree and trigger.head != member


def _shoots(trigger: Token) -> bool:
    """ "fired", "shot", "launched": verbs whose object is a weapon and "at" phrase a target."""
    return in_class(trigger, "shooting")


def _participant_argument(role: str, word: Token, frame: _Frame) -> EventArgument | None:
    """Weapons are no attackers ("an IED killed", "detonated bombs"): they fill the role of a
    weapon; "with" phrases that name no weapon, and weapons of types with no role for one,
    fill nothing."""
    weapon = _weapon_role(frame.event_type, word)
    # "fired rockets at the posts": what is fired is the weapon, not the target
    fired = role == "Target" and _shoots(frame.trigger)
    if weapon is not None and (
        role in ("", frame.agent, "ExplosiveDevice") or weapon != "Instrument" or fired
    ):
        role = weapon
    if not role:
        return None
    return _argument(role, word, frame.anchors, frame.is_event)


def _origin_of_extradition(frame: _Frame) -> list[tuple[str, Token]]:
    """Where the person extradited was: the place of the event it is coordinated with ("was
    arrested in Spain and extradited to France"), also when the parser hangs the extradition
    on that place ("the arrest of Seleznev in the Maldives and his extradition to the United
    States": "extradition" a conjunct of "Maldives"); named countries and places only."""
    trigger, anchors = frame.trigger, frame.anchors
    first = trigger
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    words = []
    if first != trigger and frame.is_event(first):
        words = [w for r, w in _places(first, anchors, frame.event_type, frame.is_event)]
    elif (
        first.dep_ == "pobj"
        and first.head.lower_ in ("in", "at")
        and frame.is_event(first.head.head)
    ):
        words = [first]
    found = []
    for word in words:
        entity = anchors.entity_at(word) or anchors.country_at(word)
        if anchors.type_of(entity) in ("Country", "Place"):
            found.append(("Origin", word))
    return found


def _place_arguments(frame: _Frame) -> list[EventArgument]:
    """The trigger's places, and a nominal trigger's in the clause it is the subject of:
    "the worst explosion was at the station", "the attack took place in Strasbourg"."""
    trigger, anchors, is_event = frame.trigger, frame.anchors, frame.is_event
    places = list(_places(trigger, anchors, frame.event_type, is_event))
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass"):
        places += [
            (r, w)
            for r, w in _places(trigger.head, anchors, frame.event_type, is_event)
            if w not in trigger.subtree
        ]
    if frame.event_type == "Justice.Extradite" and not any(r == "Origin" for r, _ in places):
        places += _origin_of_extradition(frame)
    arguments = []
    for role, word in places:
        argument = _argument(role, word, anchors, is_event)
        if argument is None:
            continue
        # "at the United Nations headquarters": the words are where it happened, but the
        # organisation they name is no place; the span stays, the entity goes
        if anchors.type_of(argument.entity) not in (None, "Country", "Place"):
            argument = replace(argument, entity=None)
        arguments.append(argument)
    return arguments
