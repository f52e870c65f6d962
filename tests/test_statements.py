"""kg.extract.statements through the whole pipeline: who said something, as a
Contact.Contact event whose Communicator is the speaker."""

from __future__ import annotations


def speakers(facts) -> list[str | None]:
    """The entity names of the statements' speakers, in order."""
    names = {e.id: e.name for e in facts.entities}
    return [
        names.get(a.entity)
        for e in facts.events
        if e.extractor.startswith("statements")
        for a in e.arguments
        if a.role == "Communicator"
    ]


MINISTRY = "The Russian Foreign Ministry criticized the arrest of the hacker. "


def test_a_name_that_quotes_is_a_speaker(facts_of) -> None:
    facts = facts_of('Pierre Dupont said: "We will appeal the verdict."')
    assert speakers(facts) == ["Pierre Dupont"]


def test_she_said_is_the_statement_of_the_woman_named_before(facts_of) -> None:
    facts = facts_of(
        'Maria Lopez, a lawyer, arrived in Madrid on Monday. "We will appeal," she said.'
    )
    assert speakers(facts) == ["Maria Lopez"]


def test_she_said_with_no_one_named_before_is_no_statement(facts_of) -> None:
    facts = facts_of('The verdict came on Monday. "We will appeal," she said.')
    assert speakers(facts) == []


def test_the_ministry_said_is_the_statement_of_the_ministry(facts_of) -> None:
    facts = facts_of(MINISTRY + "The ministry said the arrest was illegal.")
    assert speakers(facts) == ["Russian Foreign Ministry"]


def test_a_conjunct_verb_shares_the_subject(facts_of) -> None:
    facts = facts_of(
        MINISTRY + "The ministry characterized the detention as kidnapping and said it was done in "
        "violation of international law."
    )
    assert speakers(facts) == ["Russian Foreign Ministry"]


def test_a_conjunct_verb_with_its_own_subject_keeps_it(facts_of) -> None:
    facts = facts_of(
        MINISTRY + "The ministry criticized the detention and France said it was legal."
    )
    assert speakers(facts) == ["France"]


def test_a_persons_unquoted_said_is_a_paraphrase_not_a_statement(facts_of) -> None:
    # an institution's reported words are its statement, a person's are paraphrase
    facts = facts_of("Pierre Dupont said he was tired of the trial.")
    assert speakers(facts) == []


def test_said_that_reports_nothing_is_no_statement(facts_of) -> None:
    # "said" quotes nothing and reports no clause: not a statement
    facts = facts_of(MINISTRY + "The ministry said nothing about the arrest.")
    assert speakers(facts) == []


def test_a_person_in_apposition_is_the_speaker(facts_of) -> None:
    facts = facts_of('A rebel leader at the time, Pierre Dupont, said: "The aim was chaos."')
    assert speakers(facts) == ["Pierre Dupont"]
    facts = facts_of('Russian Ambassador Anatoly Antonov said: "We will help."')
    assert speakers(facts) == ["Anatoly Antonov"]


def test_a_news_agency_that_reports_or_confirms_makes_a_statement(facts_of) -> None:
    facts = facts_of(
        "The BBC reported that Iran arrested two journalists. Google confirmed the deal."
    )
    assert speakers(facts) == ["BBC", "Google"]


def test_a_passive_it_was_reported_has_no_speaker(facts_of) -> None:
    facts = facts_of("Apple opened a store. It was reported that the store would close.")
    assert speakers(facts) == []


def test_a_statement_not_made_is_no_statement(facts_of) -> None:
    facts = facts_of(
        MINISTRY + "The ministry has not said why. The ministry may announce a protest."
    )
    assert speakers(facts) == []
    facts = facts_of(MINISTRY + "The ministry said the arrest was illegal.")
    assert speakers(facts) == ["Russian Foreign Ministry"]


def test_a_name_beside_a_title_of_a_country_is_the_speaker(facts_of) -> None:
    """spaCy makes both "Prime Minister" and "Pedro Sanchez" subjects of "said"; the title
    leads only to Spain, the name is the speaker."""
    facts = facts_of(
        "In a statement, Spain's Prime Minister, Pedro Sanchez said, "
        '"We are in contact with all parties, with whom we share the desire to find a solution".'
    )
    assert speakers(facts) == ["Pedro Sanchez"]


def test_added_and_pointed_are_statements_only_with_what_was_said(facts_of) -> None:
    """ "Apple added audio recording to its computers" and "she pointed to the table" say
    nothing; "Dupont added that ..." and a quote after "added" do."""
    assert speakers(facts_of("In 1988 Apple added audio recording to its computers.")) == []
    assert speakers(facts_of("Maria Lopez pointed to the table with the drinks.")) == []
    facts = facts_of('Pierre Dupont added: "We will appeal the verdict."')
    assert speakers(facts) == ["Pierre Dupont"]
    facts = facts_of("Pierre Dupont added that the verdict was wrong.")
    assert speakers(facts) == ["Pierre Dupont"]


def statement_dates(text: str, date: str) -> list[tuple[str | None, str]]:
    """Each statement's date and the words of its evidence, in an article of `date`."""
    from kg.model import Article
    from kg.nlp.analyse import analyse_articles

    facts = next(analyse_articles([Article(id="t", text=text, date=date)]))
    return [
        (e.date, text[e.date_evidence.start : e.date_evidence.end] if e.date_evidence else "")
        for e in facts.events
        if e.extractor.startswith("statements")
    ]


def test_a_statement_in_the_present_is_dated_by_the_article() -> None:
    text = "The broadcasts began on August 10 and South Korea says the broadcasts will continue."
    assert statement_dates(text, "2015-08-21") == [("2015-08-21", "says")]


def test_a_statement_in_the_simple_past_has_no_date() -> None:
    text = "The South Korean Defence Ministry said the broadcasts would continue."
    assert statement_dates(text, "2015-08-21") == [(None, "")]


def test_a_date_of_words_beats_the_tense_of_another_statement() -> None:
    text = (
        "The Defence Ministry says the broadcasts will continue. "
        "The Defence Ministry said on Monday that the shells fell near the border."
    )
    assert statement_dates(text, "2015-08-21") == [("2015-08-17", "Monday")]
