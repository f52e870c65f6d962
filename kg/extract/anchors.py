"""Where the entities of an article sit in its spaCy Doc: token -> entity, for rule extractors.

Relations and events are read off the dependency parse, but entities are built from
character spans (kg.extract.entities); `Anchors` joins the two once per article. A demonym
inside a longer name ("Russian" in "Russian Foreign Ministry") is not a mention of its own,
so `country_at` also reads a token as a country when the article has that country.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

import numpy
from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.countries import lookup_country, lookup_demonym
from kg.extract.places import BIG_CITY, City, lookup_city, lookup_region
from kg.model import Entity, Span


class Anchors:
    """Token-level lookups over one article's entities."""

    def __init__(
        self,
        doc: Doc,
        entities: tuple[Entity, ...],
        *,
        text: str | None = None,
        sentence_starts: list[int] | None = None,
        source: str | None = None,
    ) -> None:
        """`text` and `sentence_starts` are the doc's text and its sentences' first
        characters, when the caller has them already (spaCy makes each anew on every read).
        `source` is the article as written, when spaCy read a recased copy of it
        (kg.nlp.load.analysis_text): what facts quote is taken from it."""
        self.doc = doc
        self.text = doc.text if text is None else text
        self.source = self.text if source is None else source
        self.entities = {e.id: e for e in entities}
        self.token_entity: dict[int, str] = {}
        self.token_mention: dict[int, Span] = {}
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.token_entity.setdefault(token.i, entity.id)
                    self.token_mention.setdefault(token.i, Span(mention.start, mention.end))
        self.country_ids = {e.iso3: e.id for e in entities if e.type == "Country" and e.iso3}
        self.sentence_starts = (
            [s.start_char for s in doc.sents] if sentence_starts is None else sentence_starts
        )
        self._dates: list[DocSpan] | None = None
        self._date_starts: list[int] = []
        self._array: numpy.ndarray | None = None
        self._lower: list[int] | None = None
        self._words: dict[frozenset[int], list[tuple[int, tuple[int, ...]]]] = {}

    def _attributes(self) -> numpy.ndarray:
        """Each token's part of speech, lower case form, lemma and tag as spaCy's ids, read
        from the Doc as one array: a Token object per word and attribute is slow."""
        if self._array is None:
            self._array = self.doc.to_array([POS, LOWER, LEMMA, TAG]).reshape(-1, 4)
        return self._array

    def lower(self) -> list[int]:
        """The id of each token's lower case form (`spacy.strings.get_string_id`)."""
        if self._lower is None:
            self._lower = self._attributes()[:, 1].tolist()
        return self._lower

    def words(self, parts_of_speech: frozenset[int]) -> list[tuple[int, tuple[int, ...]]]:
        """The index and word of each token of these parts of speech (spaCy's ids), in
        order; a word is its part of speech, lower case form, lemma and tag, as ids."""
        words = self._words.get(parts_of_speech)
        if words is None:
            array = self._attributes()
            chosen = numpy.zeros(len(array), dtype=bool)
            for pos in parts_of_speech:
                chosen |= array[:, 0] == pos
            indexes = chosen.nonzero()[0].tolist()
            words = list(zip(indexes, map(tuple, array[chosen].tolist()), strict=True))
            self._words[parts_of_speech] = words
        return words

    def dates_in(self, sentence: DocSpan) -> list[DocSpan]:
        """spaCy's DATE entities inside `sentence`, in order: `sentence.ents` of label DATE.

        `Span.ents` builds every entity of the doc on each call, so asking it once per event
        trigger made long articles quadratic (a 400 kB article spent 10 s in it); the dates
        are listed once and found by bisection.
        """
        if self._dates is None:
            self._dates = [ent for ent in self.doc.ents if ent.label_ == "DATE"]
            self._date_starts = [ent.start for ent in self._dates]
        found = []
        # Entities never overlap: past the first that ends after the sentence, none is in it.
        for index in range(bisect_left(self._date_starts, sentence.start), len(self._dates)):
            ent = self._dates[index]
            if ent.end > sentence.end:
                break
            found.append(ent)
        return found

    def entity_at(self, token: Token) -> str | None:
        return self.token_entity.get(token.i)

    def type_of(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id].type if entity_id in self.entities else None

    def mention_span(self, token: Token) -> Span:
        return self.token_mention.get(token.i, Span(token.idx, token.idx + len(token.text)))

    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.sentence_starts, char) - 1)

    def country_at(self, token: Token) -> str | None:
        """The article's country entity this token names, as a mention or inside a name."""
        found = self.entity_at(token)
        if self.type_of(found) == "Country":
            return found
        if not token.text[:1].isupper():
            return None
        country = lookup_demonym(token.text) or lookup_country(token.text)
        return self.country_ids.get(country.iso3) if country else None

    def place_country(self, entity_id: str) -> str | None:
        """The article's country entity holding a Place that is a known city or region."""
        name = self.entities[entity_id].name
        # a region before a city: Ontario is Canada's province before California's city
        country = lookup_region(name)
        if country is None:
            city = lookup_city(name, min_population=BIG_CITY)
            country = city.country if city is not None else None
        return None if country is None else self.country_ids.get(country.iso3)

    def city_entities(self, city: City) -> list[str]:
        """The article's Place entities that name this city."""
        return [
            e.id
            for e in self.entities.values()
            if e.type == "Place" and lookup_city(e.name, min_population=city.population) == city
        ]


