"""Across articles: which entities become one node, and the reason logged for each join."""

from __future__ import annotations

import dataclasses

import pytest

import kg.resolve
from kg.model import Article, ArticleFacts, Entity, Mention, Span
from kg.resolve import resolve, slugify
from kg.resolve.rules import AliasFileError, load_alias_rules


def article(article_id: str, *entities: tuple[str, str, tuple[str, ...]]) -> ArticleFacts:
    """An article naming each (type, name, aliases) once, all in one sentence."""
    text = " ".join(name for _, name, _ in entities) + "."
    found, offset = [], 0
    for index, (type_, name, aliases) in enumerate(entities):
        mention = Mention(offset, offset + len(name), name, 0)
        offset += len(name) + 1
        found.append(Entity(f"e{index}", type_, name, (mention,), aliases=aliases))
    return ArticleFacts(Article(article_id, text), (Span(0, len(text)),), tuple(found))


def labels(graph) -> dict[str, str]:
    return {node.label: node.key for node in graph.nodes}


def test_same_type_and_name_is_one_node_with_a_logged_reason():
    graph = resolve(
        [
            article("a", ("Person", "Angela Merkel", ())),
            article("b", ("Person", "Angela Merkel", ())),
        ]
    )
    [node] = graph.nodes
    assert node.key == "person/angela-merkel"
    assert node.article_ids == ("a", "b")
    [merge] = graph.merges
    assert (merge.article_id, merge.name) == ("b", "Angela Merkel")
    assert "same type (Person) and normalised name" in merge.reason


def test_a_name_that_is_one_nodes_alias_joins_it():
    graph = resolve(
        [
            article("a", ("Person", "Barack Obama", ("Obama",))),
            article("b", ("Person", "Obama", ())),
        ]
    )
    assert labels(graph) == {"Barack Obama": "person/barack-obama"}
    [merge] = graph.merges
    assert merge.reason == "'Obama' is an alias of 'Barack Obama' in another article"
    assert graph.entity_keys[("b", "e0")] == "person/barack-obama"


def test_a_surname_two_people_share_joins_neither():
    graph = resolve(
        [
            article("a", ("Person", "George Bush", ("Bush",))),
            article("b", ("Person", "Laura Bush", ("Bush",))),
            article("c", ("Person", "Bush", ())),
        ]
    )
    assert set(labels(graph)) == {"George Bush", "Laura Bush", "Bush"}
    assert not graph.merges


def test_an_acronym_joins_the_name_it_spells_when_a_neighbour_links_them():
    graph = resolve(
        [
            article(
                "a",
                ("Organization", "Federal Bureau of Investigation", ()),
                ("Organization", "Justice Department", ()),
            ),
            article("b", ("Organization", "FBI", ()), ("Organization", "Justice Department", ())),
        ]
    )
    fbi = graph.node(graph.entity_keys[("b", "e0")])
    assert fbi.label == "Federal Bureau of Investigation"
    assert "FBI" in fbi.aliases
    [merge] = [m for m in graph.merges if m.name == "FBI"]
    assert merge.reason == (
        "'FBI' is the acronym of 'Federal Bureau of Investigation', its only expansion; "
        "articles naming each also name 'Justice Department'"
    )


def test_an_acronym_nothing_links_to_the_name_it_spells_stays_apart():
    # five articles on carmakers call General Motors "GM"; one on hackers names the Globe
    # and Mail: the letters alone say nothing
    graph = resolve(
        [
            article("a", ("Organization", "GM", ()), ("Organization", "Chrysler", ())),
            article("b", ("Organization", "Globe and Mail", ()), ("Person", "Anonymous", ())),
        ]
    )
    assert len(graph.nodes) == 4


def test_a_country_alias_inside_a_name_is_spelled_out():
    graph = resolve(
        [
            article("a", ("Organization", "U.S. Air Force", ())),
            article("b", ("Organization", "United States Air Force", ())),
        ]
    )
    assert len(graph.nodes) == 1


def test_types_are_never_merged():
    graph = resolve([article("a", ("Person", "Jordan", ())), article("b", ("Place", "Jordan", ()))])
    assert len(graph.nodes) == 2


