"""Across articles: one node per real-world entity, with a stable key and a merge log."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from kg.model import ArticleFacts, CoMention, Entity, KnowledgeGraph, MentionRef, Merge, Node
from kg.resolve.events import with_event_merges
from kg.resolve.extensions import join_extensions
from kg.resolve.in_article import article_joins
from kg.resolve.names import normalised_name, slugify
from kg.resolve.rules import NO_RULES, AliasRules

__all__ = ["entity_key", "resolve", "resolve_sorted", "slugify"]


def entity_key(entity: Entity) -> str:
    """The node an entity belongs to, from the entity alone, so extraction can stream."""
    if entity.type == "Country" and entity.iso3:
        return f"country/{slugify(entity.name)}"
    return f"{entity.type.lower()}/{slugify(entity.name)}"


class _Groups:
    """Union-find over groups of entities, remembering why each group joined another."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.reason: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            key = self.parent[key]
        return key

    def union(self, small: str, big: str, reason: str) -> None:
        small, big = self.find(small), self.find(big)
        if small != big:
            self.parent[small] = big
            self.reason[small] = reason


def _first_key(entity: Entity, rules: AliasRules) -> str:
    """The group an entity starts in."""
    forced = rules.forced(entity.name, entity.type)
    if forced is not None:
        return f"rule:{forced}"
    if entity.type == "Country" and entity.iso3:
        return f"country:{entity.iso3}"
    return f"{entity.type}:{normalised_name(entity.name)}"


def _group_reason(key: str, rules: AliasRules) -> str:
    """Why entities of the group `key` (a `_first_key`) belong together."""
    kind, _, value = key.partition(":")
    if kind == "rule":
        return f"alias file rule {rules.same[int(value)].label!r}"
    if kind == "country":
        return f"same country (ISO 3166 {value})"
    return f"same type ({kind}) and normalised name {value!r}"


def _join_by_alias(groups: _Groups, members: dict[str, list[Entity]], rules: AliasRules) -> None:
    """A group named only by what is another group's alias joins that group.

    "Obama" joins "Barack Obama" when another article called him "Obama", when only one
    group of that type carries that alias; a name two groups share stays apart ("never on a
    shared surname alone"). An acronym joins the name it spells only on evidence
    (kg.resolve.extensions): "GM" is not the Globe and Mail because it spells nothing else.
    """
    by_alias: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, set[str]] = {}
    for key, entities in members.items():
        type_ = entities[0].type
        names[key] = {normalised_name(e.name) for e in entities}
        if type_ == "Country":
            continue
        for entity in entities:
            for alias in (entity.name, *entity.aliases):
                by_alias[(type_, normalised_name(alias))].add(key)
    for key in sorted(members):
        entities = members[key]
        type_ = entities[0].type
        if type_ == "Country" or key.startswith("rule:"):
            continue
        own = key.partition(":")[2]
        # its own name only: an entity its article joined to the group ("Northrop" of
        # "Northrop Grumman") names another group that the short name may join, never this
        for name in sorted({e.name for e in entities if normalised_name(e.name) == own}):
            others = by_alias[(type_, normalised_name(name))] - {key}
            if len(others) != 1:
                continue
            [other] = others
            if rules.forbids(names[key], names[other]):
                continue
            label = members[other][0].name
            groups.union(key, other, f"{name!r} is an alias of {label!r} in another article")
            break


def _label(entities: list[Entity]) -> str:
    # The name most articles use; then the longest, then alphabetical, for determinism.
    names = Counter(entity.name for entity in entities)
    return max(names, key=lambda n: (names[n], len(n.split()), len(n), n))


def resolve(
    articles: Iterable[ArticleFacts], *, rules: AliasRules = NO_RULES, comentions: bool = True
) -> KnowledgeGraph:
    """Join the entities of many articles into nodes; co-mentions per sentence unless
    `comentions` is false (an article's own rows, `graph_rows(corpus_rows=False)`, use none).

    Entities join on evidence: the same country, the same type and normalised name, the
    longer name of its own article a short one stands for (kg.resolve.in_article), an
    alias that only one other group carries, a name that spells out as another, or an
    acronym, abbreviation or name without its company form that stands for the one longer
    name the corpus links it to (kg.resolve.extensions), or a rule of the user's alias file
    (which can also keep names apart). Then events
    several articles report join into one event node (kg.resolve.events). Every join is
    logged with its reason.
    """
    ordered = tuple(sorted(articles, key=lambda f: f.article.id))
    return resolve_sorted(ordered, rules=rules, comentions=comentions)


