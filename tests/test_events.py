"""Events and statements (kg.extract.events, kg.extract.statements) on the seed and sentences."""

from __future__ import annotations

import pytest


def events_of(facts, kind: str) -> list:
    return [e for e in facts.events if e.type == kind]


def roles(facts, event) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in facts.entities}
    return {(a.role, names[a.entity]) for a in event.arguments if a.entity}


def test_seed_sentence_of_seleznev_in_the_united_states_in_2017(seed_facts) -> None:
    (sentence,) = events_of(seed_facts, "Justice.Sentence")
    assert ("Defendant", "Roman Seleznev") in roles(seed_facts, sentence)
    assert ("Place", "United States") in roles(seed_facts, sentence)
    assert sentence.date == "2017"
    # two mentions ("has been sentenced", "was sentenced") are one event node
    assert len(sentence.triggers) == 2


def test_seed_arrest_in_the_maldives(seed_facts) -> None:
    arrests = events_of(seed_facts, "Justice.ArrestJailDetain")
    assert any(("Place", "Maldives") in roles(seed_facts, e) for e in arrests)


def test_seed_extradition_to_the_united_states(seed_facts) -> None:
    (extradition,) = events_of(seed_facts, "Justice.Extradite")
    assert ("Destination", "United States") in roles(seed_facts, extradition)
    # "his extradition": the pronoun stands for Seleznev
    assert ("Defendant", "Roman Seleznev") in roles(seed_facts, extradition)


def test_seed_attack_in_morocco_in_2011(seed_facts) -> None:
    attacks = events_of(seed_facts, "Conflict.Attack")
    assert any(("Place", "Morocco") in roles(seed_facts, e) and e.date == "2011" for e in attacks)


def test_seed_statement_by_antonov_on_2019_12_02(seed_facts) -> None:
    statements = [
        e
        for e in events_of(seed_facts, "Contact.Contact")
        if ("Communicator", "Anatoly Antonov") in roles(seed_facts, e)
    ]
    dated = [e for e in statements if e.date == "2019-12-02"]
    assert dated and dated[0].subtype == "Correspondence"
    assert dated[0].quote.startswith("I would like to draw your attention")
    # the event date is kept apart from the publication date, which is the article's
    assert seed_facts.article.date == "2019-12-02"


def test_statement_quotes_the_article_as_written(facts_of) -> None:
    # spaCy reads an ALL-CAPS line in headline case (kg.nlp.load.analysis_text), here one line
    # of a hard-wrapped quotation; the quote of the statement is the article's own words
    text = 'Angela Merkel said: "We\nWILL NOT ACCEPT THIS ULTIMATUM\nfrom Moscow," she added.'
    facts = facts_of(text)
    (statement,) = events_of(facts, "Contact.Contact")
    assert ("Communicator", "Angela Merkel") in roles(facts, statement)
    assert statement.quote == "We\nWILL NOT ACCEPT THIS ULTIMATUM\nfrom Moscow,"


def test_event_ids_are_unique_and_triggers_in_text_order(seed_facts) -> None:
    ids = [e.id for e in seed_facts.events]
    assert len(ids) == len(set(ids))
    for event in seed_facts.events:
        starts = [t.start for t in event.triggers]
        assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (
            "Police arrested Ivan Petrov in Germany last week.",
            "Justice.ArrestJailDetain",
            {("Detainee", "Ivan Petrov"), ("Place", "Germany")},
        ),
        (
            "Rebels attacked Mosul on Monday.",
            "Conflict.Attack",
            {("Attacker", "Rebels"), ("Target", "Mosul")},
        ),
        (
            "Angela Merkel met Emmanuel Macron in Paris.",
            "Contact.Contact",
            {("Participant", "Angela Merkel"), ("Place", "Paris")},
        ),
    ],
)
def test_sentences_give_their_events(facts_of, text: str, kind: str, expected: set) -> None:
    facts = facts_of(text)
    found = set().union(*(roles(facts, e) for e in events_of(facts, kind)))
    assert expected <= found


def spans(facts, kind: str) -> set[tuple[str, str]]:
    """(role, words) of every argument of the events of one type, named or not."""
    text = facts.article.text
    return {
        (a.role, text[a.evidence.start : a.evidence.end])
        for e in events_of(facts, kind)
        for a in e.arguments
    }


