"""Across articles: a name and the longer name it stands for become one node.

After names and aliases have joined (kg.resolve), and the short names an article itself
joins to a longer one (kg.resolve.in_article), two more kinds of join run, never across
types:

- names that spell out alike are one name ("East L.A." / "East Los Angeles", "Ford Motor
  Co" / "Ford Motor Company", "U.N." / "United Nations"; kg/data/resolve_abbreviations.tsv),
  and so are names that differ only in punctuation ("St. Louis" / "St Louis");
- a short name that no article names beside the longer one joins it when the corpus links
  the two, a person or organisation named in articles of each:
  - an organisation's name and its only extension by a company form or kind of body
    ("Ford" / "Ford Motor Company", "General Motors" / "General Motors Corporation";
    kg/data/resolve_tails.tsv), where Britain's "Labour" and Hong Kong's "Labour Party"
    share no one and stay apart;
  - an abbreviated name and its only expansion ("M. Sears" / "Michael Sears");
  - an acronym and the only name of its type that spells it ("FBI" / "Federal Bureau of
    Investigation"), where "GM" of carmakers and the Globe and Mail share no one.

A short name two longer names fit ("Apple": Apple Inc., Apple Corps) joins neither; a common
word, country or city ("Bank", "Washington") extends nothing. Joins are decided on the groups
as they stand, then made, so the result does not depend on the order of articles or groups.
Two groups one article names are never joined here: what one article says is read by
kg.resolve.in_article, so that a build writing each article's triples before resolving
(kg.pipeline.spool, which resolves each article alone first) agrees with one resolving first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Protocol

from kg.model import Entity
from kg.resolve.names import (
    abbreviates,
    acronym_letters,
    initials_key,
    is_generic_name,
    is_tail,
    partly_abbreviated,
    slugify,
    spell_out_normalised,
    spelled_initials,
)
from kg.resolve.rules import AliasRules

__all__ = ["join_extensions"]

# Co-mentioned neighbours that say two names are one entity: people and organisations. Every
# article names a country or city, so sharing one says nothing.
_NEIGHBOUR_TYPES = frozenset({"Person", "Organization"})


class Groups(Protocol):
    """kg.resolve's union-find of groups (a protocol: that module imports this one)."""

    def find(self, key: str) -> str: ...

    def union(self, small: str, big: str, reason: str) -> None: ...


def _skipped(key: str, type_: str) -> bool:
    """Countries are one closed table and a user's rules are final: neither joins here."""
    return type_ == "Country" or key.startswith("rule:")


def _normalised(key: str) -> str:
    """The normalised name a group key ("Organization:ford motor co") holds."""
    return key.partition(":")[2]


def _join_spelled_out(
    groups: Groups, members: dict[str, list[Entity]], rules: AliasRules
) -> dict[str, str]:
    """Groups whose names spell out alike join: "East L.A." joins "East Los Angeles", and
    "St. Louis" "St Louis" (names compared as IRI slugs, kg.resolve.slugify: two groups
    of one slug would give a streamed build one node key for two nodes). Returns each
    group's spelled-out name (groups that may join only)."""
    forms: dict[str, str] = {}
    by_form: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(members):
        type_ = members[key][0].type
        if not _skipped(key, type_):
            forms[key] = spell_out_normalised(_normalised(key))
            by_form[(type_, slugify(forms[key]))].append(key)
            # as written too: "Fla" and "Fla." (Florida) have one slug
            written = {slugify(name) for name in {e.name for e in members[key]}}
            for slug in sorted(written - {slugify(forms[key])}):
                by_form[(type_, slug)].append(key)
    for keys in by_form.values():
        if len(keys) < 2:
            continue
        # The group already named as spelled out takes the others; else the first key.
        full = next((k for k in keys if _normalised(k) == forms[k]), keys[0])
        label = members[full][0].name
        for key in keys:
            if key == full or rules.forbids({_normalised(key)}, {_normalised(full)}):
                continue
            name = members[key][0].name
            if slugify(_normalised(key)) == slugify(_normalised(full)):
                why = f"{name!r} is {label!r} but for punctuation"
            else:
                why = f"{name!r} spells out as {label!r} (kg/data/resolve_abbreviations.tsv)"
            groups.union(key, full, why)
    return forms


