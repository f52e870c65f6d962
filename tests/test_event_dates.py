"""kg.extract.event_dates: which date in a sentence is when its event happened.

Each rule has a sentence where it dates the trigger and one where it must not. The article is
of Wednesday 2019-12-04 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from kg.extract.anchors import Anchors
from kg.extract.event_dates import date_event, date_expressions
from kg.extract.event_join import EventMention

WEDNESDAY = "2019-12-04"


@pytest.fixture(scope="session")
def date_of():
    """Parse a sentence (or two) and date the event whose trigger is spelt `word`."""
    from kg.nlp.load import load_pipeline, model_name

    nlp = load_pipeline(model_name(None))

    def run(text: str, word: str, reference: str | None = WEDNESDAY) -> tuple[str | None, str]:
        doc = nlp(text)
        trigger = next(t for t in doc if t.text == word)
        found = EventMention("Justice.ArrestJailDetain", None, trigger)
        date_event(found, Anchors(doc, ()), reference)
        evidence = found.date_evidence
        return found.date, text[evidence.start : evidence.end] if evidence else ""

    return run


@pytest.mark.parametrize(
    "text, word, date, evidence",
    [
        # a time phrase of the trigger
        ("He was arrested on Monday.", "arrested", "2019-12-02", "Monday"),
        ("Police arrested him on Monday night.", "arrested", "2019-12-02", "Monday night"),
        ("He died two days ago.", "died", "2019-12-02", "two days ago"),
        ("He resigned earlier this month.", "resigned", "2019-12", "earlier this month"),
        ("He was arrested in Moscow in July 2014.", "arrested", "2014-07", "July 2014"),
        ("He was arrested in Moscow on Monday.", "arrested", "2019-12-02", "Monday"),
        ("On Friday, police arrested him.", "arrested", "2019-11-29", "Friday"),
        # a year naming the event
        ("The 2011 attack in Morocco killed three people.", "attack", "2011", "2011"),
        # the verb that carries the event out or says it took place
        ("The attack was launched on Tuesday by a group.", "attack", "2019-12-03", "Tuesday"),
        ("The bombing happened yesterday.", "bombing", "2019-12-03", "yesterday"),
        (
            "The meeting held on Tuesday ended without agreement.",
            "meeting",
            "2019-12-03",
            "Tuesday",
        ),
        ("He was forced to resign in May.", "resign", "2019-05", "May"),
        # a participle that happens with its clause
        (
            "A storm yesterday caused a crane to fall, killing 107 people.",
            "killing",
            "2019-12-03",
            "yesterday",
        ),
        ("Last year's attack left 30 dead.", "attack", "2018", "Last year's"),
        # spaCy's entity "Sunday after weeks" runs on past the date
        ("He resigned on Sunday after weeks of protests.", "resigned", "2019-12-01", "Sunday"),
        # the time of an event that is the subject is the verb's
        ("The explosion on Tuesday killed 12 people.", "killed", "2019-12-03", "Tuesday"),
        # a clause that says when
        ("Ten people died on Tuesday when a bomb exploded.", "exploded", "2019-12-03", "Tuesday"),
        # an opening phrase dates every verb of the coordination
        ("On Monday, police arrested a man and charged him.", "charged", "2019-12-02", "Monday"),
        # a year right after an event noun with an owner, wherever the parse hangs it
        (
            "The program coincided with the anniversary of Andy Warhol's death in 1987.",
            "death",
            "1987",
            "1987",
        ),
        # the post someone is named to holds no time of its own
        (
            "He was appointed as both chief executive and chairman in 2009.",
            "appointed",
            "2009",
            "2009",
        ),
    ],
)
def test_a_date_tied_to_the_trigger_dates_it(date_of, text, word, date, evidence) -> None:
    assert date_of(text, word) == (date, evidence)


@pytest.mark.parametrize(
    "text, word",
    [
        # the date of condemning, reporting or saying is not the event's
        ("Officials condemned the attack on Monday.", "attack"),
        ("Police said on Monday that they arrested two men.", "arrested"),
        ("Two men were arrested, police said on Monday.", "arrested"),
        # a date on another noun belongs to that one
        ("He was sentenced for the 2011 attack.", "sentenced"),
        # a date of the first verb does not date the second
        ("He was arrested in 2010 and released.", "released"),
        # a date of a noun that is not the subject is that noun's
        ("The attack on Monday's parade killed five.", "killed"),
        ("He was arrested on Monday after the attack.", "attack"),
        # a range or a list of times gives no one date
        ("An outbreak in 2005-2006 killed hundreds.", "outbreak"),
        ("In 1995 and 1996, they seized hostages.", "seized"),
        ("They made two donations, in 2007 and a second recently.", "donations"),
        ("They made two donations, in 2007 and another in 2012.", "donations"),
        # bounds, durations and decades are not dates
        ("He was arrested after Monday.", "arrested"),
        ("The protest lasted 27 years.", "protest"),
        ("Government forces attacked the village in the 1990s.", "attacked"),
        # a count or a model year is not a date; nor is a day in a name
        ("Police arrested 2000 people.", "arrested"),
        ("He purchased a yellow 1977 Mercury Marquis.", "purchased"),
        ("The Bloody Friday attacks proved a disaster.", "attacks"),
        ("Soldiers killed 13 protesters during Bloody Sunday in Derry.", "killed"),
        # said on Monday, whatever the parse hangs the phrase on
        ("The company said on Monday it would buy its rival.", "buy"),
        # a day after an owned event noun may be when something was said of it
        ("Officials condemned Smith's arrest on Monday.", "arrest"),
        # a year naming the post's noun is the noun's
        ("He was appointed as chairman of the 2009 committee.", "appointed"),
        # never a date from another sentence
        ("He was arrested. On Monday he was released.", "arrested"),
    ],
)
def test_a_date_not_tied_to_the_trigger_does_not(date_of, text, word) -> None:
    assert date_of(text, word) == (None, "")


def test_the_nearest_date_wins(date_of) -> None:
    """Each verb of "invaded the city in 2003 and withdrew in 2011" keeps its own year."""
    text = "Troops invaded the city in 2003 and withdrew in 2011."
    assert date_of(text, "invaded")[0] == "2003"
    assert date_of(text, "withdrew")[0] == "2011"
    assert date_of("He was sentenced for the 2011 attack.", "attack")[0] == "2011"


def test_a_day_after_the_article_is_last_years(date_of) -> None:
    """ "arrested on April 30" in an article of 2019-04-12 was the 2018 April 30."""
    assert date_of("He was arrested on April 30.", "arrested", "2019-04-12")[0] == "2018-04-30"
    assert date_of("He was arrested on April 30.", "arrested", "2019-05-02")[0] == "2019-04-30"


def test_an_event_to_come_reads_forward(date_of) -> None:
    """ "is set to begin on Friday" on Wednesday 2019-12-04 is that week's Friday, not the last."""
    assert date_of("The trial is set to begin on Friday.", "trial")[0] == "2019-12-06"
    assert date_of("He will travel to Paris on Friday.", "travel")[0] == "2019-12-06"
    meeting = "A meeting of the leaders is scheduled for next Tuesday."
    assert date_of(meeting, "meeting")[0] == "2019-12-10"
    assert date_of("He traveled to Paris on Friday.", "traveled")[0] == "2019-11-29"


