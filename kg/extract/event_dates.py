"""When an event happened: a date expression in its trigger's clause, against the article date.

"He was arrested on Monday" in an article of 2019-12-04 happened on 2019-12-02. An event with
no date in its clause has none: the article's own date is when it was reported, not when it
happened.
"""

from __future__ import annotations

from kg.extract.anchors import Anchors
from kg.extract.dates import normalise_date
from kg.extract.event_arguments import trigger_clause
from kg.extract.event_join import EventMention
from kg.model import Span

__all__ = ["date_event"]


def date_event(found: EventMention, anchors: Anchors, reference: str | None) -> None:
    """The first date expression in the trigger's clause, normalised to ISO 8601."""
    words = {t.i for t in trigger_clause(found.trigger)}
    for ent in anchors.dates_in(found.trigger.sent):
        if not any(t.i in words for t in ent):
            continue
        value = normalise_date(ent.text, reference)
        if value is not None:
            found.date = value
            found.date_evidence = Span(ent.start_char, ent.end_char)
            return