def test_alias_file_forces_a_merge_pins_wikidata_and_forbids_one(tmp_path):
    rules_file = tmp_path / "aliases.toml"
    rules_file.write_text(
        '[[same]]\nnames = ["Angela Merkel", "Mutti"]\ntype = "Person"\nwikidata = "Q567"\n\n'
        '[[distinct]]\nnames = ["Barack Obama", "Obama"]\n'
    )
    rules = load_alias_rules(rules_file)
    graph = resolve(
        [
            article("a", ("Person", "Angela Merkel", ()), ("Person", "Barack Obama", ("Obama",))),
            article("b", ("Person", "Mutti", ()), ("Person", "Obama", ())),
        ],
        rules=rules,
    )
    merkel = graph.node(labels(graph)["Angela Merkel"])
    assert merkel.aliases == ("Mutti",) and merkel.wikidata == "Q567"
    assert "Obama" in labels(graph)  # kept apart by the rule
    reasons = {m.name: m.reason for m in graph.merges}
    assert reasons["Mutti"] == "alias file rule 'Angela Merkel'"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[same]]\nnames = 'Merkel'\n", "`names` must be a non-empty list of strings"),
        ('[[same]]\nnames = ["A"]\nwikidata = "567"\n', "wikidata must look like Q42"),
        ('[[same]]\nnames = ["A"]\ntype = "Animal"\n', "type must be one of"),
        ("[[merge]]\nnames = []\n", "unknown section(s) merge"),
        ("[[same]\n", "not valid TOML"),
    ],
)
def test_a_bad_alias_file_is_named_with_the_problem(tmp_path, content, message):
    path = tmp_path / "aliases.toml"
    path.write_text(content)
    with pytest.raises(AliasFileError, match=r"aliases\.toml") as error:
        load_alias_rules(path)
    assert message in str(error.value)


def test_comentions_count_sentences_across_articles():
    graph = resolve(
        [
            article("a", ("Person", "Angela Merkel", ()), ("Country", "France", ())),
            article("b", ("Person", "Angela Merkel", ()), ("Country", "France", ())),
        ]
    )
    [link] = graph.comentions
    assert link.count == 2
    assert link.evidence == (("a", 0), ("b", 0))


def test_a_dateline_place_is_no_comention_of_its_sentence():
    # "SALVADOR, Feb 26 - Comissaria Smith said ...": Salvador is where the wire was filed
    text = "SALVADOR, Feb 26 - Comissaria Smith said Bahia farmers sold cocoa."
    salvador = Entity("e0", "Place", "Salvador", (Mention(0, 8, "SALVADOR", 0, dateline=True),))
    smith = Entity("e1", "Organization", "Comissaria Smith", (Mention(19, 35, text[19:35], 0),))
    bahia = Entity("e2", "Place", "Bahia", (Mention(41, 46, "Bahia", 0),))
    facts = ArticleFacts(Article("a", text), (Span(0, len(text)),), (salvador, smith, bahia))
    graph = resolve([facts])
    assert [(c.source, c.target) for c in graph.comentions] == [
        ("organization/comissaria-smith", "place/bahia")
    ]
    # the place keeps its node
    assert "place/salvador" in labels(graph).values()
    # a place the sentence names itself, not in a dateline, is a co-mention as usual
    in_text = Entity("e0", "Place", "Salvador", (Mention(41, 46, "Bahia", 0),))
    plain = dataclasses.replace(facts, entities=(in_text, smith))
    assert len(resolve([plain]).comentions) == 1


def test_slugify_is_readable_and_never_empty():
    assert slugify("Roman Seleznev") == "roman-seleznev"
    assert slugify("Émile Zola") == "emile-zola"
    assert slugify("北京").startswith("u")


def crowd(size: int) -> ArticleFacts:
    """One article naming `size` different people in one sentence."""
    return article("crowd", *(("Person", f"Person {index:04d}", ()) for index in range(size)))


def test_a_sentence_of_news_pairs_every_entity():
    # 35 entities is the most one sentence of the 20,961 news-bench articles names
    graph = resolve([crowd(35)])
    assert len(graph.comentions) == 35 * 34 // 2
    assert graph.comentions_left_out == 0


def test_a_crowded_sentence_pairs_near_names_only():
    # Each name pairs with the COMENTION_WINDOW names after it, not with all 59 others.
    graph = resolve([crowd(60)])
    window = kg.resolve.COMENTION_WINDOW
    expected = sum(min(window, 59 - index) for index in range(60))
    assert len(graph.comentions) == expected < 60 * 59 // 2
    assert graph.comentions_left_out == 60 * 59 // 2 - expected
    pairs = {(c.source, c.target) for c in graph.comentions}
    assert ("person/person-0000", "person/person-0050") in pairs
    assert ("person/person-0000", "person/person-0051") not in pairs


