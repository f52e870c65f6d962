"""Typed relations read off the parse (kg.extract.relations): tables of sentences and facts."""

from __future__ import annotations

import pytest


def named(facts) -> set[tuple[str, str, str]]:
    """(subject name, type, object name or literal) for every relation of an article."""
    names = {e.id: e.name for e in facts.entities}
    return {(names[r.subject], r.type, names.get(r.object, r.object)) for r in facts.relations}


def test_seed_seleznev_is_a_russian_citizen(seed_facts) -> None:
    assert ("Roman Seleznev", "citizenOf", "Russia") in named(seed_facts)
    # direction matters: the country is not a citizen of the person
    assert ("Russia", "citizenOf", "Roman Seleznev") not in named(seed_facts)


def test_seed_antonov_is_ambassador_linked_to_russia(seed_facts) -> None:
    found = named(seed_facts)
    assert ("Anatoly Antonov", "holdsPosition", "ambassador") in found
    assert ("Anatoly Antonov", "affiliatedWith", "Russia") in found


def test_seed_foreign_ministry_belongs_to_russia(seed_facts) -> None:
    found = named(seed_facts)
    assert {
        ("Russian Foreign Ministry", "partOf", "Russia"),
        ("Russian Foreign Ministry", "basedIn", "Russia"),
    } & found


def test_every_relation_has_evidence_inside_its_sentence(seed_facts) -> None:
    assert seed_facts.relations
    for relation in seed_facts.relations:
        sentence = seed_facts.sentences[relation.sentence]
        assert sentence.start <= relation.evidence.start < relation.evidence.end
        assert 0 < relation.confidence <= 1
        assert relation.extractor.startswith("relations.")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "German Chancellor Angela Merkel visited Paris on Monday.",
            {
                ("Angela Merkel", "headOfGovernment", "Germany"),
                ("Angela Merkel", "citizenOf", "Germany"),
                ("Angela Merkel", "holdsPosition", "chancellor"),
            },
        ),
        (
            "French President Emmanuel Macron spoke to reporters.",
            {("Emmanuel Macron", "headOfState", "France")},
        ),
        (
            "The police questioned Ivan Petrov, a Russian national, on Friday.",
            {("Ivan Petrov", "citizenOf", "Russia")},
        ),
        (
            "German carmaker Volkswagen said profits fell.",
            {("Volkswagen", "basedIn", "Germany")},
        ),
        (
            "SPD leader Franz Muentefering joined the criticism.",
            {("Franz Muentefering", "leaderOf", "SPD"), ("Franz Muentefering", "memberOf", "SPD")},
        ),
        (
            "The delegation flew from Hamburg, Germany, to Rome.",
            {("Hamburg", "locatedIn", "Germany")},
        ),
    ],
)
def test_sentences_give_their_relations(facts_of, text: str, expected: set) -> None:
    assert expected <= named(facts_of(text))


def test_a_description_without_a_title_gives_no_citizenship(seed_facts) -> None:
    # "Seleznev ... is a disabled victim of the 2011 terrorist attack in Morocco"
    assert ("Roman Seleznev", "citizenOf", "Morocco") not in named(seed_facts)


@pytest.mark.xfail(reason="spaCy's small model tags Gazprom as a place here (entity extraction)")
def test_x_based_organisation_is_based_in_the_place(facts_of) -> None:
    assert ("Gazprom", "basedIn", "Moscow") in named(
        facts_of("Shares of the Moscow-based Gazprom fell.")
    )
