"""The offline HTML page: no network fetch, safe embedded data, a fixed layout, stable bytes.

The page's behaviour in a real browser (clicks, search, filters) is tested in
tests/test_browser.py.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.export.colors import TYPE_COLORS
from kg.export.html import (
    ARTICLE_NODES_UP_TO,
    COMENTIONS_SHOWN_UP_TO,
    LAYOUT_GAP,
    HtmlExportError,
    embed_json,
    embed_json_pieces,
    layout,
    page_data,
    write_html,
)
from kg.export.networkx_graph import to_networkx
from kg.model import Event, EventArgument, KnowledgeGraph, MentionRef, Node, Span

REMOTE = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", re.I)
DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)
TITLE = "<script>alert(1)</script>"


def page_of(kg: KnowledgeGraph, tmp_path: Path, **options) -> str:
    path = tmp_path / "graph.html"
    write_html(kg, path, **options)
    return path.read_text(encoding="utf-8")


def data_in(page: str) -> dict:
    match = DATA.search(page)
    assert match, "no graph data in the page"
    return json.loads(match.group(1))


def edges_of(data: dict) -> list[tuple[str, str, str, int]]:
    """The page's edges as (source id, target id, relation, weight)."""
    ids = [n["id"] for n in data["nodes"]]
    return [(ids[a], ids[b], data["relations"][r], w) for a, b, r, w in data["edges"]]


def crowd(kg: KnowledgeGraph, count: int) -> KnowledgeGraph:
    """The tiny graph plus `count` more people, each named once, for size thresholds."""
    ref = kg.nodes[0].mentions[0]
    extra = tuple(
        Node(f"person/p{i:04d}", "Person", f"P {i}", (), (MentionRef("a1", "e0", ref.mention),))
        for i in range(count)
    )
    return dataclasses.replace(kg, nodes=tuple(sorted(kg.nodes + extra, key=lambda n: n.key)))


