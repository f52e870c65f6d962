"""Trimming spaCy's entity spans to the name: one case per rule of kg.extract.mentions."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "kept"),
    [
        # articles, titles and quotes before the name are not the name
        ("He met the Kremlin staff .", 2, 4, "ORG", "Kremlin"),
        ("He met Mr Putin today .", 2, 4, "PERSON", "Putin"),
        ("He met Frau Merkel today .", 2, 4, "PERSON", "Merkel"),
        ("He met Frauke Petry today .", 2, 4, "PERSON", "Frauke Petry"),
        ('He read " Reuters today .', 2, 4, "ORG", "Reuters"),
        # possessives and punctuation after it are not either; "Corp." keeps its dot
        ("He met Russia's envoy .", 2, 4, "GPE", "Russia"),
        ("He cited Reuters , then left .", 2, 4, "ORG", "Reuters"),
        ("He sued Acme Corp . today", 2, 5, "ORG", "Acme Corp ."),
        # a number run into a club's or a person's name is a score; a place may have one
        ("Then Barcelona 2 Madrid 1 .", 1, 3, "ORG", "Barcelona"),
        ("Then Sector 7 fell .", 1, 3, "GPE", "Sector 7"),
        # no letter, or a line break inside: no name
        ("The 1996 - 97 season .", 1, 4, "ORG", None),
        ("Read BREAKING\nNews now .", 1, 4, "ORG", None),
    ],
)
def test_trim(text: str, start: int, end: int, label: str, kept: str | None) -> None:
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _trim

    doc = spacy.blank("en")(text)
    trimmed = _trim(Span(doc, start, end, label=label))
    assert (trimmed.text if trimmed is not None else None) == kept
