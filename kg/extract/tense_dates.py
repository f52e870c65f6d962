"""The time a verb's tense gives an event that no date expression dates.

News tells in the present what holds when it is written, and TimeML anchors the present
tense at the document's creation time: in an article of 2015-08-21, "South Korea says the
broadcasts will continue" and "the site is being attacked by hackers" hold on 2015-08-21.
The present perfect tells what happened shortly before the writing: "The Bank of America
has announced that it lost US$2.24 billion" in an article of 2009-10-16 happened in
2009-10, the month and not the day, and only from the article's eighth day on, so that
"shortly before" stays inside the month.

The tense dates only what a sentence tells on its main line, outside quotations (whose
present is the speaker's: '"We urge the governments ..."'), not in the first person, and
only:

- a statement in the simple present ("says", "claims", "reports"): the speaker's word as
  the article is written. Other verbs in the simple present tell what is usual ("the
  store, which sells music", "airlines that buy the plane") and give no date;
- the present progressive ("is being attacked", "are considering");
- the present perfect ("has announced", "have been killed"), not with a time of its own
  ("has been waging for 15 years", "has previously said").

The simple past gives no date: "the company said" may be any day before the article, and
the article's date is when it was reported, not when it happened. The evidence is the
tensed word, the verb or its auxiliary.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from kg.extract.dates import parse_reference
from kg.model import Span

__all__ = ["on_main_line", "quoted", "tense_date"]

# Subjects that speak from inside a quotation or a letter: "I was hauled in".
_FIRST_PERSON = frozenset({"i", "we", "you"})
_QUOTE_IDS = numpy.array(
    [get_string_id(mark) for mark in ('"', "\u201c", "\u201d", "``", "''")], dtype=numpy.uint64
)
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_HAVE = frozenset({"has", "have", "'ve"})
_BE = frozenset({"is", "are", "am", "'re", "'s"})
# Words that give a present perfect a time of its own, a span or a repetition rather than
# a recent event: "has been waging for 15 years", "have long said", "has never met".
_SPAN_WORDS = frozenset(
    "for since ever never always long often repeatedly previously once already".split()
)
# The present perfect is dated by the article's month only when the article is past the
# month's first week: "has announced" in an article of the 2nd may tell of the 30th.
_FIRST_WEEK = 7
# Where the last article read has quotation marks: one slot, replaced whole.
_quotation_cache: tuple[Doc | None, tuple[int, ...], tuple[int, ...]] = (None, (), ())


def tense_date(verb: Token, reference: str | None, *, speech: bool) -> tuple[str, Span] | None:
    """The date the tense of `verb` gives its event in an article of `reference` and the
    span of the tensed word, or None: "South Korea says" -> the article's day, "has
    announced" -> its month, "said" -> None. `speech` says whether the verb reports speech,
    the one kind of verb whose simple present is dated."""
    day = parse_reference(reference)
    if day is None or not on_main_line(verb) or quoted(verb):
        return None
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    first = helpers[0] if helpers else verb
    if first.tag_ not in _PRESENT_TAGS:
        return None
    evidence = Span(first.idx, first.idx + len(first.text))
    if not helpers:
        return (day.isoformat(), evidence) if speech else None
    if first.lower_ in _BE and _progressive(verb, helpers):
        return day.isoformat(), evidence
    if first.lower_ in _HAVE and verb.tag_ == "VBN" and not _spanned(verb):
        return (f"{day:%Y-%m}", evidence) if day.day > _FIRST_WEEK else None
    return None


def on_main_line(verb: Token) -> bool:
    """Whether the verb tells the sentence's main line (its root, or a verb coordinated with
    it) with a subject in the third person: "Police arrested Smith and charged him" (both
    verbs), not "I was hauled in" nor "the man who was arrested"."""
    main = verb
    while main.dep_ == "conj":
        main = main.head
    if main.head.i != main.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(s.lower_ in _FIRST_PERSON for s in subjects)


def _progressive(verb: Token, helpers: list[Token]) -> bool:
    """ "is considering", "is being attacked": a form of "be" in the present and the verb's
    "-ing" (or "being" and the participle)."""
    if verb.tag_ == "VBG":
        return len(helpers) == 1
    return verb.tag_ == "VBN" and [h.lower_ for h in helpers[1:]] == ["being"]


def _spanned(verb: Token) -> bool:
    """Whether a word gives the verb a span or a repetition: "for 15 years", "since 1994",
    "have long said", or spaCy's DATE entity ("has risen this year")."""
    for child in verb.children:
        if child.lower_ in _SPAN_WORDS or child.ent_type_ in ("DATE", "TIME"):
            return True
        if child.dep_ in ("prep", "npadvmod") and any(
            t.ent_type_ in ("DATE", "TIME") for t in child.subtree
        ):
            return True
    return False


def quoted(token: Token) -> bool:
    """Whether the word stands inside a quotation opened in its paragraph: an odd number of
    quotation marks between the paragraph's start and the word."""
    global _quotation_cache
    doc, marks, breaks = _quotation_cache
    if doc is not token.doc:
        doc = token.doc
        marks, breaks = _marks_and_breaks(doc)
        _quotation_cache = (doc, marks, breaks)
    paragraph = breaks[bisect_left(breaks, token.i) - 1] if breaks and breaks[0] < token.i else -1
    return (bisect_left(marks, token.i) - bisect_right(marks, paragraph)) % 2 == 1


def _marks_and_breaks(doc: Doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The indexes of the quotation marks and of the line breaks of an article, read off
    the token array (making a Token of each word, or the Doc's text, was a tenth of the
    events' time)."""
    rows = doc.to_array([ORTH, IS_SPACE]).reshape(-1, 2)
    marks = numpy.flatnonzero(numpy.isin(rows[:, 0], _QUOTE_IDS)).tolist()
    strings = doc.vocab.strings
    spaces = numpy.flatnonzero(rows[:, 1]).tolist()
    breaks = [i for i in spaces if "\n" in strings[int(rows[i, 0])]]
    return tuple(marks), tuple(breaks)
