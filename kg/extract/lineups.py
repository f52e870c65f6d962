"""People in team line-ups and name lists: lines that are nothing but names.

Sports reports print squads and fields as bare lists: "Austria : Michael Konsel , Markus
Schopp , Peter Schoettel , ...", "New Zealand - 15 - Christian Cullen ( Alama Ieremia , 70 )
, 14 - Jeff Wilson , ...", "Given , Breen , Staunton , Irwin , McAteer". Without a verb
around them spaCy's small model guesses at random (organisation, place, nothing). The shape
of the whole line is the evidence: every word outside parentheses is capitalised, or a
number, or a separator, and there are several names. Such a line lists people, after an
optional team or country heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A name: capitalised words, with surname particles inside or in front ("de Silva",
# "Joost van der Westhuizen", "Inzamam-ul-Haq", "O'Neill").
_PARTICLE = r"(?:van|von|der|den|de|del|da|di|du|le|la|bin|al|el)"
_WORD = r"[A-Z][A-Za-z'-]*[a-z][A-Za-z'-]*"
_NAME = re.compile(rf"(?:{_PARTICLE} )*{_WORD}(?: (?:{_PARTICLE} )*{_WORD}){{0,3}}")
# What else a line-up holds between names: shirt numbers, minutes ("77th"), bowling figures
# ("7-0-29-0"), scores, and separators.
_FILLER = re.compile(r"(?:\d+(?:[-:.,/]\d+)*(?:st|nd|rd|th)?|[,;:.-]|\s)+")
_PARENS = re.compile(r"\([^()\n]*\)")
# "Austria :", "New Zealand - 15 - ...": a heading before the first name.
_HEADING = re.compile(rf"^(?P<head>{_WORD}(?: {_WORD}){{0,2}}) (?::|-) ")
_MIN_NAMES = 4


def lineup_spans(
    text: str, is_country: Callable[[str], bool]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the people listed on name-list lines, and of the countries heading them.

    `is_country(text)` says whether a name is a country: a list that names countries
    outside parentheses is a list of countries or teams, not of people.
    """
    people: list[tuple[int, int]] = []
    heads: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        found = _people_on_line(line.rstrip("\r\n"), is_country)
        if found is not None:
            names, head = found
            people += [(offset + s, offset + e) for s, e in names]
            if head is not None:
                heads.append((offset + head[0], offset + head[1]))
        offset += len(line)
    return people, heads


def _people_on_line(
    line: str, is_country: Callable[[str], bool]
) -> tuple[list[tuple[int, int]], tuple[int, int] | None] | None:
    if line.count(",") + line.count(";") < _MIN_NAMES - 1:
        return None
    start = 0
    head = None
    heading = _HEADING.match(line)
    if heading:
        # A team's heading is no person ("Bowling :", "Rotor :"); a country's is the country.
        head = heading.span("head") if is_country(heading.group("head")) else None
        start = heading.end()
    # Outside parentheses, the line must be names and filler only.
    outside = _PARENS.sub(lambda m: " " * len(m.group()), line)
    names: list[tuple[int, int]] = []
    position = start
    for match in _NAME.finditer(outside, start):
        if not _FILLER.fullmatch(outside, position, match.start()) and position < match.start():
            return None
        if is_country(match.group()):
            return None
        names.append(match.span())
        position = match.end()
    if position < len(outside) and not _FILLER.fullmatch(outside, position):
        return None
    if len(names) < _MIN_NAMES:
        return None
    # Substitutes in parentheses are people too ("( Andreas Ogris 77th )"), countries not.
    for parens in _PARENS.finditer(line):
        for match in _NAME.finditer(line, parens.start() + 1, parens.end() - 1):
            if not is_country(match.group()):
                names.append(match.span())
    return sorted(names), head
