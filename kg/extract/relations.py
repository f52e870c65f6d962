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
from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.anchors import Anchors, lemma, span_of_tokens
from kg.extract.places import cities_in_name
from kg.extract.tables import table_rows
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
_positions("officer commander-in-chief", _OFFICIAL, ("employedBy",))
_positions("founder co-founder", ("citizenOf",), ("founderOf",))
# A team's players are its members (Wikidata P54, DWIE's sport_player -> member_of).
_positions(
    "player striker forward midfielder defender attacker goalkeeper keeper captain",
    ("citizenOf",),
    ("memberOf",),
)
_positions(
    "employee worker analyst economist correspondent reporter journalist editor executive "
    "manager researcher scientist expert professor lecturer",
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
        "supreme",
        "executive",
        "financial",
        "operating",
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


_WORD_CLASSES = ("organisation", "party", "leads", "appoints", "order", "issues", "deputy")


@cache
def _word_classes() -> dict[str, frozenset[str]]:
    """kg/data/relation_words.tsv, read and checked once: class -> its words."""
    rows = table_rows("relation_words.tsv")
    unknown = sorted({kind for kind, _ in rows} - set(_WORD_CLASSES))
    if unknown:
        raise ValueError(f"relation_words.tsv: unknown word classes {unknown}")
    return {name: frozenset(w for kind, w in rows if kind == name) for name in _WORD_CLASSES}


def _words(name: str) -> frozenset[str]:
    """One class of kg/data/relation_words.tsv: "company" -> automaker, carmaker, firm, ..."""
    if name not in _WORD_CLASSES:
        raise ValueError(f"relation_words.tsv: unknown word class {name!r}")
    return _word_classes()[name]


@cache
def _roles() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """kg/data/relation_roles.tsv: a role literal whose relations differ from its position
    word's ("chief executive" leads the company an "executive" only works for)."""
    rows = table_rows("relation_roles.tsv")
    return {role: (tuple(c.split()), tuple(o.split())) for role, c, o in rows}


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


def _appointment_descriptors(head: Token, anchors: Anchors) -> Iterator[list[Token]]:
    """The post a person is named to: "General Motors named Mary Barra as its chief executive".

    The naming company counts only when the post is "its" or "their": "the government named
    Smith as head of the commission" says nothing of the government.
    """
    verb = head.head
    if head.dep_ not in {"dobj", "oprd", "nsubjpass"} or verb == head:
        return
    if lemma(verb, _words("appoints")) not in _words("appoints"):
        return
    posts = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp"} and c != head]
    posts += [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    for post in posts:
        descriptor = _clause_free_subtree(post)
        owned = any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in post.children)
        if owned:
            # the subject or its apposition: "The largest carmaker General Motors named ..."
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]
            descriptor = [t for t in subjects if _is_organisation(t, anchors)][:1] + descriptor
        yield descriptor


def _is_organisation(token: Token, anchors: Anchors) -> bool:
    return anchors.type_of(anchors.entity_at(token)) == "Organization"


def _order_descriptors(head: Token) -> Iterator[list[Token]]:
    """The post a person speaks as: "Kim issued an order of the supreme commander of the KPA"."""
    if head.dep_ != "nsubj" or lemma(head.head, _words("issues")) not in _words("issues"):
        return
    for obj in head.head.children:
        if obj.dep_ == "dobj" and lemma(obj, _words("order")) in _words("order"):
            for prep in obj.children:
                if prep.lower_ in {"of", "as"}:
                    # the speaker's own post: "the supreme commander", not "an order of Smith"
                    posts = [p for p in prep.children if p.dep_ == "pobj"]
                    yield from (_clause_free_subtree(p) for p in posts if p.lower_ in _POSITIONS)


def _leading_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    """A person who heads an organisation: "Kim commands the army", "Smith, who heads Acme"."""
    head = _name_head(tokens)
    verbs = [head.head] if head.dep_ == "nsubj" else []
    verbs += [
        c
        for c in head.children
        if c.dep_ == "relcl"
        and any(g.dep_ == "nsubj" and g.lower_ in {"who", "that"} for g in c.children)
    ]
    for verb in verbs:
        if lemma(verb, _words("leads")) not in _words("leads"):
            continue
        for obj in verb.children:
            target = anchors.entity_at(obj) if obj.dep_ == "dobj" else None
            if target is not None and anchors.type_of(target) == "Organization":
                evidence = span_of_tokens([*tokens, verb, obj])
                yield _relation("leaderOf", entity.id, target, evidence, anchors, 0.85, "leads")


def _name_head(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[-1])


# A country has one head of state and one of government; its deputies are officials.
_HEAD_RELATIONS = frozenset({"headOfState", "headOfGovernment"})


