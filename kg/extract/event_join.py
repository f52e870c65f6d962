"""Mentions of one event in an article joined into one Event.

"He was arrested on Monday ... the arrest came after ..." are one arrest: same type and
factuality, and no clash of patient, date, place, origin or destination. Attacks, deaths and
injuries join only on a shared victim or place, since one article often reports several;
"traveled ... returned" are two journeys, not one. Joining gives an undated mention the date
of a dated one, so where only one side is dated they join only on a sign of one event: a
participant they share, or a bare "the arrest" pointing back ("The request was made in 2010
... Requests have come from Bogliasco" are two).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import EVENT_ROLES, EVENT_TYPE_ROLES, Event, EventArgument, Span

# spaCy only for type checking: kg.resolve.events reads `compatible_dates` after extraction,
# where nothing else loads spaCy (a third of a second).
if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.anchors import Anchors

__all__ = ["EventMention", "compatible_dates", "join_mentions"]


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
    # a time of its own that gives no date ("One year later he was fired"): never another
    # mention's date
    timed: bool = False
    # the date its tense gives ("has announced": kg.extract.tense_dates), the event's only
    # when none of its mentions has a date of its own
    tense_date: tuple[str, Span] | None = None

    def role(self, name: str) -> set[str | None]:
        return {a.entity for a in self.arguments if a.role == name and a.entity}


_JOIN_ON_VICTIM_OR_PLACE = frozenset({"Conflict.Attack", "Life.Die", "Life.Injure"})
# Roles that say where, not who: a shared place is no sign of one event when only one mention
# is dated ("arrested in Moscow on Monday ... arrested in Moscow").
_WHERE = frozenset({"Place", "Origin", "Destination"})
# Determiners that point back at an event told before: "the arrest", "this attack", "its sale".
_DEFINITE = frozenset("the this that these those its his her their".split())
# Roles whose holders must agree across the mentions of one event (beside the patient); a
# journey is also its traveller's: "Montalvo traveled ... officials went" are two.
_AGREEING_ROLES = ("Place", "Origin", "Destination")
_AGREEING_BY_TYPE = {"Movement.Transportation": ("Transporter",)}
# A journey back is another journey than the one out: "traveled to Florida ... returned".
_RETURN_LEMMAS = frozenset({"return"})


def compatible_dates(one: str | None, other: str | None) -> bool:
    """Whether two ISO dates can be one event's: equal, one missing, or one a prefix of the
    other ("2019" and "2019-12-04"; not "2019-11" and "2019-12-04")."""
    if not one or not other:
        return True
    return one.startswith(other) or other.startswith(one)


def _direction(mention: EventMention) -> str:
    """ "back" for a movement that returns ("He returned to Florida", "after traveling back
    from Florida"), else "out" ("He traveled to Florida")."""
    if mention.type != "Movement.Transportation":
        return ""
    from kg.extract.anchors import lemma  # see the imports: anchors loads spaCy

    trigger = mention.trigger
    if lemma(trigger, _RETURN_LEMMAS) in _RETURN_LEMMAS:
        return "back"
    return "back" if any(child.lower_ == "back" for child in trigger.children) else "out"


def _participants(mention: EventMention) -> set[str]:
    """The entities the mention names in roles other than where it happened."""
    return {a.entity for a in mention.arguments if a.entity and a.role not in _WHERE}


def _anaphoric(mention: EventMention) -> bool:
    """A definite noun with nothing of its own, that can only point back at an event told
    before: "the arrest", "the attack"; not "a donation", "further requests", "the purchase
    of the factory"."""
    trigger = mention.trigger
    if trigger.pos_ != "NOUN" or mention.arguments or trigger.tag_ == "NNS":
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in trigger.children)


def _covers(sets: list[set[int]], needed: int) -> bool:
    """Whether the sets of member indexes hold `needed` members between them."""
    return any(len(one) >= needed for one in sets) or len(set().union(*sets)) >= needed


