"""Line-ups: lines that list people and nothing else."""

from __future__ import annotations

import pytest

from kg.extract.countries import lookup_country
from kg.extract.lineups import lineup_spans


def is_country(text):
    return lookup_country(text) is not None


def names(text, spans):
    return [text[start:end] for start, end in spans]


def test_a_squad_after_its_country():
    text = "Norway : Ola Berg , Per Lund , Kari Dahl ( Jon Moe 77th ) , Odd Strand , Leif Holm .\n"
    people, heads = lineup_spans(text, is_country)
    assert names(text, people) == [
        "Ola Berg",
        "Per Lund",
        "Kari Dahl",
        "Jon Moe",
        "Odd Strand",
        "Leif Holm",
    ]
    assert names(text, heads) == ["Norway"]


def test_shirt_numbers_particles_and_surnames_alone():
    text = "Chile - 1 - Ana Soto , 2 - Luis de Vries , 3 - Paz , 4 - Tomas van der Berg\n"
    people, heads = lineup_spans(text, is_country)
    assert names(text, people) == ["Ana Soto", "Luis de Vries", "Paz", "Tomas van der Berg"]
    assert names(text, heads) == ["Chile"]


def test_a_heading_that_is_not_a_country_names_no_one():
    text = (
        "Bowling : Ola Berg 10-0-50-0 , Per Lund 9-0-54-1 , Kari Dahl 4-0-25-0 , Odd Lie 2-0-9-1\n"
    )
    people, heads = lineup_spans(text, is_country)
    assert names(text, people) == ["Ola Berg", "Per Lund", "Kari Dahl", "Odd Lie"]
    assert heads == []


@pytest.mark.parametrize(
    "line",
    [
        # running text: lowercase words between the names
        "Ola Berg , Per Lund , Kari Dahl and Odd Strand met in Oslo on Friday .",
        # a list of countries is not a list of people
        "Norway , Sweden , Denmark , Finland , Iceland",
        # too few names for a list
        "Ola Berg , Per Lund",
        # a sentence's words after the names
        "Ola Berg , Per Lund , Kari Dahl , Odd Strand , they all took part",
    ],
)
def test_lines_that_are_not_lineups(line):
    people, heads = lineup_spans(line + "\n", is_country)
    assert people == [] and heads == []


def test_listed_players_become_people(facts_of):
    facts = facts_of(
        "Squads for Sunday:\nNorway : Ola Berg , Per Lund , Kari Dahl , Odd Strand , Leif Holm .\n"
    )
    types = {e.name: e.type for e in facts.entities}
    assert types.get("Ola Berg") == types.get("Leif Holm") == "Person"
    assert types.get("Norway") == "Country"
