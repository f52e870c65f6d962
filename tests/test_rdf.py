"""Triples of a KnowledgeGraph: IRIs, terms, literals and errors."""

from __future__ import annotations

import dataclasses
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
import rdflib

from kg.graph.rdf import (
    DEFAULT_BASE_IRI,
    InvalidBaseIriError,
    InvalidDateError,
    RdfError,
    UnknownEventTypeError,
    UnknownNodeTypeError,
    UnknownReferenceError,
    UnknownRelationTypeError,
    UnknownRoleError,
    UnknownTermError,
    article_iri,
    comention_iri,
    graph_rows,
    graph_triples,
    mention_iri,
    node_iri,
    to_rdflib,
)
from kg.graph.vocab import KG, OWL, PROV, SCHEMA, SEM, SKOS, WD, XSD
from kg.model import (
    Article,
    ArticleFacts,
    CoMention,
    Entity,
    Event,
    EventArgument,
    KnowledgeGraph,
    Mention,
    Relation,
    Span,
)
from kg.resolve import resolve

B = DEFAULT_BASE_IRI
ANTONOV = rdflib.URIRef(B + "person/anatoly-antonov")
RUSSIA = rdflib.URIRef(B + "country/russia")
ARTICLE = rdflib.URIRef(B + "article/a1")

ODD_IDS = ["a b", "ünïcødé", "#frag", "?q=1&r", "x/y", "100%", ".", "..", "", "שלום 😀", "a\nb"]


@pytest.fixture
def graph(tiny_graph: KnowledgeGraph) -> rdflib.Graph:
    return to_rdflib(graph_triples(tiny_graph))


@pytest.mark.parametrize("article_id", ODD_IDS)
def test_any_article_id_gives_a_valid_iri_that_decodes_back(article_id: str) -> None:
    iri = article_iri(article_id)
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert iri.startswith(B + "article/")
    assert unquote(iri.removeprefix(B + "article/")) == article_id
    assert mention_iri(article_id, 3, 9).endswith("/3-9")


def test_dot_segments_are_encoded_so_resolution_keeps_them() -> None:
    assert article_iri("..") == B + "article/%2E%2E"
    assert node_iri("person/./x") == B + "person/%2E/x"


def test_a_node_key_keeps_its_slashes() -> None:
    assert node_iri("person/roman-seleznev") == B + "person/roman-seleznev"
    assert node_iri("person/zoë o'brien#1") == B + "person/zo%C3%AB%20o%27brien%231"


@pytest.mark.parametrize(
    "one, other",
    [
        (("a--b", "c"), ("a", "b--c")),
        (("a-", "b"), ("a", "-b")),
        (("person/x", "y"), ("person", "x/y")),
    ],
)
def test_distinct_comention_pairs_get_distinct_iris(
    one: tuple[str, str], other: tuple[str, str]
) -> None:
    assert comention_iri(*one) != comention_iri(*other)
    ox.NamedNode(comention_iri(*one))


def test_triples_are_sorted_and_unique(tiny_graph: KnowledgeGraph) -> None:
    triples = graph_triples(tiny_graph)
    assert len(set(triples)) == len(triples)
    subjects = [t.subject.value for t in triples]
    assert subjects == sorted(subjects)
    assert graph_triples(tiny_graph) == triples


def test_rows_put_each_subjects_type_first(tiny_graph: KnowledgeGraph) -> None:
    rows = graph_rows(tiny_graph)
    assert rows == sorted(set(rows))
    article = [row for row in rows if row[0] == str(ARTICLE)]
    assert article[0][2:] == (str(rdflib.RDF.type), str(KG.Article), "")
    assert len(rows) == len(graph_triples(tiny_graph))


def test_an_article_has_its_type_title_date_and_url(graph: rdflib.Graph) -> None:
    assert (ARTICLE, rdflib.RDF.type, KG.Article) in graph
    assert graph.value(ARTICLE, SCHEMA.headline) == rdflib.Literal(
        'Envoy & "friends" <script>alert(1)</script>'
    )
    assert graph.value(ARTICLE, SCHEMA.datePublished) == rdflib.Literal(
        "2019-12-02", datatype=XSD.date
    )
    assert graph.value(ARTICLE, SCHEMA.url) == rdflib.Literal(
        "https://example.com/a1?x=1&y=2", datatype=XSD.anyURI
    )
    assert graph.value(ARTICLE, SCHEMA.publisher) is None


