"""Candidate entity mentions: spaCy's named entities, cleaned, with a first guess at a type.

spaCy NER is only the first guess (DESIGN.md): this module trims what spaCy put around a
name, drops the dateline's byline, and maps nationality words and country aliases to
countries. Grouping mentions into entities is `kg.extract.entities`' job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.countries import Country, lookup_country, lookup_demonym
from kg.extract.datelines import dateline_places
from kg.extract.lineups import lineup_spans
from kg.extract.orgs import (
    NOT_AN_ENTITY,
    ORG_HEADS,
    known_org_spans,
    looks_like_org,
    name_type,
    opens_with_given_name,
    org_cue_before,
    ticker_after,
    ticker_names,
    ticker_spans,
)
from kg.extract.places import lookup_city
from kg.extract.results import athlete_spans, beaten_spans, team_spans, venue_spans
from kg.extract.roles import (
    ROLE_MODIFIERS,
    is_role_word,
    leading_department_length,
    leading_role_length,
    role_after,
    role_before,
    role_fragment,
)

# "Frau Merkel", "Herr Schulz": German news in English keeps the German titles.
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "mr.", "mrs.", "ms.", "dr.", "prof."}
    | {"frau", "herr"}
)

_LEADING_DROP = frozenset({"the", "a", "an"})
_KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

# "WASHINGTON (UrduPoint News / Sputnik - 02nd December, 2019)", "MOSCOW, Dec 2 (Reuters) -":
# an all-caps place opening the body, then the wire's byline in parentheses.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z .'-]{2,40}?)\s*(?:,[^(\n]{0,30})?\((?P<byline>[^()\n]{1,160})\)"
)


@dataclass(frozen=True)
class Candidate:
    """One mention as spaCy found it, trimmed, with its first-guess type."""

    start: int
    end: int
    text: str
    label: str  # spaCy's label
    type: str  # Person, Organization, Country or Place
    sentence: int
    country: Country | None = None
    honorific: bool = False  # preceded by Mr./Ms./Dr. ...
    kind: str = "name"  # see kg.model.Mention
    role: str | None = None  # "ambassador" in "Ambassador Anatoly Antonov"
    org_cue: bool = False  # "daily Le Monde": a noun saying it is an organisation
    place_cue: bool = False  # "MOSCOW 1996-08-30": a dateline names a place
    dateline: bool = False  # the dateline's place or region (kg.model.Mention.dateline)
    ticker: str | None = None  # "IBM.N" of "International Business Machines Corp <IBM.N>"
    # The type spaCy gave the names listed with it: "Person" for "Medhi Benatia" in
    # "Rafinha, Juan Bernat, Medhi Benatia and Kingsley Coman"; None when they disagree.
    peer: str | None = None
    # The words around it say a team ("a 1-1 draw with Bielefeld", "Augsburg's new coach"):
    # an organisation cue in a sports report (see `candidate_mentions`).
    team_cue: bool = False
    # The parse says a person: "Peskov said", "Nixon 's fate", "the Obama administration"
    # (see `_person_by_syntax`); a lone surname with it is kept (kg.extract.entities).
    person_cue: bool = False
    # The span of the organisation this one abbreviates in parentheses right after it:
    # "ASX" of "Australian Securities Exchange ( ASX )" (see `_parenthesised_short_forms`).
    expands: tuple[int, int] | None = None


# The credit at an article's end: "Author: Jane Doe (jd) Editor: John Roe" or the wire
# desk's initials and agencies, "mz/msh (AP, AFP, dpa)". It names the staff and the
# sources of the story, not the people and organisations the story is about.
_CREDIT = re.compile(
    r"(?:\b(?:Author|Authors|Editor|Reporting by|Writing by|Editing by)\s*:?\s"
    r"|\b[a-z]{2,5}\s*/\s*[a-zA-Z]{2,5}\s*[/(]"
    r"|\([a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)\s*\Z)"
)
_CREDIT_WINDOW = 300


def closing_credit(text: str) -> tuple[int, int] | None:
    """The character range of a staff/wire credit closing the article, if there is one."""
    stripped = text.rstrip()
    offset = max(0, len(stripped) - _CREDIT_WINDOW)
    match = _CREDIT.search(stripped, offset)
    if match is None:
        return None
    # A credit is the last thing in the article: no full sentence may follow it.
    if re.search(r"[a-z]{3,}[.!?]\s+[A-Z][a-z]+\s+[a-z]+", stripped[match.start() :]):
        return None
    start = match.start()
    if stripped[start] != "(":
        # Agencies listed just before the desk initials belong to the credit too.
        line_start = stripped.rfind(". ", 0, start)
        head = stripped[line_start + 2 if line_start >= 0 else 0 : start]
        if re.fullmatch(r"(?:[A-Z][A-Za-z]*\s*,?\s*)+", head):
            start -= len(head)
    return start, len(stripped)


def dateline_byline(text: str) -> tuple[int, int] | None:
    """The character range of a dateline's byline, which names the wire, not an entity."""
    match = _DATELINE.match(text)
    if not match or not match.group("place").strip().isupper():
        return None
    return match.start("byline") - 1, match.end("byline") + 1


