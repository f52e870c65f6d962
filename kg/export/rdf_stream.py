"""RDF for corpora larger than memory: rows spooled to disk, sorted there, written in chunks.

A build adds each article's triples to a `RowSpool` as soon as the article is analysed. A
few hundred thousand rows it holds and sorts in memory; past that it writes them to an
SQLite table whose primary key keeps them sorted and distinct, so triples never pile up in
memory. `write_rdf` then streams the sorted rows through pyoxigraph's serializer, one
chunk of whole subjects at a time: the bytes equal those of `kg.export.turtle` serialising
the whole sorted list at once, so small and large builds write the same files. `load_store`
loads the written N-Triples into an on-disk Oxigraph store, the graph of record that SPARQL
queries and `kg push` read.
"""

from __future__ import annotations

import marshal
import multiprocessing
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.export.turtle import RdfWriteError, write_rdf
from kg.graph.rdf import DEFAULT_BASE_IRI, Row


class StoreError(RdfWriteError):
    """The Oxigraph store or the row spool cannot be written or read."""


# Rows a spool holds in memory before it writes them to its file: about 50 MiB, the rows of
# some 3,000 news articles. Sorting them in memory at the end is several times faster than
# SQLite keeping its key in order row by row; past this many, memory stops growing with the
# corpus and SQLite sorts.
IN_MEMORY_ROWS = 300_000