def test_missing_date_and_title_are_left_out(tiny_graph: KnowledgeGraph) -> None:
    facts = tiny_graph.articles[0]
    bare = dataclasses.replace(facts.article, date=None, title="", publisher="Reuters")
    kg = dataclasses.replace(tiny_graph, articles=(dataclasses.replace(facts, article=bare),))
    graph = to_rdflib(graph_triples(kg))
    assert graph.value(ARTICLE, SCHEMA.datePublished) is None
    assert graph.value(ARTICLE, SCHEMA.headline) is None
    assert graph.value(ARTICLE, SCHEMA.publisher) == rdflib.Literal("Reuters")


def test_a_date_with_a_time_keeps_the_day(tiny_graph: KnowledgeGraph) -> None:
    facts = tiny_graph.articles[0]
    timed = dataclasses.replace(facts.article, date="2019-12-02T23:10:00Z")
    kg = dataclasses.replace(tiny_graph, articles=(dataclasses.replace(facts, article=timed),))
    graph = to_rdflib(graph_triples(kg))
    assert graph.value(ARTICLE, SCHEMA.datePublished) == rdflib.Literal(
        "2019-12-02", datatype=XSD.date
    )


def test_a_person_node(graph: rdflib.Graph) -> None:
    assert (ANTONOV, rdflib.RDF.type, KG.Person) in graph
    assert graph.value(ANTONOV, SKOS.prefLabel) == rdflib.Literal("Anatoly Antonov")
    assert set(graph.objects(ANTONOV, SKOS.altLabel)) == {rdflib.Literal("Antonov")}
    assert graph.value(ANTONOV, KG.mentionCount).toPython() == 2
    assert set(graph.objects(ANTONOV, KG.mentionedIn)) == {ARTICLE}
    assert graph.value(ANTONOV, OWL.sameAs) is None


def test_a_country_node_has_its_code_and_wikidata_item(graph: rdflib.Graph) -> None:
    assert (RUSSIA, rdflib.RDF.type, KG.Country) in graph
    assert graph.value(RUSSIA, KG.iso3166Alpha3) == rdflib.Literal("RUS")
    assert graph.value(RUSSIA, OWL.sameAs) == WD.Q159


def test_a_mention_points_at_its_entity_article_and_span(
    tiny_graph: KnowledgeGraph, graph: rdflib.Graph
) -> None:
    text = tiny_graph.articles[0].article.text
    start = text.index("Antonov met")
    mention = rdflib.URIRef(f"{B}mention/a1/{start}-{start + 7}")
    assert graph.value(mention, KG.mentionOf) == ANTONOV
    assert graph.value(mention, KG.inArticle) == ARTICLE
    assert graph.value(mention, KG.startOffset).toPython() == start
    assert graph.value(mention, KG.endOffset).toPython() == start + 7
    assert graph.value(mention, KG.anchorText) == rdflib.Literal("Antonov")
    assert graph.value(mention, KG.sentenceIndex).toPython() == 1
    sentence = str(graph.value(mention, KG.sentenceText))
    assert sentence == "Antonov met Roman Seleznev in the United States."
    assert len(set(graph.subjects(rdflib.RDF.type, KG.Mention))) == 5


def test_a_comention_is_a_plain_triple_and_a_node(graph: rdflib.Graph) -> None:
    assert (RUSSIA, KG.coMentionedWith, ANTONOV) in graph
    node = rdflib.URIRef(B + "comention/country%2Frussia--person%2Fanatoly-antonov")
    assert (node, rdflib.RDF.type, KG.CoMention) in graph
    assert graph.value(node, KG.coMentionSource) == RUSSIA
    assert graph.value(node, KG.coMentionTarget) == ANTONOV
    assert graph.value(node, KG.coMentionCount).toPython() == 1
    assert set(graph.objects(node, PROV.wasDerivedFrom)) == {ARTICLE}


def test_a_base_iri_prefixes_every_minted_iri(tiny_graph: KnowledgeGraph) -> None:
    base = "http://example.org/kg/"
    triples = graph_triples(tiny_graph, base_iri=base)
    assert all(t.subject.value.startswith(base) for t in triples)
    assert len(triples) == len(graph_triples(tiny_graph))


def test_plain_strings_stay_untyped_in_rdflib(graph: rdflib.Graph) -> None:
    label = graph.value(ANTONOV, SKOS.prefLabel)
    assert label.datatype is None and label.language is None