# (sentence, event type, arguments it must give, arguments it must not give): each argument
# rule of kg.extract.event_arguments once where it fires and once where it must stay silent.
ARGUMENT_RULES = [
    # the noun phrase is the argument, not the demonym inside it
    (
        "Three Russian soldiers were wounded.",
        "Life.Injure",
        {("Victim", "Three Russian soldiers")},
        {("Victim", "Russian")},
    ),
    # numbers and group pronouns fill roles; a verb joined by "and" shares the subject
    (
        "They killed 23 soldiers and injured another 15.",
        "Life.Injure",
        {("Injurer", "They"), ("Victim", "another 15")},
        {("Victim", "They")},
    ),
    # what explodes is the device, never the attacker; a noun of place is a place
    (
        "A bomb exploded in the market.",
        "Conflict.Attack",
        {("ExplosiveDevice", "A bomb"), ("Place", "the market")},
        {("Attacker", "A bomb")},
    ),
    # the object of "detonated" is the device, not the target
    (
        "Rebels detonated two bombs.",
        "Conflict.Attack",
        {("Attacker", "Rebels"), ("ExplosiveDevice", "two bombs")},
        {("Target", "two bombs")},
    ),
    # a weapon in a "with" phrase is the instrument; a companion is nothing
    (
        "Gunmen attacked the convoy with rifles.",
        "Conflict.Attack",
        {("Attacker", "Gunmen"), ("Target", "the convoy"), ("Instrument", "rifles")},
        set(),
    ),
    (
        "Gunmen attacked the convoy with their allies.",
        "Conflict.Attack",
        {("Attacker", "Gunmen")},
        {("Instrument", "their allies"), ("Target", "their allies")},
    ),
    # Life.Die has no instrument in KAIROS, and a weapon is no killer
    (
        "An IED killed two soldiers.",
        "Life.Die",
        {("Victim", "two soldiers")},
        {("Killer", "An IED"), ("Instrument", "An IED")},
    ),
    # the subject of "launched attacks" is the attacker
    (
        "Insurgents launched attacks on the base.",
        "Conflict.Attack",
        {("Attacker", "Insurgents"), ("Target", "the base")},
        set(),
    ),
    (
        "Reporters watched the attacks.",
        "Conflict.Attack",
        set(),
        {("Attacker", "Reporters")},
    ),
    # every member of a coordination or an "including" list
    (
        "Police arrested ten activists, including Maria Lopez and Juan Perez.",
        "Justice.ArrestJailDetain",
        {("Detainee", "ten activists"), ("Detainee", "Maria Lopez"), ("Detainee", "Juan Perez")},
        set(),
    ),
    # an event is no place and no participant; a time is no target
    (
        "Two people died in the attack on 13 September.",
        "Life.Die",
        {("Victim", "Two people")},
        {("Place", "the attack")},
    ),
    (
        "There was an attack on 13 September.",
        "Conflict.Attack",
        set(),
        {("Target", "13 September")},
    ),
    # an attack noun's target: the object of the verb it is the subject of
    (
        "The explosion destroyed a bakery.",
        "Conflict.Attack",
        {("Target", "a bakery")},
        set(),
    ),
    # who rents receives the goods; who suffers injuries is their victim
    (
        "McVeigh rented a truck.",
        "Transaction.ExchangeBuySell",
        {("Recipient", "McVeigh"), ("AcquiredEntity", "a truck")},
        {("Giver", "McVeigh")},
    ),
    (
        "Thirteen people suffered injuries.",
        "Life.Injure",
        {("Victim", "Thirteen people")},
        set(),
    ),
    # "ordered the departure" names what was asked, "ordered them to leave" whom
    (
        "The ministry ordered the departure of its staff.",
        "Contact.RequestCommand",
        set(),
        {("Recipient", "the departure")},
    ),
    (
        "The ministry ordered them to leave.",
        "Contact.RequestCommand",
        {("Recipient", "them")},
        set(),
    ),
    # only movements have a destination
    (
        "Rebels attacked the convoy from the hills.",
        "Conflict.Attack",
        {("Attacker", "Rebels")},
        {("Origin", "the hills")},
    ),
]


@pytest.mark.parametrize("text, kind, present, absent", ARGUMENT_RULES)
def test_argument_rules(facts_of, text: str, kind: str, present: set, absent: set) -> None:
    found = spans(facts_of(text), kind)
    assert present <= found, f"missing {present - found}; found {found}"
    assert not absent & found


