"""kg.nlp.indexed_ruler: spaCy's attribute_ruler, looked up instead of matched, same results."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kg.nlp.indexed_ruler import IndexedAttributeRuler
from kg.nlp.load import load_pipeline

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]


def annotate_both(patterns: list[dict], doc: Doc) -> tuple[list, list]:
    """`doc` as spaCy's AttributeRuler and as the indexed one leave it, with `patterns`."""
    results = []
    for ruler_class in (AttributeRuler, IndexedAttributeRuler):
        ruler = ruler_class(doc.vocab)
        ruler.add_patterns(patterns)
        results.append(ruler(doc.copy()).to_array(COLUMNS).tolist())
    return results[0], results[1]


def parsed(words: list[str], tags: list[str], deps: list[str]) -> Doc:
    """A hand-made analysed Doc (English lexical attributes: LOWER): every word's head is
    the first word."""
    spaces = [not w.isspace() for w in words]
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=[0] * len(words))


WORDS = ["There", "is", "nothin'", "we", "gon", "na", "do", "  ", "Y'", "all", "ai", "n't"]
TAGS = ["EX", "VBZ", "NN", "PRP", "VBG", "TO", "VB", "_SP", "PRP", "DT", "VBP", "RB"]
DEPS = ["expl", "ROOT", "attr", "nsubj", "aux", "aux", "relcl", "dep", "nsubj", "det", "aux", "neg"]


@pytest.mark.parametrize(
    "patterns",
    [
        # Equality, membership and exclusion on one token; a later rule wins.
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
            {"patterns": [[{"TAG": "NN", "LOWER": "nothin'"}]], "attrs": {"POS": "PRON"}},
            {"patterns": [[{"TAG": {"IN": ["VB", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
            {
                "patterns": [[{"DEP": {"IN": ["aux"]}, "TAG": {"NOT_IN": ["TO", ""]}}]],
                "attrs": {"POS": "AUX"},
            },
            {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
            {
                "patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "EX"]}}]],
                "attrs": {"POS": "PRON"},
            },
        ],
        # Two tokens, REGEX, a rule setting the second token (index 1 and -1), alternatives.
        [
            {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
            {
                "patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]],
                "attrs": {"LEMMA": "to"},
                "index": 1,
            },
            {
                "patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
                "attrs": {"LEMMA": "you"},
            },
            {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
            {
                "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]],
                "attrs": {"POS": "VERB"},
                "index": -1,
            },
            {
                "patterns": [[{"TAG": "VBZ", "LOWER": "is"}], [{"TAG": "VBP", "LOWER": "ai"}]],
                "attrs": {"LEMMA": "be"},
            },
        ],
        # What the index does not do goes to a Matcher: OP, other attributes and operators.
        [
            {
                "patterns": [[{"LOWER": "we"}, {"OP": "*"}, {"LOWER": "do"}]],
                "attrs": {"LEMMA": "WE"},
            },
            {"patterns": [[{"LENGTH": {">=": 3}, "TAG": "NN"}]], "attrs": {"POS": "X"}},
            {"patterns": [[{"ORTH": "There"}]], "attrs": {"LEMMA": "there"}},
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        ],
    ],
    ids=["one-token", "wider", "matcher"],
)
def test_every_token_ends_as_spacys_ruler_leaves_it(patterns):
    doc = parsed(WORDS, TAGS, DEPS)
    spacys, indexed = annotate_both(patterns, doc)
    assert indexed == spacys
    assert indexed != doc.to_array(COLUMNS).tolist()  # the rules did set something


def test_what_is_remembered_is_bounded_and_forgetting_changes_nothing(monkeypatch):
    from kg.nlp.indexed_ruler import _Index, _Matching

    monkeypatch.setattr(_Index, "REMEMBERED_ROWS", 2)
    monkeypatch.setattr(_Matching, "REMEMBERED", 2)
    doc = parsed(WORDS, TAGS, DEPS)
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
        {
            "patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
            "attrs": {"LEMMA": "you"},
        },
    ]
    spacys = AttributeRuler(doc.vocab)
    spacys.add_patterns(patterns)
    expected = spacys(doc.copy()).to_array(COLUMNS).tolist()
    indexed = IndexedAttributeRuler(doc.vocab)
    indexed.add_patterns(patterns)
    for _ in range(2):  # the second time, after forgetting
        assert indexed(doc.copy()).to_array(COLUMNS).tolist() == expected
    index = indexed._index
    assert index is not None and len(index.rows) <= 2
    ((_, matching, _),) = index.unkeyed_single[0][2][0]  # the REGEX rule's one test
    assert isinstance(matching, _Matching) and 0 < len(matching.known) <= 2


def test_the_models_own_rules_on_news_text_match_spacys_ruler():
    nlp = load_pipeline()
    indexed = nlp.get_pipe("attribute_ruler")
    assert isinstance(indexed, IndexedAttributeRuler)
    spacys = AttributeRuler(nlp.vocab)
    spacys.add_patterns(indexed.patterns)
    text = (
        "There are 3 things we're gonna do, y'all: LONDON (Reuters) - Britain's finance "
        "minister said on Tuesday he ain't worried.\n\nDid she have it? Let's see what the "
        "Bank of England does; nothin' has changed since I met them and him   there."
    )
    before_ruler = [name for name in nlp.pipe_names if name not in ("attribute_ruler", "ner")]
    with nlp.select_pipes(enable=before_ruler):
        doc = nlp(text)
    expected = spacys(doc.copy()).to_array(COLUMNS).tolist()
    assert indexed(doc.copy()).to_array(COLUMNS).tolist() == expected
    assert doc.to_array(COLUMNS).tolist() != expected


def test_the_indexed_ruler_keeps_spacys_serialisation():
    nlp = load_pipeline()
    indexed = nlp.get_pipe("attribute_ruler")
    again = IndexedAttributeRuler(nlp.vocab).from_bytes(indexed.to_bytes())
    assert again.patterns == indexed.patterns
    assert len(again.patterns) > 100


def test_rules_added_later_are_used():
    doc = parsed(["Big", "news"], ["JJ", "NN"], ["amod", "ROOT"])
    ruler = IndexedAttributeRuler(doc.vocab)
    ruler.add_patterns([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}])
    assert [t.pos_ for t in ruler(doc.copy())] == ["", "NOUN"]
    ruler.add_patterns([{"patterns": [[{"TAG": "JJ"}]], "attrs": {"POS": "ADJ"}}])
    assert [t.pos_ for t in ruler(doc.copy())] == ["ADJ", "NOUN"]
    ruler.clear()
    assert [t.pos_ for t in ruler(doc.copy())] == ["", ""]
