"""Bad input: every kind of broken file gets a one-line reason naming it, the rest is read.

The matrix of issue 7, first at the reader (fast, no spaCy), then through `kg build` once
on a folder holding all of it: exit code 3, each skip named on stderr and listed in
report.json, every good article in the graph, and no traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from kg.cli import EXIT_FAILED, EXIT_SKIPPED, app
from kg.ingest import Skipped, read_articles
from kg.ingest.decode import NotText, decode_bytes
from kg.ingest.text import read_text_file
from kg.model import Article

BODY = "Angela Merkel met Emmanuel Macron in Paris on Monday to talk about trade."
MB = 1_000_000
RUSSIAN_TITLE = "Путин встретился с Макроном"  # noqa: RUF001
RUSSIAN = "Владимир Путин встретился с Эммануэлем Макроном в Париже."  # noqa: RUF001


def read_all(*paths: Path, **options) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    return list(read_articles(paths, on_skip=skipped.append, **options)), skipped


def one_skip(path: Path, **options) -> str:
    """The reason the single input `path` was skipped."""
    articles, skipped = read_all(path, **options)
    assert articles == []
    [skip] = skipped
    assert skip.source == str(path)
    assert "\n" not in skip.reason
    return skip.reason


# --- the matrix, at the reader -----------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert one_skip(path) == "empty file"


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    assert one_skip(path) == "no text (only whitespace)"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # a PNG header: NUL bytes
        bytes(range(1, 32)) * 20,  # control characters, no NUL: still not text
    ],
)
def test_binary_file_is_skipped(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    assert one_skip(path).startswith("binary data")


def test_invalid_utf8_is_read_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Z\u00fcrich talks\n\n".encode("cp1252") + b"\x93Yes,\x94 said M\xfcller.")
    [article], skipped = read_all(path)
    assert skipped == []
    assert (article.title, article.text) == (
        "Z\u00fcrich talks",
        "\u201cYes,\u201d said M\u00fcller.",
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = f"Caf\u00e9 in Z\u00fcrich \u2014 \U0001f600\n\n{BODY}\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # the explicit-endian codec writes no mark of its own
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    [article], skipped = read_all(path)
    assert skipped == []
    assert article.title == "Caf\u00e9 in Z\u00fcrich \u2014 \U0001f600"
    assert article.text == BODY


def test_utf16_jsonl_is_decoded_line_by_line(tmp_path: Path) -> None:
    lines = [{"id": "a", "text": "Erste \u00dcbung."}, {"id": "b", "text": BODY}]
    path = tmp_path / "wide.jsonl"
    path.write_bytes(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode("utf-16")
    )
    articles, skipped = read_all(path)
    assert skipped == []
    assert [(a.id, a.text) for a in articles] == [("a", "Erste \u00dcbung."), ("b", BODY)]


def test_decoding_rules() -> None:
    assert decode_bytes("na\u00efve".encode()).encoding == "utf-8"
    assert decode_bytes(b"na\xefve").text == "na\u00efve"  # cp1252
    assert decode_bytes(b"\x81\x8d").text == "\x81\x8d"  # undefined in cp1252: Latin-1
    with pytest.raises(NotText, match="NUL byte at offset 3"):
        decode_bytes(b"abc\x00def")


def test_a_20_mb_article_is_refused_by_name_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Huge\n\n")
        handle.write((BODY + "\n").encode() * (20 * MB // (len(BODY) + 1)))
    tracemalloc.start()
    reason = one_skip(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert reason == "20.0 MB, larger than the article limit of 1.0 MB (--max-article-bytes)"
    assert peak < MB


def test_a_20_mb_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(b'{"id": "small", "text": "Short."}\n')
        handle.write(b'{"id": "huge", "text": "' + b"x" * (20 * MB) + b'"}\n')
        handle.write(b'{"id": "after", "text": "Still read."}\n')
    tracemalloc.start()
    articles, skipped = read_all(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.id for a in articles] == ["small", "after"]
    assert skipped == [
        Skipped(
            f"{path}:2",
            "line of 20.0 MB, larger than the article limit of 1.0 MB (--max-article-bytes)",
        )
    ]
    assert peak < 5 * MB


def test_the_limit_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\n{BODY}\n")
    assert "larger than the article limit of 50 bytes" in one_skip(path, max_article_bytes=50)
    assert len(read_all(path, max_article_bytes=None)[0]) == 1


HTML_PAGE = """<!DOCTYPE html><html><head>
<title>Site name | Leaders meet</title>
<meta property="og:title" content="Leaders meet in Paris">
<meta property="article:published_time" content="2021-03-04T09:00:00Z">
<link rel="canonical" href="https://news.example.com/leaders">
<script>var tracking = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<nav><p>Home | World | Sport</p></nav>
<article><h1>Leaders meet in Paris</h1>
<p>Angela Merkel met Emmanuel&nbsp;Macron in <b>Paris</b> on Monday.</p>
<p>They spoke about trade &amp; energy.<p>Talks go on today.
<aside><p>Read more: other story</p></aside>
</article>
<footer><p>&copy; 2021 Example News</p></footer>
</body></html>"""


def test_html_page_gives_its_main_text_title_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "leaders.html"
    path.write_text(HTML_PAGE)
    [article], skipped = read_all(path)
    assert skipped == []
    assert article.title == "Leaders meet in Paris"
    assert article.date == "2021-03-04"
    assert article.url == "https://news.example.com/leaders"
    assert article.text == (
        "Angela Merkel met Emmanuel Macron in Paris on Monday.\n\n"
        "They spoke about trade & energy.\n\nTalks go on today."
    )


def test_html_page_without_paragraphs_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "menu.htm"
    path.write_text("<html><title>Menu</title><nav><p>Home</p></nav><div>x</div></html>")
    assert one_skip(path) == "no paragraph text in the page"


def test_jsonl_with_a_broken_line_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "One."}\n'
        '{"id": "b", "text": "Two.\n'  # cut off mid-record
        '{"id": "c", "text": "Three."}\n'
    )
    articles, skipped = read_all(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert [s.source for s in skipped] == [f"{path}:2"]
    assert skipped[0].reason.startswith("invalid JSON")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x"}', "no string 'text' field"),
        ('{"id": "x", "text": ["a", "list"]}', "no string 'text' field"),
        ('{"id": "x", "text": "  "}', "no text"),
        ('{"id": {"nested": 1}, "text": "Body."}', "field 'id' is a dict, not a string"),
        ('["text", "Body."]', "not a JSON object but a list"),
    ],
)
def test_missing_or_wrong_fields(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n")
    _, skipped = read_all(path)
    assert skipped == [Skipped(f"{path}:1", reason)]


def test_wrong_metadata_types_are_dropped_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"id": 7, "title": 3, "date": ["2020"], "url": None, "source": {"n": 1}, "text": "T."}
    path.write_text(json.dumps(record) + "\n")
    [article], skipped = read_all(path)
    assert skipped == []
    assert (article.id, article.title, article.date, article.publisher) == ("7", "", None, None)


def test_the_same_article_twice_under_two_names_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Title\n\n{BODY}\n")
    (tmp_path / "b.txt").write_text(f"Title\n\n{BODY}\n")
    articles, skipped = read_all(tmp_path, unique_texts=True)
    assert [a.id for a in articles] == ["a"]
    assert skipped == [
        Skipped(
            str(tmp_path / "b.txt"),
            f"duplicate: the same title and text as {tmp_path / 'a.txt'} (id 'a')",
        )
    ]


def test_a_folder_in_place_of_a_file(tmp_path: Path) -> None:
    # Tests run as root in CI, where chmod 000 does not stop a read: a folder (and below, a
    # patched read) stands in for a file that cannot be read.
    folder = tmp_path / "article.txt"
    folder.mkdir()
    assert read_text_file(str(folder)) == Skipped(str(folder), "a folder where a file was expected")


@pytest.mark.parametrize("name", ["secret.txt", "secret.jsonl", "secret.jsonl.gz"])
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # Named on the command line or found in a folder: skipped with the reason, rest read.
    good, bad = tmp_path / "good.txt", tmp_path / name
    good.write_text(f"Good\n\n{BODY}\n")
    bad.write_text(f"Secret\n\n{BODY} Secret.\n")
    real = os.open

    def refuse(path: str, *args: object, **kwargs: object) -> int:
        if os.path.basename(path) == name:
            raise PermissionError(13, "Permission denied", path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    for inputs in ([good, bad], [tmp_path]):
        articles, skipped = read_all(*inputs)
        assert [a.id for a in articles] == ["good"]
        assert skipped == [Skipped(str(bad), "cannot read: Permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(f"Locked\n\n{BODY}\n")
    path.chmod(0)
    assert one_skip(path) == "cannot read: Permission denied"


def test_a_device_is_not_read_forever() -> None:
    reason = "not a regular file (a character device)"
    assert read_text_file("/dev/zero") == Skipped("/dev/zero", reason)


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    assert one_skip(path).startswith("unsupported file type (expected .txt, .text, .md, .html")


def test_non_english_text_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(f"{RUSSIAN_TITLE}\n\n{RUSSIAN}\n")
    [article], skipped = read_all(path)
    assert skipped == []
    assert (article.title, article.text) == (RUSSIAN_TITLE, RUSSIAN)


# --- through the command line ------------------------------------------------------------

runner = CliRunner()


@pytest.fixture(scope="module")
def matrix_build(tmp_path_factory) -> tuple[Path, Path, object]:
    """`kg build` over a folder holding every bad input and three good articles."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "good.txt").write_text(f"Leaders meet\n\n{BODY}\n")
    (folder / "copy.txt").write_text(f"Leaders meet\n\n{BODY}\n")
    (folder / "page.html").write_text(HTML_PAGE)
    (folder / "ru.txt").write_text(f"{RUSSIAN_TITLE}\n\n{RUSSIAN}\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    (folder / "feed.jsonl").write_text('{"id": "j1", "text": "Google opened an office."}\n{oops\n')
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(folder), "--out", str(out)])
    return folder, out, result


