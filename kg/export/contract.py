"""The extraction contract of DESIGN.md: one JSON object per article."""

from __future__ import annotations

import json
from typing import Any

from kg.model import ArticleFacts
from kg.resolve import entity_key


def facts_to_json(facts: ArticleFacts, *, base_iri: str) -> dict[str, Any]:
    """An article's facts as the `kg extract` JSON object; offsets index `text` as read."""
    article = facts.article
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
                "iri": base_iri + entity_key(entity),
                "aliases": list(entity.aliases),
                "iso3": entity.iso3,
                "wikidata": entity.wikidata,
                "confidence": entity.confidence,
                "mentions": [
                    {
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "sentence": m.sentence,
                        "kind": m.kind,
                    }
                    for m in entity.mentions
                ],
            }
            for entity in facts.entities
        ],
        "relations": list(facts.relations),
        "events": list(facts.events),
    }


def facts_to_line(facts: ArticleFacts, *, base_iri: str) -> str:
    """One JSON Lines record, keys in a fixed order so output is byte-stable."""
    return json.dumps(facts_to_json(facts, base_iri=base_iri), ensure_ascii=False) + "\n"