def test_a_thousand_names_in_one_sentence_give_bounded_comentions():
    # All pairs would be 499,500; the article's share is COMENTION_MAX_PAIRS.
    graph = resolve([crowd(1_000)])
    assert len(graph.comentions) == kg.resolve.COMENTION_MAX_PAIRS
    assert graph.comentions_left_out == 499_500 - kg.resolve.COMENTION_MAX_PAIRS


# Names and their extensions across articles (kg.resolve.extensions). `article` names its
# entities in the order given, so the first is named first.


def org(name: str) -> tuple[str, str, tuple[str, ...]]:
    return ("Organization", name, ())


def node_of(graph, article_id: str, entity_id: str) -> str:
    return graph.entity_keys[(article_id, entity_id)]


def test_a_short_name_its_article_names_after_its_extension_joins_it():
    graph = resolve(
        [
            article("a", org("Northrop Grumman"), org("Northrop")),
            article("b", org("Northrop Grumman"), org("Boeing"), org("Northrop")),
            article("c", org("Northrop Grumman")),
            article("d", org("Northrop"), org("Airbus")),  # what the others called it
        ]
    )
    assert node_of(graph, "a", "e1") == node_of(graph, "a", "e0") == "organization/northrop-grumman"
    assert node_of(graph, "b", "e2") == node_of(graph, "d", "e0") == "organization/northrop-grumman"
    reasons = {(m.article_id, m.reason) for m in graph.merges if m.name == "Northrop"}
    assert reasons == {
        ("a", "'Northrop' is short for 'Northrop Grumman', which the same article names first"),
        ("b", "'Northrop' is short for 'Northrop Grumman', which the same article names first"),
        ("d", "'Northrop' is an alias of 'Northrop Grumman' in another article"),
    }


@pytest.mark.parametrize(
    "articles",
    [
        # Google is named first: the science fair is Google's, not Google
        [article("a", org("Google"), org("Google Science Fair"))],
        # two extensions in one article: which one?
        [
            article(
                "a",
                org("Air Force for Acquisition Darleen Druyun"),
                org("Air Force for Acquisition Marvin Sambur"),
                org("Air Force for Acquisition"),
            )
        ],
        # "Apple paying $26.5 million" of Apple Computer, beside Apple Corps
        [article("a", org("Apple Corps"), org("Apple Computer"), org("Apple"))],
        # a branch named by a place is not the company's longer name
        [article("a", org("Ford Australia"), org("Ford"))],
        [article("a", org("EADS North America"), org("EADS"))],
        # a common word extends nothing
        [article("a", org("Bank of America"), org("Bank"))],
    ],
)
def test_a_short_name_without_that_evidence_stays_apart(articles):
    graph = resolve(articles)
    assert len(graph.nodes) == len({e.name for a in articles for e in a.entities})
    assert all(m.reason.startswith("same type") for m in graph.merges)


def test_a_name_with_a_company_form_or_kind_of_body_after_it_joins_when_linked():
    graph = resolve(
        [
            article("a", org("U.S. Treasury"), org("U.S. Treasury Department")),
            article("b", org("Ford Motor Co"), org("Chrysler")),
            article("c", org("Ford"), org("Chrysler"), ("Person", "Gerald Ford", ())),
            article("d", org("Ford Motor Company"), org("Ford Australia")),
        ]
    )
    treasury = node_of(graph, "a", "e0")
    assert treasury == node_of(graph, "a", "e1") == "organization/u-s-treasury-department"
    ford = {node_of(graph, *entity) for entity in (("b", "e0"), ("c", "e0"), ("d", "e0"))}
    assert len(ford) == 1
    assert node_of(graph, "d", "e1") not in ford  # a subsidiary
    assert node_of(graph, "c", "e2") == "person/gerald-ford"
    reasons = {m.name: m.reason for m in graph.merges}
    assert reasons["U.S. Treasury"] == (
        "'U.S. Treasury' is 'U.S. Treasury Department' without its 'Department', in the same "
        "article"
    )
    assert reasons["Ford Motor Co"] == (
        "'Ford Motor Co' spells out as 'Ford Motor Company' (kg/data/resolve_abbreviations.tsv)"
    )
    # Ford and Ford Motor Company share no article: Chrysler, named beside each, links them
    assert reasons["Ford"] == (
        "'Ford' is 'Ford Motor Company' without its 'Motor Company', its only such name; "
        "articles naming each also name 'Chrysler'"
    )


