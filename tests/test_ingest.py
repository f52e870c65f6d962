"""Reading files and folders as articles (kg.ingest)."""

from __future__ import annotations

import gzip
import hashlib
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, shared_data

from kg.ingest import InputError, Skipped, read_articles
from kg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"


def read_all(*paths: str | Path) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    return list(read_articles(paths, on_skip=skipped.append)), skipped


def test_seed_layout_header_is_metadata_not_text() -> None:
    path = DATA / "seed_layout.txt"
    [article], skipped = read_all(path)
    assert skipped == []
    assert article.id == "seed_layout"
    assert article.title == "Ferry Service Resumes Between Two Island Towns"
    assert article.date == "2021-05-17"
    assert article.publisher == "Harbour Gazette"
    assert article.url is None
    assert article.source == str(path)
    assert article.text.startswith("PORTVALE (Harbour Gazette) The ferry")
    assert article.text.endswith("said harbour master Ines Calder.")


def test_text_is_the_files_own_text_so_offsets_match() -> None:
    path = DATA / "seed_layout.txt"
    [article], _ = read_all(path)
    raw = path.read_text(encoding="utf-8")
    start = raw.index(article.text)
    assert raw[start : start + len(article.text)] == article.text
    assert "\n\n" in article.text  # paragraph breaks are kept


def test_news_sample_layout() -> None:
    [article], skipped = read_all(DATA / "sample_layout.txt")
    assert skipped == []
    assert article.title == "Library Opens Late on Fridays"
    assert article.date == "2022-09-30"
    assert article.url == "https://news.example.org/wiki/Library_Opens_Late_on_Fridays"
    assert article.publisher is None
    assert article.text.startswith("The city library in Marrow")


def test_plain_layout_strips_only_leading_blank_lines_and_trailing_space() -> None:
    [article], _ = read_all(DATA / "plain.txt")
    assert article.title == "Council Votes on New Bridge"
    assert article.date is None and article.url is None
    assert article.text == (
        "  The town council of Linden voted seven to two on Tuesday to build a footbridge.\n"
        "Work starts in spring."
    )


def test_the_real_seed_article() -> None:
    [article], skipped = read_all(ROOT / "seeds" / "000_6d3803dfeba073ab.txt")
    assert skipped == []
    assert article.id == "000_6d3803dfeba073ab"
    assert article.title.startswith("Russian Ambassador Urges")
    assert article.date == "2019-12-02"
    assert article.publisher == "UrduPoint.com"
    assert article.text.startswith("WASHINGTON")


def test_all_news_sample_files_have_title_date_and_url() -> None:
    folder = shared_data("news-sample")
    articles, skipped = read_all(folder)
    assert skipped == []  # ATTRIBUTION.md and manifest.json are not articles
    assert len(articles) == 54
    for article in articles:
        assert article.title and article.url and article.url.startswith("http")
        assert article.date is not None
        assert Path(article.source or "").name.startswith(article.date)
        assert not article.text.startswith(article.title)


def test_folder_is_walked_recursively_in_sorted_order_ignoring_non_articles() -> None:
    articles, skipped = read_all(DATA / "corpus")
    assert skipped == []
    assert [a.title for a in articles] == [
        "Alpha Story",
        "Before North",
        "Nested Story",
        "Middle Story",
        "Zulu Story",
    ]
    sources = [Path(a.source or "").relative_to(DATA / "corpus").as_posix() for a in articles]
    assert sources == ["a.txt", "europe/b.text", "europe/north/n.txt", "m.jsonl:1", "z.txt"]


def test_hidden_and_readme_files_are_ignored_in_folders_but_read_when_named(
    tmp_path: Path,
) -> None:
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nSecret text.\n")
    (tmp_path / "README.txt").write_text("Readme\n\nHow to use this corpus.\n")
    (tmp_path / "story.txt").write_text("Story\n\nThe only article.\n")
    articles, _ = read_all(tmp_path)
    assert [a.title for a in articles] == ["Story"]
    articles, _ = read_all(tmp_path / ".hidden.txt", tmp_path / "README.txt")
    assert [a.title for a in articles] == ["Hidden", "Readme"]