def byline_place(text: str) -> tuple[int, int] | None:
    """The place of a dateline with a byline: "WASHINGTON" of "WASHINGTON (UrduPoint News /
    Sputnik - 02nd December, 2019) Russian Ambassador ..."; None when the article opens
    with running text ("Washington (the capital) said")."""
    match = _DATELINE.match(text)
    if not match or not match.group("place").strip().isupper():
        return None
    return match.start("place"), match.start("place") + len(match.group("place").rstrip())


_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "da", "di", "du", "le", "la", "al", "el", "bin"}
)


def _lowercase_word(token: Token) -> bool:
    return (
        token.is_lower
        and token.is_alpha
        and token.lower_ not in _PARTICLES
        # "al-Aqsa", "Kim Myong-chol": spaCy splits the hyphen off; the parts are one word.
        and not (token.i + 1 < len(token.doc) and token.nbor().text == "-")
        and not (token.i > 0 and token.nbor(-1).text == "-")
    )


_STANCES = frozenset({"pro", "anti"})
# What spaCy leaves after a name: "Russia's", "Russia'", "Reuters,".
_POSSESSIVES = frozenset({"'s", "\u2019s", "'"})
# Reuters' angle brackets around a private company's name ("<Banque Paribas>") or a ticker
# ("Corp <IBM.N>"): markup, never part of a name.
_MARKUP = frozenset({"<", ">"})
# A number spaCy runs into a person's or an organisation's name is a score or a date:
# "Barcelona 2", "Smith 1996".
_NO_NUMBERS = frozenset({"ORG", "PERSON"})


def _leading_junk(token: Token) -> bool:
    """Words before the name: an article, a title or punctuation ("the Kremlin", "Mr. Putin",
    '"Reuters'); who bears a title is read apart (`_has_honorific`)."""
    return (
        token.lower_ in _LEADING_DROP
        or token.lower_ in HONORIFICS
        or token.is_punct
        or token.is_space
        or token.text in _MARKUP
    )


def _trailing_junk(token: Token, label: str) -> bool:
    """Words after the name: a possessive, punctuation or a number ("Russia's", "Reuters,",
    "Barcelona 2"). A final "." ("Corp.") or ")" belongs to the name."""
    return (
        token.tag_ == "POS"
        or token.lower_ in _POSSESSIVES
        or (token.is_punct and token.text not in {".", ")"})
        or token.is_space
        or (token.like_num and label in _NO_NUMBERS)
        or token.text in _MARKUP
    )


def _name_bounds(span: Span) -> tuple[int, int]:
    """The token range of the name in `span`, edges dropped (see `_trim`)."""
    doc, start, end = span.doc, span.start, span.end
    # "Valero Energy Corp <VLO": a ticker spaCy ran into the name ends it.
    end = next((i for i in range(start + 1, end) if doc[i].text == "<"), end)
    while start < end and _leading_junk(doc[start]):
        start += 1
    # "pro-Beijing DAB", "Pro-Beijing": a stance before a name is not part of it, and alone
    # names nothing (spaCy splits "pro-Beijing" into three words)
    while start + 1 < end and doc[start].lower_ in _STANCES and doc[start + 1].text == "-":
        start = min(start + 3, end)
    while end > start and _trailing_junk(doc[end - 1], span.label_):
        end -= 1
    # "Interfax news agency", "the national CFDT union": lowercase words at the edges are
    # what the name is, not the name ("van", "de" begin surnames and stay).
    while start < end and _lowercase_word(doc[end - 1]):
        end -= 1
    while start < end and _lowercase_word(doc[start]):
        start += 1
    # "<Qintex Ltd> of Brisbane", "<CEA Partnership II>.": the bracket was inside the
    # words just cut, or before the name's final ".".
    while end > start and (
        doc[end - 1].text in _MARKUP or (doc[end - 1].text == "." and doc[end - 2].text in _MARKUP)
    ):
        end -= 1
    return start, end


