"""HTML pages saved by a scraper: the article's title, metadata and paragraph text.

A small extractor on the standard library's `html.parser`, not a boilerplate remover such
as trafilatura (a dozen dependencies): the text is the content of the page's `<p>`
elements (and headings and list items inside `<article>`/`<main>` when the page has one),
paragraphs joined by blank lines, outside script, style, navigation, header, footer,
aside, form and template elements. The title is `og:title`, else the first `<h1>`, else
`<title>`. The date comes from `article:published_time` or the first `<time datetime>`,
the URL from `<link rel=canonical>` or `og:url`. Character references are decoded; the
markup of the page never reaches the article text.
"""

from __future__ import annotations

from html.parser import HTMLParser

from kg.ingest.fields import ParsedText, normalise_date

# Elements whose text is never article text.
_SKIPPED = frozenset(
    "script style noscript template svg nav header footer aside form button select "
    "textarea iframe object figure figcaption".split()
)
_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre td dd dt".split())
_ALWAYS_BLOCKS = frozenset({"p", "blockquote", "pre"})
_MAIN = frozenset({"article", "main"})
_CLOSES_P = (
    _SKIPPED | _BLOCKS | _MAIN | frozenset("div section ul ol dl table hr details summary".split())
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        # How many of each tag are open, and the open elements that end a paragraph (a
        # sub-stack of `stack`): tag starts and ends ask these instead of scanning the
        # stack, which made a page of deeply nested tags quadratic.
        self.open_count: dict[str, int] = {}
        self.closers: list[str] = []
        self.skipping = 0
        self.in_main = 0
        self.block: list[str] | None = None
        self.block_tag = ""
        self.block_has_p = False
        self.paragraphs: list[str] = []
        self.main_paragraphs: list[str] = []
        self.title: list[str] | None = None
        self.page_title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.time = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._read_metadata(tag, {name: value or "" for name, value in attrs})
        if tag in _VOID:
            # `<br>` inside a paragraph is the line break of a poem or an address.
            if tag == "br" and self.block is not None:
                self.block.append("\n")
            return
        self._close_open_paragraph(tag)
        self._push(tag)
        self._open(tag)

    def _push(self, tag: str) -> None:
        self.stack.append(tag)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if tag in _CLOSES_P:
            self.closers.append(tag)

    def _pop(self) -> str:
        tag = self.stack.pop()
        self.open_count[tag] -= 1
        if tag in _CLOSES_P:
            self.closers.pop()
        return tag

    def _read_metadata(self, tag: str, values: dict[str, str]) -> None:
        """Where a page says its title, date and address: `<meta>`, `<link rel=canonical>`
        and the first `<time datetime>` ("<time datetime="2019-12-02">Monday</time>")."""
        if tag == "meta":
            self._read_meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "")
        elif tag == "time" and not self.time:
            self.time = values.get("datetime", "")

    def _read_meta(self, values: dict[str, str]) -> None:
        """Open Graph uses `property` ("og:title"), other tags `name` ("description"); the
        first of each key wins, as the page's own header comes before embedded widgets."""
        key = (values.get("property") or values.get("name") or "").lower()
        if key and key not in self.meta:
            self.meta[key] = values.get("content", "")

    def _close_open_paragraph(self, tag: str) -> None:
        """`<p>one<p>two`, `<p>one<aside>`: a block start ends the open paragraph (when only
        inline elements were opened inside it), as in a browser."""
        # "p" is itself in _CLOSES_P: the innermost open closer is the paragraph exactly
        # when no block element was opened inside it.
        if tag in _CLOSES_P and self.closers and self.closers[-1] == "p":
            self.handle_endtag("p")

    def _open(self, tag: str) -> None:
        """Enter an element: a skipped one (`<nav>`), the page's main part, its `<title>` or
        the first block of text (`<li>` in `<article>`); an inner `<p>` makes its block a
        paragraph (`<li><p>...</p></li>`)."""
        if tag in _ALWAYS_BLOCKS and self.block is not None:
            self.block_has_p = True
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _MAIN:
            self.in_main += 1
        elif tag == "title" and not self.page_title:
            self.title = []
        elif tag in _BLOCKS and self.block is None and not self.skipping:
            self.block, self.block_tag = [], tag

    def handle_endtag(self, tag: str) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag: ignore it, as browsers do
        while self.stack:
            open_tag = self._pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping -= 1
        elif tag in _MAIN:
            self.in_main -= 1
        elif tag == "title" and self.title is not None:
            self.page_title = " ".join("".join(self.title).split())
            self.title = None
        elif tag == self.block_tag and self.block is not None:
            text = "\n".join(" ".join(line.split()) for line in "".join(self.block).split("\n"))
            text = text.strip()
            if tag == "h1" and not self.h1:
                self.h1 = " ".join(text.split())
            if text:
                if tag in _ALWAYS_BLOCKS or self.block_has_p:
                    self.paragraphs.append(text)
                if self.in_main:
                    self.main_paragraphs.append(text)
            self.block, self.block_tag, self.block_has_p = None, "", False

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        elif self.block is not None and not self.skipping:
            self.block.append(data)

    def close(self) -> None:
        super().close()
        while self.stack:  # unclosed elements at the end of a truncated page
            self._close(self._pop())


def parse_html(raw: str) -> ParsedText:
    """The title, text and metadata of an HTML page (see the module docstring)."""
    parser = _PageParser()
    parser.feed(raw)
    parser.close()
    paragraphs = parser.main_paragraphs or parser.paragraphs
    meta = parser.meta
    title = " ".join((meta.get("og:title") or parser.h1 or parser.page_title).split())
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, already the title
    date = normalise_date(meta.get("article:published_time") or parser.time)
    url = parser.canonical or meta.get("og:url") or None
    if url is not None and not url.lower().startswith(("http://", "https://")):
        url = None  # a relative or script URL is no address of the article
    return ParsedText(
        title=title,
        text="\n\n".join(paragraphs),
        date=date,
        url=url,
        publisher=meta.get("og:site_name") or None,
    )
