"""Normalise news date expressions to ISO 8601 against the article's own date.

A small normaliser for the patterns news uses ("on Monday", "in 2017", "last week",
"December 2, 2019", "three days ago"), so that no extra library or model is loaded. Each rule
is one function from the lowercased expression (and the reference date) to an ISO string at
the precision the text gives: a year "2017", a month "2017-03" or a day "2019-12-02".
Relative expressions need the reference date; without one they give None. Durations ("27
years", "every two hours") are not dates and give None.

Weeks and weekends are not a precision of their own: "last week" is the month that holds the
whole week, or the year when the week spans two months ("last week" on 2019-11-20 is
"2019-11"; on 2019-12-04, the week of 25 November - 1 December, it is "2019"). An ISO week
("2019-W48") would be exact, but it is no prefix of the days inside it, so "last week" and
the same event "on Tuesday" would not compare, and readers do not read it. A decade ("the
1990s") is coarser than a year and gives None rather than a false year.

News reports the past: "on Monday" is the Monday on or before the article's date and "on
April 30" the last April 30 on or before it. With `future=True` (an event announced as
coming: "will meet on Monday") they are the first on or after it instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["normalise_date", "parse_reference"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:1[89]|20)\d{2})"
# Words that may stand before a date without changing it: "in early 2006", "mid-2006".
_FILLER = re.compile(
    r"^(?:(?:on|in|of|since|by|from|until|at|during|the|early|late|mid|last|this|"
    r"next|earlier|later)(?:\s+|-))*"
)
# A part of a period is dated by the period: "the second half of this year", "the end of March",
# "the third quarter of 2008".
_PART_OF = re.compile(
    r"^(?:(?:in|during|by|at|until|since)\s+)?(?:the\s+)?"
    r"(?:(?:first|second)\s+half|(?:first|second|third|fourth|final|last)\s+quarter|"
    r"end|start|beginning|middle|rest)\s+of\s+"
)
# A time of day before the day adds nothing to it: "16:00 UTC today", "at 0800 GMT on Monday".
_CLOCK = re.compile(
    r"^(?:at\s+)?(?:\d{1,2}[:.]\d{2}|\d{4}(?=\s+(?:utc|gmt)))"
    r"(?:\s*(?:utc|gmt|a\.?m\.?|p\.?m\.?))?\s+(?=\S)"
)
# A weekday named before a calendar date adds nothing: "Monday, December 2, 2019".
_WEEKDAY_BEFORE = re.compile(r"^(?:on\s+)?(?:" + "|".join(_WEEKDAYS) + r"),?\s+(?=\S*\d|[a-z])")
_PARTS_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class _Context:
    """What a relative expression is read against: the article's date, and whether the event
    is announced as coming ("will meet on Monday") rather than reported as past."""

    ref: dt.date | None
    future: bool = False


Rule = Callable[[str, _Context], str | None]


def parse_reference(value: str | None) -> dt.date | None:
    """The article's date (ISO, a time after the day is ignored), or None when unusable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _within(first: dt.date, last: dt.date) -> str | None:
    """The month, else the year, that holds every day from `first` to `last`."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year}-{first.month:02d}"
    return str(first.year) if first.year == last.year else None


def _week(monday: dt.date) -> str | None:
    """The month or year that holds the week from `monday`: "last week"."""
    return _within(monday, monday + dt.timedelta(days=6))


def _month_shift(day: dt.date, months: int) -> str:
    """The month `months` away from `day`'s: "last month", "three months ago"."""
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def _full_date(year: int, month: int, day: int) -> str | None:
    """The ISO day, or None for a day the calendar lacks ("February 30")."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(text: str, context: _Context) -> str | None:
    """ "2019-12-02": already ISO."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return _full_date(*map(int, match.groups())) if match else None


