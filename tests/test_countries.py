"""The country table and the name and demonym lookups built on it."""

from __future__ import annotations

import re
from importlib import resources

import pycountry
import pytest

from kg.extract.countries import (
    Country,
    CountryTableError,
    _parse,
    load_countries,
    lookup_country,
    lookup_demonym,
)

HEADER = "iso3\tiso2\tname\twikidata\taliases\tdemonyms"

# Places with no settled population, and so no demonym worth listing.
NO_DEMONYM = {"ATA", "ATF", "BES", "BLM", "BVT", "HMD", "IOT", "MAF", "SGS", "SJM", "UMI"}

# Forms that name two countries on purpose; the lookups give None for them.
SHARED_NAMES = {"congo": {"COD", "COG"}}
SHARED_DEMONYMS = {
    "congolese": {"COD", "COG"},
    "dominican": {"DMA", "DOM"},
    "dominicans": {"DMA", "DOM"},
    "virgin islander": {"VGB", "VIR"},
    "virgin islanders": {"VGB", "VIR"},
}


def by_iso3() -> dict[str, Country]:
    return {country.iso3: country for country in load_countries()}


# --- the table -----------------------------------------------------------------------------


def test_table_has_one_row_per_pycountry_country() -> None:
    countries = load_countries()
    assert len(countries) == 249
    assert {c.iso3 for c in countries} == {c.alpha_3 for c in pycountry.countries}


def test_iso2_codes_agree_with_pycountry() -> None:
    for country in load_countries():
        assert pycountry.countries.get(alpha_3=country.iso3).alpha_2 == country.iso2


def test_rows_are_sorted_and_unique() -> None:
    codes = [c.iso3 for c in load_countries()]
    assert codes == sorted(set(codes))


def test_wikidata_ids_are_well_formed_and_unique() -> None:
    qids = [c.wikidata for c in load_countries()]
    assert all(re.fullmatch(r"Q[0-9]+", qid) for qid in qids)
    assert len(set(qids)) == len(qids)


@pytest.mark.parametrize(
    "iso3, qid",
    [
        ("RUS", "Q159"),
        ("USA", "Q30"),
        ("MAR", "Q1028"),
        ("MDV", "Q826"),
        ("GBR", "Q145"),
        ("DEU", "Q183"),
        ("CHN", "Q148"),
        ("FRA", "Q142"),
        ("NLD", "Q55"),
    ],
)
def test_known_wikidata_ids(iso3: str, qid: str) -> None:
    assert by_iso3()[iso3].wikidata == qid


@pytest.mark.parametrize(
    "iso3, name",
    [("RUS", "Russia"), ("USA", "United States"), ("KOR", "South Korea"), ("IRN", "Iran")],
)
def test_names_are_the_ones_journalists_use(iso3: str, name: str) -> None:
    assert by_iso3()[iso3].name == name


def test_only_uninhabited_territories_lack_demonyms() -> None:
    assert {c.iso3 for c in load_countries() if not c.demonyms} == NO_DEMONYM


def test_file_is_sorted_text_with_sorted_lists() -> None:
    text = resources.files("kg").joinpath("data", "countries.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == HEADER
    assert text.endswith("\n") and "\r" not in text
    for line in lines[1:]:
        _, _, _, _, aliases, demonyms = line.split("\t")
        for field in (aliases, demonyms):
            parts = field.split("|") if field else []
            assert parts == sorted(set(parts)), line


def test_every_country_is_found_by_its_own_name_and_aliases() -> None:
    for country in load_countries():
        assert lookup_country(country.name) == country
        for alias in country.aliases:
            shared = SHARED_NAMES.get(alias.casefold())
            assert lookup_country(alias) == (None if shared else country), alias


def test_every_demonym_leads_back_to_its_country() -> None:
    for country in load_countries():
        for demonym in country.demonyms:
            shared = SHARED_DEMONYMS.get(demonym.casefold())
            if shared:
                assert country.iso3 in shared
            assert lookup_demonym(demonym) == (None if shared else country), demonym


def test_load_countries_is_cached() -> None:
    assert load_countries() is load_countries()


# --- lookup_country ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso3",
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("the United States", "USA"),
        ("The United States", "USA"),
        ("United States of America", "USA"),
        ("America", "USA"),
        ("the U.S.'s", "USA"),
        ("UNITED STATES", "USA"),
        ("Russia", "RUS"),
        ("Russia's", "RUS"),
        ("Russia\u2019s", "RUS"),
        ("Russian Federation", "RUS"),
        ("russia", "RUS"),
        ("  Russian\n Federation ", "RUS"),
        ("The Maldives", "MDV"),
        ("Maldives", "MDV"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Great Britain", "GBR"),
        ("The Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("the Philippines'", "PHL"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d\u2019Ivoire", "CIV"),
        ("Burma", "MMR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("UAE", "ARE"),
        ("DRC", "COD"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Türkiye", "TUR"),
        ("St. Lucia", "LCA"),
        ("St Lucia", "LCA"),
        ("Georgia", "GEO"),
        ("Jordan", "JOR"),
    ],
)
def test_lookup_country(text: str, iso3: str) -> None:
    found = lookup_country(text)
    assert found is not None and found.iso3 == iso3


@pytest.mark.parametrize(
    "text",
    ["IN", "it", "IT", "AS", "ME", "us", "Us", "Sputnik", "Washington", "Moscow", "Congo", "", " "],
)
def test_lookup_country_rejects(text: str) -> None:
    assert lookup_country(text) is None


def test_iso3_codes_need_allow_codes_and_exact_case() -> None:
    assert lookup_country("RUS") is None
    assert lookup_country("RUS", allow_codes=True) == by_iso3()["RUS"]
    assert lookup_country("rus", allow_codes=True) is None
    assert lookup_country("IN", allow_codes=True) is None  # ISO2 codes never match
    assert lookup_country("IND", allow_codes=True) == by_iso3()["IND"]


# --- lookup_demonym ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso3",
    [
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Moroccan", "MAR"),
        ("Maldivian", "MDV"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("German", "DEU"),
        ("Chinese", "CHN"),
        ("French", "FRA"),
        ("Dutch", "NLD"),
        ("Swiss", "CHE"),
        ("Israelis", "ISR"),
        ("South Korean", "KOR"),
        ("RUSSIAN", "RUS"),
        ("Russians'", "RUS"),
    ],
)
def test_lookup_demonym(text: str, iso3: str) -> None:
    found = lookup_demonym(text)
    assert found is not None and found.iso3 == iso3


@pytest.mark.parametrize(
    "text", ["russian", "german", "Russia", "Moscow", "Congolese", "Dominican", "", " "]
)
def test_lookup_demonym_rejects(text: str) -> None:
    assert lookup_demonym(text) is None


# --- a malformed table ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, message",
    [
        (["iso3\tname"], "line 1: header"),
        ([HEADER, "RUS\tRU\tRussia\tQ159\t"], "line 2: 5 fields"),
        ([HEADER, "RUS\tRU\tRussia\t159\t\t"], "RUS has Wikidata id '159'"),
        ([HEADER, "rus\tRU\tRussia\tQ159\t\t"], "ISO3 code 'rus'"),
        ([HEADER, "RUS\tRU\tRussia\tQ159\t\t", "RUS\tRU\tRussia\tQ159\t\t"], "duplicate"),
    ],
)
def test_malformed_table_is_named(lines: list[str], message: str) -> None:
    with pytest.raises(CountryTableError, match=message):
        _parse(lines)