@dataclass
class _Root:
    """A group of groups as union-find left it: its type and names."""

    type: str
    labels: dict[str, str] = field(default_factory=dict)  # as written -> spelled out
    group_of: dict[str, str] = field(default_factory=dict)  # as written -> its group
    names: set[str] = field(default_factory=set)  # normalised names, for the alias file


@dataclass
class _Evidence:
    """Where a group is named: its articles, and its neighbours in them."""

    articles: set[str] = field(default_factory=set)
    neighbours: set[str] = field(default_factory=set)  # roots of people and organisations


@dataclass(frozen=True)
class _Corpus:
    """The evidence of the groups that may join, and the roots they belong to."""

    evidence: dict[str, _Evidence]  # by group
    roots: dict[str, _Root]

    def of(self, root: str, label: str) -> _Evidence:
        """The evidence of the group of `root` named `label`."""
        return self.evidence[self.roots[root].group_of[label]]

    def neighbours(self, root: str) -> set[str]:
        """The people and organisations named in the articles of any group of `root`."""
        return {n for g in self.roots[root].group_of.values() for n in self.evidence[g].neighbours}

    def label(self, key: str) -> str:
        return min(self.roots[key].labels)


@dataclass(frozen=True)
class _Candidate:
    """A longer root a short root may stand for, and how."""

    root: str
    kind: str  # "tail", "extension", "abbreviation" or "acronym"
    short: str  # the short name as written
    long: str  # the long name as written
    extra: str = ""  # what the long name adds, spelled out (an extension)


def _roots(
    groups: Groups, members: dict[str, list[Entity]], forms: dict[str, str]
) -> dict[str, _Root]:
    """Every root of union-find that may join, with its names."""
    roots: dict[str, _Root] = {}
    for key, form in sorted(forms.items()):
        first = members[key][0]
        root_key = groups.find(key)
        if _skipped(root_key, first.type):
            continue
        root = roots.setdefault(root_key, _Root(first.type))
        root.labels[first.name] = form
        root.group_of[first.name] = key
        root.names.add(_normalised(key))
    return roots


_Index = Mapping[Hashable, list[tuple[str, str, str]]]  # key -> (root, long name, extra)


def _matches(
    roots: dict[str, _Root],
    index: _Index,
    key_of: Callable[[str, str, str], Hashable | None],
    kind: str,
    test: Callable[[str, str], bool],
) -> dict[str, list[_Candidate]]:
    """Each root's candidates of one kind: the entries of `index` under a label's key
    (`key_of(label, spelled, type)`) that pass `test(label, long)`. A label that a name of
    its own root passes stands resolved ("U.N." in one node with "United Nations")."""
    found: dict[str, list[_Candidate]] = defaultdict(list)
    for key, root in roots.items():
        for label, spelled in sorted(root.labels.items()):
            index_key = key_of(label, spelled, root.type)
            if index_key is None or index_key not in index:
                continue
            matches = [entry for entry in index[index_key] if test(label, entry[1])]
            if any(other == key for other, _, _ in matches):
                continue
            for other, long, extra in matches:
                found[key].append(_Candidate(other, kind, label, long, extra))
    return found


