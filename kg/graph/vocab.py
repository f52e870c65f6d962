"""The ontology's terms (ontology/kg.ttl) and the other namespaces newskg writes.

`KG` is closed: `KG.Persn` raises instead of minting a typo IRI. The tables below it say which
term writes each entity type, relation type, event type and role of kg.model's closed
vocabulary. tests/test_vocab.py keeps all of them, kg.model and ontology/kg.ttl in agreement,
in both directions.
"""

# No `from __future__ import annotations` here: rdflib reads the annotations below as
# classes (DefinedNamespace.as_jsonld_context), and strings would break that.

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "ENTITY_CLASSES",
    "EVENT_CLASSES",
    "KG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RELATION_PROPERTIES",
    "RESOURCE_KINDS",
    "ROLE_PROPERTIES",
    "SCHEMA",
    "SEM",
    "SKOS",
    "WD",
    "XSD",
    "turtle_prefixes",
]

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
    ticker: URIRef  # Organization -> a stock ticker the articles give, "IBM.N" (xsd:string).
    datelinePlace: URIRef  # Article -> the place (or region) its dateline names.

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

    # Relations between entities (each described by a RelationAssertion)
    citizenOf: URIRef  # Person -> Country of which the person is a citizen or national.
    memberOf: URIRef  # Person or Country -> Organization it belongs to.
    employedBy: URIRef  # Person -> Organization that employs them.
    affiliatedWith: URIRef  # Person -> Country or Organization the person acts for.
    leaderOf: URIRef  # Person -> Organization they lead (chair, head, chief executive).
    headOfState: URIRef  # Person -> Country of which they are head of state (president, monarch).
    headOfGovernment: (
        URIRef  # Person -> Country of which they head the government (chancellor, prime minister).
    )
    ministerOf: URIRef  # Person -> Country in whose government they are a minister.
    spokespersonOf: URIRef  # Person -> Organization or Country they speak for.
    basedIn: URIRef  # Organization -> Country or Place where it is based.
    locatedIn: URIRef  # Place -> Country (or larger place) that holds it.
    partOf: URIRef  # Organization or Place -> the larger whole it belongs to.
    spouseOf: URIRef  # Person -> Person they are married to.
    parentOf: URIRef  # Person -> Person who is their child.
    childOf: URIRef  # Person -> Person who is their parent (father P22, mother P25).
    founderOf: URIRef  # Person -> Organization they founded (the inverse of P112).
    holdsPosition: (
        URIRef  # Person -> the position they hold, as a literal ("ambassador", "foreign minister").
    )
    RelationProperty: URIRef  # The class of the relation properties above (closed vocabulary).
    RelationAssertion: URIRef  # The evidence for one relation triple.
    Time: URIRef  # When an event happened, as ISO 8601 text at the precision the article gives.
    evidenceStart: URIRef  # Where the words stating a relation or naming an event start: a.
    evidenceEnd: (
        URIRef  # Where those words end: a character offset into the article text (exclusive).
    )
    evidenceSentence: URIRef  # The index, counted from 0, of the sentence holding the evidence.
    evidenceText: URIRef  # The words of the evidence exactly as they appear in the article.
    confidence: URIRef  # How sure the extractor is of the fact, from 0 to 1.
    extractor: URIRef  # The rule that found the fact, e.g. relations.title_modifier.
    eventType: URIRef  # The event's two-level type as text, KAIROS names where KAIROS has the.
    eventSubtype: URIRef  # The third KAIROS level where known: Broadcast, Correspondence, Meet.
    factuality: URIRef  # Whether the article reports the event as having happened (asserted), as.
    triggerText: URIRef  # A word of the article that names the event: sentenced, arrest, attack.
    quote: URIRef  # The text a statement quotes, exactly as in the article.

    # Event classes (KAIROS's first two levels where KAIROS has the type)
    # An ArtifactExistence.DamageDestroyDisableDismantle event.
    ArtifactExistenceDamageDestroyDisableDismantle: URIRef
    ConflictAttack: URIRef  # A Conflict.Attack event (KAIROS Conflict.Attack).
    ConflictDemonstrate: URIRef  # A Conflict.Demonstrate event.
    ContactContact: URIRef  # A Contact.Contact event: a meeting or a statement.
    ContactRequestCommand: URIRef  # A Contact.RequestCommand event.
    ContactThreatenCoerce: URIRef  # A Contact.ThreatenCoerce event.
    DisasterDiseaseOutbreak: URIRef  # A Disaster.DiseaseOutbreak event.
    GenericCrimeGenericCrime: URIRef  # A GenericCrime.GenericCrime event.
    JusticeArrestJailDetain: URIRef  # A Justice.ArrestJailDetain event.
    JusticeChargeIndict: URIRef  # A Justice.ChargeIndict event.
    JusticeConvict: URIRef  # A Justice.Convict event.
    JusticeExtradite: URIRef  # Handing a person over to another country's justice; not in KAIROS.
    JusticeInvestigateCrime: URIRef  # A Justice.InvestigateCrime event.
    JusticeReleaseParole: URIRef  # A Justice.ReleaseParole event.
    JusticeSentence: URIRef  # A Justice.Sentence event.
    JusticeTrialHearing: URIRef  # A Justice.TrialHearing event.
    LifeDie: URIRef  # A Life.Die event (KAIROS Life.Die); roles Killer, Victim, Place.
    LifeInjure: URIRef  # A Life.Injure event (KAIROS Life.Injure); roles Injurer, Victim, Place.
    MovementTransportation: URIRef  # A Movement.Transportation event.
    PersonnelElect: (
        URIRef  # An election of a person to a position; not in KAIROS (ACE 2005's Personnel.Elect).
    )
    PersonnelEndPosition: URIRef  # A Personnel.EndPosition event.
    PersonnelStartPosition: URIRef  # A Personnel.StartPosition event.
    TransactionDonation: URIRef  # A Transaction.Donation event.
    TransactionExchangeBuySell: URIRef  # A Transaction.ExchangeBuySell event.

    # Event roles (KAIROS role names)
    acquiredEntity: URIRef  # The AcquiredEntity of the event (KAIROS role AcquiredEntity).
    artifact: URIRef  # The Artifact of the event (KAIROS role Artifact).
    artifactMoney: URIRef  # The ArtifactMoney of the event (KAIROS role ArtifactMoney).
    attacker: URIRef  # The Attacker of the event (KAIROS role Attacker).
    candidate: URIRef  # Who is elected (Personnel.Elect; newskg's own role).
    communicator: URIRef  # The Communicator of the event (KAIROS role Communicator).
    damagerDestroyer: URIRef  # The DamagerDestroyer of the event (KAIROS role DamagerDestroyer).
    defendant: URIRef  # The Defendant of the event (KAIROS role Defendant).
    demonstrator: URIRef  # The Demonstrator of the event (KAIROS role Demonstrator).
    destination: URIRef  # The Destination of the event (KAIROS role Destination).
    detainee: URIRef  # The Detainee of the event (KAIROS role Detainee).
    disease: URIRef  # The Disease of the event (KAIROS role Disease).
    employee: URIRef  # The Employee of the event (KAIROS role Employee).
    explosiveDevice: URIRef  # The ExplosiveDevice of the event: what was detonated or exploded.
    extraditer: URIRef  # Who hands the Defendant over (Justice.Extradite; newskg's own role).
    giver: URIRef  # The Giver of the event (KAIROS role Giver).
    injurer: URIRef  # The Injurer of the event (KAIROS role Injurer).
    instrument: URIRef  # The Instrument of the event: the weapon or tool used.
    investigator: URIRef  # The Investigator of the event (KAIROS role Investigator).
    jailer: URIRef  # The Jailer of the event (KAIROS role Jailer).
    judgeCourt: URIRef  # The JudgeCourt of the event (KAIROS role JudgeCourt).
    killer: URIRef  # The Killer of the event (KAIROS role Killer).
    origin: URIRef  # The Origin of the event (KAIROS role Origin).
    participant: URIRef  # The Participant of the event (KAIROS role Participant).
    passengerArtifact: URIRef  # The PassengerArtifact of the event (KAIROS role PassengerArtifact).
    perpetrator: URIRef  # The Perpetrator of the event (KAIROS role Perpetrator).
    placeOfEmployment: URIRef  # The PlaceOfEmployment of the event (KAIROS role PlaceOfEmployment).
    prosecutor: URIRef  # The Prosecutor of the event (KAIROS role Prosecutor).
    recipient: URIRef  # The Recipient of the event (KAIROS role Recipient).
    target: URIRef  # The Target of the event (KAIROS role Target).
    transporter: URIRef  # The Transporter of the event (KAIROS role Transporter).
    victim: URIRef  # The Victim of the event (KAIROS role Victim).
    voter: URIRef  # Who elects the Candidate (Personnel.Elect; newskg's own role).


