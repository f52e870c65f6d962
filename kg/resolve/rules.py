"""A user's own merge rules: force a merge, forbid one, pin a Wikidata id.

# aliases.toml
[[same]]                      # one node, whatever the names say
names = ["Angela Merkel", "Mutti"]
type = "Person"               # optional: only entities of this type
wikidata = "Q567"             # optional: owl:sameAs wd:Q567

[[distinct]]                  # never one node
names = ["George Bush", "George W. Bush"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.model import ENTITY_TYPES
from kg.resolve.names import normalised_name

_QID = re.compile(r"^Q[1-9][0-9]*$")


class AliasFileError(Exception):
    """The alias file could not be read or breaks its format."""


@dataclass(frozen=True)
class SameEntity:
    names: frozenset[str]  # normalised names
    type: str | None = None
    wikidata: str | None = None
    label: str = ""  # the first name as the user wrote it


@dataclass(frozen=True)
class AliasRules:
    same: tuple[SameEntity, ...] = ()
    distinct: tuple[frozenset[str], ...] = ()  # sets of normalised names
    source: str = ""

    def forced(self, name: str, type_: str) -> int | None:
        """Index of the `same` rule an entity of this name and type falls under."""
        if not self.same:
            return None
        key = normalised_name(name)
        for index, rule in enumerate(self.same):
            if key in rule.names and rule.type in (None, type_):
                return index
        return None

    def forbids(self, names_a: set[str], names_b: set[str]) -> bool:
        """True when a `distinct` rule separates a name of one side from one of the other."""
        return any(
            (names_a & rule) and (names_b & rule) and not (names_a & names_b & rule)
            for rule in self.distinct
        )


NO_RULES = AliasRules()


def _names(entry: dict, where: str) -> list[str]:
    names = entry.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise AliasFileError(f"{where}: `names` must be a non-empty list of strings")
    return names


def load_alias_rules(path: str | Path) -> AliasRules:
    """Read a TOML alias file (format in this module's docstring)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AliasFileError(f"{path}: cannot read ({error.strerror or error})") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AliasFileError(f"{path}: not valid TOML ({error})") from error
    unknown = set(data) - {"same", "distinct"}
    if unknown:
        raise AliasFileError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
    same = []
    for number, entry in enumerate(data.get("same", []), start=1):
        where = f"{path}: [[same]] #{number}"
        names = _names(entry, where)
        type_ = entry.get("type")
        if type_ is not None and type_ not in ENTITY_TYPES:
            raise AliasFileError(f"{where}: type must be one of {', '.join(ENTITY_TYPES)}")
        wikidata = entry.get("wikidata")
        if wikidata is not None and not (isinstance(wikidata, str) and _QID.match(wikidata)):
            raise AliasFileError(f"{where}: wikidata must look like Q42, not {wikidata!r}")
        same.append(
            SameEntity(frozenset(normalised_name(n) for n in names), type_, wikidata, names[0])
        )
    distinct = []
    for number, entry in enumerate(data.get("distinct", []), start=1):
        names = _names(entry, f"{path}: [[distinct]] #{number}")
        distinct.append(frozenset(normalised_name(n) for n in names))
    return AliasRules(tuple(same), tuple(distinct), str(path))


def rules_to_json(rules: AliasRules) -> dict[str, list]:
    """The rules as JSON-ready lists (what a build records, so `kg export --from` can resolve
    its facts as the build did); `rules_from_json` reads them back."""
    return {
        "same": [[sorted(r.names), r.type, r.wikidata, r.label] for r in rules.same],
        "distinct": [sorted(names) for names in rules.distinct],
    }


def rules_from_json(data: dict[str, list]) -> AliasRules:
    """The inverse of `rules_to_json`."""
    same = tuple(
        SameEntity(frozenset(names), type_, wikidata, label)
        for names, type_, wikidata, label in data["same"]
    )
    return AliasRules(same, tuple(frozenset(names) for names in data["distinct"]))


__all__ = [
    "NO_RULES",
    "AliasFileError",
    "AliasRules",
    "SameEntity",
    "load_alias_rules",
    "rules_from_json",
    "rules_to_json",
]