def _year(text: str, context: _Context) -> str | None:
    """ "2017", "in 2017", "the 2011", "mid-2006": a year alone ("the 1990s" is a decade: None)."""
    match = re.fullmatch(_YEAR, _FILLER.sub("", text))
    return match.group(1) if match else None


def _day_month_year(text: str, context: _Context) -> str | None:
    """ "December 2, 2019", "2 December 2019", "Monday, 02nd December, 2019": a full
    calendar date."""
    text = _FILLER.sub("", _WEEKDAY_BEFORE.sub("", text))
    match = re.fullmatch(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", text)
    if match:
        return _full_date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    match = re.fullmatch(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", text)
    if match:
        return _full_date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    return None


def _nearest_day(ref: dt.date, month: int, day: int, future: bool) -> str | None:
    """The `month`/`day` in the article's year, moved a year back when it would fall after the
    article's date (a year on when the event is still to come and it would fall before)."""
    year = ref.year
    if future and (month, day) < (ref.month, ref.day):
        year += 1
    elif not future and (month, day) > (ref.month, ref.day):
        year -= 1
    return _full_date(year, month, day)


def _day_month(text: str, context: _Context) -> str | None:
    """ "Dec. 2", "2 December", "on April 30", "Friday, April 30": the year is the article's."""
    ref = context.ref
    if ref is None:
        return None
    text = _FILLER.sub("", _WEEKDAY_BEFORE.sub("", text))
    match = re.fullmatch(rf"{_MONTH}\s+{_DAY}{_PARTS_OF_DAY}", text)
    if match:
        return _nearest_day(ref, _MONTHS[match.group(1)], int(match.group(2)), context.future)
    match = re.fullmatch(rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_PARTS_OF_DAY}", text)
    if match:
        return _nearest_day(ref, _MONTHS[match.group(2)], int(match.group(1)), context.future)
    return None


def _month(text: str, context: _Context) -> str | None:
    """ "March 2017", "in March": a month, the most recent one for a month without a year."""
    coming = context.future or text.startswith("next ")
    # "may" alone is too often the verb to be read as a month; "in May" is the month
    verb = text == "may"
    text = _FILLER.sub("", text)
    match = re.fullmatch(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", text)
    if match:
        return f"{match.group(2)}-{_MONTHS[match.group(1)]:02d}"
    match = re.fullmatch(_MONTH, text)
    ref = context.ref
    if not match or ref is None or verb:
        return None
    month = _MONTHS[match.group(1)]
    if coming:
        return f"{ref.year if month >= ref.month else ref.year + 1}-{month:02d}"
    return f"{ref.year if month <= ref.month else ref.year - 1}-{month:02d}"


_WEEKDAY = re.compile(
    r"(?:(on|last|this\s+past|past|by|until|next|this|early|late)\s+(?:on\s+)?)?"
    r"(" + "|".join(_WEEKDAYS) + r")" + _PARTS_OF_DAY
)


def _weekday(text: str, context: _Context) -> str | None:
    """ "on Monday", "last Friday", "on Monday night", "early Tuesday": the weekday on or
    before the article's date; "next Monday", or any weekday of an event still to come, is the
    first on or after it."""
    match = _WEEKDAY.fullmatch(text)
    ref = context.ref
    if not match or ref is None:
        return None
    word = " ".join((match.group(1) or "").split())
    target = _WEEKDAYS.index(match.group(2))
    if word == "next" or (context.future and word not in ("last", "past", "this past")):
        ahead = (target - ref.weekday()) % 7
        return (ref + dt.timedelta(days=ahead or (7 if word == "next" else 0))).isoformat()
    back = (ref.weekday() - target) % 7
    if word == "last" and back == 0:
        back = 7
    return (ref - dt.timedelta(days=back)).isoformat()


_DEICTIC_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
}


def _deictic_day(text: str, context: _Context) -> str | None:
    """ "today", "yesterday", "tonight", "this morning", "tomorrow"."""
    shift = _DEICTIC_DAYS.get(text)
    if shift is None or context.ref is None:
        return None
    return (context.ref + dt.timedelta(days=shift)).isoformat()


_RELATIVE_UNIT = re.compile(
    r"(?:(?:earlier|later|early|late|mid)(?:\s+|-))?"
    r"(last|this|next|past|this\s+past|the\s+current|current)\s+(week|weekend|month|year)"
)


def _relative_unit(text: str, context: _Context) -> str | None:
    """ "last week", "earlier this month", "next year": a calendar unit around the article's
    date."""
    match = _RELATIVE_UNIT.fullmatch(text)
    ref = context.ref
    if not match or ref is None:
        return None
    steps = {"last": -1, "past": -1, "this past": -1, "this": 0, "next": 1}
    steps |= {"current": 0, "the current": 0}
    step = steps[" ".join(match.group(1).split())]
    unit = match.group(2)
    if unit == "week":
        return _week(ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step))
    if unit == "weekend":
        return _weekend(ref, step, context.future)
    if unit == "month":
        return _month_shift(ref, step)
    return str(ref.year + step)


def _weekend(ref: dt.date, step: int, future: bool) -> str | None:
    """ "this weekend" in a report is the last Saturday and Sunday on or before the article's
    date (the next ones for an event to come); "last weekend" the one before that when the
    article itself is of a weekend."""
    if future or step > 0:
        saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        if step > 0 and ref.weekday() >= 5:
            saturday += dt.timedelta(weeks=1)
    else:
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        if step < 0 and ref.weekday() >= 5:
            saturday -= dt.timedelta(weeks=1)
    return _within(saturday, saturday + dt.timedelta(days=1))


def _past_days(text: str, context: _Context) -> str | None:
    """ "the past few days", "the last couple of days": the month or year holding the week up
    to the article's date ("recent weeks" stays too vague to date)."""
    if context.ref is None or not re.fullmatch(
        r"(?:(?:in|over|during)\s+)?(?:the\s+)?(?:past|last)\s+(?:few|couple\s+of)\s+days",
        text,
    ):
        return None
    return _within(context.ref - dt.timedelta(days=6), context.ref)


def _ago(text: str, context: _Context) -> str | None:
    """ "three days ago", "two weeks ago", "5 years ago"."""
    match = re.fullmatch(r"(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago", text)
    ref = context.ref
    if not match or ref is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(match.group(1))
    if count is None:
        return None
    unit = match.group(2)
    if unit == "day":
        return (ref - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return _week(ref - dt.timedelta(days=ref.weekday(), weeks=count))
    if unit == "month":
        return _month_shift(ref, -count)
    return str(ref.year - count)


_RULES: tuple[Rule, ...] = (
    _iso,
    _year,
    _day_month_year,
    _day_month,
    _month,
    _weekday,
    _deictic_day,
    _relative_unit,
    _past_days,
    _ago,
)


def normalise_date(
    text: str, reference: dt.date | str | None = None, *, future: bool = False
) -> str | None:
    """An ISO 8601 day, month or year for a date expression, or None.

    `reference` is the article's date (a date or an ISO string): "on Monday" in an article of
    2019-12-04 is "2019-12-02", "last month" is "2019-11", "in 2017" is "2017". `future` reads
    an expression of an event still to come forward from it: "on Monday" is "2019-12-09".
    """
    ref = parse_reference(reference) if isinstance(reference, str) else reference
    cleaned = " ".join(text.strip().rstrip(",;.").split()).lower()
    # "last year's attack"; "the 1980's" is a decade, not 1980
    cleaned = re.sub(r"(?<=[a-z])(?:'s|\u2019s)$", "", cleaned)
    cleaned = _CLOCK.sub("", _PART_OF.sub("", cleaned))
    context = _Context(ref, future)
    for rule in _RULES:
        found = rule(cleaned, context)
        if found is not None:
            return found
    return None
