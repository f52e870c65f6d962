"""Across articles: one node per real-world entity, with a stable key and a merge log."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from kg.model import ArticleFacts, CoMention, Entity, KnowledgeGraph, MentionRef, Merge, Node

__all__ = ["entity_key", "resolve", "slugify"]


def slugify(text: str) -> str:
    """A readable IRI path segment: "Roman Seleznev" -> "roman-seleznev"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    # Names with no Latin letters keep a stable, still-unique segment.
    return "u" + "-".join(f"{ord(ch):x}" for ch in text if not ch.isspace())[:60]


def entity_key(entity: Entity) -> str:
    """The node an entity belongs to, from the entity alone, so extraction can stream."""
    if entity.type == "Country" and entity.iso3:
        return f"country/{slugify(entity.name)}"
    return f"{entity.type.lower()}/{slugify(entity.name)}"


def _merge_reason(entity: Entity) -> str:
    if entity.type == "Country" and entity.iso3:
        return f"same country (ISO 3166 {entity.iso3})"
    return f"same type ({entity.type}) and normalised name"


def resolve(articles: Iterable[ArticleFacts]) -> KnowledgeGraph:
    """Join the entities of many articles into nodes; co-mentions per sentence."""
    facts = sorted(articles, key=lambda f: f.article.id)
    members: dict[str, list[tuple[ArticleFacts, Entity]]] = defaultdict(list)
    entity_keys: dict[tuple[str, str], str] = {}
    for article_facts in facts:
        for entity in article_facts.entities:
            key = entity_key(entity)
            members[key].append((article_facts, entity))
            entity_keys[(article_facts.article.id, entity.id)] = key

    nodes = []
    merges = []
    for key in sorted(members):
        group = members[key]
        names = Counter(entity.name for _, entity in group)
        label = max(names, key=lambda n: (names[n], len(n), n))
        aliases = sorted(
            ({entity.name for _, entity in group} | {a for _, e in group for a in e.aliases})
            - {label}
        )
        mentions = tuple(
            MentionRef(f.article.id, entity.id, mention)
            for f, entity in group
            for mention in entity.mentions
        )
        first = group[0][1]
        nodes.append(
            Node(
                key=key,
                type=first.type,
                label=label,
                aliases=tuple(aliases),
                mentions=mentions,
                iso3=first.iso3,
                wikidata=first.wikidata,
            )
        )
        for f, entity in group[1:]:
            merges.append(Merge(key, f.article.id, entity.id, entity.name, _merge_reason(entity)))

    return KnowledgeGraph(
        articles=tuple(facts),
        nodes=tuple(nodes),
        comentions=_comentions(facts, entity_keys),
        merges=tuple(merges),
        entity_keys=entity_keys,
    )


def _comentions(
    facts: list[ArticleFacts], entity_keys: dict[tuple[str, str], str]
) -> tuple[CoMention, ...]:
    evidence: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    for article_facts in facts:
        article_id = article_facts.article.id
        by_sentence: dict[int, set[str]] = defaultdict(set)
        for entity in article_facts.entities:
            for mention in entity.mentions:
                by_sentence[mention.sentence].add(entity_keys[(article_id, entity.id)])
        for sentence, keys in by_sentence.items():
            for source, target in combinations(sorted(keys), 2):
                evidence[(source, target)].add((article_id, sentence))
    return tuple(
        CoMention(source, target, len(found), tuple(sorted(found)))
        for (source, target), found in sorted(evidence.items())
    )
