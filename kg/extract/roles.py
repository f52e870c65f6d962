"""Role nouns around a name: "Russian Ambassador Anatoly Antonov", "Orban, the prime minister".

A role noun next to a name is the best evidence newskg has that the name is a person, and
the role itself is kept on the person. "the envoy" later in the article is a nominal mention
of the person whose role it names.
"""

from __future__ import annotations

from spacy.tokens import Span

# Nouns that name what a person is or does in the news. Each is a head: "minister" covers
# "Foreign Minister", "Finance Minister".
ROLE_WORDS = frozenset(
    """
    actor actress adviser advisor ambassador analyst anchor archbishop artist athlete
    attorney author bishop boss candidate captain cardinal ceo chairman chairperson
    chairwoman champion chancellor chief cleric coach colonel columnist commander
    commissioner composer congressman congresswoman correspondent councillor councilman
    dancer defender deputy dictator diplomat director economist editor emperor empress envoy
    executive expert filmmaker footballer founder general goalkeeper governor head historian
    icon imam journalist judge king lawmaker lawyer leader legend legislator manager mayor
    mep midfielder minister monarch mp musician novelist officer parliamentarian philosopher
    photographer physician pilot player poet politician pope premier president priest prince
    princess professor prosecutor queen rabbi rapper referee reporter researcher ruler
    scientist screenwriter secretary senator sheikh singer sociologist soldier speaker
    spokesman spokesperson spokeswoman striker writer
    """.split()
)

# Words that may stand before a role noun within the role: "Prime Minister", "Vice President".
ROLE_MODIFIERS = frozenset(
    """
    acting assistant associate chief deputy economy environment executive finance foreign
    former health interior justice labor labour managing prime senior state trade transport
    vice defence defense development education energy
    """.split()
)

# The department a role names: "Defense" in "Secretary of Defense" and "Deputy Defense
# Secretary", "State" in "Secretary of State". Inside a role phrase such a word is part of the
# role, not an organisation of its own.
DEPARTMENT_WORDS = frozenset(
    """
    affairs agriculture air army commerce defence defense education energy environment
    finance force foreign health homeland housing interior justice labor labour navy security
    state transport transportation treasury veterans war
    """.split()
)

# Nominal mentions ("the envoy") and the roles they can stand for.
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "envoy": frozenset({"ambassador", "envoy", "diplomat"}),
    "ambassador": frozenset({"ambassador", "envoy"}),
    "diplomat": frozenset({"ambassador", "envoy", "diplomat"}),
    "chancellor": frozenset({"chancellor"}),
    "president": frozenset({"president"}),
    "minister": frozenset({"minister"}),
    "premier": frozenset({"premier", "minister"}),
    "senator": frozenset({"senator"}),
    "governor": frozenset({"governor"}),
    "mayor": frozenset({"mayor"}),
    "pope": frozenset({"pope"}),
    "coach": frozenset({"coach", "manager"}),
    "spokesman": frozenset({"spokesman", "spokesperson"}),
    "spokeswoman": frozenset({"spokeswoman", "spokesperson"}),
}


def is_role_word(word: str) -> bool:
    return word.lower() in ROLE_WORDS


def _role_phrase_ending(doc, end: int) -> str | None:
    """The role phrase whose role noun is doc[end - 1], with the modifiers before it."""
    if end <= 0 or not is_role_word(doc[end - 1].text):
        return None
    start = end - 1
    while start > 0 and doc[start - 1].lower_ in ROLE_MODIFIERS:
        start -= 1
    return doc[start:end].text.lower()


def department_before(doc, start: int) -> int:
    """Where "<role> of" begins when doc[start] opens a department after it ("Secretary of"
    before "State Matthew Bryza"); -1 when it does not."""
    if start < 2 or start >= len(doc) or doc[start].lower_ not in DEPARTMENT_WORDS:
        return -1
    if doc[start - 1].lower_ != "of" or not is_role_word(doc[start - 2].text):
        return -1
    return start - 2


_POSSESSIVES = frozenset({"his", "her", "its", "their"})


def role_before(span: Span) -> str | None:
    """The role phrase right before a name: "Finance Minister" in "Finance Minister X",
    "secretary of state" in "Secretary of State John Kerry"."""
    doc = span.doc
    end = span.start
    role = _role_phrase_ending(doc, end)
    if role is not None:
        return role
    # "his deputy, Mussa Abu Marzuk": a role of someone's, a comma, the name.
    if end >= 3 and doc[end - 1].text == "," and doc[end - 3].lower_ in _POSSESSIVES:
        role = _role_phrase_ending(doc, end - 1)
        if role is not None:
            return role
    # "Secretary of State X": the department's words, "of", the role noun.
    first = end
    while first > 0 and doc[first - 1].lower_ in DEPARTMENT_WORDS and end - first < 3:
        first -= 1
    if first == end or department_before(doc, first) < 0:
        return None
    head = _role_phrase_ending(doc, first - 1)
    return f"{head} of {doc[first:end].text.lower()}" if head else None


def role_fragment(span: Span) -> bool:
    """A name that is the department of a role phrase: "Defense" in "Deputy Defense Secretary
    Wolfowitz" and "Secretary of Defense", "State" in "Secretary of State"."""
    if not all(t.lower_ in DEPARTMENT_WORDS for t in span):
        return False
    doc = span.doc
    if span.end < len(doc) and is_role_word(doc[span.end].text):
        return True
    return department_before(doc, span.start) >= 0


def leading_department_length(span: Span) -> int:
    """How many tokens at the start of a name are the department of a role before it: 1 for
    "State Matthew Bryza" after "Deputy Assistant Secretary of"."""
    if department_before(span.doc, span.start) < 0:
        return 0
    cut = 0
    while cut < len(span) - 1 and span[cut].lower_ in DEPARTMENT_WORDS:
        cut += 1
    return cut


def role_after(span: Span) -> str | None:
    """An appositive role after a name: "X, the president of ...", "X, chief minister of"."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    start = i
    # Up to three modifiers ("former", "German", "political") before the role noun.
    while i < len(doc) and i - start < 4:
        if is_role_word(doc[i].text) and not (i + 1 < len(doc) and is_role_word(doc[i + 1].text)):
            # "Saxony, State Premier Stanislaw Tillich": the role is the next name's.
            if i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN":
                return None
            words = [t.lower_ for t in doc[start : i + 1] if t.lower_ in ROLE_MODIFIERS]
            return " ".join([*words, doc[i].lower_])
        if not (doc[i].is_alpha and doc[i].pos_ in {"ADJ", "NOUN", "PROPN"}):
            return None
        i += 1
    return None


def leading_role_length(span: Span) -> int:
    """How many tokens at the start of an entity span are a role, not the name.

    spaCy often includes the title: "President Zuma", "S African President Zuma".
    """
    last_role = -1
    for offset, token in enumerate(span[:-1]):
        if is_role_word(token.text):
            last_role = offset
    return last_role + 1


def role_head(role: str) -> str:
    """The noun of a role phrase: "finance minister" -> "minister", "secretary of state" ->
    "secretary"."""
    return role.split(" of ")[0].split()[-1]