def test_build_goes_on_past_bad_inputs_and_exits_3(matrix_build) -> None:
    folder, _, result = matrix_build
    assert result.exit_code == EXIT_SKIPPED, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "articles read: 4" in result.output
    for line in (
        f"skipped {folder / 'binary.txt'}: binary data (NUL byte at offset 0), not text",
        f"skipped {folder / 'blank.txt'}: no text (only whitespace)",
        f"skipped {folder / 'empty.txt'}: empty file",
        f"skipped {folder / 'feed.jsonl'}:2: invalid JSON",
        f"skipped {folder / 'good.txt'}: duplicate: the same title and text as "
        f"{folder / 'copy.txt'} (id 'copy')",
    ):
        assert line in result.output
    assert "Traceback" not in result.output


def test_report_lists_every_skipped_input(matrix_build) -> None:
    folder, out, _ = matrix_build
    report = json.loads((out / "report.json").read_text())
    sources = [item["source"] for item in report["skipped_inputs"]]
    assert sources == [
        str(folder / "binary.txt"),
        str(folder / "blank.txt"),
        str(folder / "empty.txt"),
        f"{folder / 'feed.jsonl'}:2",
        str(folder / "good.txt"),
    ]


def test_every_good_input_is_one_article_node(matrix_build) -> None:
    _, out, _ = matrix_build
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    query = "SELECT ?a WHERE { ?a a <https://w3id.org/newskg/ontology#Article> } ORDER BY ?a"
    ids = [str(row["a"].value).rsplit("/", 1)[1] for row in store.query(query)]
    assert ids == ["copy", "j1", "page", "ru"]  # the duplicate good.txt is not a second node


