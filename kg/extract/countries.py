"""The closed set of countries: ISO 3166-1 codes, Wikidata ids, news names and demonyms.

Countries are not guessed from text; a mention is a country only when it names one of the
249 rows of `kg/data/countries.tsv` (docs/vocabulary.md). This module reads that table
and answers the two questions extraction asks: which country does this name mean
("the U.S.", "Russia's"), and which country does this demonym point at ("Russians").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "Country",
    "CountryTableError",
    "load_countries",
    "lookup_country",
    "lookup_demonym",
]

_TABLE = "countries.tsv"
_COLUMNS = ("iso3", "iso2", "name", "wikidata", "aliases", "demonyms")
_QID = re.compile(r"Q[0-9]+")
_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'"})


class CountryTableError(ValueError):
    """The bundled country table is malformed."""


@dataclass(frozen=True)
class Country:
    """One ISO 3166-1 country or territory, with the names news uses for it."""

    iso3: str  # ISO 3166-1 alpha-3, "RUS"
    iso2: str  # ISO 3166-1 alpha-2, "RU"
    name: str  # the short English name a journalist writes, "Russia"
    wikidata: str  # "Q159"
    aliases: tuple[str, ...]  # other names, sorted: ("Russian Federation",)
    demonyms: tuple[str, ...]  # adjectives and nationality nouns, sorted: ("Russian", "Russians")


@cache
def load_countries() -> tuple[Country, ...]:
    """All rows of the bundled table, sorted by ISO3 code."""
    text = resources.files("kg").joinpath("data", _TABLE).read_text(encoding="utf-8")
    return _parse(text.splitlines())


# Extractors look the same few hundred names up in every article: remembered, a lookup costs
# a dict read instead of Unicode normalisation and several candidate forms.
@lru_cache(maxsize=8192)
def lookup_country(text: str, *, allow_codes: bool = False) -> Country | None:
    """The country a name, alias or abbreviation as written in news refers to, or None.

    Names match case-insensitively, with or without a leading "the", a trailing possessive
    or dots ("the U.S.'s" -> USA). Abbreviations ("US", "UAE") match only in capitals, so
    "us" stays a pronoun. Bare ISO codes are not names ("IN", "IT", "ME" are words);
    `allow_codes=True` additionally accepts an exact upper-case ISO3 code ("RUS").
    Forms that several countries share ("Congo") give None: the caller has the context.
    """
    index = _index()
    for form in _forms(text):
        if allow_codes and form in index.codes:
            return index.codes[form]
        key = form.replace(".", "").strip()
        if key in index.abbreviations:
            return index.abbreviations[key]
        if key.casefold() in index.names:
            return index.names[key.casefold()]
    return None


@lru_cache(maxsize=8192)
def lookup_demonym(text: str) -> Country | None:
    """The country a capitalised demonym points at ("Russian", "Russians"), or None.

    A lower-case first letter is never a demonym ("german" is not "German"); demonyms that
    several countries share ("Congolese", "Dominican") give None.
    """
    index = _index()
    for form in _forms(text):
        if form[:1].isupper() and form.casefold() in index.demonyms:
            return index.demonyms[form.casefold()]
    return None


@dataclass(frozen=True)
class _Index:
    codes: dict[str, Country]  # exact ISO3 code
    abbreviations: dict[str, Country]  # all-capital aliases without dots: "US", "UAE"
    names: dict[str, Country]  # casefolded names and other aliases
    demonyms: dict[str, Country]  # casefolded demonyms


@cache
def _index() -> _Index:
    abbreviations: dict[str, set[Country]] = {}
    names: dict[str, set[Country]] = {}
    demonyms: dict[str, set[Country]] = {}
    for country in load_countries():
        for alias in (country.name, *country.aliases):
            key = _drop_the(_clean(alias)).replace(".", "").strip()
            if _is_abbreviation(key):
                abbreviations.setdefault(key, set()).add(country)
            else:
                names.setdefault(key.casefold(), set()).add(country)
        for demonym in country.demonyms:
            demonyms.setdefault(_clean(demonym).casefold(), set()).add(country)
    return _Index(
        codes={country.iso3: country for country in load_countries()},
        abbreviations=_unambiguous(abbreviations),
        names=_unambiguous(names),
        demonyms=_unambiguous(demonyms),
    )


def _unambiguous(keys: dict[str, set[Country]]) -> dict[str, Country]:
    # A form shared by two countries names neither of them on its own.
    return {key: next(iter(found)) for key, found in sorted(keys.items()) if len(found) == 1}


def _is_abbreviation(key: str) -> bool:
    return key.isalpha() and key.isupper()


def _forms(text: str) -> list[str]:
    """The ways to read `text`: as written, then without a possessive; "the" dropped."""
    cleaned = _clean(text)
    forms = [cleaned]
    for suffix in ("'s", "'"):
        # "Russia's", and the bare apostrophe of plurals: "the Philippines'".
        if cleaned.endswith(suffix) and (suffix == "'s" or cleaned.endswith("s'")):
            forms.append(cleaned[: -len(suffix)].rstrip())
            break
    return [_drop_the(form) for form in forms if form]


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


def _drop_the(text: str) -> str:
    return text[4:].lstrip() if text[:4].casefold() == "the " else text


def _parse(lines: Iterable[str]) -> tuple[Country, ...]:
    rows = iter(enumerate(lines, start=1))
    _, header = next(rows, (1, ""))
    if tuple(header.split("\t")) != _COLUMNS:
        raise CountryTableError(f"{_TABLE}: line 1: header is not {'/'.join(_COLUMNS)}")
    countries: dict[str, Country] = {}
    for number, line in rows:
        fields = line.split("\t")
        if len(fields) != len(_COLUMNS):
            raise CountryTableError(
                f"{_TABLE}: line {number}: {len(fields)} fields, expected {len(_COLUMNS)}"
            )
        iso3, iso2, name, wikidata, aliases, demonyms = fields
        problem = _problem(iso3, iso2, name, wikidata)
        if iso3 in countries:
            problem = f"duplicate ISO3 code {iso3!r}"
        if problem:
            raise CountryTableError(f"{_TABLE}: line {number}: {problem}")
        countries[iso3] = Country(
            iso3=iso3,
            iso2=iso2,
            name=name,
            wikidata=wikidata,
            aliases=_split(aliases),
            demonyms=_split(demonyms),
        )
    return tuple(countries[iso3] for iso3 in sorted(countries))


def _problem(iso3: str, iso2: str, name: str, wikidata: str) -> str | None:
    if not _ISO3.fullmatch(iso3):
        return f"ISO3 code {iso3!r} is not three capital letters"
    if not _ISO2.fullmatch(iso2):
        return f"ISO2 code {iso2!r} is not two capital letters"
    if not name:
        return f"{iso3} has no name"
    if not _QID.fullmatch(wikidata):
        return f"{iso3} has Wikidata id {wikidata!r}, expected Q followed by digits"
    return None


def _split(field: str) -> tuple[str, ...]:
    return tuple(sorted(part for part in field.split("|") if part))
