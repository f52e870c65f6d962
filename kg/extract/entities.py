"""Group an article's mentions into entities, one type per entity.

The article is the unit of truth (DESIGN.md): a surname joins the full name it abbreviates,
a head noun ("Embassy") joins the one organisation it ends, an acronym joins the name it
abbreviates, every alias of a country joins that country, and the entity's type is decided by
all its mentions together rather than by spaCy's label on each.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kg.extract.countries import Country
from kg.extract.mentions import Candidate, closing_credit, dateline_byline
from kg.extract.orgs import CLUB_MARKERS, COMPANY_SUFFIXES, initials, looks_like_org
from kg.extract.places import lookup_city
from kg.extract.roles import ROLE_SYNONYMS, role_head
from kg.model import Entity, Mention

# When votes tie, the more specific reading wins.
_TYPE_PRIORITY = {"Country": 0, "Person": 1, "Organization": 2, "Place": 3}


@dataclass
class _Cluster:
    """Mutable working state for one entity while mentions are grouped."""

    mentions: list[Candidate] = field(default_factory=list)
    country: Country | None = None
    merged_into: _Cluster | None = None

    def root(self) -> _Cluster:
        cluster = self
        while cluster.merged_into is not None:
            cluster = cluster.merged_into
        return cluster

    def absorb(self, other: _Cluster) -> None:
        other = other.root()
        if other is self:
            return
        self.mentions.extend(other.mentions)
        other.mentions = []
        other.merged_into = self

    def type_votes(self) -> Counter[str]:
        votes: Counter[str] = Counter()
        # Words of the full names spaCy read as a person ("Jeff Tarango"): a one-word
        # mention that is one of them is a short form of that person, whatever spaCy
        # labelled it on its own (it reads "Tarango said" as an organisation half the time).
        # A place label stands ("Zermatt" in "Air Zermatt" is the village).
        person_words = {
            word
            for m in self.mentions
            if m.label == "PERSON" and m.type == "Person" and _name_shaped(m.text)
            for word in m.text.split()
        }
        for mention in self.mentions:
            # A full name counts double: "Roman Seleznev" is better evidence than "Seleznev".
            weight = 2 if len(mention.text.split()) > 1 else 1
            # A word of a person's name that the text calls an organisation keeps its own
            # type: "Lockheed [Martin], Boeing's rival" names a company.
            short_form = (
                all(word in person_words for word in mention.text.split())
                and mention.label in {"PERSON", "ORG"}
                and not mention.org_cue
            )
            type_ = "Person" if short_form else mention.type
            votes[type_] += weight
            # A title or an appositive role ("Ambassador X", "X, the president") marks a
            # person more surely than spaCy's label.
            if mention.honorific or mention.role:
                votes["Person"] += 3
            if mention.org_cue:
                votes["Organization"] += 3
            if mention.place_cue:
                votes["Place"] += 3
            # Names listed together are of one kind: "Rafinha, Medhi Benatia and Coman".
            if mention.peer:
                votes[mention.peer] += 2
        return votes

    def type(self) -> str:
        if self.country is not None:
            return "Country"
        votes = self.type_votes()
        votes.pop("Country", None)
        # "DAB's Starry Lee", "Gary Chan of DAB": a name only ever written as an acronym
        # is an organisation's, not a person's, whatever spaCy labelled it
        if self._acronym_only():
            votes.pop("Person", None)
            votes.setdefault("Organization", 0)
        return min(votes, key=lambda t: (-votes[t], _TYPE_PRIORITY[t]))

    def _acronym_only(self) -> bool:
        return all(
            m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 6 for m in self.mentions
        )

    def words(self) -> list[str]:
        return _words(self.longest_text())

    def longest_text(self) -> str:
        return max((m.text for m in self.mentions), key=lambda t: (len(t.split()), len(t), t))


def _name_shaped(text: str) -> bool:
    """Two to four capitalised words, none in capitals: "Jeff Tarango", "Jean - Claude
    Duvalier", not "Spates of Reichsbürger" or "Edmonton UTC"."""
    words = [w for w in text.split() if w != "-"]
    return 1 < len(words) <= 4 and all(w[0].isupper() and not w.isupper() for w in words)


def _words(text: str) -> list[str]:
    return re.sub(r"[.]", " ", text).split()


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _only(matches: list[_Cluster]) -> _Cluster | None:
    unique = {id(c): c for c in matches}
    return next(iter(unique.values())) if len(unique) == 1 else None


