"""bench/dwie_relations.py and bench/wikievents.py score gold against itself perfectly."""

from __future__ import annotations

import json

from bench.dwie import PredictedEntity, PredictedMention, load_documents
from bench.dwie_relations import PredictedRelation, gold_triples, read_relations, score_relations
from bench.wikievents import load_documents as load_wikievents
from bench.wikievents import score as score_events
from kg.model import Event, EventArgument, Span
from tests.conftest import shared_data


def _entity(concept) -> PredictedEntity:
    return PredictedEntity(
        concept.type or "Place",
        concept.name,
        tuple(PredictedMention(m.start, m.end) for m in concept.mentions),
    )


def test_dwie_gold_relations_score_one() -> None:
    data = shared_data("dev/dwie")
    documents = load_documents(data, 5, fold_demonyms=True)
    predictions = {}
    for document in documents:
        by_concept = {c.concept: c for c in document.concepts}
        predictions[document.id] = [
            PredictedRelation(kind, _entity(by_concept[h]), _entity(by_concept[t]))
            for h, kind, t in sorted(gold_triples(document, data / "annos"))
        ]
    overall = score_relations(documents, predictions, data / "annos")["overall"]
    assert overall.gold > 0
    assert overall.precision == overall.recall == 1.0


def test_dwie_relations_map_demonyms_to_their_country() -> None:
    data = shared_data("dev/dwie")
    (document,) = load_documents(data, 1, fold_demonyms=True)
    names = {c.concept: c.name for c in document.concepts}
    kinds = {k for _, k, _ in gold_triples(document, data / "annos")}
    assert "citizenOf" in kinds
    assert all(h in names and t in names for h, _, t in gold_triples(document, data / "annos"))


def test_employed_by_is_read_as_dwies_member_of_unless_strict(tmp_path) -> None:
    # DWIE's member_of covers staff: "a journalist at DW" is a member of DW there
    record = {
        "id": "a1",
        "entities": [
            {
                "id": "e0",
                "type": "Person",
                "name": "Jan Walter",
                "mentions": [{"start": 0, "end": 10}],
            },
            {
                "id": "e1",
                "type": "Organization",
                "name": "DW",
                "mentions": [{"start": 20, "end": 22}],
            },
        ],
        "relations": [{"type": "employedBy", "subject": "e0", "object": "e1"}],
    }
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert [r.type for r in read_relations(path)["a1"]] == ["memberOf"]
    assert read_relations(path, aligned={})["a1"] == []  # employedBy is no scored type


def test_wikievents_gold_events_score_one() -> None:
    documents = load_wikievents(shared_data("dev/wikievents"), 3)
    predictions = {
        d.id: tuple(
            Event(
                id=f"v{i}",
                type=g.type,
                triggers=(Span(*g.trigger),),
                sentences=(0,),
                arguments=tuple(
                    EventArgument(a.role, None, Span(*a.spans[0])) for a in g.arguments if a.spans
                ),
            )
            for i, g in enumerate(d.events)
        )
        for d in documents
    }
    scores = score_events(documents, predictions)
    assert scores["triggers"].f1 == 1.0
    assert scores["arguments"].precision == 1.0


# bench/events_coverage.py: the audit of dated events


def _dated_article(number: int) -> tuple[str, tuple[Span, ...], dict]:
    """An article of two sentences whose arrest is dated by the first and named again in the
    second."""
    text = f"Police arrested Smith{number} on Monday. The arrest surprised many."
    sentences = (Span(0, text.index(".") + 1), Span(text.index(".") + 2, len(text)))
    arrest = {"start": text.index("arrested"), "end": text.index("arrested") + 8}
    again = {"start": text.index("arrest surprised"), "end": text.index(" surprised")}
    event = {
        "type": "Justice.ArrestJailDetain",
        "extractor": "events.trigger_lexicon",
        "factuality": "asserted",
        "date": "2019-12-02",
        "date_evidence": {"start": text.index("Monday"), "end": text.index("Monday") + 6},
        "trigger": arrest,
        "triggers": [arrest, again],
    }
    undated = {**event, "date": None, "date_evidence": None}
    hypothetical = {**event, "factuality": "hypothetical"}
    record = {"id": f"a{number}", "date": "2019-12-04", "events": [event, undated, hypothetical]}
    return text, sentences, record


def test_the_audit_draws_from_dated_asserted_events_only() -> None:
    from bench.events_coverage import dated_asserted

    population = dated_asserted([_dated_article(n) for n in range(3)])
    assert [(record["id"], event["date"]) for _, _, record, event in population] == [
        ("a0", "2019-12-02"),
        ("a1", "2019-12-02"),
        ("a2", "2019-12-02"),
    ]


def test_the_audit_marks_trigger_date_and_other_mentions() -> None:
    from bench.events_coverage import audit_lines, dated_asserted

    population = dated_asserted([_dated_article(0)])
    lines = audit_lines(population, 40)
    assert lines[0] == "audit: 1 of 1 dated asserted events (seed 17)"
    assert "date 2019-12-02 from 'Monday'" in lines[1]
    assert lines[2].strip() == "Police [[arrested]] Smith0 on {{Monday}}."
    assert lines[3].strip() == "also: The [[arrest]] surprised many."


def test_the_audit_sample_is_the_seeds() -> None:
    from bench.events_coverage import audit_lines, dated_asserted

    population = dated_asserted([_dated_article(n) for n in range(30)])
    drawn = audit_lines(population, 5)
    assert drawn == audit_lines(population, 5, seed=17)
    assert len([line for line in drawn if line.startswith(" ") and ". a" in line]) == 5
    names = [line.split()[1] for line in drawn[1:] if line[:4].strip().endswith(".")]
    assert len(set(names)) == 5 and names != [f"a{n}" for n in range(5)]
    assert audit_lines(population, 5, seed=18) != drawn


def test_the_sentence_ceiling_counts_undated_events_with_a_time_in_their_sentence() -> None:
    """The dated arrest counts; the undated one in "Police arrested Smith0 on Monday." has a
    date expression in its sentence and counts; the hypothetical one is not asserted. An
    undated event of a sentence with no time word does not count."""
    from bench.events_coverage import ceiling_line, sentence_ceiling

    text, sentences, record = _dated_article(0)
    later = {**record["events"][1], "trigger": {"start": text.index("arrest surprised")}}
    record = {**record, "events": [*record["events"], later]}
    ceiling = sentence_ceiling([(text, sentences, record)])
    assert ceiling == {
        "asserted": 3,
        "dated": 1,
        "undated_with_date_words": 1,
        "ceiling_share": 0.6667,
    }
    assert ceiling_line(ceiling).endswith("of 3 asserted = 0.667")
