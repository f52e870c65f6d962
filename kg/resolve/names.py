"""Names compared across articles: "The U.S. Air Force" and "United States Air Force" agree."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.countries import lookup_country
from kg.extract.orgs import initials


# Common names repeat across articles and each costs three look-ups; the rare ones would
# only fill a larger table.
@lru_cache(maxsize=8192)
def normalised_name(name: str) -> str:
    """Casefolded, without a leading "the" or a trailing "'s", a leading country alias
    spelled out ("U.S. Senate" -> "united states senate")."""
    text = " ".join(name.replace("\u2019", "'").split())
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s?$", "", text)
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size:
            country = lookup_country(" ".join(words[:size]))
            if country is not None:
                words = [*country.name.split(), *words[size:]]
                break
    return " ".join(words).casefold()


def name_initials(name: str) -> str:
    """ "Federal Bureau of Investigation" -> "FBI" (capitalised words only)."""
    return initials(re.split(r"[\s.-]+", name))
