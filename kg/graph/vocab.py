"""The ontology's terms (ontology/kg.ttl) and the other namespaces newskg writes.

`KG` is closed: `KG.Persn` raises instead of minting a typo IRI. tests/test_vocab.py keeps
it and ontology/kg.ttl in agreement, in both directions.
"""

# No `from __future__ import annotations` here: rdflib reads the annotations below as
# classes (DefinedNamespace.as_jsonld_context), and strings would break that.

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["KG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SEM", "SKOS", "WD", "XSD"]

# schema.org's http form, the one its own vocabulary file uses (rdflib's SDO is https).
SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """The newskg ontology, https://w3id.org/newskg/ontology#."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # Classes
    Article: URIRef  # A news article read as input; the source of every fact.
    Entity: URIRef  # A real-world thing named in articles; superclass of the four below.
    Person: URIRef  # A person.
    Organization: URIRef  # A company, agency, party, court, ministry or other organization.
    Country: URIRef  # A sovereign country (ISO 3166-1), with its alpha-3 code.
    Place: URIRef  # A named location that is not a country: city, region, landmark.
    Event: URIRef  # Something that happened, as reported in an article.
    Mention: URIRef  # One place in an article's text where an entity is named.
    CoMention: URIRef  # The evidence for one kg:coMentionedWith triple.

    # Entity properties
    mentionedIn: URIRef  # Entity -> an Article that names it.
    mentionCount: URIRef  # Entity -> how many times it is named (xsd:integer).
    iso3166Alpha3: URIRef  # Country -> its ISO 3166-1 alpha-3 code (xsd:string).
    coMentionedWith: URIRef  # Entity <-> Entity named in the same sentence (symmetric).

    # Mention properties
    mentionOf: URIRef  # Mention -> the Entity it names.
    inArticle: URIRef  # Mention -> the Article whose text holds it.
    startOffset: URIRef  # Mention -> start character offset, inclusive (xsd:integer).
    endOffset: URIRef  # Mention -> end character offset, exclusive (xsd:integer).
    anchorText: URIRef  # Mention -> its text as it appears in the article.
    sentenceIndex: URIRef  # Mention -> index of its sentence in the article (xsd:integer).
    sentenceText: URIRef  # Mention -> the text of its sentence.

    # Co-mention properties
    coMentionSource: URIRef  # CoMention -> subject of the coMentionedWith triple.
    coMentionTarget: URIRef  # CoMention -> object of the coMentionedWith triple.
    coMentionCount: URIRef  # CoMention -> sentences naming both (xsd:integer).


# One table for every writer and query, sorted so that output built from it is stable.
PREFIXES: dict[str, str] = dict(
    sorted(
        {
            "kg": str(KG),
            "owl": str(OWL),
            "prov": str(PROV),
            "rdf": str(RDF),
            "rdfs": str(RDFS),
            "schema": str(SCHEMA),
            "sem": str(SEM),
            "skos": str(SKOS),
            "wd": str(WD),
            "xsd": str(XSD),
        }.items()
    )
)
