"""Antecedents: the entity a pronoun ("he", "it") or a definite nominal ("the ministry") names.

Event arguments and statement speakers are often "he said" or "the ministry said" rather than
a name. This module finds the article's entity such a word stands for, conservatively: a wrong
participant costs more than a missing one, so two equally likely candidates give none.

- A pronoun looks back over its own sentence and the one before for entities of a compatible
  type (kg/data/antecedent_pronouns.tsv: "he" -> Person, "it" -> Organization or Country,
  "they" -> Organization). Subjects come before other mentions and the nearer sentence
  before the farther one; the best rank must hold one entity only.
- A definite nominal ("the ministry", "the company") names the organisation mentioned last
  whose name has a word the noun stands for (kg/data/antecedent_nouns.tsv: "company" ->
  "Company", "Corp", "Inc"); two such organisations named in one sentence give none.
- Role nouns of people ("the envoy", "the president") are linked when entities are built
  (kg.extract.entities.add_nominal_mentions) and are mentions already: `Anchors.entity_at`
  answers for them, so they are not read again here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from weakref import WeakKeyDictionary

from spacy.tokens import Token

from kg.extract.anchors import Anchors
from kg.extract.tables import table_rows
from kg.model import ENTITY_TYPES

__all__ = [
    "Nominal",
    "Pronoun",
    "antecedent",
    "entity_gender",
    "honorifics",
    "is_anaphor",
    "nominals",
    "pronouns",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Dependencies of a pronoun that sits in its verb's clause as an object: "Police arrested
# him" cannot be the police (binding), so the verb's own subject is no candidate.
_OBJECTS = frozenset({"dobj", "dative", "pobj"})
# How many pronouns back a chain of pronouns is followed to a name.
_CHAIN = 3
_WORD = re.compile(r"[^\W_]+")
_GENDERS = frozenset({"", "m", "f"})
# Pronouns resolved so far, per article: (token index, chain depth) -> entity id or None.
_RESOLVED: WeakKeyDictionary[Anchors, dict[tuple[int, int], str | None]] = WeakKeyDictionary()


@dataclass(frozen=True)
class Pronoun:
    """What a pronoun may stand for: entity types, and "m" or "f" for "he" and "she"."""

    types: tuple[str, ...]
    gender: str | None


@dataclass(frozen=True)
class Nominal:
    """A noun that stands for an entity: its type and the name words it stands for."""

    type: str
    name_words: frozenset[str]


def _checked(types: list[str], table: str) -> tuple[str, ...]:
    """The entity types of a row; an unknown one is an error, never skipped."""
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise ValueError(f"{table}: unknown entity types {unknown}")
    return tuple(types)


def _gender(value: str, table: str) -> str | None:
    """A gender column: "m", "f" or empty ("it"); anything else is an error."""
    if value not in _GENDERS:
        raise ValueError(f"{table}: unknown gender {value!r}")
    return value or None


@cache
def pronouns() -> dict[str, Pronoun]:
    """Pronoun -> what it may stand for: "it" -> Country or Organization, "she" -> Person, f."""
    table = "antecedent_pronouns.tsv"
    return {
        word: Pronoun(_checked(types.split("|"), table), _gender(gender, table))
        for word, types, gender in table_rows(table)
    }


@cache
def nominals() -> dict[str, Nominal]:
    """Noun -> the type and name words it stands for: "ministry" -> Organization, ministry."""
    table = "antecedent_nouns.tsv"
    return {
        noun: Nominal(_checked([type_], table)[0], frozenset(words.split("|")))
        for noun, type_, words in table_rows(table)
    }


@cache
def honorifics() -> dict[str, str]:
    """Title -> the gender it tells: "mr" -> m, "mrs" -> f."""
    table = "antecedent_honorifics.tsv"
    return {word: _gender(gender, table) or "" for word, gender in table_rows(table)}


def _definite(token: Token) -> bool:
    """ "the ministry said": the noun with "the", not "a ministry" nor "ministry officials"."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def is_anaphor(token: Token) -> bool:
    """Whether the word is a pronoun or definite nominal this module may resolve."""
    if token.lower_ in pronouns():
        return token.pos_ == "PRON"
    return token.lower_ in nominals() and _definite(token)