def _extension_candidates(roots: dict[str, _Root]) -> dict[str, list[_Candidate]]:
    """Organisations whose spelled-out name begins another's: "Ford" / "Ford Motor
    Company" ("tail": the words after it only say what kind of body it is), "Northrop" /
    "Northrop Grumman"."""
    by_prefix: dict[Hashable, list[tuple[str, str, str]]] = defaultdict(list)
    for key, root in roots.items():
        for label, spelled in sorted(root.labels.items()) if root.type == "Organization" else ():
            words = spelled.split()
            for size in range(1, len(words)):
                by_prefix[tuple(words[:size])].append((key, label, " ".join(words[size:])))

    def prefix(label: str, spelled: str, type_: str) -> tuple[str, ...] | None:
        words = tuple(spelled.split())
        if type_ != "Organization" or words not in by_prefix:
            return None
        return None if is_generic_name(label, type_) else words

    found = _matches(roots, by_prefix, prefix, "extension", lambda *_: True)
    for candidates in found.values():
        for index, c in enumerate(candidates):
            if is_tail(c.extra.split()):
                candidates[index] = replace(c, kind="tail")
    return found


def _abbreviation_candidates(roots: dict[str, _Root]) -> dict[str, list[_Candidate]]:
    """ "M. Sears" / "Michael Sears": a name with abbreviated words, and what it spells."""

    def key_of(label: str, _: str, type_: str) -> tuple[str, str] | None:
        return (type_, initials_key(label)) if partly_abbreviated(label) else None

    # Few names are abbreviated: only names of their types and first letters are indexed.
    wanted = {k for r in roots.values() for label in r.labels if (k := key_of(label, "", r.type))}
    firsts = {(type_, letters[:1]) for type_, letters in wanted}
    by_key: dict[Hashable, list[tuple[str, str, str]]] = defaultdict(list)
    for key, root in roots.items():
        for label in sorted(root.labels):
            if (root.type, label[:1].upper()) in firsts:
                by_key[(root.type, initials_key(label))].append((key, label, ""))

    def test(label: str, long: str) -> bool:
        return abbreviates(label.split(), long.split())

    return _matches(roots, by_key, key_of, "abbreviation", test)


def _acronym_candidates(roots: dict[str, _Root]) -> dict[str, list[_Candidate]]:
    """ "FBI" / "Federal Bureau of Investigation": the names of the type that spell it."""

    # the letters and initials kg.resolve.in_article and the report use: "GM Europe" spells
    # no "GE", "U.N." is "UN"
    def key_of(label: str, _: str, type_: str) -> tuple[str, str] | None:
        letters = acronym_letters(label)
        return (type_, letters) if letters else None

    wanted = {k for r in roots.values() for label in r.labels if (k := key_of(label, "", r.type))}
    firsts = {(type_, letters[:1]) for type_, letters in wanted}
    by_initials: dict[Hashable, list[tuple[str, str, str]]] = defaultdict(list)
    for key, root in roots.items():
        for label in sorted(root.labels):
            if (root.type, label[:1]) in firsts and (spelled := spelled_initials(label)):
                by_initials[(root.type, spelled)].append((key, label, ""))
    return _matches(roots, by_initials, key_of, "acronym", lambda *_: True)


def _evidence(
    placed: Iterable[tuple[str, Entity, str]],
    groups: Groups,
    wanted: set[str],
    types: dict[str, str],
) -> dict[str, _Evidence]:
    """Articles and neighbours of the groups in `wanted`, in one reading of the entities
    (in article order, as kg.resolve places them)."""
    evidence: dict[str, _Evidence] = {key: _Evidence() for key in wanted}
    for article_id, entries in groupby(placed, key=lambda entry: entry[0]):
        keys = {key for _, _, key in entries}
        roots = {groups.find(key) for key in keys}
        people = {root for root in roots if types.get(root) in _NEIGHBOUR_TYPES}
        for key in wanted & keys:
            evidence[key].articles.add(article_id)
            evidence[key].neighbours |= people
    return evidence


