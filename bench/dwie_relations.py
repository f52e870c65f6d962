"""Score newskg's relations against DWIE dev, per relation type, over the mapped types.

    python -m bench.dwie_relations [--limit N] [--model NAME] [--json PATH]
    python -m bench.dwie_relations --predictions OUT.jsonl   # score a finished `kg extract` run
    python -m bench.dwie_relations --rules-only              # leave the learned scorer's out
    python -m bench.dwie_relations --strict-types            # employedBy not as member_of

Documents and entities come from bench/dwie.py's loader with demonyms folded into their
country (newskg links "German" to Germany), so DWIE's `-x` relations to a demonym become
relations to the country. DWIE's relation names map to the newskg vocabulary by `MAPPING`;
unmapped DWIE relations (player_of, vs, appears_in, ...) are not scored. DWIE has no
employer relation: its member_of covers staff (its schema maps journalists, union
representatives and military personnel to member_of), so newskg's employedBy is scored as
memberOf (`ALIGNED`); `--strict-types` leaves employedBy unscored.

Scoring (document level). Gold: the distinct (head concept, type, tail concept) triples of a
document after mapping. Predicted: each `kg extract` relation whose subject and object
entities both have a majority concept (bench/dwie.py's `majority_concept`) becomes a triple of
those concepts; the distinct triples are the predictions, so an entity split in two does not
count twice. A relation whose subject or object has no concept is a wrong prediction.
holdsPosition (a literal object) has no DWIE counterpart and is not scored. `--rules-only`
scores the same run without the relations of the learned scorer (`relations.learned`), so one
run gives the figures with and without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dwie import (  # noqa: E402
    DEFAULT_DATA,
    GoldDocument,
    PredictedEntity,
    PredictedMention,
    Score,
    articles_jsonl,
    load_documents,
    majority_concept,
    with_overall,
)
from bench.kg_runner import ExtractorError, run_kg_extract  # noqa: E402
from kg.export.atomic import atomic_write  # noqa: E402
from kg.nlp.load import DEFAULT_MODEL  # noqa: E402

# DWIE relation -> newskg relation type.
MAPPING: dict[str, str] = {
    "citizen_of": "citizenOf",
    "member_of": "memberOf",
    "agent_of": "affiliatedWith",
    "head_of_state": "headOfState",
    "head_of_gov": "headOfGovernment",
    "head_of": "leaderOf",
    "minister_of": "ministerOf",
    "spokesperson_of": "spokespersonOf",
    "based_in0": "basedIn",
    "based_in1": "basedIn",
    "based_in2": "basedIn",
    "in0": "locatedIn",
    "in1": "locatedIn",
    "in2": "locatedIn",
    "part_of": "partOf",
    "spouse_of": "spouseOf",
    "parent_of": "parentOf",
    "child_of": "childOf",
    "founder_of": "founderOf",
}
SCORED_TYPES: tuple[str, ...] = tuple(sorted(set(MAPPING.values())))
# newskg type -> the scored type it counts as. DWIE has no employer relation: its member_of
# covers staff (its schema: "journalist -> member_of", "union_rep -> member_of"), so newskg's
# employedBy is scored as memberOf (`--strict-types` scores it as itself, that is not at all).
ALIGNED: dict[str, str] = {"employedBy": "memberOf"}


class RelationBenchError(RuntimeError):
    """The DWIE relations or the predictions cannot be read, or `kg extract` failed."""


@dataclass(frozen=True)
class PredictedRelation:
    type: str
    subject: PredictedEntity
    object: PredictedEntity


Triple = tuple[int, str, int]  # (head concept id, newskg type, tail concept id)


def gold_triples(document: GoldDocument, annos_dir: Path) -> set[Triple]:
    """The document's mapped gold relations as concept triples, demonyms folded."""
    annos = json.loads((annos_dir / f"{document.id}.json").read_text(encoding="utf-8"))
    described = {c["concept"]: c for c in annos["concepts"]}
    present = {c.concept for c in document.concepts}
    # a demonym concept stands for its country (bench/dwie.py folds their mentions the same way)
    country_of = {
        r["s"]: r["o"]
        for r in annos["relations"]
        if r["p"] == "gpe0" and "type::gpe0-x" in described[r["s"]].get("tags", [])
    }
    triples = set()
    for relation in annos["relations"]:
        name = relation["p"].removesuffix("-x")
        kind = MAPPING.get(name)
        if kind is None:
            continue
        head = country_of.get(relation["s"], relation["s"])
        tail = country_of.get(relation["o"], relation["o"])
        if head in present and tail in present and head != tail:
            triples.add((head, kind, tail))
    return triples


LEARNED = "relations.learned"


