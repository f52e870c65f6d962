"""kg.extract.event_arguments called directly, with the event-word test injected.

The rules themselves are tested through extract_events in tests/test_events.py
(ARGUMENT_RULES); here, what the module promises on its own: the clause it reads and that
the caller's test for event words decides what is never an argument.
"""

from __future__ import annotations

import pytest

from kg.extract.anchors import Anchors
from kg.extract.event_arguments import trigger_arguments, trigger_clause


@pytest.fixture(scope="session")
def parse():
    """Parse a sentence and return its doc and the token spelt `word`."""
    from kg.nlp.load import load_pipeline, model_name

    nlp = load_pipeline(model_name(None))

    def run(text: str, word: str):
        doc = nlp(text)
        return doc, next(t for t in doc if t.text == word)

    return run


def never(token) -> bool:
    return False


def attack(token) -> bool:
    return token.lower_ == "attack"


def arguments(
    parse, text: str, word: str, kind: str, subtype: str | None = None, is_event=never
) -> set[tuple[str, str]]:
    doc, trigger = parse(text, word)
    found = trigger_arguments(trigger, kind, subtype, Anchors(doc, ()), is_event=is_event)
    return {(a.role, text[a.evidence.start : a.evidence.end]) for a in found}


def test_the_clause_leaves_out_relative_clauses(parse) -> None:
    _, trigger = parse("Rebels attacked the convoy, which was carrying food.", "attacked")
    words = [t.text for t in trigger_clause(trigger)]
    assert "convoy" in words
    assert "carrying" not in words and "food" not in words


def test_the_clause_stops_at_other_events_only_when_asked(parse) -> None:
    _, trigger = parse("Two people were killed in an attack in Strasbourg.", "killed")
    assert "Strasbourg" in [t.text for t in trigger_clause(trigger)]
    assert "Strasbourg" not in [t.text for t in trigger_clause(trigger, stop_at=attack)]


def test_the_place_of_another_event_is_not_this_ones(parse) -> None:
    text = "Two people were killed in an attack in Strasbourg."
    # without a test for event words, the attack's place is taken for the killing's
    assert ("Place", "Strasbourg") in arguments(parse, text, "killed", "Life.Die")
    found = arguments(parse, text, "killed", "Life.Die", is_event=attack)
    assert found == {("Victim", "Two people")}


def test_an_explosive_is_returned_and_the_subtype_left_to_the_caller(parse) -> None:
    found = arguments(
        parse, "Rebels attacked the convoy with a car bomb.", "attacked", "Conflict.Attack"
    )
    assert found == {
        ("Attacker", "Rebels"),
        ("Target", "the convoy"),
        ("ExplosiveDevice", "a car bomb"),
    }


def test_words_the_caller_calls_events_are_never_arguments(parse) -> None:
    def convoy(token) -> bool:
        return token.lower_ == "convoy"

    text = "Rebels attacked the convoy."
    assert ("Target", "the convoy") in arguments(parse, text, "attacked", "Conflict.Attack")
    found = arguments(parse, text, "attacked", "Conflict.Attack", is_event=convoy)
    assert found == {("Attacker", "Rebels")}


def named(facts, kind: str) -> set[tuple[str, str, str | None]]:
    """(role, words, entity name) of the arguments of the events of one type."""
    text, names = facts.article.text, {e.id: e.name for e in facts.entities}
    return {
        (a.role, text[a.evidence.start : a.evidence.end], names.get(a.entity))
        for e in facts.events
        if e.type == kind
        for a in e.arguments
    }


def test_a_pronoun_argument_names_the_person_of_the_sentence_before(facts_of) -> None:
    facts = facts_of(
        "French police arrested Pierre Dupont in Lyon on Monday. "
        "He was extradited to the United States."
    )
    found = named(facts, "Justice.Extradite")
    assert ("Defendant", "He", "Pierre Dupont") in found


def test_an_unresolved_he_stays_as_words_and_an_unresolved_it_is_dropped(facts_of) -> None:
    facts = facts_of("He was arrested on Monday. It was destroyed in the fire.")
    assert ("Detainee", "He", None) in named(facts, "Justice.ArrestJailDetain")
    kind = "ArtifactExistence.DamageDestroyDisableDismantle"
    assert not any(words == "It" for _, words, _ in named(facts, kind))


