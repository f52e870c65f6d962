"""kg.pipeline.spool: what a streaming build keeps on disk, and the view of its articles."""

from __future__ import annotations

import kg.pipeline.spool
from kg.model import Article, ArticleFacts, Entity, Mention, Span
from kg.pipeline.spool import BuildSpool, SpooledArticles


def facts(article_id: str, name: str) -> ArticleFacts:
    text = f"{name} spoke."
    mention = Mention(0, len(name), name, 0)
    return ArticleFacts(
        article=Article(id=article_id, text=text, title=f"On {name}"),
        sentences=(Span(0, len(text)),),
        entities=(Entity("e0", "Person", name, (mention,)),),
    )


def test_the_articles_of_a_large_build_are_read_from_disk_in_id_order(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.pipeline.spool, "IN_MEMORY_PACKED_BYTES", 0)
    spool = BuildSpool(tmp_path / "work")
    for article_id, name in (("b", "Ann Lee"), ("c", "Bo Diaz"), ("a", "Ann Lee")):
        spool.add(facts(article_id, name))
    graph = spool.graph()
    articles = graph.articles
    assert isinstance(articles, SpooledArticles)
    assert len(articles) == 3
    assert [f.article.id for f in articles] == ["a", "b", "c"]
    assert articles[1].article.id == "b" and articles[-1].article.id == "c"
    assert [f.article.id for f in articles[:2]] == ["a", "b"]
    # texts stay out of the facts; the page reads them from the spool
    assert articles[0].article.text == "" and spool.article_text("a") == "Ann Lee spoke."
    assert [len(node.mentions) for node in graph.nodes] == [2, 1]
    spool.close()


def test_the_articles_of_a_small_build_are_kept_decoded(tmp_path):
    spool = BuildSpool(tmp_path / "work")
    spool.add(facts("a", "Ann Lee"))
    articles = spool.graph().articles
    assert isinstance(articles, tuple)
    assert articles[0].entities[0].name == "Ann Lee"
    spool.close()
