"""Event labels in words, from the type and the main arguments.

"Roman Seleznev arrested, Maldives" says more on a graph than "Justice.ArrestJailDetain".
"""

from __future__ import annotations

from kg.model import EVENT_ROLES, Event

__all__ = ["event_label"]


def event_label(event: Event, names: dict[str, str]) -> str:
    """The event's type in words after its patient's name, when it names an entity.

    `names` maps the article's entity ids to their names.
    """
    words = event.type.split(".")[1]
    patient = EVENT_ROLES.get(event.type, ("", "Participant"))[1]
    who = next(
        (names[a.entity] for a in event.arguments if a.role == patient and a.entity in names),
        None,
    )
    return f"{who}: {words}" if who else words
