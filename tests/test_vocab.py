"""The closed KG namespace and ontology/kg.ttl declare exactly the same terms."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.vocab import KG, PREFIXES, SCHEMA
from kg.model import ENTITY_TYPES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"


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