def _node(key: str, root: str, group: list[tuple[str, Entity, str]], rules: AliasRules) -> Node:
    """The node of one group of entities: its label, the other names as aliases, every
    mention, and the Wikidata id a rule of the user's alias file pins."""
    entities = [entity for _, entity, _ in group]
    label = _label(entities)
    aliases = sorted(
        ({e.name for e in entities} | {a for e in entities for a in e.aliases}) - {label}
    )
    first = entities[0]
    pinned = rules.same[int(root[5:])].wikidata if root.startswith("rule:") else None
    return Node(
        key=key,
        type=first.type,
        label=label,
        aliases=tuple(aliases),
        mentions=tuple(MentionRef(a, sys.intern(e.id), m) for a, e, _ in group for m in e.mentions),
        iso3=first.iso3,
        wikidata=pinned or first.wikidata,
        tickers=tuple(sorted({t for e in entities for t in e.tickers})),
    )


@dataclass
class _Placement:
    """Each entity of the articles and the group it starts in, and the groups' union-find."""

    groups: _Groups
    members: dict[str, list[Entity]]  # group -> its entities, its own names first
    placed: list[tuple[str, Entity, str]]  # article id, entity, first group
    told: dict[tuple[str, str], str]  # (article id, entity id) -> why its article joined it
    rules: AliasRules

    @classmethod
    def of(cls, articles: Iterable[ArticleFacts], rules: AliasRules) -> _Placement:
        """Every entity in its first group: its name's, or that of the entity of its
        article it stands for (kg.resolve.in_article)."""
        members: dict[str, list[Entity]] = defaultdict(list)
        joined: dict[str, list[Entity]] = defaultdict(list)
        placement = cls(_Groups(), members, [], {}, rules)
        for article_facts in articles:
            article_id = article_facts.article.id
            joins = article_joins(article_facts.entities, rules) if article_facts.entities else {}
            for entity in article_facts.entities:
                target, why = joins.get(entity.id, (entity, ""))
                # Interned: a large corpus repeats each group key and "e0", "e1"... many times.
                key = sys.intern(_first_key(target, rules))
                placement.groups.add(key)
                (joined if why else members)[key].append(entity)
                placement.placed.append((article_id, entity, key))
                if why:
                    placement.told[(article_id, sys.intern(entity.id))] = why
        for key, entities in joined.items():  # after the group's own names: its label
            members[key].extend(entities)
        return placement

    def final(self) -> dict[str, list[tuple[str, Entity, str]]]:
        """Root group -> its entities, each with why it joined ("" for none)."""
        reasons = {key: _group_reason(key, self.rules) for key in self.members}
        final: dict[str, list[tuple[str, Entity, str]]] = defaultdict(list)
        founded: set[str] = set()
        for article_id, entity, key in self.placed:
            root = self.groups.find(key)
            why = self.told.get((article_id, entity.id), "")
            if not why:
                why = reasons[key] if root == key else self.groups.reason.get(key, reasons[key])
            if root == key and root not in founded and (article_id, entity.id) not in self.told:
                # The entity the others joined is no merge, wherever it stands in article
                # order: "Eads N.V." is not "same name 'eads n.v.'" as the node's second.
                founded.add(root)
                why = ""
            final[root].append((article_id, entity, why))
        return final