def group_mentions(candidates: Iterable[Candidate]) -> list[_Cluster]:
    """Cluster candidates of one article; returns root clusters in first-mention order."""
    by_key: dict[str, _Cluster] = {}
    for candidate in candidates:
        key = f"iso:{candidate.country.iso3}" if candidate.country else _norm(candidate.text)
        cluster = by_key.setdefault(key, _Cluster(country=candidate.country))
        cluster.mentions.append(candidate)
    clusters = list(by_key.values())
    _join_short_forms(clusters)
    _join_parenthesised(clusters)
    roots = [c for c in clusters if c.merged_into is None and c.mentions]
    return sorted(roots, key=lambda c: min(m.start for m in c.mentions))


def _join_parenthesised(clusters: list[_Cluster]) -> None:
    """ "ASX" joins "Australian Securities Exchange" when the text gives it in parentheses
    right after that name (`Candidate.expands`), wherever else it is written."""
    by_span = {(m.start, m.end): c for c in clusters for m in c.mentions}
    for cluster in clusters:
        for mention in list(cluster.mentions):
            name = by_span.get(mention.expands) if mention.expands else None
            if name is not None and name.root().country is None and cluster.country is None:
                name.root().absorb(cluster.root())


def _too_weak(cluster: _Cluster) -> bool:
    """A lone one-word "person" with nothing else for it is more often a paper, a club or
    a product than a person ("told Bild", "on Twitter"): precision first. A title, a role or
    the parse ("Peskov said", "Nixon 's fate") is something for it."""
    if cluster.country is not None or cluster.type() != "Person" or len(cluster.mentions) > 1:
        return False
    [mention] = cluster.mentions
    return len(mention.text.split()) == 1 and not (
        mention.role or mention.honorific or mention.person_cue
    )


@dataclass(frozen=True)
class _Shapes:
    """Each cluster's words and type, and the clusters that short forms join.

    They are read once, before any merge, so the order of merges cannot change what a
    cluster looks like to the rules of `_join_short_forms`.
    """

    words: dict[int, list[str]]
    types: dict[int, str]
    # people named in full: "Roman Seleznev", "George W. Bush"
    full_names: list[_Cluster]
    # organisations of two words or more: "Russian Foreign Ministry"
    long_orgs: list[_Cluster]
    # two or three capitalised words spaCy did not call a person: "Viktor Orban" (ORG)
    name_shaped: list[_Cluster]

    @classmethod
    def read(cls, clusters: list[_Cluster]) -> _Shapes:
        words = {id(c): c.words() for c in clusters}
        types = {id(c): c.type() for c in clusters}
        named = [c for c in clusters if c.country is None]

        def longer(c: _Cluster, type_: str) -> bool:
            return types[id(c)] == type_ and len(words[id(c)]) > 1

        def name_shaped(c: _Cluster) -> bool:
            own = words[id(c)]
            return (
                types[id(c)] != "Person"
                and 1 < len(own) <= 3
                and all(w[:1].isupper() for w in own)
                and not looks_like_org(own)
            )

        return cls(
            words,
            types,
            full_names=[c for c in named if longer(c, "Person")],
            long_orgs=[c for c in named if longer(c, "Organization")],
            name_shaped=[c for c in named if name_shaped(c)],
        )

    def of(self, cluster: _Cluster) -> list[str]:
        return self.words[id(cluster)]

    def type_of(self, cluster: _Cluster) -> str:
        return self.types[id(cluster)]


def _only_root(matches: Iterable[_Cluster]) -> _Cluster | None:
    """The one entity all matches belong to by now; None for none or several: an ambiguous
    short form stays apart."""
    return _only([m.root() for m in matches])


def _join_short_forms(clusters: list[_Cluster]) -> None:
    """Merge each short form into the one longer name it stands for (see `_short_form_of`)."""
    shapes = _Shapes.read(clusters)
    for cluster in clusters:
        if cluster.country is not None:
            continue
        target = _short_form_of(cluster, shapes)
        if target is not None and target is not cluster.root():
            target.absorb(cluster)