def _post_kinds(word: str, role: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(relations to a country, to an organisation) of a post: its role's row in
    relation_roles.tsv, else its position word's. A deputy ("Vice President Biden") is no head
    of state; an organisation's deputy leader keeps leaderOf, as DWIE's head_of counts them."""
    country, org = _roles().get(role or "", _POSITIONS[word])
    if set((role or "").split()) & _words("deputy"):
        country = tuple(k for k in country if k not in _HEAD_RELATIONS) or _OFFICIAL
    return country, org


def _descriptor_kinds(word: str | None, role: str | None, kind: str | None) -> tuple[str, ...]:
    """The relations a descriptor's position gives the person toward an entity of `kind`."""
    if kind == "Country":
        # A country next to a name says where the person is from, whatever the title.
        if word not in _POSITIONS:
            return ("citizenOf",)
        return _post_kinds(word, role)[0]
    if kind == "Organization" and word in _POSITIONS:
        return _post_kinds(word, role)[1]
    if kind == "Person" and word in _FAMILY:
        return (_FAMILY[word],)
    return ()


def _person_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    window = _left_window(tokens)
    descriptors = [("title_modifier", 0.9, window)]
    descriptors += [("apposition", 0.85, d) for d in _right_descriptors(tokens)]
    head = _name_head(tokens)
    descriptors += [("title_of", 0.85, window + d) for d in _of_country(head, tokens, anchors)]
    descriptors += [("appointment", 0.85, d) for d in _appointment_descriptors(head, anchors)]
    descriptors += [("order_of", 0.8, d) for d in _order_descriptors(head)]
    for rule, conf, descriptor in descriptors:
        if not descriptor:
            continue
        evidence = span_of_tokens(descriptor + tokens)
        word, role = _position(descriptor, anchors)
        if word is None and rule not in {"title_modifier", "title_of"}:
            # an apposition or predicate without a position word is a description, not a title
            continue
        if word in _POSITIONS and role:
            yield _relation("holdsPosition", entity.id, role, evidence, anchors, conf, rule)
        for obj in _objects(descriptor, entity.id, anchors):
            for relation_type in _descriptor_kinds(word, role, anchors.type_of(obj)):
                yield _relation(relation_type, entity.id, obj, evidence, anchors, conf, rule)
    yield from _leading_relations(entity, tokens, anchors)
    yield from _affiliation_relations(entity, tokens, anchors)


def _of_country(head: Token, tokens: list[Token], anchors: Anchors) -> Iterator[list[Token]]:
    """The country a name is "of", read with the title before the name: "Prime Minister
    Manmohan Singh of India", "Presidents Dilma Rousseff of Brazil, Vladimir Putin of Russia"."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i > tokens[-1].i:
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if any(anchors.country_at(o) for o in objects):
                yield [prep, *objects]


def _affiliation_relations(
    entity: Entity, tokens: list[Token], anchors: Anchors
) -> Iterator[Relation]:
    """A person named with an organisation and no post is one of its members."""
    for rule, organisation in (
        ("possessive", _possessive_organisation(tokens, anchors)),
        ("of_organisation", _of_organisation(tokens, anchors)),
        ("parenthesis", _parenthesised_organisation(tokens, anchors)),
    ):
        if organisation is not None and organisation[0] != entity.id:
            target, words = organisation
            span = span_of_tokens(sorted([*tokens, *words], key=lambda t: t.i))
            yield _relation("memberOf", entity.id, target, span, anchors, 0.75, rule)


Found = tuple[str, list[Token]] | None


def _organisation_at(token: Token, anchors: Anchors) -> str | None:
    target = anchors.entity_at(token)
    return target if anchors.type_of(target) == "Organization" else None


def _possessive_organisation(tokens: list[Token], anchors: Anchors) -> Found:
    """An organisation owning the name: "Wacker's Anke Suter explained"."""
    for child in _name_head(tokens).children:
        if child.dep_ == "poss" and child.i < tokens[0].i:
            target = _organisation_at(child, anchors)
            if target is not None:
                return target, [child]
    return None


def _of_organisation(tokens: list[Token], anchors: Anchors) -> Found:
    """An organisation the name is "of" or "from": "said Claudia Bickmann of the Society for
    Intercultural Philosophy", "Franco Nasso from the Filt Cgil union said"."""
    for prep in _name_head(tokens).children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"} and prep.i > tokens[-1].i:
            for obj in prep.children:
                words = [obj, *(c for c in obj.children if c.dep_ == "compound")]
                for word in sorted(words, key=lambda t: t.i):
                    target = _organisation_at(word, anchors)
                    if target is not None:
                        return target, [prep, obj]
    return None


def _parenthesised_organisation(tokens: list[Token], anchors: Anchors) -> Found:
    """An organisation in brackets after the name: "the mayor, Michael Müller (SPD)"."""
    doc, after = tokens[0].doc, tokens[-1].i + 1
    if after >= len(doc) or doc[after].text != "(":
        return None
    inside = []
    for token in doc[after + 1 : min(len(doc), after + 8)]:
        if token.text == ")":
            break
        inside.append(token)
    else:
        return None
    named = {anchors.entity_at(t) for t in inside if t.lower_ not in {"of", "the"}}
    if len(named) == 1:
        (target,) = named
        if anchors.type_of(target) == "Organization":
            return target, [doc[after], *inside, doc[after + len(inside) + 1]]
    return None


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
            yield from _based_in(entity.id, obj, evidence, anchors, 0.8, "based_in_place")
    yield from _company_relations(entity, tokens, anchors)
    yield from _name_city_relations(entity, tokens, anchors)
    yield from _place_after_relations(entity, tokens, anchors)
    yield from _owner_relations(entity, tokens, anchors)


def _owner_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    """A person whose party it is belongs to it: "Angela Merkel's Christian Democrats",
    "Saddam's Baath Party" (a party only: "Murdoch's News Corp" is owned, not joined)."""
    if not any(t.lower_ in _words("party") for t in tokens):
        return
    for child in _name_head(tokens).children:
        owner = anchors.entity_at(child) if child.dep_ == "poss" else None
        if owner is not None and anchors.type_of(owner) == "Person" and child.i < tokens[0].i:
            evidence = span_of_tokens([child, *tokens])
            yield _relation("memberOf", owner, entity.id, evidence, anchors, 0.8, "owner")


def _place_after_relations(
    entity: Entity, tokens: list[Token], anchors: Anchors
) -> Iterator[Relation]:
    """A country or place the organisation is "of" or "in": "OMV of Austria, MOL of Hungary",
    "the Ifo economic think tank in Munich" (the noun the name stands before counts)."""
    head = _name_head(tokens)
    nouns = [head]
    if head.dep_ == "compound" and head.head.lower_ in _words("organisation"):
        nouns.append(head.head)
    for noun in nouns:
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "in"} or prep.i < tokens[-1].i:
                continue
            for obj in prep.children:
                target = anchors.entity_at(obj) if obj.dep_ == "pobj" else None
                if target is not None and target != entity.id:
                    evidence = span_of_tokens([*tokens, prep, obj])
                    yield from _based_in(entity.id, target, evidence, anchors, 0.8, "of_place")


