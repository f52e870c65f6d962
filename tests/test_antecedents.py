"""kg.extract.antecedents: which entity "he", "it" or "the ministry" stands for.

The entities are given by hand (name -> type), so each test reads the rule alone, not what
the entity recogniser makes of a short sentence.
"""

from __future__ import annotations

from importlib import resources

import pytest

from kg.extract.anchors import Anchors
from kg.extract.antecedents import antecedent, is_anaphor, nominals, pronouns
from kg.model import ENTITY_TYPES, Entity, Mention


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.load import load_pipeline, model_name

    return load_pipeline(model_name(None))


def _entity(index: int, name: str, type_: str, text: str) -> Entity:
    """An entity with a mention at every place its name is written."""
    mentions, start = [], text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name, 0))
        start = text.find(name, start + 1)
    return Entity(f"e{index}", type_, name, tuple(mentions))


def resolve(nlp, text: str, entities: dict[str, str], word: str, occurrence: int = 0):
    """The name of the entity the `occurrence`-th token spelt `word` stands for, or None."""
    doc = nlp(text)
    built = tuple(_entity(i, n, t, text) for i, (n, t) in enumerate(entities.items()))
    anchors = Anchors(doc, built)
    token = [t for t in doc if t.text == word][occurrence]
    found = antecedent(token, anchors)
    return anchors.entities[found].name if found else None


PEOPLE = {"Roman Seleznev": "Person", "Anatoly Antonov": "Person"}


def test_a_pronoun_names_the_person_of_the_sentence_before(nlp) -> None:
    text = "Police arrested Roman Seleznev in the Maldives. He was extradited."
    assert resolve(nlp, text, PEOPLE, "He") == "Roman Seleznev"


def test_a_pronoun_two_sentences_from_any_name_names_no_one(nlp) -> None:
    text = "Police arrested Roman Seleznev. The court met on Monday. He was extradited."
    assert resolve(nlp, text, PEOPLE, "He") is None


def test_a_subject_comes_before_an_object(nlp) -> None:
    text = "Anatoly Antonov visited Roman Seleznev in prison. He said the conditions were bad."
    assert resolve(nlp, text, PEOPLE, "He") == "Anatoly Antonov"


def test_two_candidates_of_one_rank_name_no_one(nlp) -> None:
    text = "Police arrested Roman Seleznev and Anatoly Antonov. He was extradited."
    assert resolve(nlp, text, PEOPLE, "He") is None


def test_an_object_pronoun_is_not_its_own_verbs_subject(nlp) -> None:
    text = "Roman Seleznev wrote a letter. Anatoly Antonov praised him."
    assert resolve(nlp, text, PEOPLE, "him") == "Roman Seleznev"
    # the subject pronoun of the same sentence is the subject
    text = "Roman Seleznev wrote a letter. Anatoly Antonov said he was proud."
    assert resolve(nlp, text, PEOPLE, "he") == "Anatoly Antonov"


def test_a_pronoun_names_only_entities_of_its_types(nlp) -> None:
    entities = {"Russian Foreign Ministry": "Organization", "Roman Seleznev": "Person"}
    text = "The Russian Foreign Ministry criticized the arrest of Roman Seleznev. It said ..."
    assert resolve(nlp, text, entities, "It") == "Russian Foreign Ministry"
    text = "Police arrested Roman Seleznev. It was a mistake."
    assert resolve(nlp, text, PEOPLE, "It") is None


def test_a_title_tells_the_gender(nlp) -> None:
    entities = {"Jones": "Person", "Mary Smith": "Person"}
    assert resolve(nlp, "Mrs Jones met Mary Smith. She was arrested.", entities, "She") == "Jones"
    # Mr Jones, the subject, would come first: his title leaves the object
    text = "Mr Jones met Mary Smith in Paris. She was arrested."
    assert resolve(nlp, text, entities, "She") == "Mary Smith"
    assert resolve(nlp, "Mr Jones left Paris. She was arrested.", entities, "She") is None


