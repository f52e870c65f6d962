"""The facts cache: a codec that follows type hints, and keys that change with the content."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kg.model import Article, ArticleFacts, Entity, Mention, Span
from kg.pipeline.cache import (
    CacheError,
    FactsCache,
    article_key,
    extractor_fingerprint,
    fact_sources,
    from_json,
    to_json,
)


def facts_with_everything() -> ArticleFacts:
    text = 'Zoë O\'Brien met "Anna" in Kyiv.\n\n😀 end'
    mention = Mention(0, 11, "Zoë O'Brien", 0)
    return ArticleFacts(
        Article(id="x/1", text=text, title="t", date=None, url="https://e.org/?a=1&b"),
        (Span(0, 32), Span(34, len(text))),
        (
            Entity("e0", "Person", "Zoë O'Brien", (mention,), aliases=("O'Brien",)),
            Entity("e1", "Country", "Ukraine", (), iso3="UKR", wikidata="Q212", confidence=0.5),
        ),
    )


def test_codec_round_trips_nested_frozen_dataclasses() -> None:
    facts = facts_with_everything()
    data = json.loads(json.dumps(to_json(facts)))
    assert from_json(ArticleFacts, data) == facts


def test_codec_follows_hints_for_fields_added_later() -> None:
    @dataclasses.dataclass(frozen=True)
    class Later:
        spans: tuple[Span, ...]
        best: Span | None = None
        pairs: dict[str, int] = dataclasses.field(default_factory=dict)

    value = Later((Span(1, 2),), Span(3, 4), {"a": 1})
    assert from_json(Later, json.loads(json.dumps(to_json(value)))) == value


def test_a_key_depends_on_the_content_and_the_model_not_the_source() -> None:
    article = Article(id="a", text="Some text.", source="x.txt")
    assert article_key(article, model="m") == article_key(
        dataclasses.replace(article, source="y.txt"), model="m"
    )
    assert article_key(article, model="m") != article_key(article, model="other")
    edited = dataclasses.replace(article, text="Some text!")
    assert article_key(article, model="m") != article_key(edited, model="m")


def test_cache_returns_what_was_put_with_the_new_source(tmp_path: Path) -> None:
    facts = facts_with_everything()
    with FactsCache(tmp_path / "c.sqlite", model="m") as cache:
        assert cache.get(facts.article) is None
        cache.put(facts)
    moved = dataclasses.replace(facts.article, source="elsewhere.jsonl:3")
    with FactsCache(tmp_path / "c.sqlite", model="m") as cache:
        found = cache.get(moved)
        assert (cache.hits, cache.misses, len(cache)) == (1, 0, 1)
    assert found == dataclasses.replace(facts, article=moved)


def test_an_unreadable_entry_names_the_file_and_the_way_out(tmp_path: Path) -> None:
    facts = facts_with_everything()
    with FactsCache(tmp_path / "c.sqlite", model="m") as cache:
        cache._db.execute("INSERT INTO facts VALUES (?, ?)", (cache.key(facts.article), b"junk"))
        with pytest.raises(CacheError, match=r"c\.sqlite.*--no-cache"):
            cache.get(facts.article)


def test_a_cache_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite").mkdir()
    with pytest.raises(CacheError, match="cannot open"):
        FactsCache(tmp_path / "c.sqlite", model="m")


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    import shutil

    import kg

    root = tmp_path_factory.mktemp("copy") / "kg"
    shutil.copytree(Path(kg.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_fingerprint_covers_the_analysis_the_extractors_the_model_and_the_data(
    package_copy: Path,
) -> None:
    sources = {p.relative_to(package_copy).as_posix() for p in fact_sources(package_copy)}
    # The attribute_ruler sets the token annotations the extractors read.
    assert {"nlp/analyse.py", "nlp/load.py", "nlp/indexed_ruler.py", "model.py"} <= sources
    assert {"extract/entities.py", "extract/events.py", "data/countries.tsv"} <= sources
    extractors = {p.name for p in (package_copy / "extract").glob("*.py")}
    assert extractors <= {Path(s).name for s in sources if s.startswith("extract/")}
    # What only writes or serves the facts cannot change them: a change there keeps the cache.
    assert not {"export/html.py", "graph/rdf.py", "query/serve.py", "cli.py"} & sources


def test_a_change_to_any_fact_source_changes_the_fingerprint(package_copy: Path) -> None:
    before = extractor_fingerprint(package_copy)
    unchanged = []
    for path in fact_sources(package_copy):
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        extractor_fingerprint.cache_clear()
        if extractor_fingerprint(package_copy) == before:
            unchanged.append(path.name)
        path.write_bytes(original)
    extractor_fingerprint.cache_clear()
    assert unchanged == []
    html = package_copy / "export" / "html.py"
    html.write_bytes(html.read_bytes() + b"\n")
    assert extractor_fingerprint(package_copy) == before


def test_a_changed_indexed_ruler_misses_the_cache(
    package_copy: Path, tmp_path: Path, monkeypatch
) -> None:
    import kg.pipeline.cache

    facts = facts_with_everything()
    with FactsCache(tmp_path / "c.sqlite", model="m") as cache:
        cache.put(facts)
    ruler = package_copy / "nlp" / "indexed_ruler.py"
    ruler.write_bytes(ruler.read_bytes() + b"# a change\n")
    extractor_fingerprint.cache_clear()
    monkeypatch.setattr(
        kg.pipeline.cache, "extractor_fingerprint", lambda: extractor_fingerprint(package_copy)
    )
    with FactsCache(tmp_path / "c.sqlite", model="m") as cache:
        assert cache.get(facts.article) is None
        assert cache.misses == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_is_moved_aside_and_rebuilt_with_a_warning(
    tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "facts.sqlite"
    if damage == "garbage":
        path.write_bytes(b"not a database at all " * 500)
    else:
        with FactsCache(path, model="m") as cache:
            for number in range(3000):
                cache._db.execute("INSERT INTO facts VALUES (?, ?)", (f"k{number}", b"x" * 500))
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    facts = facts_with_everything()
    with FactsCache(path, model="m") as cache:
        assert cache.get(facts.article) is None
        cache.put(facts)
    with FactsCache(path, model="m") as cache:
        assert cache.get(facts.article) is not None
    assert (tmp_path / "facts.sqlite.damaged-1").exists()
    warning = capsys.readouterr().err
    assert warning.startswith(f"warning: {path}: the facts cache is damaged (")
    assert "moved to facts.sqlite.damaged-1" in warning
