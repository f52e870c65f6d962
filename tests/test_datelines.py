"""Dateline places: "MOSCOW 1996-08-30", "KHASAVYURT , Russia 1996-08-31",
"SALVADOR, Feb 26 - ..."."""

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


@pytest.mark.parametrize(
    ("opening", "places"),
    [
        ("SALVADOR, Feb 26 - Showers continued.", ["SALVADOR"]),
        ("SAN ANTONIO, TEX., MARCH 6 - Valero said.", ["SAN ANTONIO", "TEX."]),
        ("CALGARY, Alberta, March 19 - Trizec said.", ["CALGARY", "Alberta"]),
        ("MOSCOW, Dec 2 (Reuters) - The Kremlin said.", ["MOSCOW"]),
        # a weekday before the date is no place
        ("FRIDAY, March 6 - Shares fell.", []),
        # lowercase words: a sentence with a date and a dash, not a dateline
        ("He said, March 3 - the day before - that it fell.", []),
        # no date before the dash
        ("NEW YORK - Shares fell.", []),
    ],
)
def test_opening_dateline_places(opening, places):
    text = f"{opening}\n\nThe story goes on."
    assert names(text, dateline_places(text)) == places


def test_an_opening_dateline_is_the_articles_dateline_place(facts_of):
    facts = facts_of("SALVADOR, Feb 26 - Comissaria Smith said Bahia farmers sold cocoa.")
    [salvador] = [e for e in facts.entities if e.name == "Salvador"]
    assert salvador.type == "Place"
    assert [m.dateline for m in salvador.mentions] == [True]
    # the other names of the sentence are no dateline
    assert all(not m.dateline for e in facts.entities if e is not salvador for m in e.mentions)


def test_a_place_opening_a_sentence_is_no_dateline(facts_of):
    facts = facts_of("Salvador, the capital of Bahia, saw showers on Feb 26.")
    assert all(not m.dateline for e in facts.entities for m in e.mentions)


def test_dateline_place_is_a_place_and_its_region_a_country(facts_of):
    facts = facts_of("FLOODS CLOSE ROADS\nTAVILDARA , Tajikistan 1996-08-30\nRoads were closed.")
    types = {e.name: e.type for e in facts.entities}
    assert types.get("Tavildara") == "Place"
    assert types.get("Tajikistan") == "Country"


def test_a_byline_dateline_place_is_the_dateline(facts_of):
    facts = facts_of(
        "WASHINGTON (UrduPoint News / Sputnik - 02nd December, 2019) Russian Ambassador "
        "Anatoly Antonov has called on Amnesty International to help."
    )
    datelines = [m.text for e in facts.entities for m in e.mentions if m.dateline]
    assert datelines == ["WASHINGTON"]


def test_a_place_before_parentheses_in_running_text_is_no_dateline(facts_of):
    facts = facts_of("Officials in Washington (the capital) met Anatoly Antonov on Monday.")
    assert all(not m.dateline for e in facts.entities for m in e.mentions)
