"""Names compared across articles: "The U.S. Air Force" and "United States Air Force" agree,
"East L.A." spells out as "East Los Angeles", and "Bank" names a kind of thing, not one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

from kg.extract.countries import lookup_country, lookup_demonym
from kg.extract.orgs import ORG_HEADS, initials, is_acronym
from kg.extract.places import lookup_city

_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # "L.A.", "U.S.", "D.C."
_INITIAL = re.compile(r"^[A-Za-z]\.$")  # "M." of "M. Sears"
_SHORT_WORD = re.compile(r"^[A-Za-z]{2,}\.$")  # "Corp.", "Dept.", "St."
STOP_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})  # kg.extract.orgs
# Words that name a kind of thing, not one thing: "Bank" beside "Bank of America" says
# nothing. Compass words lead place names ("North" / "North Carolina").
_GENERIC_EXTRA = frozenset(
    """
    administration crown defence defense education health interior justice state treasury
    north south east west northern southern eastern western central
    """.split()
)
_SENSE_CLASSES = ("company", "organization", "person", "place")


# Common names repeat across articles and each costs three look-ups; the rare ones would
# only fill a larger table.
@lru_cache(maxsize=8192)
def normalised_name(name: str) -> str:
    """Casefolded, without a leading "the" or a trailing "'s", a leading country alias
    spelled out ("U.S. Senate" -> "united states senate")."""
    text = " ".join(name.replace("\u2019", "'").split())
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s?$", "", text)
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size:
            country = lookup_country(" ".join(words[:size]))
            if country is not None:
                words = [*country.name.split(), *words[size:]]
                break
    return " ".join(words).casefold()


def slugify(text: str) -> str:
    """A readable IRI path segment: "Roman Seleznev" -> "roman-seleznev"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    # Names with no Latin letters keep a stable, still-unique segment.
    return "u" + "-".join(f"{ord(ch):x}" for ch in text if not ch.isspace())[:60]


def name_initials(name: str) -> str:
    """ "Federal Bureau of Investigation" -> "FBI" (capitalised words only)."""
    return initials(re.split(r"[\s.-]+", name))


def _table(name: str) -> list[list[str]]:
    """The rows of a kg/data table, header left out."""
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line and line[0] != "#"]


@cache
def abbreviations() -> dict[str, tuple[str, bool]]:
    """kg/data/resolve_abbreviations.tsv: a casefolded abbreviation -> its words spelled out,
    and whether it stands for them only as a name's last word ("Co" of "Ford Motor Co", never
    of "Co Cork"). One written with a dot ("minn.") stands for them only with its dot."""
    table = {}
    for short, full, where in _table("resolve_abbreviations.tsv"):
        if where not in ("any", "last"):
            raise ValueError(f"resolve_abbreviations.tsv: {short!r}: where is any or last")
        table[short] = (full, where == "last")
    return table


@cache
def name_tails() -> frozenset[str]:
    """kg/data/resolve_tails.tsv: the words ending a name that say what kind of body it is
    ("Corporation", "Department", "Party"), spelled out as `spelled_out` spells them."""
    return frozenset(row[0] for row in _table("resolve_tails.tsv"))


def _spells_words(letters: str, words: list[str]) -> bool:
    """ "(who" after "world health organisation": the first letters of the words."""
    return letters == "".join(w[0] for w in words if w not in STOP_WORDS)


def spelled_out(name: str) -> str:
    """The normalised name with its abbreviations spelled out: "East L.A." -> "east los
    angeles", "Ford Motor Co." -> "ford motor company", "World Health Organisation (WHO)" ->
    "world health organisation"; two names that spell out alike name one thing."""
    return spell_out_normalised(normalised_name(name))


def spell_out_normalised(normalised: str) -> str:
    """`spelled_out` of a name already normalised (kg.resolve's group keys hold one)."""
    words = normalised.split()
    if len(words) > 1 and words[-1].startswith("("):
        letters = words[-1].strip("()")
        if letters.isalpha() and _spells_words(letters, words[:-1]):
            words = words[:-1]
    table = abbreviations()
    out: list[str] = []
    for index, word in enumerate(words):
        # "minn." stands for Minnesota only with its dot; "co" for company with or without
        key = word.rstrip(",")
        if key not in table and not _DOTTED.match(key):
            key = key.rstrip(".")
        full, last_only = table.get(key, (key, False))
        if last_only and (index < len(words) - 1 or len(words) == 1):
            full = key
        out.extend(full.split())
    return " ".join(out)


@cache
def regions() -> frozenset[str]:
    """kg/data/resolve_regions.tsv: casefolded names of continents and world regions, which
    the country and city tables do not hold ("North America" of "EADS North America")."""
    return frozenset(row[0] for row in _table("resolve_regions.tsv"))


def names_place(words: Sequence[str]) -> bool:
    """Some words in a row name a country, a demonym, a city or a world region: "Ford
    Australia" and "EADS North America" are a company's branch, not its longer name."""
    for start in range(len(words)):
        for end in range(start + 1, min(start + 3, len(words)) + 1):
            text = " ".join(words[start:end])
            if text.casefold() in regions() or lookup_country(text) or lookup_demonym(text):
                return True
            if lookup_city(text):
                return True
    return False


@cache
def other_kinds() -> frozenset[str]:
    """kg/data/resolve_other_kinds.tsv: words ending a longer name that make it another
    kind of thing than the shorter ("Trust Fund Bureau Law", "Google Science Fair")."""
    return frozenset(row[0] for row in _table("resolve_other_kinds.tsv"))


