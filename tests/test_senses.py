"""Word sense of event triggers (kg.extract.senses): the type a trigger takes from its arguments.

Each sense row of kg/data/event_senses.tsv once where it fires and once where the lexicon's
type stands (or no event, where that is the lexicon's answer).
"""

from __future__ import annotations

import pytest

from kg.extract.senses import NO_EVENT, SLOTS, load_classes, load_senses


def types_of(facts) -> set[str]:
    return {event.type for event in facts.events}


DAMAGE = "ArtifactExistence.DamageDestroyDisableDismantle"
# (sentence, an event type it must give or None, an event type it must not give)
SENSE_PAIRS = [
    ("North Korea fired artillery rounds at the border.", "Conflict.Attack", None),
    ("Soldiers fired rockets at the village.", "Conflict.Attack", "Personnel.EndPosition"),
    ("Apple fired the manager in May.", "Personnel.EndPosition", "Conflict.Attack"),
    ("The mayor fired the police chief's deputy.", "Personnel.EndPosition", "Conflict.Attack"),
    ("The king fired the attorney general.", "Personnel.EndPosition", "Conflict.Attack"),
    ("He was fired from the company.", "Personnel.EndPosition", "Conflict.Attack"),
    ("They will fire us if we do not vote.", "Personnel.EndPosition", "Conflict.Attack"),
    ("Police released photos of the suspect.", None, "Justice.ReleaseParole"),
    ("The ministry released a report on Monday.", None, "Justice.ReleaseParole"),
    ("Photos released by the police showed the scene.", None, "Justice.ReleaseParole"),
    ("The band released an album.", None, "Justice.ReleaseParole"),
    ("Iodine released from these chemicals gets into milk.", None, "Justice.ReleaseParole"),
    ("The following year the iPod music player was released.", None, "Justice.ReleaseParole"),
    ("Police released the journalist on Monday.", "Justice.ReleaseParole", None),
    ("He was released on bail on Thursday.", "Justice.ReleaseParole", None),
    ("One of the men was released from custody.", "Justice.ReleaseParole", None),
    ("The company issued a press release.", None, "Justice.ReleaseParole"),
    ("The deal had been killed by the Pentagon.", None, "Life.Die"),
    ("Congress killed the bill.", None, "Life.Die"),
    ("Gunmen killed the mayor.", "Life.Die", None),
    ("Fiat has demonstrated that it can build clean cars.", None, "Conflict.Demonstrate"),
    ("The company demonstrated its new technology.", None, "Conflict.Demonstrate"),
    ("Thousands of protesters demonstrated in the capital.", "Conflict.Demonstrate", None),
    ("She charged her phone overnight.", None, "Justice.ChargeIndict"),
    ("The bank charged a fee.", None, "Justice.ChargeIndict"),
    ("Prosecutors charged him with fraud.", "Justice.ChargeIndict", None),
    ("Airlines charge the airport for the costs.", None, "Justice.ChargeIndict"),
    ("Critics charge that it is a forced labour camp.", None, "Justice.ChargeIndict"),
    ("Workers staged a general strike.", None, "Conflict.Attack"),
    ("The strike by dock workers closed the port.", None, "Conflict.Attack"),
    ("A drone strike hit the convoy.", "Conflict.Attack", None),
    ("The two firms struck a deal.", None, "Conflict.Attack"),
    ("An earthquake struck the region.", None, "Conflict.Attack"),
    ("Rebels struck the base.", "Conflict.Attack", None),
    ("The director shot the film in Rome.", None, "Conflict.Attack"),
    ("A photographer will shoot her new costume.", None, "Conflict.Attack"),
    ("A gunman shot the officer.", "Conflict.Attack", None),
    ("The government vowed to fight inflation.", None, "Conflict.Attack"),
    ("The fight against corruption goes on.", None, "Conflict.Attack"),
    ("Rebels fight the army in the north.", "Conflict.Attack", None),
    ("He has been fighting pancreatic cancer since 2004.", None, "Conflict.Attack"),
    ("The contract was fought for by Boeing and Lockheed.", None, "Conflict.Attack"),
    ("Rebels were fighting in the north.", "Conflict.Attack", None),
    ("The claims raised a conflict of interest.", None, "Conflict.Attack"),
    ("Iodine deficiency can cause brain damage.", None, DAMAGE),
    ("The storm caused damage to the bridge.", DAMAGE, None),
    ("We hit a home run.", None, "Conflict.Attack"),
    ("Our economy is hurting.", None, "Life.Injure"),
    ("Two soldiers were hurt.", "Life.Injure", None),
    ("The documents wound up on the street.", None, "Life.Injure"),
    ("Demand for cars cooled.", None, "Contact.RequestCommand"),
    ("The union refused to meet the demands.", "Contact.RequestCommand", None),
    ("Doctors plan to attack the virus with new drugs.", None, "Conflict.Attack"),
    ("Gunmen attacked the village.", "Conflict.Attack", None),
    ("Militants blow up a bridge every week.", "Conflict.Attack", None),
    ("The bridge was blown up by militants.", "Conflict.Attack", None),
    ("The flag was blown away.", None, "Conflict.Attack"),
    ("The governor called on the prosecutor to investigate.", "Contact.RequestCommand", None),
    ("The governor called the prosecutor.", None, "Contact.RequestCommand"),
    ("The minister came to Paris on Monday.", "Movement.Transportation", None),
    ("The minister came to the conclusion that it failed.", None, "Movement.Transportation"),
    ("Trucks come to the border each day.", "Movement.Transportation", None),
    ("Couriers carry parcels to the station.", "Movement.Transportation", None),
    ("Protesters faced murder charges.", "Justice.ChargeIndict", None),
    ("The phone showed battery charges.", None, "Justice.ChargeIndict"),
    ("Charges against the mayor were filed.", "Justice.ChargeIndict", None),
    ("Police broke up a clash between protesters and police.", "Conflict.Demonstrate", None),
    ("Fighters crossed the border at night.", "Movement.Transportation", None),
    ("The company demonstrated in court.", None, "Conflict.Demonstrate"),
    ("Workers demonstrated in court.", "Conflict.Demonstrate", None),
    ("They drive to the airport.", "Movement.Transportation", None),
    ("He drove to Kansas with the truck.", "Movement.Transportation", None),
    ("He drove to a conclusion.", None, "Movement.Transportation"),
    ("Unions fight against poverty.", None, "Conflict.Attack"),
    ("Rebels fight against the army.", "Conflict.Attack", None),
    ("Workers fight for higher wages.", None, "Conflict.Attack"),
    ("The board fired the veteran as chairman.", "Personnel.EndPosition", None),
    ("The board fired the veteran from the company.", "Personnel.EndPosition", None),
    ("Troops fired from the hills.", "Conflict.Attack", "Personnel.EndPosition"),
    ("The deal will free up funds.", None, "Justice.ReleaseParole"),
    ("Rebels freed the hostages.", "Justice.ReleaseParole", None),
    ("They go to London every year.", "Movement.Transportation", None),
    ("They go to great lengths.", None, "Movement.Transportation"),
    ("The convoy was heading for the border.", "Movement.Transportation", None),
    ("The ship is heading to Libya.", "Movement.Transportation", None),
    ("The suspect was heading toward the centre of Lyon.", "Movement.Transportation", None),
    ("Police are hunting for the suspect.", "Justice.InvestigateCrime", None),
    ("The strike hurt the economy.", None, "Life.Injure"),
    ("The bomb hurt three people.", "Life.Injure", None),
    ("He left the scene on a bike.", "Movement.Transportation", None),
    ("Leave the scene now.", "Movement.Transportation", None),
    ("They moved to London in 1990.", "Movement.Transportation", None),
    ("They moved to a new strategy.", None, "Movement.Transportation"),
    ("The prisoner release took place on Monday.", "Justice.ReleaseParole", None),
    ("The release of the report was delayed.", None, "Justice.ReleaseParole"),
    ("The release of the hostages was delayed.", "Justice.ReleaseParole", None),
    ("A photo shot by a tourist went viral.", None, "Conflict.Attack"),
    ("A computer virus spread quickly.", None, "Disaster.DiseaseOutbreak"),
    ("A new virus spread quickly.", "Disaster.DiseaseOutbreak", None),
    ("He walked into the restaurant.", "Movement.Transportation", None),
    ("He walked into a trap.", None, "Movement.Transportation"),
    ("He walked to the bus depot.", "Movement.Transportation", None),
    ("They went to Paris.", "Movement.Transportation", None),
    ("They went to war.", None, "Movement.Transportation"),
    ("He ran to the station.", "Movement.Transportation", None),
    ("He ran the company.", None, "Movement.Transportation"),
    ("He ran into the house.", "Movement.Transportation", None),
    ("He ran into trouble.", None, "Movement.Transportation"),
    ("She quit her job in May.", "Personnel.EndPosition", None),
    ("She quit smoking in May.", None, "Personnel.EndPosition"),
    ("He quit as coach after the defeat.", "Personnel.EndPosition", None),
    ("The board sacked the manager.", "Personnel.EndPosition", None),
    ("Invaders sacked the city.", None, "Personnel.EndPosition"),
    ("They run into the house.", "Movement.Transportation", None),
    ("They run to the shop every day.", "Movement.Transportation", None),
    ("She returned the money.", None, "Movement.Transportation"),
    ("Unsuccessful claims can be returned quickly.", None, "Movement.Transportation"),
    ("In 1996 Steve Jobs returned to Apple.", None, "Movement.Transportation"),
    ("He returned to the organization in May.", None, "Movement.Transportation"),
    ("The economy returned to growth in May.", None, "Movement.Transportation"),
    ("The minister returned to Moscow.", "Movement.Transportation", None),
    ("Troops returned fire.", "Conflict.Attack", "Movement.Transportation"),
    ("Militias captured the town.", None, "Justice.ArrestJailDetain"),
    ("Police captured the suspect.", "Justice.ArrestJailDetain", None),
    ("Gunmen seized hundreds of hostages.", "Justice.ArrestJailDetain", None),
    ("The minister dismissed the rumours.", None, "Personnel.EndPosition"),
    ("The club dismissed the coach.", "Personnel.EndPosition", None),
    ("The opposition called for nationwide protests.", "Contact.RequestCommand", None),
    ("On Friday, Macron called the explosion an attack.", None, "Contact.RequestCommand"),
    ("Fighters crossed into Dagestan.", "Movement.Transportation", None),
    ("Fighters crossed the line.", None, "Movement.Transportation"),
    ("Two car bombs claimed nine lives.", "Life.Die", None),
    ("Rebels blew up the bridge.", "Conflict.Attack", None),
    ("The wind blew the roof away.", None, "Conflict.Attack"),
    ("He left the scene on a bicycle.", "Movement.Transportation", None),
    ("He left the company in May.", None, "Movement.Transportation"),
    ("Rescuers reached the village.", "Movement.Transportation", None),
    ("The two sides reached an agreement.", None, "Movement.Transportation"),
    ("Police asked residents to leave.", "Contact.RequestCommand", None),
    ("Police asked about the car.", None, "Contact.RequestCommand"),
    ("Thugs were beating opposition politicians.", "Life.Injure", None),
    ("Madrid beat Barcelona in the final.", None, "Life.Injure"),
    ("The doctors hoped to battle the disease.", None, "Conflict.Attack"),
    ("Government troops battle the rebels.", "Conflict.Attack", None),
    ("Thousands joined a rally against the reform.", "Conflict.Demonstrate", None),
    ("Maduro told a campaign rally that he would win.", None, "Conflict.Demonstrate"),
    ("We must counter the threat of terrorism.", None, "Contact.ThreatenCoerce"),
    ("He received threats against his family.", "Contact.ThreatenCoerce", None),
    ("Washington hit 13 officials with sanctions.", None, "Conflict.Attack"),
    ("A missile hit the convoy.", "Conflict.Attack", None),
    ("Police opened an inquiry into attempted murder.", "Conflict.Attack", "Life.Die"),
    ("The murder shocked the town.", "Life.Die", None),
    ("He pleaded not guilty to charges of lying to investigators.", "Justice.ChargeIndict", None),
    ("The charges on his card were high.", None, "Justice.ChargeIndict"),
    ("Drones carry drugs into prisons.", "Movement.Transportation", None),
    ("Drones carry cameras.", None, "Movement.Transportation"),
    ("The opposition called a 48-hour strike.", None, "Conflict.Attack"),
    ("Protesters clashed with the police.", "Conflict.Demonstrate", "Conflict.Attack"),
    ("Rebels clashed with the army.", "Conflict.Attack", "Conflict.Demonstrate"),
    ("Police are hunting a suspect.", "Justice.InvestigateCrime", None),
    ("Hunters are hunting deer.", None, "Justice.InvestigateCrime"),
    ("Police were searching for a man.", "Justice.InvestigateCrime", None),
    ("Shoppers were searching for bargains.", None, "Justice.InvestigateCrime"),
    ("The ministry issued a statement.", "Contact.Contact", None),
    ("The bank issued new bonds.", None, "Contact.Contact"),
    # figurative and generic uses found on news-sample (issue 16)
    ("Belgium started the game with attacking style.", None, "Conflict.Attack"),
    ("Children blew up balloons.", None, "Conflict.Attack"),
    ("They blow up balloons for the party.", None, "Conflict.Attack"),
    ("The room was full of balloons blown up with helium.", None, "Conflict.Attack"),
    ("It is a retreat, but critics charge is a prison.", None, "Justice.ChargeIndict"),
    ("Consumers were demanding fuel efficient vehicles.", None, "Contact.RequestCommand"),
    ("Protesters demanded the release of the activists.", "Contact.RequestCommand", None),
    ("The VR demonstration drew crowds.", None, "Conflict.Demonstrate"),
    ("The student demonstration drew crowds.", "Conflict.Demonstrate", None),
    ("The song was a big hit.", None, "Conflict.Attack"),
    ("A direct hit destroyed the tank.", "Conflict.Attack", None),
    ("The navy retired the old ship.", None, "Personnel.EndPosition"),
    ("The board retired him in May.", "Personnel.EndPosition", None),
    ("He retired in May.", "Personnel.EndPosition", None),
    ("The agency sent head shots of the actors.", None, "Conflict.Attack"),
    ("We call these snap shots.", None, "Conflict.Attack"),
    ("She posted a snap shot online.", None, "Conflict.Attack"),
    ("The keeper saved two shots.", None, "Conflict.Attack"),
    ("A sniper shot killed the guard.", "Conflict.Attack", None),
    ("Harry Kane scored a shot in the second half.", None, "Conflict.Attack"),
    ("Police heard a shot in the night.", "Conflict.Attack", None),
    ("Air travel grew fast.", None, "Movement.Transportation"),
    ("His travel to Paris was secret.", "Movement.Transportation", None),
    ("Members go through exit interviews before they leave.", None, "Contact.Contact"),
    ("The television interview aired on Monday.", "Contact.Contact", None),
    ("The planes would meet additional demand.", None, "Contact.Contact"),
    ("The firm met its sales target.", None, "Contact.Contact"),
    ("He met the minister in Paris.", "Contact.Contact", None),
]


