"""A cache of each article's facts, so that a second build analyses only what changed.

Entries live in one SQLite file (`out/.cache/facts.sqlite`) keyed by a digest of the
article's content, the spaCy model and a fingerprint of the extractor code: editing an
extractor, changing the model or editing an article each give new keys, so a stale entry is
never read. Facts are stored as JSON by `to_json`/`from_json`, a codec that follows the type
hints of any frozen dataclass in kg.model (new fact types need no codec code).
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import sqlite3
import sys
import threading
import types
import typing
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from kg.ingest.errors import printable
from kg.model import Article, ArticleFacts

CACHE_DIR = ".cache"
CACHE_FILE = "facts.sqlite"
_COMMIT_EVERY = 256  # entries per transaction: an interrupted build keeps most of its work

# The code whose output the cache holds: any change to it invalidates every entry. It is the
# analysis step and every kg module it imports (found by reading their imports, so a new
# module is covered the day it is imported), and every data file.
_PACKAGE = Path(__file__).resolve().parents[1]
_FACT_ENTRY = "nlp/analyse.py"
_DATA = "data"


class CacheError(Exception):
    """The facts cache cannot be opened or read."""


# --- a JSON codec that follows type hints -------------------------------------------------

Decoder = Callable[[Any], Any]


def to_json(value: Any) -> Any:
    """A JSON-ready value for a dataclass, tuple, dict or scalar (dataclasses as dicts)."""
    if isinstance(value, str | int | float | None):
        return value  # most values: answered before the dataclass checks
    names = _field_names(type(value))
    if names is not None:
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        # JSON keys are strings; tuple keys (like KnowledgeGraph.entity_keys) become pairs.
        return [[to_json(k), to_json(v)] for k, v in value.items()]
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, None for any other class (looked up once per class)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def from_json(cls: Any, data: Any) -> Any:
    """The inverse of `to_json`: rebuild a `cls` (a dataclass or a typing hint) from JSON."""
    return _decoder(cls)(data)


@cache
def _decoder(hint: Any) -> Decoder:
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(hint) if f.init]

        def dataclass_(data: dict[str, Any]) -> Any:
            return hint(**{name: decode(data[name]) for name, decode in fields if name in data})

        return dataclass_
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(item(x) for x in data)
        parts = [_decoder(a) for a in args]
        return lambda data: tuple(decode(x) for decode, x in zip(parts, data, strict=True))
    if origin is dict:
        key, value = _decoder(args[0]), _decoder(args[1])
        return lambda data: {key(k): value(v) for k, v in data}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _untyped
        return lambda data: None if data is None else inner(data)
    if hint is tuple:  # a bare `tuple` field: no element type to follow
        return lambda data: tuple(_untyped(x) for x in data)
    return _untyped


def _untyped(data: Any) -> Any:
    # Without a hint, JSON arrays come back as tuples, matching frozen dataclass fields.
    if isinstance(data, list):
        return tuple(_untyped(x) for x in data)
    return data


# --- keys ------------------------------------------------------------------------------------


def fact_sources(root: Path = _PACKAGE) -> list[Path]:
    """The files of the package at `root` that can change an article's facts: the analysis
    step, the kg modules it imports (at the top or inside functions), transitively, and every
    file in kg/data."""
    todo, seen = [root / _FACT_ENTRY], set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo.extend(_imported_files(path, root))
    data = [path for path in (root / _DATA).rglob("*") if path.is_file()]
    return sorted(seen | set(data))


def _imported_files(path: Path, root: Path) -> Iterator[Path]:
    """The package files a module imports, with the __init__ of each package on the way.

    The top package's own __init__ is the library's face, which imports every stage lazily:
    it is not followed."""
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] != root.name:
                continue
            for depth in range(2, len(parts) + 1):
                base = root.joinpath(*parts[1:depth])
                yield base / "__init__.py"
                yield base.with_suffix(".py")


@cache
def extractor_fingerprint(root: Path = _PACKAGE) -> str:
    """A digest of the code and data that make facts (`fact_sources`), so that editing any of
    them invalidates every entry."""
    digest = hashlib.sha256()
    for path in fact_sources(root):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def model_tag(model: str) -> str:
    """The model name with its installed package version, when it is a package."""
    try:
        return f"{model}=={metadata.version(model)}"
    except (metadata.PackageNotFoundError, ValueError):
        return model


def article_key(article: Article, *, model: str) -> str:
    """The cache key of an article: its content (not where it was read from) + model + code."""
    content = json.dumps(
        [article.id, article.title, article.date, article.url, article.publisher, article.text],
        ensure_ascii=False,
    )
    digest = hashlib.sha256(f"{model_tag(model)}\n{extractor_fingerprint()}\n".encode())
    digest.update(content.encode("utf-8"))
    return digest.hexdigest()


# --- the cache -------------------------------------------------------------------------------

# SQLite's codes for a file that is not a database, or one whose pages are damaged.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _damaged(error: sqlite3.DatabaseError) -> bool:
    """True for a damaged file; False for a locked or unreadable one, which is left alone."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _free_name(path: Path, tag: str) -> Path:
    """`path` + `tag-N` for the first N no file has."""
    number = 1
    while (aside := path.with_name(f"{path.name}{tag}-{number}")).exists():
        number += 1
    return aside


