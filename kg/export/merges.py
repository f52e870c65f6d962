"""merges.jsonl: why each entity of an article became the node it is, and each event an
event node of an earlier article (the merge log)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.atomic import atomic_write_lines
from kg.graph.rdf import event_key_iri, is_event_key
from kg.model import KnowledgeGraph, Merge

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph


def merge_line(merge: Merge, base_iri: str) -> str:
    """One JSON Lines record: the node's IRI, the article and entity joined to it, and why;
    for an event, "event" (its id in the article) in place of "entity"."""
    if is_event_key(merge.node):
        node, what = event_key_iri(merge.node, base_iri), "event"
    else:
        node, what = base_iri + merge.node, "entity"
    record = {
        "node": node,
        "article": merge.article_id,
        what: merge.entity_id,
        "name": merge.name,
        "reason": merge.reason,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_merges(kg: KnowledgeGraph, path: str | Path, *, base_iri: str) -> int:
    """Write the merge log of `kg` to `path` atomically; return the number of records."""
    atomic_write_lines(path, (merge_line(m, base_iri) for m in kg.merges))
    return len(kg.merges)


def write(built: BuiltGraph, path: Path) -> str:
    """The `merges` format (kg.export.formats)."""
    return f"{write_merges(built.graph, path, base_iri=built.base_iri)} merges"
