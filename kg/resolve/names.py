"""Names compared across articles: "The U.S. Air Force" and "United States Air Force" agree."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.countries import lookup_country

_INITIALS_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})


@lru_cache(maxsize=1 << 16)  # names repeat across articles; each costs three look-ups
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


def initials(name: str) -> str:
    """ "Federal Bureau of Investigation" -> "FBI" (capitalised words only)."""
    return "".join(
        w[0]
        for w in re.split(r"[\s.-]+", name)
        if w and w.lower() not in _INITIALS_STOP and w[0].isupper()
    )


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isupper() and name.isalpha()