class FactsCache:
    """ArticleFacts by article key, in SQLite. Use as a context manager; writes commit on exit.

    with FactsCache(Path("out/.cache/facts.sqlite"), model="en_core_web_sm") as cache:
        facts = cache.get(article) or analyse(article)
        cache.put(article, facts)
    """

    def __init__(self, path: Path, *, model: str) -> None:
        self.path = Path(path)
        self.model = model
        self.hits = 0
        self.misses = 0
        self._pending = 0
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise CacheError(f"{self.path}: cannot open the facts cache: {error}") from error
            self._db = self._replace_damaged(error)
        except OSError as error:
            raise CacheError(f"{self.path}: cannot open the facts cache: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        # A worker pool's feeder thread reads the cache while the main thread writes it
        # (kg.nlp.workers): one connection, every use under one lock.
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, body BLOB)")
            # Reads the whole table's b-tree: a truncated file fails here, not mid-build.
            db.execute("SELECT count(*) FROM facts").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _replace_damaged(self, error: sqlite3.DatabaseError) -> sqlite3.Connection:
        """A fresh cache in place of a damaged one, which is moved aside (not deleted: it
        may be worth a look), with a warning: the cache only saves time, so a build goes on."""
        aside = _free_name(self.path, ".damaged")
        self.path.replace(aside)
        for suffix in ("-wal", "-shm"):  # the damaged file's journal belongs to it
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        print(
            f"warning: {printable(str(self.path))}: the facts cache is damaged ({error}); "
            f"moved to {printable(aside.name)}, every article is analysed again",
            file=sys.stderr,
        )
        try:
            return self._connect()
        except (OSError, sqlite3.Error) as again:
            raise CacheError(f"{self.path}: cannot open the facts cache: {again}") from again

    def key(self, article: Article) -> str:
        return article_key(article, model=self.model)

    def get(self, article: Article, key: str | None = None) -> ArticleFacts | None:
        """The cached facts of `article`, or None. The source path is the article's own."""
        facts = self.stored(key or self.key(article), name=repr(article.id))
        if facts is None:
            self.misses += 1
            return None
        self.hits += 1
        # Only the place it was read from may differ between two reads of the same content.
        return dataclasses.replace(facts, article=article)

    def stored(self, key: str, *, name: str = "") -> ArticleFacts | None:
        """The facts stored under `key` as they were put, or None."""
        with self._lock:
            row = self._db.execute("SELECT body FROM facts WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return from_json(ArticleFacts, json.loads(zlib.decompress(row[0])))
        except (zlib.error, ValueError, KeyError, TypeError) as error:
            raise CacheError(
                f"{self.path}: entry for article {name or key} is unreadable ({error}); "
                "delete the file or build with --no-cache"
            ) from error

    def put(self, facts: ArticleFacts, key: str | None = None) -> None:
        body = zlib.compress(json.dumps(to_json(facts), ensure_ascii=False).encode("utf-8"), 1)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO facts VALUES (?, ?)",
                (key or self.key(facts.article), body),
            )
            self._pending += 1
            if self._pending >= _COMMIT_EVERY:
                self._db.commit()
                self._pending = 0

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM facts").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.commit()
            self._db.close()

    def __enter__(self) -> FactsCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
