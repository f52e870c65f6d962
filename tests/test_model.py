"""kg.model: the facts passed between stages, and how they travel between processes."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from kg.model import (
    ENTITY_TYPES,
    EVENT_SUBTYPES,
    EVENT_TYPE_ROLES,
    EVENT_TYPES,
    RELATION_TYPES,
    Article,
    ArticleFacts,
    Entity,
    Event,
    EventArgument,
    Mention,
    Span,
)


def test_facts_come_back_from_pickle_equal_and_of_the_same_classes(seed_facts):
    back = pickle.loads(pickle.dumps(seed_facts, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == seed_facts
    assert type(back.entities[0].mentions[0]) is Mention
    assert [type(e) for e in back.events] == [type(e) for e in seed_facts.events]


def test_every_field_survives_pickle_defaults_and_all():
    mention = Mention(0, 3, "Ann", 0, kind="nominal")
    facts = ArticleFacts(
        article=Article(id="a", text="Ann", title="T", date="2020-01-02", url="u"),
        sentences=(Span(0, 3),),
        entities=(Entity("e0", "Person", "Ann", (mention,), aliases=("A",)),),
        events=(
            Event(
                id="v0",
                type="Life.Die",
                triggers=(Span(0, 3),),
                sentences=(0,),
                arguments=(EventArgument("Victim", "e0", Span(0, 3)),),
                date="2020",
            ),
        ),
    )
    back = pickle.loads(pickle.dumps(facts))
    assert back == facts
    assert back.entities[0].mentions[0].kind == "nominal"
    assert back.events[0].arguments[0].entity == "e0"


def test_the_seed_facts_use_only_the_closed_vocabulary(seed_facts):
    assert {e.type for e in seed_facts.entities} <= set(ENTITY_TYPES)
    assert {r.type for r in seed_facts.relations} <= set(RELATION_TYPES)
    assert seed_facts.events
    for event in seed_facts.events:
        assert event.type in EVENT_TYPES
        assert event.subtype is None or event.subtype in EVENT_SUBTYPES[event.type]
        assert {a.role for a in event.arguments} <= set(EVENT_TYPE_ROLES[event.type])


@pytest.mark.parametrize("module", ["kg.model", "kg.graph.rdf"])
def test_the_vocabulary_needs_no_extractor(module: str) -> None:
    # kg.model is below kg.extract: the extractors import the vocabulary, never the reverse
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if 'kg.extract' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
