"""Mentions of one event in an article joined into one Event (kg.extract.event_join).

The rules are shown on hand-made mentions (a blank spaCy pipeline gives the trigger tokens),
then on sentences the whole extractor reads.
"""

from __future__ import annotations

import pytest
import spacy

from kg.extract.anchors import Anchors
from kg.extract.event_join import EventMention, compatible_dates, join_mentions
from kg.model import EventArgument, Span

TEXT = "arrested arrest traveled returned traveling attack bombing died went"
_DOC = spacy.blank("en")(TEXT)
_ANCHORS = Anchors(_DOC, (), sentence_starts=[0])


def mention(word: str, kind: str, *roles: tuple[str, str], date: str | None = None, **kw):
    """A mention of `kind` triggered by `word` of TEXT, with (role, entity id) arguments."""
    (token,) = [t for t in _DOC if t.text == word]
    arguments = [EventArgument(role, entity, Span(0, 1)) for role, entity in roles]
    return EventMention(kind, None, token, arguments, date=date, **kw)


def joined(*mentions: EventMention) -> list[int]:
    """How many mentions each joined event has."""
    return [len(event.triggers) for event in join_mentions(list(mentions), _ANCHORS)]


ARREST = "Justice.ArrestJailDetain"
TRAVEL = "Movement.Transportation"


def test_two_mentions_of_one_arrest_join() -> None:
    # "Police arrested Smith ... the arrest of Smith"
    assert joined(
        mention("arrested", ARREST, ("Detainee", "e1")),
        mention("arrest", ARREST, ("Detainee", "e1")),
    ) == [2]


def test_arrests_of_two_people_stay_apart() -> None:
    # "Police arrested Smith ... police also arrested Jones"
    assert joined(
        mention("arrested", ARREST, ("Detainee", "e1")),
        mention("arrest", ARREST, ("Detainee", "e2")),
    ) == [1, 1]


def test_an_asserted_and_a_negated_arrest_stay_apart() -> None:
    # "Police arrested Smith ... they did not arrest him in Paris"
    assert joined(
        mention("arrested", ARREST, ("Detainee", "e1")),
        mention("arrest", ARREST, ("Detainee", "e1"), factuality="negated"),
    ) == [1, 1]


def test_dates_join_when_one_is_a_prefix_of_the_other() -> None:
    # "arrested on 4 December 2019 ... the arrest in 2019"
    events = join_mentions(
        [mention("arrested", ARREST, date="2019"), mention("arrest", ARREST, date="2019-12-04")],
        _ANCHORS,
    )
    assert [(len(e.triggers), e.date) for e in events] == [(2, "2019-12-04")]


def test_different_dates_stay_apart() -> None:
    # "arrested in November 2019 ... an arrest on 4 December 2019"
    assert joined(
        mention("arrested", ARREST, date="2019-11"), mention("arrest", ARREST, date="2019-12-04")
    ) == [1, 1]


def test_a_date_of_words_beats_the_date_a_tense_gives() -> None:
    # "Police have arrested Smith ... the arrest on Monday": Monday's arrest
    tensed = ("2019-12", Span(0, 4))
    events = join_mentions(
        [
            mention("arrested", ARREST, ("Detainee", "e1"), tense_date=tensed),
            mention("arrest", ARREST, ("Detainee", "e1"), date="2019-12-02"),
        ],
        _ANCHORS,
    )
    assert [(len(e.triggers), e.date) for e in events] == [(2, "2019-12-02")]


def test_an_event_no_words_date_takes_its_tense_date_when_asserted() -> None:
    # "Police have arrested Smith": the article's month; "may have arrested": none
    tensed = ("2019-12", Span(9, 12))
    asserted = join_mentions([mention("arrested", ARREST, tense_date=tensed)], _ANCHORS)
    assert [(e.date, e.date_evidence) for e in asserted] == [tensed]
    doubted = mention("arrested", ARREST, tense_date=tensed, factuality="hypothetical")
    assert [e.date for e in join_mentions([doubted], _ANCHORS)] == [None]


