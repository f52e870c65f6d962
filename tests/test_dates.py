"""Date expressions normalised against the article's date (kg.extract.dates)."""

from __future__ import annotations

import pytest

from kg.extract.dates import normalise_date

MONDAY = "2019-12-02"  # the seed article's date, a Monday
WEDNESDAY = "2019-12-04"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Monday", "2019-12-02"),  # the Monday on or before the article's date
        ("Friday", "2019-11-29"),
        ("last Monday", "2019-11-25"),
        ("on Monday night", "2019-12-02"),
        ("early Saturday", "2019-11-30"),
        ("in 2017", "2017"),
        ("the 2011", "2011"),
        ("mid-2006", "2006"),
        ("late 2006", "2006"),
        ("yesterday", "2019-12-01"),
        ("today", "2019-12-02"),
        ("this morning", "2019-12-02"),
        ("last month", "2019-11"),
        ("earlier this month", "2019-12"),
        ("this year", "2019"),
        ("last year", "2018"),
        ("Last year's", "2018"),
        ("the second half of this year", "2019"),
        ("the end of March", "2019-03"),
        ("three days ago", "2019-11-29"),
        ("two days ago", "2019-11-30"),
        ("December 2, 2019", "2019-12-02"),
        ("Monday, December 2, 2019", "2019-12-02"),
        ("April 30, 2017", "2017-04-30"),
        ("02nd December, 2019", "2019-12-02"),
        ("March 2017", "2017-03"),
        ("in March 2019", "2019-03"),
        ("in March", "2019-03"),
        ("in May", "2019-05"),
        ("July 4", "2019-07-04"),
        ("on November 30", "2019-11-30"),
        ("2019-12-02", "2019-12-02"),
        # a part of a year, a year the words call current, a month "of" its year
        ("the third quarter of this year", "2019"),
        ("the fourth quarter of 2008", "2008"),
        ("late this year", "2019"),
        ("mid-this year", "2019"),
        ("the current year", "2019"),
        ("March of 2008", "2008-03"),
        # a time of day before the day
        ("16:00 UTC today", "2019-12-02"),
        ("at 0800 GMT on Friday", "2019-11-29"),
        ("8:30 a.m. yesterday", "2019-12-01"),
    ],
)
def test_news_dates_normalise_to_iso(text: str, expected: str) -> None:
    assert normalise_date(text, MONDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "27 years",
        "every two hours",
        "May",
        "the past",
        "recent weeks",
        "each year",
        # a time of day alone, or a part of no named period
        "at 0800 UTC",
        "16:00",
        "the first quarter",
        "the year",
        # counted days are a span, not a date
        "the past 30 days",
    ],
)
def test_durations_and_vague_words_are_not_dates(text: str) -> None:
    assert normalise_date(text, MONDAY) is None


def test_a_decade_is_not_a_year() -> None:
    """ "in the 1990s" is coarser than the contract's year: no date rather than "1990"."""
    assert normalise_date("in the 1990s", MONDAY) is None
    assert normalise_date("the late 1980's", MONDAY) is None
    assert normalise_date("in 1990", MONDAY) == "1990"


def test_a_day_after_the_article_date_is_last_year() -> None:
    """ "on April 30" in an article of 2019-04-12 was reported, so it is the 2018 one."""
    assert normalise_date("on April 30", "2019-04-12") == "2018-04-30"
    assert normalise_date("on April 30", "2019-05-02") == "2019-04-30"
    assert normalise_date("December 28", "2020-01-02") == "2019-12-28"


def test_a_month_after_the_article_month_is_last_year() -> None:
    assert normalise_date("in April", "2019-03-10") == "2018-04"
    assert normalise_date("in April", "2019-04-10") == "2019-04"


def test_an_event_to_come_reads_forward() -> None:
    """ "will meet on Friday" in an article of Monday 2019-12-02 is that week's Friday."""
    assert normalise_date("on Friday", MONDAY, future=True) == "2019-12-06"
    assert normalise_date("on Monday", MONDAY, future=True) == "2019-12-02"
    assert normalise_date("on April 30", "2019-05-02", future=True) == "2020-04-30"
    assert normalise_date("in January", MONDAY, future=True) == "2020-01"
    # what the words fix does not move: "last Friday" stays in the past
    assert normalise_date("last Friday", MONDAY, future=True) == "2019-11-29"
    assert normalise_date("next Monday", MONDAY) == "2019-12-09"


def test_a_week_is_the_month_or_year_that_holds_it() -> None:
    """ "last week" on 2019-11-20 is 11-17 November: "2019-11". On Wednesday 2019-12-04 it is
    25 November - 1 December, two months: only the year is sure."""
    assert normalise_date("last week", "2019-11-20") == "2019-11"
    assert normalise_date("last week", WEDNESDAY) == "2019"
    assert normalise_date("a week ago", "2019-11-20") == "2019-11"
    assert normalise_date("last week", "2020-01-08") is None  # 30 Dec 2019 - 5 Jan 2020


def test_a_weekend_is_the_month_that_holds_it() -> None:
    """ "this weekend" in a report of Tuesday 2015-09-22 is the 19th and 20th just past."""
    assert normalise_date("this weekend", "2015-09-22") == "2015-09"
    assert normalise_date("this weekend", "2015-10-01") == "2015-09"
    assert normalise_date("this weekend", "2015-10-01", future=True) == "2015-10"


def test_relative_dates_need_the_article_date() -> None:
    assert normalise_date("on Monday", None) is None
    assert normalise_date("yesterday", None) is None
    assert normalise_date("in 2017", None) == "2017"


def test_the_past_few_days_are_the_month_or_year_of_the_week_before() -> None:
    """ "in the past few days" on 2019-11-20 is 14-20 November; on 2019-12-02 the week holds
    two months, and only the year is sure."""
    assert normalise_date("in the past few days", "2019-11-20") == "2019-11"
    assert normalise_date("the last couple of days", MONDAY) == "2019"
    assert normalise_date("the past few days", None) is None
