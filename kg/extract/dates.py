"""Normalise news date expressions to ISO 8601 against the article's own date.

A small normaliser for the patterns news uses ("on Monday", "in 2017", "last week",
"December 2, 2019", "three days ago"), so that no extra library or model is loaded. Each rule
is one function from the lowercased expression (and the reference date) to an ISO string at
the precision the text gives: "2017", "2017-03", "2019-W48" (an ISO week) or "2019-12-02".
Relative expressions need the reference date; without one they give None. Durations ("27
years", "every two hours") are not dates and give None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

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
# Words that may stand before or after a date without changing it.
_FILLER = re.compile(
    r"^(?:(?:on|in|of|since|by|from|until|at|during|the|early|late|mid|last|this|"
    r"next|earlier|later)\s+)*"
)

Rule = Callable[[str, dt.date | None], str | None]


def parse_reference(value: str | None) -> dt.date | None:
    """The article's date (ISO, a time after the day is ignored), or None when unusable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def _full_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# "2019-12-02": already ISO
def _iso(text: str, ref: dt.date | None) -> str | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return _full_date(*map(int, match.groups())) if match else None


# "2017", "in 2017", "the 2011": a year alone
def _year(text: str, ref: dt.date | None) -> str | None:
    match = re.fullmatch(_YEAR, _FILLER.sub("", text))
    return match.group(1) if match else None


# "December 2, 2019", "2 December 2019", "02nd December, 2019": a full calendar date
def _day_month_year(text: str, ref: dt.date | None) -> str | None:
    text = _FILLER.sub("", text)
    match = re.fullmatch(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", text)
    if match:
        return _full_date(int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2)))
    match = re.fullmatch(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", text)
    if match:
        return _full_date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    return None


# "Dec. 2", "2 December": the year is the article's, or the one before for a later day
def _day_month(text: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    text = _FILLER.sub("", text)
    match = re.fullmatch(rf"{_MONTH}\s+{_DAY}", text)
    if match:
        month, day = _MONTHS[match.group(1)], int(match.group(2))
    else:
        match = re.fullmatch(rf"{_DAY}\s+(?:of\s+)?{_MONTH}", text)
        if not match:
            return None
        month, day = _MONTHS[match.group(2)], int(match.group(1))
    found = _full_date(ref.year, month, day)
    # News reports the past: a day well after the article's is last year's.
    if found and dt.date.fromisoformat(found) > ref + dt.timedelta(days=31):
        found = _full_date(ref.year - 1, month, day)
    return found


# "March 2017", "in March": a month, the most recent one for a month without a year
def _month(text: str, ref: dt.date | None) -> str | None:
    text = _FILLER.sub("", text)
    match = re.fullmatch(rf"{_MONTH},?\s+{_YEAR}", text)
    if match:
        return f"{match.group(2)}-{_MONTHS[match.group(1)]:02d}"
    match = re.fullmatch(_MONTH, text)
    # "may" alone is too often the verb to be read as a month
    if not match or ref is None or text == "may":
        return None
    month = _MONTHS[match.group(1)]
    return f"{ref.year if month <= ref.month else ref.year - 1}-{month:02d}"


# "on Monday", "last Friday": the weekday on or before the article's date
def _weekday(text: str, ref: dt.date | None) -> str | None:
    match = re.fullmatch(
        r"(?:(?:on|last|this\s+past|past|by|until)\s+)?(" + "|".join(_WEEKDAYS) + r")"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
        text,
    )
    if not match or ref is None:
        return None
    back = (ref.weekday() - _WEEKDAYS.index(match.group(1))) % 7
    if text.startswith("last") and back == 0:
        back = 7
    return (ref - dt.timedelta(days=back)).isoformat()


# "today", "yesterday", "tonight", "this morning", "tomorrow"
def _deictic_day(text: str, ref: dt.date | None) -> str | None:
    if ref is None:
        return None
    shift = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "earlier today": 0,
        "yesterday": -1,
        "last night": -1,
        "yesterday morning": -1,
        "yesterday afternoon": -1,
        "yesterday evening": -1,
        "tomorrow": 1,
    }.get(text)
    return None if shift is None else (ref + dt.timedelta(days=shift)).isoformat()


# "last week", "this month", "next year": a calendar unit around the article's date
def _relative_unit(text: str, ref: dt.date | None) -> str | None:
    match = re.fullmatch(r"(?:earlier\s+)?(last|this|next|past)\s+(week|month|year)", text)
    if not match or ref is None:
        return None
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[match.group(1)]
    unit = match.group(2)
    if unit == "week":
        return _week(ref + dt.timedelta(weeks=step))
    if unit == "month":
        return _month_shift(ref, step)
    return str(ref.year + step)


# "three days ago", "two weeks ago", "5 years ago"
def _ago(text: str, ref: dt.date | None) -> str | None:
    match = re.fullmatch(r"(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago", text)
    if not match or ref is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(match.group(1))
    if count is None:
        return None
    unit = match.group(2)
    if unit == "day":
        return (ref - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return _week(ref - dt.timedelta(weeks=count))
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
    _ago,
)


def normalise_date(text: str, reference: dt.date | str | None = None) -> str | None:
    """An ISO 8601 date, month, week or year for a date expression, or None.

    `reference` is the article's date (a date or an ISO string): "on Monday" in an article of
    2019-12-02 is "2019-12-02", "last week" is "2019-W48", "in 2017" is "2017".
    """
    ref = parse_reference(reference) if isinstance(reference, str) else reference
    cleaned = " ".join(text.strip().rstrip(",;").split()).lower()
    for rule in _RULES:
        found = rule(cleaned, ref)
        if found is not None:
            return found
    return None
