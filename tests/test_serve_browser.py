"""`kg serve` in a real browser: Playwright driving Debian's chromium against a live server.

Never `playwright install`: the tests use the system chromium at /usr/bin/chromium, and
skip (saying why) where it or the playwright package is missing. Every request the page
makes is recorded: none may go to another origin, and the pages' Content-Security-Policy
must not block their own script (a blocked script is a console error).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.export.html import write_html
from kg.query.pages import example_queries
from kg.query.serve import ServeConfig
from tests.test_serve_pages import graph_with_event, served_graph, start

EVENT_LABEL = "Roman Seleznev extradited to the United States"


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Iterator[str]:
    """A live server over the tiny graph with an event, the build's graph.html beside it."""
    from tests.conftest import tiny_graph

    folder = tmp_path_factory.mktemp("browser")
    graph = served_graph(folder)
    write_html(graph_with_event(tiny_graph.__wrapped__()), folder / "graph.html")
    yield from start(ServeConfig(graph=graph, port=0, timeout_s=5.0))


class Visit:
    """A browser tab that records every request, console error and dialog."""

    def __init__(self, browser, origin: str) -> None:
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: self.errors.append(f"dialog: {dialog.message}"))

    def elsewhere(self) -> list[str]:
        """The requests made to any other origin than the server's."""
        return [url for url in self.requests if not url.startswith(self.origin + "/")]


@pytest.fixture
def visit(browser, origin: str) -> Iterator[Visit]:
    opened = Visit(browser, origin)
    yield opened
    opened.page.close()


def test_an_example_query_runs_and_its_resource_link_opens_the_resource(
    visit: Visit, origin: str
) -> None:
    page = visit.page
    (example,) = (e for e in example_queries() if e.name == "events-with-participants")
    page.goto(origin + "/sparql")
    item = page.locator("ul.examples li", has_text="events-with-participants.rq")
    item.locator("a.example").click()
    assert page.url == origin + "/sparql"  # the script filled the form; the link was not followed
    assert page.input_value("#query") == example.text
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    assert "Roman Seleznev" in page.inner_text("#results tbody")
    page.click('#results a.resource[href="/resource/event/a1/v0"]')
    page.wait_for_selector("#label")
    assert page.url == origin + "/resource/event/a1/v0"
    assert page.inner_text("#label") == EVENT_LABEL
    page.click('#properties a.resource[href="/resource/person/roman-seleznev"]')
    page.wait_for_selector("#label")
    assert page.inner_text("#label") == "Roman Seleznev"
    assert EVENT_LABEL in page.inner_text("#referrers")  # the event, from the other end
    assert visit.errors == []
    assert visit.elsewhere() == []
    assert len(visit.requests) >= 4


def test_a_script_in_the_data_is_shown_as_text_and_never_runs(visit: Visit, origin: str) -> None:
    page = visit.page
    page.goto(origin + "/sparql")
    page.fill("#query", "SELECT ?headline WHERE { ?a schema:headline ?headline }")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    assert page.inner_text("#results tbody td") == 'Envoy & "friends" <script>alert(1)</script>'
    page.goto(origin + "/resource/article/a1")
    assert "<script>alert(1)</script>" in page.inner_text("#label")
    assert visit.errors == []  # no dialog opened, no script blocked
    assert visit.elsewhere() == []


def test_the_explorer_is_served_at_the_root_and_draws(visit: Visit, origin: str) -> None:
    visit.page.goto(origin + "/")
    visit.page.wait_for_function("window.newskg && window.newskg.firstDrawMs !== null")
    assert visit.page.evaluate("window.newskg.view.length") >= 5
    assert visit.errors == []  # the explorer's policy lets its own inline code run
    assert visit.elsewhere() == []
