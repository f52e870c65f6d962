"""One event node per real event across articles (kg.resolve.events).

Articles are made by hand ("Roman Seleznev was arrested in the Maldives."), so these tests
need no spaCy: each names its people and places, and reports an event with a key
participant, a place and maybe a date.
"""

from __future__ import annotations

import datetime as dt
import json

from kg.export.merges import merge_line
from kg.model import Article, ArticleFacts, Entity, Event, EventArgument, Mention, Span
from kg.resolve import resolve
from kg.resolve.events import resolve_events, with_event_merges

ARREST = "Justice.ArrestJailDetain"


def report(
    article_id: str,
    person: str = "Roman Seleznev",
    place: str = "Maldives",
    *,
    date: str | None = None,
    kind: str = ARREST,
    role: str = "Detainee",
    factuality: str = "asserted",
    events: int = 1,
    place_role: str = "Place",
    quote: str | None = None,
) -> ArticleFacts:
    """An article saying "{person} was arrested in {place}." (`events` times, as as many
    events of the article)."""
    text = f"{person} was arrested in {place}."
    who = Mention(0, len(person), person, 0)
    where = Mention(text.index(place), text.index(place) + len(place), place, 0)
    people = Entity("e0", "Person", person, (who,))
    country = Entity("e1", "Country", place, (where,), iso3=place[:3].upper())
    trigger = Span(text.index("arrested"), text.index("arrested") + len("arrested"))
    arguments = (
        EventArgument(role, "e0", Span(who.start, who.end)),
        EventArgument(place_role, "e1", Span(where.start, where.end)),
    )
    found = tuple(
        Event(
            f"v{n}",
            kind,
            (trigger,),
            (0,),
            arguments,
            date=date,
            factuality=factuality,
            quote=quote,
        )
        for n in range(events)
    )
    article = Article(id=article_id, text=text, date="2019-12-04")
    return ArticleFacts(article, (Span(0, len(text)),), (people, country), events=found)


def merged(*articles: ArticleFacts) -> dict[tuple[str, str], tuple[str, str]]:
    """Each event joined to an earlier article's event -> that event."""
    return resolve_events(resolve(articles)).node_of


def test_two_articles_about_one_arrest_give_one_event() -> None:
    found = resolve_events(resolve([report("a1", date="2019-12"), report("a2", date="2019-12-02")]))
    assert found.node_of == {("a2", "v0"): ("a1", "v0")}
    assert found.members == {("a1", "v0"): (("a1", "v0"), ("a2", "v0"))}
    (merge,) = found.merges
    assert merge.reason == (
        "same type Justice.ArrestJailDetain, same Detainee person/roman-seleznev, "
        "compatible dates 2019-12, 2019-12-02, same Place country/maldives"
    )


def test_arrests_of_two_people_stay_two_events() -> None:
    assert merged(report("a1"), report("a2", person="Mary Jones")) == {}


def test_arrests_on_different_dates_stay_two_events() -> None:
    assert merged(report("a1", date="2019-11"), report("a2", date="2019-12-02")) == {}


def test_a_report_with_a_coarser_date_joins_a_finer_one() -> None:
    assert merged(report("a1", date="2019-12-02"), report("a2", date="2019")) == {
        ("a2", "v0"): ("a1", "v0")
    }


def test_a_day_among_thousands_of_one_persons_arrests_finds_its_event() -> None:
    # 2,000 arrests of one person on 2,000 days, and one more report of the 1,500th
    days = [(dt.date(2000, 1, 1) + dt.timedelta(days=n)).isoformat() for n in range(2_000)]
    reports = [report(f"a{n:04d}", date=day) for n, day in enumerate(days)]
    reports.append(report("b", date=days[1_500]))
    assert merged(*reports) == {("b", "v0"): ("a1500", "v0")}


def test_an_undated_report_joins_a_dated_one() -> None:
    assert merged(report("a1"), report("a2", date="2019-12-02")) == {("a2", "v0"): ("a1", "v0")}


def test_arrests_in_different_places_stay_two_events() -> None:
    assert merged(report("a1"), report("a2", place="France")) == {}


def test_an_arrest_and_a_denied_one_stay_two_events() -> None:
    assert merged(report("a1"), report("a2", factuality="hypothetical")) == {}


def test_events_of_one_article_are_never_joined_here() -> None:
    # kg.extract.event_join kept the article's two arrests apart; the later article's report
    # joins the first of them
    assert merged(report("a1", events=2), report("a2")) == {("a2", "v0"): ("a1", "v0")}


def test_a_date_must_fit_every_report_of_the_event() -> None:
    # 2019 fits 2019-12-02, but 2019-11 does not fit the event once it is dated 2019-12-02
    found = merged(
        report("a1", date="2019"), report("a2", date="2019-12-02"), report("a3", date="2019-11")
    )
    assert found == {("a2", "v0"): ("a1", "v0")}


def test_a_meeting_needs_both_participants_shared() -> None:
    # "Putin met X" in one article and "Putin met Y" in another are two meetings
    one = report("a1", kind="Contact.Contact", role="Participant")
    other = report("a2", kind="Contact.Contact", role="Participant")
    assert merged(one, other) == {}


def test_a_meeting_of_the_same_two_participants_is_one_event() -> None:
    # "Seleznev met the Maldives' envoy" in two articles
    one = report("a1", kind="Contact.Contact", role="Participant", place_role="Participant")
    other = report("a2", kind="Contact.Contact", role="Participant", place_role="Participant")
    assert merged(one, other) == {("a2", "v0"): ("a1", "v0")}


def test_statements_are_never_joined() -> None:
    # "Seleznev said: ..." in two articles may be two statements
    meeting = {"kind": "Contact.Contact", "role": "Participant", "place_role": "Participant"}
    one, other = report("a1", **meeting, quote="Yes."), report("a2", **meeting, quote="No.")
    assert merged(one, other) == {}


def test_merges_are_logged_after_the_entity_merges() -> None:
    graph = resolve([report("a1"), report("a2")])
    entity_merges, (event_merge,) = graph.merges[:-1], graph.merges[-1:]
    assert [m.name for m in entity_merges] == ["Maldives", "Roman Seleznev"]
    assert (event_merge.node, event_merge.article_id, event_merge.entity_id) == (
        "event/a1/v0",
        "a2",
        "v0",
    )
    record = json.loads(merge_line(event_merge, "https://example.org/"))
    assert record == {
        "node": "https://example.org/event/a1/v0",
        "article": "a2",
        "event": "v0",
        "name": "",
        "reason": "same type Justice.ArrestJailDetain, same Detainee person/roman-seleznev, "
        "no date, same Place country/maldives",
    }


def test_a_graph_without_merged_events_is_left_as_it_is() -> None:
    graph = resolve([report("a1"), report("a2", person="Mary Jones")])
    assert with_event_merges(graph) is graph
