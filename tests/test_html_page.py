"""HTML pages: one case per rule of the start-tag handler (kg.ingest.html)."""

from __future__ import annotations

import pytest

from kg.ingest.html import parse_html


@pytest.mark.parametrize(
    ("page", "text"),
    [
        # a block start ends the open paragraph, as in a browser
        ("<p>one<p>two", "one\n\ntwo"),
        ("<p>one<div>not a paragraph</div>", "one"),
        # inline elements inside the paragraph do not end it
        ("<p>one <b>bold</b> two</p>", "one bold two"),
        # a line break inside a paragraph stays a line break
        ("<p>line one<br>line two</p>", "line one\nline two"),
        # navigation and scripts are never article text
        ("<nav><p>Home</p></nav><p>Story.</p><script>x = 1</script>", "Story."),
        # list items count only inside <article>/<main>, or when they hold a <p>
        ("<ul><li>menu</li></ul><p>Story.</p>", "Story."),
        ("<ul><li><p>item</p></li></ul>", "item"),
        ("<article><ul><li>first</li><li>second</li></ul></article>", "first\n\nsecond"),
    ],
)
def test_page_text(page: str, text: str) -> None:
    assert parse_html(page).text == text


@pytest.mark.parametrize(
    ("page", "title", "date", "url", "publisher"),
    [
        # the first value of each key wins: the page's own header comes first
        (
            '<meta property="og:title" content="First"><meta property="og:title" content="Second">'
            '<meta name="OG:SITE_NAME" content="Daily"><p>x</p>',
            "First",
            None,
            None,
            "Daily",
        ),
        # <link rel=canonical> before og:url; the first <time datetime> gives the date
        (
            '<link rel="Canonical" href="https://a.example/1"><meta property="og:url" '
            'content="https://b.example/2"><time datetime="2019-12-02T10:00">Mon</time>'
            '<time datetime="2020-01-01">later</time><h1>Head</h1><p>x</p>',
            "Head",
            "2019-12-02",
            "https://a.example/1",
            None,
        ),
        # the <title> is the last resort, and only the first one counts
        ("<title>Page</title><title>Other</title><p>x</p>", "Page", None, None, None),
    ],
)
def test_page_metadata(
    page: str, title: str, date: str | None, url: str | None, publisher: str | None
) -> None:
    parsed = parse_html(page)
    assert (parsed.title, parsed.date, parsed.url, parsed.publisher) == (
        title,
        date,
        url,
        publisher,
    )