def test_a_chain_of_pronouns_leads_back_to_the_name(nlp) -> None:
    text = "Roman Seleznev fled Syria. He arrived in Turkey. He returned in May."
    assert resolve(nlp, text, PEOPLE, "He", occurrence=1) == "Roman Seleznev"


def test_a_pronoun_of_the_other_gender_blocks_its_antecedent(nlp) -> None:
    entities = {"Maria Lopez": "Person"}
    text = "Maria Lopez fled Syria. She arrived in Turkey. He returned in May."
    assert resolve(nlp, text, entities, "She") == "Maria Lopez"
    assert resolve(nlp, text, entities, "He") is None


def test_the_ministry_names_the_ministry_named_before(nlp) -> None:
    entities = {"Russian Foreign Ministry": "Organization"}
    text = "The Russian Foreign Ministry criticized the arrest. The ministry said it was illegal."
    assert resolve(nlp, text, entities, "ministry") == "Russian Foreign Ministry"
    # "a ministry" is any ministry
    text = "The Russian Foreign Ministry criticized the arrest. A ministry said it was illegal."
    assert resolve(nlp, text, entities, "ministry") is None


def test_two_ministries_in_one_sentence_name_no_one(nlp) -> None:
    entities = {
        "Russian Foreign Ministry": "Organization",
        "French Foreign Ministry": "Organization",
    }
    text = (
        "The Russian Foreign Ministry and the French Foreign Ministry met. "
        "The ministry said the talks went well."
    )
    assert resolve(nlp, text, entities, "ministry") is None


def test_the_company_names_an_organisation_called_so(nlp) -> None:
    entities = {"Acme Corp": "Organization", "Red Cross": "Organization"}
    text = "Acme Corp and the Red Cross signed a deal. Later the company denied it."
    assert resolve(nlp, text, entities, "company") == "Acme Corp"
    text = "The Red Cross signed a deal. Later the company denied it."
    assert resolve(nlp, text, {"Red Cross": "Organization"}, "company") is None


def test_a_name_is_its_own_antecedent(nlp) -> None:
    text = "Police arrested Roman Seleznev."
    assert resolve(nlp, text, PEOPLE, "Seleznev") == "Roman Seleznev"
    doc = nlp(text)
    assert not is_anaphor(doc[1])  # "arrested"


@pytest.mark.parametrize(
    "table",
    ["antecedent_pronouns.tsv", "antecedent_nouns.tsv", "antecedent_honorifics.tsv"],
)
def test_the_tables_are_sorted_with_a_header(table: str) -> None:
    lines = resources.files("kg.data").joinpath(table).read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[0] in ("pronoun", "noun", "honorific")
    assert lines[1:] == sorted(lines[1:])


def test_the_tables_name_only_entity_types_of_the_vocabulary() -> None:
    assert {t for p in pronouns().values() for t in p.types} <= set(ENTITY_TYPES)
    assert {n.type for n in nominals().values()} <= set(ENTITY_TYPES)
    assert pronouns()["she"].gender == "f" and pronouns()["it"].gender is None


def test_it_in_a_clause_of_a_things_sentence_is_that_thing(nlp) -> None:
    """ "Challenger was lost when it exploded": the shuttle, no entity, not the centre of the
    sentence before; with an entity for subject the clause's "it" is that entity."""
    before = "The shuttles were built at the Kennedy Space Center. "
    shuttle = before + "The shuttle was lost when it exploded."
    entities = {"Kennedy Space Center": "Organization"}
    assert resolve(nlp, shuttle, entities, "it") is None
    boeing = before + "Boeing was fined when it failed to deliver the planes."
    found = resolve(nlp, boeing, {**entities, "Boeing": "Organization"}, "it")
    assert found == "Boeing"


def test_he_in_a_clause_of_a_things_sentence_still_looks_back(nlp) -> None:
    text = "Roman Seleznev wrote to the court. The letter was read as he sat silently."
    assert resolve(nlp, text, PEOPLE, "he") == "Roman Seleznev"
