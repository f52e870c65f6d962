"""kg.extract.anchors: the token arrays and WordFilter agree with reading each Token."""

from __future__ import annotations

import pytest
from spacy.strings import get_string_id

from kg.extract.anchors import Anchors, WordFilter

TEXT = (
    "Police arrested the hacker in Moscow on Monday. He said the attacks were planned, "
    "and the ministry said it would appeal. Officials have not said why."
)


@pytest.fixture(scope="module")
def doc():
    from kg.nlp.load import load_pipeline

    return load_pipeline()(TEXT)


def test_words_hold_each_tokens_pos_lower_lemma_and_tag(doc) -> None:
    from spacy.symbols import IDS

    verbs = frozenset({IDS["VERB"]})
    words = Anchors(doc, ()).words(verbs)
    expected = [t for t in doc if t.pos_ == "VERB"]
    assert [index for index, _ in words] == [t.i for t in expected]
    assert [word for _, word in words] == [(t.pos, t.lower, t.lemma, t.tag) for t in expected]
    assert Anchors(doc, ()).lower() == [get_string_id(t.lower_) for t in doc]


@pytest.mark.parametrize("limit", [1, 50_000])
def test_word_filter_passes_the_tokens_a_plain_loop_would(doc, limit: int) -> None:
    calls: list[str] = []

    def test(token) -> bool:
        calls.append(token.lower_)
        return token.lower_.endswith("ed") or token.lower_ == "said"

    words = WordFilter(test, frozenset({"VERB", "NOUN"}), limit=limit)
    wanted = [t.i for t in doc if t.pos_ in ("VERB", "NOUN") and test(t)]
    calls.clear()
    for _ in range(2):  # the second article's words are remembered (unless limit is 1)
        assert [t.i for t in words.tokens(Anchors(doc, ()))] == wanted
    distinct = {(t.pos, t.lower, t.lemma, t.tag) for t in doc if t.pos_ in ("VERB", "NOUN")}
    if limit > 1:
        assert len(calls) == len(distinct)  # once per distinct word, not per token
    else:
        assert len(calls) > len(distinct)  # forgotten past the limit: asked again
