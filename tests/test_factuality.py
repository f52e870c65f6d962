"""Factuality of events: asserted, negated or hypothetical, from cue words that govern the trigger.

Each rule has a sentence where it must fire and one where it must not. The sentences are
written for these tests; they are not taken from any benchmark.
"""

from __future__ import annotations

from importlib import resources

import pytest
from spacy.language import Language

import kg
from kg.extract.factuality import RELATIONS, factuality_of, load_cues
from kg.model import FACTUALITIES


@pytest.fixture(scope="module")
def nlp() -> Language:
    from kg.nlp.load import load_pipeline

    return load_pipeline()


def factuality(nlp: Language, sentence: str, trigger: str) -> str:
    """The factuality of the one word `trigger` of the sentence, as events.py asks for it."""
    (token,) = [t for t in nlp(sentence) if t.text == trigger]
    return factuality_of(token)


NEGATED = [
    # what a ban, a block or a guard keeps from happening
    ("Their aircraft are banned from flying over Europe.", "flying", "negated"),
    ("Guards stopped him from leaving the country.", "leaving", "negated"),
    ("He returned from Florida after traveling for weeks.", "traveling", "asserted"),
    # a negation on the verb
    ("Police did not arrest him.", "arrest", "negated"),
    ("Police arrested him.", "arrested", "asserted"),
    ("He never met Putin.", "met", "negated"),
    ("He met Putin twice.", "met", "asserted"),
    ("He was not only arrested but also charged.", "arrested", "asserted"),
    ("He was not only arrested but also charged.", "charged", "asserted"),
    # a conjunct after "or" shares the negation; not after "and", "but" or with a subject
    ("Police did not arrest or charge him.", "charge", "negated"),
    ("He was not charged and was released on bail.", "released", "asserted"),
    ("He was not hurt, but two others were killed.", "killed", "asserted"),
    ("Police will arrest and charge him.", "charge", "hypothetical"),
    # "no" on a nominal trigger, and on a conjunct of it
    ("No injuries or deaths were reported.", "injuries", "negated"),
    ("No injuries or deaths were reported.", "deaths", "negated"),
    ("Two injuries were reported.", "injuries", "asserted"),
    # a subject or object that names nobody
    ("Nobody was killed.", "killed", "negated"),
    ("No one was hurt in the blast.", "hurt", "negated"),
    ("None of the passengers were injured.", "injured", "negated"),
    ("Police arrested no one.", "arrested", "negated"),
    ("Not a single shot was fired.", "fired", "negated"),
    ("Neither side attacked.", "attacked", "negated"),
    ("A soldier was killed.", "killed", "asserted"),
    ("Either side attacked.", "attacked", "asserted"),
    ("Police arrested one man.", "arrested", "asserted"),
    # "without"
    ("The rebels surrendered without a fight.", "fight", "negated"),
    ("The rebels surrendered after a fight.", "fight", "asserted"),
    # refused and failed: the event did not happen; "failed to stop" keeps the attack
    ("He refused to meet the envoy.", "meet", "negated"),
    ("Police failed to arrest him.", "arrest", "negated"),
    ("Police failed to stop the attack.", "attack", "asserted"),
    # implicative verbs pass their own factuality down
    ("He managed to flee.", "flee", "asserted"),
    ("Police have yet to arrest anyone.", "arrest", "negated"),
    ("Police have had to arrest him.", "arrest", "asserted"),
    ("He did not manage to flee.", "flee", "negated"),
    # a modal of ability with a negation
    ("He could not flee.", "flee", "negated"),
    ("He could flee.", "flee", "hypothetical"),
    ("He can't travel.", "travel", "negated"),
    # an event noun as object of a verb that stops it
    ("Officials cancelled the meeting.", "meeting", "negated"),
    ("The summit was cancelled.", "summit", "negated"),
    ("The army foiled an attack on the base.", "attack", "negated"),
    ("Officials attended the meeting.", "meeting", "asserted"),
    ("Police failed to prevent the attack.", "attack", "asserted"),
    ("The attack could have been prevented.", "attack", "asserted"),
    ("The court blocked the sale.", "sale", "negated"),
    ("The court approved the sale.", "sale", "asserted"),
    # an event noun with a light verb takes the verb's negation; other verbs keep theirs
    ("The meeting did not take place.", "meeting", "negated"),
    ("There was not any fighting.", "fighting", "negated"),
    ("Police have not made any arrests.", "arrests", "negated"),
    ("The meeting took place.", "meeting", "asserted"),
    ("He did not attend the meeting.", "meeting", "asserted"),
    ("Police did not report any injuries.", "injuries", "negated"),
    ("Police did not report the attack.", "attack", "asserted"),
    ("The blast did not cause any injuries.", "injuries", "negated"),
    ("The blast did not cause any injuries.", "blast", "asserted"),
    ("The answer is not more threats.", "threats", "asserted"),
    # a transparent noun: "no reports of injuries" is no injuries
    ("There were no reports of injuries.", "injuries", "negated"),
    ("There were reports of injuries.", "injuries", "asserted"),
]