def _cut_run_on(doc: Doc, start: int, end: int) -> int:
    """Where a name ends when spaCy ran it into the next phrase: "Rathbun" of "According to
    Rathbun the Scientology property", "Scientology" of "spoken out against Scientology on
    French television": a small lowercase word inside that hangs on a word outside (not
    "Catherine the Great" or "Bank of England", whose small words hang inside)."""
    for i in range(start + 1, end):
        token = doc[i]
        if token.pos_ in {"ADP", "DET"} and token.is_lower and not (start <= token.head.i < end):
            return i
    return end


def _trim(span: Span) -> Span | None:
    """Drop leading articles, honorifics, trailing possessives and punctuation."""
    start, end = _name_bounds(span)
    doc = span.doc
    cut = _cut_run_on(doc, start, end)
    # "State of the Union", a name the type table knows whole, stays whole.
    if cut < end and name_type(doc[start:end].text) is None:
        end = cut
        while end > start and _lowercase_word(doc[end - 1]):
            end -= 1
    if start >= end:
        return None
    trimmed = span.doc[start:end]
    # A name never runs across lines (a headline into the body) and has a letter in it.
    if "\n" in trimmed.text or not any(ch.isalpha() for ch in trimmed.text):
        return None
    return trimmed


def _has_honorific(span: Span, text: str) -> bool:
    """Mr./Ms./Dr. right before the name; `text` is the article (Doc.text would rebuild it
    from the tokens at every call)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in HONORIFICS:
        return True
    # "Mr.Seleznev": spaCy keeps the honorific glued to the name's token.
    before = text[max(0, span.start_char - 4) : span.start_char].lower()
    return before.endswith(("mr.", "ms.", "mrs.", "dr."))


_DATE_IN_NAME = re.compile(r"\d+/\d+")
# Country names that are also common given names: as a PERSON they stay persons.
_NAME_LIKE_COUNTRIES = frozenset({"Chad", "Georgia", "India", "Israel", "Jordan", "Kenya"})
# A one-word PERSON that names a city this big is the city ("Kiev", "Dortmund").
_CITY_OVER_PERSON = 100000


def first_guess_type(label: str, text: str) -> tuple[str | None, Country | None]:
    """Map a spaCy label and the span's text to a newskg type (None: not an entity)."""
    demonym = lookup_demonym(text)
    if label == "NORP" or (label in {"PERSON", "GPE", "ORG"} and demonym):
        if demonym:
            return "Country", demonym
        # "the Greens", "Social Democrats" (parties), "Punjab": the table knows them.
        own = name_type(text) if label == "NORP" else None
        return (own, None) if own in {"Organization", "Place"} else (None, None)
    country = lookup_country(text)
    if country and (label != "PERSON" or text not in _NAME_LIKE_COUNTRIES):
        return "Country", country
    # The name's own words outweigh spaCy's label: "Islam", "Hajj" and "Windows XP" are
    # none of the four types, "Ludwig Gallery" is a place.
    own = name_type(text)
    # "Business 03/16/2016": a date in a name is a page's furniture, not a name.
    if own == NOT_AN_ENTITY or _DATE_IN_NAME.search(text):
        return None, None
    if own is not None:
        return own, None
    words = text.replace(".", " ").split()
    # "Marek Mintal", "Klaas - Jan Huntelaar": spaCy's small model calls many people it
    # does not know an organisation or a place; a common given name first says a person.
    if label in {"ORG", "GPE", "LOC"} and opens_with_given_name(words):
        return "Person", None
    if label == "PERSON":
        if looks_like_org(words):
            return "Organization", None
        if len(words) == 1 and lookup_city(text, min_population=_CITY_OVER_PERSON, as_written=True):
            return "Place", None
        return "Person", None
    if label == "ORG":
        # A city's name that spaCy calls an organisation stays one: in news it is a club
        # ("Freiburg", "Wolfsburg") more often than the city (measured on DWIE).
        return "Organization", None
    if label in {"GPE", "LOC"}:
        return ("Organization" if looks_like_org(words) else "Place"), None
    return None, None


