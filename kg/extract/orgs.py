"""What marks a name as an organisation: its head word, a club prefix, a noun before it."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

# Last words that make a name an organisation whatever spaCy said ("Russian Embassy",
# "Foreign Ministry", "Famagusta Gazette").
ORG_HEADS = frozenset(
    """
    Academy Agency Airlines Airways Alliance Army Assembly Association Authority Bank Board
    Brigade Brigades Bureau Cabinet Center Centre Church Club Coalition College Commission
    Committee Company Congress Corp Corporation Corps Council Court Daily Department
    Directorate Embassy Federation Foundation Front Fund Gazette Government Group Guard Herald
    Holdings Inc Industries Institute Journal League Ltd Magazin Magazine Media Ministry
    Motors Movement Navy News Office Org Organisation Organization Parliament Party Police Post
    Senate Service Society Telegraph Times Tribunal Tribune Union United University Zeitung
    Airline Biotech Broadcasting Chemicals Communications Electronics Entertainment
    Insurance Pharma Pharmaceuticals Railways Securities Studios Technologies Telecom
    Battalion Division Fleet Regiment
    """.split()
)

# Words anywhere in a name that make it a sports club: "Borussia Dortmund", "FC Porto".
CLUB_MARKERS = frozenset(
    """
    AC AS Ajax Arminia Atletico Athletic Bayer Bayern Benfica Besiktas Borussia Celtic Dinamo
    Dynamo Eintracht FC Fenerbahce Feyenoord Fortuna Galatasaray Hertha Hotspur Juventus
    Olympiacos Olympique PSV Rovers SC Schalke SV Sporting TSG VfB VfL Wanderers Werder
    """.split()
)

# The club markers that name one club alone: "Schalke mark their return", "Juventus won";
# "Borussia", "Dynamo" or "FC" alone name none, "Bayer" is also the company.
CLUB_NAMES = CLUB_MARKERS - frozenset(
    """
    AC AS Athletic Bayer Borussia Dinamo Dynamo Eintracht FC Fortuna Hotspur Olympique
    Rovers SC SV TSG VfB VfL Wanderers
    """.split()
)

# A noun right before a name that says what kind of organisation it is:
# "French daily Le Monde", "news magazine Der Spiegel", "archrivals Dortmund".
ORG_CUES = frozenset(
    """
    agency airline archrivals automaker bank brewer broadcaster carmaker carrier chain
    champions channel club company conglomerate consortium daily developer distributor
    exporter firm giant giants group insurer lender magazine maker manufacturer miner network
    newspaper operator opponents outlet paper party producer publisher retailer rivals side
    startup station supplier tabloid team utility website weekly
    """.split()
)


# "West Bank", "Left Bank": a bank of a river, not a lender.
_SIDES = frozenset({"East", "West", "North", "South", "Left", "Right"})


# Nouns right after a name that only a company or a team has: "Cofinec shares", "Magna 's
# CEO", "Surrey captain Chris Lewis", "Lancashire batsman" (a person has advisers and
# spokesmen, not captains and strikers).
_ORG_NOUNS_AFTER = frozenset(
    """
    ceo shares stock shareholders subsidiary
    captain skipper coach batsman bowler all-rounder striker midfielder goalkeeper winger
    """.split()
)


def looks_like_org(words: list[str]) -> bool:
    """An organisation by its own words: a head noun or a company's legal form last ("Pirelli
    SpA"), or a club marker anywhere."""
    if len(words) > 1 and words[-1] == "Bank" and all(w in _SIDES for w in words[:-1]):
        return False
    if not words:
        return False
    last = words[-1]
    legal_form = len(words) > 1 and last in COMPANY_SUFFIXES
    return last in ORG_HEADS or legal_form or any(w in CLUB_MARKERS for w in words)