# How each term of kg.model's closed vocabulary is written: one explicit table per kind, never
# a name made from the term's text, so a term the ontology lacks fails here at import (KG is
# closed) and one a table lacks is refused by the writer. tests/test_vocab.py checks each
# table against kg.model and ontology/kg.ttl.

# Entity type -> its class.
ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "Country": KG.Country,
    "Place": KG.Place,
}

# Relation type -> its property.
RELATION_PROPERTIES: dict[str, URIRef] = {
    "citizenOf": KG.citizenOf,
    "memberOf": KG.memberOf,
    "employedBy": KG.employedBy,
    "affiliatedWith": KG.affiliatedWith,
    "leaderOf": KG.leaderOf,
    "headOfState": KG.headOfState,
    "headOfGovernment": KG.headOfGovernment,
    "ministerOf": KG.ministerOf,
    "spokespersonOf": KG.spokespersonOf,
    "basedIn": KG.basedIn,
    "locatedIn": KG.locatedIn,
    "partOf": KG.partOf,
    "spouseOf": KG.spouseOf,
    "parentOf": KG.parentOf,
    "childOf": KG.childOf,
    "founderOf": KG.founderOf,
    "holdsPosition": KG.holdsPosition,
}

# Event type -> its class (a subclass of kg:Event, which every event also has).
EVENT_CLASSES: dict[str, URIRef] = {
    "ArtifactExistence.DamageDestroyDisableDismantle": (
        KG.ArtifactExistenceDamageDestroyDisableDismantle
    ),
    "Conflict.Attack": KG.ConflictAttack,
    "Conflict.Demonstrate": KG.ConflictDemonstrate,
    "Contact.Contact": KG.ContactContact,
    "Contact.RequestCommand": KG.ContactRequestCommand,
    "Contact.ThreatenCoerce": KG.ContactThreatenCoerce,
    "Disaster.DiseaseOutbreak": KG.DisasterDiseaseOutbreak,
    "GenericCrime.GenericCrime": KG.GenericCrimeGenericCrime,
    "Justice.ArrestJailDetain": KG.JusticeArrestJailDetain,
    "Justice.ChargeIndict": KG.JusticeChargeIndict,
    "Justice.Convict": KG.JusticeConvict,
    "Justice.Extradite": KG.JusticeExtradite,
    "Justice.InvestigateCrime": KG.JusticeInvestigateCrime,
    "Justice.ReleaseParole": KG.JusticeReleaseParole,
    "Justice.Sentence": KG.JusticeSentence,
    "Justice.TrialHearing": KG.JusticeTrialHearing,
    "Life.Die": KG.LifeDie,
    "Life.Injure": KG.LifeInjure,
    "Movement.Transportation": KG.MovementTransportation,
    "Personnel.Elect": KG.PersonnelElect,
    "Personnel.EndPosition": KG.PersonnelEndPosition,
    "Personnel.StartPosition": KG.PersonnelStartPosition,
    "Transaction.Donation": KG.TransactionDonation,
    "Transaction.ExchangeBuySell": KG.TransactionExchangeBuySell,
}

