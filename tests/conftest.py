"""Shared fixtures: a small hand-made graph, so exporter tests need no spaCy model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.model import (
    Article,
    ArticleFacts,
    CoMention,
    Entity,
    KnowledgeGraph,
    Mention,
    MentionRef,
    Node,
    Span,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
# Debian's chromium, driven by Playwright (never `playwright install`: nothing is downloaded).
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """A headless Chromium for the page and server tests; skipped where it is not installed."""
    from bench.html_draw import ARGS as CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def shared_data(relative: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


TEXT = (
    'Russian Ambassador Anatoly Antonov wrote to <b>"rights groups"</b>. '
    "Antonov met Roman Seleznev in the United States."
)


@pytest.fixture
def tiny_graph() -> KnowledgeGraph:
    """Two people and a country in one article, with awkward characters in the title."""
    article = Article(
        id="a1",
        text=TEXT,
        title='Envoy & "friends" <script>alert(1)</script>',
        date="2019-12-02",
        url="https://example.com/a1?x=1&y=2",
    )
    s0 = Span(0, TEXT.index("Antonov met"))
    s1 = Span(s0.end, len(TEXT))

    def at(text: str, sentence: int, occurrence: int = 0) -> Mention:
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(text, start + 1)
        return Mention(start, start + len(text), text, sentence)

    antonov = Entity(
        "e0",
        "Person",
        "Anatoly Antonov",
        (at("Anatoly Antonov", 0), at("Antonov", 1, occurrence=1)),
        aliases=("Antonov",),
    )
    russia = Entity(
        "e1",
        "Country",
        "Russia",
        (at("Russian", 0),),
        aliases=("Russian",),
        iso3="RUS",
        wikidata="Q159",
    )
    seleznev = Entity("e2", "Person", "Roman Seleznev", (at("Roman Seleznev", 1),))
    usa = Entity(
        "e3",
        "Country",
        "United States",
        (at("United States", 1),),
        iso3="USA",
        wikidata="Q30",
    )
    facts = ArticleFacts(article, (s0, s1), (antonov, russia, seleznev, usa))
    keys = {
        "e0": "person/anatoly-antonov",
        "e1": "country/russia",
        "e2": "person/roman-seleznev",
        "e3": "country/united-states",
    }
    nodes = tuple(
        sorted(
            (
                Node(
                    key=keys[e.id],
                    type=e.type,
                    label=e.name,
                    aliases=e.aliases,
                    mentions=tuple(MentionRef("a1", e.id, m) for m in e.mentions),
                    iso3=e.iso3,
                    wikidata=e.wikidata,
                )
                for e in facts.entities
            ),
            key=lambda n: n.key,
        )
    )
    comentions = (
        CoMention("country/russia", "person/anatoly-antonov", 1, (("a1", 0),)),
        CoMention("country/united-states", "person/anatoly-antonov", 1, (("a1", 1),)),
        CoMention("country/united-states", "person/roman-seleznev", 1, (("a1", 1),)),
        CoMention("person/anatoly-antonov", "person/roman-seleznev", 1, (("a1", 1),)),
    )
    return KnowledgeGraph(
        articles=(facts,),
        nodes=nodes,
        comentions=comentions,
        entity_keys={("a1", eid): key for eid, key in keys.items()},
    )


SEED = ROOT / "seeds" / "000_6d3803dfeba073ab.txt"


@pytest.fixture(scope="session")
def seed_facts():
    """The facts extracted from the seed article (spaCy runs once per test session)."""
    from kg.ingest import read_articles
    from kg.nlp.analyse import analyse_articles

    return next(analyse_articles(read_articles([SEED])))


@pytest.fixture(scope="session")
def facts_of():
    """Extract the facts of a short text: `facts_of("Angela Merkel met ...")`."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    def run(text: str):
        return next(analyse_articles([Article(id="t", text=text)]))

    return run