# What a name's own words say of its type (kg/data/type_names.tsv): "-" for a name that is
# no Person, Organization, Country or Place (a religion, an event, a product, a substance).
NOT_AN_ENTITY = "-"
# "iPod", "iPhone", "iMac": Apple's way of naming products, not a way of naming companies.
_PRODUCT_SHAPE = re.compile(r"i[A-Z][a-z]+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@cache
def _type_names() -> dict[str, dict[str, str]]:
    """where ("name", "first", "head", "word") -> name or word -> type; the given names
    (`first` rows of type Person) apart, under "given": they are read by
    `opens_with_given_name` only, which asks more of a name than its first word."""
    table = resources.files("kg.data").joinpath("type_names.tsv").read_text(encoding="utf-8")
    by_where: dict[str, dict[str, str]] = {
        "name": {},
        "first": {},
        "head": {},
        "word": {},
        "given": {},
    }
    for line in table.splitlines()[1:]:
        where, name, type_, _ = line.split("\t")
        given = where == "first" and type_ == "Person"
        by_where["given" if given else where][name] = type_
    return by_where


def opens_with_given_name(words: list[str]) -> bool:
    """Two or three capitalised words opening with a common given name, none of them an
    organisation's word: "Marek Mintal", "Hans - Georg Maaßen" (spaCy's organisations), not
    "Thomas Cook Group", "Carl Zeiss Micro Imaging" (four words: a company's), "Martin"
    alone or "Maria in the news"."""
    words = [w for w in words if w != "-"]
    if not 1 < len(words) <= 3 or looks_like_org(words):
        return False
    # an initial ("George W Bush") is a capital alone; "Jan ABB" is no one's name
    if not all(w[:1].isupper() and (len(w) == 1 or not w.isupper()) for w in words):
        return False
    return words[0] in _type_names()["given"]


def name_type(text: str) -> str | None:
    """The type a name's own words give it, whatever spaCy said: NOT_AN_ENTITY for "Islam",
    "Hajj", "Windows XP", "Space Shuttle Discovery"; "Place" for "Ludwig Gallery"; None when
    its words say nothing. The whole name first, then its first and last word (names of two
    words or more), then any word."""
    table = _type_names()
    # "Mecklenburg - Western Pomerania" as tokens joined by spaces
    found = table["name"].get(text) or table["name"].get(text.replace(" - ", "-"))
    if found is not None:
        return found
    words = [w for w in text.split() if w != "-"]
    if len(words) > 1:
        found = table["first"].get(words[0]) or table["head"].get(words[-1])
        if found is not None:
            return found
    if len(words) == 1 and _PRODUCT_SHAPE.fullmatch(words[0]):
        return NOT_AN_ENTITY
    # "165th Annual Congress of Homeopathic Doctors", "52nd Grammy Awards": a numbered
    # occasion; "82nd Airborne Division" keeps its head noun.
    if len(words) > 1 and _ORDINAL.fullmatch(words[0]) and not looks_like_org(words):
        return NOT_AN_ENTITY
    # German papers name themselves by the word for paper: "Handelsblatt", "Abendzeitung".
    if len(words) == 1 and words[0].lower().endswith(("blatt", "zeitung")):
        return "Organization"
    word_types = table["word"]
    return next((word_types[w] for w in words if w in word_types), None)


@cache
def _known_orgs() -> re.Pattern[str]:
    """The organisations the type table names whole, longest first, as whole words."""
    names = [n for n, t in _type_names()["name"].items() if t == "Organization"]
    names.sort(key=lambda n: (-len(n), n))
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


# A capitalised word right before a name, with the word before that ("the", "", "."), and
# a capitalised word right after one: with only spaces between, they are one longer name.
_CAPITAL_BEFORE = re.compile(r"(\S*) +[A-Z][\w'\u2019.-]* +\Z")
_CAPITAL_AFTER = re.compile(r" +[A-Z]")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right after the name ("Google Play") or right before it that does
    not open a sentence ("New Greens"; "The Greens" at a sentence start is no name)."""
    if _CAPITAL_AFTER.match(text, end):
        return True
    before = _CAPITAL_BEFORE.search(text[max(0, start - 80) : start])
    return before is not None and before.group(1)[-1:] not in {"", ".", "!", "?", ":", '"'}


@cache
def _club_names() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(sorted(CLUB_NAMES)) + r")(?![\w-])")


def known_org_spans(text: str, *, clubs: bool = False) -> list[tuple[int, int]]:
    """Where the type table's organisations named whole stand in `text`: "Facebook" of "on
    Facebook 's page", which spaCy's small model often leaves untagged, and with `clubs`
    (a sports report) the clubs named by one word ("Schalke"); not a part of a longer name
    ("Google Play", "Bayern Munich")."""
    patterns = [_known_orgs(), _club_names()] if clubs else [_known_orgs()]
    return sorted(
        match.span()
        for pattern in patterns
        for match in pattern.finditer(text)
        if not _in_longer_name(text, match.start(), match.end())
    )


def org_cue_before(span: Span) -> bool:
    """A kind-of-organisation noun right before the name, a company or team noun right
    after it, or a kind-of-organisation noun in an apposition after it."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ORG_CUES:
        return True
    # "a second division side , the admittedly strong Paderborn": the name is in apposition
    # to a kind-of-organisation noun before it.
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lower_ in ORG_CUES:
        return True
    # "Cofinec shares fell", "Surrey captain Chris Lewis": a company's or a team's noun.
    after = span.end
    if after < len(doc) and doc[after].tag_ == "POS":
        after += 1
    if after < len(doc) and doc[after].lower_ in _ORG_NOUNS_AFTER:
        return True
    # "Der Spiegel , the news weekly": comma, optional article, up to two words, the cue.
    i = span.end
    if i < len(doc) and doc[i].text == ",":
        window = [t.lower_ for t in doc[i + 1 : i + 5]]
        if window and window[0] in {"the", "a", "an"}:
            window = window[1:]
        return any(w in ORG_CUES for w in window[:3]) or _company_apposition(doc, i + 1)
    # "Lockheed Martin, Boeing's rival" where spaCy's name stopped at "Lockheed".
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].ent_type_ not in _NAME_LABELS:
        i += 1
    return i < len(doc) and doc[i].text == "," and _company_apposition(doc, i + 1)


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# What one company is to another: "Boeing's rival", "Fiat's unit".
_COMPANY_RELATIONS = frozenset(
    "affiliate competitor parent partner rival subsidiary supplier unit".split()
)