def _split_role(span: Span, label: str) -> tuple[Span, str | None]:
    """Cut a title spaCy put inside a name: "President Zuma" -> ("Zuma", "president"); the
    department of a role before it: "State Matthew Bryza" after "Secretary of" -> "Matthew
    Bryza" (`_role` then reads "secretary of state" before it). `label` is spaCy's (the
    trimmed span has none of its own)."""
    if label not in {"PERSON", "ORG"}:
        return span, None
    department = leading_department_length(span)
    if department:
        return span[department:], None
    cut = leading_role_length(span)
    if cut == 0 or (label == "ORG" and not _person_after_role(span, cut)):
        return span, None
    role_tokens = [t for t in span[:cut] if is_role_word(t.text) or t.lower_ in ROLE_MODIFIERS]
    return span[cut:], " ".join(t.lower_ for t in role_tokens) or None


def _person_after_role(span: Span, cut: int) -> bool:
    """Whether an organisation's span is a title and a person's name ("S African President
    Zuma"), not a company whose name opens with a role word ("General Motors", "General
    Administration of Customs")."""
    words = [t.text for t in span]
    rest = words[cut:]
    return (
        not looks_like_org(words)
        and 0 < len(rest) <= 3
        and all(w[:1].isupper() for w in rest)
        and not ORG_HEADS.intersection(rest)
    )


def _listed_candidates(
    text: str, sentence_starts: list[int], orgs: list[tuple[int, int]]
) -> list[Candidate]:
    """Teams, grounds and athletes on results lines (kg.extract.results), players in
    line-ups (kg.extract.lineups), dateline places (kg.extract.datelines) and companies
    before a ticker (kg.extract.orgs): text that spaCy, trained on running text, reads badly.
    `orgs` are the spans spaCy calls organisations: there its name stands ("Bank of New York
    Co Inc <BK.N>", where the words before the ticker stop at "of")."""

    def candidate(start: int, end: int, type_: str, **extra: object) -> Candidate:
        sentence = bisect_right(sentence_starts, start) - 1
        return Candidate(start, end, text[start:end], "LISTED", type_, sentence, **extra)

    found = []
    for start, end in team_spans(text):
        country = lookup_country(text[start:end])
        if country is not None:  # a national team: the country, as news readers say
            found.append(candidate(start, end, "Country", country=country))
        else:
            found.append(candidate(start, end, "Organization", org_cue=True))
    datelines = dateline_places(text)
    for start, end in datelines + venue_spans(text):
        country = lookup_country(text[start:end])
        type_ = "Country" if country is not None else "Place"
        dateline = (start, end) in datelines
        found.append(
            candidate(start, end, type_, country=country, place_cue=True, dateline=dateline)
        )
    # "Valero Energy Corp <VLO>": the ticker says a company, whatever spaCy read there.
    for start, end, code in ticker_names(text):
        taken = [(c.start, c.end) for c in found] + orgs
        if not any(start < e and s < end for s, e in taken):
            found.append(candidate(start, end, "Organization", org_cue=True, ticker=code))
    is_country = lambda name: lookup_country(name) is not None  # noqa: E731
    people, heads = lineup_spans(text, is_country)
    for start, end in heads:
        if not any(start < c.end and c.start < end for c in found):
            found.append(candidate(start, end, "Country", country=lookup_country(text[start:end])))
    for start, end in people:
        if not any(start < c.end and c.start < end for c in found):
            found.append(candidate(start, end, "Person", honorific=True))
    for start, end in athlete_spans(text, is_country):
        # "Group F. Schalke ...": an initial before a club's name is no athlete's
        if looks_like_org(text[start:end].replace(".", " ").split()):
            continue
        if not any(start < c.end and c.start < end for c in found):
            found.append(candidate(start, end, "Person", honorific=True))
    return found