def test_markdown_and_extensionless_files_are_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "brief.md").write_text("Brief\n\nA markdown article.\n")
    (tmp_path / "wire").write_text("Wire\n\nAn article without an extension.\n")
    articles, skipped = read_all(tmp_path / "brief.md", tmp_path / "wire")
    assert skipped == []
    assert [(a.id, a.text) for a in articles] == [
        ("brief", "A markdown article."),
        ("wire", "An article without an extension."),
    ]


def test_jsonl_broken_and_textless_lines_are_skipped_and_the_rest_read() -> None:
    path = DATA / "invented_stories.jsonl"
    articles, skipped = read_all(path)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3", f"{path}:6"]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:5"]
    assert skipped[0].reason.startswith("invalid JSON")
    assert skipped[1].reason == "no string 'text' field"

    first, no_id, numeric = articles
    assert first == Article(
        id="j1",
        text="Train drivers in Westmark returned to work on Saturday.",
        title="Rail Strike Ends",
        date="2023-02-11",
        url="https://news.example.org/j1",
        publisher="Example Wire",
        source=f"{path}:1",
    )
    assert no_id.publisher == "Valley Post"  # from `source`
    assert no_id.date is None  # "sometime in May" is not guessed
    assert numeric.id == "5"
    assert numeric.text == "  Spaces before the text are kept.  "


def test_missing_id_gets_a_stable_content_id(tmp_path: Path) -> None:
    [no_id] = [a for a in read_all(DATA / "invented_stories.jsonl")[0] if a.title == "No Id Here"]
    expected = hashlib.sha256(b"No Id Here\nA new bakery opened in Ferndale.").hexdigest()[:16]
    assert no_id.id == expected
    # The same content elsewhere, under another file name, gets the same id.
    copy = tmp_path / "copy.jsonl"
    copy.write_text('{"title": "No Id Here", "text": "A new bakery opened in Ferndale."}\n')
    [again], _ = read_all(copy)
    assert again.id == expected


def test_text_file_with_an_unsafe_name_gets_a_content_id(tmp_path: Path) -> None:
    path = tmp_path / "my story (final).txt"
    path.write_text("Story\n\nBody text.\n")
    [article], _ = read_all(path)
    assert article.id == hashlib.sha256(b"Story\nBody text.").hexdigest()[:16]


@pytest.mark.parametrize(
    ("name", "compress"), [("a.jsonl.gz", gzip.compress), ("a.jsonl.xz", lzma.compress)]
)
def test_compressed_jsonl(tmp_path: Path, name: str, compress: Callable[[bytes], bytes]) -> None:
    plain = (DATA / "invented_stories.jsonl").read_bytes()
    path = tmp_path / name
    path.write_bytes(compress(plain))
    articles, skipped = read_all(path)
    assert [a.id for a in articles] == [a.id for a in read_all(DATA / "invented_stories.jsonl")[0]]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:5"]


def test_damaged_archive_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(f'{{"id": "n{i}", "text": "Story number {i}."}}\n' for i in range(2000))
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    articles, skipped = read_all(path)
    assert 0 < len(articles) < 2000
    assert [s.source for s in skipped] == [str(path)]
    assert skipped[0].reason.startswith("cannot read after line")


def test_same_article_twice_is_yielded_once() -> None:
    path = DATA / "plain.txt"
    articles, skipped = read_all(path, path)
    assert len(articles) == 1 and skipped == []


def test_same_id_with_other_content_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("Story\n\nThe first version.\n")
    (tmp_path / "b" / "story.txt").write_text("Story\n\nA different version.\n")
    articles, skipped = read_all(tmp_path)
    assert [a.text for a in articles] == ["The first version."]
    assert skipped == [
        Skipped(
            str(tmp_path / "b" / "story.txt"),
            f"duplicate id 'story' with other content than {tmp_path / 'a' / 'story.txt'}",
        )
    ]


def test_missing_path_is_skipped_and_reading_goes_on() -> None:
    articles, skipped = read_all("no/such/file.txt", DATA / "plain.txt")
    assert [a.title for a in articles] == ["Council Votes on New Bridge"]
    assert skipped == [Skipped("no/such/file.txt", "no such file or directory")]


def test_without_on_skip_the_first_problem_raises() -> None:
    with pytest.raises(InputError, match=r"^no/such/file\.txt: no such file or directory$"):
        list(read_articles(["no/such/file.txt"]))