class RowSpool:
    """Triples as sorted, distinct rows (see `kg.graph.rdf.Row`). Up to `memory_rows` are
    held in memory and sorted there when read; past that, all go to an SQLite file whose
    primary key keeps them sorted and distinct."""

    def __init__(self, path: Path, *, memory_rows: int | None = None) -> None:
        self.path = Path(path)
        self.memory_rows = IN_MEMORY_ROWS if memory_rows is None else memory_rows
        # Where `commit` leaves the rows it held, for another process to read: writing a few
        # hundred thousand rows to SQLite costs seconds, dumping them a tenth of one.
        self._held_path = self.path.with_name(self.path.name + ".held")
        self._held: list[Row] = []
        if self._held_path.exists():
            # marshal.loads, not marshal.load: reading the file in one piece is 10x faster.
            self._held = marshal.loads(self._held_path.read_bytes())
        try:
            self._db = sqlite3.connect(self.path)
            # A scratch file: losing it in a crash only means building again.
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS rows (s TEXT, r TEXT, p TEXT, o TEXT, d TEXT, "
                "PRIMARY KEY (s, r, p, o, d)) WITHOUT ROWID"
            )
            # A finished spool opened again (by `write_rdf_from`) has its rows in the file,
            # or in the held rows' file.
            self._spilled = self._db.execute("SELECT 1 FROM rows LIMIT 1").fetchone() is not None
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot open the row spool: {error}") from error

    def add(self, rows: Iterable[Row]) -> None:
        """Hold `rows` in memory, or write them to the file once more than `memory_rows` were
        held before this call (so a small build's last rows, its node totals, are held too)."""
        if not self._spilled and len(self._held) > self.memory_rows:
            self._spill()
        if self._spilled:
            self._insert(rows)
        else:
            self._held.extend(rows)

    def _spill(self) -> None:
        self._insert(self._held)
        self._held = []
        self._spilled = True

    def _insert(self, rows: Iterable[Row]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO rows VALUES (?, ?, ?, ?, ?)", rows)

    def rename(self, iris: dict[str, str]) -> None:
        """Replace IRIs as subject or object (rows that become equal are kept once)."""
        if not iris:
            return
        self._held = [
            (iris.get(s, s), r, p, iris.get(o, o) if not d else o, d)
            for s, r, p, o, d in self._held
        ]
        if not self._spilled:
            return
        # One pass per column through a table of renames: an UPDATE per IRI would scan
        # the object column once for every renamed node.
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS renames (old TEXT PRIMARY KEY, new TEXT)")
        self._db.execute("DELETE FROM renames")
        self._db.executemany("INSERT INTO renames VALUES (?, ?)", sorted(iris.items()))
        self._db.execute(
            "UPDATE OR REPLACE rows SET s = (SELECT new FROM renames WHERE old = rows.s) "
            "WHERE s IN (SELECT old FROM renames)"
        )
        self._db.execute(
            "UPDATE OR REPLACE rows SET o = (SELECT new FROM renames WHERE old = rows.o) "
            "WHERE d = '' AND o IN (SELECT old FROM renames)"
        )

    def commit(self) -> None:
        """Write every row to disk, for another process to read (`write_rdf_from`)."""
        if self._spilled:
            self._spill()
            self._db.commit()
            return
        with self._held_path.open("wb") as held:
            marshal.dump(list(self._distinct_held()), held)

    def sorted(self) -> Iterator[Row]:
        """Every row, in the order of `kg.graph.rdf.graph_rows` (SQLite compares UTF-8 bytes,
        which orders strings by code point exactly as Python does)."""
        if not self._spilled:
            yield from self._distinct_held()
            return
        self.commit()
        yield from self._db.execute("SELECT s, r, p, o, d FROM rows ORDER BY s, r, p, o, d")

    def _distinct_held(self) -> Iterator[Row]:
        # Each article's rows come sorted: sorting the list keeps those runs (Timsort
        # merges them), which a set would scatter: 0.8 s -> 0.1 s for 2,000 articles.
        return _distinct(sorted(self._held))

    def __len__(self) -> int:
        if not self._spilled:
            return sum(1 for _ in self._distinct_held())
        self.commit()
        return self._db.execute("SELECT count(*) FROM rows").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _distinct(rows: Iterable[Row]) -> Iterator[Row]:
    """Sorted rows without repeats."""
    last = None
    for row in rows:
        if row != last:
            yield row
            last = row


def write_rdf_from(
    spool: Path, turtle: Path, ntriples: Path | None = None, base_iri: str = DEFAULT_BASE_IRI
) -> int:
    """`write_rdf` of every row of a finished `RowSpool` file."""
    rows = RowSpool(spool)
    try:
        return write_rdf(rows.sorted(), turtle, ntriples, base_iri=base_iri)
    finally:
        rows.close()


@contextmanager
def rdf_written_aside(
    spool: Path, turtle: Path, ntriples: Path | None, base_iri: str = DEFAULT_BASE_IRI
) -> Iterator[Future[int]]:
    """`write_rdf_from` on a process of its own, while the caller writes other files.

    For builds that were given several processes: the Turtle writer is the longest of the
    writers, and the cores that analysed the articles are free by then.
    """
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool.submit(write_rdf_from, spool, turtle, ntriples, base_iri)


def load_store(ntriples: Path, store_dir: Path) -> int:
    """Replace the Oxigraph store in `store_dir` with the triples of an N-Triples file.

    The store is built in a sibling folder and swapped in, so a failed load leaves the old
    one. Returns the number of triples in the new store.
    """
    fresh = store_dir.with_name(f".{store_dir.name}.new")
    old = store_dir.with_name(f".{store_dir.name}.old")
    if not store_dir.exists() and old.exists():
        old.rename(store_dir)  # a build killed between the two renames below: undo the first
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        store = ox.Store(str(fresh))
        store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        count = len(store)
        del store  # releases the RocksDB lock before the folder moves
    except OSError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise StoreError(f"{store_dir}: cannot load {ntriples}: {error}") from error
    shutil.rmtree(old, ignore_errors=True)
    if store_dir.exists():
        store_dir.rename(old)
    fresh.rename(store_dir)
    shutil.rmtree(old, ignore_errors=True)
    return count


def open_store(store_dir: Path, *, read_only: bool = True) -> ox.Store:
    """The Oxigraph store a build wrote (read-only by default, so several readers can share)."""
    if not (store_dir / "CURRENT").exists():
        raise StoreError(f"{store_dir}: no Oxigraph store here; run kg build --store first")
    try:
        return ox.Store.read_only(str(store_dir)) if read_only else ox.Store(str(store_dir))
    except OSError as error:
        raise StoreError(f"{store_dir}: cannot open the Oxigraph store: {error}") from error