def _known_orgs_untagged(
    text: str,
    sentence_starts: list[int],
    found: list[Candidate],
    skips: list[tuple[int, int]],
    *,
    clubs: bool = False,
) -> list[Candidate]:
    """The type table's organisations named whole where spaCy tagged nothing: "Facebook" in
    "on the magazine 's Facebook page", "Uber" in "Anti - Uber protests", and in a sports
    report (`clubs`) a club named by one word ("Schalke mark their return"); not in a wire's
    credit ("( AFP , Reuters )") or a byline, which `skips` hold."""
    taken = [(c.start, c.end) for c in found] + skips
    return [
        Candidate(
            start,
            end,
            text[start:end],
            "LISTED",
            "Organization",
            bisect_right(sentence_starts, start) - 1,
            org_cue=True,
        )
        for start, end in known_org_spans(text, clubs=clubs)
        if not any(start < e and s < end for s, e in taken)
    ]


def _title_case_line(span: Span, text: str) -> bool:
    """The span's line is in title case: a headline ("Italy Rejects Easing Assisted
    Fertility"), where spaCy reads capitalised words as one name."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    words = [w for w in text[line_start : line_end if line_end >= 0 else len(text)].split()]
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


def _country_opening_headline(span: Span, label: str, text: str) -> Span:
    """ "Italy" of the headline "Italy Rejects Easing Assisted Fertility": in a title-case line
    a country opening an organisation or person that its words do not make one is the
    country alone."""
    if label not in {"ORG", "PERSON"} or len(span) < 2:
        return span
    first = span[0].text
    if lookup_country(first) is None and lookup_demonym(first) is None:
        return span
    if looks_like_org([t.text for t in span]) or not _title_case_line(span, text):
        return span
    return span[:1]


def _whole_word(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _headline_common_tail(span: Span, label: str, text: str) -> Span:
    """ "Mzoudi" of the headline "Mzoudi Verdict Postponed Amid New Testimony", "EU" of "EU
    Enlargement Divides ...": in a title-case line, the last word of a name that the article
    also writes in lower case ("the verdict") is no part of the name when the article names
    the words before it alone below; "EU Commission" (an organisation's words) stays."""
    if label not in {"ORG", "PERSON"} or len(span) < 2:
        return span
    if looks_like_org([t.text for t in span]) or not _title_case_line(span, text):
        return span
    last = span[-1].text
    line_end = text.find("\n", span.end_char)
    if not last.istitle() or line_end < 0 or not _whole_word(last.lower(), text):
        return span
    rest = span[:-1]
    return rest if _whole_word(rest.text, text[line_end:]) else span


def _portfolio_before_role(span: Span, label: str) -> Span:
    """ "EU" of "EU Energy Commissioner Andris Piebalgs": after an organisation's acronym, a
    word right before a role noun is the role's portfolio ("Energy Commissioner"), not part
    of the name; "Real Madrid coach", "Federal Reserve Chairman" and "PSV Eindhoven coach"
    (a club's words) keep their names."""
    doc = span.doc
    if label != "ORG" or len(span) != 2 or span.end >= len(doc):
        return span
    acronym, word = span[0].text, span[1]
    if not (len(acronym) >= 2 and acronym.isupper() and acronym.isalpha() and word.is_title):
        return span
    if not is_role_word(doc[span.end].text) or looks_like_org([acronym, word.text]):
        return span
    return span[:1]


def _headline_run_on(span: Span, text: str) -> bool:
    """A span spaCy ran across the words of an ALL-CAPS headline, which it read in
    headline case (kg.nlp.analysis_text) where every word looks like a name: "CRICKET -
    LEICESTERSHIRE TAKE OVER", "WOODS MAKES PRO DEBUT", or the sport before the dash.
    """
    start, end = span.start_char, span.end_char
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if any(ch.islower() for ch in line):
        return False
    words = span.text.split()  # as spaCy read it, in headline case: "Bank", not "BANK"
    if "-" in words or (text.startswith(" - ", end) and start == line_start):
        return True
    # Three words or more are a run-on unless one says organisation ("Bank of England").
    return len(words) >= 3 and not looks_like_org(words) and not ORG_HEADS.intersection(words)


def candidate_mentions(
    doc: Doc, sentence_starts: list[int], text: str | None = None, *, analysed: str | None = None
) -> list[Candidate]:
    """Every kept named-entity mention of the doc, trimmed and typed, in text order.

    `text` is the article's own text when spaCy read a recased copy of it
    (kg.nlp.analysis_text): mentions quote the article, not the copy. `analysed` is
    `doc.text` when the caller has it already (spaCy joins every token again to make it).
    """
    analysed = doc.text if analysed is None else analysed
    original = analysed if text is None else text
    orgs = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
    found = _listed_candidates(original, sentence_starts, orgs)
    beaten = set(beaten_spans(original))
    skips = [r for r in (dateline_byline(analysed), closing_credit(analysed)) if r]
    skips += [(c.start, c.end) for c in found]
    # "<SMC.PS>" is the code of the name before it, not a name of its own.
    skips += ticker_spans(original)
    place = byline_place(analysed)
    not_names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in _KEPT_LABELS:
            ent = _named_by_own_words(ent)
        if ent is None or _overlaps(ent, skips):
            continue
        candidate = _entity_candidate(ent, original, sentence_starts, beaten, not_names)
        if candidate is None:
            continue
        if place and place[0] <= candidate.start and candidate.end <= place[1]:
            candidate = replace(candidate, dateline=True)
        found.append(candidate)
    sports = _SPORTS.search(analysed) is not None
    found += _known_orgs_untagged(original, sentence_starts, found, skips, clubs=sports)
    if not_names:
        found = [c for c in found if not _short_for_non_entity(c, not_names)]
    common = _common_words_opening_sentences(doc, analysed)
    if common:
        found = [c for c in found if not (c.label in {"ORG", "PERSON"} and c.text in common)]
    if not sports:
        found = [_city_not_club(c) for c in found]
    else:
        found = [replace(c, org_cue=True) if c.team_cue else c for c in found]
    return _parenthesised_short_forms(sorted(found, key=lambda c: (c.start, c.end)), original)


# "( ASX )", "(HoGeSa)": what stands between a name and its short form, and after it.
_OPEN = re.compile(r"\s*\(\s*\Z")
_CLOSE = re.compile(r"\s*\)")


def _short_form_shaped(text: str) -> bool:
    """One word with two capitals or more: "ASX", "HoGeSa", "CDU"; not "Paris" or "23"."""
    return " " not in text and sum(ch.isupper() for ch in text) >= 2


def _parenthesised_short_forms(found: list[Candidate], text: str) -> list[Candidate]:
    """Mark a short form in parentheses right after an organisation's name of two words or
    more as that name's: "Australian Securities Exchange ( ASX )", "the Christian Democrats
    ( CDU )", whose letters need not spell the name's initials; not "Marek Mintal ( 23 goals
    )" nor "Berlin ( AFP )"."""
    marked = list(found)
    for index in range(1, len(marked)):
        name, short = marked[index - 1], marked[index]
        if (
            name.type == "Organization"
            and len(name.text.split()) > 1
            and short.country is None
            and _short_form_shaped(short.text)
            and _OPEN.search(text, name.end, short.start)
            and _CLOSE.match(text, short.end)
        ):
            marked[index] = replace(short, expands=(name.start, name.end))
    return marked


# What a team does or has, around its name: "win over X", "X beat", "X's new coach".
_MATCH_NOUNS = frozenset(
    "clash defeat draw drew drawn game lost loss match points tie tied victory win won".split()
)
_MATCH_VERBS = frozenset(
    """
    beat beats defeated drew edged face faces faced host hosts hosted lost thrashed trail
    trails visit visits visited won
    """.split()
)
_TEAM_NOUNS = frozenset(
    "captain coach defender fans goalkeeper manager midfielder squad striker".split()
)


def _team_cue(span: Span) -> bool:
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in {"over", "to", "with", "against"}:
        return head.head.lower_ in _MATCH_NOUNS
    if root.dep_ in {"nsubj", "dobj"} and head.lower_ in _MATCH_VERBS:
        return True
    # "Hamburg 's 2 - 1 loss", "Barcelona 's Andres Iniesta": a team's result or player
    if root.dep_ == "poss" and (head.lower_ in _MATCH_NOUNS or head.ent_type_ == "PERSON"):
        return True
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : span.end + 3] if t.tag_ != "POS"]
    return any(word in _TEAM_NOUNS for word in after[:2])


