"""Within one article: a name joins the one longer name of the same article it stands for.

Extraction already joins many short forms to their full names within an article; what it
leaves apart as two entities of one article, resolution joins here when that article alone
says they are one, never across types:

- an organisation's name and the same name with a company form or kind of body after it
  ("U.S. Treasury" / "U.S. Treasury Department", "AirTanker" / "AirTanker Ltd.";
  kg/data/resolve_tails.tsv);
- an organisation's name and the longer name that begins with it and is named first
  ("Northrop Grumman ... Northrop"), unless the words it adds make it another thing: a
  branch named by a place ("Ford Australia", "EADS North America"; "Evergreen Aviation &
  Space Museum of McMinnville" is the museum), a kind of body ("BBC News") or of thing
  (kg/data/resolve_other_kinds.tsv: "Trust Fund Bureau Law"); Google named before its
  "Google Science Fair" stays apart too;
- a name with abbreviated words and its expansion ("M. Sears" / "Michael Sears"; "Minn."
  alone is spelled out by kg/data/resolve_abbreviations.tsv only, never Minnetonka);
- an acronym and the name that spells it, named first ("Supreme Court ... SC").

The short name must fit exactly one entity of the article: "Apple" in an article naming
Apple Corps and Apple Computer joins neither. A common word, country or city ("Bank",
"Washington") extends nothing. The decision reads the article alone, so a build that writes
each article's triples before resolving (kg.pipeline.spool) and a build that resolves first
agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Entity
from kg.resolve.names import (
    abbreviates,
    acronym_letters,
    generic_words,
    is_abbreviated,
    is_generic_name,
    is_tail,
    names_place,
    normalised_name,
    other_kinds,
    partly_abbreviated,
    spelled_initials,
    spelled_out,
)
from kg.resolve.rules import AliasRules

__all__ = ["article_joins"]


@dataclass(frozen=True)
class _Fit:
    """A longer entity of the article a short one may stand for, and how."""

    entity: Entity
    kind: str  # "tail", "extension", "abbreviation" or "acronym"
    extra: str = ""  # what the longer name adds, as written or spelled out


def _first(entity: Entity) -> int:
    """Where the article first names the entity."""
    return min((m.start for m in entity.mentions), default=0)


class _Names:
    """The organisations of one article by the spelled-out words their names begin with."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.words: dict[str, tuple[str, ...]] = {}
        self.by_prefix: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
        for entity in entities:
            if entity.type == "Organization":
                words = self.words[entity.id] = tuple(spelled_out(entity.name).split())
                for size in range(1, len(words)):
                    self.by_prefix[words[:size]].append(entity)

    def extensions(self, short: Entity) -> list[_Fit]:
        """ "Northrop Grumman" of "Northrop", "U.S. Treasury Department" of "U.S. Treasury"."""
        words = self.words.get(short.id, ())
        longer = self.by_prefix.get(words, [])
        if not longer or is_generic_name(short.name, short.type):
            return []
        fits = []
        for other in longer:
            extra = self.words[other.id][len(words) :]
            written = other.name.casefold().startswith(short.name.casefold() + " ")
            text = other.name[len(short.name) + 1 :] if written else " ".join(extra)
            fits.append(_Fit(other, "tail" if is_tail(extra) else "extension", text))
        return fits


def _fits(short: Entity, entities: Sequence[Entity], names: _Names) -> list[_Fit]:
    """The entities of the article `short` may stand for."""
    fits = names.extensions(short)
    letters = acronym_letters(short.name)
    if not (letters or partly_abbreviated(short.name)):
        return fits
    tokens = short.name.split()
    # "Sears" of "M. Sears" is in every expansion: a cheap test before `abbreviates`
    plain = {t.casefold() for t in tokens if not is_abbreviated(t)}
    for other in entities:
        words = other.name.split()
        if other is short or other.type != short.type or len(words) < 2:
            continue
        if letters and spelled_initials(other.name) == letters:
            fits.append(_Fit(other, "acronym"))
        elif not letters and plain <= {w.casefold() for w in words} and abbreviates(tokens, words):
            fits.append(_Fit(other, "abbreviation"))
    return fits


def _other_thing(extra: str) -> bool:
    """The words a longer name adds make it another thing: a branch named by a place ("Ford
    Australia"; "Museum of McMinnville" is the museum), a kind of body ("BBC News", "Boeing
    Executive") or of thing ("Trust Fund Bureau Law")."""
    words = extra.split()
    if words[0].casefold() not in ("of", "in") and names_place(words):
        return True
    spelled = spelled_out(extra).split() or [""]
    last = spelled[-1]
    if last in generic_words() and not is_tail([last]):
        return True
    return any(word in other_kinds() for word in spelled)


def _reason(short: Entity, fit: _Fit) -> str | None:
    """Why `short` joins the one entity it fits, or None when the article does not say."""
    long, before = fit.entity.name, _first(fit.entity) < _first(short)
    if fit.kind == "tail":
        return f"{short.name!r} is {long!r} without its {fit.extra!r}, in the same article"
    if fit.kind == "abbreviation":
        return f"{short.name!r} abbreviates {long!r}, in the same article"
    if not before:
        return None
    if fit.kind == "extension":
        if _other_thing(fit.extra):
            return None
        return f"{short.name!r} is short for {long!r}, which the same article names first"
    return f"{short.name!r} is the acronym of {long!r}, which the same article names first"


def article_joins(entities: Sequence[Entity], rules: AliasRules) -> dict[str, tuple[Entity, str]]:
    """Entity id -> the entity of the same article it joins, and why (the module's
    docstring); an entity the user's alias file places stays where the file puts it."""
    joins: dict[str, tuple[Entity, str]] = {}
    shapes = _Names(entities)
    for short in entities:
        if short.type == "Country" or rules.forced(short.name, short.type) is not None:
            continue
        fits = _fits(short, entities, shapes)
        if len({id(fit.entity) for fit in fits}) != 1:
            continue
        why = _reason(short, fits[0])
        names = {normalised_name(short.name)}, {normalised_name(fits[0].entity.name)}
        if why is not None and not rules.forbids(*names):
            joins[short.id] = (fits[0].entity, why)
    # "Ford" -> "Ford Motor" -> "Ford Motor Company" cannot happen (Ford fits both), but an
    # abbreviation of an extension can: follow each chain to its end, at most once round.
    for entity_id, (target, why) in list(joins.items()):
        seen = {entity_id}
        while target.id in joins and target.id not in seen:
            seen.add(target.id)
            target = joins[target.id][0]
        joins[entity_id] = (target, why)
    return joins
