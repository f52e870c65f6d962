"""Event labels in words (kg.extract.event_labels): what a reader sees on an event node."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.extract.event_labels import LabelRow, LabelTableError, check_row, event_label, label_rows
from kg.model import EVENT_TYPES, Event, EventArgument, Span

NAMES = {
    "e0": "Roman Seleznev",
    "e1": "Maldives",
    "e2": "United States",
    "e3": "Anatoly Antonov",
    "e4": "Vladimir Putin",
    "e5": "FBI",
}


def event(kind: str, *roles: tuple[str, str | None], subtype: str | None = None, **fields) -> Event:
    """An event of `kind` whose arguments are (role, entity id) pairs."""
    arguments = tuple(EventArgument(role, entity, Span(0, 1)) for role, entity in roles)
    return Event("v0", kind, (Span(0, 1),), (0,), arguments=arguments, subtype=subtype, **fields)


def test_the_example_of_the_issue_arrest_with_its_place() -> None:
    arrest = event("Justice.ArrestJailDetain", ("Detainee", "e0"), ("Place", "e1"))
    assert event_label(arrest, NAMES) == "Roman Seleznev arrested, Maldives"


def test_the_agent_joins_when_named() -> None:
    arrest = event("Justice.ArrestJailDetain", ("Jailer", "e5"), ("Detainee", "e0"))
    assert event_label(arrest, NAMES) == "Roman Seleznev arrested by FBI"
    assert event_label(event("Justice.ArrestJailDetain", ("Jailer", "e5")), NAMES) == (
        "arrest by FBI"
    )


def test_an_unnamed_argument_is_left_out() -> None:
    # "Police arrested the hacker in the Maldives": the hacker names no entity
    arrest = event("Justice.ArrestJailDetain", ("Detainee", None), ("Place", "e1"))
    assert event_label(arrest, NAMES) == "arrest, Maldives"


def test_with_no_named_argument_the_label_is_the_type_in_words() -> None:
    assert event_label(event("Conflict.Attack"), NAMES) == "attack"
    assert event_label(event("Conflict.Attack", ("Target", None)), NAMES) == "attack"


def test_both_sides_of_an_attack() -> None:
    attack = event("Conflict.Attack", ("Attacker", "e4"), ("Target", "e2"))
    assert event_label(attack, NAMES) == "Vladimir Putin attacks United States"
    assert event_label(event("Conflict.Attack", ("Target", "e2")), NAMES) == (
        "attack on United States"
    )


def test_a_subtype_with_its_own_row_reads_by_it() -> None:
    bombing = event("Conflict.Attack", ("Target", "e2"), subtype="DetonateExplode")
    assert event_label(bombing, NAMES) == "bombing of United States"


@pytest.mark.parametrize(
    "subtype, expected",
    [
        ("Broadcast", "Anatoly Antonov: statement"),
        # "Antonov wrote in an open letter": a letter, an e-mail, "wrote"
        ("Correspondence", "Anatoly Antonov: written statement"),
    ],
)
def test_a_statement_is_its_speaker_and_the_word_statement(subtype: str, expected: str) -> None:
    said = event(
        "Contact.Contact",
        ("Communicator", "e3"),
        subtype=subtype,
        extractor="statements.speech_verb",
    )
    assert event_label(said, NAMES) == expected
    said = event("Contact.Contact", ("Communicator", "e3"), ("Recipient", "e5"), subtype=subtype)
    assert event_label(said, NAMES) == expected.replace("statement", "statement to FBI")


def test_a_meeting_needs_two_people_to_read_x_meets_y() -> None:
    met = event("Contact.Contact", ("Participant", "e4"), ("Participant", "e3"), subtype="Meet")
    assert event_label(met, NAMES) == "Vladimir Putin meets Anatoly Antonov"
    alone = event("Contact.Contact", ("Participant", "e4"), subtype="Meet")
    assert event_label(alone, NAMES) == "Vladimir Putin: meeting"


def test_one_entity_twice_in_a_role_is_not_two_people() -> None:
    # two mentions of Putin joined into one event: not "Vladimir Putin meets Vladimir Putin"
    met = event("Contact.Contact", ("Participant", "e4"), ("Participant", "e4"), subtype="Meet")
    assert event_label(met, NAMES) == "Vladimir Putin: meeting"


def test_an_entity_in_two_roles_is_not_named_twice() -> None:
    attack = event("Conflict.Attack", ("Attacker", "e2"), ("Target", "e2"))
    assert event_label(attack, NAMES) == "attack on United States"


def test_extradition_names_where_to_and_the_place_once() -> None:
    sent = event("Justice.Extradite", ("Defendant", "e0"), ("Destination", "e2"), ("Place", "e2"))
    assert event_label(sent, NAMES) == "Roman Seleznev extradited to United States"
    both = event("Justice.Extradite", ("Defendant", "e0"), ("Origin", "e1"), ("Destination", "e2"))
    assert event_label(both, NAMES) == ("Roman Seleznev extradited from Maldives to United States")


@pytest.mark.parametrize(
    "factuality, expected",
    [
        ("asserted", "Roman Seleznev arrested"),
        ("negated", "Roman Seleznev arrested (negated)"),
        ("hypothetical", "Roman Seleznev arrested (hypothetical)"),
    ],
)
def test_factuality_shows_unless_asserted(factuality: str, expected: str) -> None:
    arrest = event("Justice.ArrestJailDetain", ("Detainee", "e0"), factuality=factuality)
    assert event_label(arrest, NAMES) == expected


def test_an_unknown_factuality_is_an_error() -> None:
    with pytest.raises(LabelTableError, match="factuality"):
        event_label(event("Conflict.Attack", factuality="likely"), NAMES)


def test_an_unknown_type_is_an_error() -> None:
    with pytest.raises(LabelTableError, match="unknown event type"):
        event_label(event("Justice.Arrest"), NAMES)


def test_an_unknown_subtype_is_an_error() -> None:
    with pytest.raises(LabelTableError, match="'Meet'"):
        event_label(event("Conflict.Attack", subtype="Meet"), NAMES)


def test_an_argument_naming_an_entity_outside_the_article_is_an_error() -> None:
    with pytest.raises(LabelTableError, match="e9"):
        event_label(event("Life.Die", ("Victim", "e9")), NAMES)


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_event_type_has_words_and_a_label(kind: str) -> None:
    words = label_rows()[(kind, "")].words
    assert words and "." not in words
    assert event_label(event(kind), NAMES) == words


def test_the_table_names_only_types_subtypes_and_roles_of_the_vocabulary() -> None:
    with pytest.raises(LabelTableError, match="Victim"):
        check_row("Justice.ArrestJailDetain", "", LabelRow("arrest", ("{Victim} arrested",)))
    with pytest.raises(LabelTableError, match="Broadcast"):
        check_row("Conflict.Attack", "Broadcast", LabelRow("attack", ("attack on {Target}",)))
    with pytest.raises(LabelTableError, match="names no role"):
        check_row("Conflict.Attack", "", LabelRow("attack", ("an attack",)))


def test_the_table_is_sorted_with_a_header() -> None:
    text = resources.files("kg.data").joinpath("event_labels.tsv").read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    assert header.split("\t") == ["type", "subtype", "words", "patterns"]
    keys = [tuple(row.split("\t")[:2]) for row in rows]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


def test_the_seed_events_read_as_the_issue_asks(seed_facts) -> None:
    # kg.extract.events labels every event with the article's entity names
    # (which places the arrests get is kg.extract.event_arguments' part: tests/test_events.py)
    labels = {e.label for e in seed_facts.events}
    assert any(label.startswith("Roman Seleznev arrested") for label in labels)
    assert "Anatoly Antonov: statement" in labels
    assert all(e.label and e.type not in e.label for e in seed_facts.events)  # words, not codes