def test_a_planned_event_in_the_past_reads_backward(date_of) -> None:
    """ "was planned" tells how it was prepared, not that it is still to come."""
    text = "The attack on Friday was planned abroad."
    assert date_of(text, "attack")[0] == "2019-11-29"
    assert date_of("Talks will resume on Thursday.", "Talks")[0] == "2019-12-05"
    assert date_of("Talks resumed on Thursday.", "Talks")[0] == "2019-11-28"


def test_relative_dates_need_the_article_date(date_of) -> None:
    assert date_of("He was arrested on Monday.", "arrested", None) == (None, "")
    assert date_of("He was arrested in 2017.", "arrested", None) == ("2017", "2017")


def test_date_expressions_include_what_spacy_misses(date_of) -> None:
    """spaCy marks "Monday night" as TIME, not DATE; both are date expressions here."""
    from kg.nlp.load import load_pipeline, model_name

    doc = load_pipeline(model_name(None))("Police arrested him on Monday night in 2019.")
    assert [span.text for span in date_expressions(doc[:])] == ["Monday night", "2019"]


def test_date_expressions_do_not_need_spacys_entities() -> None:
    """With no entity marked, a weekday, "yesterday", a month with its day and a year that
    names an event or follows "in" are still read; a year that counts is not."""
    from kg.nlp.load import load_pipeline, model_name

    nlp = load_pipeline(model_name(None))
    doc = nlp("Police arrested him yesterday over the 2011 attack and 2000 people on April 30.")
    doc.ents = []
    found = [span.text for span in date_expressions(doc[:])]
    assert found == ["yesterday", "2011", "April 30"]
    doc = nlp("He was released on Monday night in 2019.")
    doc.ents = []
    assert [span.text for span in date_expressions(doc[:])] == ["Monday night", "2019"]


