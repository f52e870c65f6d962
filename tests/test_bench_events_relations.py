"""bench/dwie_relations.py and bench/wikievents.py score gold against itself perfectly."""

from __future__ import annotations

from bench.dwie import PredictedEntity, PredictedMention, load_documents
from bench.dwie_relations import PredictedRelation, gold_triples, score_relations
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