def _short_form_of(cluster: _Cluster, shapes: _Shapes) -> _Cluster | None:
    """The entity `cluster` is a short form of, if exactly one: the first rule that finds
    one wins."""
    own = shapes.of(cluster)
    if cluster in shapes.full_names:
        return _full_name_without_middle(own, shapes) or _tail_of_full_name(own, shapes)
    if len(own) == 1:
        for rule in _ONE_WORD_RULES:
            target = rule(cluster, own[0], shapes)
            if target is not None:
                return target
        return None
    if shapes.type_of(cluster) == "Organization":
        return (
            _org_with_qualifier(own, shapes)
            or _tail_of_full_name(own, shapes)
            or _org_with_kind_after(own, shapes)
        )
    return None


def _folded(words: list[str]) -> list[str]:
    return [w.casefold() for w in words if w != "-"]


def _tail_of_full_name(own: list[str], shapes: _Shapes) -> _Cluster | None:
    """'Le Pen' (an organisation to spaCy) joins 'Marine Le Pen', 'de Maiziere' joins
    'Thomas de Maiziere', 'al - Momani' (a person's) 'Hasan al - Momani': the last words of
    one person's full name."""
    tail = _folded(own)
    return _only_root(
        p
        for p in shapes.full_names
        if len(_folded(shapes.of(p))) > len(tail) and _folded(shapes.of(p))[-len(tail) :] == tail
    )


def _full_name_without_middle(own: list[str], shapes: _Shapes) -> _Cluster | None:
    """'George Bush' joins 'George W. Bush': a longer name with the same first and last
    word."""
    return _only_root(
        p
        for p in shapes.full_names
        if len(shapes.of(p)) > len(own)
        and shapes.of(p)[0] == own[0]
        and shapes.of(p)[-1] == own[-1]
    )


def _org_with_qualifier(own: list[str], shapes: _Shapes) -> _Cluster | None:
    """'Foreign Ministry' joins 'Russian Foreign Ministry': a longer organisation name that
    ends with it."""
    return _only_root(
        o
        for o in shapes.long_orgs
        if len(shapes.of(o)) > len(own) and shapes.of(o)[-len(own) :] == own
    )


# Words after a company's name that say only what kind of body it is: "Volkswagen Group",
# "Union Carbide Corporation" are Volkswagen and Union Carbide.
_KIND_AFTER = COMPANY_SUFFIXES | {
    "Company",
    "Corporation",
    "Group",
    "Holding",
    "Holdings",
    "Incorporated",
    "Industries",
    "Limited",
}


def _org_with_kind_after(own: list[str], shapes: _Shapes) -> _Cluster | None:
    """The one longer organisation name that opens with the words of this one and adds only
    a kind of company ('Union Carbide' of 'Union Carbide Corporation'), or, for a club, any
    words ('Bayern' of 'Bayern Munich'); not 'Union' of 'Union Carbide'."""
    club = any(w in CLUB_MARKERS for w in own)

    def extends(words: list[str]) -> bool:
        extra = words[len(own) :]
        return bool(extra) and words[: len(own)] == own and (club or set(extra) <= _KIND_AFTER)

    return _only_root(o for o in shapes.long_orgs if extends(shapes.of(o)))