def test_a_name_spacy_marked_is_no_date_expression() -> None:
    from kg.nlp.load import load_pipeline, model_name

    doc = load_pipeline(model_name(None))("He told USA Today that he was arrested.")
    assert date_expressions(doc[:]) == []


# A date tied to a word the trigger's clause hangs from


@pytest.mark.parametrize(
    "text, word, date, evidence",
    [
        # a relative clause tells what its dated noun did
        (
            "Last Wednesday's earthquake, which killed two people, hit the coast.",
            "killed",
            "2019-11-27",
            "Last Wednesday's",
        ),
        ("The 2011 storm which destroyed the port was the worst.", "destroyed", "2011", "2011"),
        # the parse hangs the day from the price
        ("Baikal bought the unit for $9.4bn on Sunday.", "bought", "2019-12-01", "Sunday"),
        (
            "Baikal bought the unit for $9.4bn (261bn roubles) on Sunday at an auction.",
            "bought",
            "2019-12-01",
            "Sunday",
        ),
        # a closing time phrase of coordinated verbs is each one's
        ("Police arrested and charged him on Monday.", "arrested", "2019-12-02", "Monday"),
        (
            "The men were detained and questioned on Tuesday night.",
            "detained",
            "2019-12-03",
            "Tuesday night",
        ),
        # an event's own day dates what it did
        ("Monday's attack killed five people.", "killed", "2019-12-02", "Monday"),
        ("The 2011 attack killed three people.", "killed", "2011", "2011"),
        # victims' fate falls within the event that harmed them
        ("Five people were killed on Monday in an attack.", "attack", "2019-12-02", "Monday"),
        # "was able to": the complement happens when the copula says
        ("On Monday he was able to meet the finalists.", "meet", "2019-12-02", "Monday"),
        (
            "On Sunday, he was a guest at the fair and was able to meet the finalists.",
            "meet",
            "2019-12-01",
            "Sunday",
        ),
        # what is done at a gathering shares its time
        ("He spoke at a rally on Monday.", "rally", "2019-12-02", "Monday"),
        (
            "More than 60 people were injured in battles between police and workers last month.",
            "battles",
            "2019-11",
            "last month",
        ),
    ],
)
def test_a_date_of_the_word_the_clause_hangs_from_dates_it(
    date_of, text, word, date, evidence
) -> None:
    assert date_of(text, word) == (date, evidence)


@pytest.mark.parametrize(
    "text, word",
    [
        # what befell the noun, or what it has done since, is not at the noun's date
        ("The 2011 attack, which was condemned abroad, killed five.", "condemned"),
        ("Monday's meeting with the firm, which has bought the plant, ended.", "bought"),
        ("The 2011 report, which says prices rose, was read.", "says"),
        # the first verb has words of its own after it: the phrase is the second one's
        ("Police arrested him in Paris and charged him on Monday.", "arrested"),
        # the date of a noun that is no event is not what it did or what befell it
        ("Last year's winner died in a crash.", "died"),
        ("Monday's attack was condemned by the UN.", "condemned"),
        # "in" is "in connection with" after any other verb
        ("He was charged on Monday in the killing of his wife.", "killing"),
        # one day of a lasting event is not its date
        ("Five soldiers were killed on Monday in the war.", "war"),
    ],
)
def test_a_date_of_the_noun_does_not_date_what_befell_it(date_of, text, word) -> None:
    assert date_of(text, word) == (None, "")