def test_nothing_usable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_FAILED
    assert "Error: no article could be read from the inputs" in result.output


def test_max_article_bytes_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\n{BODY}\n")
    result = runner.invoke(
        app, ["build", str(path), "--out", str(tmp_path / "o"), "--max-article-bytes", "10"]
    )
    assert result.exit_code == EXIT_FAILED
    assert "larger than the article limit of 10 bytes (--max-article-bytes)" in result.output


CRASH = """
import sys
import kg.pipeline.run
def broken(*args, **kwargs):
    raise RuntimeError("disk on fire")
kg.pipeline.build = broken
import kg.cli
kg.cli.build = broken
sys.argv = ["kg", *sys.argv[1:]]
kg.cli.app()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_is_one_line_unless_debug(tmp_path: Path, debug: bool) -> None:
    args = ["--debug"] if debug else []
    run = subprocess.run(
        [sys.executable, "-c", CRASH, *args, "build", "seeds", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 1
    if debug:
        assert "Traceback (most recent call last)" in run.stderr
        assert "RuntimeError: disk on fire" in run.stderr
    else:
        assert "Traceback" not in run.stderr
        assert run.stderr.splitlines()[0] == "Error: RuntimeError: disk on fire"


def test_a_lone_surrogate_escaped_in_json_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "s", "title": "A \\ud800 B", "text": "Hi \\ud83d\\ude00 \\udfff."}\n')
    [article], _ = read_all(path)
    assert (article.title, article.text) == ("A \ufffd B", "Hi \U0001f600 \ufffd.")
