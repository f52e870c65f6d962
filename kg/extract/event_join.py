"""Mentions of one event in an article joined into one Event.

"He was arrested on Monday ... the arrest came after ..." are one arrest: same type and no
conflicting patient, date or place. Attacks, deaths and injuries join only on a shared victim
or place, since one article often reports several.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.anchors import Anchors
from kg.model import EVENT_ROLES, Event, EventArgument, Span

__all__ = ["EventMention", "join_mentions"]


@dataclass
class EventMention:
    """One trigger and what was read around it; mentions of one event become one Event."""

    type: str
    subtype: str | None
    trigger: Token
    arguments: list[EventArgument] = field(default_factory=list)
    date: str | None = None
    date_evidence: Span | None = None
    factuality: str = "asserted"

    def role(self, name: str) -> set[str | None]:
        return {a.entity for a in self.arguments if a.role == name and a.entity}


_JOIN_ON_VICTIM_OR_PLACE = frozenset({"Conflict.Attack", "Life.Die", "Life.Injure"})


def _covers(sets: list[set[int]], needed: int) -> bool:
    """Whether the sets of member indexes hold `needed` members between them."""
    return any(len(one) >= needed for one in sets) or len(set().union(*sets)) >= needed


class _Group:
    """Mentions of one event, with what joining reads of them summed up.

    A mention joins a group when it is compatible with every member: same type, no clash of
    patient, date or place; attacks, deaths and injuries must share a victim or place with
    each. Checking it member by member made an article's events quadratic (an article
    repeating one event 1,200 times: 1.9 s), so the group keeps its dates and, per role,
    which members hold each entity.
    """

    def __init__(self, first: EventMention) -> None:
        self.type = first.type
        self.factuality = first.factuality
        self.patient = EVENT_ROLES.get(first.type, ("", "Participant"))[1]
        self.members: list[EventMention] = []
        self.dates: set[str] = set()
        self.holders: dict[str, dict[str, set[int]]] = {self.patient: {}, "Place": {}}
        self.with_role = dict.fromkeys(self.holders, 0)  # members holding the role at all
        self.add(first)

    def add(self, mention: EventMention) -> None:
        index = len(self.members)
        self.members.append(mention)
        if mention.date:
            self.dates.add(mention.date)
        for role, holders in self.holders.items():
            entities = mention.role(role)
            self.with_role[role] += bool(entities)
            for entity in entities:
                holders.setdefault(entity, set()).add(index)

    def _holding(self, role: str, entities: set[str | None]) -> list[set[int]]:
        return [self.holders[role].get(entity, set()) for entity in entities]  # type: ignore[arg-type]

    def accepts(self, mention: EventMention) -> bool:
        if mention.type != self.type or mention.factuality != self.factuality:
            return False
        if mention.date and self.dates - {mention.date}:
            return False
        for role in self.holders:
            entities = mention.role(role)
            if entities and not _covers(self._holding(role, entities), self.with_role[role]):
                return False
        if self.type in _JOIN_ON_VICTIM_OR_PLACE:
            # many attacks are reported in one article: join only on a shared victim or place
            shared = self._holding(self.patient, mention.role(self.patient))
            shared += self._holding("Place", mention.role("Place"))
            return _covers(shared, len(self.members))
        return True


def join_mentions(found: list[EventMention], anchors: Anchors) -> list[Event]:
    joined: list[_Group] = []
    for mention in found:
        for group in joined:
            if group.accepts(mention):
                group.add(mention)
                break
        else:
            joined.append(_Group(mention))
    groups = [group.members for group in joined]
    events = []
    for index, group in enumerate(groups):
        arguments: dict[tuple[str, str | None, int, int], EventArgument] = {}
        for mention in group:
            for argument in mention.arguments:
                key = (
                    argument.role,
                    argument.entity,
                    argument.evidence.start,
                    argument.evidence.end,
                )
                arguments.setdefault(key, argument)
        dated = next((m for m in group if m.date), None)
        events.append(
            Event(
                id=f"v{index}",
                type=group[0].type,
                subtype=group[0].subtype,
                triggers=tuple(
                    Span(m.trigger.idx, m.trigger.idx + len(m.trigger.text)) for m in group
                ),
                sentences=tuple(sorted({anchors.sentence_of(m.trigger.idx) for m in group})),
                arguments=tuple(
                    sorted(arguments.values(), key=lambda a: (a.evidence.start, a.role))
                ),
                date=dated.date if dated else None,
                date_evidence=dated.date_evidence if dated else None,
                confidence=0.7 if len(group) == 1 else 0.8,
                extractor="events.trigger_lexicon",
                factuality=group[0].factuality,
            )
        )
    return events
