"""Regenerate kg/data/regions.tsv: the first-level divisions of each country (states,
provinces, regions, Länder) and the country they belong to, from pycountry's ISO 3166-2.

ISO 3166-2 writes most divisions in their own language ("Bayern", "Toscana"); the English
names news uses for the well-known ones are added from `EXONYMS`. A name two countries share
("Punjab") is left out: it says nothing of the country. Run: python tools/make_regions_table.py
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry

TARGET = Path(__file__).resolve().parent.parent / "kg" / "data" / "regions.tsv"
# ISO 3166-2 kinds of first-level division that are regions, not cities or districts
KINDS = frozenset(
    {
        "state",
        "province",
        "region",
        "land",
        "country",
        "autonomous community",
        "autonomous region",
        "autonomous province",
        "territory",
        "union territory",
        "governorate",
        "republic",
        "canton",
        "metropolitan region",
        "metropolitan collectivity with special status",
        "federal district",
        "capital territory",
    }
)
# English names of divisions ISO 3166-2 writes in their own language (ISO 3166-2 code).
EXONYMS = {
    "DE-BW": "Baden-Wuerttemberg",
    "DE-BY": "Bavaria",
    "DE-HE": "Hesse",
    "DE-MV": "Mecklenburg-Western Pomerania",
    "DE-NI": "Lower Saxony",
    "DE-NW": "North Rhine-Westphalia",
    "DE-RP": "Rhineland-Palatinate",
    "DE-SN": "Saxony",
    "DE-ST": "Saxony-Anhalt",
    "DE-TH": "Thuringia",
    "IT-21": "Piedmont",
    "IT-25": "Lombardy",
    "IT-52": "Tuscany",
    "IT-82": "Sicily",
    "IT-88": "Sardinia",
    "ES-CT": "Catalonia",
    "ES-AN": "Andalusia",
    "ES-PV": "Basque Country",
    "ES-GA": "Galicia",
    "ES-AR": "Aragon",
    "FR-IDF": "Ile-de-France",
    "FR-20R": "Corsica",
    "FR-BRE": "Brittany",
    "FR-NOR": "Normandy",
    "BE-VLG": "Flanders",
    "BE-WAL": "Wallonia",
    "AT-9": "Vienna",
    "AT-7": "Tyrol",
    "AT-3": "Lower Austria",
    "AT-4": "Upper Austria",
    "AT-6": "Styria",
    "AT-2": "Carinthia",
    "CH-ZH": "Zurich",
    "CH-BE": "Bern",
    "CH-GE": "Geneva",
    "CH-TI": "Ticino",
    "UA-43": "Crimea",
    "IQ-KR": "Kurdistan",
    "CN-XZ": "Tibet",
    "CN-XJ": "Xinjiang",
    "CN-GD": "Guangdong",
    "CN-SC": "Sichuan",
    "CN-HB": "Hubei",
    "CN-YN": "Yunnan",
}
_BRACKET = re.compile(r"\s*\[.*?\]")


def names_of(subdivision) -> list[str]:
    """ "Wales [Cymru GB-CYM]" -> Wales; "Asturias, Principado de" -> Asturias."""
    name = _BRACKET.sub("", subdivision.name).split(",")[0].strip()
    names = [name] if name else []
    if subdivision.code in EXONYMS:
        names.append(EXONYMS[subdivision.code])
    return names


def main() -> None:
    countries: dict[str, set[str]] = defaultdict(set)
    written: dict[str, str] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None or subdivision.type.lower() not in KINDS:
            continue
        for name in names_of(subdivision):
            countries[name.casefold()].add(subdivision.country_code)
            written.setdefault(name.casefold(), name)
    missing = set(EXONYMS) - {s.code for s in pycountry.subdivisions}
    if missing:
        raise SystemExit(f"EXONYMS names codes pycountry does not have: {sorted(missing)}")
    lines = ["name\tiso2"]
    for key in sorted(countries):
        if len(countries[key]) == 1:
            lines.append(f"{written[key]}\t{next(iter(countries[key]))}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} regions to {TARGET}")


if __name__ == "__main__":
    main()