# Words of sports reports, where a city's name that spaCy calls an organisation is a club
# ("Freiburg", "Wolfsburg"); elsewhere it is the city ("Vilnius", "Tripoli").
_SPORTS = re.compile(
    r"\b(?:[Bb]undesliga|[Cc]hampions [Ll]eague|coach|striker|midfielder|goalkeeper|"
    r"defender|goals?|scored|match|matches|season|league|cup|club|clubs|innings|wickets?|"
    r"batsman|bowler|played|player|players|team|squad|fixtures?|beat)\b"
)
_CITY_OVER_ORG = 100000


def _city_not_club(candidate: Candidate) -> Candidate:
    if (
        candidate.label == "ORG"
        and candidate.type == "Organization"
        and not candidate.org_cue
        and lookup_city(candidate.text, min_population=_CITY_OVER_ORG)
    ):
        return replace(candidate, type="Place")
    return candidate


def _common_words_opening_sentences(doc: Doc, analysed: str) -> set[str]:
    """One-word names spaCy found at a sentence's start whose word the article also writes
    in lower case: "Software is the key driver" beside "software", a common noun that the
    sentence capitalised ("Homeopathy is ...", "Digital technologies ...")."""
    found = set()
    for ent in doc.ents:
        first = ent[0]
        opening = first.is_sent_start or (
            first.i > 0 and doc[first.i - 1].is_quote and doc[first.i - 1].is_sent_start
        )
        if (
            len(ent) != 1
            or not opening
            or not first.is_title
            or ent.label_ not in {"ORG", "PERSON"}
        ):
            continue
        lower = first.lower_
        if first.is_alpha and re.search(rf"(?<![\w-]){lower}(?![\w-])", analysed):
            found.add(first.text)
    return found