def _surname(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'Seleznev' joins 'Roman Seleznev' (a surname said after the full name)."""
    return _only_root(p for p in shapes.full_names if shapes.of(p)[-1] == word)


def _given_name(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'Hillary' joins 'Hillary Clinton' when no full name ends with the word (surnames
    are tried first: they are how news names people again)."""
    return _only_root(p for p in shapes.full_names if shapes.of(p)[0] == word)


def _surname_of_misread_person(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'Orban' (a person to spaCy) joins 'Viktor Orban' (an organisation to spaCy): all
    their mentions then vote on the type."""
    if shapes.type_of(cluster) != "Person":
        return None
    return _only_root(n for n in shapes.name_shaped if shapes.of(n)[-1] == word)


def _org_head(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'Embassy' joins 'US Embassy': the head noun that ends one organisation's name."""
    if shapes.type_of(cluster) == "Person":
        return None
    return _only_root(o for o in shapes.long_orgs if shapes.of(o)[-1] == word)


def _acronym(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'FSB' joins 'Federal Security Service': an all-capitals word made of the initials
    of one organisation's name."""
    if not (word.isupper() and len(word) >= 2):
        return None
    return _only_root(o for o in shapes.long_orgs if initials(shapes.of(o)) == word)


def _org_word(cluster: _Cluster, word: str, shapes: _Shapes) -> _Cluster | None:
    """'Volkswagen' joins 'Volkswagen Group', 'Bayern' joins 'Bayern Munich' (see
    `_org_with_kind_after`); a person's name opens no company ('Ford')."""
    if shapes.type_of(cluster) != "Organization":
        return None
    return _org_with_kind_after([word], shapes)


# The rules for a one-word mention, most certain first.
_ONE_WORD_RULES = (
    _surname,
    _given_name,
    _surname_of_misread_person,
    _org_head,
    _acronym,
    _org_word,
)


def _surface_forms(cluster: _Cluster) -> set[str]:
    forms = {m.text for m in cluster.mentions}
    if cluster.type() == "Person":
        words = cluster.words()
        if len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper():
            forms.add(words[-1])
    return {f for f in forms if len(f) > 1 and f[0].isupper()}


def _joins_words(char: str) -> bool:
    # what the regex class [\w-] matches: Unicode letters and digits, "_" and "-"
    return char.isalnum() or char in "_-"


def whole_word_spans(form: str, text: str) -> Iterator[tuple[int, int]]:
    r"""Where `form` occurs in `text` with no letter, digit, "_" or "-" touching either end,
    left to right and not overlapping: the matches of (?<![\w-])FORM(?![\w-]).

    A regex per name would be compiled anew for nearly every name of every article (they
    overflow re's cache); str.find needs nothing compiled.
    """
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if (start == 0 or not _joins_words(text[start - 1])) and (
            end == len(text) or not _joins_words(text[end])
        ):
            yield start, end
            start = text.find(form, end)
        else:
            start = text.find(form, start + 1)


def _capitalised_word(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word on both sides in running text: the form is the middle of another
    name ("Allende" in "Isabel Allende Bussi"), not a repeat of its own ("Allende said"). A
    headline or a results line capitalises every word ("Sri Lanka Beat Pakistan")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].split()[-1:]
    after = text[end : len(text) if line_end < 0 else line_end].split()[:1]
    if not (before and after and _capitalised_word(before[0]) and _capitalised_word(after[0])):
        return False
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return any(word[:1].islower() for word in line.split())


def add_missed_mentions(
    clusters: list[_Cluster],
    text: str,
    sentence_starts: list[int],
    stop_words: frozenset[str],
    original: str | None = None,
) -> None:
    """Find further occurrences of each entity's names that spaCy did not tag.

    spaCy tags "Seleznev" in one sentence and misses it in the next; every exact,
    case-sensitive, whole-word repeat of a name (or of a full name's surname) already
    given to an entity is a mention of it. Common words ("May", "Bush" lowercased is
    not checked) are left alone when the lowercase form is a stop word. The wire's credit
    and byline name the story's sources ("hc / rc ( Reuters , AFP )"), not its entities.
    """
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    furniture = [r for r in (closing_credit(text), dateline_byline(text)) if r is not None]
    kinds = {m.text: m.kind for c in clusters for m in c.mentions}
    owners: dict[str, _Cluster | None] = {}
    for cluster in clusters:
        for form in _surface_forms(cluster):
            if form.lower() in stop_words:
                continue
            # A form two entities share belongs to neither.
            owners[form] = None if form in owners and owners[form] is not cluster else cluster
    for form in sorted(owners, key=lambda f: (-len(f), f)):
        cluster = owners[form]
        if cluster is None:
            continue
        type_ = cluster.type()
        for start, end in whole_word_spans(form, text):
            if _inside_longer_name(text, start, end):
                continue
            if any(s <= start < e for s, e in furniture):
                continue
            index = bisect_left(taken, (start, end))
            neighbours = taken[max(0, index - 1) : index + 1]
            if any(s < end and start < e for s, e in neighbours):
                continue
            insort(taken, (start, end))
            cluster.mentions.append(
                Candidate(
                    start,
                    end,
                    form if original is None else original[start:end],
                    "REPEAT",
                    type_,
                    bisect_right(sentence_starts, start) - 1,
                    cluster.country,
                    kind=kinds.get(form, "name"),
                )
            )


def add_nominal_mentions(
    clusters: list[_Cluster], doc: Doc, sentence_starts: list[int], text: str | None = None
) -> None:
    """Link "the envoy" to the person last named with a role it can stand for.

    Only a definite role noun that is not followed by a name or by "of" ("the envoy
    pointed out", not "the envoy of Russia" or "the President Obama"), and only when
    exactly one earlier person has a matching role: a wrong link costs more than a miss.
    """
    for person, mention in _nominal_mentions(clusters, doc, sentence_starts, text):
        person.mentions.append(mention)


def _nominal_mentions(
    clusters: list[_Cluster], doc: Doc, sentence_starts: list[int], text: str | None
) -> list[tuple[_Cluster, Candidate]]:
    """The nominal mentions `add_nominal_mentions` adds, with the person each is of."""
    people = [c for c in clusters if c.country is None and c.type() == "Person"]
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    found = []
    for the, noun in _definite_role_nouns(doc):
        start, end = the.idx, noun.idx + len(noun.text)
        # "the Foreign Ministry": words already in a name are that name's.
        if any(s < end and start < e for s, e in taken):
            continue
        person = _sole_earlier_holder(people, start, ROLE_SYNONYMS[noun.lower_])
        if person is None:
            continue
        mention = Candidate(
            start,
            end,
            (doc.text if text is None else text)[start:end],
            "NOMINAL",
            "Person",
            bisect_right(sentence_starts, start) - 1,
            kind="nominal",
        )
        found.append((person, mention))
    return found


def _definite_role_nouns(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """("the", noun) of "the envoy pointed out"; not "the envoy of Russia" (someone else's
    envoy) nor "the President Obama" (the name follows, and is its own mention)."""
    for token in doc[:-1]:
        if token.lower_ != "the":
            continue
        noun = doc[token.i + 1]
        if noun.lower_ not in ROLE_SYNONYMS:
            continue
        after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if after is not None and (after.lower_ == "of" or after.pos_ == "PROPN"):
            continue
        yield token, noun


def _sole_earlier_holder(
    people: list[_Cluster], start: int, wanted: frozenset[str]
) -> _Cluster | None:
    """The one person named before `start` with a role in `wanted` ("Ambassador Antonov ...
    the envoy"); None when there are none or several: a wrong link costs more than a miss."""
    earlier = [
        c
        for c in people
        if any(m.start < start for m in c.mentions)
        and any(m.role and role_head(m.role) in wanted for m in c.mentions)
    ]
    return earlier[0] if len(earlier) == 1 else None


def _display_name(cluster: _Cluster, type_: str) -> str:
    if cluster.country is not None:
        return cluster.country.name
    # "the envoy" names no one on its own.
    pool = [m for m in cluster.mentions if m.kind == "name"] or cluster.mentions
    if type_ == "Person":
        # Prefer the full name, as written most often.
        pool = [m for m in pool if m.type == "Person"] or pool
    counts = Counter(m.text for m in pool)
    text = max(counts, key=lambda t: (len(t.split()), counts[t], len(t), t))
    return text.title() if text.isupper() and len(text) > 4 else text


def _tickers(cluster: _Cluster) -> tuple[str, ...]:
    """The stock codes after the organisation's names: ("SMC.PS",) for "San Miguel Corp
    <SMC.PS>"; a company read as a person or place has none (only companies are listed)."""
    return tuple(sorted({m.ticker for m in cluster.mentions if m.ticker}))


def build_entities(clusters: list[_Cluster]) -> tuple[Entity, ...]:
    """Freeze clusters into Entity facts with local ids e0, e1, ... in text order."""
    entities = []
    for index, cluster in enumerate(c for c in clusters if not _too_weak(c)):
        type_ = cluster.type()
        name = _display_name(cluster, type_)
        mentions = tuple(
            Mention(m.start, m.end, m.text, m.sentence, m.kind, dateline=m.dateline)
            for m in sorted(cluster.mentions, key=lambda m: (m.start, m.end))
        )
        aliases = tuple(sorted({m.text for m in mentions if m.kind != "nominal"} - {name}))
        votes = cluster.type_votes()
        confidence = 1.0 if type_ == "Country" else votes[type_] / max(1, sum(votes.values()))
        roles = tuple(sorted({m.role for m in cluster.mentions if m.role}))
        city = lookup_city(name) if type_ == "Place" else None
        entities.append(
            Entity(
                id=f"e{index}",
                type=type_,
                name=name,
                mentions=mentions,
                aliases=aliases,
                iso3=cluster.country.iso3 if cluster.country else None,
                wikidata=cluster.country.wikidata if cluster.country else None,
                confidence=round(confidence, 3),
                roles=roles if type_ == "Person" else (),
                located_in=city.country.iso3 if city and city.country else None,
                tickers=_tickers(cluster) if type_ == "Organization" else (),
            )
        )
    return tuple(entities)
