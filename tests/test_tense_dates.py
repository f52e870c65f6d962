"""kg.extract.tense_dates: the time a verb's tense gives an event no date expression dates."""

from __future__ import annotations

import pytest

from kg.extract.tense_dates import quoted, tense_date

ARTICLE = "2015-08-21"


@pytest.fixture(scope="session")
def tense_of():
    """Parse a sentence and read the date the tense of the verb spelt `word` gives, with the
    words of its evidence."""
    from kg.nlp.load import load_pipeline, model_name

    nlp = load_pipeline(model_name(None))

    def run(text: str, word: str, *, speech: bool = False, reference: str | None = ARTICLE):
        doc = nlp(text)
        verb = next(t for t in doc if t.text == word)
        found = tense_date(verb, reference, speech=speech)
        return (found[0], text[found[1].start : found[1].end]) if found else None

    return run


@pytest.mark.parametrize(
    "text, word, speech, expected",
    [
        # a statement in the simple present: the article's day
        ("South Korea says the broadcasts will continue.", "says", True, ("2015-08-21", "says")),
        ("The company claims it owns the name.", "claims", True, ("2015-08-21", "claims")),
        # the present progressive: happening as the article is written
        (
            "The church's website is being attacked by hackers.",
            "attacked",
            False,
            ("2015-08-21", "is"),
        ),
        ("Several airlines are considering new jets.", "considering", False, ("2015-08-21", "are")),
        # the present perfect: shortly before the article, so its month
        (
            "The Bank of America has announced a loss of US$2.24 billion.",
            "announced",
            True,
            ("2015-08", "has"),
        ),
        ("Over 345 pilgrims have been killed in a stampede.", "killed", False, ("2015-08", "have")),
    ],
)
def test_the_present_dates_what_the_main_line_tells(tense_of, text, word, speech, expected) -> None:
    assert tense_of(text, word, speech=speech) == expected


@pytest.mark.parametrize(
    "text, word, speech",
    [
        # the simple past may be any day before the article
        ("The company said it would buy its rival.", "said", True),
        ("Police arrested two men.", "arrested", False),
        # the simple present of other verbs tells what is usual
        ("The store, which sells music, opened in 2003.", "sells", False),
        ("People sell cars every day.", "sell", False),
        # not on the main line: a relative or reported clause
        ("Officials who are investigating the crash spoke to reporters.", "investigating", False),
        ("He said that the army is attacking the town.", "attacking", False),
        # a present perfect with a span or a repetition of its own
        ("Scientology has been waging a war for almost 15 years.", "waging", False),
        ("The union has long said that wages are too low.", "said", True),
        ("The lenders have previously sold such loans.", "sold", False),
        # quoted, or the first person: the speaker's present, not the article's
        ('"We are attacking the problem," she said.', "attacking", False),
        ("I have met him twice.", "met", False),
        # modal and future forms are no tense of the past or present
        ("The minister may announce the plan.", "announce", True),
        ("The minister will announce the plan.", "announce", True),
    ],
)
def test_no_date_where_the_tense_does_not_place_the_event(tense_of, text, word, speech) -> None:
    assert tense_of(text, word, speech=speech) is None


def test_the_present_perfect_of_a_months_first_week_gives_no_date(tense_of) -> None:
    """ "has announced" in an article of August 2nd may tell of July 30th."""
    text = "The bank has announced a loss."
    assert tense_of(text, "announced", speech=True, reference="2015-08-02") is None
    assert tense_of(text, "announced", speech=True, reference="2015-08-08") == ("2015-08", "has")


def test_no_article_date_no_tense_date(tense_of) -> None:
    text = "South Korea says it will continue."
    assert tense_of(text, "says", speech=True, reference=None) is None


def test_quoted_words_are_those_between_marks_of_one_paragraph() -> None:
    from kg.nlp.load import load_pipeline, model_name

    doc = load_pipeline(model_name(None))('He said "we will win" today.\nThen "more" came.')
    inside = [t.text for t in doc if quoted(t)]
    assert inside[:3] == ["we", "will", "win"]
    assert "today" not in inside and "Then" not in inside