def _short_for_non_entity(candidate: Candidate, not_names: set[str]) -> bool:
    """ "Discovery" after "Space Shuttle Discovery": the last word of a name that is no
    entity names the same thing, unless a title or a country says otherwise."""
    return (
        candidate.text in not_names
        and candidate.label != "LISTED"
        and candidate.type in {"Person", "Organization"}
        and not (candidate.honorific or candidate.role or candidate.org_cue)
    )


# spaCy's labels for things with names: kept only when their own words say an entity.
_THING_LABELS = frozenset({"EVENT", "FAC", "PRODUCT", "WORK_OF_ART"})


def _named_by_own_words(ent: Span) -> Span | None:
    """A name spaCy calls a product, a work or a building that its own words make an
    organisation ("Dynamo Dresden", "Philosophie Magazin") or a country ("Cyprus"), read
    as spaCy's ORG or GPE; None for the rest ("Avatar", "the Brandenburg Gate")."""
    if ent.label_ not in _THING_LABELS:
        return None
    span = _trim(ent)
    if span is None:
        return None
    if lookup_country(span.text) is not None:
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    words = span.text.replace(".", " ").split()
    if looks_like_org(words) and name_type(span.text) is None:
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return None


def _overlaps(ent: Span, skips: list[tuple[int, int]]) -> bool:
    """spaCy's entity touches a byline, a credit or a listed mention, which say better."""
    return any(ent.start_char < end and ent.end_char > start for start, end in skips)


def _entity_candidate(
    ent: Span,
    original: str,
    sentence_starts: list[int],
    beaten: set[tuple[int, int]],
    not_names: set[str],
) -> Candidate | None:
    """One of spaCy's entities as a candidate: trimmed, its title cut off, typed; None when
    nothing of a name is left, it ran across a capitals headline, it is the department of a
    role ("Secretary of State") or its words say it is no entity (the last word of such a
    name of several words goes into `not_names`)."""
    span = _trim(ent)
    if span is None or role_fragment(span):
        return None
    span, role = _split_role(span, ent.label_)
    span = _country_opening_headline(span, ent.label_, original)
    span = _headline_common_tail(span, ent.label_, original)
    span = _portfolio_before_role(span, ent.label_)
    type_, country = first_guess_type(ent.label_, span.text)
    if type_ is None:
        if len(span) > 1 and ent.label_ in _KEPT_LABELS - {"NORP"}:
            not_names.add(span[-1].text)
        return None
    if country is None and _headline_run_on(span, original):
        return None
    # What the type table says of the name outweighs the names listed with it.
    own = None if country else name_type(span.text)
    place_cue = country is None and (own == "Place" or _after_place_noun(span))
    if place_cue:
        type_ = "Place"
    elif type_ == "Person" and _plural_after_the(span):
        type_ = "Organization"
    is_demonym = country is not None and lookup_country(span.text) is None
    ticker = None if country else ticker_after(original, span.end_char)
    return Candidate(
        start=span.start_char,
        end=span.end_char,
        text=original[span.start_char : span.end_char],
        label=ent.label_,
        type=type_,
        sentence=bisect_right(sentence_starts, span.start_char) - 1,
        country=country,
        honorific=_has_honorific(span, original),
        kind="demonym" if is_demonym else "name",
        role=_role(span, role, country),
        # Only a listed company has a ticker: it outweighs spaCy's "person". So do the
        # name's own words ("FC Porto", "Wacker Biotech AG").
        org_cue=country is None
        and (
            ticker is not None
            or own == "Organization"
            or _org_cue(span, type_, beaten)
            or _org_by_words(span)
        ),
        place_cue=place_cue,
        ticker=ticker,
        peer=None if country else _peer_type(span),
        team_cue=type_ in {"Place", "Organization"} and _team_cue(span),
        person_cue=ent.label_ == "PERSON" and _person_by_syntax(span),
    )


