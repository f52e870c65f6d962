"""The closed KG namespace and ontology/kg.ttl declare exactly the same terms, and the closed
vocabulary of kg.model (entity, relation and event types, event roles) is the ontology's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.graph.vocab import (
    ENTITY_CLASSES,
    EVENT_CLASSES,
    KG,
    PREFIXES,
    RELATION_PROPERTIES,
    ROLE_PROPERTIES,
    SCHEMA,
    SEM,
)
from kg.model import (
    ENTITY_TYPES,
    EVENT_ARGUMENT_ROLES,
    EVENT_ROLES,
    EVENT_SUBTYPES,
    EVENT_TYPE_ROLES,
    EVENT_TYPES,
    LITERAL_RELATIONS,
    RELATION_TYPES,
)
from tests.conftest import shared_data

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
SHAPES = ONTOLOGY.with_name("shapes.ttl")
KGSH = rdflib.Namespace("https://w3id.org/newskg/shapes#")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def declared_terms(ontology: rdflib.Graph) -> set[rdflib.URIRef]:
    return {
        subject
        for subject in ontology.subjects(RDF.type, None)
        if isinstance(subject, rdflib.URIRef) and subject.startswith(str(KG))
    }


def test_every_kg_term_is_declared_in_the_ontology(ontology: rdflib.Graph) -> None:
    missing = set(dir(KG)) - declared_terms(ontology)
    assert not missing, f"in kg/graph/vocab.py but not in ontology/kg.ttl: {sorted(missing)}"


def test_every_ontology_term_is_in_kg(ontology: rdflib.Graph) -> None:
    missing = declared_terms(ontology) - set(dir(KG))
    assert not missing, f"in ontology/kg.ttl but not in kg/graph/vocab.py: {sorted(missing)}"


def test_every_term_has_an_english_label_and_comment(ontology: rdflib.Graph) -> None:
    terms = declared_terms(ontology) | set(ontology.subjects(RDF.type, OWL.Ontology))
    for term in sorted(terms):
        assert ontology.value(term, RDFS.label), f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment), f"{term} has no rdfs:comment"


def test_entity_subclasses_are_the_model_entity_types(ontology: rdflib.Graph) -> None:
    subclasses = set(ontology.subjects(RDFS.subClassOf, KG.Entity))
    assert subclasses == {KG[name] for name in ENTITY_TYPES}


def test_classes_align_with_schema_org(ontology: rdflib.Graph) -> None:
    assert (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle) in ontology
    assert (KG.Person, RDFS.subClassOf, SCHEMA.Person) in ontology
    assert (KG.coMentionedWith, RDF.type, OWL.SymmetricProperty) in ontology


def test_known_terms_are_iris_in_the_namespace() -> None:
    assert KG.Person == rdflib.URIRef("https://w3id.org/newskg/ontology#Person")
    assert KG["mentionOf"] == rdflib.URIRef("https://w3id.org/newskg/ontology#mentionOf")


@pytest.mark.parametrize("name", ["Persn", "mentionof", "citizenof"])
def test_an_unknown_term_raises(name: str) -> None:
    with pytest.raises(AttributeError, match=name):
        getattr(KG, name)
    with pytest.raises(AttributeError):
        KG[name]


def test_prefixes_are_sorted_and_name_the_namespaces() -> None:
    assert list(PREFIXES) == sorted(PREFIXES)
    assert PREFIXES["kg"] == "https://w3id.org/newskg/ontology#"
    assert PREFIXES["schema"] == "http://schema.org/"
    assert PREFIXES["wd"] == "http://www.wikidata.org/entity/"
    assert PREFIXES["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"


# ---- kg.model's closed vocabulary against the ontology, in both directions -----------------


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def test_entity_types_each_have_their_class() -> None:
    assert list(ENTITY_CLASSES) == list(ENTITY_TYPES)
    assert all(ENTITY_CLASSES[name] == KG[name] for name in ENTITY_TYPES)


def test_relation_types_are_the_ontologys_relation_properties(ontology: rdflib.Graph) -> None:
    assert list(RELATION_PROPERTIES) == list(RELATION_TYPES)
    declared = set(ontology.subjects(RDF.type, KG.RelationProperty))
    assert set(RELATION_PROPERTIES.values()) == declared
    for name, prop in RELATION_PROPERTIES.items():
        assert prop == KG[name]
        kind = OWL.DatatypeProperty if name in LITERAL_RELATIONS else OWL.ObjectProperty
        assert (prop, RDF.type, kind) in ontology, f"{name} is not an {kind}"


def test_event_types_are_the_ontologys_event_classes(ontology: rdflib.Graph) -> None:
    assert list(EVENT_CLASSES) == list(EVENT_TYPES) == sorted(EVENT_TYPES)
    assert set(EVENT_ROLES) == set(EVENT_TYPE_ROLES) == set(EVENT_TYPES)
    assert set(EVENT_SUBTYPES) <= set(EVENT_TYPES)
    declared = set(ontology.subjects(RDFS.subClassOf, KG.Event))
    assert set(EVENT_CLASSES.values()) == declared
    for name, cls in EVENT_CLASSES.items():
        # the class's notation is the type as kg:eventType writes it
        assert ontology.value(cls, SKOS.notation) == rdflib.Literal(name), name


def role_properties(ontology: rdflib.Graph) -> set[rdflib.term.Node]:
    return {
        prop
        for prop in ontology.subjects(RDFS.domain, KG.Event)
        if (prop, RDF.type, OWL.ObjectProperty) in ontology
    }


def test_event_roles_are_the_ontologys_role_properties(ontology: rdflib.Graph) -> None:
    assert list(ROLE_PROPERTIES) == list(EVENT_ARGUMENT_ROLES)
    own = {name: terms for name, terms in ROLE_PROPERTIES.items() if len(terms) == 2}
    assert {prop for prop, _ in own.values()} == role_properties(ontology)
    for name, (prop, sem) in own.items():
        assert ontology.value(prop, RDFS.label) == rdflib.Literal(name, lang="en")
        assert (prop, RDFS.subPropertyOf, sem) in ontology, f"{name} is no {sem}"
    # the one role with no property of its own: where the event happened
    assert set(ROLE_PROPERTIES) - set(own) == {"Place"}
    assert ROLE_PROPERTIES["Place"] == (SEM.hasPlace,)


def test_every_role_of_a_type_is_known_and_agent_and_patient_are_among_them() -> None:
    for name, roles in EVENT_TYPE_ROLES.items():
        assert len(set(roles)) == len(roles), name
        assert set(EVENT_ROLES[name]) | {"Place"} <= set(roles), name


def test_each_event_class_lists_the_roles_and_subtypes_of_its_type(
    ontology: rdflib.Graph,
) -> None:
    for name, cls in EVENT_CLASSES.items():
        comment = str(ontology.value(cls, RDFS.comment))
        roles = re.search(r"; roles (\w+(?:, \w+)*)", comment)
        assert roles and tuple(roles[1].split(", ")) == EVENT_TYPE_ROLES[name], comment
        subtypes = re.search(r"; subtypes (\w+(?:, \w+)*)", comment)
        listed = tuple(subtypes[1].split(", ")) if subtypes else ()
        assert listed == EVENT_SUBTYPES.get(name, ()), comment


def test_types_and_roles_are_kairos_or_documented_as_not(ontology: rdflib.Graph) -> None:
    path = shared_data("dev/wikievents/event_role_KAIROS.json")
    kairos: dict[str, set[str]] = {}
    for name, entry in json.loads(path.read_text(encoding="utf-8")).items():
        kairos.setdefault(".".join(name.split(".")[:2]), set()).update(entry["roles"])
    # newskg gives every type a Place; KAIROS gives Movement.Transportation none
    extra = {"Movement.Transportation": {"Place"}}
    for name, cls in EVENT_CLASSES.items():
        comment = str(ontology.value(cls, RDFS.comment))
        if name not in kairos:
            assert "not in KAIROS" in comment, f"{name}: say in kg.ttl that KAIROS lacks it"
            continue
        assert "not in KAIROS" not in comment, name
        others = set(EVENT_TYPE_ROLES[name]) - kairos[name] - extra.get(name, set())
        assert not others, f"{name}: roles {sorted(others)} are not KAIROS's"


def test_shapes_close_relations_and_event_types(shapes: rdflib.Graph) -> None:
    def listed(path: rdflib.URIRef) -> list[rdflib.term.Node]:
        (node,) = shapes.subjects(SH.path, path)
        return list(Collection(shapes, shapes.value(node, SH["in"])))

    assert listed(RDF.predicate) == list(RELATION_PROPERTIES.values())
    assert [str(t) for t in listed(KG.eventType)] == list(EVENT_TYPES)
    subtypes = sorted({s for names in EVENT_SUBTYPES.values() for s in names})
    assert [str(t) for t in listed(KG.eventSubtype)] == subtypes


def test_the_trigger_lexicon_emits_only_known_types_and_subtypes() -> None:
    from kg.extract.events import TRIGGERS
    from kg.extract.senses import load_senses

    # the lexicon (kg/data/event_triggers.tsv) and the senses that change a trigger's type
    # (kg/data/event_senses.tsv; None: no event in that sense)
    emitted = [(word, name, subtype) for word, (name, subtype) in TRIGGERS.items()]
    emitted += [
        (f"{row.lemma} {row.slot} {row.word_class}", row.type, row.subtype)
        for rows in load_senses().values()
        for row in rows
        if row.type is not None
    ]
    assert len(emitted) > len(TRIGGERS)
    for word, name, subtype in emitted:
        assert name in EVENT_TYPES, f"{word}: {name}"
        assert subtype is None or subtype in EVENT_SUBTYPES[name], f"{word}: {subtype}"
