"""Articles through spaCy and the extractors in this process, in input order.

The worker processes and Dask workers of `kg.nlp.workers` run this same function on their
batches, so every route to facts is one route.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from kg.model import Article, ArticleFacts
from kg.nlp.load import (
    BATCH_CHARS,
    analysis_text,
    load_pipeline,
    model_name,
    text_batches,
    trim_heap,
)

ZONE_BATCHES = 8  # spaCy batches analysed in one memory zone


def analyse_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[ArticleFacts]:
    """Stream articles through spaCy and the extractors in this process, in input order."""
    from kg.extract import extract_facts  # imports spaCy: only when articles are analysed

    nlp = load_pipeline(model_name(model))
    batches = text_batches(articles, batch_chars)
    # Every new word of every article would stay in spaCy's vocabulary for good, so memory
    # would grow with the corpus; a memory zone forgets them once the facts are out.
    while zone := list(islice(batches, ZONE_BATCHES)):
        with nlp.memory_zone():
            for batch in zone:
                pairs = [(analysis_text(article.text), article) for article in batch]
                for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
                    yield extract_facts(doc, article)
        trim_heap()
