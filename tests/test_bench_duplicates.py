"""The duplicate-rate benchmark's pair finder, on graphs made by hand."""

from __future__ import annotations

from test_resolve import article

from bench.duplicates import duplicate_pairs
from kg.resolve import resolve


def test_label_equal_to_another_nodes_alias_is_a_duplicate():
    # Two people share the alias "Bush", so "Bush" stays a node of its own: a duplicate
    # pair with each of them, which the benchmark must report.
    graph = resolve(
        [
            article("a", ("Person", "George Bush", ("Bush",))),
            article("b", ("Person", "Laura Bush", ("Bush",))),
            article("c", ("Person", "Bush", ())),
        ]
    )
    assert duplicate_pairs(graph) == [
        ("Person", "person/bush", "person/george-bush"),
        ("Person", "person/bush", "person/laura-bush"),
    ]


def test_merged_graph_has_no_duplicates():
    graph = resolve(
        [
            article("a", ("Person", "Barack Obama", ("Obama",))),
            article("b", ("Person", "Obama", ())),
        ]
    )
    assert duplicate_pairs(graph) == []
