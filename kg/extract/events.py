"""Events: verbal and nominal triggers, their KAIROS types, dates, and one node per event.

A trigger is a word of the lexicon `kg/data/event_triggers.tsv` ("sentenced", "the arrest",
"attack"); its type uses KAIROS's first two levels (docs/vocabulary.md), so events compare
with WikiEvents directly. The words around a trigger may change its type or make it no event
at all ("fired artillery" an attack, "fired the manager" a job loss, "released photos"
nothing): kg.extract.senses reads them. Mentions of one event in an article are joined
(kg.extract.event_join): same type and no conflicting patient, date or place.

Which words fill which role is kg.extract.event_arguments: the dependency rules, word lists
and roles per type are the larger part of the work and change for other reasons than the
lexicon does. This module decides what is an event and of which type; it hands the argument
rules its own test for event words, since an event is never another event's argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, WordFilter, lemma
from kg.extract.event_arguments import trigger_arguments, word_class
from kg.extract.event_dates import date_event
from kg.extract.event_join import EventMention, join_mentions
from kg.extract.event_labels import event_label
from kg.extract.factuality import factuality_of
from kg.extract.habitual import habitual
from kg.extract.senses import is_attributive, is_participle_modifier, load_senses, sense_of
from kg.extract.statements import statement_events
from kg.model import EVENT_SUBTYPES, EVENT_TYPES, Event

__all__ = ["TRIGGERS", "TriggerTableError", "extract_events", "parse_triggers"]

_TABLE = "event_triggers.tsv"
_POS = frozenset({"ADJ", "NOUN", "VERB"})


class TriggerTableError(ValueError):
    """event_triggers.tsv names a type, subtype or part of speech outside the vocabulary."""


def _check_row(word: str, pos: frozenset[str], kind: str, subtype: str | None) -> None:
    """Raise on a row kg.model does not know: "bomb  VERB  Conflict.Bombing" is an error."""
    if kind not in EVENT_TYPES:
        raise TriggerTableError(f"{_TABLE}, {word}: unknown type {kind}")
    if subtype is not None and subtype not in EVENT_SUBTYPES.get(kind, ()):
        raise TriggerTableError(f"{_TABLE}, {word}: unknown subtype {subtype} of {kind}")
    if not pos or not pos <= _POS:
        raise TriggerTableError(f"{_TABLE}, {word}: unknown part of speech {sorted(pos)}")


def parse_triggers(table: str) -> dict[str, tuple[frozenset[str], str, str | None]]:
    """word -> (parts of speech it is a trigger as, type, subtype), from the TSV text."""
    rows = {}
    for line in table.splitlines()[1:]:
        word, pos_field, kind, subtype = line.split("\t")
        pos = frozenset(pos_field.split("|"))
        _check_row(word, pos, kind, subtype or None)
        rows[word] = (pos, kind, subtype or None)
    return rows


@cache
def _load() -> dict[str, tuple[frozenset[str], str, str | None]]:
    """The trigger lexicon, kg/data/event_triggers.tsv, checked against kg.model."""
    return parse_triggers(resources.files("kg.data").joinpath(_TABLE).read_text(encoding="utf-8"))


# Trigger word -> (type, subtype). Nouns and verbs share the table; the parse decides roles.
TRIGGERS: dict[str, tuple[str, str | None]] = {w: (r[1], r[2]) for w, r in _load().items()}


def _lemmas(pos: str) -> frozenset[str]:
    """What the light lemma guess (anchors.lemma) may stop at for a noun or a verb: the
    lexicon's words of that part of speech and the lemmas whose senses make an event
    ("crossed into": "cross", not the "cros" that undoing a doubled "ss" would guess).

    Per part of speech, so that the verb "fighting" stops at "fight" while the noun
    "fighting" is a word of its own; adjective forms ("killed") are no lemmas at all.
    """
    rows = _load()
    return frozenset(w for w, r in rows.items() if pos in r[0]) | frozenset(
        word for word, sense_pos in load_senses() if sense_pos == pos
    )


_LEMMAS = {"NOUN": _lemmas("NOUN"), "VERB": _lemmas("VERB")}
_ANY_LEMMA = _LEMMAS["NOUN"] | _LEMMAS["VERB"]


def _trigger_lemma(token: Token) -> str:
    """ "sentenced" -> "sentence", "fighting" (a verb) -> "fight", "crossed" -> "cross"."""
    return lemma(token, _LEMMAS.get(token.pos_, _ANY_LEMMA))


def _is_event_noun(token: Token) -> bool:
    """ "the attack" names an event; "a bomb", "the charges" name things (verbs only)."""
    row = _load().get(_trigger_lemma(token))
    return row is not None and "NOUN" in row[0]


def _lexicon_entry(token: Token) -> tuple[str, tuple[str, str | None] | None]:
    """The trigger lemma of `token` and its lexicon entry for the token's part of speech.

    "five killed": the adjective form is a trigger of its own; "a 27-year sentence": the
    noun "sentence" is the penalty, not the hearing, so the lemma has no entry as a noun.
    """
    word = _trigger_lemma(token)
    for key in (token.lower_, word):
        row = _load().get(key)
        if row is not None and token.pos_ in row[0]:
            return word, (row[1], row[2])
    return word, None


def _is_adjective_form(token: Token) -> bool:
    """ "the wounded soldiers": a form the lexicon lists as an adjective, however tagged."""
    row = _load().get(token.lower_)
    return row is not None and "ADJ" in row[0]


def _type_of(token: Token, anchors: Anchors, dismissed: set[str]) -> tuple[str, str | None] | None:
    """The (type, subtype) of a trigger token: the lexicon's, unless a sense of the word
    says otherwise ("fired artillery rounds" an attack, "photos released" no event). A noun
    its sense makes no event goes into `dismissed` ("a PlayStation VR demonstration")."""
    if token.pos_ not in _POS or anchors.entity_at(token) is not None:
        return None
    if token.pos_ == "ADJ":  # "five dead": only the forms the lexicon lists as adjectives
        return _lexicon_entry(token)[1] if _is_adjective_form(token) else None
    word, entry = _lexicon_entry(token)
    if entry is None and (word, token.pos_) not in load_senses():
        return None
    # "the injured man": a participle of harm before its noun is still an event
    if is_attributive(token) or (is_participle_modifier(token) and not _is_adjective_form(token)):
        return None
    if _is_portfolio(token):
        return None
    typed = sense_of(token, word, token.pos_, entry, anchors)
    if typed is None and token.pos_ == "NOUN":
        dismissed.add(word)
    return typed


# What a noun may have and still only point back: "the demonstration", "this latest attack".
_POINTING = frozenset({"det", "amod", "punct"})
_POINTING_BACK = frozenset({"the", "this", "that"})


def _points_back_to(token: Token, dismissed: set[str]) -> bool:
    """ "Sony showed a PlayStation VR demonstration. The demonstration took players to a
    cave": a bare definite noun names what the same noun named before, which its sense
    there made no event (not "the attack plans ... The attack killed five": a noun before
    a noun is no sense of the word)."""
    if token.pos_ != "NOUN" or _trigger_lemma(token) not in dismissed:
        return False
    dets = [c.lower_ for c in token.children if c.dep_ == "det"]
    own = all(c.dep_ in _POINTING for c in token.children)
    return own and bool(dets) and dets[0] in _POINTING_BACK


def _is_portfolio(token: Token) -> bool:
    """ "Jusman Syafii Djamal, minister of transport": the noun names what an office is in
    charge of (kg/data/argument_words.tsv, class portfolio), not an event."""
    prep, offices = token.head, word_class("portfolio")
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and prep.lower_ == "of"
        and lemma(prep.head, offices) in offices
    )


def _is_trigger_word(token: Token) -> bool:
    """Whether the word alone may make `token` a trigger: where it does not, `_type_of` is
    None whatever the words around it."""
    if token.pos_ not in _POS:
        return False
    if token.pos_ == "ADJ":
        return _is_adjective_form(token) and _lexicon_entry(token)[1] is not None
    word, entry = _lexicon_entry(token)
    return entry is not None or (word, token.pos_) in load_senses()


# Few words of an article can be triggers: the lexicon and the lemma guess run once per
# distinct word, not at every token (they were a third of the events' time).
_TRIGGER_WORDS = WordFilter(_is_trigger_word, _POS)


def _mentions(doc: Doc, anchors: Anchors, reference: str | None) -> Iterator[EventMention]:
    """Every trigger of the article with its arguments, factuality and date, in text order."""
    dismissed: set[str] = set()  # nouns this article's senses made no event
    for token in _TRIGGER_WORDS.tokens(anchors):
        entry = _type_of(token, anchors, dismissed)
        if entry is None or habitual(token) or _points_back_to(token, dismissed):
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