HYPOTHETICAL = [
    # modal and future auxiliaries
    ("He may resign.", "resign", "hypothetical"),
    ("Trump will meet Kim.", "meet", "hypothetical"),
    ("They won't attack.", "attack", "hypothetical"),
    ("He resigned.", "resigned", "asserted"),
    ("He is going to resign.", "resign", "hypothetical"),
    ("He was going home when the bomb exploded.", "exploded", "asserted"),
    # conditionals: the if clause, and its main clause with a modal or in the present
    ("If the ceasefire collapses, fighting could resume.", "fighting", "hypothetical"),
    ("If he is arrested, he will be extradited.", "arrested", "hypothetical"),
    ("If he is arrested, he will be extradited.", "extradited", "hypothetical"),
    ("If talks fail, the army attacks the city.", "attacks", "hypothetical"),
    ("After the ceasefire collapsed, fighting resumed.", "fighting", "asserted"),
    ("Police did not say whether he was arrested.", "arrested", "hypothetical"),
    ("Police said that he was arrested.", "arrested", "asserted"),
    # a condition spaCy hangs on the main clause when an aside follows it
    ("He would face trial, unless of course, he returned.", "returned", "hypothetical"),
    ("As chairman, he returned to Paris.", "returned", "asserted"),
    ("In any case, he returned to Paris.", "returned", "asserted"),
    # verbs, adjectives and nouns of intention, plan, threat, expectation, wish, request
    ("The government plans to hold talks.", "talks", "hypothetical"),
    ("He threatened to bomb the city.", "bomb", "hypothetical"),
    ("He threatened not to attack.", "attack", "hypothetical"),
    ("The minister is expected to resign.", "resign", "hypothetical"),
    ("The company wants to buy Twitter.", "buy", "hypothetical"),
    ("The UN urged police to arrest the suspects.", "arrest", "hypothetical"),
    ("They agreed to meet next week.", "meet", "hypothetical"),
    ("The president is about to resign.", "resign", "hypothetical"),
    ("He is likely to resign.", "resign", "hypothetical"),
    ("A plan to attack the city was uncovered.", "attack", "hypothetical"),
    ("Israel is preparing to invade Gaza.", "invade", "hypothetical"),
    ("The rebels vowed to attack the capital.", "attack", "hypothetical"),
    ("He sought to buy the club.", "buy", "hypothetical"),
    ("He attempted to flee.", "flee", "hypothetical"),
    ("They called for the release of the prisoners.", "release", "hypothetical"),
    ("Officials fear an attack.", "attack", "hypothetical"),
    ("He faces extradition to Russia.", "extradition", "hypothetical"),
    ("He was released pending trial.", "trial", "hypothetical"),
    ("He was released after the trial.", "trial", "asserted"),
    ("Attack plans were found.", "Attack", "hypothetical"),
    ("They signed a deal to buy ten jets.", "buy", "hypothetical"),
    ("The meeting is set to take place in May.", "meeting", "hypothetical"),
    ("The summit scheduled for May was welcomed.", "summit", "hypothetical"),
    ("Rebels continued to fight.", "fight", "asserted"),
    ("The meeting seemed to take place in May.", "meeting", "asserted"),
    ("The attack carried out by rebels was condemned.", "attack", "asserted"),
    ("They celebrated the release of the prisoners.", "release", "asserted"),
    ("Attack victims were found.", "Attack", "asserted"),
    # a clause of purpose; a hypothetical main clause reaches its adverbial clauses
    ("Troops were deployed to fight the rebels.", "fight", "hypothetical"),
    ("Troops were deployed and fought the rebels.", "fought", "asserted"),
    ("He will be arrested when he arrives.", "arrives", "hypothetical"),
    ("He was not in Paris when the bomb exploded.", "exploded", "asserted"),
    ("Prices may rise because rebels attacked the port.", "attacked", "asserted"),
    # claims the source marks as not established
    ("Russia denied that Trump had met Putin.", "met", "hypothetical"),
    ("He denied attacking the officer.", "attacking", "hypothetical"),
    ("Russia said that Trump had met Putin.", "met", "asserted"),
    ("He rejected allegations that he had attacked a guard.", "attacked", "hypothetical"),
    ("Moscow denied reports that its jets had bombed a hospital.", "bombed", "hypothetical"),
    ("There were reports that jets had bombed a hospital.", "bombed", "asserted"),
    ("The man killed in the attack was a soldier.", "killed", "asserted"),
    ("Rebels allegedly killed ten people.", "killed", "hypothetical"),
    ("Rebels killed ten people.", "killed", "asserted"),
    ("The alleged attack took place on Monday.", "attack", "hypothetical"),
    ("The attack took place on Monday.", "attack", "asserted"),
    ("He is accused of killing his wife.", "killing", "hypothetical"),
    ("He was arrested on suspicion of murder.", "murder", "hypothetical"),
    ("He was charged with killing two people.", "killing", "hypothetical"),
    ("He was convicted of murder.", "murder", "asserted"),
    ("He is believed to have fled the country.", "fled", "hypothetical"),
    ("He is known to have fled the country.", "fled", "asserted"),
    ("There were rumours of an attack.", "attack", "hypothetical"),
    ("There were reports of an attack.", "attack", "asserted"),
    ("Hopes for a meeting grew.", "meeting", "hypothetical"),
    # yes/no questions; a wh-question takes the event as given
    ("Did Russia attack Ukraine?", "attack", "hypothetical"),
    ('"Did they attack the base?" he asked.', "attack", "hypothetical"),
    ("Who attacked the embassy?", "attacked", "asserted"),
    ("Why did they attack us?", "attack", "asserted"),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), NEGATED)
