"""kg.pipeline.spool: what a streaming build keeps on disk, and the view of its articles."""

from __future__ import annotations

import kg.export.rdf_stream
import kg.pipeline.spool
from kg.graph.rdf import graph_rows
from kg.graph.vocab import KG
from kg.model import Article, ArticleFacts, Entity, Event, EventArgument, Mention, Span
from kg.pipeline.spool import BuildSpool, SpooledArticles
from kg.resolve import resolve


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


def arrest(article_id: str, person: str, date: str, *aliases: str) -> ArticleFacts:
    """An article saying "{person} was arrested." on `date`, as one arrest event."""
    text = f"{person} was arrested."
    mention = Mention(0, len(person), person, 0)
    trigger = Span(len(person) + 5, len(person) + 13)
    detainee = EventArgument("Detainee", "e0", Span(0, len(person)))
    event = Event("v0", "Justice.ArrestJailDetain", (trigger,), (0,), (detainee,), date=date)
    return ArticleFacts(
        article=Article(id=article_id, text=text),
        sentences=(Span(0, len(text)),),
        entities=(Entity("e0", "Person", person, (mention,), aliases=aliases),),
        events=(event,),
    )


def test_an_event_several_articles_report_is_one_node_as_when_resolved_first(tmp_path, monkeypatch):
    # "Lee" of article d is Ann Lee, whom article b also calls "Lee": the spool renames d's
    # own node, and holds the events back until the graph says which are one (a, b and d)
    monkeypatch.setattr(kg.export.rdf_stream, "IN_MEMORY_ROWS", 0)  # rows spill to SQLite
    reports = [arrest("b", "Ann Lee", "2019-12-02", "Lee"), arrest("a", "Ann Lee", "2019")]
    reports += [arrest("c", "Bo Diaz", "2019-12-02"), arrest("d", "Lee", "2019-12")]
    spool = BuildSpool(tmp_path / "work")
    for report in reports:
        spool.add(report)
    graph = spool.graph()
    streamed = list(spool.rdf_rows(graph))
    spool.close()
    assert streamed == graph_rows(resolve(reports))
    events = sorted({row[0] for row in streamed if row[3] == str(KG.Event)})
    assert [iri.rsplit("/", 2)[1:] for iri in events] == [["a", "v0"], ["c", "v0"]]
    assert [(m.article_id, m.node) for m in graph.merges if m.node.startswith("event/")] == [
        ("b", "event/a/v0"),
        ("d", "event/a/v0"),
    ]