# Narrative time: an undated event in the simple past goes on with the time of the one before


@pytest.fixture(scope="session")
def dated_events():
    """The whole extractor on a text of Wednesday 2019-12-04: trigger word -> (date,
    evidence) of the event it names."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    def run(text: str) -> dict[str, tuple[str | None, str]]:
        facts = next(analyse_articles([Article(id="t", text=text, date=WEDNESDAY)]))
        found = {}
        for event in facts.events:
            evidence = event.date_evidence
            quoted = text[evidence.start : evidence.end] if evidence else ""
            for trigger in event.triggers:
                found[text[trigger.start : trigger.end]] = (event.date, quoted)
        return found

    return run


@pytest.mark.parametrize(
    "text",
    [
        "John Smith was arrested in Paris on Monday. He was charged with fraud.",
        # two sentences back, when the one between goes on with the narrative
        "John Smith was arrested in Paris on Monday. He was taken to a station. "
        "He was charged with fraud.",
        # the protagonist named again, or the one the narrative's event befell
        "On Monday, John Smith was arrested in Paris. Smith was charged with fraud.",
        "Police arrested John Smith in Paris on Monday. He was charged with fraud.",
    ],
)
def test_an_event_goes_on_with_the_narratives_time(dated_events, text) -> None:
    assert dated_events(text)["charged"] == ("2019-12-02", "Monday")


@pytest.mark.parametrize(
    "text",
    [
        # someone else's event may be another day's
        "Police arrested John Smith in Paris on Monday. Mary Jones was charged with fraud.",
        # a word that moves the time, or a time of its own
        "John Smith was arrested in Paris on Monday. He was later charged with fraud.",
        "John Smith was arrested in Paris on Monday. A week after, he was charged with fraud.",
        # another paragraph
        "John Smith was arrested in Paris on Monday.\n\nHe was charged with fraud.",
        # not the simple past: what had happened before, what has happened since
        "John Smith was arrested in Paris on Monday. He had been charged with fraud.",
        "John Smith was arrested in Paris on Monday. He has been charged with fraud.",
        # what someone said happened is not the narrative
        "John Smith was arrested in Paris on Monday. Police said he was charged with fraud.",
        # the first person speaks from a quotation
        'John Smith was arrested in Paris on Monday. "I was charged with fraud," he wrote.',
        # too far back
        "John Smith was arrested in Paris on Monday. He was taken to a station. "
        "He was questioned. He was charged with fraud.",
    ],
)
def test_an_event_off_the_narrative_takes_no_time_from_it(dated_events, text) -> None:
    assert dated_events(text)["charged"] == (None, "")


def test_a_statement_takes_only_a_statements_time(dated_events) -> None:
    """ "On Monday the minister announced ..." is when she spoke: what she spoke of, told
    next, is not dated by it; another statement of hers is."""
    from kg.extract.anchors import Anchors
    from kg.extract.event_dates import narrative_date
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles
    from kg.nlp.load import load_pipeline, model_name

    text = "On Monday, Mary Jones announced the plan. She resigned from the cabinet."
    assert dated_events(text)["resigned"] == (None, "")
    text = "On Monday, Mary Jones announced the plan. She said it would pass."
    entities = next(analyse_articles([Article(id="t", text=text, date=WEDNESDAY)])).entities
    doc = load_pipeline(model_name(None))(text)
    said = next(t for t in doc if t.text == "said")
    dated = narrative_date(said, Anchors(doc, entities), WEDNESDAY)
    assert dated is not None
    assert (dated[0], text[dated[1].start : dated[1].end]) == ("2019-12-02", "Monday")


def test_an_undated_event_in_the_present_perfect_takes_the_articles_month() -> None:
    """The tense dates what no words date (kg.extract.tense_dates), through the extractor."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    text = "Over 345 pilgrims have been killed in a stampede near Mecca. Police arrested a man."
    facts = next(analyse_articles([Article(id="t", text=text, date="2006-01-12")]))
    dates = {e.type: e.date for e in facts.events}
    assert dates == {"Life.Die": "2006-01", "Justice.ArrestJailDetain": None}