def test_a_company_form_without_a_link_or_with_two_candidates_joins_nothing():
    graph = resolve(
        [
            # Britain's Labour and Hong Kong's Labour Party: nothing links them
            article("a", org("Labour"), org("Home Office")),
            article("b", org("Labour Party"), org("Civic Party")),
            # Apple Inc. or Apple Corps?
            article("c", org("Apple Inc."), org("Apple Corps"), org("Apple")),
        ]
    )
    assert len(graph.nodes) == 7
    assert not graph.merges


def test_names_that_spell_out_alike_are_one_node():
    graph = resolve(
        [
            article("a", ("Place", "East Los Angeles", ()), ("Place", "Washington", ())),
            article("b", ("Place", "East L.A.", ()), ("Place", "Washington D.C.", ())),
            article("c", org("World Health Organization (WHO)"), org("U.N.")),
            article("d", org("World Health Organization"), org("United Nations")),
        ]
    )
    assert node_of(graph, "b", "e0") == node_of(graph, "a", "e0") == "place/east-los-angeles"
    assert node_of(graph, "b", "e1") != node_of(graph, "a", "e1")  # a city is no extension
    assert node_of(graph, "c", "e0") == node_of(graph, "d", "e0")
    assert node_of(graph, "c", "e1") == node_of(graph, "d", "e1") == "organization/united-nations"
    reasons = {m.name: m.reason for m in graph.merges}
    assert reasons["East L.A."] == (
        "'East L.A.' spells out as 'East Los Angeles' (kg/data/resolve_abbreviations.tsv)"
    )


def test_a_place_after_of_names_the_same_thing():
    museum = "Evergreen Aviation & Space Museum"
    graph = resolve([article("a", org(f"{museum} of McMinnville"), org(museum))])
    assert len(graph.nodes) == 1


def test_an_abbreviated_name_joins_its_expansion_when_a_neighbour_links_them():
    def person(name: str) -> tuple[str, str, tuple[str, ...]]:
        return ("Person", name, ())

    linked = resolve(
        [
            article("a", person("Michael Sears"), org("Boeing"), person("Darleen Druyun")),
            article("b", person("M. Sears"), person("Darleen Druyun")),
        ]
    )
    assert node_of(linked, "b", "e0") == node_of(linked, "a", "e0") == "person/michael-sears"
    [merge] = [m for m in linked.merges if m.name == "M. Sears"]
    assert "'M. Sears' abbreviates 'Michael Sears'" in merge.reason
    alone = resolve(
        [article("a", person("Michael Sears")), article("b", person("M. Sears"), org("Boeing"))]
    )
    assert len(alone.nodes) == 3  # maybe Mark Sears: nothing says otherwise


def test_an_acronym_several_names_spell_joins_the_one_naming_it_first():
    graph = resolve(
        [
            article("a", org("Supreme Court"), org("SC")),
            article("b", org("Skidmore College")),
        ]
    )
    assert node_of(graph, "a", "e1") == node_of(graph, "a", "e0") == "organization/supreme-court"
    assert node_of(graph, "b", "e0") == "organization/skidmore-college"


def test_an_alias_file_rule_keeps_a_name_and_its_extension_apart(tmp_path):
    rules_file = tmp_path / "aliases.toml"
    rules_file.write_text('[[distinct]]\nnames = ["Northrop", "Northrop Grumman"]\n')
    graph = resolve(
        [article("a", org("Northrop Grumman"), org("Northrop"))],
        rules=load_alias_rules(rules_file),
    )
    assert len(graph.nodes) == 2


def test_joins_do_not_depend_on_the_order_of_articles():
    articles = [
        article("a", org("Northrop Grumman"), org("Northrop"), org("U.S. Treasury")),
        article("b", org("U.S. Treasury Department"), org("Northrop Grumman")),
        article("c", ("Place", "East L.A.", ()), org("Ford"), org("Chrysler")),
        article("d", ("Place", "East Los Angeles", ()), org("Ford Motor Co"), org("Chrysler")),
    ]
    forward, backward = resolve(articles), resolve(articles[::-1])
    assert forward.nodes == backward.nodes
    assert forward.merges == backward.merges
    assert len(forward.nodes) == 5