# Event role -> the properties an argument in it is written with: the role's own and the SEM
# property it specialises (written too, so that queries need no inference); Place has SEM's.
ROLE_PROPERTIES: dict[str, tuple[URIRef, ...]] = {
    "AcquiredEntity": (KG.acquiredEntity, SEM.hasActor),
    "Artifact": (KG.artifact, SEM.hasActor),
    "ArtifactMoney": (KG.artifactMoney, SEM.hasActor),
    "Attacker": (KG.attacker, SEM.hasActor),
    "Candidate": (KG.candidate, SEM.hasActor),
    "Communicator": (KG.communicator, SEM.hasActor),
    "DamagerDestroyer": (KG.damagerDestroyer, SEM.hasActor),
    "Defendant": (KG.defendant, SEM.hasActor),
    "Demonstrator": (KG.demonstrator, SEM.hasActor),
    "Destination": (KG.destination, SEM.hasPlace),
    "Detainee": (KG.detainee, SEM.hasActor),
    "Disease": (KG.disease, SEM.hasActor),
    "Employee": (KG.employee, SEM.hasActor),
    "ExplosiveDevice": (KG.explosiveDevice, SEM.hasActor),
    "Extraditer": (KG.extraditer, SEM.hasActor),
    "Giver": (KG.giver, SEM.hasActor),
    "Injurer": (KG.injurer, SEM.hasActor),
    "Instrument": (KG.instrument, SEM.hasActor),
    "Investigator": (KG.investigator, SEM.hasActor),
    "Jailer": (KG.jailer, SEM.hasActor),
    "JudgeCourt": (KG.judgeCourt, SEM.hasActor),
    "Killer": (KG.killer, SEM.hasActor),
    "Origin": (KG.origin, SEM.hasPlace),
    "Participant": (KG.participant, SEM.hasActor),
    "PassengerArtifact": (KG.passengerArtifact, SEM.hasActor),
    "Perpetrator": (KG.perpetrator, SEM.hasActor),
    "Place": (SEM.hasPlace,),
    "PlaceOfEmployment": (KG.placeOfEmployment, SEM.hasActor),
    "Prosecutor": (KG.prosecutor, SEM.hasActor),
    "Recipient": (KG.recipient, SEM.hasActor),
    "Target": (KG.target, SEM.hasActor),
    "Transporter": (KG.transporter, SEM.hasActor),
    "Victim": (KG.victim, SEM.hasActor),
    "Voter": (KG.voter, SEM.hasActor),
}

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

# The first path segment of every resource IRI below the base IRI (kg.graph.rdf): each gets
# a Turtle prefix of its own, so a file reads `person:roman-seleznev`, not the whole IRI.
RESOURCE_KINDS: tuple[str, ...] = (
    "article",
    "comention",
    "country",
    "event",
    "mention",
    "organization",
    "person",
    "place",
    "relation",
    "time",
)


def turtle_prefixes(base_iri: str) -> dict[str, str]:
    """PREFIXES and one prefix per resource kind below `base_iri`, sorted by name.

    The resource prefixes depend on the build's base IRI (`--base-iri`), so they cannot be
    a constant like PREFIXES.
    """
    kinds = {kind: f"{base_iri}{kind}/" for kind in RESOURCE_KINDS}
    return dict(sorted({**PREFIXES, **kinds}.items()))
