"""Candidate entity mentions: spaCy's named entities, cleaned, with a first guess at a type.

spaCy NER is only the first guess (DESIGN.md): this module trims what spaCy put around a
name, drops the dateline's byline, and maps nationality words and country aliases to
countries. Grouping mentions into entities is `kg.extract.entities`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.extract.countries import Country, lookup_country, lookup_demonym

# Words that make a name an organisation whatever spaCy said ("Embassy", "Foreign Ministry").
ORG_HEADS = frozenset(
    [
        "Agency",
        "Airlines",
        "Airways",
        "Army",
        "Assembly",
        "Association",
        "Authority",
        "Bank",
        "Board",
        "Bureau",
        "Cabinet",
        "Center",
        "Centre",
        "Church",
        "Club",
        "Coalition",
        "College",
        "Commission",
        "Committee",
        "Company",
        "Congress",
        "Corp",
        "Corporation",
        "Council",
        "Court",
        "Department",
        "Directorate",
        "Embassy",
        "Federation",
        "Foundation",
        "Front",
        "Fund",
        "Government",
        "Group",
        "Guard",
        "Inc",
        "Institute",
        "League",
        "Ltd",
        "Media",
        "Ministry",
        "Movement",
        "Navy",
        "Office",
        "Organisation",
        "Organization",
        "Parliament",
        "Party",
        "Police",
        "Senate",
        "Service",
        "Society",
        "Tribunal",
        "Union",
        "United",
        "University",
    ]
)

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "mr.", "mrs.", "ms.", "dr.", "prof."}
)

_LEADING_DROP = frozenset({"the", "a", "an"})
_KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

# "WASHINGTON (UrduPoint News / Sputnik - 02nd December, 2019)", "MOSCOW, Dec 2 (Reuters) -":
# an all-caps place opening the body, then the wire's byline in parentheses.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z .'-]{2,40}?)\s*(?:,[^(\n]{0,30})?\((?P<byline>[^()\n]{1,160})\)"
)


@dataclass(frozen=True)
class Candidate:
    """One mention as spaCy found it, trimmed, with its first-guess type."""

    start: int
    end: int
    text: str
    label: str  # spaCy's label
    type: str  # Person, Organization, Country or Place
    sentence: int
    country: Country | None = None
    honorific: bool = False  # preceded by Mr./Ms./Dr. ...


def dateline_byline(text: str) -> tuple[int, int] | None:
    """The character range of a dateline's byline, which names the wire, not an entity."""
    match = _DATELINE.match(text)
    if not match or not match.group("place").strip().isupper():
        return None
    return match.start("byline") - 1, match.end("byline") + 1


def _trim(span: Span) -> Span | None:
    """Drop leading articles, honorifics, trailing possessives and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in _LEADING_DROP
        or doc[start].lower_ in HONORIFICS
        or doc[start].is_punct
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].lower_ in {"'s", "\u2019s", "'"}
        or (doc[end - 1].is_punct and doc[end - 1].text not in {".", ")"})
        or doc[end - 1].is_space
        or (doc[end - 1].like_num and span.label_ in {"ORG", "PERSON"})
    ):
        end -= 1
    if start >= end:
        return None
    trimmed = doc[start:end]
    if "\n" in trimmed.text or not any(ch.isalpha() for ch in trimmed.text):
        return None
    return trimmed


def _has_honorific(span: Span) -> bool:
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in HONORIFICS:
        return True
    # "Mr.Seleznev": spaCy keeps the honorific glued to the name's token.
    before = doc.text[max(0, span.start_char - 4) : span.start_char].lower()
    return before.endswith(("mr.", "ms.", "mrs.", "dr."))


def first_guess_type(label: str, text: str) -> tuple[str | None, Country | None]:
    """Map a spaCy label and the span's text to a newskg type (None: not an entity)."""
    if label == "NORP":
        country = lookup_demonym(text)
        return ("Country", country) if country else (None, None)
    if label in {"GPE", "LOC", "ORG"}:
        country = lookup_country(text) or (lookup_demonym(text) if label == "GPE" else None)
        if country:
            return "Country", country
    words = text.replace(".", " ").split()
    if label == "PERSON":
        return ("Organization" if words and words[-1] in ORG_HEADS else "Person"), None
    if label == "ORG":
        return "Organization", None
    if label in {"GPE", "LOC"}:
        return "Place", None
    return None, None


def candidate_mentions(doc: Doc, sentence_starts: list[int]) -> list[Candidate]:
    """Every kept named-entity mention of the doc, trimmed and typed, in text order."""
    from bisect import bisect_right

    skip = dateline_byline(doc.text)
    found: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in _KEPT_LABELS:
            continue
        if skip and ent.start_char < skip[1] and ent.end_char > skip[0]:
            continue
        span = _trim(ent)
        if span is None:
            continue
        type_, country = first_guess_type(ent.label_, span.text)
        if type_ is None:
            continue
        found.append(
            Candidate(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=ent.label_,
                type=type_,
                sentence=bisect_right(sentence_starts, span.start_char) - 1,
                country=country,
                honorific=_has_honorific(span),
            )
        )
    return found
