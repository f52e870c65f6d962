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


@pytest.mark.parametrize(
    ("text", "end", "label", "kept"),
    [
        # a headline's word that the article writes in lower case, after a name it repeats
        (
            "Mzoudi Verdict Postponed Amid New Testimony\nThe verdict on Mzoudi was put off .",
            2,
            "PERSON",
            "Mzoudi",
        ),
        # an organisation's words, or no lower-case use below, keep the span
        (
            "EU Commission Caves In To Germany\nThe commission of the EU said so .",
            2,
            "ORG",
            "EU Commission",
        ),
        ("Mzoudi Verdict Postponed Amid New Testimony\nMzoudi was freed .", 2, "PERSON", None),
    ],
)
def test_headline_common_tail(text: str, end: int, label: str, kept: str | None) -> None:
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _headline_common_tail

    doc = spacy.blank("en")(text)
    span = Span(doc, 0, end, label=label)
    assert _headline_common_tail(span, label, text).text == (kept or span.text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an acronym's organisation, then the portfolio of the role after it
        ("EU Energy Commissioner Andris Piebalgs spoke .", "EU"),
        # a name before a role noun: the organisation's own
        ("Real Madrid coach Fabio Capello spoke .", "Real Madrid"),
        ("PSV Eindhoven coach Dick Advocaat spoke .", "PSV Eindhoven"),
    ],
)
def test_portfolio_before_a_role_is_no_part_of_the_name(text: str, kept: str) -> None:
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _portfolio_before_role

    doc = spacy.blank("en")(text)
    assert _portfolio_before_role(Span(doc, 0, 2, label="ORG"), "ORG").text == kept


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "read_as"),
    [
        # a club's or an organisation's own words, a country's name: whatever spaCy's label
        ("Leverkusen lost to Dynamo Dresden .", 3, 5, "PRODUCT", "ORG"),
        ("He left the Acme Corporation .", 3, 5, "FAC", "ORG"),
        ("Talks on Cyprus failed .", 2, 3, "PRODUCT", "GPE"),
        # a film, a building, a cup: no entity of newskg's
        ("They watched Avatar .", 2, 3, "PRODUCT", None),
        ("They met at the Brandenburg Gate .", 4, 6, "FAC", None),
        ("They won the FIFA World Cup .", 3, 6, "EVENT", None),
    ],
)
def test_a_thing_named_by_its_own_words(text, start, end, label, read_as) -> None:
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _named_by_own_words

    doc = spacy.blank("en")(text)
    found = _named_by_own_words(Span(doc, start, end, label=label))
    assert (found.label_ if found is not None else None) == read_as


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # initial and surname: an athlete on a results line
        ("The winner was J. Smith of Leeds, ahead of P. Jones.", ["J. Smith", "P. Jones"]),
        # a sentence's last letter before a club's name is no initial
        ("They were drawn in Group F. Schalke mark their return to Europe.", []),
    ],
)
def test_initials_before_a_club_make_no_athlete(text: str, people: list[str]) -> None:
    from kg.extract.mentions import _listed_candidates

    found = _listed_candidates(text, [0], [])
    assert [c.text for c in found if c.type == "Person"] == people