# Verbs of speaking as spaCy's small model writes them (no lemmas are read here).
_SPEECH_FORMS = frozenset(
    """
    add added adds argue argued argues explain explained explains insist insisted insists
    say said says stress stressed stresses tell tells told warn warned warns write writes
    wrote
    """.split()
)
# "the Obama administration", "the Bush government": a leader's name before the body led.
_LED_BODIES = frozenset({"administration", "government", "presidency", "regime"})


def _person_by_syntax(span: Span) -> bool:
    """A one-word name the parse makes a person's: the subject of a verb of speaking ("Peskov
    said"), a possessor ("Nixon 's fate after Watergate") or the leader before "administration"
    ("the Obama administration"); not "the Billboard album chart" or "Cures for cancer is"."""
    if len(span) != 1:
        return False
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.lower_ in _SPEECH_FORMS:
        return True
    if root.dep_ == "poss":
        return True
    return root.dep_ == "compound" and head.lower_ in _LED_BODIES


_PEER_TYPES = {"PERSON": "Person", "ORG": "Organization"}


def _org_by_words(span: Span) -> bool:
    return looks_like_org(span.text.replace(".", " ").split())


def _peer_type(span: Span) -> str | None:
    """The one type spaCy gave the names coordinated with this one ("X, Y and Z"), read from
    the parse: the head a conjunct hangs on and the conjuncts hanging on it."""
    root = span.root
    tokens = [root.head] if root.dep_ == "conj" else []
    tokens += [t for t in root.children if t.dep_ == "conj"]
    types = {
        _PEER_TYPES.get(t.ent_type_)
        for t in tokens
        if t.ent_iob_ != "O" and not (span.start <= t.i < span.end)
    }
    return types.pop() if len(types) == 1 else None


# "the town of Yeoncheon", "the city of Ulm": the noun says a place, whatever spaCy said.
_PLACE_NOUNS = frozenset(
    "city county district island municipality province region state suburb town township"
    " village".split()
)


def _after_place_noun(span: Span) -> bool:
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in _PLACE_NOUNS
    )


def _plural_after_the(span: Span) -> bool:
    """ "the Beatles", "the Greens": one plural word after "the" names a group (a band, a
    party, a team), never a person ("Williams" has no "the")."""
    doc = span.doc
    word = span.text
    return (
        len(span) == 1
        and span.start > 0
        and doc[span.start - 1].lower_ == "the"
        and word.endswith("s")
        and not word.endswith(("ss", "'s"))
        and word[:1].isupper()
        and not word.isupper()
    )


def _role(span: Span, cut_role: str | None, country: Country | None) -> str | None:
    """Countries have no roles: "Russian Ambassador X" gives the role to X. A person's role
    is the title cut off the name, else the one around it ("Ambassador X", "X, the envoy")."""
    if country:
        return None
    return cut_role or role_before(span) or role_after(span)


def _org_cue(span: Span, type_: str, beaten: set[tuple[int, int]]) -> bool:
    """Places that beat each other are teams ("Surrey beat Warwickshire"), and a noun before
    a name can say it is an organisation ("daily Le Monde")."""
    team = type_ == "Place" and (span.start_char, span.end_char) in beaten
    return team or org_cue_before(span)
