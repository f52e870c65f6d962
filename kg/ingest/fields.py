"""Normalising the metadata of an article (dates, ids), and the parts a parser finds."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

_DATE_PREFIX = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")
_SAFE_SLUG = re.compile(r"[A-Za-z0-9._-]+")


def normalise_date(value: str | None) -> str | None:
    """`YYYY-MM-DD` when `value` starts with a real calendar date, else None.

    Anything else is left unknown rather than guessed: a wrong date would later anchor
    relative dates ("on Monday") to the wrong day.
    """
    if not value:
        return None
    match = _DATE_PREFIX.match(value)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def content_digest(title: str, text: str) -> str:
    """The full sha256 hex digest of an article's title and text."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def content_id(title: str, text: str) -> str:
    """A stable id for an article that has none: the first 16 hex digits of its digest."""
    return content_digest(title, text)[:16]


def is_safe_slug(value: str) -> bool:
    """True when `value` can serve as an id as it is (it ends up inside IRIs)."""
    return _SAFE_SLUG.fullmatch(value) is not None


@dataclass(frozen=True)
class ParsedText:
    """The parts of a plain-text article, before it gets an id."""

    title: str
    text: str
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
