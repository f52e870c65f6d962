"""The duplicates benchmark: its pair-by-pair check, and its agreement with the report."""

from __future__ import annotations

import pytest

from bench.duplicates import (
    check_pairs,
    nodes_named,
    pair_reason,
    pairwise_duplicates,
    report_pairs,
)
from kg.model import Node


def node(type_: str, label: str, *aliases: str) -> Node:
    """A node named `label`, keyed by its type and label."""
    return Node(f"{type_.lower()}/{label.lower()}", type_, label, aliases, ())


def org(label: str, *aliases: str) -> Node:
    return node("Organization", label, *aliases)


def person(label: str, *aliases: str) -> Node:
    return node("Person", label, *aliases)


def place(label: str) -> Node:
    return node("Place", label)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (person("Roman Seleznev"), person("The Roman Seleznev"), "same name"),
        (person("Antonov"), person("Anatoly Antonov", "Antonov"), "alias"),
        (person("George Bush", "Bush"), person("Laura Bush", "Bush"), "shared alias"),
        (org("IAEA"), org("International Atomic Energy Agency"), "acronym"),
        (place("East L.A."), place("East Los Angeles"), "abbreviation"),
        (place("Washington D.C."), place("Washington District of Columbia"), "abbreviation"),
        (org("Acme Corp."), org("Acme Corporation"), "abbreviation"),
        (org("Northrop"), org("Northrop Grumman"), "extension"),
        (person("Wolfowitz"), person("Paul Wolfowitz"), "extension"),
    ],
)
def test_each_kind_of_pair_counts(a: Node, b: Node, reason: str) -> None:
    assert pair_reason(a, b) == reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (org("GE"), org("GM Europe")),  # "GM" is one word of its own
        (org("U.N."), org("University of NSW")),  # so is "NSW"
        (place("West L.A."), place("East Los Angeles")),
        (org("Bank"), org("Bank of America")),  # a common word
        (org("US"), org("US Army")),  # a country
        (org("Air Force"), org("Royal Air Force")),  # only a person's name ends the longer
    ],
)
def test_pairs_that_do_not_count(a: Node, b: Node) -> None:
    assert pair_reason(a, b) is None


NAMES = [
    org("Northrop"),
    org("Northrop Grumman"),
    org("U.S. Treasury", "Treasury"),
    org("U.S. Treasury Department"),
    org("IAEA"),
    org("International Atomic Energy Agency"),
    org("U.N."),
    org("United Nations", "UN"),
    org("University of NSW"),
    org("Bank"),
    org("Bank of America"),
    org("US Army"),
    org("US"),
    place("East L.A."),
    place("East Los Angeles"),
    place("Paris"),
    place("Paris Charles de Gaulle"),
    person("Paris Hilton"),
    person("M. Sears"),
    person("Michael Sears"),
    person("Bush"),
    person("W. Bush", "Bush"),
    person("Laura Bush", "Bush"),
]


def test_the_pairwise_check_agrees_with_the_report() -> None:
    mine = pairwise_duplicates(NAMES)
    assert mine == report_pairs(NAMES)
    assert [(a, b) for _, a, b, reason in mine if reason == "extension"] == [
        ("organization/northrop", "organization/northrop grumman"),
        ("organization/u.s. treasury", "organization/u.s. treasury department"),
    ]
    # Bank, US, Paris and Paris Hilton pair with nothing.
    assert [reason for *_, reason in mine] == [
        "acronym",  # IAEA
        "extension",  # Northrop
        "acronym",  # U.N.
        "extension",  # U.S. Treasury
        "alias",  # Bush / Laura Bush
        "alias",  # Bush / W. Bush
        "shared alias",  # Laura Bush / W. Bush
        "abbreviation",  # M. Sears
        "abbreviation",  # East L.A.
    ]


def test_the_pairs_of_issue_17_are_checked_joined_or_apart() -> None:
    nodes = [
        org("Northrop Grumman", "Northrop"),
        org("U.S. Treasury"),
        org("U.S. Treasury Department"),
        place("Washington"),
        place("Washington D.C."),
        org("Apple Inc.", "Apple Corps"),
        place("East Los Angeles"),
    ]
    states = {(a[1], b[1]): state for state, a, b in check_pairs(nodes)}
    assert states[("Northrop", "Northrop Grumman")] == "joined"
    assert states[("U.S. Treasury", "U.S. Treasury Department")] == "split"
    assert states[("East L.A.", "East Los Angeles")] == "absent"
    assert states[("Washington", "Washington D.C.")] == "apart"
    assert states[("Apple Inc.", "Apple Corps")] == "JOINED"
    # a name of another type is another node
    assert nodes_named(nodes, ("Place", "Northrop")) == set()
    assert nodes_named(nodes, ("Organization", "The Northrop")) == {"organization/northrop grumman"}