@pytest.mark.parametrize("base", ["not an iri", "http://example.org/kg"])
def test_a_bad_base_iri_is_refused(tiny_graph: KnowledgeGraph, base: str) -> None:
    with pytest.raises(InvalidBaseIriError, match="base IRI"):
        graph_triples(tiny_graph, base_iri=base)


def test_an_unknown_node_type_is_refused(tiny_graph: KnowledgeGraph) -> None:
    odd = dataclasses.replace(tiny_graph.nodes[0], type="Mention")
    kg = dataclasses.replace(tiny_graph, nodes=(odd, *tiny_graph.nodes[1:]))
    with pytest.raises(UnknownNodeTypeError, match=r"node 'country/russia': type 'Mention'"):
        graph_triples(kg)


def test_a_bad_date_is_refused_with_the_article_id(tiny_graph: KnowledgeGraph) -> None:
    facts = tiny_graph.articles[0]
    bad = dataclasses.replace(facts.article, date="2 December 2019")
    kg = dataclasses.replace(tiny_graph, articles=(dataclasses.replace(facts, article=bad),))
    with pytest.raises(InvalidDateError, match=r"article 'a1': date '2 December 2019'"):
        graph_triples(kg)


def test_a_mention_of_a_missing_article_is_refused(tiny_graph: KnowledgeGraph) -> None:
    kg = dataclasses.replace(tiny_graph, articles=())
    with pytest.raises(UnknownReferenceError, match="article 'a1'"):
        graph_triples(kg)


def test_a_comention_of_a_missing_node_is_refused(tiny_graph: KnowledgeGraph) -> None:
    ghost = CoMention("country/russia", "person/ghost", 1, (("a1", 0),))
    kg = dataclasses.replace(tiny_graph, comentions=(*tiny_graph.comentions, ghost))
    with pytest.raises(UnknownReferenceError, match="person/ghost"):
        graph_triples(kg)


# ---- relations and events: the closed vocabulary ---------------------------------------------

SELEZNEV = rdflib.URIRef(B + "person/roman-seleznev")
USA = rdflib.URIRef(B + "country/united-states")
EVENT = rdflib.URIRef(B + "event/a1/v0")


def with_facts(
    kg: KnowledgeGraph, relations: tuple[Relation, ...] = (), events: tuple[Event, ...] = ()
) -> KnowledgeGraph:
    facts = dataclasses.replace(kg.articles[0], relations=relations, events=events)
    return dataclasses.replace(kg, articles=(facts,))


def relation(type_: str = "citizenOf", obj: str = "e3") -> Relation:
    return Relation(type_, "e2", obj, Span(0, 7), 1, 0.9, "test")


def event(
    type_: str = "Justice.Extradite",
    roles: tuple[tuple[str, str | None], ...] = (
        ("Defendant", "e2"),
        ("Destination", "e3"),
        ("Place", "e1"),
    ),
    subtype: str | None = None,
) -> Event:
    arguments = tuple(EventArgument(role, entity, Span(0, 7)) for role, entity in roles)
    return Event("v0", type_, (Span(0, 7),), (1,), arguments, subtype=subtype)


def test_a_relation_is_written_with_its_property(tiny_graph: KnowledgeGraph) -> None:
    kg = with_facts(tiny_graph, relations=(relation(), relation("holdsPosition", "envoy")))
    graph = to_rdflib(graph_triples(kg))
    assert (SELEZNEV, KG.citizenOf, USA) in graph
    assert (SELEZNEV, KG.holdsPosition, rdflib.Literal("envoy")) in graph


def test_an_event_is_written_with_its_class_and_role_properties(
    tiny_graph: KnowledgeGraph,
) -> None:
    graph = to_rdflib(graph_triples(with_facts(tiny_graph, events=(event(),))))
    assert set(graph.objects(EVENT, rdflib.RDF.type)) == {KG.JusticeExtradite, KG.Event}
    assert set(graph.predicate_objects(EVENT)) >= {
        (KG.defendant, SELEZNEV),
        (SEM.hasActor, SELEZNEV),
        (KG.destination, USA),
        (SEM.hasPlace, USA),
    }
    # the role Place has no property of its own: sem:hasPlace alone
    assert set(graph.predicates(EVENT, RUSSIA)) == {SEM.hasPlace}


@pytest.mark.parametrize("type_", ["Justice.Extradition", "justice.extradite", "Event", ""])
def test_an_unknown_event_type_is_refused(tiny_graph: KnowledgeGraph, type_: str) -> None:
    kg = with_facts(tiny_graph, events=(event(type_, roles=()),))
    with pytest.raises(
        UnknownEventTypeError, match=rf"article 'a1': event 'v0' has type '{type_}'"
    ):
        graph_triples(kg)


