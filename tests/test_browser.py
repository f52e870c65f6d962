"""The HTML page in a real browser: Playwright driving Debian's chromium, network blocked.

Never `playwright install`: the tests use the system chromium at /usr/bin/chromium, and
skip (saying why) where it or the playwright package is missing.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.export.colors import TYPE_COLORS
from kg.export.html import write_html
from kg.model import (
    ENTITY_TYPES,
    Article,
    ArticleFacts,
    CoMention,
    KnowledgeGraph,
    Mention,
    MentionRef,
    Node,
    Span,
)

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "out" / "graph-screenshot.png"
DRAW_BUDGET_S = 5.0


class Page:
    """A page opened from file:// with every other request blocked and errors collected."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))
        self.page.route("**/*", self._route)
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.newskg && window.newskg.firstDrawMs !== null")
        self.load_s = time.perf_counter() - started

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def click_node(self, node_id: str) -> str:
        """Click where the node is drawn; return the details panel's text."""
        # zoom onto the node first, so that no neighbour overlaps it where the mouse lands
        self.js(f"window.newskg.network.focus({node_id!r}, {{scale: 1.5, animation: false}})")
        x, y = self.js(
            f"""(() => {{ const n = window.newskg.network;
                 const p = n.canvasToDOM(n.getPosition({node_id!r})); return [p.x, p.y]; }})()"""
        )
        self.page.mouse.click(x, y)
        self.page.wait_for_selector("#details:not([hidden])")
        return self.page.inner_text("#details")


def name_clashes(labels: list[dict], nodes: list[dict]) -> list[tuple[str, str]]:
    """The pairs (name, other) where a name's box from `window.newskg.labels()` lies on
    another name's box or on a drawn dot other than its own, or reaches out of the view.
    Boxes are taken 1px smaller: vis-network gives places cut to whole units."""
    found = []
    boxes = [
        (n["id"], n["x"] + 1, n["y"] + 1, n["x"] + n["width"] - 1, n["y"] + n["height"] - 1)
        for n in labels
    ]
    for i, (name, x0, y0, x1, y1) in enumerate(boxes):
        if x0 < -1 or y0 < -1 or x1 > 1281 or y1 > 801:
            found.append((name, "out of view"))
        for other, a0, b0, a1, b1 in boxes[i + 1 :]:
            if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                found.append((name, other))
        for dot in nodes:
            dx = dot["x"] - max(x0, min(dot["x"], x1))
            dy = dot["y"] - max(y0, min(dot["y"], y1))
            if dot["id"] != name and dx * dx + dy * dy < dot["r"] ** 2:
                found.append((name, dot["id"]))
    return found


