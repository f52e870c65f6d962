"""Whether a trigger tells what is usual rather than one occurrence of an event.

"Apple's iTunes Music Store, which sells digital music" and "Indonesian airlines that buy
the plane" name no sale that took place: a relative clause in the simple present says what
its noun habitually does. Such a trigger makes no event. The simple present of a main clause
is left alone (headlines and captions tell what happened in it: "Aeroflot negotiates
purchase"), as are the past ("the store, which sold the tickets") and the progressive ("the
troops who are attacking the town").
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["habitual"]

_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def habitual(trigger: Token) -> bool:
    """Whether the verb tells, in a relative clause in the simple present, what its noun
    usually does: "the store, which sells music" (not "which sold", "which is selling")."""
    clause = trigger
    while clause.dep_ == "conj" and clause.head.pos_ == "VERB":
        clause = clause.head  # "which makes and sells phones"
    if clause.dep_ != "relcl" or trigger.pos_ != "VERB":
        return False
    helpers = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if clause is not trigger:
        helpers += [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return trigger.tag_ in _PRESENT_TAGS and not helpers