def resolve_sorted(
    articles: Sequence[ArticleFacts], *, rules: AliasRules = NO_RULES, comentions: bool = True
) -> KnowledgeGraph:
    """`resolve` for articles already sorted by id, read three times (entities, co-mentions,
    events: kg.resolve.events) and kept only as `articles` is: a streaming build passes a
    view of its spool, so facts stay on disk."""
    placement = _Placement.of(articles, rules)
    groups, members = placement.groups, placement.members
    _join_by_alias(groups, members, rules)
    join_extensions(groups, members, placement.placed, rules)
    final = placement.final()
    del placement, members

    node_keys: dict[str, str] = {}
    taken: set[str] = set()
    for root in sorted(final):
        entities = [entity for _, entity, _ in final[root]]
        base = entity_key(replace(entities[0], name=_label(entities)))
        node_key, suffix = base, 2
        while node_key in taken:
            node_key, suffix = f"{base}-{suffix}", suffix + 1
        node_keys[root] = node_key
        taken.add(node_key)

    nodes, merges = [], []
    entity_keys: dict[tuple[str, str], str] = {}
    for root in sorted(final, key=lambda r: node_keys[r]):
        group = final[root]
        key = node_keys[root]
        nodes.append(_node(key, root, group, rules))
        for article_id, entity, why in group:
            entity_id = sys.intern(entity.id)
            entity_keys[(article_id, entity_id)] = key
            if why:
                merges.append(Merge(key, article_id, entity_id, entity.name, why))
    del final  # the entities: co-mentions are counted in a second reading of the articles

    pairs, left_out = _comentions(articles, entity_keys) if comentions else ((), 0)
    graph = KnowledgeGraph(
        articles=articles,
        nodes=tuple(nodes),
        comentions=pairs,
        merges=tuple(merges),
        entity_keys=entity_keys,
        comentions_left_out=left_out,
    )
    # events join on the entity nodes just made: a third reading of the articles
    return with_event_merges(graph)


# Co-mentions are every pair of a sentence's entities, so a sentence naming 1,000 people
# gave half a million pairs (3 million triples, 225 MB of Turtle). Within a sentence an
# entity pairs only with the COMENTION_WINDOW entities named nearest after it (in order of
# first mention); an article contributes at most COMENTION_MAX_PAIRS (pair, sentence)
# evidence entries, in sentence order. News never reaches either: of the 20,961 news-bench
# articles the most entities in one sentence is 35 and the most pairs in one article 890.
COMENTION_WINDOW = 50
COMENTION_MAX_PAIRS = 5_000


def _sentence_keys(
    article_facts: ArticleFacts, entity_keys: dict[tuple[str, str], str]
) -> dict[int, list[str]]:
    """Each sentence's node keys in order of first mention (a key's earliest start).

    A dateline ("SALVADOR, Feb 26 - Showers continued ...") says where the story was filed,
    not that the place goes with the first sentence's names: its mentions are left out.
    """
    article_id = article_facts.article.id
    first: dict[int, dict[str, int]] = defaultdict(dict)
    for entity in article_facts.entities:
        key = entity_keys[(article_id, entity.id)]
        for mention in entity.mentions:
            if mention.dateline:
                continue
            seen = first[mention.sentence]
            if mention.start < seen.get(key, sys.maxsize):
                seen[key] = mention.start
    return {
        sentence: sorted(starts, key=lambda k: (starts[k], k)) for sentence, starts in first.items()
    }


def _sentence_pairs(keys: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs of keys at most COMENTION_WINDOW apart; all pairs for a sentence of news."""
    for index, source in enumerate(keys):
        for target in keys[index + 1 : index + 1 + COMENTION_WINDOW]:
            yield (source, target) if source < target else (target, source)


def _comentions(
    articles: Iterable[ArticleFacts], entity_keys: dict[tuple[str, str], str]
) -> tuple[tuple[CoMention, ...], int]:
    """The co-mentions, and how many (pair, sentence) entries the bounds left out."""
    evidence: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    left_out = 0
    for article_facts in articles:
        article_id = article_facts.article.id
        room = COMENTION_MAX_PAIRS
        for sentence, keys in sorted(_sentence_keys(article_facts, entity_keys).items()):
            total = len(keys) * (len(keys) - 1) // 2
            for pair in islice(_sentence_pairs(keys), room):
                evidence[pair].add((article_id, sentence))
                room -= 1
                total -= 1
            left_out += total
    comentions = tuple(
        CoMention(source, target, len(found), tuple(sorted(found)))
        for (source, target), found in sorted(evidence.items())
    )
    return comentions, left_out
