"""spaCy's attribute_ruler with its rules looked up by token values instead of matched.

spaCy's AttributeRuler runs every rule through a Matcher, which tries each of the 179 rules
of en_core_web_sm at every token: a tenth of a build's time. Its rules test a token's TAG,
LOWER, DEP or IS_SPACE (a few a run of two tokens), so the rules a token can meet are found
by looking up its values: a common noun meets only the rule for its tag. Rules that use
anything else of the Matcher's (OP, other attributes or operators) keep a Matcher of their
own. Attributes are set by spaCy's own `set_token_attrs`, in spaCy's order (a later rule
wins), so every token ends exactly as spaCy's ruler leaves it (tests compare the two).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FACTORY = "indexed_attribute_ruler"

# The token attributes rules may test, read for a whole Doc at once with Doc.to_array; a
# rule is looked up by the first of them it requires a value of: the rule for (TAG NN,
# LOWER "anyone") by "anyone", so a common noun does not meet it.
_COLUMNS = ("LOWER", "DEP", "TAG", "IS_SPACE")


class _Matching:
    """The ids (of strings in `strings`) that a regular expression finds something in, as
    spaCy's REGEX predicate tests them; each id is tested once while it is remembered."""

    # A one-token REGEX rule is tested on every distinct word, so what is known grows with
    # the corpus's vocabulary (18,000 words in 2,000 news-bench articles): forgotten, all
    # at once, past this many (about 5 MiB).
    REMEMBERED = 50_000

    def __init__(self, pattern: str, strings: StringStore) -> None:
        self.regex = re.compile(pattern)
        self.strings = strings
        self.known: dict[int, bool] = {}

    def __contains__(self, value: int) -> bool:
        found = self.known.get(value)
        if found is None:
            if len(self.known) >= self.REMEMBERED:
                self.known.clear()
            found = self.known[value] = bool(self.regex.search(self.strings[value]))
        return found


# One attribute test: (column, ids, member): the token's id in that column is (member True)
# or is not (False) in ids.
_Test = tuple[int, frozenset[int] | _Matching, bool]
_Token = tuple[_Test, ...]  # the tests of one token of a pattern


def _test(vocab: Vocab, name: str, value: Any) -> _Test | None:
    """A token pattern's test of one attribute; None if it is not one of those above."""
    if name not in _COLUMNS:
        return None
    column = _COLUMNS.index(name)
    if isinstance(value, bool | str):
        return column, frozenset({_id(vocab, value)}), True
    if not isinstance(value, dict) or len(value) != 1:
        return None
    operator, options = next(iter(value.items()))
    if operator == "REGEX" and isinstance(options, str):
        return column, _Matching(options, vocab.strings), True
    if operator in ("IN", "NOT_IN") and all(isinstance(o, bool | str) for o in options):
        return column, frozenset(_id(vocab, o) for o in options), operator == "IN"
    return None


def _id(vocab: Vocab, value: bool | str) -> int:
    return int(value) if isinstance(value, bool) else vocab.strings.add(value)


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler (same rules, same results, same serialisation) that looks rules up."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._index: _Index | None = None

    def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def index(self) -> None:
        """Index the rules now (else the first Doc does, maybe inside a memory zone)."""
        if self._index is None:
            self._index = _Index(self)

    def __call__(self, doc: Doc) -> Doc:
        self.index()
        assert self._index is not None
        self._index.apply(doc)
        return doc


# A pattern under a looked-up value: its rule's ordinal, the offset in the pattern of the
# token looked up, the tests of every token of the pattern, and the index of the token the
# rule sets (as AttributeRuler.add takes it: negative counts from the end).
_Entry = tuple[int, int, tuple[_Token, ...], int]
# What the rules of one token set on a token of certain values, those rules (ordinals), and
# the patterns of more tokens its values are looked up by.
_Row = tuple[dict, tuple[int, ...], list[_Entry]]


