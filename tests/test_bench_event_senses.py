"""bench/event_senses.py and bench/events_coverage.py: loading, matching and scoring on
tiny hand-made inputs, then the real sentences file through the real extractor."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from bench.event_senses import (
    COLUMNS,
    DEFAULT_DATA,
    NO_EVENT,
    BenchFormatError,
    Prediction,
    article_file,
    error_lines,
    extract_events,
    find_prediction,
    judge,
    load_rows,
    parse_rows,
    score,
    summarise,
    trigger_span,
)
from bench.events_coverage import article_paths, coverage, has_participant, measure
from kg.ingest.text import parse_text
from kg.model import EVENT_TYPES, FACTUALITIES
from tests.conftest import shared_data

HEADER = "\t".join(COLUMNS)
ARREST = "a-1\t2019-12-04\tPolice arrested two men on Monday.\tarrested\t"
ARREST += "Justice.ArrestJailDetain\tasserted\t2019-12-02\tdated"
PHOTOS = "b-1\t2019-12-04\tThe police released photos.\treleased\tnone\t\t\tsense-released"


def _rows(*lines: str):
    return parse_rows("\n".join([HEADER, *lines]) + "\n")


def _event(type_: str, start: int, end: int, factuality="asserted", date=None) -> dict:
    """A contract event as kg.extract gives it, reduced to what the bench reads."""
    return {
        "type": type_,
        "triggers": [{"start": start, "end": end}],
        "factuality": factuality,
        "date": date,
    }


# loading


def test_parse_rows_reads_every_column() -> None:
    (row,) = _rows(ARREST)
    assert (row.id, row.article_date, row.trigger, row.type) == (
        "a-1",
        "2019-12-04",
        "arrested",
        "Justice.ArrestJailDetain",
    )
    assert (row.factuality, row.date, row.category, row.span) == (
        "asserted",
        "2019-12-02",
        "dated",
        (7, 15),
    )


def test_a_none_row_has_no_factuality_or_date() -> None:
    (row,) = _rows(PHOTOS)
    assert (row.type, row.factuality, row.date) == (NO_EVENT, "", "")
    with pytest.raises(BenchFormatError, match="type none"):
        _rows(PHOTOS.replace("none\t\t", "none\tasserted\t"))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Justice.ArrestJailDetain", "Justice.Arrest", "unknown event type"),
        ("\tasserted\t", "\tprobable\t", "unknown factuality"),
        ("\t2019-12-02\t", "\tMonday\t", "is not YYYY"),
        ("2019-12-04", "04/12/2019", "article date"),
        ("\tarrested\t", "\tdetained\t", "not in its sentence"),
        ("\tdated", "\t", "no category"),
        ("\tdated", "\tdated\textra", "columns"),
    ],
)
def test_a_row_outside_the_vocabulary_is_an_error(old: str, new: str, message: str) -> None:
    assert old in ARREST
    with pytest.raises(BenchFormatError, match=message):
        _rows(ARREST.replace(old, new, 1))


def test_duplicate_ids_and_a_wrong_header_are_errors() -> None:
    with pytest.raises(BenchFormatError, match="twice"):
        _rows(ARREST, ARREST)
    with pytest.raises(BenchFormatError, match="header"):
        parse_rows("id\tsentence\n" + ARREST)
    with pytest.raises(BenchFormatError, match="not found"):
        load_rows(Path("/nonexistent/event_sentences.tsv"))


def test_trigger_span_is_the_first_whole_word() -> None:
    sentence = "The misfired shell fell, then troops fired again and fired once more."
    start = sentence.index("troops fired") + len("troops ")
    assert trigger_span(sentence, "fired") == (start, start + len("fired"))
    assert trigger_span(sentence, "fire") is None


def test_article_file_is_read_back_with_its_date_and_sentence() -> None:
    (row,) = _rows(ARREST)
    parsed = parse_text(article_file(row))
    assert (parsed.date, parsed.text) == ("2019-12-04", "Police arrested two men on Monday.")


# matching and scoring


def test_find_prediction_takes_the_event_on_the_trigger_word() -> None:
    (row,) = _rows(ARREST)  # "arrested" is [7, 15)
    arrest = _event("Justice.ArrestJailDetain", 7, 15, date="2019")
    events = [_event("Life.Die", 0, 6), arrest]
    expected = Prediction("Justice.ArrestJailDetain", "asserted", "2019")
    assert find_prediction(row, events) == expected
    assert find_prediction(row, events[:1]) == Prediction(NO_EVENT)


def test_find_prediction_prefers_the_expected_type_among_events_on_the_word() -> None:
    (row,) = _rows(ARREST)
    events = [_event("Life.Die", 7, 15), _event("Justice.ArrestJailDetain", 0, 15)]
    assert find_prediction(row, events).type == "Justice.ArrestJailDetain"
    assert find_prediction(row, events[:1]).type == "Life.Die"


def test_judge_scores_factuality_and_date_only_when_an_event_is_expected() -> None:
    arrest, photos = _rows(ARREST, PHOTOS)
    right = judge(arrest, Prediction("Justice.ArrestJailDetain", "asserted", "2019-12-02"))
    assert right.right and dict(right.fields) == {"type": True, "factuality": True, "date": True}
    undated = judge(arrest, Prediction("Justice.ArrestJailDetain", "asserted", None))
    assert not undated.right and undated.fields["date"] is False
    assert judge(photos, Prediction(NO_EVENT)).right
    wrong = judge(photos, Prediction("Justice.ReleaseParole", "asserted", None))
    assert not wrong.right and dict(wrong.fields) == {
        "type": False,
        "factuality": None,
        "date": None,
    }


def test_summarise_counts_rows_categories_and_fields() -> None:
    rows = _rows(ARREST, PHOTOS)
    events = {"a-1": [_event("Justice.ArrestJailDetain", 7, 15, "negated", "2019-12-02")]}
    verdicts = score(rows, events)
    summary = summarise(verdicts)
    assert summary["rows"] == {"right": 1, "total": 2, "accuracy": 0.5}
    assert list(summary["categories"]) == ["dated", "sense-released"]
    assert summary["categories"]["dated"]["right"] == 0
    assert summary["fields"]["type"] == {"right": 2, "total": 2, "accuracy": 1.0}
    assert summary["fields"]["factuality"] == {"right": 0, "total": 1, "accuracy": 0.0}
    (line,) = error_lines(verdicts)
    assert line.startswith("a-1 [factuality] 'arrested'") and "got Justice" in line


# events_coverage


def test_has_participant_needs_an_entity_outside_place() -> None:
    place = {"role": "Place", "entity": "e1"}
    unnamed = {"role": "Detainee", "entity": None}
    assert not has_participant({"arguments": [place, unnamed]})
    assert has_participant({"arguments": [place, {"role": "Detainee", "entity": "e0"}]})


def test_coverage_shares_of_asserted_events() -> None:
    def event(factuality: str, date: str | None, entity: str | None) -> dict:
        arguments = [{"role": "Victim", "entity": entity}]
        return {"id": "v0", "factuality": factuality, "date": date, "arguments": arguments}

    events = [event("asserted", "2019", "e0"), event("asserted", None, None)]
    events.append(event("negated", "2019", "e0"))
    result = coverage(events)
    assert result["factuality"]["negated"] == {"count": 1, "share": 0.3333}
    assert (result["asserted"], result["asserted_with_participant"]) == (2, 1)
    assert result["asserted_with_date_share"] == 0.5
    with pytest.raises(ValueError, match="unknown factuality"):
        coverage([event("likely", None, None)])


def test_measure_groups_events_by_extractor(tmp_path: Path) -> None:
    said = {"id": "v0", "factuality": "asserted", "date": None, "arguments": []}
    said["extractor"] = "statements.speech_verb"
    result = measure([{"events": [said]}, {"events": []}])
    assert result["articles"] == 2 and result["all"]["events"] == 1
    assert list(result["by_extractor"]) == ["statements.speech_verb"]
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    assert [p.name for p in article_paths([tmp_path])] == ["a.txt", "b.txt"]
    with pytest.raises(FileNotFoundError):
        article_paths([tmp_path / "missing"])


# the real files


def test_the_bench_file_has_the_shape_the_issue_asks_for() -> None:
    """Every row in the closed vocabularies, at least 60 rows, 6 of each category; then the
    whole file through kg.extract: one article per row, and every row gets a verdict."""
    rows = load_rows(DEFAULT_DATA)
    assert len(rows) >= 60
    for row in rows:
        assert row.type in EVENT_TYPES or row.type == NO_EVENT
        assert row.factuality in FACTUALITIES or (row.type == NO_EVENT and not row.factuality)
        if row.date:
            padding = {4: "-01-01", 7: "-01", 10: ""}[len(row.date)]  # year, month, day
            datetime.date.fromisoformat(row.date + padding)
    categories = [row.category for row in rows]
    assert all(categories.count(name) >= 6 for name in categories)
    assert {"negated", "modal", "conditional", "future", "failed-to"} <= set(categories)
    verdicts = score(rows, extract_events(rows))
    assert [v.row.id for v in verdicts] == [row.id for row in rows]
    summary = summarise(verdicts)
    assert summary["rows"]["total"] == len(rows)
    json.dumps(summary)  # the --json output is plain data


def test_events_coverage_on_two_news_sample_articles() -> None:
    import kg

    paths = article_paths([shared_data("news-sample")], limit=2)
    result = measure(kg.extract(paths))
    assert result["articles"] == 2
    assert result["all"]["events"] == sum(g["events"] for g in result["by_extractor"].values())
