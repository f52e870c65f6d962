"""Word sense of event triggers: the type a trigger takes from the words around it.

"North Korea fired artillery rounds" is an attack, "Apple fired the manager" a job loss,
"police released photos" no event at all. Which argument of which dependency gives which
type is data, `kg/data/event_senses.tsv`; the argument classes it names ("weapon",
"person", "document") are word lists in `kg/data/event_sense_classes.tsv`, and `person`,
`organization` and `place` also take the article's entities of that type. A trigger with
no matching row keeps the type of the trigger lexicon (kg.extract.events).

Rows of one trigger are tried slot by slot in `SLOTS` order (the object decides before the
subject does), each slot's words in text order, and for each word the classes in table
order before `any`; the first row that matches gives the sense.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Token

from kg.extract.anchors import Anchors, lemma
from kg.model import EVENT_SUBTYPES, EVENT_TYPES

__all__ = [
    "NO_EVENT",
    "SLOTS",
    "Sense",
    "is_attributive",
    "is_participle_modifier",
    "load_classes",
    "load_senses",
    "matching_sense",
    "sense_of",
]

NO_EVENT = "-"  # the `type` of a row that says the word names no event in this sense
# Dependencies a sense may read, in the order they decide; "pobj:<preposition>" also.
SLOTS: tuple[str, ...] = (
    "object",
    "pobj",
    "particle",
    "modifier",
    "adjective",
    "complement",
    "clause",
    "subject",
    "governor",
)
_POS = frozenset({"NOUN", "VERB"})
_PERSONAL = frozenset("i me my you your he him his she her we us our they them their".split())
# Which entity types count as a member of an argument class besides its words.
_PREP_OBJECTS = frozenset({"pobj", "pcomp"})
_ENTITY_CLASSES = {"person": "Person", "organization": "Organization"}
_PLACE_TYPES = frozenset({"Country", "Place"})


@dataclass(frozen=True)
class Sense:
    """One row of event_senses.tsv: `lemma` as `pos` with a `word_class` word in `slot`."""

    lemma: str
    pos: str
    slot: str
    word_class: str
    type: str | None  # None: no event in this sense
    subtype: str | None


class SenseTableError(ValueError):
    """A sense or class table names an unknown type, slot, class or part of speech."""


def _parse(text: str) -> list[list[str]]:
    """The fields of each line of a TSV table, its header line left out."""
    return [line.split("\t") for line in text.splitlines()[1:] if line]


def _rows(name: str) -> list[list[str]]:
    """The rows of a table of kg/data, e.g. event_senses.tsv."""
    return _parse(resources.files("kg.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def load_classes() -> dict[str, frozenset[str]]:
    """Argument class -> its words, from event_sense_classes.tsv ("weapon": gun, rocket ...)."""
    classes: dict[str, set[str]] = {}
    for word_class, word in _rows("event_sense_classes.tsv"):
        classes.setdefault(word_class, set()).add(word)
    return {name: frozenset(words) for name, words in classes.items()}


def _problems(sense: Sense, classes: dict[str, frozenset[str]]) -> list[str]:
    """What a row names outside the closed vocabularies, e.g. a type kg.model lacks."""
    slot = sense.slot.split(":")[0]
    problems = []
    if sense.pos not in _POS:
        problems.append(f"part of speech {sense.pos}")
    if slot not in SLOTS or (slot == "pobj") != (":" in sense.slot):
        problems.append(f"slot {sense.slot}")
    if sense.word_class not in classes and sense.word_class != "any":
        problems.append(f"class {sense.word_class}")
    if sense.type is not None and sense.type not in EVENT_TYPES:
        problems.append(f"type {sense.type}")
    if sense.subtype is not None and sense.subtype not in EVENT_SUBTYPES.get(sense.type or "", ()):
        problems.append(f"subtype {sense.subtype}")
    return problems


@cache
def load_senses() -> dict[tuple[str, str], tuple[Sense, ...]]:
    """(lemma, part of speech) -> its sense rows in the order they decide, checked against
    kg.model's types."""
    classes = load_classes()
    senses: dict[tuple[str, str], list[Sense]] = {}
    for word, pos, slot, word_class, kind, subtype in _rows("event_senses.tsv"):
        kind_or_none = None if kind == NO_EVENT else kind
        sense = Sense(word, pos, slot, word_class, kind_or_none, subtype or None)
        problems = _problems(sense, classes)
        if problems:
            raise SenseTableError(f"event_senses.tsv, {word}: unknown {', '.join(problems)}")
        senses.setdefault((word, pos), []).append(sense)
    return {key: tuple(sorted(rows, key=_slot_order)) for key, rows in senses.items()}


