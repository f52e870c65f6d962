"""Articles through spaCy and the extractors in this process, in input order.

The worker processes and Dask workers of `kg.nlp.workers` run this same function on their
batches, so every route to facts is one route.

An article longer than PIECE_CHARS characters or PIECE_TOKENS words and punctuation marks is
analysed in pieces cut at paragraph breaks (else at a line break, a sentence end, a space),
and the facts of its pieces are joined into the article's: spaCy's memory grows with the
text of one Doc (about 3 MiB per kB of news), so a 1 MB article would need 3 GB in one
piece. No news article comes near: the longest of the 20,961 news-bench articles has 25,450
characters (5,076 tokens), of the 54 news-sample ones 43,069 (10,545 tokens).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from kg.model import (
    LITERAL_RELATIONS,
    Article,
    ArticleFacts,
    Entity,
    Event,
    Mention,
    Relation,
    Span,
)
from kg.nlp.load import (
    BATCH_CHARS,
    analysis_text,
    load_pipeline,
    model_name,
    text_batches,
    trim_heap,
)

ZONE_BATCHES = 8  # spaCy batches analysed in one memory zone
PIECE_CHARS = 100_000  # the most characters spaCy reads as one Doc
# and the most words and punctuation marks: spaCy's memory goes by tokens (about 16 kB
# each), and "a, a, a" has three times as many per kB as news (100 kB: 1.3 GB)
PIECE_TOKENS = 25_000
_TOKEN = re.compile(r"\w+|[^\w\s]")  # about spaCy's tokens: words and punctuation marks
_SEPARATORS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of an article that spaCy reads as one Doc: all of it, for news."""

    article: Article  # the article itself, or a copy holding only the piece's text
    whole: Article
    offset: int  # where the piece starts in the whole article's text
    last: bool

    @property
    def text(self) -> str:
        return self.article.text


def _longest(text: str, start: int, limit: int, tokens: int) -> int:
    """Where the longest stretch from `start` within both limits ends."""
    end = min(len(text), start + limit)
    if end - start <= tokens:
        return end  # fewer characters than the token budget: fewer tokens too
    for count, match in enumerate(_TOKEN.finditer(text, start, end), 1):
        if count > tokens:
            return match.start()
    return end


def piece_bounds(
    text: str, limit: int = PIECE_CHARS, tokens: int = PIECE_TOKENS
) -> list[tuple[int, int]]:
    """[start, end) of the pieces of `text`, each at most `limit` characters and about
    `tokens` tokens, each cut after the last paragraph break in its second half (else line
    break, sentence end, space)."""
    bounds, start = [], 0
    while (end := _longest(text, start, limit, tokens)) < len(text):
        half = start + (end - start) // 2
        for separator in _SEPARATORS:
            found = text.rfind(separator, half, end)
            if found >= 0:
                end = found + len(separator)
                break
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _pieces(articles: Iterable[Article], limit: int, tokens: int) -> Iterator[_Piece]:
    for article in articles:
        bounds = piece_bounds(article.text, limit, tokens)
        if len(bounds) == 1:
            yield _Piece(article, article, 0, True)
            continue
        for index, (start, end) in enumerate(bounds):
            part = replace(article, text=article.text[start:end])
            yield _Piece(part, article, start, index == len(bounds) - 1)


def analyse_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_chars: int = BATCH_CHARS,
    piece_chars: int = PIECE_CHARS,
    piece_tokens: int = PIECE_TOKENS,
) -> Iterator[ArticleFacts]:
    """Stream articles through spaCy and the extractors in this process, in input order."""
    from kg.extract import extract_facts  # imports spaCy: only when articles are analysed

    nlp = load_pipeline(model_name(model))
    batches = text_batches(_pieces(articles, piece_chars, piece_tokens), batch_chars)
    parts: list[tuple[int, ArticleFacts]] = []
    # Every new word of every article would stay in spaCy's vocabulary for good, so memory
    # would grow with the corpus; a memory zone forgets them once the facts are out.
    while zone := list(islice(batches, ZONE_BATCHES)):
        with nlp.memory_zone():
            for batch in zone:
                texts = [analysis_text(piece.text) for piece in batch]
                pairs = [(text, (text, piece)) for text, piece in zip(texts, batch, strict=True)]
                for doc, (text, piece) in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
                    # spaCy keeps every character of the text it reads: the text is doc.text
                    facts = extract_facts(doc, piece.article, analysed=text)
                    if piece.whole is piece.article:
                        yield facts
                        continue
                    parts.append((piece.offset, facts))
                    if piece.last:
                        yield join_pieces(piece.whole, parts)
                        parts = []
        trim_heap()


@dataclass(frozen=True, slots=True)
class _Shift:
    """Moves one piece's facts into the whole article: offsets, sentences, local ids."""

    offset: int  # characters before the piece
    sentences: int  # sentences before the piece
    ids: dict[str, str]  # the piece's entity ids -> the article's

    def span(self, span: Span) -> Span:
        return Span(span.start + self.offset, span.end + self.offset)

    def mention(self, mention: Mention) -> Mention:
        return replace(
            mention,
            start=mention.start + self.offset,
            end=mention.end + self.offset,
            sentence=mention.sentence + self.sentences,
        )

    def entity(self, entity: Entity) -> Entity:
        mentions = tuple(self.mention(m) for m in entity.mentions)
        return replace(entity, id=self.ids[entity.id], mentions=mentions)

    def relation(self, relation: Relation) -> Relation:
        literal = relation.type in LITERAL_RELATIONS  # the object is a value, not an entity
        return replace(
            relation,
            subject=self.ids[relation.subject],
            object=relation.object if literal else self.ids[relation.object],
            evidence=self.span(relation.evidence),
            sentence=relation.sentence + self.sentences,
        )

    def event(self, event: Event, event_id: str) -> Event:
        arguments = tuple(
            replace(
                argument,
                entity=self.ids[argument.entity] if argument.entity else None,
                evidence=self.span(argument.evidence),
            )
            for argument in event.arguments
        )
        return replace(
            event,
            id=event_id,
            triggers=tuple(self.span(t) for t in event.triggers),
            sentences=tuple(s + self.sentences for s in event.sentences),
            arguments=arguments,
            date_evidence=self.span(event.date_evidence) if event.date_evidence else None,
        )


def join_pieces(whole: Article, parts: list[tuple[int, ArticleFacts]]) -> ArticleFacts:
    """The facts of an article analysed in pieces (offset, facts), as one article's.

    Offsets count from the article's first character, sentence indexes from its first
    sentence, entity and event ids (e0, e1..., v0, v1...) go on from piece to piece. A name
    in two pieces is two entities of the article; kg.resolve joins them into one node.
    """
    sentences: list[Span] = []
    entities: list[Entity] = []
    relations: list[Relation] = []
    events: list[Event] = []
    for offset, facts in parts:
        ids = {entity.id: f"e{len(entities) + i}" for i, entity in enumerate(facts.entities)}
        shift = _Shift(offset, len(sentences), ids)
        sentences += [shift.span(sentence) for sentence in facts.sentences]
        entities += [shift.entity(entity) for entity in facts.entities]
        relations += [shift.relation(relation) for relation in facts.relations]
        events += [shift.event(e, f"v{len(events) + i}") for i, e in enumerate(facts.events)]
    return ArticleFacts(whole, tuple(sentences), tuple(entities), tuple(relations), tuple(events))
