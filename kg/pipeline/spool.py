"""What a streaming build keeps of each article once it is analysed, on disk, not in memory.

`BuildSpool.add` takes one article's facts, writes that article's own triples (the article
and its mentions, with their sentences) to a `RowSpool`, and keeps the facts without the
article text in SQLite. `graph()` then resolves the text-free facts into the KnowledgeGraph
that GraphML, HTML, facts.jsonl and merges.jsonl are written from; its articles stay in
SQLite and are decoded as each writer reads them (`SpooledArticles`). The rows of events are
held back until then: an event several articles report becomes one node
(`kg.resolve.events`, `kg.graph.rdf.merge_event_rows`). `rdf_rows()` adds them and the
corpus-wide node and co-mention triples and yields every triple sorted, as
`kg.graph.rdf.graph_rows` would for the whole graph. Articles arrive in any order (cache hits,
worker processes, a Dask cluster): every output is sorted, so the order does not matter.
"""

from __future__ import annotations

import dataclasses
import functools
import marshal
import pickle
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from kg.export.formats import BuiltGraph
from kg.export.rdf_stream import RowSpool
from kg.graph.rdf import (
    DEFAULT_BASE_IRI,
    Row,
    event_iri_prefix,
    event_nodes,
    graph_rows,
    merge_event_rows,
    node_iri,
    node_rows,
)
from kg.model import ArticleFacts, KnowledgeGraph
from kg.pipeline.options import RelationFloor
from kg.resolve import resolve, resolve_sorted
from kg.resolve.rules import NO_RULES, AliasRules

ArticleRows = tuple[list[Row], dict[tuple[str, str], str]]


def article_rows(facts: ArticleFacts, *, base_iri: str = DEFAULT_BASE_IRI) -> list[Row]:
    """The triples one article contributes whatever else is in the corpus: all of
    `graph_rows` for the article alone, less node totals and co-mentions (`node_rows`)."""
    rows, _ = article_rows_and_keys(facts, base_iri=base_iri)
    return rows


def article_rows_and_keys(
    facts: ArticleFacts, *, base_iri: str = DEFAULT_BASE_IRI, floor: RelationFloor | None = None
) -> ArticleRows:
    """`article_rows`, and the node key each entity has in them (the article alone), of the
    relations `floor` keeps."""
    if floor is not None:
        facts = floor(facts)
    # the article's own rows use no co-mentions: counting them was 3% of this stage
    alone = resolve([facts], comentions=False)
    return graph_rows(alone, base_iri=base_iri, corpus_rows=False), alone.entity_keys