@pytest.mark.parametrize("text, present, absent", SENSE_PAIRS)
def test_a_trigger_takes_its_sense_from_its_arguments(facts_of, text, present, absent) -> None:
    found = types_of(facts_of(text))
    if present is not None:
        assert present in found, found
    if absent is not None:
        assert absent not in found, found


# (sentence, event type, how many events of that type)
KIND_NOT_OCCURRENCE = [
    # a trigger noun before another noun names a kind of thing ...
    ("They flew back in a transport plane.", "Movement.Transportation", 1),
    ("The army held war games.", "Conflict.Attack", 0),
    ("A judge issued arrest warrants.", "Justice.ArrestJailDetain", 0),
    ('The girls were granted "parole" status for a benefit.', "Justice.ReleaseParole", 0),
    ("He was granted parole in 2010.", "Justice.ReleaseParole", 1),
    # ... unless that noun is the occurrence itself
    ("The bombing suspect was caught.", "Conflict.Attack", 1),
    ("Maduro survived an assassination attempt.", "Conflict.Attack", 1),
    # a participle before its noun describes the noun ...
    ("Councils sideline elected politicians.", "Personnel.Elect", 0),
    ("He met a convicted recruiter.", "Justice.Convict", 0),
    # ... except the adjectives of harm of the lexicon
    ("The injured man was taken away.", "Life.Injure", 1),
]