@pytest.fixture
def tiny_page(browser, tiny_graph, tmp_path) -> Iterator[Page]:
    path = tmp_path / "graph.html"
    write_html(tiny_graph, path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_page_draws_every_node_with_no_error_and_no_request(tiny_page: Page) -> None:
    assert tiny_page.js("window.newskg.view.length") == 5  # four entities, one article
    assert tiny_page.js("Object.keys(window.newskg.network.getPositions()).length") == 5
    assert tiny_page.page.inner_text("#kg-count") == "Showing 5 of 5 nodes"
    assert not tiny_page.page.is_visible("#kg-hollow")  # no event that did not happen
    assert tiny_page.errors == []
    assert tiny_page.blocked == []


def test_click_shows_type_aliases_articles_and_evidence_as_text(tiny_page: Page) -> None:
    text = tiny_page.click_node("person/anatoly-antonov")
    assert text.startswith("Anatoly Antonov\nType: Person\nMentions: 2\nAlso called: Antonov")
    # the title's markup is shown as text, and did not run (no dialog, no error)
    assert 'Envoy & "friends" <script>alert(1)</script> (2019-12-02)' in text
    assert 'wrote to <b>"rights groups"</b>.' in text
    link = tiny_page.page.get_attribute("#details a", "href")
    assert link == "https://example.com/a1?x=1&y=2"
    assert tiny_page.errors == []


def test_click_on_an_event_shows_its_label_type_factuality_date_and_roles(
    browser, tiny_graph, tmp_path
) -> None:
    from test_html import with_meeting

    path = tmp_path / "graph.html"
    label = "Roman Seleznev: meeting, United States (negated)"
    graph = with_meeting(tiny_graph, label=label, factuality="negated", quote="<b>hi</b>")
    write_html(graph, path)
    page = Page(browser, path)
    # did not happen: drawn hollow, and the legend says what hollow means
    assert page.js("window.newskg.nodeSet.get('event/a1/v0').color.background") == "#ffffff"
    assert page.page.is_visible("#kg-hollow")
    text = page.click_node("event/a1/v0")
    assert text.splitlines()[:7] == [
        label,
        "Type: Contact.Contact.Meet",
        "Factuality: negated",
        "Date: not stated",
        "Participants",
        "Participant: Roman Seleznev",
        'Participant: "rights groups"',
    ]
    assert "Quote\n\u201c<b>hi</b>\u201d\nEvidence\nAntonov met Roman Seleznev in the" in text
    link = page.page.get_attribute("#details a", "href")
    assert link == "https://example.com/a1?x=1&y=2"  # the article that reports it
    # an entity's panel is unchanged by events
    assert page.click_node("person/roman-seleznev").startswith("Roman Seleznev\nType: Person")
    assert page.errors == []
    page.page.close()


def test_click_on_an_event_two_articles_report_lists_both(browser, tmp_path) -> None:
    from test_graphml import arrest_report, reports

    path = tmp_path / "graph.html"
    write_html(reports(arrest_report("a1"), arrest_report("a2")), path)
    page = Page(browser, path)
    asserted = page.js("window.newskg.nodeSet.get('event/a1/v0').color")
    assert asserted == TYPE_COLORS["Event"]  # filled, as every node
    text = page.click_node("event/a1/v0")
    assert text.startswith("Roman Seleznev arrested, Maldives\nType: Justice.ArrestJailDetain")
    assert "Article\na1 (2019-12-04)\nAlso reported in\na2 (2019-12-04)" in text
    assert page.errors == []
    page.page.close()


def test_search_selects_the_match(tiny_page: Page) -> None:
    tiny_page.page.fill("#kg-search", "selez")
    assert tiny_page.page.inner_text("#kg-matches") == "Roman Seleznev (Person)"
    tiny_page.page.press("#kg-search", "Enter")
    assert tiny_page.js("window.newskg.network.getSelectedNodes()") == ["person/roman-seleznev"]
    assert tiny_page.page.inner_text("#details h2") == "Roman Seleznev"


def test_filters_by_type_and_by_minimum_mentions(tiny_page: Page) -> None:
    tiny_page.page.uncheck("input[data-type=Country]")
    assert tiny_page.js("window.newskg.view.length") == 3
    tiny_page.page.check("input[data-type=Country]")
    tiny_page.page.fill("#kg-min", "2")
    # only Antonov has two mentions; the article node is not filtered by mentions
    assert tiny_page.js("window.newskg.view.getIds()") == ["article/a1", "person/anatoly-antonov"]
    assert tiny_page.page.inner_text("#kg-count") == "Showing 2 of 5 nodes"


def test_seed_page_screenshot_for_the_readme(browser, seed_facts, tmp_path) -> None:
    from kg.resolve import resolve

    path = tmp_path / "graph.html"
    graph = resolve([seed_facts])
    write_html(graph, path)
    page = Page(browser, path)
    (person,) = (n for n in graph.nodes if n.label == "Roman Seleznev")
    text = page.click_node(person.key)
    assert text.startswith("Roman Seleznev\nType: Person")
    page.js("window.newskg.network.fit({animation: false})")  # the whole graph, panel open
    page.page.mouse.move(5, 790)  # no hover tooltip over the picture
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    assert page.errors == []
    page.page.close()


def synthetic_graph(nodes: int, articles: int, seed: int = 7) -> KnowledgeGraph:
    """A random graph of the size of a news-bench build, made without spaCy."""
    rng = random.Random(seed)
    text = "First sentence here. Second sentence there."
    spans = (Span(0, 20), Span(21, len(text)))
    facts = tuple(
        ArticleFacts(Article(id=f"a{i:05d}", text=text, title=f"Title {i}"), spans, ())
        for i in range(articles)
    )
    made = []
    for i in range(nodes):
        count = min(1 + int(rng.paretovariate(1.2)), 40)
        refs = tuple(
            MentionRef(f"a{rng.randrange(articles):05d}", "e0", Mention(0, 5, "First", 0))
            for _ in range(count)
        )
        kind = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        made.append(Node(f"{kind.lower()}/n{i:05d}", kind, f"Name {i}", (), refs))
    keys = sorted(n.key for n in made)
    pairs = {tuple(sorted(rng.sample(keys, 2))) for _ in range(3 * nodes)}
    comentions = tuple(CoMention(a, b, 1, (("a00000", 0),)) for a, b in sorted(pairs))
    return KnowledgeGraph(facts, tuple(sorted(made, key=lambda n: n.key)), comentions)


@pytest.mark.slow
def test_a_5000_node_page_draws_and_answers_a_click_in_time(browser, tmp_path) -> None:
    path = tmp_path / "big.html"
    assert write_html(synthetic_graph(6000, 3000), path, max_nodes=5000) == 5000
    page = Page(browser, path)
    assert page.js("window.newskg.view.length") == 5000
    assert page.load_s < DRAW_BUDGET_S, f"first draw after {page.load_s:.1f} s"
    started = time.perf_counter()
    text = page.click_node(page.js("window.newskg.nodeSet.getIds()[0]"))
    assert time.perf_counter() - started < DRAW_BUDGET_S
    assert "\nType: " in text
    assert page.errors == []
    page.page.close()


@pytest.fixture(scope="module")
def seed_page(browser, seed_facts, tmp_path_factory) -> Iterator[Page]:
    """The seed article's page: Roman Seleznev, a citizen of Russia, arrested and sentenced."""
    from kg.resolve import resolve

    path = tmp_path_factory.mktemp("seed") / "graph.html"
    write_html(resolve([seed_facts]), path)
    page = Page(browser, path)
    yield page
    page.page.close()


def test_api_nodes_are_where_a_click_opens_them(seed_page: Page) -> None:
    """`window.newskg.nodes()` gives each drawn node's place in CSS pixels: a click there
    opens that node, for 10 nodes picked at random (fixed seed), at the default view."""
    seed_page.js("window.newskg.network.fit({animation: false})")
    drawn = seed_page.js("window.newskg.nodes()")
    assert {n["type"] for n in drawn} >= {"Person", "Country", "Event", "Article"}
    assert all(n["r"] > 0 for n in drawn)
    assert all(0 <= n["x"] <= 1280 and 0 <= n["y"] <= 800 for n in drawn)
    # where the controls lie over the graph the click is theirs: those nodes are reached
    # by search
    seed_page.js("document.getElementById('details').hidden = true")
    on_canvas = "document.elementFromPoint({x}, {y}).closest('#kg-graph') !== null"
    uncovered = [n for n in drawn if seed_page.js(on_canvas.format(**n))]
    assert len(uncovered) >= 10
    for picked in random.Random(18).sample(uncovered, 10):
        # the last click's panel, over the right of the graph, would take this click
        seed_page.js("document.getElementById('details').hidden = true")
        seed_page.page.mouse.click(picked["x"], picked["y"])
        assert seed_page.page.inner_text("#details h2") == picked["label"], picked["id"]
    # a click on no node closes the panel: the places are not all "somewhere on the graph"
    seed_page.page.mouse.click(1270, 790)
    assert seed_page.page.is_hidden("#details")
    assert seed_page.errors == []
    assert seed_page.blocked == []  # zero requests to any other origin


def test_seed_names_lie_on_no_other_name_or_dot(seed_page: Page) -> None:
    """A small page names its nodes where there is room: at the default view of the seed,
    most of them, none on another name or on a dot but its own."""
    seed_page.js("window.newskg.network.fit({animation: false})")
    labels = seed_page.js("window.newskg.labels()")
    nodes = seed_page.js("window.newskg.nodes()")
    assert name_clashes(labels, nodes) == []
    assert len(labels) >= len(nodes) / 2
    assert "Roman Seleznev" in {label["text"] for label in labels}
    # each name centred under its dot, or beside it, or away with a leader line
    assert all(label["width"] > 0 and 10 < label["height"] < 30 for label in labels)
    assert seed_page.errors == []


def test_api_edges_name_their_ontology_property(seed_page: Page) -> None:
    edges = seed_page.js("window.newskg.edges()")
    seleznev, russia = "person/roman-seleznev", "country/russia"
    # the co-mention of Seleznev and Russia is the fact it carries: he is a citizen of Russia
    assert {"source": seleznev, "target": russia, "relation": "citizenOf"} in edges
    relations = {e["relation"] for e in edges}
    assert {"mentionedIn", "coMentionedWith", "detainee"} <= relations
    assert all(e["source"].startswith("event/") for e in edges if e["relation"] == "detainee")
    # a type filtered out takes its edges with it
    seed_page.page.uncheck("input[data-type=Country]")
    assert all(
        "country/" not in e["source"] + e["target"] for e in seed_page.js("window.newskg.edges()")
    )
    seed_page.page.check("input[data-type=Country]")


def test_api_search_and_select(seed_page: Page) -> None:
    found = seed_page.js("window.newskg.search('Selez')")
    # his node first, then the events named after him ("Roman Seleznev arrested, Maldives")
    assert found[0] == "person/roman-seleznev"
    assert all(other.startswith("event/") for other in found[1:]) and len(found) > 1
    assert seed_page.js("window.newskg.search('SELEZNEV')") == found
    assert seed_page.js("window.newskg.search('no such name')") == []
    assert seed_page.js("window.newskg.select('person/nobody')") is False
    assert seed_page.js("window.newskg.select('person/roman-seleznev')") is True
    assert seed_page.page.inner_text("#details h2") == "Roman Seleznev"


def test_entity_panel_names_relations_events_and_their_evidence(seed_page: Page) -> None:
    seed_page.js("window.newskg.select('person/roman-seleznev')")
    relations = seed_page.page.inner_text("#details .kg-relation")
    assert relations.startswith("citizenOf \u2192 Russia\nRussian Ambassador Anatoly Antonov")
    events = seed_page.page.eval_on_selector_all(
        "#details .kg-event", "items => items.map(i => i.innerText.split('\\n')[0])"
    )
    # in date order, each with his role, its date and whether it happened
    assert events[:2] == [
        "attack on Roman Seleznev, Morocco \u2014 Target, 2011, asserted",
        "Roman Seleznev sentenced, United States \u2014 Defendant, 2017, asserted",
    ]
    assert "Roman Seleznev arrested, Maldives \u2014 Detainee, date not stated, asserted" in events
    # the other end of a relation is a link: clicking it opens Russia
    seed_page.page.click("#details .kg-relation .kg-link")
    assert seed_page.page.inner_text("#details h2") == "Russia"
    assert seed_page.js("window.newskg.network.getSelectedNodes()") == ["country/russia"]
    of_russia = seed_page.page.eval_on_selector_all(
        "#details .kg-relation", "items => items.map(i => i.innerText.split('\\n')[0])"
    )
    assert "\u2190 citizenOf: Roman Seleznev" in of_russia  # he is the subject
    # an event in the list opens the event's own panel
    seed_page.js("window.newskg.select('person/roman-seleznev')")
    seed_page.page.click("#details .kg-event .kg-link >> text=Roman Seleznev arrested, Maldives")
    assert seed_page.page.inner_text("#details h2") == "Roman Seleznev arrested, Maldives"
    assert seed_page.errors == []


def test_entity_panel_shows_the_quotes_of_its_statements(seed_page: Page) -> None:
    seed_page.js("window.newskg.select('person/anatoly-antonov')")
    quotes = seed_page.page.inner_text("#details .kg-quote")
    assert quotes.startswith("\u201cI would like to draw your attention")
    # a country said nothing in the article: no quotes heading
    seed_page.js("window.newskg.select('country/russia')")
    assert "Quotes" not in seed_page.page.inner_text("#details")


def test_an_entity_not_drawn_is_found_by_search_and_shown_by_focus(
    browser, tiny_graph, tmp_path
) -> None:
    from test_html import with_citizenship

    path = tmp_path / "graph.html"
    write_html(with_citizenship(tiny_graph), path, max_nodes=1)  # Antonov alone is drawn
    page = Page(browser, path)
    assert page.js("window.newskg.view.getIds()") == ["article/a1", "person/anatoly-antonov"]
    # Russia is not drawn, but in the page's index: search finds it, focus draws it beside
    # the drawn entity that states a fact about it
    assert page.js("window.newskg.search('russ')") == ["country/russia"]
    page.page.fill("#kg-search", "russ")
    assert page.page.inner_text("#kg-matches") == "Russia (Country, not drawn)"
    page.page.press("#kg-search", "Enter")
    assert sorted(n["id"] for n in page.js("window.newskg.nodes()")) == [
        "country/russia",
        "person/anatoly-antonov",
    ]
    assert page.js("window.newskg.edges()") == [
        {"source": "person/anatoly-antonov", "target": "country/russia", "relation": "citizenOf"}
    ]
    text = page.page.inner_text("#details")
    assert text.startswith("Russia\nType: Country\nMentions: 1")
    assert "\u2190 citizenOf: Anatoly Antonov" in text
    page.js("window.newskg.unfocus()")
    assert page.js("window.newskg.view.getIds()") == ["article/a1", "person/anatoly-antonov"]
    assert page.js("window.newskg.nodeSet.get('country/russia')") is None
    assert page.errors == []
    page.page.close()


def test_the_timeline_filters_to_a_range_of_dates(browser, tiny_graph, tmp_path) -> None:
    from test_html import with_meeting

    path = tmp_path / "graph.html"
    write_html(with_meeting(tiny_graph, date="2019-12"), path)
    page = Page(browser, path)
    assert page.page.is_visible("#kg-timeline")
    assert page.page.inner_text("#kg-range") == "1 dated events, 2019-01 to 2019-12"
    # the meeting and its two participants; Antonov and the article are outside
    assert page.js("window.newskg.timeline('2019-12-01', null)") == 3
    ids = sorted(n["id"] for n in page.js("window.newskg.nodes()"))
    assert ids == ["country/united-states", "event/a1/v0", "person/roman-seleznev"]
    assert page.js("window.newskg.timeline('2020', '2021')") == 0
    assert page.js("window.newskg.timeline(null, null)") == 6
    # the range inputs do the same: the last month alone
    page.page.fill("#kg-from", "11")
    assert page.js("window.newskg.view.length") == 3
    assert page.errors == []
    page.page.close()


def test_a_long_list_shows_its_first_items_and_the_rest_on_demand(
    browser, tiny_graph, tmp_path
) -> None:
    """Roman Seleznev meets someone 30 times: his panel lists 25 meetings, in date order,
    and a button shows all 30 (a hub's panel of a thousand facts took seconds to build)."""
    import dataclasses

    from test_html import with_meeting

    graph = with_meeting(tiny_graph)
    facts = graph.articles[0]
    (meeting,) = facts.events
    meetings = tuple(
        dataclasses.replace(meeting, id=f"v{i}", date=f"2019-{1 + i % 12:02d}-{1 + i:02d}")
        for i in range(30)
    )
    graph = dataclasses.replace(graph, articles=(dataclasses.replace(facts, events=meetings),))
    path = tmp_path / "graph.html"
    write_html(graph, path)
    page = Page(browser, path)
    page.js("window.newskg.select('person/roman-seleznev')")
    dates = "els => els.map(e => e.innerText.split('\\n')[0].split(', ').slice(-2)[0])"
    shown = page.page.eval_on_selector_all("#details .kg-event", dates)
    assert len(shown) == 25
    assert page.page.inner_text("#details .kg-more") == "Show all 30"
    page.page.click("#details .kg-more")
    shown_all = page.page.eval_on_selector_all("#details .kg-event", dates)
    assert shown_all[:25] == shown
    assert shown_all == sorted(f"2019-{1 + i % 12:02d}-{1 + i:02d}" for i in range(30))
    assert page.page.query_selector("#details .kg-more") is None
    assert page.errors == []
    page.page.close()


def test_a_click_shows_the_panel_then_selects_its_node(seed_page: Page) -> None:
    seed_page.js("window.newskg.network.fit({animation: false})")
    russia = next(n for n in seed_page.js("window.newskg.nodes()") if n["id"] == "country/russia")
    # vis-network's own click event still reaches pages that embed this one
    seed_page.js(
        "window.clicked = []; window.heard = p => clicked.push(p.nodes); "
        "window.newskg.network.on('click', heard)"
    )
    seed_page.page.mouse.click(russia["x"], russia["y"])
    assert seed_page.page.inner_text("#details h2") == "Russia"
    assert seed_page.js("window.clicked") == [["country/russia"]]
    # the highlight follows once the panel is on screen
    seed_page.page.wait_for_function(
        "window.newskg.network.getSelectedNodes().join() === 'country/russia'"
    )
    seed_page.page.mouse.click(1270, 790)  # no node there: the panel closes, nothing selected
    assert seed_page.page.is_hidden("#details")
    assert seed_page.js("window.newskg.network.getSelectedNodes()") == []
    assert seed_page.js("window.clicked") == [["country/russia"], []]
    seed_page.js("window.newskg.network.off('click', heard)")
    assert seed_page.errors == []


def test_a_dragged_node_opens_where_it_was_dropped(tiny_page: Page) -> None:
    """The page keeps the drawn nodes' places for its clicks: a drag must renew them."""
    tiny_page.js("window.newskg.network.fit({animation: false})")
    nodes = tiny_page.js("window.newskg.nodes()")
    russia = next(n for n in nodes if n["id"] == "country/russia")
    # an empty place: 60 px from every node's edge
    spot = next(
        (x, y)
        for x in range(300, 980, 20)
        for y in range(100, 780, 20)
        if all(math.dist((x, y), (n["x"], n["y"])) > n["r"] + 60 for n in nodes)
    )
    mouse = tiny_page.page.mouse
    mouse.click(russia["x"], russia["y"])  # the places are read
    assert tiny_page.page.inner_text("#details h2") == "Russia"
    mouse.move(russia["x"], russia["y"])
    mouse.down()
    mouse.move(*spot, steps=8)
    mouse.up()
    tiny_page.js("document.getElementById('details').hidden = true")
    mouse.click(*spot)
    assert tiny_page.page.inner_text("#details h2") == "Russia"
    mouse.click(russia["x"], russia["y"])  # it is no longer there
    assert tiny_page.page.is_hidden("#details")
    assert tiny_page.errors == []


def test_focus_on_an_entity_not_drawn_joins_it_to_its_drawn_events(
    browser, tiny_graph, tmp_path
) -> None:
    from test_html import with_meeting

    path = tmp_path / "graph.html"
    # Roman Seleznev is not drawn; the meeting he took part in, in the United States, is
    write_html(with_meeting(tiny_graph, date="2019-12"), path, max_nodes=3)
    page = Page(browser, path)
    assert page.js("window.newskg.nodeSet.get('person/roman-seleznev')") is None
    assert page.js("window.newskg.focus('person/roman-seleznev')") is True
    edges = page.js("window.newskg.edges()")
    assert {
        "source": "event/a1/v0",
        "target": "person/roman-seleznev",
        "relation": "participant",
    } in edges
    shown = {n["id"] for n in page.js("window.newskg.nodes()")}
    assert {"person/roman-seleznev", "event/a1/v0"} <= shown
    events = page.page.inner_text("#details .kg-event")
    assert events.startswith("Contact.Contact \u2014 Participant, 2019-12, asserted")
    page.js("window.newskg.unfocus()")
    assert (
        page.js("window.newskg.edgeSet.get().filter(e => e.to === 'person/roman-seleznev')") == []
    )
    assert page.errors == []
    page.page.close()
