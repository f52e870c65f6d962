"""How complete newskg's events are on news-sample: factuality, participants and dates.

    python -m bench.events_coverage [PATH ...] [--limit N] [--json PATH]
    python -m bench.events_coverage --audit 40 [--seed 17]
    python -m bench.events_coverage --ceiling

Data. The .txt articles of `../shared/data/news-sample` (54 Wikinews articles in the layout
title, date line, URL, blank line, body), read as `Path`s by `kg.extract`, so each article's
date is known and relative dates ("on Monday", "last year") can be resolved.

Measures. The number of events (statements included), the share of each factuality, and,
of the asserted events, the share with at least one participant (an argument that names an
entity, in any role but Place) and the share with a date. The same shares are given per
extractor (`events.trigger_lexicon`, `statements.speech_verb`), since statements nearly
always have their speaker. The issue's targets: >= 70% of asserted events with a
participant, >= 40% with a date. Nothing here says whether an event is right; that is
`bench.wikievents` and `bench.event_senses`.

Ceiling. `--ceiling` also counts the undated asserted events whose own sentence (parsed
alone) holds a date expression: dating every one of them from it would give the share of
"dated + those" of the asserted events, the most that dating from an event's own sentence can
reach. The rest have no time word in their sentence.

Audit. `--audit N` also prints N dated asserted events drawn with `random.Random(SEED)`
(`--seed`, 17 by default) from all of them in article and event order, each with its
article, type, date, the words that give the date and the sentence of its first trigger
(the trigger in [[ ]], the date's words in {{ }}), the sentence of the date's words when it is
another, and the sentences of the event's other mentions, which share its date. A reader
marks each date right or wrong: that is the precision of the dates, which the shares above
do not measure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.export.atomic import atomic_write  # noqa: E402
from kg.model import FACTUALITIES  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-sample"
PLACE_ROLE = "Place"


def article_paths(paths: Iterable[Path], limit: int | None = None) -> list[Path]:
    """The .txt files of `paths` (files or folders), sorted by path; the first `limit`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in path.glob("*.txt") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(found)[:limit]


