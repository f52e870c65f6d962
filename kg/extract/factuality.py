"""Factuality: whether the article reports an event as happened, not happened, or possible.

"Police did not arrest him" is a negated arrest; "he may visit" a hypothetical visit. The
closed set of values is kg.model.FACTUALITIES.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["factuality_of"]


def factuality_of(trigger: Token) -> str:
    """ "asserted", "negated" or "hypothetical" for the event a trigger word names.

    "Police did not arrest him": the verb has a negation of its own -> "negated".
    """
    if any(child.dep_ == "neg" for child in trigger.children):
        return "negated"
    return "asserted"
