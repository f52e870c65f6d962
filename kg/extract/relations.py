"""Typed relations between the entities of one article, read off the dependency parse.

Each rule below finds one construction (in the manner of textacy's extract/triples.py) and
yields Relation facts with the characters that state them. A person's *descriptor* is the
words that say who they are: the title before the name ("Russian Ambassador Anatoly
Antonov"), an apposition ("Seleznev, a Russian national"), or a copula ("Braun is the head of
the chamber"). The position word in it (a small lexicon) decides which relations the other
entities in it take part in. Entities are per article, so a rule that fires on one mention
holds for the entity in every sentence that names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, lemma, span_of_tokens
from kg.model import Entity, Relation, Span

__all__ = ["extract_relations"]

# Position word -> (relations to a country in the descriptor, relations to an organisation).
_POSITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _positions(words: str, country: tuple[str, ...], org: tuple[str, ...]) -> None:
    for word in words.split():
        _POSITIONS[word] = (country, org)


_OFFICIAL = ("citizenOf", "affiliatedWith")
_positions(
    "president king queen monarch emir sultan",
    ("headOfState", *_OFFICIAL),
    ("leaderOf", "memberOf"),
)
_positions("chancellor premier", ("headOfGovernment", *_OFFICIAL), ("leaderOf", "memberOf"))
_positions("minister secretary", ("ministerOf", *_OFFICIAL), ("memberOf",))
_positions(
    "ambassador envoy diplomat official officials representative negotiator commander "
    "general ombudsman",
    _OFFICIAL,
    ("employedBy",),
)
_positions("spokesman spokeswoman spokesperson", _OFFICIAL, ("spokespersonOf", "memberOf"))
_positions(
    "leader head chief chairman chairwoman chair boss ceo director secretary-general",
    ("citizenOf",),
    ("leaderOf", "memberOf"),
)
_positions(
    "member lawmaker politician mp legislator candidate activist militant fighter supporter",
    ("citizenOf",),
    ("memberOf",),
)
_positions("founder co-founder", ("citizenOf",), ("founderOf",))
_positions(
    "employee worker analyst economist correspondent reporter journalist editor executive "
    "manager researcher scientist expert",
    ("citizenOf",),
    ("employedBy",),
)
# Nationality nouns say where a person is from and hold no position.
_NATIONALITY = frozenset({"national", "citizen", "native", "nationals", "citizens"})
# Family words: relation from the described person to the one named in the descriptor.
_FAMILY = {
    "wife": "spouseOf",
    "husband": "spouseOf",
    "spouse": "spouseOf",
    "son": "childOf",
    "daughter": "childOf",
    "father": "parentOf",
    "mother": "parentOf",
}
# Words kept in the role literal before the position word ("foreign minister").
_ROLE_MODIFIERS = frozenset(
    [
        "foreign",
        "prime",
        "interior",
        "defense",
        "defence",
        "finance",
        "economy",
        "justice",
        "deputy",
        "vice",
        "chief",
        "top",
        "senior",
        "general",
        "secretary",
        "education",
        "health",
        "trade",
        "labor",
        "labour",
        "environment",
    ]
)
# Clauses hanging off a descriptor describe something else.
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})
# Government bodies are part of their country, not only based there.
_STATE_BODIES = frozenset(
    [
        "ministry",
        "embassy",
        "government",
        "army",
        "navy",
        "police",
        "parliament",
        "cabinet",
        "military",
        "forces",
        "senate",
        "congress",
        "council",
    ]
)


def _mention_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _left_window(tokens: list[Token]) -> list[Token]:
    """The words before a name that modify it: "Russian Ambassador", "the Moscow-based"."""
    first, last = tokens[0], tokens[-1]
    window: list[Token] = []
    index = first.i - 1
    while index >= first.sent.start:
        token = first.doc[index]
        attaches_right = first.i <= token.head.i <= last.i or (
            window and window[0].i <= token.head.i <= last.i and token.head.i > token.i
        )
        glue = token.dep_ == "case" or token.text in {"-", "'s", "\u2019s"}
        if not (attaches_right or glue) or token.is_space:
            break
        window.insert(0, token)
        index -= 1
    while window and (window[0].dep_ == "case" or window[0].is_punct):
        window.pop(0)
    return window


def _clause_free_subtree(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSES and not (child.is_punct and child.text != "-"):
            out.extend(_clause_free_subtree(child))
    return sorted(out, key=lambda t: t.i)


def _right_descriptors(tokens: list[Token]) -> Iterator[list[Token]]:
    """Appositions and copular predicates of a name: "Seleznev, a Russian national"."""
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[-1])
    for child in head.children:
        # apposition: "Ludwig Braun, the president of the German Chamber"
        if child.dep_ == "appos" and child.i not in inside:
            yield _clause_free_subtree(child)
    # the name is the apposition: "the president of the chamber, Ludwig Braun"
    if head.dep_ == "appos" and head.head.i not in inside:
        yield [t for t in _clause_free_subtree(head.head) if t.i < min(inside)]
    # copula: "Braun is the president of the chamber"
    if head.dep_ == "nsubj" and lemma(head.head) == "be":
        for child in head.head.children:
            if child.dep_ == "attr":
                yield _clause_free_subtree(child)


def _position(descriptor: list[Token], anchors: Anchors) -> tuple[str | None, str | None]:
    """The position word of a descriptor (closest to the name wins) and its role literal."""
    words = [t for t in descriptor if anchors.entity_at(t) is None]
    for index in range(len(words) - 1, -1, -1):
        word = words[index].lower_
        if word in _POSITIONS or word in _NATIONALITY or word in _FAMILY:
            role = [word]
            back = index - 1
            while back >= 0 and words[back].lower_ in _ROLE_MODIFIERS:
                role.insert(0, words[back].lower_)
                back -= 1
            if word == "minister" and role[0] == "prime":
                word = "chancellor"
            return word, " ".join(role)
    return None, None


def _objects(descriptor: list[Token], subject: str, anchors: Anchors) -> dict[str, Token]:
    """The entities a descriptor names, each at its first token."""
    found: dict[str, Token] = {}
    for token in descriptor:
        entity = anchors.entity_at(token)
        if entity is None or entity == subject:
            # a demonym inside the subject's own name: "Russian" in "Russian Foreign Ministry"
            entity = anchors.country_at(token)
        if entity is not None and entity != subject:
            found.setdefault(entity, token)
    return found


def _relation(
    kind: str, subject: str, obj: str, evidence: Span, anchors: Anchors, conf: float, rule: str
) -> Relation:
    return Relation(
        type=kind,
        subject=subject,
        object=obj,
        evidence=evidence,
        sentence=anchors.sentence_of(evidence.start),
        confidence=conf,
        extractor=f"relations.{rule}",
    )


def _person_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    descriptors = [("title_modifier", 0.9, _left_window(tokens))]
    descriptors += [("apposition", 0.85, d) for d in _right_descriptors(tokens)]
    for rule, conf, descriptor in descriptors:
        if not descriptor:
            continue
        evidence = span_of_tokens(descriptor + tokens)
        word, role = _position(descriptor, anchors)
        if word is None and rule != "title_modifier":
            # an apposition or predicate without a position word is a description, not a title
            continue
        if word in _POSITIONS and role:
            yield _relation("holdsPosition", entity.id, role, evidence, anchors, conf, rule)
        for obj in _objects(descriptor, entity.id, anchors):
            kind = anchors.type_of(obj)
            if kind == "Country":
                # A country next to a name says where the person is from, whatever the title.
                kinds: tuple[str, ...] = ("citizenOf",)
                if word in _POSITIONS:
                    kinds = _POSITIONS[word][0]
            elif kind == "Organization" and word in _POSITIONS:
                kinds = _POSITIONS[word][1]
            elif kind == "Person" and word in _FAMILY:
                kinds = (_FAMILY[word],)
            else:
                continue
            for relation_type in kinds:
                yield _relation(relation_type, entity.id, obj, evidence, anchors, conf, rule)


def _organisation_relations(
    entity: Entity, tokens: list[Token], anchors: Anchors
) -> Iterator[Relation]:
    window = _left_window(tokens)
    # a country in the name or just before it: "Russian Foreign Ministry", "Chinese firm Huawei"
    # a place before it: "the Moscow-based Gazprom", "Hamburg's Airbus plant"
    evidence = span_of_tokens(window + tokens)
    state_body = any(t.lower_ in _STATE_BODIES for t in tokens)
    for obj, token in _objects(window + tokens, entity.id, anchors).items():
        kind = anchors.type_of(obj)
        if kind == "Country":
            yield _relation("basedIn", entity.id, obj, evidence, anchors, 0.85, "name_country")
            if state_body and token in tokens:
                yield _relation("partOf", entity.id, obj, evidence, anchors, 0.8, "state_body")
        elif kind == "Place" and token not in tokens:
            yield _relation("basedIn", entity.id, obj, evidence, anchors, 0.8, "based_in_place")
            country = anchors.city_country(obj)
            if country is not None:
                yield _relation("basedIn", entity.id, country, evidence, anchors, 0.75, "city")


def _place_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    # "Hamburg, Germany": a place followed by a comma and its country
    last = tokens[-1]
    after = last.doc[last.i + 1 : last.i + 3]
    if len(after) == 2 and after[0].text == ",":
        country = anchors.country_at(after[1])
        if country is not None:
            evidence = span_of_tokens([*tokens, after[1]])
            yield _relation("locatedIn", entity.id, country, evidence, anchors, 0.9, "comma")


def _gazetteer_relations(entities: Iterable[Entity], anchors: Anchors) -> Iterator[Relation]:
    # a known city and its country, both named in the article
    for entity in entities:
        if entity.type != "Place":
            continue
        country = anchors.city_country(entity.id)
        if country is not None:
            first = entity.mentions[0]
            evidence = Span(first.start, first.end)
            yield _relation("locatedIn", entity.id, country, evidence, anchors, 0.7, "gazetteer")


_RULES = {
    "Person": _person_relations,
    "Organization": _organisation_relations,
    "Place": _place_relations,
}


def extract_relations(doc: Doc, anchors: Anchors) -> tuple[Relation, ...]:
    """Every relation the rules find, one per (type, subject, object): the surest, earliest."""
    found: list[Relation] = []
    for entity in anchors.entities.values():
        rule = _RULES.get(entity.type)
        if rule is None:
            continue
        for mention in entity.mentions:
            tokens = _mention_tokens(doc, mention.start, mention.end)
            if tokens:
                found.extend(rule(entity, tokens, anchors))
    found.extend(_gazetteer_relations(anchors.entities.values(), anchors))
    best: dict[tuple[str, str, str], Relation] = {}
    for relation in found:
        key = (relation.type, relation.subject, relation.object)
        kept = best.get(key)
        if kept is None or (-relation.confidence, relation.evidence.start) < (
            -kept.confidence,
            kept.evidence.start,
        ):
            best[key] = relation
    return tuple(
        sorted(best.values(), key=lambda r: (r.evidence.start, r.type, r.subject, r.object))
    )