class WordFilter:
    """The tokens that pass a test reading only the token's own word: its part of speech,
    lower case form, lemma and tag (`Anchors.words`), such as "is a trigger of the lexicon".

    The answer is remembered per distinct word, so the test runs once per word rather than
    once per token, and a Token object is made only for the tokens that pass; at most
    `limit` words are remembered (a corpus has more, and the table would only grow).
    """

    def __init__(
        self, test: Callable[[Token], bool], parts_of_speech: frozenset[str], limit: int = 50_000
    ) -> None:
        from spacy.symbols import IDS

        self._test = test
        self._pos = frozenset(IDS[name] for name in parts_of_speech)
        self._known: dict[tuple[int, ...], bool] = {}
        self._limit = limit

    def tokens(self, anchors: Anchors) -> Iterator[Token]:
        """The article's tokens that pass, in text order."""
        doc, known = anchors.doc, self._known
        for index, word in anchors.words(self._pos):
            passed = known.get(word)
            if passed is None:
                if len(known) >= self._limit:
                    known.clear()
                passed = known[word] = self._test(doc[index])
            if passed:
                yield doc[index]


def span_of_tokens(tokens: list[Token]) -> Span:
    """The character range from the first token's start to the last token's end."""
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return Span(first.idx, last.idx + len(last.text))


_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "met": "meet",
    "fought": "fight",
    "shot": "shoot",
    "struck": "strike",
    "fled": "flee",
    "sold": "sell",
    "bought": "buy",
    "died": "die",
    "dying": "die",
    "dead": "dead",
    "freed": "free",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "'s": "be",
    "talks": "talks",
}


def lemma(token: Token, known: frozenset[str] | dict | None = None) -> str:
    """The token's lemma: spaCy's when the pipeline has a lemmatizer, else a light guess.

    newskg runs spaCy without its lemmatizer (kg/nlp.py) for speed; the rule extractors only
    need lemmas of the words in their lexicons, so the guess strips regular endings and, with
    `known`, keeps the first candidate that the lexicon knows.
    """
    if token.lemma_:
        return token.lemma_.lower()
    word = token.lower_
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    candidates = [word]
    suffixes = (("ies", "y"), ("es", ""), ("s", ""))
    if not token.tag_.startswith("NN"):
        suffixes += (("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""))
    for suffix, repl in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            candidates.append(stem)
            # doubled consonant: "planned" -> "plan", "shipping" -> "ship"
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])
    if known is not None:
        return next((c for c in candidates if c in known), candidates[-1])
    return candidates[0] if len(candidates) == 1 else candidates[1]


def own_clause(token: Token, leave_out: frozenset[str]) -> list[Token]:
    """The token's subtree without the children (and their subtrees) whose dep is left out."""
    out = [token]
    for child in token.children:
        if child.dep_ not in leave_out:
            out.extend(own_clause(child, leave_out))
    return out