def test_an_exploding_device_makes_the_attack_a_detonation(facts_of) -> None:
    facts = facts_of("Rebels attacked the convoy with a car bomb.")
    (attack,) = events_of(facts, "Conflict.Attack")
    assert attack.subtype == "DetonateExplode"
    assert ("ExplosiveDevice", "a car bomb") in spans(facts, "Conflict.Attack")
    # no device, no detonation
    (attack,) = events_of(facts_of("Rebels attacked the convoy."), "Conflict.Attack")
    assert attack.subtype is None


def test_a_city_before_an_attack_noun_is_its_place_not_its_attacker(facts_of) -> None:
    facts = facts_of("The Paris bombing shocked France.")
    (attack,) = events_of(facts, "Conflict.Attack")
    assert roles(facts, attack) == {("Place", "Paris")}


def test_the_trigger_table_rejects_types_outside_the_vocabulary() -> None:
    from kg.extract.events import TriggerTableError, parse_triggers

    header = "word\tpos\ttype\tsubtype\n"
    assert parse_triggers(header + "bomb\tVERB\tConflict.Attack\t\n") == {
        "bomb": (frozenset({"VERB"}), "Conflict.Attack", None)
    }
    with pytest.raises(TriggerTableError, match=r"Conflict\.Bombing"):
        parse_triggers(header + "bomb\tVERB\tConflict.Bombing\t\n")
    with pytest.raises(TriggerTableError, match="subtype"):
        parse_triggers(header + "bomb\tVERB\tConflict.Attack\tCarBomb\n")
    with pytest.raises(TriggerTableError, match="part of speech"):
        parse_triggers(header + "bomb\tADV\tConflict.Attack\t\n")


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        # a word that names an event only as a verb: "sentenced" is, "a sentence" is not
        ("A judge sentenced Ivan Petrov.", "Justice.Sentence", 1),
        ("Ivan Petrov served a long sentence.", "Justice.Sentence", 0),
        # adjectives that are triggers: "were injured", "the injured man", "found dead"
        ("Two soldiers were injured.", "Life.Injure", 1),
        ("The injured man was taken away.", "Life.Injure", 1),
        ("Five people were found dead.", "Life.Die", 1),
        ("The roads were icy.", "Life.Die", 0),
        # a word of its own as a noun, a form of its verb as a verb
        ("The stabbing shocked the town.", "Conflict.Attack", 1),
        ("A man stabbed a guard.", "Conflict.Attack", 1),
        ("He made a stab at the title.", "Conflict.Attack", 0),
        # an irregular form listed as a word: "slain"
        ("Two officers were slain.", "Life.Die", 1),
        ("The layoffs hit 300 workers.", "Personnel.EndPosition", 1),
        ("The layout hit 300 readers.", "Personnel.EndPosition", 0),
    ],
)
def test_trigger_parts_of_speech(facts_of, text: str, kind: str, expected: int) -> None:
    assert len(events_of(facts_of(text), kind)) == expected


def test_the_trigger_table_is_sorted_with_one_row_per_word() -> None:
    from importlib import resources

    table = resources.files("kg.data").joinpath("event_triggers.tsv").read_text("utf-8")
    header, *rows = table.splitlines()
    assert header == "word\tpos\ttype\tsubtype"
    assert rows == sorted(rows)
    words = [row.split("\t")[0] for row in rows]
    assert len(words) == len(set(words))


def test_the_noun_that_points_back_to_no_event_is_none(facts_of) -> None:
    """A bare definite noun names what the same noun named before: a product demonstration
    stays one, a street demonstration stays an event (and one event)."""
    product = facts_of(
        "Sony showed a PlayStation VR demonstration of the game. "
        "The demonstration took players to a cave."
    )
    assert events_of(product, "Conflict.Demonstrate") == []
    protest = facts_of(
        "Thousands joined a demonstration in Paris. The demonstration turned violent."
    )
    assert [len(e.triggers) for e in events_of(protest, "Conflict.Demonstrate")] == [2]


def test_a_noun_before_a_noun_does_not_dismiss_the_word(facts_of) -> None:
    """ "the attack plans" name no attack, but "The attack" after them does: only a sense of
    the word (kg/data/event_senses.tsv) makes a later bare mention no event."""
    facts = facts_of("Police found the attack plans on Sunday. The attack killed five people.")
    assert len(events_of(facts, "Conflict.Attack")) == 1
