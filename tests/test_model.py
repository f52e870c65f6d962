"""kg.model: the facts passed between stages, and how they travel between processes."""

from __future__ import annotations

import pickle

from kg.model import Article, ArticleFacts, Entity, Event, EventArgument, Mention, Span


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