def _objects(token: Token) -> Iterator[Token]:
    """ "fired artillery rounds", "the deal had been killed", "photos released of the scene",
    "the release of the hostages": what the trigger acts on."""
    if token.pos_ == "NOUN":
        yield from _prepositional_objects(token, "of")
        return
    passive = _is_passive(token)
    for child in token.children:
        # "claims can be returned": spaCy sometimes calls a passive subject nsubj
        if child.dep_ in ("dobj", "nsubjpass") or (passive and child.dep_ == "nsubj"):
            yield child
    if token.dep_ in ("acl", "amod"):
        yield token.head


def _is_passive(token: Token) -> bool:
    """ "the deal had been killed": the verb has a passive auxiliary."""
    return any(c.dep_ == "auxpass" for c in token.children)


def _prepositional_objects(token: Token, preposition: str) -> Iterator[Token]:
    """ "fired from the company", "the fight against inflation": the object of one preposition.

    Only after the trigger, and never a time: in "On Friday, Macron called the explosion an
    attack" the "on" is no "called on" (a request).
    """
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == preposition:
            # "charges of lying": a verb after the preposition is its object too
            yield from (c for c in child.children if c.dep_ in _PREP_OBJECTS and not _is_time(c))


def _is_quantity(token: Token) -> bool:
    """ "one of the men", "hundreds of hostages": a number or quantity before "of"."""
    return (
        token.pos_ in ("NUM", "PRON", "DET", "ADJ")
        or token.ent_type_ == "CARDINAL"
        or _in_words(token, load_classes()["quantity"])
    )


def _is_time(token: Token) -> bool:
    """ "on Friday": a date or time is never the argument that decides a sense."""
    return token.ent_type_ in ("DATE", "TIME")


def _modifiers(token: Token) -> Iterator[Token]:
    """ "a photo shot", "a press release", "a teachers' strike": nouns before it."""
    yield from (c for c in token.lefts if c.dep_ in ("compound", "nmod", "poss"))


def _adjectives(token: Token) -> Iterator[Token]:
    """ "a general strike", "a nationwide strike": adjectives before it."""
    yield from (c for c in token.lefts if c.dep_ == "amod")


def _clauses(token: Token) -> Iterator[Token]:
    """ "Fiat has demonstrated that it can build cars": a clause as the object."""
    yield from (c for c in token.children if c.dep_ == "ccomp")


def _particles(token: Token) -> Iterator[Token]:
    """ "the car was blown up": the particle of a phrasal verb."""
    yield from (c for c in token.children if c.dep_ == "prt")


def _complements(token: Token) -> Iterator[Token]:
    """ "asked residents to leave": the verb of an open clause the trigger governs."""
    yield from (c for c in token.children if c.dep_ == "xcomp")


def _subjects(token: Token) -> Iterator[Token]:
    """ "an earthquake struck", "the company demonstrated": the active subject."""
    if not _is_passive(token):
        yield from (c for c in token.children if c.dep_ == "nsubj")


def _governors(token: Token) -> Iterator[Token]:
    """ "Kane scored a shot": the verb whose object a trigger noun is."""
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass"):
        yield token.head


