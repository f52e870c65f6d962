"""The quality report: counts, orphans, likely duplicates, evidence, SHACL, skipped inputs."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from kg.export.report import (
    ReportError,
    build_report,
    likely_duplicates,
    orphan_nodes,
    read_report,
    summary_lines,
    write_report,
)
from kg.export.turtle import write_turtle
from kg.ingest import Skipped
from kg.model import (
    Article,
    ArticleFacts,
    Entity,
    Event,
    EventArgument,
    KnowledgeGraph,
    Mention,
    MentionRef,
    Node,
    Relation,
    Span,
)
from kg.resolve import resolve


def with_nodes(kg: KnowledgeGraph, *extra: Node) -> KnowledgeGraph:
    return dataclasses.replace(kg, nodes=tuple(sorted((*kg.nodes, *extra), key=lambda n: n.key)))


def lone_node(kg: KnowledgeGraph, key: str, label: str, aliases=()) -> Node:
    """A node named once in the tiny graph's article, co-mentioned with nothing."""
    mention = kg.nodes[0].mentions[0].mention
    return Node(key, "Person", label, tuple(aliases), (MentionRef("a1", "e9", mention),))


def test_counts_of_the_tiny_graph(tiny_graph: KnowledgeGraph) -> None:
    report = build_report(tiny_graph)
    assert report["articles"] == 1
    assert report["entities_by_type"] == {"Person": 2, "Country": 2}
    assert report["relations_by_type"] == {} and report["events_by_type"] == {}
    assert report["comentions"] == 4
    assert report["orphan_nodes"] == {"count": 0, "nodes": []}
    assert report["likely_duplicates"]["count"] == 0
    assert report["likely_duplicates"]["pairs"] == []
    assert report["comentions_left_out"] == 0


def test_co_mentions_past_the_bounds_are_counted(tiny_graph: KnowledgeGraph) -> None:
    crowded = dataclasses.replace(tiny_graph, comentions_left_out=7)
    assert build_report(crowded)["comentions_left_out"] == 7


def test_a_node_with_no_neighbour_is_an_orphan(tiny_graph: KnowledgeGraph) -> None:
    graph = with_nodes(tiny_graph, lone_node(tiny_graph, "person/zoe-obrien", "Zoë O'Brien"))
    assert orphan_nodes(graph) == ["person/zoe-obrien"]
    assert build_report(graph)["orphan_nodes"]["nodes"] == [
        {"key": "person/zoe-obrien", "label": "Zoë O'Brien"}
    ]


def test_a_relation_or_event_argument_ends_orphanhood(tiny_graph: KnowledgeGraph) -> None:
    graph = dataclasses.replace(tiny_graph, comentions=())
    assert len(orphan_nodes(graph)) == 4
    facts = graph.articles[0]
    relation = Relation("citizenOf", "e2", "e3", Span(0, 5), 1, 0.9, "test")
    event = Event(
        "v0",
        "Justice.Sentence",
        (Span(0, 5),),
        (1,),
        (EventArgument("Defendant", "e0", Span(0, 5)),),
    )
    graph = dataclasses.replace(
        graph, articles=(dataclasses.replace(facts, relations=(relation,), events=(event,)),)
    )
    assert orphan_nodes(graph) == ["country/russia"]
    report = build_report(graph)
    assert report["relations_by_type"] == {"citizenOf": 1}
    assert report["events_by_type"] == {"Justice.Sentence": 1}


def with_events(kg: KnowledgeGraph, *factualities: str) -> KnowledgeGraph:
    """The tiny graph with one attack per factuality given."""
    events = tuple(
        Event(f"v{i}", "Conflict.Attack", (Span(0, 5),), (0,), factuality=factuality)
        for i, factuality in enumerate(factualities)
    )
    facts = dataclasses.replace(kg.articles[0], events=events)
    return dataclasses.replace(kg, articles=(facts,))


