"""The place of a dateline: "MOSCOW 1996-08-30", "KHASAVYURT , Russia 1996-08-31",
"SALVADOR, Feb 26 - Showers continued ...".

A wire story opens with the place it was filed from, in capitals, and the date: on a line
of its own (CoNLL's Reuters) or before a dash that opens the first sentence (Reuters-21578).
The shape alone says that the capitals name a place: spaCy's small model, reading them
without context, misses most of them or calls them organisations.
"""

from __future__ import annotations

import re

# A city in capitals, up to four words: "NEW YORK", "THE HAGUE", "AL-RAM", "ST. LOUIS".
_PLACE = r"[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3}"
# The region or country after the comma, as written: "Russia", "West Bank", "N.H.", "Calif".
_REGION = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}}(?: ?, \d{{4}})?)"
# The whole line is the dateline: the place, maybe a region, then the date and nothing more.
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?: ?, (?P<region>{_REGION}))? ?,? (?:{_DATE})\s*$", re.MULTILINE
)


# Months as Reuters-21578 writes them in an opening dateline: "Feb 26", "March 2", "MARCH 6".
_ANY_CASE_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[A-Za-z]*\.?"
# The dateline opens the line and a dash ends it: "SAN ANTONIO, TEX., MARCH 6 - Valero ...",
# "CALGARY, Alberta, March 19 - ", "MOSCOW, Dec 2 (Reuters) - ".
_OPENING_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:, (?P<region>{_REGION}))?, {_ANY_CASE_MONTH} \d{{1,2}}"
    r"(?: \([A-Za-z]+\))? -{1,2} ",
    re.MULTILINE,
)


def dateline_places(text: str) -> list[tuple[int, int]]:
    """Character spans of the place (and region) named by each dateline, in text order."""
    matches = [*_DATELINE.finditer(text), *_OPENING_DATELINE.finditer(text)]
    spans: list[tuple[int, int]] = []
    for match in sorted(matches, key=lambda m: m.start()):
        place = match.group("place")
        if re.fullmatch(_MONTH, place.title()) or re.fullmatch(_WEEKDAY, place):
            continue
        spans.append(match.span("place"))
        region = match.group("region")
        # "IRVINE , Calif" but not "MOSCOW , Aug 30": a month is the date, not a region.
        if region and not re.fullmatch(_ANY_CASE_MONTH, region):
            spans.append(match.span("region"))
    return spans
