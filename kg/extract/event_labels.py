"""Event labels in words, from the type and the main arguments.

"Roman Seleznev arrested, Maldives" says more on a graph than "Justice.ArrestJailDetain".
The wording is data: `kg/data/event_labels.tsv` holds, per event type (and optionally per
subtype), the type in words and label patterns with role placeholders, most specific first.
The label is the first pattern whose placeholders all name entities, then the place, then
the factuality when the event is not asserted: "Ivan Petrov arrested (negated)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.model import EVENT_SUBTYPES, EVENT_TYPE_ROLES, EVENT_TYPES, FACTUALITIES, Event

__all__ = ["LabelRow", "LabelTableError", "check_row", "event_label", "label_rows"]

# "{Detainee}" is the first entity named in that role, "{Participant2}" the second.
_PLACEHOLDER = re.compile(r"\{([A-Za-z]+?)(2?)\}")


class LabelTableError(ValueError):
    """The label table, or an event given to it, is outside the closed event vocabulary."""


@dataclass(frozen=True)
class LabelRow:
    """How events of one type (or type and subtype) are put in words."""

    words: str  # the type in words, when no argument names an entity: "arrest"
    patterns: tuple[str, ...]  # most specific first: "{Detainee} arrested by {Jailer}"


def check_row(kind: str, subtype: str, row: LabelRow) -> None:
    """A row names a known type and subtype, and only roles that type has.

    "Justice.Arrest" or "{Victim}" in a row of Justice.ArrestJailDetain is a typo that would
    otherwise leave every such event labelled by its type alone.
    """
    if kind not in EVENT_TYPES:
        raise LabelTableError(f"event_labels.tsv: unknown event type {kind!r}")
    if subtype and subtype not in EVENT_SUBTYPES.get(kind, ()):
        raise LabelTableError(f"event_labels.tsv: {kind} has no subtype {subtype!r}")
    for pattern in row.patterns:
        for role, _ in _PLACEHOLDER.findall(pattern):
            if role not in EVENT_TYPE_ROLES[kind]:
                raise LabelTableError(f"event_labels.tsv: {kind} has no role {role!r}")
        if not _PLACEHOLDER.search(pattern):
            raise LabelTableError(f"event_labels.tsv: {pattern!r} names no role")


@cache
def label_rows() -> dict[tuple[str, str], LabelRow]:
    """(type, subtype or "") -> its row of kg/data/event_labels.tsv; every type has a row."""
    table = resources.files("kg.data").joinpath("event_labels.tsv").read_text(encoding="utf-8")
    rows: dict[tuple[str, str], LabelRow] = {}
    for line in table.splitlines()[1:]:
        kind, subtype, words, patterns = line.split("\t")
        row = LabelRow(words, tuple(patterns.split("|")) if patterns else ())
        check_row(kind, subtype, row)
        rows[(kind, subtype)] = row
    missing = [kind for kind in EVENT_TYPES if (kind, "") not in rows]
    if missing:
        raise LabelTableError(f"event_labels.tsv: no row for {', '.join(missing)}")
    return rows


def _row(event: Event) -> LabelRow:
    """The subtype's row where the table has one ("Contact.Contact" "Meet"), else the type's."""
    rows = label_rows()
    if (event.type, "") not in rows:
        raise LabelTableError(f"unknown event type {event.type!r}")
    if event.subtype and event.subtype not in EVENT_SUBTYPES.get(event.type, ()):
        raise LabelTableError(f"{event.type} has no subtype {event.subtype!r}")
    return rows.get((event.type, event.subtype or ""), rows[(event.type, "")])


def _named(event: Event, names: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Role -> (entity id, name) of each entity named in it, first named first.

    "the general" fills a role without naming an entity: it has no name to show.
    """
    named: dict[str, list[tuple[str, str]]] = {}
    for argument in event.arguments:
        if argument.entity is None:
            continue
        if argument.entity not in names:
            raise LabelTableError(f"event {event.id} names unknown entity {argument.entity!r}")
        found = named.setdefault(argument.role, [])
        if all(entity != argument.entity for entity, _ in found):
            found.append((argument.entity, names[argument.entity]))
    return named


def _fill(pattern: str, named: dict[str, list[tuple[str, str]]]) -> tuple[str, set[str]] | None:
    """The pattern with its placeholders named, and the entities it names; None when one is
    not named, or when two name one entity.

    "{Attacker} attacks {Target}" fits "Rebels attacked the army" only with both named;
    "{Participant} meets {Participant2}" needs two people.
    """
    slots = [(role, 1 if second else 0) for role, second in _PLACEHOLDER.findall(pattern)]
    if any(len(named.get(role, ())) <= index for role, index in slots):
        return None
    used = [named[role][index][0] for role, index in slots]
    if len(set(used)) < len(used):
        return None
    text = _PLACEHOLDER.sub(lambda m: named[m.group(1)][1 if m.group(2) else 0][1], pattern)
    return text, set(used)


def _with_place(text: str, used: set[str], named: dict[str, list[tuple[str, str]]]) -> str:
    """ "Roman Seleznev arrested, Maldives": the place follows, unless the label names it.

    "Roman Seleznev extradited to United States" with the United States also as Place gets no
    ", United States".
    """
    places = [name for entity, name in named.get("Place", []) if entity not in used]
    return f"{text}, {places[0]}" if places else text


def _with_factuality(text: str, factuality: str) -> str:
    """ "Ivan Petrov arrested (negated)": an event the article says did not (or may) happen is
    marked, in the vocabulary's own word; an asserted one is not."""
    if factuality not in FACTUALITIES:
        raise LabelTableError(f"unknown factuality {factuality!r}")
    return text if factuality == "asserted" else f"{text} ({factuality})"


def event_label(event: Event, names: dict[str, str]) -> str:
    """The event in words: "Roman Seleznev arrested, Maldives", "attack (hypothetical)".

    `names` maps the article's entity ids to their names. The first pattern of the event's
    row whose roles all name entities; with none, the type in words ("arrest").
    """
    row = _row(event)
    named = _named(event, names)
    for pattern in row.patterns:
        filled = _fill(pattern, named)
        if filled is not None:
            text, used = filled
            break
    else:
        text, used = row.words, set()
    return _with_factuality(_with_place(text, used, named), event.factuality)