def test_compatible_dates() -> None:
    assert compatible_dates("2019", "2019-12-04")
    assert compatible_dates(None, "2019-12")
    assert not compatible_dates("2019-11", "2019-12-04")


def test_travel_and_return_stay_apart() -> None:
    # "Smith traveled to Paris ... he returned to Paris": a journey out and one back
    assert joined(
        mention("traveled", TRAVEL, ("Destination", "e2")),
        mention("returned", TRAVEL, ("Destination", "e2")),
    ) == [1, 1]


def test_journeys_of_two_travellers_stay_apart() -> None:
    # "Montalvo traveled to Florida ... officials went to the station"
    assert joined(
        mention("traveled", TRAVEL, ("Transporter", "e1")),
        mention("went", TRAVEL, ("Transporter", "e6")),
    ) == [1, 1]


def test_origin_of_one_journey_as_destination_of_another_keeps_them_apart() -> None:
    # "Smith traveled from Florida ... he is traveling to Florida"
    assert joined(
        mention("traveled", TRAVEL, ("Origin", "e3")),
        mention("traveling", TRAVEL, ("Destination", "e3")),
    ) == [1, 1]


def test_journeys_naming_no_place_in_common_stay_apart() -> None:
    # "traveled to a building in California ... traveling from Florida"
    assert joined(
        mention("traveled", TRAVEL, ("Place", "e7")),
        mention("traveling", TRAVEL, ("Origin", "e3")),
    ) == [1, 1]


def test_mentions_of_one_journey_join() -> None:
    # "Smith traveled from Florida to Boston ... while traveling to Boston"
    assert joined(
        mention("traveled", TRAVEL, ("Origin", "e3"), ("Destination", "e4")),
        mention("traveling", TRAVEL, ("Destination", "e4")),
    ) == [2]


def test_attack_and_bombing_of_one_place_and_date_join() -> None:
    # "the attack in Kabul on Monday ... the bombing in Kabul on Monday"
    assert joined(
        mention("attack", "Conflict.Attack", ("Place", "e5"), date="2019-12-02"),
        mention("bombing", "Conflict.Attack", ("Place", "e5"), date="2019-12-02"),
    ) == [2]


def test_an_event_takes_the_subtype_a_later_mention_gives() -> None:
    # "the attack in Kabul ... the explosion in Kabul"
    attack = mention("attack", "Conflict.Attack", ("Place", "e5"))
    explosion = mention("bombing", "Conflict.Attack", ("Place", "e5"))
    explosion.subtype = "DetonateExplode"
    (event,) = join_mentions([attack, explosion], _ANCHORS)
    assert event.subtype == "DetonateExplode"


def test_attacks_sharing_neither_victim_nor_place_stay_apart() -> None:
    # "an attack in Kabul ... a bombing" (another one, unplaced)
    assert joined(
        mention("attack", "Conflict.Attack", ("Place", "e5")),
        mention("bombing", "Conflict.Attack"),
    ) == [1, 1]


def test_many_mentions_join_in_linear_time() -> None:
    # an article repeating one arrest a thousand times is one event, quickly
    many = [mention("arrest", ARREST, ("Detainee", "e1")) for _ in range(1_000)]
    assert joined(*many) == [1_000]


def test_traveling_back_is_a_journey_back(facts_of) -> None:
    facts = facts_of("John Smith traveled to Boston. Later, he was traveling back to Boston.")
    assert len([e for e in facts.events if e.type == TRAVEL]) == 2
    facts = facts_of("John Smith traveled to Boston. He was traveling to Boston for work.")
    assert len([e for e in facts.events if e.type == TRAVEL]) == 1


@pytest.fixture(scope="module")
def travels(facts_of):
    text = (
        "John Smith traveled from Florida to New York on Monday. He returned to Florida on Friday."
    )
    facts = facts_of(text)
    return facts, [e for e in facts.events if e.type == TRAVEL]


def test_issue_travel_example_gives_two_journeys(travels) -> None:
    facts, events = travels
    names = {e.id: e.name for e in facts.entities}
    assert len(events) == 2
    for event in events:
        origins = {names[a.entity] for a in event.arguments if a.role == "Origin" and a.entity}
        targets = {names[a.entity] for a in event.arguments if a.role == "Destination" and a.entity}
        assert not origins & targets  # Florida is never both