def is_tail(words: Sequence[str]) -> bool:
    """ "motor company", "department": spelled-out words that only say what kind of body a
    name is (kg/data/resolve_tails.tsv)."""
    return bool(words) and all(word in name_tails() for word in words)


@cache
def generic_words() -> frozenset[str]:
    """Casefolded words naming a kind of entity ("bank", "ministry", "company", "city"):
    organisation head words, the nominals of kg/data/antecedent_nouns.tsv, the company,
    organisation, person and place classes of kg/data/event_sense_classes.tsv."""
    # The tables are read here, not through kg.extract.antecedents and kg.extract.senses:
    # those load spaCy, which resolution never needs (`kg export --from` runs without it).
    words = {w.casefold() for w in ORG_HEADS} | set(_GENERIC_EXTRA)
    for noun, _, name_words in _table("antecedent_nouns.tsv"):
        words |= {noun, *name_words.split("|")}
    for word_class, word in _table("event_sense_classes.tsv"):
        if word_class in _SENSE_CLASSES:
            words.add(word)
    return frozenset(words)


def is_generic_name(label: str, type_: str) -> bool:
    """A name that cannot stand for one entity alone: a common word ("Bank"), or, for
    anything but a person (a "Bush" is no city of Egypt), a country ("US" of "US Army"), a
    demonym ("Greek") or a city ("Paris")."""
    tokens = normalised_name(label).split()
    if len(tokens) == 1 and tokens[0] in generic_words():
        return True
    if type_ == "Person":
        return False
    return any(look(label) is not None for look in (lookup_country, lookup_demonym, lookup_city))


def acronym_letters(label: str) -> str | None:
    """ "IAEA" -> "IAEA", "U.N." -> "UN"; None for a name that is no acronym."""
    letters = label.replace(".", "")
    return letters if " " not in label and is_acronym(letters) else None


def spelled_initials(label: str) -> str | None:
    """ "International Atomic Energy Agency" -> "IAEA": the acronym a name of two words or
    more spells; None when a word is itself an acronym ("GM Europe" spells no "GE")."""
    words = [w for w in re.split(r"[\s.-]+", label) if w]
    if len(label.split()) < 2 or any(_is_caps(w) for w in words):
        return None
    letters = name_initials(label)
    return letters if len(letters) >= 2 else None


def is_abbreviated(token: str) -> bool:
    """ "L.A.", "M." and "Corp." stand for longer words; "Angeles" does not."""
    return bool(_DOTTED.match(token) or _INITIAL.match(token) or _SHORT_WORD.match(token))


def partly_abbreviated(name: str) -> bool:
    """ "M. Sears", "East L.A.": abbreviated words beside a word written out, which anchors
    them; "Minn." alone could stand for Minnetonka as well as Minnesota (only
    kg/data/resolve_abbreviations.tsv spells such a name out)."""
    if "." not in name:
        return False
    tokens = name.split()
    abbreviated = [is_abbreviated(t) for t in tokens]
    return any(abbreviated) and not all(abbreviated)


def _is_caps(word: str) -> bool:
    """An acronym inside a name ("NSW"), which spells more than its first letter."""
    return len(word) > 1 and word.isupper()


def _run_spells(run: list[str], letters: str) -> bool:
    """ "Los Angeles" spells "LA", "District of Columbia" "DC": capitalised words without
    a dot or capitals only ("University of NSW" spells no "UN"), small words inside."""
    if not run or run[0].casefold() in STOP_WORDS or run[-1].casefold() in STOP_WORDS:
        return False
    words = [w for w in run if w.casefold() not in STOP_WORDS]
    if any(not w[0].isupper() or "." in w or _is_caps(w) for w in words):
        return False
    return "".join(w[0] for w in words) == letters.upper()


def _word_abbreviates(short: str, word: str) -> bool:
    """ "M." abbreviates "Michael"; "Corp." "Corporation" (its letters in order)."""
    if "." in word:
        return False
    if _INITIAL.match(short):
        return len(word) >= 2 and word[0] == short[0].upper()
    letters, folded = short[:-1].casefold(), word.casefold()
    if folded[:1] != letters[:1]:
        return False
    rest = iter(folded)
    return all(char in rest for char in letters)


def abbreviates(short: list[str], full: list[str]) -> bool:
    """Tokens of `short` spell `full` with at least one abbreviation: "East L.A." /
    "East Los Angeles", "M. Sears" / "Michael Sears"; other words equal."""

    @cache
    def from_(i: int, j: int, used: bool) -> bool:
        if i == len(short):
            return used and j == len(full)
        token = short[i]
        same = j < len(full) and token.casefold() == full[j].casefold()
        if same and from_(i + 1, j + 1, used):
            return True
        if _DOTTED.match(token):
            letters = token.replace(".", "")
            ends = range(j + 1, len(full) + 1)
            return any(_run_spells(full[j:k], letters) and from_(i + 1, k, True) for k in ends)
        if (_INITIAL.match(token) or _SHORT_WORD.match(token)) and j < len(full):
            return _word_abbreviates(token, full[j]) and from_(i + 1, j + 1, True)
        return False

    return from_(0, 0, False)


def initials_key(label: str) -> str:
    """First letters of a name's words, dotted initials spelled out: both "East L.A." and
    "East Los Angeles" give "ELA" (an index of candidates, checked by `abbreviates`)."""
    key = []
    for token in label.split():
        if token.casefold() in STOP_WORDS:
            continue
        key.append(token.replace(".", "").upper() if _DOTTED.match(token) else token[0].upper())
    return "".join(key)