def test_the_entity_the_others_joined_is_logged_as_no_merge():
    # "Obama" (article a) comes first, but it is the one that joined "Barack Obama" (b)
    graph = resolve(
        [
            article("a", ("Person", "Obama", ())),
            article("b", ("Person", "Barack Obama", ("Obama",))),
            article("c", ("Person", "Barack Obama", ())),
        ]
    )
    assert [(m.article_id, m.name) for m in graph.merges] == [("a", "Obama"), ("c", "Barack Obama")]


def test_a_streamed_build_gives_joined_names_the_rows_of_resolving_first(tmp_path):
    # A build writes each article's rows with its own node keys, then renames the nodes
    # resolution joined (kg.pipeline.spool): the rows must be those of the whole graph.
    from kg.graph.rdf import graph_rows
    from kg.pipeline.spool import BuildSpool

    articles = [
        article("a", org("Northrop Grumman"), org("Northrop"), org("U.S. Treasury")),
        article("b", org("U.S. Treasury Department"), org("Northrop Grumman"), org("Northrop")),
        article("c", ("Place", "East L.A.", ()), org("Ford"), org("Chrysler")),
        article("d", ("Place", "East Los Angeles", ()), org("Ford Motor Co"), org("Chrysler")),
        # Apple joins Apple Corps in its article; beside Apple Inc. too, only by alias
        article("e", org("Apple Corps"), org("Apple"), ("Place", "Fla", ())),
        article("f", org("Apple Inc."), org("Apple Corps"), org("Apple"), ("Place", "Fla.", ())),
    ]
    spool = BuildSpool(tmp_path / "work")
    try:
        for facts in articles:
            spool.add(facts)
        graph = spool.graph()
        streamed = list(spool.rdf_rows(graph))
    finally:
        spool.close()
    assert len(graph.nodes) == 8
    assert streamed == graph_rows(resolve(articles))


def test_a_state_abbreviation_spells_out_its_state_not_a_town_it_begins():
    graph = resolve(
        [
            article("a", ("Place", "Minnetonka", ()), ("Place", "Minn.", ())),
            article("b", ("Place", "Minnesota", ())),
        ]
    )
    assert node_of(graph, "a", "e1") == node_of(graph, "b", "e0")
    assert node_of(graph, "a", "e0") != node_of(graph, "a", "e1")


def test_names_one_slug_apart_are_one_node():
    # a build names each article's nodes by their slug before resolving (kg.pipeline.spool):
    # two nodes of one slug would be renamed as one
    graph = resolve(
        [
            article("a", ("Place", "St. Louis", ()), org("International Monetary Fund")),
            article("b", ("Place", "St Louis", ()), org("International Monetary) Fund")),
        ]
    )
    assert len(graph.nodes) == 2
    [merge] = [m for m in graph.merges if "Louis" in m.name]
    assert merge.reason in (
        "'St Louis' is 'St. Louis' but for punctuation",
        "'St. Louis' is 'St Louis' but for punctuation",
    )


def test_a_longer_name_for_another_kind_of_thing_is_not_the_name_it_begins():
    graph = resolve(
        [
            article("a", org("Trust Fund Bureau Law"), org("Trust Fund Bureau")),
            article("b", org("BBC News"), org("BBC")),
            article("c", org("Inland Steel Industries"), org("Inland")),
        ]
    )
    assert node_of(graph, "a", "e0") != node_of(graph, "a", "e1")
    assert node_of(graph, "b", "e0") != node_of(graph, "b", "e1")
    assert node_of(graph, "c", "e0") == node_of(graph, "c", "e1")  # "Industries": its name


def test_resolving_without_comentions_gives_an_articles_own_rows(facts_of):
    """The spool resolves each article alone for its own rows, which use no co-mentions."""
    from kg.graph.rdf import graph_rows

    facts = facts_of("Angela Merkel met Emmanuel Macron in Paris on Monday. Merkel flew home.")
    full, bare = resolve([facts]), resolve([facts], comentions=False)
    assert full.comentions and not bare.comentions
    assert bare.entity_keys == full.entity_keys
    assert graph_rows(bare, corpus_rows=False) == graph_rows(full, corpus_rows=False)