# Facts are pickled, not JSON-encoded as in the cache: the spool lives for one build, in one
# version of kg, and is decoded once per writer, where pickle is about 1.5x faster.
def _pack(facts: ArticleFacts) -> bytes:
    return zlib.compress(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(body: bytes) -> ArticleFacts:
    return pickle.loads(zlib.decompress(body))


# Facts decoded take about 13 times their packed size: up to 4 MiB packed (some 5,000 news
# articles, 50 MiB of objects, little next to spaCy's batches) a build keeps them decoded in
# memory; past it, every writer decodes them again from disk (0.2 s a pass per 1,000
# articles), so memory stops growing with the corpus.
IN_MEMORY_PACKED_BYTES = 4 * 2**20


class SpooledArticles(Sequence[ArticleFacts]):
    """The text-free facts of a build's articles in id order, decoded from the spool each
    time they are read, so that a corpus of any size costs no memory until it is used."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._rowids = [rowid for (rowid,) in db.execute("SELECT rowid FROM facts ORDER BY id")]

    def __len__(self) -> int:
        return len(self._rowids)

    def __iter__(self) -> Iterator[ArticleFacts]:
        for (body,) in self._db.execute("SELECT slim FROM facts ORDER BY id"):
            yield _unpack(body)

    @overload
    def __getitem__(self, index: int) -> ArticleFacts: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleFacts]: ...
    def __getitem__(self, index: int | slice) -> ArticleFacts | list[ArticleFacts]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        (body,) = self._db.execute(
            "SELECT slim FROM facts WHERE rowid = ?", (self._rowids[index],)
        ).fetchone()
        return _unpack(body)


class BuildSpool:
    """The scratch files of one build, in `work_dir` (deleted by the caller afterwards)."""

    def __init__(
        self,
        work_dir: Path,
        *,
        base_iri: str = DEFAULT_BASE_IRI,
        min_confidence: float | None = None,
    ) -> None:
        """`min_confidence` (kg build --min-confidence) leaves out less sure relations here, so
        the facts cache upstream keeps them all and every way into a build filters alike."""
        work_dir.mkdir(parents=True, exist_ok=True)
        self.base_iri = base_iri
        self.rows = RowSpool(work_dir / "rows.sqlite")
        self._db = sqlite3.connect(work_dir / "facts.sqlite")
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE facts (id TEXT PRIMARY KEY, slim BLOB, text BLOB)")
        # Per article, two lists held until every article is read, each one marshalled
        # value (a row per fact cost SQLite a quarter of the time `add` takes): `alone`,
        # the node each entity has in its article's own rows, sorted by entity (across
        # articles, resolve may join it to another node, and `rdf_rows` renames it);
        # `events`, the rows of its events, held back because an event that other articles
        # report too becomes one node with them (kg.graph.rdf.merge_event_rows).
        self._db.execute("CREATE TABLE held (id TEXT PRIMARY KEY, alone BLOB, events BLOB)")
        self.count = 0
        self.packed_bytes = 0
        self._event_prefix = event_iri_prefix(base_iri)  # rows of events start with it
        # What `add` needs of each article, as a picklable function: a build runs it on the
        # worker that analysed the article (kg.nlp.workers) and passes the result to `add`.
        self._floor = None if min_confidence is None else RelationFloor(min_confidence)
        self.prepare = functools.partial(
            article_rows_and_keys, base_iri=base_iri, floor=self._floor
        )

    def add(self, facts: ArticleFacts, prepared: ArticleRows | None = None) -> None:
        if self._floor is not None:  # `prepared` was made from the kept relations already
            facts = self._floor(facts)
        rows, keys = prepared if prepared is not None else self.prepare(facts)
        article = facts.article
        events: list[Row] = []
        others: list[Row] = []
        for row in rows:
            (events if row[0].startswith(self._event_prefix) else others).append(row)
        self.rows.add(others)
        alone = sorted((a, e, key) for (a, e), key in keys.items())
        held = (article.id, marshal.dumps(alone), marshal.dumps(events))
        self._db.execute("INSERT OR REPLACE INTO held VALUES (?, ?, ?)", held)
        slim = dataclasses.replace(facts, article=dataclasses.replace(article, text=""))
        text = zlib.compress(article.text.encode("utf-8"), 1)
        packed = _pack(slim)
        row = (article.id, packed, text)
        self._db.execute("INSERT OR REPLACE INTO facts VALUES (?, ?, ?)", row)
        self.packed_bytes += len(packed)
        self.count += 1

    def graph(self, rules: AliasRules = NO_RULES) -> KnowledgeGraph:
        """The resolved graph. Its articles, without their texts (which the HTML page reads
        for the few sentences it quotes: `article_text`), stay on disk (`SpooledArticles`)
        unless their packed facts take at most IN_MEMORY_PACKED_BYTES."""
        self._db.commit()
        articles: Sequence[ArticleFacts] = SpooledArticles(self._db)
        if self.packed_bytes <= IN_MEMORY_PACKED_BYTES:
            articles = tuple(articles)
        return resolve_sorted(articles, rules=rules)

    def built(self, graph: KnowledgeGraph, **known: Any) -> BuiltGraph:
        """What the writers read of `graph`, resolved from this spool: its triples from the
        row spool, its articles' texts from disk, and what else the caller knows (`known`,
        fields of BuiltGraph)."""
        known.setdefault("rows", lambda: self.rdf_rows(graph))
        return BuiltGraph(graph, base_iri=self.base_iri, text_of=self.article_text, **known)

    def article_text(self, article_id: str) -> str:
        row = self._db.execute("SELECT text FROM facts WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return zlib.decompress(row[0]).decode("utf-8")

    def rdf_rows(self, graph: KnowledgeGraph) -> Iterator[Row]:
        """Every triple of the build, sorted and distinct."""
        self._complete(graph)
        yield from self.rows.sorted()

    def finish(self, graph: KnowledgeGraph) -> Path:
        """Complete the row spool with the corpus-wide rows of `graph`; return its file, which
        `kg.export.rdf_stream.write_rdf_from` reads (in another process, if need be)."""
        self._complete(graph)
        self.rows.commit()
        return self.rows.path

    def _complete(self, graph: KnowledgeGraph) -> None:
        self._add_events(graph)
        renames: dict[str, str] = {}
        # Ordered by article, then entity (each list is sorted), as the rows were before.
        for (alone,) in self._db.execute("SELECT alone FROM held ORDER BY id"):
            for article, entity, key in marshal.loads(alone):
                final = graph.entity_keys.get((article, entity), key)
                if final != key:
                    renames.setdefault(key, final)
        self.rows.rename(
            {
                node_iri(old, self.base_iri): node_iri(new, self.base_iri)
                for old, new in renames.items()
            }
        )
        self.rows.add(node_rows(graph, base_iri=self.base_iri))

    def _add_events(self, graph: KnowledgeGraph) -> None:
        """Add the held event rows, those of events several articles report as one node
        each, before entities are renamed (their arguments name the articles' own nodes)."""
        nodes = event_nodes(graph, self.base_iri)
        merged = set(nodes) | set(nodes.values())
        held: list[Row] = []
        batch: list[Row] = []
        # In the order the articles were added, as the rows were before.
        for (events,) in self._db.execute("SELECT events FROM held ORDER BY rowid"):
            for row in marshal.loads(events):
                (held if row[0] in merged else batch).append(row)
            if len(batch) >= 10_000:
                self.rows.add(batch)
                batch = []
        self.rows.add(batch)
        self.rows.add(merge_event_rows(held, nodes))

    def close(self) -> None:
        self.rows.close()
        self._db.close()
