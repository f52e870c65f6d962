"""The argument rules of kg.extract.event_arguments that tests/test_events.py
(ARGUMENT_RULES) does not reach: one sentence each, through the whole pipeline."""

from __future__ import annotations

import pytest


def spans(facts, kind: str) -> set[tuple[str, str]]:
    """(role, words) of every argument of the events of one type, named or not."""
    text = facts.article.text
    return {
        (a.role, text[a.evidence.start : a.evidence.end])
        for e in facts.events
        if e.type == kind
        for a in e.arguments
    }


# (sentence, event type, arguments it must give, arguments it must not give)
RULES = [
    # passive agent: the "by" phrase of a verb acts
    (
        "Seleznev was arrested by the police.",
        "Justice.ArrestJailDetain",
        {("Jailer", "the police"), ("Detainee", "Seleznev")},
        {("Detainee", "the police")},
    ),
    # a journey's object is where it went, unless the verb moves its object
    (
        "The army deployed troops to the border.",
        "Movement.Transportation",
        {("PassengerArtifact", "troops"), ("Destination", "the border")},
        {("Destination", "troops")},
    ),
    (
        "The president travelled the country.",
        "Movement.Transportation",
        {("Transporter", "The president"), ("Destination", "the country")},
        {("PassengerArtifact", "the country")},
    ),
    # what explodes is the device, weapon or not
    (
        "A truck exploded near the embassy.",
        "Conflict.Attack",
        {("ExplosiveDevice", "A truck")},
        {("Attacker", "A truck")},
    ),
    # the "of" and "by" phrases of an event noun
    (
        "The arrest of Seleznev shocked Russia.",
        "Justice.ArrestJailDetain",
        {("Detainee", "Seleznev")},
        set(),
    ),
    (
        "The attack by rebels killed two people.",
        "Conflict.Attack",
        {("Attacker", "rebels")},
        set(),
    ),
    # "crimes of treason" name the crime, not its victim
    (
        "He was accused of crimes of treason.",
        "GenericCrime.GenericCrime",
        set(),
        {("Victim", "treason")},
    ),
    # a name before an event noun is its agent, a weapon its weapon
    (
        "The Russian attack on Kiev began at dawn.",
        "Conflict.Attack",
        {("Attacker", "Russian"), ("Target", "Kiev")},
        set(),
    ),
    (
        "A car bomb attack hit the market.",
        "Conflict.Attack",
        {("ExplosiveDevice", "car bomb")},
        {("Attacker", "car bomb")},
    ),
    # an adjective's subject, and the noun it describes, are its patient
    ("Two people were injured.", "Life.Injure", {("Victim", "Two people")}, set()),
    (
        "The injured man was taken to hospital.",
        "Life.Injure",
        {("Victim", "The injured man")},
        set(),
    ),
    # the noun a participle describes, and the members of an "including" list
    (
        "Seleznev, jailed in the US, wrote a letter.",
        "Justice.ArrestJailDetain",
        {("Detainee", "Seleznev")},
        set(),
    ),
    (
        "Ten people were arrested, including Eva Forest.",
        "Justice.ArrestJailDetain",
        {("Detainee", "Ten people"), ("Detainee", "Eva Forest")},
        set(),
    ),
    # an event noun's place may sit in the clause it is the subject of
    (
        "The attack took place in Strasbourg.",
        "Conflict.Attack",
        {("Place", "Strasbourg")},
        set(),
    ),
]


@pytest.mark.parametrize(("text", "kind", "present", "absent"), RULES)
def test_argument_rule(facts_of, text: str, kind: str, present: set, absent: set) -> None:
    found = spans(facts_of(text), kind)
    assert present <= found, f"missing {present - found}; found {found}"
    assert not absent & found
