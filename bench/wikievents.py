"""Score newskg's events against WikiEvents dev: trigger and argument P/R/F1.

    python -m bench.wikievents [--limit N] [--json PATH]

Text. Each document's `tokens` joined by single spaces, so token offsets map to characters
directly (as bench/dwie.py does for DWIE). newskg runs in process (kg.pipeline.run) with no
article date, so relative dates stay unresolved; dates are not scored here.

Triggers. Every trigger of a predicted event counts as one predicted trigger. It matches a
gold trigger when their character spans overlap and the types agree on the first two levels
(`Justice.ArrestJailDetain`); matching is one to one, in text order.

Arguments. A predicted event's arguments are compared with the arguments of the gold events
its triggers matched: correct when the role is the same and the predicted span overlaps the
gold argument's mention or a mention coreferent with it (WikiEvents `coref/`). Precision is
correct predicted arguments / predicted arguments; recall is gold arguments found / gold
arguments. Arguments that name no entity ("the general") are predicted with their span and
scored like the others.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dwie import Score, join_tokens  # noqa: E402
from kg.export.atomic import atomic_write  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev" / "wikievents"


class WikiEventsFormatError(ValueError):
    """The WikiEvents files do not have the shape this benchmark relies on."""


@dataclass(frozen=True)
class GoldArgument:
    role: str
    spans: tuple[tuple[int, int], ...]  # the argument's mention and every coreferent mention


@dataclass(frozen=True)
class GoldEvent:
    type: str  # first two levels
    trigger: tuple[int, int]
    arguments: tuple[GoldArgument, ...]


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    events: tuple[GoldEvent, ...]


def two_levels(event_type: str) -> str:
    return ".".join(event_type.split(".")[:2])


def load_documents(data: Path, limit: int | None = None) -> tuple[GoldDocument, ...]:
    """The dev documents with their gold events, arguments widened by coreference."""
    try:
        lines = (data / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        coref_lines = (data / "coref" / "dev.jsonlines").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise WikiEventsFormatError(f"{error.filename}: not found") from error
    clusters = {}
    for line in coref_lines:
        record = json.loads(line)
        clusters[record["doc_key"]] = record["clusters"]
    documents = []
    for line in lines[:limit]:
        record = json.loads(line)
        text, offsets = join_tokens(record["tokens"])

        def span(start: int, end: int) -> tuple[int, int]:
            return offsets[start][0], offsets[end - 1][1]  # noqa: B023

        mention_span = {m["id"]: span(m["start"], m["end"]) for m in record["entity_mentions"]}
        same: dict[str, set[str]] = {key: {key} for key in mention_span}
        for cluster in clusters.get(record["doc_id"], []):
            for member in cluster:
                same.setdefault(member, set()).update(cluster)
        events = tuple(
            GoldEvent(
                two_levels(event["event_type"]),
                span(event["trigger"]["start"], event["trigger"]["end"]),
                tuple(
                    GoldArgument(
                        argument["role"],
                        tuple(
                            sorted(
                                mention_span[m]
                                for m in same.get(argument["entity_id"], set())
                                if m in mention_span
                            )
                        ),
                    )
                    for argument in event["arguments"]
                ),
            )
            for event in record["event_mentions"]
        )
        documents.append(GoldDocument(record["doc_id"], text, events))
    return tuple(documents)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(document: GoldDocument, events, counts: dict[str, int]) -> None:
    """Add one document's trigger and argument counts to `counts`."""
    triggers = sorted(
        ((t.start, t.end), index, event.type)
        for index, event in enumerate(events)
        for t in event.triggers
    )
    counts["trigger_pred"] += len(triggers)
    counts["trigger_gold"] += len(document.events)
    taken: set[int] = set()
    matched: dict[int, list[int]] = defaultdict(list)  # predicted event -> gold events
    for span, index, event_type in triggers:
        for gold_index, gold in enumerate(document.events):
            if gold_index in taken or gold.type != event_type or not _overlaps(span, gold.trigger):
                continue
            taken.add(gold_index)
            matched[index].append(gold_index)
            counts["trigger_correct"] += 1
            break
    found: set[tuple[int, int]] = set()  # (gold event, argument position)
    counts["argument_gold"] += sum(len(g.arguments) for g in document.events)
    for index, event in enumerate(events):
        counts["argument_pred"] += len(event.arguments)
        for argument in event.arguments:
            span = (argument.evidence.start, argument.evidence.end)
            hit = False
            for gold_index in matched.get(index, []):
                for position, gold in enumerate(document.events[gold_index].arguments):
                    if gold.role == argument.role and any(_overlaps(span, s) for s in gold.spans):
                        found.add((gold_index, position))
                        hit = True
            counts["argument_correct"] += hit
    counts["argument_found"] += len(found)


def score(documents: tuple[GoldDocument, ...], predictions: dict) -> dict[str, Score]:
    counts: dict[str, int] = defaultdict(int)
    for document in documents:
        score_document(document, predictions.get(document.id, ()), counts)
    argument_precision = Score(counts["argument_correct"], counts["argument_pred"], 0).precision
    argument_recall = Score(counts["argument_found"], 0, counts["argument_gold"]).recall
    # precision and recall count different things here (predicted vs gold arguments), so
    # the Score holds recall's counts and the precision is reported beside it
    return {
        "triggers": Score(
            counts["trigger_correct"], counts["trigger_pred"], counts["trigger_gold"]
        ),
        "arguments": _ArgumentScore(
            counts["argument_found"],
            counts["argument_pred"],
            counts["argument_gold"],
            argument_precision,
            argument_recall,
        ),
    }


@dataclass(frozen=True)
class _ArgumentScore(Score):
    p: float = 0.0
    r: float = 0.0

    @property
    def precision(self) -> float:
        return self.p

    @property
    def recall(self) -> float:
        return self.r


def predict(documents: tuple[GoldDocument, ...]) -> tuple[dict, float]:
    """newskg's events for each document, and the seconds analysis and extraction took."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    start = time.perf_counter()
    articles = [Article(id=d.id, text=d.text) for d in documents]
    predictions = {f.article.id: f.events for f in analyse_articles(articles)}
    return predictions, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the WikiEvents folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    try:
        documents = load_documents(args.data, args.limit)
    except WikiEventsFormatError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    predictions, seconds = predict(documents)
    scores = score(documents, predictions)
    print(f"WikiEvents dev, {len(documents)} documents")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}")
    for name, value in scores.items():
        print(f"{name:10} {value.precision:6.3f} {value.recall:6.3f} {value.f1:6.3f}")
    print(f"analysis and extraction: {seconds:.1f} s")
    if args.json is not None:
        report = {
            "documents": len(documents),
            "seconds": round(seconds, 2),
            **{
                name: {
                    "precision": round(v.precision, 4),
                    "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4),
                }
                for name, v in scores.items()
            },
        }
        atomic_write(args.json, json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
