"""Cities and regions and their countries (kg.extract.places)."""

from __future__ import annotations

import pytest

from kg.extract.places import countries_in_name, lookup_city, lookup_region


@pytest.mark.parametrize(
    "name, country",
    [
        ("Islamabad", "Pakistan"),  # not Chattogram, once called Islamabad
        ("Zaragoza", "Spain"),  # not Tijuana's alias
        ("New Delhi", "India"),
        ("Munich", "Germany"),  # an English exonym of a big city
        ("Florence", "Italy"),  # a big city's exonym beats a small town's own name
    ],
)
def test_a_big_citys_own_name_is_not_another_citys_alias(name: str, country: str) -> None:
    city = lookup_city(name)
    assert city is not None and city.country is not None
    assert city.country.name == country


@pytest.mark.parametrize(
    "name, country",
    [
        ("Bavaria", "Germany"),  # English name added to ISO 3166-2's "Bayern"
        ("Bayern", "Germany"),
        ("North Rhine - Westphalia", "Germany"),  # tokenised text spaces its hyphen
        ("West Bengal", "India"),
        ("Wales", "United Kingdom"),
        ("Colorado", "United States"),
        ("Paktika", "Afghanistan"),  # ISO writes "Paktīkā"
    ],
)
def test_a_region_names_its_country(name: str, country: str) -> None:
    found = lookup_region(name)
    assert found is not None and found.name == country


@pytest.mark.parametrize("name", ["Punjab", "Berlin Wall", "Europe", "Smith"])
def test_a_shared_or_unknown_name_is_no_region(name: str) -> None:
    # Punjab is a province of Pakistan and a state of India: it names neither country
    assert lookup_region(name) is None


@pytest.mark.parametrize(
    "name, countries",
    [
        ("Bank of England", {"GBR"}),  # a nation of the United Kingdom
        ("Bayern Munich", {"DEU"}),  # a region and a city, one country
        ("Russian Railways", {"RUS"}),  # a demonym
        ("Korean Air", set()),  # "Korean" may be North or South
        ("United States National Security Council", {"USA"}),
        ("Baden - Wuerttemberg Bank", {"DEU"}),  # tokenised text spaces its hyphens
        ("pro - Beijing New People Party", set()),  # a word joined to "pro" names no place
        ("General Motors", set()),
        ("Apple Computer", set()),
    ],
)
def test_the_countries_an_organisations_name_places_it_in(name: str, countries: set) -> None:
    assert countries_in_name(name) == countries