def test_page_loads_nothing_from_anywhere(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert REMOTE.search(page) is None  # every script and style is inline
    assert "https://cdn" not in page and "bootstrap" not in page.lower()


def test_page_inlines_vis_network_and_its_script(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert ".vis=t.vis||{}" in page  # vis-network's own UMD wrapper, not only a call to it
    assert ".vis-network" in page
    assert "new vis.Network(" in page and "window.newskg" in page


def test_small_graph_draws_entities_and_their_article(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.html"
    assert write_html(tiny_graph, path) == 4  # entities; the article is drawn too
    data = data_in(path.read_text(encoding="utf-8"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert sorted(by_id) == [
        "article/a1",
        "country/russia",
        "country/united-states",
        "person/anatoly-antonov",
        "person/roman-seleznev",
    ]
    assert by_id["person/anatoly-antonov"]["color"] == TYPE_COLORS["Person"]
    assert by_id["person/anatoly-antonov"]["size"] > by_id["person/roman-seleznev"]["size"]
    assert by_id["article/a1"]["entity"] is False and by_id["article/a1"]["article"] == 0
    relations = sorted({e[2] for e in edges_of(data)})
    assert relations == ["coMentionedWith", "mentionedIn"]
    assert len(data["edges"]) == 4 + 4  # four "mentioned in", four co-mention pairs
    assert data["comentions_shown"] is True  # a small page shows its co-mentions


def test_every_node_has_a_fixed_position(tiny_graph, tmp_path) -> None:
    nodes = data_in(page_of(tiny_graph, tmp_path))["nodes"]
    assert all(isinstance(n["x"], (int, float)) and isinstance(n["y"], (int, float)) for n in nodes)
    # no dot on another: centres at least both radii and the gap apart
    for a in nodes:
        for b in nodes:
            if a["id"] < b["id"]:
                gap = math.dist((a["x"], a["y"]), (b["x"], b["y"])) - a["size"] - b["size"]
                assert gap >= LAYOUT_GAP - 1e-9, (a["id"], b["id"])
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    assert "physics: { enabled: false }" in page_of(tiny_graph, tmp_path)


def test_details_hold_aliases_articles_and_evidence(tiny_graph) -> None:
    data = page_data(tiny_graph)
    antonov = data["details"]["person/anatoly-antonov"]
    assert antonov["aliases"] == ["Antonov"]
    assert antonov["articles"] == [0] and antonov["more_articles"] == 0
    title, date, url = data["articles"][0]
    assert title == 'Envoy & "friends" ' + TITLE  # raw here: the page sets it as text
    assert (date, url) == ("2019-12-02", "https://example.com/a1?x=1&y=2")
    # one evidence sentence per sentence naming him: both of the article's sentences
    # [article, sentence]: the sentence's text is in the page's table of sentences, once
    assert [data["sentences"][e[1]][:26] for e in antonov["evidence"]] == [
        "Russian Ambassador Anatoly",
        "Antonov met Roman Seleznev",
    ]


def test_embedded_data_cannot_close_its_script_tag(tiny_graph, tmp_path) -> None:
    page = page_of(tiny_graph, tmp_path)
    assert TITLE not in page and "<b>" not in page.split('id="kg-data">')[1]
    block = DATA.search(page).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(embed_json({"t": "</script><!--&"})) == {"t": "</script><!--&"}


def test_max_nodes_keeps_the_most_mentioned(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.html"
    assert write_html(tiny_graph, path, max_nodes=2) == 2
    data = data_in(path.read_text(encoding="utf-8"))
    entities = sorted(n["id"] for n in data["nodes"] if n["entity"])
    # Antonov has two mentions; the one-mention tie goes to the first key
    assert entities == ["country/russia", "person/anatoly-antonov"]
    pairs = [(a, b) for a, b, relation, _ in edges_of(data) if relation == "coMentionedWith"]
    assert pairs == [("country/russia", "person/anatoly-antonov")]
    # the entities not drawn are in the page's index, for search and focus
    assert data["index"] == [
        ["country/united-states", "United States", data["types"].index("Country"), 1],
        ["person/roman-seleznev", "Roman Seleznev", data["types"].index("Person"), 1],
    ]


def test_a_page_that_leaves_entities_out_says_so(tiny_graph, tmp_path) -> None:
    path = tmp_path / "graph.html"
    write_html(tiny_graph, path, max_nodes=2)
    assert "The 2 most mentioned of 4 entities" in path.read_text(encoding="utf-8")
    write_html(tiny_graph, path)
    assert "most mentioned of" not in path.read_text(encoding="utf-8")


def test_a_large_graph_drops_article_nodes_but_keeps_events(tiny_graph) -> None:
    data = page_data(crowd(with_meeting(tiny_graph), ARTICLE_NODES_UP_TO))
    assert not any(n["id"].startswith("article/") for n in data["nodes"])
    assert [n["id"] for n in data["nodes"] if not n["entity"]] == ["event/a1/v0"]
    assert len(data["nodes"]) == ARTICLE_NODES_UP_TO + 4 + 1
    assert data["comentions_shown"] is True
    assert page_data(crowd(tiny_graph, COMENTIONS_SHOWN_UP_TO))["comentions_shown"] is False


def test_events_drawn_are_those_with_most_drawn_participants(tiny_graph, monkeypatch) -> None:
    import kg.export.html as page

    graph = with_meeting(tiny_graph)
    facts = graph.articles[0]
    (meeting,) = facts.events
    alone = dataclasses.replace(meeting, id="v1", arguments=meeting.arguments[:1])
    graph = dataclasses.replace(
        graph, articles=(dataclasses.replace(facts, events=(alone, meeting)),)
    )
    monkeypatch.setattr(page, "MAX_EVENT_NODES", 1)
    data = page_data(graph)
    # the meeting has two drawn participants, v1 one: the meeting is drawn
    assert [n["id"] for n in data["nodes"] if n["id"].startswith("event/")] == ["event/a1/v0"]
    # the panel still lists the event not drawn, by its row
    rows = [data["event_rows"][i][0] for i, _ in data["details"]["person/roman-seleznev"]["events"]]
    assert sorted(rows) == ["event/a1/v0", "event/a1/v1"]


def test_layout_of_a_large_graph_is_fast_and_repeatable(tiny_graph) -> None:
    graph = to_networkx(crowd(tiny_graph, 1500))
    first, second = layout(graph), layout(graph)
    assert first == second
    assert set(first) == set(graph.nodes)


def test_negative_max_nodes_is_refused(tiny_graph, tmp_path) -> None:
    with pytest.raises(HtmlExportError, match="max_nodes"):
        write_html(tiny_graph, tmp_path / "graph.html", max_nodes=-1)


def test_page_is_byte_identical_across_writes(tiny_graph, tmp_path) -> None:
    first, second = tmp_path / "one.html", tmp_path / "two.html"
    write_html(tiny_graph, first)
    write_html(tiny_graph, second)
    assert first.read_bytes() == second.read_bytes()


def test_inline_scripts_parse(tiny_graph, tmp_path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; cannot syntax-check the page's scripts")
    page = page_of(tiny_graph, tmp_path)
    bodies = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(bodies) == 2  # vis-network, the page script
    for index, body in enumerate(bodies):
        script = tmp_path / f"script{index}.js"
        script.write_text(body, encoding="utf-8")
        result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_page_data_in_pieces_is_the_same_json_as_whole(tiny_graph):
    data = page_data(tiny_graph) | {"empty": [], "none": {}, "title": "<b>&</b>"}
    pieces = list(embed_json_pieces(data, size=2))
    assert "".join(pieces) == embed_json(data)
    assert len(pieces) > len(data) * 3  # lists and dicts longer than 2 come in parts
    assert "<" not in "".join(pieces)


def with_meeting(kg: KnowledgeGraph, **fields) -> KnowledgeGraph:
    """The tiny graph with "Antonov met Roman Seleznev in the United States" as an event;
    "Antonov" fills no role, and the words "rights groups" fill one without an entity."""
    text = kg.articles[0].article.text

    def words(found: str) -> Span:
        return Span(text.index(found), text.index(found) + len(found))

    meeting = Event(
        "v0",
        "Contact.Contact",
        (words("met"),),
        (1,),
        arguments=(
            EventArgument("Participant", "e2", words("Roman Seleznev")),
            EventArgument("Participant", None, words('"rights groups"')),
            EventArgument("Place", "e3", words("United States")),
        ),
        subtype="Meet",
        **fields,
    )
    facts = dataclasses.replace(kg.articles[0], events=(meeting,))
    return dataclasses.replace(kg, articles=(facts,))


def test_event_details_hold_label_type_factuality_date_and_participants(tiny_graph) -> None:
    label = "Roman Seleznev: meeting, United States"
    data = page_data(with_meeting(tiny_graph, label=label, date="2019-12"))
    assert data["events"]["event/a1/v0"] == {
        "label": label,
        "type": "Contact.Contact.Meet",
        "factuality": "asserted",
        "date": "2019-12",
        # a role filled by words that name no entity shows the words
        "participants": [
            ["Participant", "Roman Seleznev"],
            ["Participant", '"rights groups"'],
            ["Place", "United States"],
        ],
        "article": 0,
        "also": [],
        "evidence": "Antonov met Roman Seleznev in the United States.",
        "quote": "",  # a statement's quote, when it has one
    }
    (node,) = [n for n in data["nodes"] if n["id"] == "event/a1/v0"]
    assert node["label"] == label and node["entity"] is False
    assert node["factuality"] == "asserted"  # the page draws the others hollow
    assert all("factuality" not in n for n in data["nodes"] if n["id"] != "event/a1/v0")
    # entities have details of their own kind, events are not among them
    assert "event/a1/v0" not in data["details"]


def test_a_page_without_event_nodes_has_no_event_details(tiny_graph) -> None:
    assert page_data(tiny_graph)["events"] == {}
    # a large graph draws its events too, with their details
    assert list(page_data(crowd(with_meeting(tiny_graph), ARTICLE_NODES_UP_TO))["events"]) == [
        "event/a1/v0"
    ]


def test_a_long_event_label_keeps_its_factuality_when_shortened(tiny_graph) -> None:
    label = "Roman Seleznev meets a great many people, United States (hypothetical)"
    graph = with_meeting(tiny_graph, label=label, factuality="hypothetical")
    (node,) = [n for n in page_data(graph)["nodes"] if n["id"] == "event/a1/v0"]
    assert node["label"] == "Roman Seleznev meets a g\u2026 (hypothetical)"
    assert len(node["label"]) == 40
    # an asserted event's label is cut like any other
    graph = with_meeting(tiny_graph, label=label.replace(" (hypothetical)", " and more"))
    (node,) = [n for n in page_data(graph)["nodes"] if n["id"] == "event/a1/v0"]
    assert node["label"] == label[:39] + "\u2026"


def test_an_event_two_articles_report_is_one_node_listing_both() -> None:
    from test_graphml import arrest_report, reports

    data = page_data(reports(arrest_report("a1"), arrest_report("a2")))
    assert [n["id"] for n in data["nodes"] if n["id"].startswith("event/")] == ["event/a1/v0"]
    arrest = data["events"]["event/a1/v0"]
    assert arrest["label"] == "Roman Seleznev arrested, Maldives"
    assert [data["articles"][i][0] for i in (arrest["article"], *arrest["also"])] == ["a1", "a2"]
    dated = reports(arrest_report("a1"), arrest_report("a2", date="2019-12-02"))
    assert page_data(dated)["events"]["event/a1/v0"]["date"] == "2019-12-02"
    # two people's arrests: two nodes, each reported once
    data = page_data(reports(arrest_report("a1"), arrest_report("a2", "Mary Jones")))
    assert [e["also"] for e in data["events"].values()] == [[], []]


def test_a_statement_shows_its_quote_on_one_line(tiny_graph) -> None:
    # "We will\nhelp," he said: a quotation wrapped in the article is one line in the panel
    data = page_data(with_meeting(tiny_graph, quote="We  will\nhelp."))
    assert data["events"]["event/a1/v0"]["quote"] == "We will help."


def with_citizenship(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The tiny graph, stating in its first sentence that Antonov is a citizen of Russia."""
    from kg.model import Relation

    facts = kg.articles[0]
    citizen = Relation("citizenOf", "e0", "e1", facts.sentences[0], 0, 0.9, "test")
    return dataclasses.replace(kg, articles=(dataclasses.replace(facts, relations=(citizen,)),))


def test_details_list_relations_both_ways_with_their_evidence(tiny_graph) -> None:
    data = page_data(with_citizenship(tiny_graph))
    first = data["sentences"].index(
        'Russian Ambassador Anatoly Antonov wrote to <b>"rights groups"</b>.'
    )
    # [relation, the other end, 1 when this node is the subject, article, sentence]
    assert data["details"]["person/anatoly-antonov"]["relations"] == [
        ["citizenOf", "country/russia", 1, 0, first]
    ]
    assert data["details"]["country/russia"]["relations"] == [
        ["citizenOf", "person/anatoly-antonov", 0, 0, first]
    ]
    # his evidence and the fact share their sentence: it is sent once
    assert data["sentences"].count(data["sentences"][first]) == 1
    assert data["details"]["person/anatoly-antonov"]["evidence"][0] == [0, first]
    # an entity with no relation carries no empty list
    assert "relations" not in data["details"]["person/roman-seleznev"]
    assert data["names"] == {}  # both ends are drawn: their nodes have the names


def test_the_other_end_of_a_relation_not_drawn_is_named(tiny_graph) -> None:
    data = page_data(with_citizenship(tiny_graph), max_nodes=1)  # Antonov alone
    assert list(data["details"]) == ["person/anatoly-antonov"]
    assert data["names"] == {"country/russia": "Russia"}


def test_edges_name_their_ontology_property_from_source_to_target(tiny_graph) -> None:
    data = page_data(with_meeting(with_citizenship(tiny_graph)))
    found = edges_of(data)
    edges = {(a, b): relation for a, b, relation, _ in found}
    # the co-mention of Antonov and Russia also carries the fact: a citizenOf edge from
    # the person to the country, beside the co-mention
    assert ("person/anatoly-antonov", "country/russia", "citizenOf", 1) in found
    assert ("country/russia", "person/anatoly-antonov", "coMentionedWith", 1) in found
    assert edges[("country/united-states", "person/anatoly-antonov")] == "coMentionedWith"
    assert edges[("person/roman-seleznev", "article/a1")] == "mentionedIn"
    assert edges[("event/a1/v0", "country/united-states")] == "place"
    assert edges[("event/a1/v0", "person/roman-seleznev")] == "participant"


def test_details_list_an_entitys_events_with_role_date_and_factuality(tiny_graph) -> None:
    label = "Roman Seleznev: meeting, United States"
    data = page_data(with_meeting(tiny_graph, label=label, date="2019-12"))
    said = data["sentences"].index("Antonov met Roman Seleznev in the United States.")
    # [its row, the entity's role]; a row: [node, label, date, factuality, article, sentence]
    assert data["details"]["person/roman-seleznev"]["events"] == [[0, "Participant"]]
    assert data["event_rows"] == [["event/a1/v0", label, "2019-12", "asserted", 0, said]]
    # the same event, the same row: sent once for its two participants
    assert data["details"]["country/united-states"]["events"] == [[0, "Place"]]
    # Antonov is named in the sentence but takes no part in the meeting
    assert "events" not in data["details"]["person/anatoly-antonov"]
    # a participant is no speaker: the meeting's quote is nobody's
    quoted = page_data(with_meeting(tiny_graph, quote="We will help."))
    assert all("quotes" not in d for d in quoted["details"].values())


def test_details_list_the_quotes_of_an_entitys_statements(tiny_graph) -> None:
    graph = with_meeting(tiny_graph, quote="We  will\nhelp.")
    facts = graph.articles[0]
    (meeting,) = facts.events
    speaker = EventArgument("Communicator", "e0", meeting.arguments[0].evidence)
    statement = dataclasses.replace(meeting, arguments=(speaker,))
    graph = dataclasses.replace(graph, articles=(dataclasses.replace(facts, events=(statement,)),))
    data = page_data(graph)
    assert data["details"]["person/anatoly-antonov"]["quotes"] == [["We will help.", 0]]
    assert "quotes" not in data["details"]["person/roman-seleznev"]


def test_an_entity_not_drawn_carries_its_events_with_drawn_entities(tiny_graph) -> None:
    # Antonov, Russia and the United States drawn; Roman Seleznev, who met someone there,
    # is not: his row in the index lists the meeting, with his role
    data = page_data(with_meeting(tiny_graph, date="2019-12"), max_nodes=3)
    rows = {row[0]: row for row in data["index"]}
    assert list(rows) == ["person/roman-seleznev"]
    (seleznev,) = rows.values()
    assert seleznev[4] == [[0, "Participant"]]
    assert data["event_rows"][0][:4] == [
        "event/a1/v0",
        "Contact.Contact",
        "2019-12",
        "asserted",
    ]
    # a drawn participant's own list is unchanged
    assert data["details"]["country/united-states"]["events"] == [[0, "Place"]]
