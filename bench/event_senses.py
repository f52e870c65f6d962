"""Score newskg's event sense, factuality and date on hand-written news sentences.

    python -m bench.event_senses [--show-errors] [--json PATH] [--data TSV] [--model NAME]

Data. `bench/data/event_sentences.tsv`: one news sentence a row, written for this bench
(not taken from any corpus, and kept apart from the extractor's own rule tests, so it
measures how the rules generalise). Each row names one word of its sentence, the trigger
(its first occurrence is the one under test), and what the extractor should make of it:
an event type of kg.model.EVENT_TYPES, or `none` when the word must make no event ("the
police released photos"); the factuality ("did not arrest": negated, "may visit":
hypothetical); and the date, ISO at year, month or day precision ("yesterday" in an article
of 2019-12-04: 2019-12-03), empty when the sentence gives none. Categories group the rows
by what they test (negated, modal, conditional, future, threatened, denied-alleged,
failed-to, the four sense pairs, dated).

Run. Each sentence becomes one article file in the news-sample layout (title, date line,
URL, blank line, body), so the article date is read as `kg build` reads it; `kg.extract`
runs once over all of them (one model load).

Scoring. The predicted event of a row is the event one of whose triggers overlaps the
trigger word; when several do, the one of the expected type, else the first. Fields:
`type` is right when the predicted type equals the expected one, `none` meaning no event
on the word; `factuality` and `date` are scored on rows that expect an event (a missing
event gets both wrong) and are right when equal to the expected value, an empty expected
date meaning the event must have no date. A row is right when every field it is scored
on is right. The issue's target: 90% of rows right.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.export.atomic import atomic_write  # noqa: E402
from kg.model import EVENT_TYPES, FACTUALITIES  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "event_sentences.tsv"
COLUMNS = ("id", "article_date", "sentence", "trigger", "type", "factuality", "date", "category")
NO_EVENT = "none"
FIELDS = ("type", "factuality", "date")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_ROW_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class BenchFormatError(ValueError):
    """The sentences file does not have the shape this benchmark relies on."""


@dataclass(frozen=True)
class Row:
    """One sentence of the bench with the event its trigger word should (not) make."""

    id: str
    article_date: str
    sentence: str
    trigger: str
    type: str  # one of EVENT_TYPES, or NO_EVENT
    factuality: str  # one of FACTUALITIES; "" when type is NO_EVENT
    date: str  # ISO "2017", "2019-11", "2019-12-03"; "" for no date
    category: str

    @property
    def span(self) -> tuple[int, int]:
        """`[start, end)` of the trigger's first occurrence as a whole word."""
        found = trigger_span(self.sentence, self.trigger)
        if found is None:
            raise BenchFormatError(f"{self.id}: trigger {self.trigger!r} not in its sentence")
        return found


@dataclass(frozen=True)
class Prediction:
    """What the extractor made of a row's trigger word."""

    type: str  # an event type, or NO_EVENT
    factuality: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Verdict:
    """A row, its prediction, and which scored fields are right (None: not scored)."""

    row: Row
    prediction: Prediction
    fields: Mapping[str, bool | None]

    @property
    def right(self) -> bool:
        return all(value is not False for value in self.fields.values())