def test_negation_rules(nlp: Language, sentence: str, trigger: str, expected: str) -> None:
    assert factuality(nlp, sentence, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), HYPOTHETICAL)
def test_hypothetical_rules(nlp: Language, sentence: str, trigger: str, expected: str) -> None:
    assert factuality(nlp, sentence, trigger) == expected


def test_every_event_of_the_library_carries_its_factuality() -> None:
    (article,) = kg.extract(["Police did not arrest him. Two soldiers were killed."])
    found = {event["type"]: event["factuality"] for event in article["events"]}
    assert found["Justice.ArrestJailDetain"] == "negated"
    assert found["Life.Die"] == "asserted"


def test_the_cue_table_is_sorted_unique_and_closed() -> None:
    text = resources.files("kg.data").joinpath("factuality_cues.tsv").read_text("utf-8")
    header, *rows = text.splitlines()
    assert header.split("\t") == ["relation", "cue", "makes"]
    assert rows == sorted(rows)
    keys = [tuple(row.split("\t")[:2]) for row in rows]
    assert len(keys) == len(set(keys))
    for relation, words in load_cues().items():
        assert relation in RELATIONS or relation.startswith("prep:")
        assert set(words.values()) <= set(FACTUALITIES)


def test_a_list_a_thousand_conjuncts_deep_is_read_without_recursion(nlp: Language) -> None:
    doc = nlp("There were no " + ", ".join(["attacks"] * 1200) + " or deaths.")
    found = [factuality_of(token) for token in doc if token.text in ("attacks", "deaths")]
    assert len(found) == 1201
    assert found[0] == "negated"
    assert set(found) <= set(FACTUALITIES)