def test_a_nominal_argument_names_the_organisation_named_before(facts_of) -> None:
    facts = facts_of(
        "The Russian Foreign Ministry condemned the raid. "
        "Police said the ministry had been attacked by hackers."
    )
    found = named(facts, "Conflict.Attack")
    assert ("Target", "the ministry", "Russian Foreign Ministry") in found


def parsed(parse, words: str, heads: list[int], deps: str, pos: str):
    """A doc with the parse given (the parser's own attachment varies with the wording):
    one head index, dependency and part of speech per word."""
    from spacy.tokens import Doc

    doc, _ = parse("Warnings", "Warnings")
    split = words.split()
    return Doc(doc.vocab, words=split, heads=heads, deps=deps.split(), pos=pos.split())


def message(token) -> bool:
    return token.lower_ == "warnings"


def test_a_list_the_parser_hangs_on_the_verb_still_lists_recipients(parse) -> None:
    doc = parsed(
        parse,
        "Warnings were given to the army , the police and newspapers .",
        [2, 2, 2, 2, 5, 3, 2, 8, 2, 8, 8, 2],
        "nsubjpass auxpass ROOT dative det pobj punct det conj cc conj punct",
        "NOUN AUX VERB ADP DET NOUN PUNCT DET NOUN CCONJ NOUN PUNCT",
    )
    found = trigger_arguments(
        doc[0], "Contact.ThreatenCoerce", None, Anchors(doc, ()), is_event=message
    )
    words = {(a.role, doc.text[a.evidence.start : a.evidence.end]) for a in found}
    assert words == {
        ("Recipient", "the army"),
        ("Recipient", "the police"),
        ("Recipient", "newspapers"),
    }


def test_nouns_hung_on_the_verb_are_no_recipients_when_none_is_named(parse) -> None:
    doc = parsed(
        parse,
        "Warnings were given , the police and newspapers .",
        [2, 2, 2, 2, 5, 2, 5, 5, 2],
        "nsubjpass auxpass ROOT punct det conj cc conj punct",
        "NOUN AUX VERB PUNCT DET NOUN CCONJ NOUN PUNCT",
    )
    found = trigger_arguments(
        doc[0], "Contact.ThreatenCoerce", None, Anchors(doc, ()), is_event=message
    )
    assert found == []


def test_a_broadcast_goes_from_a_communicator_and_its_object_is_the_message(parse) -> None:
    text = "Police issued an appeal for witnesses."
    found = arguments(parse, text, "issued", "Contact.Contact", subtype="Broadcast")
    assert found == {("Communicator", "Police")}
    # a meeting's people are participants, both of them
    found = arguments(parse, "The envoy met the minister.", "met", "Contact.Contact", "Meet")
    assert found == {("Participant", "The envoy"), ("Participant", "the minister")}


def test_whom_a_broadcast_is_told_to_is_its_recipient(parse) -> None:
    text = "The spokesman told reporters about the plan."
    found = arguments(parse, text, "told", "Contact.Contact", subtype="Broadcast")
    assert found == {("Communicator", "The spokesman"), ("Recipient", "reporters")}


def test_an_unknown_word_class_is_an_error() -> None:
    from kg.extract.event_arguments import word_class

    assert "flee" in word_class("departure")
    with pytest.raises(ValueError, match="unknown word class"):
        word_class("weapons")


def test_a_persons_someone_is_not_that_person(facts_of) -> None:
    """ "John Smith's lawyer" is not John Smith; "Russia's soldiers" are Russia's."""
    facts = facts_of("Police arrested John Smith's lawyer. Russia's soldiers attacked the town.")
    assert named(facts, "Justice.ArrestJailDetain") >= {("Detainee", "John Smith's lawyer", None)}
    assert ("Attacker", "Russia's soldiers", "Russia") in named(facts, "Conflict.Attack")


def test_a_stance_names_no_participant(facts_of) -> None:
    """ "pro-Beijing candidates" are not Beijing."""
    facts = facts_of("Other pro-Beijing candidates elected were Gary Chan of DAB.")
    candidates = {a for a in named(facts, "Personnel.Elect") if a[0] == "Candidate"}
    assert ("Candidate", "Other pro-Beijing candidates", None) in candidates
    assert not any(entity == "Beijing" for _, _, entity in candidates)