def test_events_are_counted_by_factuality(tiny_graph: KnowledgeGraph) -> None:
    # "troops attacked ...", "no attack took place", "the army may attack": three attacks
    graph = with_events(tiny_graph, "asserted", "negated", "hypothetical", "asserted")
    report = build_report(graph)
    assert report["events_by_type"] == {"Conflict.Attack": 4}
    assert report["events_by_factuality"] == {"asserted": 2, "negated": 1, "hypothetical": 1}
    assert list(report["events_by_factuality"]) == ["asserted", "negated", "hypothetical"]
    assert "events by factuality: asserted 2, negated 1, hypothetical 1" in summary_lines(report)


def test_a_graph_without_events_counts_every_factuality_as_zero(tiny_graph) -> None:
    report = build_report(tiny_graph)
    assert report["events_by_factuality"] == {"asserted": 0, "negated": 0, "hypothetical": 0}
    assert not any("factuality" in line for line in summary_lines(report))


def test_an_unknown_factuality_is_an_error(tiny_graph: KnowledgeGraph) -> None:
    with pytest.raises(ReportError, match="'likely'"):
        build_report(with_events(tiny_graph, "likely"))


def test_a_report_written_before_factuality_still_summarises(tiny_graph, tmp_path) -> None:
    report = build_report(with_events(tiny_graph, "asserted"))
    del report["events_by_factuality"]
    lines = summary_lines(report)
    assert lines[2] == "events: Conflict.Attack 1" and lines[3].startswith("orphan nodes")


def test_likely_duplicates_by_label_and_alias(tiny_graph: KnowledgeGraph) -> None:
    # "Antonov" is an alias of Anatoly Antonov: a node labelled so is likely the same man.
    short = lone_node(tiny_graph, "person/antonov", "ANTONOV")
    same = lone_node(tiny_graph, "person/roman-seleznev-2", "Roman Seleznev")
    pairs = likely_duplicates(with_nodes(tiny_graph, short, same).nodes)
    assert pairs == [
        {
            "type": "Person",
            "a": {"key": "person/roman-seleznev", "label": "Roman Seleznev"},
            "b": {"key": "person/roman-seleznev-2", "label": "Roman Seleznev"},
            "reason": "same name",
        },
        {
            "type": "Person",
            "a": {"key": "person/anatoly-antonov", "label": "Anatoly Antonov"},
            "b": {"key": "person/antonov", "label": "ANTONOV"},
            "reason": "alias",
        },
    ]


def test_same_name_of_another_type_is_no_duplicate(tiny_graph: KnowledgeGraph) -> None:
    place = dataclasses.replace(lone_node(tiny_graph, "place/russia", "Russia"), type="Place")
    assert likely_duplicates(with_nodes(tiny_graph, place).nodes) == []


def node(type_: str, label: str, *aliases: str) -> Node:
    """A node named `label`, keyed by its type and label."""
    return Node(f"{type_.lower()}/{label.lower()}", type_, label, aliases, ())


def reasons(*nodes: Node) -> list[tuple[str, str, str]]:
    """(label, label, reason) of each likely duplicate pair among `nodes`."""
    return [(p["a"]["label"], p["b"]["label"], p["reason"]) for p in likely_duplicates(nodes)]


def test_a_shared_alias_is_a_likely_duplicate() -> None:
    # "Scientology" named both the church and a fragment of "Rathbun the Scientology".
    church = node("Organization", "Church of Scientology", "Scientology")
    fragment = node("Organization", "Rathbun the Scientology", "Scientology")
    assert reasons(church, fragment) == [
        ("Church of Scientology", "Rathbun the Scientology", "shared alias")
    ]
    assert reasons(church, node("Person", "Rathbun the Scientology", "Scientology")) == []


