"""The quality report of a build, `out/report.json`, and its short printed form.

What a user needs to judge a graph before trusting it: how many of each kind of fact, which
nodes hang alone, which look like one entity split in two, how much of it carries evidence,
whether it conforms to the SHACL shapes, and which inputs were not read.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.export.atomic import atomic_write
from kg.export.colors import type_order
from kg.model import FACTUALITIES, KnowledgeGraph, Node
from kg.resolve.names import (
    abbreviates,
    acronym_letters,
    initials_key,
    is_abbreviated,
    is_generic_name,
    normalised_name,
    spelled_initials,
)

if TYPE_CHECKING:
    from kg.export.formats import BuiltGraph

REPORT_NAME = "report.json"
MAX_LISTED = 50  # duplicates and orphans listed by name; the counts are always complete
# pyshacl holds the whole graph in rdflib and slows sharply with size (a 50,000-triple graph
# takes longer than analysing its 300 articles): past this, say so rather than wait.
SHACL_MAX_TRIPLES = 20_000
_RESULTS_COUNT = re.compile(r"^Results \((\d+)\):", re.M)


class ReportError(ValueError):
    """A report file cannot be read."""


def _field(item: Any, name: str) -> Any:
    """A field of a relation or event, which may be a dataclass or a plain dict."""
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


# Why two nodes look like one entity, strongest evidence first (a pair shows its first).
DUPLICATE_REASONS = ("same name", "alias", "shared alias", "acronym", "abbreviation", "extension")


class _Pairs:
    """Pairs of node keys found so far, each with its strongest reason."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], int] = {}

    def add(self, a: Node, b: Node, reason: str) -> None:
        if a.key == b.key:
            return
        pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        rank = DUPLICATE_REASONS.index(reason)
        self.found[pair] = min(rank, self.found.get(pair, rank))

    def add_group(self, group: list[Node], reason: str) -> None:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                self.add(a, b, reason)


def _index(nodes: list[Node], names: Callable[[Node], Iterable[str]]) -> dict[Any, list[Node]]:
    """(type, name) -> the nodes with that name, in key order."""
    index: dict[Any, list[Node]] = defaultdict(list)
    for node in nodes:
        for name in dict.fromkeys(names(node)):
            index[node.type, name].append(node)
    return index


def _same_names(nodes: list[Node], pairs: _Pairs) -> dict[Any, list[Node]]:
    """ "Northrop Grumman" twice; "Antonov" the label of one, an alias of the other;
    "Scientology" an alias of both "Church of Scientology" and "Rathbun the Scientology"."""
    by_label = _index(nodes, lambda n: [normalised_name(n.label)])
    by_alias = _index(nodes, lambda n: [normalised_name(a) for a in n.aliases])
    for group in by_label.values():
        pairs.add_group(group, "same name")
    for (type_, alias), group in by_alias.items():
        for node in group:
            for other in by_label.get((type_, alias), []):
                pairs.add(node, other, "alias")
        pairs.add_group(group, "shared alias")
    return by_label


def _acronyms(nodes: list[Node], pairs: _Pairs) -> None:
    """ "IAEA" / "International Atomic Energy Agency"."""
    by_letters = _index(nodes, lambda n: [x for x in [acronym_letters(n.label)] if x])
    for node in nodes:
        letters = spelled_initials(node.label)
        for other in by_letters.get((node.type, letters), []):
            pairs.add(node, other, "acronym")


def _abbreviations(nodes: list[Node], pairs: _Pairs) -> None:
    """ "East L.A." / "East Los Angeles": candidates share the initials key and the short
    name's unabbreviated words ("East")."""
    by_key = _index(nodes, lambda n: [initials_key(n.label)])
    words = {node.key: {t.casefold() for t in node.label.split()} for node in nodes}
    for node in nodes:
        tokens = node.label.split()
        if not any(is_abbreviated(t) for t in tokens):
            continue
        plain = {t.casefold() for t in tokens if not is_abbreviated(t)}
        for other in by_key[node.type, initials_key(node.label)]:
            if other is node or not plain <= words[other.key]:
                continue
            if abbreviates(tokens, other.label.split()):
                pairs.add(node, other, "abbreviation")


def _extensions(nodes: list[Node], by_label: dict[Any, list[Node]], pairs: _Pairs) -> None:
    """ "Northrop" / "Northrop Grumman": the shorter's words begin the longer (for a
    person also end it: "Wolfowitz" / "Paul Wolfowitz"), the shorter no generic name."""
    for node in nodes:
        tokens = normalised_name(node.label).split()
        parts = [tokens[:k] for k in range(1, len(tokens))]
        if node.type == "Person":
            parts += [tokens[k:] for k in range(1, len(tokens))]
        for part in parts:
            for other in by_label.get((node.type, " ".join(part)), []):
                if not is_generic_name(other.label, other.type):
                    pairs.add(node, other, "extension")


