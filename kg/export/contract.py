"""The extraction contract (docs/extraction-contract.md): one JSON object per article."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.export.atomic import atomic_write_lines
from kg.model import LITERAL_RELATIONS, ArticleFacts, Entity, Event, KnowledgeGraph, Relation
from kg.resolve import entity_key

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph


def facts_to_json(
    facts: ArticleFacts,
    *,
    base_iri: str,
    node_keys: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """An article's facts as the `kg extract` JSON object; offsets index `text` as read.

    Without `node_keys` (a streaming `kg extract`), an entity's IRI is the node it would
    be alone; a build passes the resolved graph's keys, so the IRI is its node's.
    """
    article = facts.article

    def iri(entity: Entity) -> str:
        if node_keys is not None:
            return base_iri + node_keys[(article.id, entity.id)]
        return base_iri + entity_key(entity)

    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "entities": [
            {
                "id": entity.id,
                "type": entity.type,
                "name": entity.name,
                "iri": iri(entity),
                "aliases": list(entity.aliases),
                "iso3": entity.iso3,
                "wikidata": entity.wikidata,
                "confidence": entity.confidence,
                "roles": list(entity.roles),
                "located_in": entity.located_in,
                "tickers": list(entity.tickers),
                "mentions": [
                    {
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "sentence": m.sentence,
                        "kind": m.kind,
                        "dateline": m.dateline,
                    }
                    for m in entity.mentions
                ],
            }
            for entity in facts.entities
        ],
        "relations": [_relation_json(r) for r in facts.relations],
        "events": [_event_json(e) for e in facts.events],
    }


def _relation_json(relation: Relation) -> dict[str, Any]:
    # holdsPosition's object is its literal role; every other object is an entity id.
    literal = relation.type in LITERAL_RELATIONS
    return {
        "type": relation.type,
        "subject": relation.subject,
        "object": None if literal else relation.object,
        "value": relation.object if literal else None,
        "confidence": relation.confidence,
        "sentence": relation.sentence,
        "evidence": {"start": relation.evidence.start, "end": relation.evidence.end},
        "extractor": relation.extractor,
    }


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "label": event.label,
        "factuality": event.factuality,
        "subtype": event.subtype,
        "trigger": {"start": event.trigger.start, "end": event.trigger.end},
        "triggers": [{"start": t.start, "end": t.end} for t in event.triggers],
        "sentences": list(event.sentences),
        "date": event.date,
        "date_evidence": (
            None
            if event.date_evidence is None
            else {"start": event.date_evidence.start, "end": event.date_evidence.end}
        ),
        "arguments": [
            {
                "role": a.role,
                "entity": a.entity,
                "start": a.evidence.start,
                "end": a.evidence.end,
            }
            for a in event.arguments
        ],
        "quote": event.quote,
        "confidence": event.confidence,
        "extractor": event.extractor,
    }


def facts_to_line(
    facts: ArticleFacts,
    *,
    base_iri: str,
    node_keys: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """One JSON Lines record, keys in a fixed order so output is byte-stable."""
    record = facts_to_json(facts, base_iri=base_iri, node_keys=node_keys)
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_facts(kg: KnowledgeGraph, path: str | Path, *, base_iri: str) -> int:
    """facts.jsonl: the contract record of every article of `kg`, with the IRI of the node each
    entity resolved to; return the number of articles."""
    keys = kg.entity_keys
    atomic_write_lines(
        path, (facts_to_line(f, base_iri=base_iri, node_keys=keys) for f in kg.articles)
    )
    return len(kg.articles)


def write(built: BuiltGraph, path: Path) -> str:
    """The `facts` format (kg.export.formats)."""
    return f"{write_facts(built.graph, path, base_iri=built.base_iri)} articles"