def test_an_acronym_of_the_other_name() -> None:
    iaea = node("Organization", "IAEA")
    agency = node("Organization", "International Atomic Energy Agency")
    un = node("Organization", "U.N.")
    assert reasons(iaea, agency, un, node("Organization", "United Nations")) == [
        ("IAEA", "International Atomic Energy Agency", "acronym"),
        ("U.N.", "United Nations", "acronym"),
    ]
    # "GM Europe" spells no "GE": its first word is an acronym of its own.
    assert reasons(node("Organization", "GE"), node("Organization", "GM Europe")) == []


def test_an_abbreviation_of_the_other_name() -> None:
    # "L.A." stands for the words "Los Angeles"; "M." for a first name.
    assert reasons(node("Place", "East L.A."), node("Place", "East Los Angeles")) == [
        ("East L.A.", "East Los Angeles", "abbreviation")
    ]
    assert reasons(node("Person", "M. Sears"), node("Person", "Michael Sears")) == [
        ("M. Sears", "Michael Sears", "abbreviation")
    ]
    assert reasons(node("Place", "West L.A."), node("Place", "East Los Angeles")) == []
    # an acronym inside a name spells more than its first letter
    assert reasons(node("Place", "U.N."), node("Place", "University of NSW")) == []


def test_a_name_its_extension_begins() -> None:
    assert reasons(node("Organization", "Northrop"), node("Organization", "Northrop Grumman")) == [
        ("Northrop", "Northrop Grumman", "extension")
    ]
    treasury = node("Organization", "U.S. Treasury Department")
    assert reasons(node("Organization", "U.S. Treasury"), treasury) == [
        ("U.S. Treasury", "U.S. Treasury Department", "extension")
    ]
    # Only a person's name also extends at the front: "Bush" / "W. Bush".
    assert reasons(node("Person", "Bush"), node("Person", "W. Bush")) == [
        ("Bush", "W. Bush", "extension")
    ]
    assert reasons(node("Organization", "Air Force"), node("Organization", "Royal Air Force")) == []


def test_a_common_word_country_or_city_extends_nothing() -> None:
    assert reasons(node("Organization", "Bank"), node("Organization", "Bank of America")) == []
    assert reasons(node("Organization", "US"), node("Organization", "US Army")) == []
    assert reasons(node("Place", "Paris"), node("Place", "Paris Charles de Gaulle")) == []
    assert reasons(node("Place", "Paris"), node("Person", "Paris Hilton")) == []


def test_duplicates_come_strongest_reason_first() -> None:
    found = reasons(
        node("Organization", "Northrop"),
        node("Organization", "Northrop Grumman"),
        node("Organization", "IAEA"),
        node("Organization", "International Atomic Energy Agency"),
    )
    assert [reason for _, _, reason in found] == ["acronym", "extension"]


def test_duplicates_are_counted_by_reason(tiny_graph: KnowledgeGraph) -> None:
    short = lone_node(tiny_graph, "person/seleznev", "Seleznev")
    report = build_report(with_nodes(tiny_graph, short))
    assert report["likely_duplicates"]["count"] == 1
    assert report["likely_duplicates"]["by_reason"]["extension"] == 1
    assert "likely duplicates: 1 (extension 1)" in summary_lines(report)


def test_evidence_share_counts_mentions_and_comentions(tiny_graph: KnowledgeGraph) -> None:
    evidence = build_report(tiny_graph)["evidence"]
    # five mentions in the article, four co-mentions, all with their sentence
    assert evidence == {"facts": 9, "with_evidence": 9, "share": 1.0}
    bare = dataclasses.replace(
        tiny_graph, comentions=(dataclasses.replace(tiny_graph.comentions[0], evidence=()),)
    )
    assert build_report(bare)["evidence"] == {"facts": 6, "with_evidence": 5, "share": 0.8333}


def test_shacl_is_checked_on_the_written_turtle(tiny_graph, tmp_path: Path) -> None:
    turtle = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, turtle)
    assert build_report(tiny_graph, turtle=turtle)["shacl"] == {
        "checked": True,
        "conforms": True,
        "violations": 0,
    }
    broken = dataclasses.replace(
        tiny_graph,
        nodes=tuple(dataclasses.replace(n, iso3=None) for n in tiny_graph.nodes),
    )
    write_turtle(broken, turtle)
    shacl = build_report(broken, turtle=turtle)["shacl"]
    assert shacl["checked"] and not shacl["conforms"]
    assert shacl["violations"] == 2  # the two countries lack their ISO code


