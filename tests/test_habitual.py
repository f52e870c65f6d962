"""kg.extract.habitual: a relative clause in the simple present tells what is usual, not an
event that took place."""

from __future__ import annotations

import pytest

from kg.extract.habitual import habitual


@pytest.fixture(scope="session")
def habitual_of():
    from kg.nlp.load import load_pipeline, model_name

    nlp = load_pipeline(model_name(None))

    def run(text: str, word: str) -> bool:
        return habitual(next(t for t in nlp(text) if t.text == word))

    return run


@pytest.mark.parametrize(
    "text, word",
    [
        ("The iTunes Music Store, which sells digital music, opened in 2003.", "sells"),
        ("Indonesian airlines that buy the plane pay more.", "buy"),
        ("People who sell cars are worried.", "sell"),
    ],
)
def test_a_relative_clause_in_the_simple_present_is_habitual(habitual_of, text, word) -> None:
    assert habitual_of(text, word)


@pytest.mark.parametrize(
    "text, word",
    [
        # the past, the progressive and the perfect tell of occurrences
        ("The store, which sold the tickets, closed.", "sold"),
        ("The troops who are attacking the town came from the north.", "attacking"),
        ("The firm, which has bought its rival, grew.", "bought"),
        # a main clause in the present: a headline or a caption
        ("Aeroflot buys 22 Boeing jets.", "buys"),
        # not a verb of the relative clause
        ("The man who was arrested on Monday sells cars.", "arrested"),
    ],
)
def test_other_clauses_are_not(habitual_of, text, word) -> None:
    assert not habitual_of(text, word)


def test_a_habitual_trigger_makes_no_event(facts_of) -> None:
    text = "Airlines that buy the plane pay a fee. Garuda bought ten planes in 2007."
    facts = facts_of(text)
    triggers = [
        text[t.start : t.end]
        for e in facts.events
        if e.type.startswith("Transaction")
        for t in e.triggers
    ]
    assert triggers == ["bought"]