def antecedent(token: Token, anchors: Anchors) -> str | None:
    """The entity id the word names: its own mention ("Antonov", "the envoy" linked to
    Antonov), else the antecedent of a pronoun or definite nominal; None when there is none
    or when two candidates are equally likely."""
    own = anchors.entity_at(token)
    if own is not None:
        return own
    if not is_anaphor(token):
        return None
    if token.lower_ in pronouns():
        return _pronoun_antecedent(token, anchors, pronouns()[token.lower_])
    return _nominal_antecedent(token, anchors, nominals()[token.lower_])


@dataclass(frozen=True)
class _Candidate:
    entity: str
    head: Token  # the mention's word that the rest of the parse hangs from
    distance: int  # 0: the pronoun's sentence, 1: the sentence before


def _mention_head(tokens: list[Token]) -> Token:
    """The word of a mention whose head lies outside it: "Anatoly Antonov" -> Antonov."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[-1])


def _candidates(
    token: Token, anchors: Anchors, pronoun: Pronoun, depth: int
) -> tuple[list[_Candidate], set[str]]:
    """Mentions of entities of the wanted types before the word, in its sentence and the one
    before: "Police arrested Seleznev. He was ..." -> Seleznev (a Person); pronouns there
    stand for their own antecedents ("Smith fled. He arrived. He returned"). Also the
    entities that a pronoun of the other gender stands for, which this one cannot."""
    doc = token.doc
    sentence = token.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    found: list[_Candidate] = []
    blocked: set[str] = set()
    mention: list[Token] = []
    # Read by index: a Token object is made only for a pronoun or a word of an entity.
    lower, table = anchors.lower(), _pronoun_ids() if depth > 0 else frozenset()
    for index in range(start, token.i):
        if lower[index] in table:
            found += _chained(doc[index], anchors, pronoun, depth, sentence.start, blocked)
        entity = anchors.token_entity.get(index)
        if entity is None:
            if mention:
                found += _typed(mention, anchors, pronoun.types, sentence.start)
                mention = []
            continue
        word = doc[index]
        same = bool(mention) and anchors.entity_at(mention[-1]) == entity
        if same and anchors.mention_span(word) == anchors.mention_span(mention[-1]):
            mention.append(word)
            continue
        found += _typed(mention, anchors, pronoun.types, sentence.start)
        mention = [word]
    found += _typed(mention, anchors, pronoun.types, sentence.start)
    return found, blocked


@cache
def _pronoun_ids() -> frozenset[int]:
    """The words of `pronouns()` as the ids of spaCy's LOWER attribute."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in pronouns())


def _chained(
    word: Token,
    anchors: Anchors,
    pronoun: Pronoun,
    depth: int,
    sentence_start: int,
    blocked: set[str],
) -> list[_Candidate]:
    """An earlier pronoun of the same kind as a candidate for what it stands for ("He
    arrived. He returned"); one of the other gender adds what it stands for to `blocked`
    ("Smith met Jones. She ..."). `depth` bounds the chain, each link one sentence back."""
    earlier = pronouns().get(word.lower_)
    if depth <= 0 or earlier is None or word.pos_ != "PRON" or earlier.types != pronoun.types:
        return []
    if anchors.entity_at(word) is not None:
        return []
    entity = _pronoun_antecedent(word, anchors, earlier, depth - 1)
    if entity is None:
        return []
    if earlier.gender != pronoun.gender:
        blocked.add(entity)
        return []
    return [_Candidate(entity, word, 0 if word.i >= sentence_start else 1)]


def _typed(
    mention: list[Token], anchors: Anchors, types: tuple[str, ...], sentence_start: int
) -> list[_Candidate]:
    """The mention as a candidate when its entity has one of the types."""
    entity = anchors.entity_at(mention[0]) if mention else None
    if entity is None or anchors.type_of(entity) not in types:
        return []
    distance = 0 if mention[0].i >= sentence_start else 1
    return [_Candidate(entity, _mention_head(mention), distance)]


def entity_gender(entity: str, anchors: Anchors) -> str | None:
    """The gender a title before one of the person's mentions tells: "Mr Whitelaw" -> m;
    None when no title does, or when titles disagree."""
    found = set()
    for mention in anchors.entities[entity].mentions:
        before = anchors.text[max(0, mention.start - 8) : mention.start] + mention.text
        for word in _WORD.findall(before)[-3:]:
            gender = honorifics().get(word.casefold())
            if gender:
                found.add(gender)
    return found.pop() if len(found) == 1 else None