def _company_apposition(doc, i: int) -> bool:
    """An organisation's possessive and a company relation noun at doc[i]: "Boeing 's
    rival"; a person is an organisation's employee, not its rival or its unit."""
    if i + 2 >= len(doc) or doc[i].ent_type_ != "ORG" or doc[i + 1].tag_ != "POS":
        return False
    return doc[i + 2].lower_ in _COMPANY_RELATIONS


# Small words an acronym skips: "Federal Bureau of Investigation" -> "FBI".
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})


def initials(words: list[str]) -> str:
    """The acronym a name's capitalised words spell: ["Federal", "Bureau", ...] -> "FBI"."""
    return "".join(w[0] for w in words if w and w.lower() not in _ACRONYM_STOP and w[0].isupper())


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isupper() and name.isalpha()


# A Reuters stock ticker in angle brackets right after a company's name, maybe after its
# possessive: "San Miguel Corp <SMC.PS>", "Continental Illinois Corp's <CIL> Chairman". Only
# capitals, digits and an exchange suffix: "<Banque Paribas>" is a private company's name
# in brackets, not a ticker.
_TICKER = re.compile(r"(?:'s|'|\u2019s|\u2019)?[ \t]*<(?P<code>[A-Z0-9&]{1,8}(?:\.[A-Z]{1,3})?)>")


def ticker_after(text: str, end: int) -> str | None:
    """The ticker right after a name ending at `end`: "IBM.N" in "Business Machines Corp
    <IBM.N> said"; None in "Corp said" or "Corp, <Banque Paribas>"."""
    match = _TICKER.match(text, end)
    return match.group("code") if match else None


def ticker_spans(text: str) -> list[tuple[int, int]]:
    """The `<...>` of each ticker that follows a word: "<SMC.PS>" in "San Miguel Corp
    <SMC.PS>", not "<NTT>" opening a sentence, where it is the name itself."""
    return [
        (match.start("code") - 1, match.end())
        for match in _TICKER.finditer(text)
        if match.start() > 0
        and (text[match.start() - 1].isalnum() or text[match.start() - 1] in ".)")
    ]


# The capitalised words right before a ticker, maybe joined by "and" or "&": "Valero Energy
# Corp", "Wells Fargo and Co", "J.P. Stevens", "NV Philips Gloielampenfabrieken".
_NAME_BEFORE = re.compile(r"(?<![\w.&'-])(?:[A-Z][\w.&-]*(?: and | & | ))*[A-Z][\w.&-]*\Z")
_NAME_WINDOW = 80
# The legal form ending a company's name: "Co" in "Wells Fargo and Co" is no second company.
COMPANY_SUFFIXES = frozenset(
    "AB AG Ag BV Co Cos Corp GmbH Inc LLC Ltd N.V. NV Oy PLC Plc SA Spa SpA".split()
)
_AND = re.compile(r" (?:and|&) ")


def _one_company(name: str) -> int:
    """Where the one company of `name` starts: after the last "and" when what follows names a
    company of its own ("Wagner and Brown and AFG Industries Inc", "Beta Group and
    CooperVision Inc"), else 0 ("Wells Fargo and Co", "American Telephone and Telegraph Co")."""
    joins = list(_AND.finditer(name))
    if not joins:
        return 0
    last = joins[-1]
    after = [w for w in name[last.end() :].split() if w not in COMPANY_SUFFIXES]
    before = name[: last.start()].split()
    return last.end() if len(after) >= 2 or before[-1] in ORG_HEADS | COMPANY_SUFFIXES else 0


def _leading_function_words(name: str) -> int:
    """How many characters of sentence words open `name`: "But " of "But Asarco Inc", "The "
    of "The Coca-Cola Co"; a word in capitals stays ("US Steel")."""
    # Imported here: kg.resolve reads this module, and resolving needs no spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    cut = 0
    for word in name.split(" ")[:-1]:
        if not (word.istitle() and word.lower() in STOP_WORDS):
            break
        cut += len(word) + 1
    return cut


def ticker_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ticker) of each company name a ticker follows: "Valero Energy Corp" and
    "VLO" in "MARCH 6 - Valero Energy Corp <VLO> said", which spaCy, reading a wire's
    opening, often misses; none for "said <VLO>" (no capitalised word before it)."""
    found = []
    for match in _TICKER.finditer(text):
        end = match.start()
        window_start = max(0, end - _NAME_WINDOW)
        name = _NAME_BEFORE.search(text, window_start, end)
        if name is None or (name.start() == window_start and window_start > 0):
            continue
        start = name.start() + _one_company(name.group())
        start += _leading_function_words(text[start:end])
        if start < end:
            found.append((start, end, match.group("code")))
    return found
