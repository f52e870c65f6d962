"""Script injection: OWASP-style payloads in titles, names and evidence never run in the page.

Each payload sets `window.pwned` or opens a dialog or logs to the console if it runs. The
payloads go into one graph (as article titles and URLs, entity names and aliases, and the
sentences shown as evidence); the page is opened in headless chromium (see test_browser),
every node is clicked and hovered and searched for, and nothing may have run, while each
payload must be visible as text.
"""

from __future__ import annotations

import pytest
from test_browser import Page

from kg.export.html import write_html
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
    Span,
)

RUN = "window.pwned=1;alert(1);console.error('pwned')"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}">',
    f"<svg><script>{RUN}</script></svg>",
    f'<body onload="{RUN}">',
    f'<iframe src="javascript:{RUN}"></iframe>',
    '<iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
    f'<a href="javascript:{RUN}">click</a>',
    f'<details open ontoggle="{RUN}">',
    f'<input autofocus onfocus="{RUN}">',
    f'<video><source onerror="{RUN}"></video>',
    f'<math><mtext></p><img src=x onerror="{RUN}">',
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f"</script><script>{RUN}</script>",
    f'<!--<img src="--><img src=x onerror={RUN}//">',
    f"<style>@import 'javascript:{RUN}';</style>",
    f'<object data="javascript:{RUN}"></object>',
    f'<embed src="javascript:{RUN}">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f'<marquee onstart="{RUN}">x</marquee>',
    f'<div style="width:expression({RUN})">',
    f"<x contenteditable onblur={RUN}>x",
    "{{constructor.constructor('window.pwned=1')()}}",
    "${alert(1)}`${window.pwned=1}`",
    f"<scr<script>ipt>{RUN}</scr</script>ipt>",
]


def payload_event(i: int, payload: str, name: str, text: str) -> Event:
    """A statement by the article's entity whose label, quote, and the words of an unnamed
    role (its evidence sentence) hold the payload."""
    evidence = text.index("Evidence")
    return Event(
        "v0",
        "Contact.Contact",
        (Span(len(name) + 1, len(name) + 5),),
        (0,),
        arguments=(
            EventArgument("Communicator", "e0", Span(0, len(name))),
            EventArgument("Recipient", None, Span(evidence, len(text) - 1)),
        ),
        subtype="Broadcast",
        factuality="hypothetical",
        label=f"V{i} {payload}",
        quote=f"Q{i} {payload}",
    )


def payload_graph() -> KnowledgeGraph:
    """One article per payload: its title, URL, entity name, alias and evidence sentence, and
    an event's label and participant."""
    articles, nodes = [], []
    for i, payload in enumerate(PAYLOADS):
        name = f"P{i} {payload}"
        text = f"{name} said so. Evidence {i}: {payload}."
        mention = Mention(0, len(name), name, 0)
        article = Article(
            id=f"x{i}",
            text=text,
            title=f"T{i} {payload}",
            date="2020-01-01",
            url=f"javascript:{RUN}" if i % 2 else f"https://e.example/?q={payload}",
        )
        entity = Entity("e0", "Person", name, (mention,), aliases=(f"A{i} {payload}",))
        event = payload_event(i, payload, name, text)
        articles.append(ArticleFacts(article, (Span(0, len(text)),), (entity,), events=(event,)))
        ref = MentionRef(article.id, "e0", mention)
        nodes.append(Node(f"person/p{i:02d}", "Person", name, entity.aliases, (ref,)))
    keys = {(f"x{i}", "e0"): f"person/p{i:02d}" for i in range(len(PAYLOADS))}
    return KnowledgeGraph(tuple(articles), tuple(nodes), (), entity_keys=keys)


@pytest.fixture(scope="module")
def page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("xss") / "graph.html"
    write_html(payload_graph(), path)
    opened = Page(browser, path)
    yield opened
    opened.page.close()


def test_there_are_at_least_20_payloads() -> None:
    assert len(set(PAYLOADS)) >= 20


def test_no_payload_runs_when_the_page_opens(page: Page) -> None:
    assert page.js("window.pwned === undefined")
    assert page.errors == []
    assert page.blocked == []


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_each_payload_is_shown_as_text_and_never_runs(page: Page, index: int) -> None:
    payload = PAYLOADS[index]
    text = page.click_node(f"person/p{index:02d}")
    assert f"P{index} {payload}"[:39] in text  # the name, as the heading (shortened)
    assert f"A{index} {payload}" in text  # the alias
    assert f"T{index} {payload}" in text  # the article title
    assert f"Evidence {index}: {payload}" in text  # the evidence sentence
    # the entity's statement, in its events and quotes: label and quote as text
    assert f"V{index} {payload}"[:30] in page.page.inner_text("#details .kg-event")
    assert f"\u201cQ{index} {payload}\u201d" in page.page.inner_text("#details .kg-quote")
    links = page.page.eval_on_selector_all("#details a", "els => els.map(a => a.href)")
    assert all(link.startswith("https://") for link in links)
    # hover the node (vis-network's tooltip) and search for it (the match list)
    page.js(f"window.newskg.network.selectNodes(['person/p{index:02d}'])")
    page.page.fill("#kg-search", f"P{index} ")
    assert f"P{index} {payload[:20]}" in page.page.inner_text("#kg-matches")
    page.page.press("#kg-search", "Enter")
    assert page.js("window.pwned === undefined")
    assert page.errors == []


@pytest.mark.parametrize("index", range(len(PAYLOADS)))
def test_each_payload_in_an_event_is_shown_as_text_and_never_runs(page: Page, index: int) -> None:
    payload = PAYLOADS[index]
    text = page.click_node(f"event/x{index}/v0")
    assert text.startswith(f"V{index} {payload}\nType: Contact.Contact.Broadcast")  # the label
    assert f"Communicator: P{index} {payload}" in text  # the named participant
    assert f"Recipient: Evidence {index}: {payload}" in text  # the words of an unnamed one
    assert f"\u201cQ{index} {payload}\u201d" in text  # the quote
    page.page.fill("#kg-search", f"V{index} ")
    assert f"V{index} {payload[:20]}" in page.page.inner_text("#kg-matches")
    assert page.js("window.pwned === undefined")
    assert page.errors == []
