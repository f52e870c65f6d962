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


def test_an_acronym_joins_the_name_it_spells():
    graph = resolve(
        [
            article("a", ("Organization", "Federal Bureau of Investigation", ())),
            article("b", ("Organization", "FBI", ())),
        ]
    )
    [node] = graph.nodes
    assert node.label == "Federal Bureau of Investigation"
    assert "FBI" in node.aliases
    assert graph.merges[0].reason == "'FBI' is the acronym of 'Federal Bureau of Investigation'"


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