def _name_city_relations(
    entity: Entity, tokens: list[Token], anchors: Anchors
) -> Iterator[Relation]:
    """A city in an organisation's own name is where it is based, and so is the city's
    country: "Bayern Munich", "University of Rostock", "Karachi University"."""
    evidence = span_of_tokens(tokens)
    name = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    for city in cities_in_name(name):
        for obj in anchors.city_entities(city):
            if obj != entity.id:
                yield _relation("basedIn", entity.id, obj, evidence, anchors, 0.8, "name_city")
        country = anchors.country_ids.get(city.country.iso3) if city.country else None
        if country is not None:
            yield _relation("basedIn", entity.id, country, evidence, anchors, 0.75, "name_city")


def _company_nouns(tokens: list[Token]) -> Iterator[Token]:
    """The company noun a name is described by: "Italian carmaker Fiat", "Fiat, the Italian
    automaker", "the U.S. automaker Chrysler", "The American auto company Chrysler filed"."""
    head = _name_head(tokens)
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > tokens[0].sent.start else None
    # the word just before the name, however the parser hung them (it often makes the name
    # the subject of a relative clause: "The American auto company Chrysler filed")
    candidates = [before] if before is not None else []
    candidates += [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
    if head.dep_ == "nsubj" and lemma(head.head) == "be":
        candidates += [c for c in head.head.children if c.dep_ == "attr"]
    inside = {t.i for t in tokens}
    for noun in candidates:
        if noun.i not in inside and noun.lower_ in _words("organisation") and noun.tag_ == "NN":
            yield noun


def _company_relations(entity: Entity, tokens: list[Token], anchors: Anchors) -> Iterator[Relation]:
    """A country or city on an organisation's descriptor is where it is based: "Italian
    carmaker Fiat", "the Athens newspaper To Vima" (and so Greece, when the article names it)."""
    for noun in _company_nouns(tokens):
        modifiers = [t for child in noun.lefts for t in child.subtree]
        evidence = span_of_tokens([*modifiers, noun, *tokens])
        for obj in _objects(modifiers, entity.id, anchors):
            yield from _based_in(entity.id, obj, evidence, anchors, 0.85, "company_noun")


def _based_in(
    subject: str, obj: str, evidence: Span, anchors: Anchors, conf: float, rule: str
) -> Iterator[Relation]:
    """basedIn a country, or a place and the country that holds it."""
    kind = anchors.type_of(obj)
    if kind == "Country":
        yield _relation("basedIn", subject, obj, evidence, anchors, conf, rule)
    elif kind == "Place":
        yield _relation("basedIn", subject, obj, evidence, anchors, conf, rule)
        country = anchors.place_country(obj)
        if country is not None:
            yield _relation("basedIn", subject, country, evidence, anchors, conf - 0.05, rule)


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
        country = anchors.place_country(entity.id)
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