def test_two_arrests_in_one_article_are_two_events(facts_of) -> None:
    facts = facts_of("Police arrested John Smith in Paris. Police also arrested Mary Jones.")
    assert len([e for e in facts.events if e.type == ARREST]) == 2


def test_an_attack_and_the_bombing_of_one_place_are_one_event(facts_of) -> None:
    text = "A car bomb attack in Kabul killed ten people. The bombing in Kabul shocked many."
    (attack,) = [e for e in facts_of(text).events if e.type == "Conflict.Attack"]
    assert len(attack.triggers) == 2


def test_arrest_and_the_arrest_are_one_event(facts_of) -> None:
    facts = facts_of("Police arrested John Smith on Monday. The arrest of Smith surprised many.")
    (arrest,) = [e for e in facts.events if e.type == ARREST]
    assert len(arrest.triggers) == 2


# Joining gives an undated mention the date of the other: only with a sign of one event


def dates(*mentions: EventMention) -> list[tuple[int, str | None]]:
    """How many mentions each joined event has, and its date."""
    return [(len(e.triggers), e.date) for e in join_mentions(list(mentions), _ANCHORS)]


def test_an_undated_mention_naming_the_dated_ones_participant_takes_its_date() -> None:
    # "Police arrested Smith on Monday ... the arrest of Smith"
    assert dates(
        mention("arrested", ARREST, ("Detainee", "e1"), date="2019-12-02"),
        mention("arrest", ARREST, ("Detainee", "e1")),
    ) == [(2, "2019-12-02")]


def test_an_undated_mention_sharing_no_participant_keeps_no_date() -> None:
    # "The request was made in 2010 ... requests have come from Bogliasco"
    assert dates(
        mention("arrested", ARREST, date="2010"),
        mention("arrest", ARREST, ("Agent", "e4")),
    ) == [(1, "2010"), (1, None)]
    # and the other way round: a dated mention does not date an undated one it shares
    # nothing with
    assert dates(
        mention("arrest", ARREST, ("Agent", "e4")),
        mention("arrested", ARREST, date="2010"),
    ) == [(1, None), (1, "2010")]


def test_a_shared_place_alone_is_no_sign_of_one_event() -> None:
    # "arrested in Moscow on Monday ... arrested in Moscow"
    assert dates(
        mention("arrested", ARREST, ("Place", "e5"), date="2019-12-02"),
        mention("arrest", ARREST, ("Place", "e5")),
    ) == [(1, "2019-12-02"), (1, None)]


def test_a_mention_with_a_time_of_its_own_keeps_it() -> None:
    # "On August 24, Jobs resigned ... One year later he was fired"
    assert dates(
        mention("arrested", ARREST, ("Detainee", "e1"), date="2011-08-24"),
        mention("arrest", ARREST, ("Detainee", "e1"), timed=True),
    ) == [(1, "2011-08-24"), (1, None)]


def test_two_undated_mentions_join_as_before() -> None:
    assert dates(mention("arrested", ARREST), mention("arrest", ARREST, ("Agent", "e4"))) == [
        (2, None)
    ]


@pytest.fixture(scope="module")
def dated_facts_of():
    """The facts of a short text of Wednesday 2019-12-04."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    def run(text: str):
        return next(analyse_articles([Article(id="t", text=text, date="2019-12-04")]))

    return run


def test_the_arrest_points_back_at_the_dated_arrest(dated_facts_of) -> None:
    facts = dated_facts_of("John Smith was arrested on Monday. The arrest surprised many.")
    (arrest,) = [e for e in facts.events if e.type == ARREST]
    assert (len(arrest.triggers), arrest.date) == (2, "2019-12-02")


def test_a_later_firing_is_not_the_dated_resignation(dated_facts_of) -> None:
    text = "On August 24, John Smith resigned from his post. One year later he was fired."
    ends = [e for e in dated_facts_of(text).events if e.type == "Personnel.EndPosition"]
    assert sorted((len(e.triggers), e.date or "") for e in ends) == [(1, ""), (1, "2019-08-24")]