def _is_subject(head: Token) -> bool:
    """ "Russian Ambassador Anatoly Antonov has called ...": the mention is a subject."""
    if head.dep_ in _SUBJECTS:
        return True
    return head.dep_ in ("compound", "appos") and head.head.dep_ in _SUBJECTS


def _governor(token: Token) -> Token:
    """The verb whose clause holds an object pronoun: "arrested him", "spoke to him"."""
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.head
    return token.head


def _bound(token: Token, candidate: _Candidate) -> bool:
    """ "Police arrested him": an object pronoun never names its own verb's subject."""
    if token.dep_ not in _OBJECTS or candidate.distance:
        return False
    return _is_subject(candidate.head) and _subject_verb(candidate.head) == _governor(token)


def _subject_verb(head: Token) -> Token:
    """The verb a subject mention belongs to: "Russian Ambassador Antonov praised" -> praised."""
    return head.head.head if head.dep_ in ("compound", "appos") else head.head


def _pronoun_antecedent(
    token: Token, anchors: Anchors, pronoun: Pronoun, depth: int = _CHAIN
) -> str | None:
    """The entity a pronoun names, each pronoun resolved once per article: chains ask again
    for the pronouns before them, and an article of many pronouns would ask exponentially
    often."""
    known = _RESOLVED.setdefault(anchors, {})
    key = (token.i, depth)
    if key not in known:
        known[key] = _resolve_pronoun(token, anchors, pronoun, depth)
    return known[key]


def _resolve_pronoun(token: Token, anchors: Anchors, pronoun: Pronoun, depth: int) -> str | None:
    """The entity a pronoun names: "Seleznev was arrested. He was ..." -> Seleznev;
    "Antonov met Seleznev and Ivanov. He ..." -> Antonov (the subject); "Police arrested
    Seleznev and Ivanov. Later he ..." -> none (two objects, equally likely)."""
    if "Person" not in pronoun.types and _thing_subject_before(token, anchors):
        return None
    candidates, blocked = _candidates(token, anchors, pronoun, depth)
    ranked: dict[tuple[int, int], list[str]] = {}
    for candidate in candidates:
        if candidate.entity in blocked or _bound(token, candidate):
            continue
        gender = entity_gender(candidate.entity, anchors) if pronoun.gender else None
        if gender is not None and gender != pronoun.gender:
            continue
        rank = (candidate.distance, 0 if _is_subject(candidate.head) else 1)
        entities = ranked.setdefault(rank, [])
        if candidate.entity not in entities:
            entities.append(candidate.entity)
    if not ranked:
        return None
    best = ranked[min(ranked)]
    return best[0] if len(best) == 1 else None


def _thing_subject_before(token: Token, anchors: Anchors) -> bool:
    """Whether the pronoun is the subject of an adverbial clause whose main clause has a
    common noun for subject that names no entity: "Space Shuttle Challenger was lost when it
    exploded" is the shuttle exploding, not the Kennedy Space Center of the sentence before.
    Asked of "it" only: "An email by Roche provides a contrast, as he talks to Sambur" is
    Roche."""
    clause = token.head
    if token.dep_ not in _SUBJECTS or clause.dep_ != "advcl":
        return False
    subjects = [c for c in clause.head.children if c.dep_ in _SUBJECTS and c.i < token.i]
    if not subjects or subjects[0].pos_ not in ("NOUN", "PROPN"):
        return False
    subject = subjects[0]
    words = [subject, *(c for c in subject.children if c.dep_ == "compound")]
    return all(anchors.entity_at(word) is None for word in words) and not is_anaphor(subject)


def _name_words(name: str) -> set[str]:
    """The words of a name, folded: "Russian Foreign Ministry" -> russian, foreign, ministry."""
    return {w.casefold() for w in _WORD.findall(name)}


def _nominal_antecedent(token: Token, anchors: Anchors, nominal: Nominal) -> str | None:
    """The organisation named last before "the ministry" whose name says it is one ("the
    Russian Foreign Ministry"); none when two are named in that same sentence."""
    last: list[tuple[int, str]] = []  # (start of its last mention before the word, entity)
    for entity in anchors.entities.values():
        if entity.type != nominal.type or not _name_words(entity.name) & nominal.name_words:
            continue
        starts = [m.start for m in entity.mentions if m.end <= token.idx]
        if starts:
            last.append((max(starts), entity.id))
    if not last:
        return None
    last.sort(reverse=True)
    if len(last) > 1 and anchors.sentence_of(last[0][0]) == anchors.sentence_of(last[1][0]):
        return None
    return last[0][1]
