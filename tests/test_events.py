"""Events and statements (kg.extract.events, kg.extract.statements) on the seed and sentences."""

from __future__ import annotations

import pytest


def events_of(facts, kind: str) -> list:
    return [e for e in facts.events if e.type == kind]


def roles(facts, event) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in facts.entities}
    return {(a.role, names[a.entity]) for a in event.arguments if a.entity}


def test_seed_sentence_of_seleznev_in_the_united_states_in_2017(seed_facts) -> None:
    (sentence,) = events_of(seed_facts, "Justice.Sentence")
    assert ("Defendant", "Roman Seleznev") in roles(seed_facts, sentence)
    assert ("Place", "United States") in roles(seed_facts, sentence)
    assert sentence.date == "2017"
    # two mentions ("has been sentenced", "was sentenced") are one event node
    assert len(sentence.triggers) == 2


def test_seed_arrest_in_the_maldives(seed_facts) -> None:
    arrests = events_of(seed_facts, "Justice.ArrestJailDetain")
    assert any(("Place", "Maldives") in roles(seed_facts, e) for e in arrests)


def test_seed_extradition_to_the_united_states(seed_facts) -> None:
    (extradition,) = events_of(seed_facts, "Justice.Extradite")
    assert ("Destination", "United States") in roles(seed_facts, extradition)
    # "his extradition": the pronoun stands for Seleznev
    assert ("Defendant", "Roman Seleznev") in roles(seed_facts, extradition)


def test_seed_attack_in_morocco_in_2011(seed_facts) -> None:
    attacks = events_of(seed_facts, "Conflict.Attack")
    assert any(("Place", "Morocco") in roles(seed_facts, e) and e.date == "2011" for e in attacks)


def test_seed_statement_by_antonov_on_2019_12_02(seed_facts) -> None:
    statements = [
        e
        for e in events_of(seed_facts, "Contact.Contact")
        if ("Communicator", "Anatoly Antonov") in roles(seed_facts, e)
    ]
    dated = [e for e in statements if e.date == "2019-12-02"]
    assert dated and dated[0].subtype == "Correspondence"
    assert dated[0].quote.startswith("I would like to draw your attention")
    # the event date is kept apart from the publication date, which is the article's
    assert seed_facts.article.date == "2019-12-02"


def test_event_ids_are_unique_and_triggers_in_text_order(seed_facts) -> None:
    ids = [e.id for e in seed_facts.events]
    assert len(ids) == len(set(ids))
    for event in seed_facts.events:
        starts = [t.start for t in event.triggers]
        assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (
            "Police arrested Ivan Petrov in Germany last week.",
            "Justice.ArrestJailDetain",
            {("Detainee", "Ivan Petrov"), ("Place", "Germany")},
        ),
        (
            "Rebels attacked Mosul on Monday.",
            "Conflict.Attack",
            {("Attacker", "Rebels"), ("Target", "Mosul")},
        ),
        (
            "Angela Merkel met Emmanuel Macron in Paris.",
            "Contact.Contact",
            {("Participant", "Angela Merkel"), ("Place", "Paris")},
        ),
    ],
)
def test_sentences_give_their_events(facts_of, text: str, kind: str, expected: set) -> None:
    facts = facts_of(text)
    found = set().union(*(roles(facts, e) for e in events_of(facts, kind)))
    assert expected <= found
