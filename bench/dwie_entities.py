"""Score newskg's entities against DWIE dev, next to a raw spaCy NER baseline.

    python -m bench.dwie_entities [--limit N] [--model NAME] [--json PATH]
    python -m bench.dwie_entities --predictions OUT.jsonl   # score a finished `kg extract` run
    python -m bench.dwie_entities --fold-demonyms   # "German" counts as a mention of Germany

The documents go to `kg extract` as JSON Lines (run as `python -m kg.cli extract`); the raw
baseline is spaCy's own NER (PERSON, ORG, GPE as Person, Organization, Country; mentions with the
same string and type form one entity). Scoring is described in bench/dwie.py. Exit status: 0 when
both systems were scored, 1 when `kg extract` failed, 2 when kg.cli does not exist; the baseline
table is printed in every case.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

# run as a file, Python puts bench/ on the path, not the repository root that holds the package
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.dwie import (  # noqa: E402
    DEFAULT_DATA,
    FOLDED_KINDS,
    NAME_KINDS,
    OVERALL,
    SCORED_TYPES,
    GoldDocument,
    PredictedEntity,
    PredictedMention,
    Score,
    articles_jsonl,
    load_documents,
    read_predictions,
    score_entities,
    score_mentions,
)
from bench.kg_runner import ExtractorError, ExtractorMissingError  # noqa: E402
from bench.kg_runner import run_kg_extract as run_kg_extract_file  # noqa: E402
from kg.export.atomic import atomic_write  # noqa: E402
from kg.nlp.load import DEFAULT_MODEL  # noqa: E402

SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country"}
BASELINE = "raw spaCy"
NEWSKG = "newskg"


def spacy_baseline(
    documents: tuple[GoldDocument, ...], model: str
) -> dict[str, tuple[PredictedEntity, ...]]:
    """spaCy NER alone: one entity per distinct (string, type) in each document."""
    import spacy

    nlp = spacy.load(model)
    predictions = {}
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        groups: dict[tuple[str, str], list[PredictedMention]] = {}
        for ent in doc.ents:
            entity_type = SPACY_TYPES.get(ent.label_)
            if entity_type is not None:
                groups.setdefault((ent.text, entity_type), []).append(
                    PredictedMention(ent.start_char, ent.end_char)
                )
        predictions[document.id] = tuple(
            PredictedEntity(entity_type, name, tuple(mentions))
            for (name, entity_type), mentions in groups.items()
        )
    return predictions


def run_kg_extract(
    documents: tuple[GoldDocument, ...], workdir: Path, model: str, kinds: frozenset[str]
) -> dict[str, tuple[PredictedEntity, ...]]:
    """The entities `kg extract --model MODEL` finds in the documents."""
    return read_predictions(
        run_kg_extract_file(articles_jsonl(documents), workdir, model), kinds=kinds
    )


def _timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def _table(title: str, results: dict[str, dict[str, Score]]) -> Table:
    table = Table(title=title)
    table.add_column("type", no_wrap=True)
    for system in results:
        for column in ("P", "R", "F1"):
            table.add_column(f"{system}\n{column}", justify="right", no_wrap=True)
    for row in (*SCORED_TYPES, OVERALL):
        cells = [row]
        for scores in results.values():
            score = scores[row]
            cells += [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]
        table.add_row(*cells)
    return table


def _report(
    documents: int,
    model: str,
    results: dict[str, dict[str, dict[str, Score]]],
    seconds: dict[str, float | None],
) -> dict:
    """The numbers as plain JSON: counts and rounded P/R/F1 per system, kind and type."""
    return {
        "documents": documents,
        "model": model,
        "systems": {
            name: {
                "seconds": None if seconds[name] is None else round(seconds[name], 2),
                **{
                    kind: {t: score.as_dict() for t, score in scores.items()}
                    for kind, scores in kinds.items()
                },
            }
            for name, kinds in results.items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model of both systems")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the DWIE folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    parser.add_argument(
        "--predictions", type=Path, default=None, help="score this `kg extract` output instead"
    )
    parser.add_argument(
        "--fold-demonyms",
        action="store_true",
        help="score demonyms (German) as mentions of their country, as newskg links them",
    )
    args = parser.parse_args(argv)
    console = Console()

    documents = load_documents(args.data, args.limit, fold_demonyms=args.fold_demonyms)
    kinds = FOLDED_KINDS if args.fold_demonyms else NAME_KINDS
    systems = {BASELINE: _timed(spacy_baseline, documents, args.model)}
    status, warning = 0, None
    try:
        if args.predictions is not None:
            systems[NEWSKG] = (read_predictions(args.predictions, kinds=kinds), None)
        else:
            with tempfile.TemporaryDirectory(prefix="dwie-") as workdir:
                systems[NEWSKG] = _timed(
                    run_kg_extract, documents, Path(workdir), args.model, kinds
                )
    except ExtractorMissingError as error:
        status, warning = 2, str(error)
    except ExtractorError as error:
        status, warning = 1, str(error)

    results = {
        name: {
            "entities": score_entities(documents, predictions),
            "mentions": score_mentions(documents, predictions),
        }
        for name, (predictions, _) in systems.items()
    }
    seconds = {name: elapsed for name, (_, elapsed) in systems.items()}
    header = f"DWIE dev, {len(documents)} documents"
    if args.fold_demonyms:
        header += ", demonyms folded"
    for kind in ("entities", "mentions"):
        console.print(_table(f"{header}: {kind}", {n: r[kind] for n, r in results.items()}))
    times = ", ".join(
        f"{name} {'-' if elapsed is None else f'{elapsed:.1f} s'}"
        for name, elapsed in seconds.items()
    )
    console.print(f"run time: {times}")
    if warning is not None:
        # the extractor's own message may hold brackets: print it as plain text, unwrapped
        Console(stderr=True, soft_wrap=True).print(
            f"warning: newskg not scored, baseline only. {warning}", markup=False, highlight=False
        )
    if args.json is not None:
        report = _report(len(documents), args.model, results, seconds)
        report["fold_demonyms"] = args.fold_demonyms
        atomic_write(args.json, json.dumps(report, indent=2, sort_keys=True) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