def likely_duplicates(nodes: Iterable[Node]) -> list[dict[str, Any]]:
    """Pairs of nodes of one type that look like one entity, with the reason (one of
    DUPLICATE_REASONS): same name, a label that is the other's alias, a shared alias, an
    acronym, an abbreviation, or a name its extension begins.

    Each pair is listed once, strongest reason first, then by type and keys. Names are
    looked up in indexes, never compared all against all.
    """
    nodes = sorted(nodes, key=lambda n: n.key)
    pairs = _Pairs()
    by_label = _same_names(nodes, pairs)
    _acronyms(nodes, pairs)
    _abbreviations(nodes, pairs)
    _extensions(nodes, by_label, pairs)
    by_key = {node.key: node for node in nodes}
    rows = sorted((rank, by_key[a].type, a, b) for (a, b), rank in pairs.found.items())
    return [
        {
            "type": type_,
            "a": {"key": a, "label": by_key[a].label},
            "b": {"key": b, "label": by_key[b].label},
            "reason": DUPLICATE_REASONS[rank],
        }
        for rank, type_, a, b in rows
    ]


@dataclass
class ArticleTally:
    """What the report counts in the articles, gathered in one reading of them (a streaming
    build keeps them on disk)."""

    linked: set[str] = field(default_factory=set)  # node keys in a relation or an event
    relations: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    factualities: Counter[str] = field(default_factory=Counter)
    facts: int = 0  # mentions, relations and events
    with_evidence: int = 0


def _has_evidence(item: Any) -> bool:
    """A relation (its evidence span) or an event (its trigger) points at the text."""
    return any(_field(item, name) for name in ("evidence", "trigger"))


def _factuality(event: Any) -> str:
    """Whether the event happened: "asserted" for facts written before events said."""
    factuality = _field(event, "factuality") or "asserted"
    if factuality not in FACTUALITIES:
        raise ReportError(f"event {_field(event, 'id')} has unknown factuality {factuality!r}")
    return str(factuality)


def tally_articles(kg: KnowledgeGraph) -> ArticleTally:
    """Count what the report needs of the articles, reading each once."""
    tally = ArticleTally()
    for facts in kg.articles:
        article_id = facts.article.id
        for entity in facts.entities:
            tally.facts += len(entity.mentions)
            tally.with_evidence += sum(
                0 <= m.sentence < len(facts.sentences) for m in entity.mentions
            )
        for relation in facts.relations:
            tally.relations[str(_field(relation, "type"))] += 1
            tally.facts += 1
            tally.with_evidence += _has_evidence(relation)
            for end in ("subject", "object"):
                key = kg.entity_keys.get((article_id, str(_field(relation, end))))
                if key:
                    tally.linked.add(key)
        for event in facts.events:
            tally.events[str(_field(event, "type"))] += 1
            tally.factualities[_factuality(event)] += 1
            tally.facts += 1
            tally.with_evidence += _has_evidence(event)
            for argument in _field(event, "arguments") or ():
                key = kg.entity_keys.get((article_id, str(_field(argument, "entity"))))
                if key:
                    tally.linked.add(key)
    return tally


def orphan_nodes(kg: KnowledgeGraph, tally: ArticleTally | None = None) -> list[str]:
    """Keys of entity nodes joined to no other entity (no co-mention, relation or event)."""
    linked = set((tally or tally_articles(kg)).linked)
    for pair in kg.comentions:
        linked.update((pair.source, pair.target))
    return sorted(node.key for node in kg.nodes if node.key not in linked)


def evidence_share(kg: KnowledgeGraph, tally: ArticleTally | None = None) -> dict[str, Any]:
    """Of all facts (mentions, co-mentions, relations, events), how many point at evidence."""
    tally = tally or tally_articles(kg)
    total = tally.facts + len(kg.comentions)
    with_evidence = tally.with_evidence + sum(bool(pair.evidence) for pair in kg.comentions)
    share = round(with_evidence / total, 4) if total else None
    return {"facts": total, "with_evidence": with_evidence, "share": share}


def shacl_check(turtle: Path | None, triples: int | None = None) -> dict[str, Any]:
    """SHACL conformance of the written Turtle, or why it was not checked."""
    if turtle is None:
        return {"checked": False, "reason": "no Turtle file was written"}
    if triples is not None and triples > SHACL_MAX_TRIPLES:
        return {
            "checked": False,
            "reason": f"{triples} triples, more than the {SHACL_MAX_TRIPLES} pyshacl "
            "checks in reasonable time; run pyshacl on the Turtle file",
        }
    from kg.export.turtle import ShapesNotFoundError, ValidationUnavailableError, validate

    try:
        conforms, text = validate(turtle)
    except ValidationUnavailableError:
        return {"checked": False, "reason": "pyshacl is not installed"}
    except ShapesNotFoundError as error:
        # An installed package has no ontology/ beside it; a checkout does.
        return {"checked": False, "reason": f"the SHACL shapes were not found ({error})"}
    found = _RESULTS_COUNT.search(text)
    violations = int(found.group(1)) if found else (0 if conforms else None)
    return {"checked": True, "conforms": conforms, "violations": violations}


