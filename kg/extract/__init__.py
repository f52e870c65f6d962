"""Extractors: pure functions from a spaCy Doc to the facts of one article."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import get_lang_class

from kg.extract.entities import (
    add_missed_mentions,
    add_nominal_mentions,
    build_entities,
    group_mentions,
)
from kg.extract.mentions import candidate_mentions
from kg.model import Article, ArticleFacts, Span

__all__ = ["extract_facts"]


def extract_facts(doc: Doc, article: Article) -> ArticleFacts:
    """Everything newskg knows how to extract from one analysed article."""
    sentences = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    starts = [s.start for s in sentences]
    clusters = group_mentions(candidate_mentions(doc, starts))
    stop_words = frozenset(get_lang_class(doc.lang_).Defaults.stop_words)
    add_missed_mentions(clusters, doc.text, starts, stop_words)
    add_nominal_mentions(clusters, doc, starts)
    return ArticleFacts(article=article, sentences=sentences, entities=build_entities(clusters))
