"""Short forms joining the one longer name they stand for: one case per rule of
kg.extract.entities._join_short_forms, on hand-made mentions (no spaCy model)."""

from __future__ import annotations

import pytest

from kg.extract.entities import group_mentions
from kg.extract.mentions import Candidate

_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place"}


def _groups(mentions: list[tuple[str, str]]) -> list[list[str]]:
    candidates = [
        Candidate(100 * i, 100 * i + len(text), text, label, _TYPES[label], i)
        for i, (text, label) in enumerate(mentions)
    ]
    return [sorted({m.text for m in c.mentions}) for c in group_mentions(candidates)]


@pytest.mark.parametrize(
    ("mentions", "groups"),
    [
        # a surname said after the full name
        (
            [("Roman Seleznev", "PERSON"), ("Seleznev", "PERSON")],
            [["Roman Seleznev", "Seleznev"]],
        ),
        # a given name, when no full name ends with it
        (
            [("Hillary Clinton", "PERSON"), ("Hillary", "PERSON")],
            [["Hillary", "Hillary Clinton"]],
        ),
        # surnames first: "Jordan" after "Michael Jordan" and "Jordan Peterson" is Michael
        (
            [("Michael Jordan", "PERSON"), ("Jordan Peterson", "PERSON"), ("Jordan", "PERSON")],
            [["Jordan", "Michael Jordan"], ["Jordan Peterson"]],
        ),
        # a full name without its middle initial
        (
            [("George W. Bush", "PERSON"), ("George Bush", "PERSON")],
            [["George Bush", "George W. Bush"]],
        ),
        # a surname that spaCy called a person, of a full name it called an organisation
        (
            [("Viktor Orban", "ORG"), ("Orban", "PERSON")],
            [["Orban", "Viktor Orban"]],
        ),
        # an organisation's name without its qualifier
        (
            [("Russian Foreign Ministry", "ORG"), ("Foreign Ministry", "ORG")],
            [["Foreign Ministry", "Russian Foreign Ministry"]],
        ),
        # a head noun that ends one organisation's name
        (
            [("Russian Embassy", "ORG"), ("Embassy", "ORG")],
            [["Embassy", "Russian Embassy"]],
        ),
        # an acronym of one organisation's name
        (
            [("European Central Bank", "ORG"), ("ECB", "ORG")],
            [["ECB", "European Central Bank"]],
        ),
        # ambiguous short forms stay apart
        (
            [("George Bush", "PERSON"), ("Laura Bush", "PERSON"), ("Bush", "PERSON")],
            [["George Bush"], ["Laura Bush"], ["Bush"]],
        ),
        (
            [("US Embassy", "ORG"), ("Russian Embassy", "ORG"), ("Embassy", "ORG")],
            [["US Embassy"], ["Russian Embassy"], ["Embassy"]],
        ),
        # a one-word person joins a name shaped like a person's, not a club's
        (
            [("FC Barcelona", "ORG"), ("Barcelona", "PERSON")],
            [["FC Barcelona"], ["Barcelona"]],
        ),
    ],
)
def test_short_forms(mentions: list[tuple[str, str]], groups: list[list[str]]) -> None:
    assert _groups(mentions) == groups