@pytest.mark.parametrize("text, kind, count", KIND_NOT_OCCURRENCE)
def test_modifiers_name_kinds_not_events(facts_of, text: str, kind: str, count: int) -> None:
    assert [e.type for e in facts_of(text).events].count(kind) == count


def test_every_sense_row_names_known_slots_classes_and_types() -> None:
    from kg.model import EVENT_TYPES

    classes = load_classes()
    used = {row.word_class for rows in load_senses().values() for row in rows}
    # every class serves a row, or a rule of kg.extract.senses
    assert set(classes) - used == {"occurrence", "quantity"}
    for (lemma, pos), rows in load_senses().items():
        for row in rows:
            assert (row.lemma, row.pos) == (lemma, pos)
            assert row.slot.split(":")[0] in SLOTS
            assert row.word_class in classes or row.word_class == "any"
            assert row.type is None or row.type in EVENT_TYPES


def test_a_sense_row_with_an_unknown_type_is_an_error(monkeypatch) -> None:
    from kg.extract import senses

    table = "lemma\tpos\tslot\tclass\ttype\tsubtype\nfire\tVERB\tobject\tweapon\tConflict.War\t\n"
    monkeypatch.setattr(senses, "_rows", lambda name: senses._parse(table))
    senses.load_senses.cache_clear()
    try:
        with pytest.raises(senses.SenseTableError, match=r"Conflict\.War"):
            senses.load_senses()
    finally:
        monkeypatch.undo()
        senses.load_senses.cache_clear()