def test_an_unknown_subtype_is_refused(tiny_graph: KnowledgeGraph) -> None:
    kg = with_facts(tiny_graph, events=(event(subtype="Broadcast"),))
    with pytest.raises(UnknownEventTypeError, match=r"subtype 'Broadcast'.*: none"):
        graph_triples(kg)


@pytest.mark.parametrize(
    "role",
    [
        "Defendent",  # a typo
        "defendant",  # the property's name, not the role's
        "Attacker",  # a role of another type
        "Crime",  # KAIROS's, but no extractor's
    ],
)
def test_an_unknown_role_is_refused(tiny_graph: KnowledgeGraph, role: str) -> None:
    kg = with_facts(tiny_graph, events=(event(roles=(("Defendant", "e2"), (role, "e0"))),))
    with pytest.raises(UnknownRoleError, match=rf"event 'v0' of type Justice.Extradite .*'{role}'"):
        graph_triples(kg)


def test_an_unknown_role_is_refused_even_when_it_names_no_entity(
    tiny_graph: KnowledgeGraph,
) -> None:
    kg = with_facts(tiny_graph, events=(event(roles=(("Victim", None),)),))
    with pytest.raises(UnknownRoleError, match="'Victim'"):
        graph_triples(kg)


@pytest.mark.parametrize("type_", ["citizenof", "nationalOf", "coMentionedWith", "Person"])
def test_an_unknown_relation_type_is_refused(tiny_graph: KnowledgeGraph, type_: str) -> None:
    kg = with_facts(tiny_graph, relations=(relation(type_),))
    with pytest.raises(UnknownRelationTypeError, match=rf"relation 0 has type '{type_}'"):
        graph_triples(kg)


def test_unknown_terms_are_rdf_errors() -> None:
    for error in (UnknownNodeTypeError, UnknownRelationTypeError, UnknownEventTypeError):
        assert issubclass(error, UnknownTermError)
    assert issubclass(UnknownRoleError, UnknownTermError)
    assert issubclass(UnknownTermError, RdfError)


# ---- An event several articles report: one node (kg.resolve.events) ------------------------


def arrest_report(article_id: str, person: str, label: str, date: str | None) -> ArticleFacts:
    """An article saying "{person} was arrested in the Maldives." as one arrest event."""
    text = f"{person} was arrested in the Maldives."
    start = text.index("Maldives")
    who = Entity("e0", "Person", person, (Mention(0, len(person), person, 0),))
    where = Entity(
        "e1",
        "Country",
        "Maldives",
        (Mention(start, start + 8, "Maldives", 0),),
        iso3="MDV",
        wikidata="Q826",
    )
    trigger = Span(text.index("arrested"), text.index("arrested") + 8)
    arguments = (
        EventArgument("Detainee", "e0", Span(0, len(person))),
        EventArgument("Place", "e1", Span(start, start + 8)),
    )
    event = Event(
        "v0", "Justice.ArrestJailDetain", (trigger,), (0,), arguments, date=date, label=label
    )
    article = Article(id=article_id, text=text, date="2019-12-04")
    return ArticleFacts(article, (Span(0, len(text)),), (who, where), events=(event,))


def arrests(*reports: ArticleFacts) -> rdflib.Graph:
    return to_rdflib(graph_triples(resolve(reports)))


A1_EVENT, A2_EVENT = rdflib.URIRef(B + "event/a1/v0"), rdflib.URIRef(B + "event/a2/v0")