def _linked(corpus: _Corpus, short: str, c: _Candidate) -> str | None:
    """Why the group of root `short` named `c.short` is the one of `c.root` named `c.long`:
    a person or organisation named in articles of each; None when none is, or when an
    article names both, which kg.resolve.in_article reads (an article alone never joins
    here, so a build that resolves each article alone first agrees)."""
    if corpus.of(short, c.short).articles & corpus.of(c.root, c.long).articles:
        return None
    shared = corpus.neighbours(short) & corpus.neighbours(c.root)
    common = sorted(corpus.label(k) for k in shared - {short, c.root})
    if not common:
        return None
    more = f" and {len(common) - 2} more" if len(common) > 2 else ""
    return f"articles naming each also name {', '.join(map(repr, common[:2]))}{more}"


def _single(candidates: list[_Candidate], kind: str) -> list[_Candidate]:
    """The candidates of one kind, one per root."""
    return list({c.root: c for c in candidates if c.kind == kind}.values())


def _minimal_tails(tails: list[_Candidate]) -> list[_Candidate]:
    """ "Ford Motor" beside "Ford Motor Company": the shortest; the longer joins it itself."""

    def extends(long: _Candidate, short: _Candidate) -> bool:
        words, base = long.extra.split(), short.extra.split()
        return len(words) > len(base) and words[: len(base)] == base

    return [c for c in tails if not any(extends(c, o) for o in tails if o.root != c.root)]


def _by_tail(key: str, tails: list[_Candidate], corpus: _Corpus) -> tuple[str, str] | None:
    """ "Ford" joins "Ford Motor Company" when linked."""
    [c] = tails
    link = _linked(corpus, key, c)
    if link is None:
        return None
    written = c.long.casefold().startswith(c.short.casefold() + " ")
    extra = c.long[len(c.short) + 1 :] if written else c.extra  # "Co" spelled "company"
    return c.root, f"{c.short!r} is {c.long!r} without its {extra!r}, its only such name; {link}"


def _decide(key: str, candidates: list[_Candidate], corpus: _Corpus) -> tuple[str, str] | None:
    """The root `key` joins and why, or None: see the module's docstring for the rules."""
    tails = _minimal_tails(_single(candidates, "tail"))
    if len(tails) > 1:
        return None  # "Apple": Apple Inc. or Apple Corps
    if tails:
        return _by_tail(key, tails, corpus)
    if _single(candidates, "extension"):
        return None  # "Northrop" / "Northrop Grumman": only an article names them as one
    for kind, how in (("abbreviation", "abbreviates"), ("acronym", "is the acronym of")):
        found = _single(candidates, kind)
        if len(found) > 1:
            return None
        if found:
            c = found[0]
            link = _linked(corpus, key, c)
            return (
                (c.root, f"{c.short!r} {how} {c.long!r}, its only expansion; {link}")
                if link
                else None
            )
    return None


def join_extensions(
    groups: Groups,
    members: dict[str, list[Entity]],
    placed: Sequence[tuple[str, Entity, str]],
    rules: AliasRules,
) -> None:
    """Join names that spell out alike, then each short name to the longer name it stands
    for (the module's docstring)."""
    roots = _roots(groups, members, _join_spelled_out(groups, members, rules))
    if len({article_id for article_id, _, _ in placed}) < 2:
        return  # every join below needs two articles (_linked): the spool resolves each alone
    candidates: dict[str, list[_Candidate]] = defaultdict(list)
    for find in (_extension_candidates, _abbreviation_candidates, _acronym_candidates):
        for key, found in find(roots).items():
            candidates[key].extend(found)
    if not candidates:
        return
    ends = set(candidates) | {c.root for found in candidates.values() for c in found}
    wanted = {group for root in ends for group in roots[root].group_of.values()}
    types = {key: root.type for key, root in roots.items()}
    corpus = _Corpus(_evidence(placed, groups, wanted, types), roots)
    joins = []
    for key in sorted(candidates):
        decided = _decide(key, candidates[key], corpus)
        if decided and not rules.forbids(roots[key].names, roots[decided[0]].names):
            joins.append((key, *decided))
    for key, other, reason in joins:
        groups.union(key, other, reason)