def test_jsonl_line_problem_raises_with_the_line_number() -> None:
    path = DATA / "invented_stories.jsonl"
    with pytest.raises(InputError, match=rf"^{path}:2: invalid JSON"):
        list(read_articles([path]))


def test_unknown_extension_is_skipped_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 not supported")
    articles, skipped = read_all(path)
    assert articles == []
    [skip] = skipped
    assert skip.source == str(path)
    assert skip.reason.startswith("unsupported file type")


def test_bytes_that_are_not_utf8_are_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    # 0x93/0x94 are cp1252's curly quotes (C1 controls in Latin-1); 0x81 is undefined there
    path.write_bytes("Caf\u00e9 News\n\nBody.\n".encode("latin-1") + b"\x93Hi\x94 \x81.\n")
    [article], skipped = read_all(path)
    assert skipped == []
    assert article.title == "Caf\u00e9 News"
    assert article.text == "Body.\n\u201cHi\u201d \x81."


def test_a_jsonl_line_that_is_not_utf8_is_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "ok", "text": "Fine."}\n')
    articles, skipped = read_all(path)
    assert [(a.id, a.text) for a in articles] == [("a", "caf\u00e9"), ("ok", "Fine.")]
    assert skipped == []


def test_byte_order_mark_is_not_part_of_the_title(tmp_path: Path) -> None:
    text_path = tmp_path / "bom.txt"
    text_path.write_bytes(b"\xef\xbb\xbf date 2020-01-02 Paper\nTitle\n\nBody.\n")
    jsonl_path = tmp_path / "bom.jsonl"
    jsonl_path.write_bytes(b'\xef\xbb\xbf{"id": "x", "title": "T", "text": "Body."}\n')
    articles, skipped = read_all(text_path, jsonl_path)
    assert skipped == []
    assert [(a.title, a.date, a.publisher) for a in articles] == [
        ("Title", "2020-01-02", "Paper"),
        ("T", None, None),
    ]


def test_crlf_line_ends_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Title\r\n2020-01-02\r\nhttps://x.example/a\r\n\r\nLine one.\r\nTwo.\r\n")
    [article], _ = read_all(path)
    assert (article.title, article.date, article.url) == (
        "Title",
        "2020-01-02",
        "https://x.example/a",
    )
    assert article.text == "Line one.\r\nTwo."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "empty file"),
        ("\n\n  \n", "no text (only whitespace)"),
        ("Only a title\n", "no text"),
        (" date 2020-01-02 Paper\nTitle\n\n   \n", "no text"),
    ],
)
def test_empty_body_is_skipped_as_no_text(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content)
    articles, skipped = read_all(path)
    assert articles == []
    assert skipped == [Skipped(str(path), reason)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-12-02T10:00:00Z", "2019-12-02"),
        ("2019-12-02", "2019-12-02"),
        ("2019-13-40", None),  # not a calendar date
        ("02/12/2019", None),  # ambiguous: never guessed
        ("December 2, 2019", None),
    ],
)
def test_jsonl_dates(tmp_path: Path, value: str, expected: str | None) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(f'{{"date": "{value}", "text": "Body."}}\n')
    [article], _ = read_all(path)
    assert article.date == expected


def test_reading_streams_one_article_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text('{"id": "first", "text": "One."}\n{broken\n')
    articles = read_articles([path])  # raises only when the broken line is reached
    assert next(articles).id == "first"
    with pytest.raises(InputError):
        next(articles)


def test_a_single_path_is_one_input_not_an_iterable_of_characters() -> None:
    [article] = read_articles(str(DATA / "plain.txt"))
    assert article.title == "Council Votes on New Bridge"


def test_html_pages_in_a_folder_are_read_beside_text_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain\n\nA plain article.\n")
    (tmp_path / "b.html").write_text("<title>Page</title><p>A saved page.</p>")
    (tmp_path / "c.htm").write_text("<h1>Old page</h1><p>An older saved page.</p>")
    articles, skipped = read_all(tmp_path)
    assert skipped == []
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("a", "Plain", "A plain article."),
        ("b", "Page", "A saved page."),
        ("c", "Old page", "An older saved page."),
    ]
