"""extract_facts: every extractor over one analysed article, in order."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc
from spacy.util import get_lang_class

from kg.extract.anchors import Anchors
from kg.extract.entities import (
    add_missed_mentions,
    add_nominal_mentions,
    build_entities,
    group_mentions,
)
from kg.extract.events import extract_events
from kg.extract.mentions import candidate_mentions
from kg.extract.relation_scorer import RelationModel, learned_relations
from kg.extract.relations import extract_relations
from kg.model import Article, ArticleFacts, Span

__all__ = ["extract_facts"]


@cache
def _stop_words(language: str) -> frozenset[str]:
    # spaCy looks the language class up through its plugin registry: costly per article
    return frozenset(get_lang_class(language).Defaults.stop_words)


def extract_facts(
    doc: Doc,
    article: Article,
    *,
    relation_model: RelationModel | None = None,
    analysed: str | None = None,
) -> ArticleFacts:
    """Everything newskg knows how to extract from one analysed article.

    `relation_model` replaces the shipped relation scorer (tools.train_relations tunes one).
    `analysed` is the text spaCy was given, when the caller has it: spaCy's tokenizer keeps
    every character, so it equals `doc.text`, which joins a Token per word anew on each read
    (about a tenth of extraction)."""
    sentences = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    starts = [s.start for s in sentences]
    # spaCy may have read a recased copy of the text (kg.nlp.load.analysis_text): mentions
    # quote the article itself.
    text = article.text
    # Doc.text joins every token again on each call: the extractors share one copy.
    if analysed is None:
        analysed = doc.text
    clusters = group_mentions(candidate_mentions(doc, starts, text, analysed=analysed))
    add_missed_mentions(clusters, analysed, starts, _stop_words(doc.lang_), text)
    add_nominal_mentions(clusters, doc, starts, text)
    entities = build_entities(clusters)
    # Relations and events read the same parse: no second pass, no extra model.
    anchors = Anchors(doc, entities, text=analysed, sentence_starts=starts, source=text)
    rules = extract_relations(doc, anchors)
    # the rules' relations stay; the scorer adds the pairs they do not reach
    learned = learned_relations(doc, anchors, rules, relation_model)
    relations = tuple(
        sorted((*rules, *learned), key=lambda r: (r.evidence.start, r.type, r.subject, r.object))
    )
    return ArticleFacts(
        article=article,
        sentences=sentences,
        entities=entities,
        relations=relations,
        events=extract_events(doc, anchors, article.date),
    )
