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
    dancer defender dictator diplomat director economist editor emperor empress envoy
    executive expert filmmaker footballer founder general goalkeeper governor head historian
    icon imam journalist judge king lawmaker lawyer leader legend legislator manager mayor
    midfielder minister monarch musician novelist officer philosopher photographer physician
    pilot player poet politician pope premier president priest prince princess professor
    prosecutor queen rabbi rapper referee reporter researcher ruler scientist screenwriter
    secretary senator sheikh singer sociologist soldier speaker spokesman spokesperson
    spokeswoman striker writer
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


def role_before(span: Span) -> str | None:
    """The role phrase right before a name: "Finance Minister" in "Finance Minister X"."""
    doc = span.doc
    end = span.start
    if end == 0 or not is_role_word(doc[end - 1].text):
        return None
    start = end - 1
    while start > 0 and doc[start - 1].lower_ in ROLE_MODIFIERS:
        start -= 1
    return doc[start:end].text.lower()


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
    """The noun of a role phrase: "finance minister" -> "minister"."""
    return role.split()[-1]
