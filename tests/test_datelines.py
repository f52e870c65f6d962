"""Dateline places: "MOSCOW 1996-08-30", "KHASAVYURT , Russia 1996-08-31"."""

from __future__ import annotations

import pytest

from kg.extract.datelines import dateline_places


def names(text, spans):
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("line", "places"),
    [
        ("BUCHAREST 1996-08-30", ["BUCHAREST"]),
        ("THE HAGUE 1996-08-30", ["THE HAGUE"]),
        ("KHASAVYURT , Russia 1996-08-31", ["KHASAVYURT", "Russia"]),
        ("IRVINE , Calif 1996-08-30", ["IRVINE", "Calif"]),
        ("AL-RAM , West Bank 1996-08-30", ["AL-RAM", "West Bank"]),
        ("MOSCOW, Dec 2", ["MOSCOW"]),
        # a date with a weekday or a month is no place
        ("FRIDAY , AUGUST 30", []),
        ("MAY 1996-08-30", []),
        # more words after the date: a sentence, not a dateline
        ("MOSCOW 1996-08-30 was a Friday", []),
        # a place in running text, lowercase words around it
        ("He flew to Moscow 1996-08-30", []),
    ],
)
def test_dateline_places(line, places):
    text = f"HEADLINE OF THE STORY\n{line}\nThe story begins here."
    assert names(text, dateline_places(text)) == places


def test_dateline_place_is_a_place_and_its_region_a_country(facts_of):
    facts = facts_of("FLOODS CLOSE ROADS\nTAVILDARA , Tajikistan 1996-08-30\nRoads were closed.")
    types = {e.name: e.type for e in facts.entities}
    assert types.get("Tavildara") == "Place"
    assert types.get("Tajikistan") == "Country"