def test_an_event_two_articles_report_is_one_node_derived_from_both() -> None:
    graph = arrests(
        arrest_report("a1", "Roman Seleznev", "Roman Seleznev arrested, Maldives", "2019-12"),
        arrest_report("a2", "Roman Seleznev", "Roman Seleznev arrested", "2019-12-02"),
    )
    assert list(graph.subjects(rdflib.RDF.type, KG.Event)) == [A1_EVENT]
    assert set(graph.objects(A1_EVENT, PROV.wasDerivedFrom)) == {
        rdflib.URIRef(B + "article/a1"),
        rdflib.URIRef(B + "article/a2"),
    }
    # one label (the earliest article's), one date (the most precise), one of each value
    assert list(graph.objects(A1_EVENT, rdflib.RDFS.label)) == [
        rdflib.Literal("Roman Seleznev arrested, Maldives")
    ]
    assert list(graph.objects(A1_EVENT, SEM.hasTime)) == [rdflib.URIRef(B + "time/2019-12-02")]
    for single in (KG.eventType, KG.factuality, KG.confidence, KG.extractor, KG.evidenceStart):
        assert len(list(graph.objects(A1_EVENT, single))) == 1, single
    # the other article's evidence stays with its report, a prov:Derivation of the node
    assert list(graph.objects(A1_EVENT, PROV.qualifiedDerivation)) == [A2_EVENT]
    assert set(graph.predicate_objects(A2_EVENT)) == {
        (rdflib.RDF.type, PROV.Derivation),
        (PROV.entity, rdflib.URIRef(B + "article/a2")),
        (KG.evidenceStart, rdflib.Literal(19)),
        (KG.evidenceEnd, rdflib.Literal(27)),
        (KG.evidenceSentence, rdflib.Literal(0)),
        (KG.evidenceText, rdflib.Literal("arrested")),
    }


def test_arrests_of_two_people_are_two_nodes() -> None:
    graph = arrests(
        arrest_report("a1", "Roman Seleznev", "Roman Seleznev arrested", None),
        arrest_report("a2", "Mary Jones", "Mary Jones arrested", None),
    )
    assert sorted(graph.subjects(rdflib.RDF.type, KG.Event)) == [A1_EVENT, A2_EVENT]
    assert not list(graph.subjects(rdflib.RDF.type, PROV.Derivation))


def test_a_merged_event_conforms_to_the_shapes_and_two_labels_would_not(tmp_path) -> None:
    from kg.export.turtle import validate, write_turtle

    graph = resolve(
        [
            arrest_report("a1", "Roman Seleznev", "Seleznev arrested", "2019-12"),
            arrest_report("a2", "Roman Seleznev", "Seleznev held", "2019-12-02"),
        ]
    )
    write_turtle(graph, tmp_path / "g.ttl")
    conforms, report = validate(tmp_path / "g.ttl")
    assert conforms, report
    broken = tmp_path / "broken.ttl"
    line = f'<{A1_EVENT}> <{rdflib.RDFS.label}> "Seleznev held" .\n'
    broken.write_text((tmp_path / "g.ttl").read_text() + line)
    assert not validate(broken)[0]


def test_a_dateline_place_is_the_articles_dateline_place_and_no_comention() -> None:
    # "SALVADOR, Feb 26 - Comissaria Smith said Bahia farmers sold cocoa."
    text = "SALVADOR, Feb 26 - Comissaria Smith said Bahia farmers sold cocoa."
    entities = (
        Entity("e0", "Place", "Salvador", (Mention(0, 8, "SALVADOR", 0, dateline=True),)),
        Entity("e1", "Organization", "Comissaria Smith", (Mention(19, 35, text[19:35], 0),)),
        Entity("e2", "Place", "Bahia", (Mention(41, 46, "Bahia", 0),)),
    )
    facts = ArticleFacts(Article("a1", text), (Span(0, len(text)),), entities)
    graph = to_rdflib(graph_triples(resolve([facts])))
    salvador = rdflib.URIRef(B + "place/salvador")
    assert list(graph.objects(ARTICLE, KG.datelinePlace)) == [salvador]
    assert (salvador, rdflib.RDF.type, KG.Place) in graph
    assert not list(graph.triples((salvador, KG.coMentionedWith, None)))
    assert not list(graph.triples((None, KG.coMentionedWith, salvador)))
    # Bahia, named in the sentence, is no dateline place
    assert (ARTICLE, KG.datelinePlace, rdflib.URIRef(B + "place/bahia")) not in graph


def test_an_organisation_node_carries_its_tickers() -> None:
    text = "San Miguel Corp <SMC.PS> said profits rose."
    company = Entity(
        "e0",
        "Organization",
        "San Miguel Corp",
        (Mention(0, 15, "San Miguel Corp", 0),),
        tickers=("SMC.PS",),
    )
    plain = Entity("e1", "Organization", "Acme", (Mention(30, 34, "Acme", 0),))
    facts = ArticleFacts(Article("a1", text), (Span(0, len(text)),), (company, plain))
    graph = to_rdflib(graph_triples(resolve([facts])))
    node = rdflib.URIRef(B + "organization/san-miguel-corp")
    assert list(graph.objects(node, KG.ticker)) == [rdflib.Literal("SMC.PS")]
    assert not list(graph.objects(rdflib.URIRef(B + "organization/acme"), KG.ticker))