def has_participant(event: Mapping[str, Any]) -> bool:
    """True when an argument names an entity in a role other than Place: in "Police arrested
    Roman Seleznev in the Maldives", Seleznev (Detainee) counts, the Maldives (Place) does not,
    nor does "the general" (no entity)."""
    return any(
        argument["entity"] is not None and argument["role"] != PLACE_ROLE
        for argument in event["arguments"]
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def coverage(events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts and shares of one group of contract events; an unknown factuality is an error."""
    by_factuality = dict.fromkeys(FACTUALITIES, 0)
    for event in events:
        if event["factuality"] not in by_factuality:
            raise ValueError(f"event {event['id']}: unknown factuality {event['factuality']!r}")
        by_factuality[event["factuality"]] += 1
    asserted = [e for e in events if e["factuality"] == "asserted"]
    with_participant = sum(has_participant(e) for e in asserted)
    with_date = sum(e["date"] is not None for e in asserted)
    return {
        "events": len(events),
        "factuality": {
            name: {"count": count, "share": _share(count, len(events))}
            for name, count in by_factuality.items()
        },
        "asserted": len(asserted),
        "asserted_with_participant": with_participant,
        "asserted_with_participant_share": _share(with_participant, len(asserted)),
        "asserted_with_date": with_date,
        "asserted_with_date_share": _share(with_date, len(asserted)),
    }


def measure(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Coverage of all events of the contract records, and per extractor (sorted)."""
    events: list[Mapping[str, Any]] = []
    articles = 0
    for record in records:
        articles += 1
        events.extend(record["events"])
    extractors = sorted({event["extractor"] for event in events})
    return {
        "articles": articles,
        "all": coverage(events),
        "by_extractor": {
            name: coverage([e for e in events if e["extractor"] == name]) for name in extractors
        },
    }


def report_lines(result: Mapping[str, Any]) -> list[str]:
    """The printed table: one line per group of events."""
    lines = [
        f"{'':24} {'events':>6} {'asserted':>8} {'negated':>7} {'hypoth.':>7} "
        f"{'w/ participant':>14} {'w/ date':>7}"
    ]
    groups = {"all events": result["all"], **result["by_extractor"]}
    for name, group in groups.items():
        shares = group["factuality"]
        lines.append(
            f"{name:24} {group['events']:6d} {shares['asserted']['share']:8.3f} "
            f"{shares['negated']['share']:7.3f} {shares['hypothetical']['share']:7.3f} "
            f"{group['asserted_with_participant_share']:14.3f} "
            f"{group['asserted_with_date_share']:7.3f}"
        )
    return lines


def dated_asserted(articles: Iterable[tuple[str, Sequence[Any], Mapping[str, Any]]]) -> list:
    """(text, sentence spans, record, event) of every asserted event with a date, in article
    and event order: the population the audit draws from."""
    return [
        (text, sentences, record, event)
        for text, sentences, record in articles
        for event in record["events"]
        if event["factuality"] == "asserted" and event["date"] is not None
    ]


def _sentence_at(sentences: Sequence[Any], text: str, start: int) -> tuple[int, int]:
    """The [start, end) of the sentence holding character `start` (the whole text if none)."""
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            return sentence.start, sentence.end
    return 0, len(text)


def _marked(text: str, span: tuple[int, int], marks: list[tuple[int, int, str, str]]) -> str:
    """The text of `span` with each (start, end, open, close) inside it marked, on one line."""
    start, end = span
    pieces, at = [], start
    for first, last, opening, closing in sorted(marks):
        if start <= first and last <= end and first >= at:
            pieces += [text[at:first], opening, text[first:last], closing]
            at = last
    pieces.append(text[at:end])
    return " ".join("".join(pieces).split())


def audit_lines(population: Sequence[Any], size: int, seed: int = 17) -> list[str]:
    """The audit sample, one block per event: `size` events drawn with random.Random(seed)."""
    chosen = random.Random(seed).sample(range(len(population)), min(size, len(population)))
    lines = [f"audit: {len(chosen)} of {len(population)} dated asserted events (seed {seed})"]
    for number, index in enumerate(chosen, 1):
        text, sentences, record, event = population[index]
        trigger, evidence = event["trigger"], event["date_evidence"]
        marks = [(trigger["start"], trigger["end"], "[[", "]]")]
        where = _sentence_at(sentences, text, trigger["start"])
        words = ""
        if evidence is not None:
            marks.append((evidence["start"], evidence["end"], "{{", "}}"))
            words = text[evidence["start"] : evidence["end"]]
        lines.append(
            f"{number:3d}. {record['id']} ({record['date']}) {event['type']} "
            f"[{event['extractor']}] date {event['date']} from {words!r}"
        )
        lines.append(f"     {_marked(text, where, marks)}")
        shown = {where}
        if evidence is not None:
            other = _sentence_at(sentences, text, evidence["start"])
            if other not in shown:
                lines.append(f"     date from: {_marked(text, other, marks)}")
                shown.add(other)
        # every mention of the event shares its date: each must be right
        for more in event["triggers"][1:]:
            other = _sentence_at(sentences, text, more["start"])
            if other not in shown:
                marked = [*marks, (more["start"], more["end"], "[[", "]]")]
                lines.append(f"     also: {_marked(text, other, marked)}")
                shown.add(other)
    return lines


def sentence_ceiling(
    articles: Sequence[tuple[str, Sequence[Any], Mapping[str, Any]]], model: str | None = None
) -> dict[str, Any]:
    """How far dating from an event's own sentence could go: the asserted events that are
    dated or whose sentence holds any date expression (kg.extract.event_dates), the
    sentence parsed alone. An event whose sentence names no time can be dated only from
    other sentences or from the article's date, which the issue forbids by default."""
    from kg.extract.event_dates import date_expressions
    from kg.nlp.load import load_pipeline, model_name

    asserted = [
        (text, _sentence_at(sentences, text, event["trigger"]["start"]), event)
        for text, sentences, record in articles
        for event in record["events"]
        if event["factuality"] == "asserted"
    ]
    undated = [(text, where) for text, where, event in asserted if event["date"] is None]
    nlp = load_pipeline(model_name(model))
    docs = nlp.pipe(text[start:end] for text, (start, end) in undated)
    with_words = sum(any(date_expressions(sentence) for sentence in doc.sents) for doc in docs)
    dated = len(asserted) - len(undated)
    return {
        "asserted": len(asserted),
        "dated": dated,
        "undated_with_date_words": with_words,
        "ceiling_share": _share(dated + with_words, len(asserted)),
    }


def ceiling_line(ceiling: Mapping[str, Any]) -> str:
    return (
        f"sentence ceiling: {ceiling['dated']} dated + {ceiling['undated_with_date_words']} "
        f"undated with a date expression in their sentence, of {ceiling['asserted']} asserted "
        f"= {ceiling['ceiling_share']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_DATA])
    parser.add_argument("--limit", type=int, default=None, help="the first N articles")
    parser.add_argument("--model", default=None, help="spaCy model (default: kg's)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    parser.add_argument("--audit", type=int, default=0, help="print N dated events to check")
    parser.add_argument("--seed", type=int, default=17, help="the audit's random seed")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also count the undated asserted events whose sentence has a date expression",
    )
    args = parser.parse_args(argv)
    try:
        paths = article_paths(args.paths, args.limit)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not paths:
        print("error: no .txt articles found", file=sys.stderr)
        return 1
    articles = list(_extracted(paths, args.model))
    result = measure(record for _, _, record in articles)
    print(f"events on {result['articles']} articles; shares of asserted events in the last two")
    print("\n".join(report_lines(result)))
    if args.ceiling:
        result["sentence_ceiling"] = sentence_ceiling(articles, args.model)
        print(ceiling_line(result["sentence_ceiling"]))
    if args.audit:
        print("\n".join(audit_lines(dated_asserted(articles), args.audit, args.seed)))
    if args.json is not None:
        atomic_write(args.json, json.dumps(result, indent=2, sort_keys=True) + "\n")
    return 0


def _extracted(paths: list[Path], model: str | None) -> Iterable[tuple[str, Any, dict]]:
    """(text, sentence spans, contract record) of each article, as `kg.extract` reads it."""
    from kg.export.contract import facts_to_json
    from kg.graph.rdf import DEFAULT_BASE_IRI
    from kg.ingest import read_articles
    from kg.pipeline.extraction import analysed_in_order

    for facts in analysed_in_order(read_articles(paths), model=model):
        record = facts_to_json(facts, base_iri=DEFAULT_BASE_IRI)
        yield facts.article.text, facts.sentences, record


if __name__ == "__main__":
    sys.exit(main())