def trigger_span(sentence: str, trigger: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of `trigger`: "fired" in "He fired the misfired
    gun" is the word at 3, never the tail of "misfired"."""
    match = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", sentence)
    return None if match is None else match.span()


def _check_iso_day(value: str, where: str) -> None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError as error:
        raise BenchFormatError(f"{where}: article date {value!r} is not YYYY-MM-DD") from error


def _check_row(row: Row, where: str) -> None:
    """Reject a row outside the closed vocabularies: an unknown type, factuality or date."""
    if not _ROW_ID.fullmatch(row.id):
        raise BenchFormatError(f"{where}: id {row.id!r} is not lowercase letters, digits, -")
    _check_iso_day(row.article_date, where)
    if row.type != NO_EVENT and row.type not in EVENT_TYPES:
        raise BenchFormatError(f"{where}: unknown event type {row.type!r}")
    if row.type == NO_EVENT and (row.factuality or row.date):
        raise BenchFormatError(f"{where}: a row of type none has no factuality or date")
    if row.type != NO_EVENT and row.factuality not in FACTUALITIES:
        raise BenchFormatError(f"{where}: unknown factuality {row.factuality!r}")
    if row.date and not _ISO_DATE.fullmatch(row.date):
        raise BenchFormatError(f"{where}: date {row.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if not row.category:
        raise BenchFormatError(f"{where}: no category")
    row.span  # noqa: B018 -- raises when the trigger is not a word of the sentence


def parse_rows(text: str, source: str = "<text>") -> tuple[Row, ...]:
    """The rows of a sentences file's text, each checked; ids must be unique."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise BenchFormatError(f"{source}: the header must be {' '.join(COLUMNS)}")
    rows: list[Row] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        where = f"{source}:{number}"
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise BenchFormatError(f"{where}: {len(cells)} columns, not {len(COLUMNS)}")
        row = Row(*(cell.strip() for cell in cells))
        _check_row(row, where)
        if row.id in seen:
            raise BenchFormatError(f"{where}: id {row.id!r} twice")
        seen.add(row.id)
        rows.append(row)
    return tuple(rows)


def load_rows(path: Path = DEFAULT_DATA) -> tuple[Row, ...]:
    """The bench's rows from a TSV file (bench/data/event_sentences.tsv by default)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise BenchFormatError(f"{path}: not found") from error
    return parse_rows(text, str(path))


def article_file(row: Row) -> str:
    """A row as a file in the news-sample layout, so its article date is read as in a build."""
    return f"Event bench {row.id}\n{row.article_date}\nhttps://example.org/{row.id}\n\n{row.sentence}\n"


def extract_events(rows: Sequence[Row], model: str | None = None) -> dict[str, list[dict]]:
    """The contract events of each row's one-sentence article, by row id."""
    import kg

    with tempfile.TemporaryDirectory(prefix="event-senses-") as folder:
        paths = []
        for row in rows:
            path = Path(folder) / f"{row.id}.txt"
            path.write_text(article_file(row), encoding="utf-8")
            paths.append(path)
        records = list(kg.extract(paths, model=model))
    by_id = {record["id"]: record["events"] for record in records}
    missing = [row.id for row in rows if row.id not in by_id]
    if missing:
        raise RuntimeError(f"kg.extract gave no article for rows {', '.join(missing)}")
    return by_id


def find_prediction(row: Row, events: Iterable[Mapping[str, Any]]) -> Prediction:
    """The event on the row's trigger word; in "Police released photos", no event: NO_EVENT."""
    start, end = row.span
    on_word = [
        event
        for event in events
        if any(t["start"] < end and start < t["end"] for t in event["triggers"])
    ]
    if not on_word:
        return Prediction(NO_EVENT)
    chosen = next((e for e in on_word if e["type"] == row.type), on_word[0])
    return Prediction(chosen["type"], chosen.get("factuality"), chosen.get("date"))


def judge(row: Row, prediction: Prediction) -> Verdict:
    """Which fields of the prediction are right; factuality and date only when an event is
    expected ("Senators killed the bill": type alone, which must be none)."""
    fields: dict[str, bool | None] = {"type": prediction.type == row.type}
    expects_event = row.type != NO_EVENT
    fields["factuality"] = prediction.factuality == row.factuality if expects_event else None
    fields["date"] = prediction.date == (row.date or None) if expects_event else None
    return Verdict(row, prediction, fields)


def _share(right: int, total: int) -> dict[str, float | int]:
    return {"right": right, "total": total, "accuracy": round(right / total, 4) if total else 0.0}


def summarise(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """Rows right overall and per category (sorted by name), and each field right."""
    categories: dict[str, list[Verdict]] = {}
    for verdict in sorted(verdicts, key=lambda v: v.row.category):
        categories.setdefault(verdict.row.category, []).append(verdict)
    fields = {}
    for name in FIELDS:
        scored = [v.fields[name] for v in verdicts if v.fields[name] is not None]
        fields[name] = _share(sum(scored), len(scored))
    return {
        "rows": _share(sum(v.right for v in verdicts), len(verdicts)),
        "categories": {
            name: _share(sum(v.right for v in group), len(group))
            for name, group in categories.items()
        },
        "fields": fields,
    }


def score(rows: Sequence[Row], events: Mapping[str, list[dict]]) -> list[Verdict]:
    """A verdict per row, in the rows' order."""
    return [judge(row, find_prediction(row, events.get(row.id, ()))) for row in rows]


def _describe(value: str | None) -> str:
    return value if value else "-"


def error_lines(verdicts: Sequence[Verdict]) -> list[str]:
    """One line per wrong row: expected and predicted type / factuality / date."""
    lines = []
    for verdict in verdicts:
        if verdict.right:
            continue
        row, got = verdict.row, verdict.prediction
        wrong = ",".join(name for name, ok in verdict.fields.items() if ok is False)
        lines.append(
            f"{row.id} [{wrong}] {row.trigger!r}: expected {row.type} "
            f"{_describe(row.factuality)} {_describe(row.date)}; got {got.type} "
            f"{_describe(got.factuality)} {_describe(got.date)}\n    {row.sentence}"
        )
    return lines


def report_lines(summary: Mapping[str, Any]) -> list[str]:
    """The printed table: rows right overall, per category, per field."""

    def line(name: str, share: Mapping[str, Any]) -> str:
        return f"{name:22} {share['right']:4d} / {share['total']:<4d} {share['accuracy']:6.3f}"

    lines = [f"{'':22} {'right':>4} / {'all':<4} {'acc':>6}", line("rows", summary["rows"])]
    lines += [line(f"  {name}", share) for name, share in summary["categories"].items()]
    lines += [line(f"field {name}", share) for name, share in summary["fields"].items()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the sentences TSV")
    parser.add_argument("--model", default=None, help="spaCy model (default: kg's)")
    parser.add_argument("--show-errors", action="store_true", help="list the wrong rows")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    try:
        rows = load_rows(args.data)
    except BenchFormatError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    verdicts = score(rows, extract_events(rows, args.model))
    summary = summarise(verdicts)
    print(f"event senses, factuality and dates: {len(rows)} sentences ({args.data.name})")
    print("\n".join(report_lines(summary)))
    if args.show_errors:
        print("\nwrong rows:")
        print("\n".join(error_lines(verdicts)) or "none")
    if args.json is not None:
        summary["errors"] = [
            {
                "id": v.row.id,
                "expected": [v.row.type, v.row.factuality or None, v.row.date or None],
                "predicted": [v.prediction.type, v.prediction.factuality, v.prediction.date],
            }
            for v in verdicts
            if not v.right
        ]
        atomic_write(args.json, json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
