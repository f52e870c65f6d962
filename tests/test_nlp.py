"""kg.nlp.load: how articles are batched for spaCy."""

from __future__ import annotations

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
