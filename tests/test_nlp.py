"""kg.nlp.load: how articles are batched for spaCy."""

from __future__ import annotations

import itertools

from kg.model import Article
from kg.nlp.load import text_batches


def articles(*lengths: int) -> list[Article]:
    return [Article(id=f"a{i}", text="x" * n) for i, n in enumerate(lengths)]


def ids(batches: list[list[Article]]) -> list[list[str]]:
    return [[article.id for article in batch] for batch in batches]


def test_batches_hold_at_most_the_character_budget_in_input_order():
    batches = list(text_batches(articles(40, 50, 10, 100, 30), 100))
    assert ids(batches) == [["a0", "a1", "a2"], ["a3"], ["a4"]]
    assert all(sum(len(a.text) for a in batch) <= 100 for batch in batches)


def test_an_article_longer_than_the_budget_is_a_batch_of_its_own():
    assert ids(list(text_batches(articles(10, 500, 10), 100))) == [["a0"], ["a1"], ["a2"]]


def test_no_articles_no_batches():
    assert list(text_batches([], 100)) == []


def test_pieces_are_cut_after_paragraph_breaks_within_the_limit():
    from kg.nlp.analyse import piece_bounds

    text = "".join(f"Paragraph {index} says something.\n\n" for index in range(100))
    bounds = piece_bounds(text, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= 500 for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])


def test_text_without_breaks_is_cut_at_spaces_or_at_the_limit():
    from kg.nlp.analyse import piece_bounds

    assert piece_bounds("word " * 50, 100)[0] == (0, 100)
    assert piece_bounds("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]
    assert piece_bounds("short", 100) == [(0, 5)]


def test_long_runs_of_punctuation_are_read_as_spaces_of_the_same_length():
    from kg.nlp.load import analysis_text

    text = "Police said (" + "(" * 200 + " and " + "a-" * 100 + "b."
    analysed = analysis_text(text)
    assert len(analysed) == len(text)
    assert analysed == "Police said " + " " * 201 + " and " + " " * 200 + "b."


def test_runs_that_news_has_are_left_alone():
    from kg.nlp.load import analysis_text

    # 42 dots is the longest run in the news-bench articles; words repeat no punctuation
    text = "Results " + "." * 42 + " 3-1. " + "-" * 60 + " Haha" + "ha" * 80 + "\n"
    assert analysis_text(text) == text


def test_text_dense_with_tokens_is_cut_by_tokens():
    from kg.nlp.analyse import piece_bounds

    text = "a, " * 10_000  # 20,000 tokens in 30,000 characters
    bounds = piece_bounds(text, 100_000, 5_000)
    assert len(bounds) == 4
    assert all(len(text[start:end].split()) <= 2_500 for start, end in bounds)
    assert piece_bounds(text, 100_000, 20_000) == [(0, len(text))]


# Texts whose spacing and characters a tokenizer could lose: trailing and doubled spaces,
# tabs, blank lines, CRLF, a non-breaking space, combining accents, an emoji, a zero-width
# joiner, a right-to-left name, an ALL-CAPS line that analysis_text recases.
UNUSUAL_TEXTS = (
    "Angela Merkel met Emmanuel Macron in Paris.   ",
    "  Leading spaces.\n\n\nThree newlines, then a tab\there.\n",
    "Windows lines\r\nfrom a wire\r\n\r\nservice.\r\n",
    "Caf\u00e9 owner Jos\u00e9 and Zo\u0308e met\u00a0in S\u00e3o Paulo \U0001f600 today.",
    "A zero\u200dwidth joiner, \u05d3\u05d5\u05d3 in Hebrew, and \u4e2d\u6587 text.",
    "LEICESTERSHIRE TAKE OVER AT TOP\nThe county won by six wickets.  \n \n",
    "\n",
)


def test_the_text_spacy_reads_is_doc_text():
    """analyse_articles passes the text it gave spaCy to extract_facts in place of doc.text."""
    from kg.nlp.load import analysis_text, load_pipeline, model_name

    nlp = load_pipeline(model_name(None))
    texts = [analysis_text(text) for text in UNUSUAL_TEXTS]
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        assert doc.text == text


def test_facts_are_the_same_with_the_analysed_text_given():
    from kg.extract import extract_facts
    from kg.nlp.analyse import analyse_articles
    from kg.nlp.load import analysis_text, load_pipeline, model_name

    nlp = load_pipeline(model_name(None))
    articles = [Article(id=f"u{i}", text=text) for i, text in enumerate(UNUSUAL_TEXTS)]
    streamed = list(analyse_articles(articles))
    for article, facts in zip(articles, streamed, strict=True):
        doc = nlp(analysis_text(article.text))
        assert facts == extract_facts(doc, article)
    assert any(facts.entities for facts in streamed)