def test_sense_tables_are_sorted_and_a_class_row_of_one_slot_never_disagrees() -> None:
    """Within one trigger and slot, two classes that give different senses share no word:
    otherwise the table's order, not its content, would decide."""
    from importlib import resources

    for name in ("event_senses.tsv", "event_sense_classes.tsv"):
        lines = resources.files("kg.data").joinpath(name).read_text("utf-8").splitlines()[1:]
        assert lines == sorted(lines), name
    classes = load_classes()
    for rows in load_senses().values():
        for a in rows:
            for b in rows:
                if (
                    a.slot == b.slot
                    and a.type != b.type
                    and "any" not in (a.word_class, b.word_class)
                ):
                    shared = classes.get(a.word_class, frozenset()) & classes.get(
                        b.word_class, frozenset()
                    )
                    assert not shared, (a, b, shared)
    assert NO_EVENT == "-"


def test_every_sense_row_fires_on_an_example_above(monkeypatch) -> None:
    """Each row of event_senses.tsv decides at least one sentence of SENSE_PAIRS (whose
    counterpart shows it staying silent), so no row is untested."""
    from kg.extract import senses
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    fired: set[senses.Sense] = set()
    matching = senses.matching_sense

    def recording(*args):
        row = matching(*args)
        if row is not None:
            fired.add(row)
        return row

    monkeypatch.setattr(senses, "matching_sense", recording)
    texts = [text for text, _, _ in SENSE_PAIRS]
    list(analyse_articles([Article(id=str(i), text=t) for i, t in enumerate(texts)]))
    rows = {row for rows in load_senses().values() for row in rows}
    assert sorted(rows - fired, key=str) == []