def build_report(
    kg: KnowledgeGraph,
    *,
    turtle: Path | None = None,
    triples: int | None = None,
    skipped: Iterable[Any] = (),
) -> dict[str, Any]:
    """The report as a JSON-ready dict, keys in a fixed order."""
    tally = tally_articles(kg)
    orphans = orphan_nodes(kg, tally)
    duplicates = likely_duplicates(kg.nodes)
    labels = {node.key: node.label for node in kg.nodes}
    by_type = Counter(node.type for node in kg.nodes)
    return {
        "articles": len(kg.articles),
        "nodes": len(kg.nodes),
        "entities_by_type": {t: by_type[t] for t in sorted(by_type, key=type_order)},
        "relations_by_type": dict(sorted(tally.relations.items())),
        "events_by_type": dict(sorted(tally.events.items())),
        # every value, zeros too, in the vocabulary's order: "negated 0" is worth reading
        "events_by_factuality": {f: tally.factualities[f] for f in FACTUALITIES},
        "comentions": len(kg.comentions),
        # Pairs past the bounds of kg.resolve (a sentence naming hundreds): counted, not drawn.
        "comentions_left_out": kg.comentions_left_out,
        "orphan_nodes": {
            "count": len(orphans),
            "nodes": [{"key": k, "label": labels[k]} for k in orphans[:MAX_LISTED]],
        },
        "likely_duplicates": {
            "count": len(duplicates),
            "by_reason": {r: sum(p["reason"] == r for p in duplicates) for r in DUPLICATE_REASONS},
            "pairs": duplicates[:MAX_LISTED],
        },
        "evidence": evidence_share(kg, tally),
        "shacl": shacl_check(turtle, triples),
        "skipped_inputs": [
            {"source": str(_field(s, "source")), "reason": str(_field(s, "reason"))}
            for s in skipped
        ],
    }


def write_report(
    kg: KnowledgeGraph,
    out_dir: str | Path,
    *,
    turtle: Path | None = None,
    triples: int | None = None,
    skipped: Iterable[Any] = (),
) -> Path:
    """Write the report of `kg` as JSON to `out_dir/report.json` atomically; return its path."""
    report = build_report(kg, turtle=turtle, triples=triples, skipped=skipped)
    return _write_json(report, Path(out_dir) / REPORT_NAME)


def write(built: BuiltGraph, path: Path) -> str:
    """The `report` format (kg.export.formats): validates the Turtle the build wrote."""
    report = build_report(
        built.graph, turtle=built.turtle, triples=built.triples, skipped=built.skipped
    )
    _write_json(report, path)
    return f"{len(report)} sections"


def _write_json(report: dict[str, Any], path: Path) -> Path:
    return atomic_write(path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def read_report(path: str | Path) -> dict[str, Any]:
    """A report written by `write_report`."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read the report: {exc}") from exc


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "none"


def _duplicates_text(duplicates: dict[str, Any]) -> str:
    """ "3 (acronym 1, extension 2)": the reasons a report written before them lacks."""
    by_reason = {r: n for r, n in (duplicates.get("by_reason") or {}).items() if n}
    return (
        f"{duplicates['count']} ({_counts(by_reason)})" if by_reason else str(duplicates["count"])
    )


def summary_lines(report: dict[str, Any]) -> list[str]:
    """The few lines `kg build` prints: a report a user reads at a glance."""
    evidence = report["evidence"]
    share = "n/a" if evidence["share"] is None else f"{100 * evidence['share']:.1f}%"
    shacl = report["shacl"]
    if not shacl["checked"]:
        shacl_text = f"not checked ({shacl['reason']})"
    elif shacl["conforms"]:
        shacl_text = "conforms"
    else:
        shacl_text = f"{shacl['violations']} violation(s)"
    # none for a graph without events, or a report.json written before events had one
    factuality = report.get("events_by_factuality") or {}
    return [
        f"entities: {_counts(report['entities_by_type'])}",
        f"relations: {_counts(report['relations_by_type'])}",
        f"events: {_counts(report['events_by_type'])}",
        *([f"events by factuality: {_counts(factuality)}"] if any(factuality.values()) else []),
        f"orphan nodes: {report['orphan_nodes']['count']} of {report['nodes']}",
        f"likely duplicates: {_duplicates_text(report['likely_duplicates'])}",
        f"facts with evidence: {share} ({evidence['with_evidence']} of {evidence['facts']})",
        f"SHACL: {shacl_text}",
        f"skipped inputs: {len(report['skipped_inputs'])}",
    ]