class _Index:
    """The rules of a ruler, by the token values that can meet them."""

    # A token's values (LOWER, DEP, TAG, IS_SPACE) recur: "the" is nearly always (the, det,
    # DT, 0). The one-token rules each distinct row meets are remembered, up to this many
    # (then forgotten, all at once). 50,000 raised a build's peak memory by 21 MiB on 5,000
    # news-bench articles; 5,000 raised it by 3 MiB.
    REMEMBERED_ROWS = 5_000

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        # Patterns of one token, and of more, by the values they are looked up by.
        self.single: list[dict[int, list[_Entry]]] = [{} for _ in _COLUMNS]
        self.wide: list[dict[int, list[_Entry]]] = [{} for _ in _COLUMNS]
        # Patterns with no value to look up (REGEX only), of one token and of more.
        self.unkeyed_single: list[_Entry] = []
        self.unkeyed_wide: list[_Entry] = []
        self.matcher = Matcher(ruler.vocab)  # the rules that cannot be looked up
        self.matched: dict[int, tuple[int, int]] = {}  # matcher key -> ordinal, index
        self.rows: dict[tuple[int, ...], _Row] = {}
        self.merged: dict[tuple[int, ...], dict] = {}  # rules met by a token -> what they set
        for ordinal, rule in enumerate(ruler.patterns):
            compiled = [_compile_pattern(ruler.vocab, p) for p in rule["patterns"]]
            if any(c is None for c in compiled):
                key = ruler.vocab.strings.add(str(ordinal))
                self.matcher.add(key, rule["patterns"])
                self.matched[key] = ordinal, rule["index"]
                continue
            for tokens in compiled:
                assert tokens is not None
                self._add(ordinal, tokens, rule["index"])

    def _add(self, ordinal: int, tokens: tuple[_Token, ...], index: int) -> None:
        tables = self.single if len(tokens) == 1 else self.wide
        for column in range(len(_COLUMNS)):
            for offset, tests in enumerate(tokens):
                for test_column, ids, member in tests:
                    if test_column == column and member and isinstance(ids, frozenset):
                        for value in ids:
                            entries = tables[column].setdefault(value, [])
                            entries.append((ordinal, offset, tokens, index))
                        return
        unkeyed = self.unkeyed_single if len(tokens) == 1 else self.unkeyed_wide
        unkeyed.append((ordinal, 0, tokens, index))

    def _row(self, row: list[int]) -> _Row:
        """What the one-token rules set on a token of these values, the rules that set it,
        and the wider patterns the token may be part of."""
        met: dict[int, list[int]] = {}
        wide: list[_Entry] = []
        for column, value in enumerate(row):
            _meet(self.single[column].get(value, ()), [row], 0, met)
            wide += self.wide[column].get(value, ())
        _meet(self.unkeyed_single, [row], 0, met)
        rules = tuple(sorted(set(met.get(0, ()))))
        return self._merged(rules), rules, wide

    def _merged(self, rules: tuple[int, ...]) -> dict:
        """What `rules` set, one after the other: set_token_attrs sets each attribute on its
        own, so a dict with each attribute's last value leaves a token as they would."""
        attrs = self.merged.get(rules)
        if attrs is None:
            attrs = self.merged[rules] = {}
            for rule in rules:
                attrs.update(self.attrs[rule])
        return attrs

    def apply(self, doc: Doc) -> None:
        """Set on each token of `doc` what the rules set, later rules winning."""
        rows = doc.to_array([IDS[name] for name in _COLUMNS]).tolist() if len(doc) else []
        met: dict[int, list[int]] = {}  # rules of more than one token, by the token they set
        remembered = self.rows
        found: list[_Row] = []
        for position, row in enumerate(rows):
            key = tuple(row)
            values = remembered.get(key)
            if values is None:
                if len(remembered) >= self.REMEMBERED_ROWS:
                    remembered.clear()
                values = remembered[key] = self._row(row)
            found.append(values)
            if values[2]:
                _meet(values[2], rows, position, met)
            if self.unkeyed_wide:
                _meet(self.unkeyed_wide, rows, position, met)
        if self.matched:
            for key, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                ordinal, index = self.matched[key]
                # As spaCy's ruler does: the span's token at the index (IndexError if none).
                met.setdefault(doc[start:end][index].i, []).append(ordinal)
        for token, (attrs, rules, _) in zip(doc, found, strict=True):
            if met and token.i in met:
                attrs = self._merged(tuple(sorted({*rules, *met[token.i]})))
            if attrs:
                set_token_attrs(token, attrs)


def _compile_pattern(vocab: Vocab, pattern: list[dict[str, Any]]) -> tuple[_Token, ...] | None:
    """A Matcher pattern as the tests of each of its tokens; None if any test is not one
    this module does (every token of such a pattern is matched exactly once)."""
    tokens = []
    for token in pattern:
        tests = [_test(vocab, name, value) for name, value in token.items()]
        if not tests or any(t is None for t in tests):
            return None
        tokens.append(tuple(t for t in tests if t is not None))
    return tuple(tokens)


def _meet(entries: list[_Entry], rows: list[list[int]], position: int, met: dict) -> None:
    """Note in `met` each entry's rule whose pattern the tokens around `position` pass."""
    for ordinal, offset, tokens, index in entries:
        start = position - offset
        if start < 0 or start + len(tokens) > len(rows):
            continue
        for at, tests in enumerate(tokens, start):
            row = rows[at]
            if not all((row[column] in ids) is member for column, ids, member in tests):
                break
        else:
            target = start + (index if index >= 0 else len(tokens) + index)
            if not start <= target < start + len(tokens):
                raise IndexError(f"attribute_ruler index {index} outside a match")
            met.setdefault(target, []).append(ordinal)


@Language.factory(FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put an IndexedAttributeRuler with the same rules in place of nlp's attribute_ruler."""
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler:
        return
    patterns = ruler.patterns
    indexed = nlp.replace_pipe(name, FACTORY)
    indexed.add_patterns(patterns)
    indexed.index()
