"""What a build is asked to do (`BuildOptions`) and what it did (`BuildResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.graph.rdf import DEFAULT_BASE_IRI
from kg.ingest import Skipped
from kg.ingest.text import DEFAULT_MAX_ARTICLE_BYTES
from kg.model import ArticleFacts
from kg.resolve.rules import NO_RULES, AliasRules, rules_to_json

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUT = Path("out")
# The entities a build's page draws unless told otherwise: past a few thousand nodes a
# browser slows to a crawl and the page runs to tens of megabytes (the 20,961 news-bench
# articles make 41,000 entities); every entity stays in the other outputs.
DEFAULT_MAX_NODES = 5000


class NoArticles(Exception):
    """None of the inputs held an article that could be read."""


@dataclass(frozen=True)
class BuildOptions:
    """How a build reads, analyses and writes; each default is the `kg build` default.

    >>> BuildOptions(n_process=2).cache
    True
    """

    base_iri: str = DEFAULT_BASE_IRI
    model: str | None = None  # spaCy pipeline; None: $NEWSKG_SPACY_MODEL or the shipped one
    n_process: int = 1
    max_nodes: int | None = DEFAULT_MAX_NODES  # entities drawn in graph.html
    cache: bool = True  # keep facts in OUT/.cache; skip a build where nothing changed
    dask: str | None = None  # scheduler address, or "local"
    store: bool = False  # also N-Triples and an on-disk Oxigraph store
    show_progress: bool | None = None  # None: a bar on a terminal; True: lines on a pipe too
    rules: AliasRules = NO_RULES  # the user's forced and forbidden merges
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
    # relations below this confidence are left out of the graph (the cache keeps them all)
    min_confidence: float | None = None

    def output_options(self) -> dict[str, Any]:
        """The options that change the outputs once the facts are known (JSON-ready)."""
        chosen: dict[str, Any] = {
            "base_iri": self.base_iri,
            "max_nodes": self.max_nodes,
            "rules": rules_to_json(self.rules),
        }
        if self.min_confidence is not None:  # absent by default: older build records match
            chosen["min_confidence"] = self.min_confidence
        return chosen


@dataclass(frozen=True)
class RelationFloor:
    """Leaves out an article's relations whose confidence is below `min_confidence`.

    Only relations: entities carry no calibrated confidence, and an event's confidence is
    not a probability (its factuality says how sure the text is).

    >>> from kg.model import Article
    >>> RelationFloor(0.5)(ArticleFacts(Article("a", "text"), (), ())).relations
    ()
    """

    min_confidence: float

    def __call__(self, facts: ArticleFacts) -> ArticleFacts:
        kept = tuple(r for r in facts.relations if r.confidence >= self.min_confidence)
        return facts if len(kept) == len(facts.relations) else replace(facts, relations=kept)


@dataclass(frozen=True)
class BuildResult:
    """What `build` read and wrote, for the summary a user sees."""

    articles: int
    entities_by_type: dict[str, int]
    triples: int
    files: tuple[Path, ...]
    skipped: tuple[Skipped, ...] = field(default=())
