"""Date expressions normalised against the article's date (kg.extract.dates)."""

from __future__ import annotations

import pytest

from kg.extract.dates import normalise_date

MONDAY = "2019-12-02"  # the seed article's date, a Monday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Monday", "2019-12-02"),  # the Monday on or before the article's date
        ("Friday", "2019-11-29"),
        ("last Monday", "2019-11-25"),
        ("in 2017", "2017"),
        ("the 2011", "2011"),
        ("yesterday", "2019-12-01"),
        ("last week", "2019-W48"),
        ("last month", "2019-11"),
        ("this year", "2019"),
        ("three days ago", "2019-11-29"),
        ("December 2, 2019", "2019-12-02"),
        ("02nd December, 2019", "2019-12-02"),
        ("March 2017", "2017-03"),
        ("in March", "2019-03"),
        ("July 4", "2019-07-04"),
        ("2019-12-02", "2019-12-02"),
    ],
)
def test_news_dates_normalise_to_iso(text: str, expected: str) -> None:
    assert normalise_date(text, MONDAY) == expected


@pytest.mark.parametrize("text", ["27 years", "every two hours", "May", "the past", "recent weeks"])
def test_durations_and_vague_words_are_not_dates(text: str) -> None:
    assert normalise_date(text, MONDAY) is None


def test_a_day_well_after_the_article_date_is_last_year() -> None:
    assert normalise_date("December 28", "2020-01-02") == "2019-12-28"


def test_relative_dates_need_the_article_date() -> None:
    assert normalise_date("on Monday", None) is None
    assert normalise_date("in 2017", None) == "2017"
