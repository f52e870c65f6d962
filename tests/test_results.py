"""Names on results lines: teams, national teams, listed athletes."""

from __future__ import annotations

import pytest

from kg.extract.countries import lookup_country
from kg.extract.results import athlete_spans, beaten_spans, team_spans, venue_spans


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
        # cricket scorecards, with or without the ground, the scorers and a second innings
        ("At Hove : Sussex 363 and 144 , Lancashire 218 and 53-0 .", ["Sussex", "Lancashire"]),
        (
            "Bristol : Kent 183 and 185-6 ( J. Russell 56 not out ) , Essex 190 ( K. Curran 52 )",
            ["Kent", "Essex"],
        ),
        ("At Leeds : Yorkshire beat Essex by nine wickets .", ["Yorkshire", "Essex"]),
        ("Surrey 24 points , Kent 5 .", ["Surrey", "Kent"]),
        # running text is not a results line
        ("Boston won 6 of its 10 games in May.", []),
        ("At Leeds : Yorkshire beat the odds and survived .", []),
        ("Sussex 363 and 144 runs were needed , Kent said .", []),
    ],
)
def test_team_spans(line, teams):
    text = f"Results on Sunday:\n{line}\nMore later."
    assert names(text, team_spans(text)) == teams


def test_venue_spans_are_the_grounds_opening_a_scorecard():
    text = (
        "At Headingley ( Leeds ) : Yorkshire 290 and 329 , Essex 372 and 100-5 .\n"
        "At Hove : Sussex beat Kent by an innings and 39 runs .\n"
        "At Hove : the rain stopped play .\n"
    )
    assert names(text, venue_spans(text)) == ["Headingley", "Leeds", "Hove"]


def test_beaten_spans_marks_both_sides():
    text = "At The Oval: Surrey beat Warwickshire by an innings."
    assert names(text, beaten_spans(text)) == ["Surrey", "Warwickshire"]


def test_athletes_are_listed_with_a_country_or_by_initials():
    text = (
        "3. Carla Sacramento ( Portugal ) 4:08.96\n"
        "S. Waugh b Warne 22\n"
        "P. DeFreitas 4-70 , M. McCague 4-55 , T.O'Gorman 109\n"
        "The U.S. Army said nothing.\n"
    )
    found = names(text, athlete_spans(text, lambda t: lookup_country(t) is not None))
    assert found == ["Carla Sacramento", "S. Waugh", "P. DeFreitas", "M. McCague", "T.O'Gorman"]


def test_teams_on_results_lines_become_organisations(facts_of):
    facts = facts_of("Scottish league results:\nAyr 6 Berwick 0\nClyde 0 Dumbarton 2\n")
    types = {e.name: e.type for e in facts.entities}
    assert types["Ayr"] == types["Dumbarton"] == "Organization"


def test_national_teams_stay_countries(facts_of):
    facts = facts_of("World Cup qualifier:\nGermany 2 Armenia 0\n")
    assert {e.iso3 for e in facts.entities} >= {"DEU", "ARM"}


def test_scorecard_sides_are_teams_and_the_ground_a_place(facts_of):
    facts = facts_of("County scores:\nAt Hove : Sussex 363 and 144 , Lancashire 218 and 53-0 .\n")
    types = {e.name: e.type for e in facts.entities}
    assert types.get("Sussex") == types.get("Lancashire") == "Organization"
    assert types.get("Hove") == "Place"