class _Group:
    """Mentions of one event, with what joining reads of them summed up.

    A mention joins a group when it is compatible with every member: same type, factuality
    and direction of movement, no clash of patient, date, place, origin or destination;
    attacks, deaths and injuries must share a victim or place with each. Checking it member
    by member made an article's events quadratic (an article repeating one event 1,200
    times: 1.9 s), so the group keeps its most precise date and, per role, which members
    hold each entity.
    """

    def __init__(self, first: EventMention) -> None:
        self.type = first.type
        self.factuality = first.factuality
        self.direction = _direction(first)
        self.patient = EVENT_ROLES.get(first.type, ("", "Participant"))[1]
        self.members: list[EventMention] = []
        self.dated: EventMention | None = None  # the member with the most precise date
        self.timed = False  # whether a member has a time that gives no date
        self.named: dict[str, set[int]] = {}  # participant entity -> members naming it
        self.anaphoric: set[int] = set()  # members that only point back ("the arrest")
        roles = EVENT_TYPE_ROLES.get(first.type, ())
        agreeing = (*_AGREEING_ROLES, *_AGREEING_BY_TYPE.get(first.type, ()))
        kept = (self.patient, *(role for role in agreeing if role in roles))
        self.holders: dict[str, dict[str, set[int]]] = {role: {} for role in kept}
        self.with_role = dict.fromkeys(self.holders, 0)  # members holding the role at all
        self.add(first)

    def add(self, mention: EventMention) -> None:
        index = len(self.members)
        self.members.append(mention)
        if mention.date and (self.dated is None or len(mention.date) > len(self.dated.date or "")):
            self.dated = mention
        self.timed = self.timed or mention.timed
        for entity in _participants(mention):
            self.named.setdefault(entity, set()).add(index)
        if _anaphoric(mention):
            self.anaphoric.add(index)
        for role, holders in self.holders.items():
            entities = mention.role(role)
            self.with_role[role] += bool(entities)
            for entity in entities:
                holders.setdefault(entity, set()).add(index)  # type: ignore[arg-type]

    def _holding(self, role: str, entities: set[str | None]) -> list[set[int]]:
        return [self.holders[role].get(entity, set()) for entity in entities]  # type: ignore[arg-type]

    def _crosses(self, mention: EventMention) -> bool:
        """Whether the mention's origin is the group's destination or the other way round
        ("traveled from Florida ..." and "... returned to Florida" are two journeys), or
        they name places and none in common ("travel back to California ... traveling back
        from Florida")."""
        if "Origin" not in self.holders or "Destination" not in self.holders:
            return False
        if mention.role("Origin") & self.holders["Destination"].keys():
            return True
        if mention.role("Destination") & self.holders["Origin"].keys():
            return True
        places = set().union(*(mention.role(role) for role in _AGREEING_ROLES))
        known = set().union(*(self.holders[role].keys() for role in _AGREEING_ROLES))
        return bool(places and known and not places & known)

    def accepts(self, mention: EventMention) -> bool:
        if mention.type != self.type or mention.factuality != self.factuality:
            return False
        if _direction(mention) != self.direction or self._crosses(mention):
            return False
        if not compatible_dates(mention.date, self.dated.date if self.dated else None):
            return False
        if not self._may_share_date(mention):
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

    def _may_share_date(self, mention: EventMention) -> bool:
        """Where only one side is dated, joining gives the other its date, so it needs a sign
        that they are one event: the mention names a participant of every member, or the
        undated side only points back ("He was arrested on Monday ... the arrest"). A time that
        gives no date keeps a mention from any date ("On August 24, Jobs resigned ... One
        year later he was fired")."""
        if (mention.date is None) == (self.dated is None):
            return True
        if mention.timed if mention.date is None else self.timed:
            return False
        if mention.date is None and _anaphoric(mention):
            return True
        covered = set(self.anaphoric)
        for entity in _participants(mention):
            covered |= self.named.get(entity, set())
        return len(covered) == len(self.members)

    def _date(self) -> tuple[str | None, Span | None] | None:
        """The most precise date a mention's words give, else the first a mention's tense
        gives: "The site is being attacked ... the attack on Friday" is Friday's attack."""
        if self.dated is not None:
            return self.dated.date, self.dated.date_evidence
        if self.factuality != "asserted":
            return None
        return next((m.tense_date for m in self.members if m.tense_date), None)

    def event(self, index: int, anchors: Anchors) -> Event:
        """The group as the article's `index`-th Event."""
        members = self.members
        arguments: dict[tuple[str, str | None, int, int], EventArgument] = {}
        for mention in members:
            for argument in mention.arguments:
                span = argument.evidence
                key = (argument.role, argument.entity, span.start, span.end)
                arguments.setdefault(key, argument)
        date = self._date()
        return Event(
            id=f"v{index}",
            type=self.type,
            # "the attack ... the explosion": the attack is one that exploded
            subtype=next((m.subtype for m in members if m.subtype), None),
            triggers=tuple(
                Span(m.trigger.idx, m.trigger.idx + len(m.trigger.text)) for m in members
            ),
            sentences=tuple(sorted({anchors.sentence_of(m.trigger.idx) for m in members})),
            arguments=tuple(sorted(arguments.values(), key=lambda a: (a.evidence.start, a.role))),
            date=date[0] if date else None,
            date_evidence=date[1] if date else None,
            confidence=0.7 if len(members) == 1 else 0.8,
            extractor="events.trigger_lexicon",
            factuality=self.factuality,
        )


def join_mentions(found: list[EventMention], anchors: Anchors) -> list[Event]:
    """The events of an article's mentions, in order of their first mention: each mention
    joins the first group that accepts it ("arrested ... the arrest" are one arrest), or
    starts one ("arrested Smith ... arrested Jones" are two)."""
    joined: list[_Group] = []
    for mention in found:
        for group in joined:
            if group.accepts(mention):
                group.add(mention)
                break
        else:
            joined.append(_Group(mention))
    return [group.event(index, anchors) for index, group in enumerate(joined)]