def read_relations(
    path: Path, *, rules_only: bool = False, aligned: dict[str, str] | None = None
) -> dict[str, list[PredictedRelation]]:
    """The entity-to-entity relations of each article of a `kg extract` output (without the
    learned scorer's with `rules_only`), each type renamed by `aligned` (default `ALIGNED`)."""
    aligned = ALIGNED if aligned is None else aligned
    found: dict[str, list[PredictedRelation]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                entities = {
                    e["id"]: PredictedEntity(
                        e["type"],
                        e.get("name", ""),
                        tuple(PredictedMention(m["start"], m["end"]) for m in e["mentions"]),
                    )
                    for e in record["entities"]
                }
                found[str(record["id"])] = [
                    PredictedRelation(
                        aligned.get(r["type"], r["type"]),
                        entities[r["subject"]],
                        entities[r["object"]],
                    )
                    for r in record.get("relations", [])
                    if aligned.get(r["type"], r["type"]) in SCORED_TYPES
                    and not (rules_only and r.get("extractor") == LEARNED)
                ]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise RelationBenchError(
                    f"{path}:{number}: not a `kg extract` record ({error})"
                ) from error
    return found


def predicted_triples(
    document: GoldDocument, relations: list[PredictedRelation]
) -> tuple[set[Triple], int]:
    """Distinct concept triples of the predictions, and how many predictions had no concept."""
    triples: set[Triple] = set()
    unmatched: set[tuple[str, str, str]] = set()
    for relation in relations:
        head = majority_concept(relation.subject, document)
        tail = majority_concept(relation.object, document)
        if head is None or tail is None:
            unmatched.add((relation.type, relation.subject.name, relation.object.name))
        else:
            triples.add((head[0].concept, relation.type, tail[0].concept))
    return triples, len(unmatched)


def score_relations(
    documents: tuple[GoldDocument, ...],
    predictions: dict[str, list[PredictedRelation]],
    annos_dir: Path,
) -> dict[str, Score]:
    """Relation P/R/F1 per newskg type and micro overall (see the module docstring)."""
    correct: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for document in documents:
        expected = gold_triples(document, annos_dir)
        found, _ = predicted_triples(document, predictions.get(document.id, []))
        unmatched = Counter(
            r.type
            for r in predictions.get(document.id, [])
            if majority_concept(r.subject, document) is None
            or majority_concept(r.object, document) is None
        )
        gold.update(kind for _, kind, _ in expected)
        predicted.update(kind for _, kind, _ in found)
        predicted.update(unmatched)
        correct.update(kind for _, kind, _ in found & expected)
    return with_overall(correct, predicted, gold, SCORED_TYPES)


def _print(scores: dict[str, Score], header: str) -> None:
    print(header)
    print(f"{'type':18} {'P':>6} {'R':>6} {'F1':>6} {'correct':>8} {'pred':>6} {'gold':>6}")
    for kind, score in scores.items():
        print(
            f"{kind:18} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
            f"{score.correct:8d} {score.predicted:6d} {score.gold:6d}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model for kg extract")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the DWIE folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    parser.add_argument("--predictions", type=Path, default=None, help="score this output")
    parser.add_argument(
        "--rules-only", action="store_true", help="leave out the learned scorer's relations"
    )
    parser.add_argument(
        "--strict-types",
        action="store_true",
        help="score employedBy as itself (unscored), not as DWIE's member_of",
    )
    args = parser.parse_args(argv)
    aligned = {} if args.strict_types else ALIGNED

    documents = load_documents(args.data, args.limit, fold_demonyms=True)
    seconds = None
    try:
        if args.predictions is not None:
            predictions = read_relations(
                args.predictions, rules_only=args.rules_only, aligned=aligned
            )
        else:
            with tempfile.TemporaryDirectory(prefix="dwie-rel-") as workdir:
                start = time.perf_counter()
                out = run_kg_extract(articles_jsonl(documents), Path(workdir), args.model)
                seconds = time.perf_counter() - start
                predictions = read_relations(out, rules_only=args.rules_only, aligned=aligned)
    except (RelationBenchError, ExtractorError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    scores = score_relations(documents, predictions, args.data / "annos")
    which = ", rules only" if args.rules_only else ""
    which += ", employedBy unscored" if args.strict_types else ", employedBy as memberOf"
    _print(scores, f"DWIE dev, {len(documents)} documents, relations (demonyms folded{which})")
    if seconds is not None:
        print(f"kg extract run time: {seconds:.1f} s")
    if args.json is not None:
        report = {
            "documents": len(documents),
            "seconds": None if seconds is None else round(seconds, 2),
            "relations": {kind: score.as_dict() for kind, score in scores.items()},
        }
        atomic_write(args.json, json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