def _fillers(token: Token, slot: str) -> Iterator[Token]:
    """The words heading the arguments in `slot`; "one of the men" is headed by "men"."""
    if slot.startswith("pobj:"):
        found = _prepositional_objects(token, slot.split(":", 1)[1])
    else:
        found = _SLOT_READERS[slot](token)
    for filler in found:
        if _is_quantity(filler):
            part_of = list(_prepositional_objects(filler, "of"))
            yield from part_of or [filler]
        else:
            yield filler


_SLOT_READERS: dict[str, Callable[[Token], Iterator[Token]]] = {
    "object": _objects,
    "modifier": _modifiers,
    "adjective": _adjectives,
    "clause": _clauses,
    "particle": _particles,
    "complement": _complements,
    "subject": _subjects,
    "governor": _governors,
}


def _in_words(token: Token, words: frozenset[str]) -> bool:
    """ "rounds" is in the `weapon` class by its singular "round"."""
    return token.lower_ in words or lemma(token, words) in words


def _is_entity_class(token: Token, word_class: str, anchors: Anchors) -> bool | None:
    """ "fired Michael Brown": a Person entity is a `person`; None when the token names none."""
    entity_type = anchors.type_of(anchors.entity_at(token))
    if entity_type is None:
        return None
    if word_class == "place":
        return entity_type in _PLACE_TYPES
    return _ENTITY_CLASSES.get(word_class) == entity_type


def _is_pronoun_class(token: Token, word_class: str) -> bool:
    """ "police released him": a personal pronoun is a `person`."""
    return word_class == "person" and token.lower_ in _PERSONAL


def in_class(token: Token, word_class: str, anchors: Anchors) -> bool:
    """Whether the word heading an argument belongs to an argument class of the table."""
    if word_class == "any":
        return True
    named = _is_entity_class(token, word_class, anchors)
    if named is not None:
        return named
    if _is_pronoun_class(token, word_class):
        return True
    return _in_words(token, load_classes().get(word_class, frozenset()))


def _slot_order(sense: Sense) -> tuple[int, int]:
    """The object decides before the subject; in one slot, named classes before `any`."""
    return SLOTS.index(sense.slot.split(":")[0]), sense.word_class == "any"


def matching_sense(token: Token, lemma_: str, pos: str, anchors: Anchors) -> Sense | None:
    """The first row of the sense table that the words around trigger `token` match."""
    rows = load_senses().get((lemma_, pos), ())
    for slot in dict.fromkeys(row.slot for row in rows):
        candidates = [row for row in rows if row.slot == slot]
        for filler in _fillers(token, slot):
            for row in candidates:
                if in_class(filler, row.word_class, anchors):
                    return row
    return None


def sense_of(
    token: Token, lemma_: str, pos: str, default: tuple[str, str | None] | None, anchors: Anchors
) -> tuple[str, str | None] | None:
    """The (type, subtype) of trigger `token` read as `lemma_`, or None for no event.

    `default` is the trigger lexicon's entry, kept when no sense row matches.
    """
    row = matching_sense(token, lemma_, pos, anchors)
    if row is None:
        return default
    return None if row.type is None else (row.type, row.subtype)


def is_attributive(token: Token) -> bool:
    """ "a transport plane", "war games", "a travel warning": a trigger noun modifying another
    noun names a kind of thing, not something that happened; before a word for the
    occurrence itself (class `occurrence`: "an assassination attempt", "the death toll",
    "the bombing suspect") it still names one."""
    # "granted "parole" status": spaCy calls a noun before a noun in quotes nmod
    if token.pos_ != "NOUN" or token.dep_ not in ("compound", "nmod"):
        return False
    return not _in_words(token.head, load_classes()["occurrence"])


def is_participle_modifier(token: Token) -> bool:
    """ "elected politicians", "a convicted recruiter", "the released emails": a participle
    before a noun describes the noun; the event, if any, is told elsewhere."""
    return token.pos_ == "VERB" and token.dep_ == "amod" and token.i < token.head.i
