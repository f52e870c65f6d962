"""Names on results lines: teams, national teams, listed athletes."""

from __future__ import annotations

import pytest

from kg.extract.countries import lookup_country
from kg.extract.results import athlete_spans, beaten_spans, team_spans


def names(text, spans):
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("line", "teams"),
    [
        ("Ayr 6 Berwick 0", ["Ayr", "Berwick"]),
        ("San Francisco 6 NEW YORK 4", ["San Francisco", "NEW YORK"]),
        ("BOSTON 69 65 .515 5 1/2", ["BOSTON"]),
        ("Stoke 4 3 1 0 7 4 10", ["Stoke"]),
        ("Birmingham v Barnsley", ["Birmingham", "Barnsley"]),
        # the second name of an "AT" fixture is the venue, not a team
        ("MINNESOTA AT MILWAUKEE", ["MINNESOTA"]),
        # running text is not a results line
        ("Boston won 6 of its 10 games in May.", []),
    ],
)
def test_team_spans(line, teams):
    text = f"Results on Sunday:\n{line}\nMore later."
    assert names(text, team_spans(text)) == teams


def test_beaten_spans_marks_both_sides():
    text = "At The Oval: Surrey beat Warwickshire by an innings."
    assert names(text, beaten_spans(text)) == ["Surrey", "Warwickshire"]


def test_athletes_are_listed_with_a_country_or_by_initials():
    text = (
        "3. Carla Sacramento ( Portugal ) 4:08.96\n"
        "S. Waugh b Warne 22\n"
        "The U.S. Army said nothing.\n"
    )
    found = names(text, athlete_spans(text, lambda t: lookup_country(t) is not None))
    assert found == ["Carla Sacramento", "S. Waugh"]


def test_teams_on_results_lines_become_organisations(facts_of):
    facts = facts_of("Scottish league results:\nAyr 6 Berwick 0\nClyde 0 Dumbarton 2\n")
    types = {e.name: e.type for e in facts.entities}
    assert types["Ayr"] == types["Dumbarton"] == "Organization"


def test_national_teams_stay_countries(facts_of):
    facts = facts_of("World Cup qualifier:\nGermany 2 Armenia 0\n")
    assert {e.iso3 for e in facts.entities} >= {"DEU", "ARM"}
