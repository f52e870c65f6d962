"""Names in results listings, where spaCy, trained on running text, reads least well.

Wire services print results as bare lines: "Ayr 6 Berwick 0", "BOSTON 69 65 .515 5 1/2",
"MINNESOTA AT MILWAUKEE", "Birmingham v Barnsley". Every name on such a line is a team,
which spaCy reads as a place or misses altogether. Athletes are listed as
"Carla Sacramento ( Portugal ) 4:08.96" or, in cricket scorecards, "S. Waugh b Warne 22".
"""

from __future__ import annotations

import re

# A team name: capitalised words, with "of", "de", "&" or an apostrophe inside
# ("Queen of South", "Queen 's Park", "St Johnstone").
_TEAM = r"[A-Z][A-Za-z.&'-]*(?: (?:of|de|the|'s|[A-Z][A-Za-z.&'-]*))*"
_SCORE = r"\d{1,3}(?: \([^)\n]{1,20}\))?"
# "Ayr 6 Berwick 0", "San Francisco 6 NEW YORK 4", "Rangers 2 Celtic 2 ( 1-1 )"
_RESULT = re.compile(rf"^(?P<a>{_TEAM}) {_SCORE} (?P<b>{_TEAM}) {_SCORE}(?: \([^)\n]*\))?$")
# "BOSTON 69 65 .515 5 1/2", "Stoke 4 3 1 0 7 4 10": a name, then three or more numbers
_STANDING = re.compile(rf"^(?P<a>{_TEAM})(?: (?:\d+(?:/\d+)?|\.\d+|-)){{3,}}$")
# "Birmingham v Barnsley"; "MINNESOTA AT MILWAUKEE" names the visitors, then the venue
_FIXTURE = re.compile(rf"^(?P<a>{_TEAM}) (?:v|vs\.?) (?P<b>{_TEAM})$")
_AWAY = re.compile(rf"^(?P<a>{_TEAM}) (?:AT|at) {_TEAM}$")
# Cricket scorecards: "At Hove : Sussex 363 and 144 , Lancashire 218 and 53-0 .",
# "Bristol : Gloucestershire 183 and 185-6 ( J. Russell 56 not out ) , Northamptonshire 190".
# An innings is runs, maybe "-wickets", maybe the scorers in parentheses; a side bats twice.
_INNINGS = r"\d{1,3}(?:-\d{1,2})?(?: \( ?[^()\n]* ?\))?"
_CARD_SCORE = rf"{_INNINGS}(?: and {_INNINGS})?"
_VENUE = rf"(?:At )?(?P<venue>{_TEAM})(?: \( ?(?P<venue2>{_TEAM}) ?\))? ?: "
_CARD = re.compile(
    rf"^(?:{_VENUE})?(?P<a>{_TEAM}) {_CARD_SCORE} ?, (?P<b>{_TEAM}) {_CARD_SCORE}(?: ?\.)?$"
)
# "At Chesterfield : Derbyshire beat Worcestershire by nine wickets ."
_CARD_RESULT = re.compile(
    rf"^{_VENUE}(?P<a>{_TEAM}) (?:beat|drew with|lost to|tied with) (?P<b>{_TEAM}) by [^\n]+$"
)
# "Derbyshire 24 points , Worcestershire 5 ."
_POINTS = re.compile(rf"^(?P<a>{_TEAM}) \d{{1,2}} points ?, (?P<b>{_TEAM}) \d{{1,2}}(?: ?\.)?$")
_PATTERNS = (_RESULT, _STANDING, _FIXTURE, _AWAY, _CARD, _CARD_RESULT, _POINTS)


def team_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the team names on results, standings and fixture lines."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for pattern in _PATTERNS:
            match = pattern.match(body)
            if match:
                for group in ("a", "b"):
                    if group in pattern.groupindex and match.group(group):
                        spans.append((offset + match.start(group), offset + match.end(group)))
                break
        offset += len(line)
    return spans


def venue_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the grounds and towns that open a scorecard line ("At Hove :")."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        match = _CARD.match(body) or _CARD_RESULT.match(body)
        if match:
            for group in ("venue", "venue2"):
                if match.group(group):
                    spans.append((offset + match.start(group), offset + match.end(group)))
        offset += len(line)
    return spans


_COUNTRY_IN_PARENS = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:[- ](?:van|de|der|den|da|di|le|[A-Z][A-Za-z'-]+)){1,3}) "
    r"\( ?(?P<country>[A-Z][A-Za-z. ]{1,30}?) ?\)"
)
# "S. Waugh", "P. DeFreitas", "M. McCague", "T.O'Gorman"
_INITIALED = re.compile(
    r"(?<![\w.])(?P<name>(?:[A-Z]\. ?){1,2}"
    r"[A-Z](?:'[A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)(?![\w'])(?! [A-Z])"
)


# "Surrey beat Warwickshire by an innings": a place that beats another is a team.
_BEAT = re.compile(
    rf"(?P<a>{_TEAM}) (?:beat|defeated|drew with|lost to|edged|thrashed|routed|upset) "
    rf"(?P<b>{_TEAM})"
)


def beaten_spans(text: str) -> list[tuple[int, int]]:
    """Both sides of "X beat Y": teams when they are places, which the caller decides."""
    return sorted({m.span(g) for m in _BEAT.finditer(text) for g in ("a", "b")})


def athlete_spans(text: str, is_country) -> list[tuple[int, int]]:
    """People listed with their country in parentheses, or by initials and surname.

    `is_country(text)` says whether the parenthesised text names a country.
    """
    spans = [
        m.span("name") for m in _COUNTRY_IN_PARENS.finditer(text) if is_country(m.group("country"))
    ]
    for match in _INITIALED.finditer(text):
        initials = match.group("name").split()[0] if " " in match.group("name") else ""
        # "U.S. Army", "U.N. Security": a country or body, not a person.
        if not is_country(match.group("name")) and not is_country(initials.rstrip()):
            spans.append(match.span("name"))
    return sorted(set(spans))