def test_shacl_not_checked_says_why(tiny_graph, tmp_path, monkeypatch) -> None:
    turtle = tmp_path / "graph.ttl"
    write_turtle(tiny_graph, turtle)
    monkeypatch.setitem(sys.modules, "pyshacl", None)
    assert build_report(tiny_graph, turtle=turtle)["shacl"] == {
        "checked": False,
        "reason": "pyshacl is not installed",
    }
    big = build_report(tiny_graph, turtle=turtle, triples=10**7)["shacl"]
    assert not big["checked"] and "10000000 triples" in big["reason"]


def test_skipped_inputs_are_listed(tiny_graph: KnowledgeGraph) -> None:
    skipped = [Skipped("bad.bin", "not UTF-8 text")]
    assert build_report(tiny_graph, skipped=skipped)["skipped_inputs"] == [
        {"source": "bad.bin", "reason": "not UTF-8 text"}
    ]


def test_written_report_reads_back_and_is_stable(tiny_graph, tmp_path: Path) -> None:
    first = write_report(tiny_graph, tmp_path / "one")
    second = write_report(tiny_graph, tmp_path / "two")
    assert first.name == "report.json"
    assert first.read_bytes() == second.read_bytes()
    assert read_report(first) == json.loads(first.read_text(encoding="utf-8"))
    with pytest.raises(ReportError, match=r"nope\.json"):
        read_report(tmp_path / "nope.json")


def test_summary_lines(tiny_graph: KnowledgeGraph) -> None:
    lines = summary_lines(build_report(tiny_graph, skipped=[Skipped("x", "y")]))
    assert lines == [
        "entities: Person 2, Country 2",
        "relations: none",
        "events: none",
        "orphan nodes: 0 of 4",
        "likely duplicates: 0",
        "facts with evidence: 100.0% (9 of 9)",
        "SHACL: not checked (no Turtle file was written)",
        "skipped inputs: 1",
    ]


def test_abbreviations_are_checked_against_candidates_only(monkeypatch) -> None:
    # 1,000 "St. Town N" beside 1,000 "Saint Town N": one check each, not 1,000 x 2,000.
    import kg.export.report as report

    calls = []
    checked = report.abbreviates
    monkeypatch.setattr(report, "abbreviates", lambda *args: calls.append(1) or checked(*args))
    nodes = [node("Place", f"{word} Town {i}") for i in range(1000) for word in ("St.", "Saint")]
    found = likely_duplicates(nodes)
    assert len(found) == 1000 and {p["reason"] for p in found} == {"abbreviation"}
    assert len(calls) == 1000


def test_pairs_resolution_joins_are_no_longer_likely_duplicates() -> None:
    def article(article_id: str, *names: str) -> ArticleFacts:
        text = " ".join(names) + "."
        entities, start = [], 0
        for index, name in enumerate(names):
            mention = Mention(start, start + len(name), name, 0)
            entities.append(Entity(f"e{index}", "Organization", name, (mention,)))
            start += len(name) + 1
        return ArticleFacts(Article(article_id, text), (Span(0, len(text)),), tuple(entities))

    graph = resolve(
        [
            article("a", "Northrop Grumman", "Northrop", "U.S. Treasury Department"),
            article("b", "U.S. Treasury", "U.S. Treasury Department"),
            article("c", "Google", "Google Science Fair"),  # the fair is no name of Google
        ]
    )
    report = build_report(graph)
    assert report["nodes"] == 4
    assert [(p["a"]["label"], p["b"]["label"]) for p in report["likely_duplicates"]["pairs"]] == [
        ("Google", "Google Science Fair")
    ]
