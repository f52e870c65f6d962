"""Entities of one article: mentions grouped, one type each, countries normalised."""

from __future__ import annotations

import pytest


def entities_named(facts, name):
    return [e for e in facts.entities if e.name == name]


def test_seed_has_one_roman_seleznev_never_typed_organization(seed_facts):
    [seleznev] = entities_named(seed_facts, "Roman Seleznev")
    assert seleznev.type == "Person"
    assert "Seleznev" in seleznev.aliases
    assert len(seleznev.mentions) >= 6
    assert not [e for e in seed_facts.entities if "Seleznev" in e.name and e is not seleznev]


def test_seed_has_one_anatoly_antonov(seed_facts):
    [antonov] = entities_named(seed_facts, "Anatoly Antonov")
    assert antonov.type == "Person"
    assert "Antonov" in antonov.aliases
    assert len([e for e in seed_facts.entities if "Antonov" in e.name]) == 1


@pytest.mark.parametrize(
    ("name", "iso3", "wikidata"),
    [
        ("Russia", "RUS", "Q159"),
        ("United States", "USA", "Q30"),
        ("Morocco", "MAR", "Q1028"),
        ("Maldives", "MDV", "Q826"),
    ],
)
def test_seed_countries_are_single_nodes_with_codes(seed_facts, name, iso3, wikidata):
    [country] = entities_named(seed_facts, name)
    assert (country.type, country.iso3, country.wikidata) == ("Country", iso3, wikidata)
    assert len([e for e in seed_facts.entities if e.iso3 == iso3]) == 1


def test_seed_demonym_and_aliases_point_at_countries(seed_facts):
    [russia] = entities_named(seed_facts, "Russia")
    assert "Russian" in russia.aliases
    [usa] = entities_named(seed_facts, "United States")
    assert "US" in usa.aliases


def test_seed_organizations(seed_facts):
    orgs = {e.name for e in seed_facts.entities if e.type == "Organization"}
    assert "Russian Embassy" in orgs
    assert "Russian Foreign Ministry" in orgs
    assert not [e for e in seed_facts.entities if "Embassy" in e.name and e.type == "Person"]


def test_seed_byline_is_not_an_entity(seed_facts):
    names = " ".join(n for e in seed_facts.entities for n in (e.name, *e.aliases))
    assert "UrduPoint" not in names
    assert "Sputnik" not in names


def test_mention_offsets_index_the_article_text(seed_facts):
    text = seed_facts.article.text
    for entity in seed_facts.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            sentence = seed_facts.sentences[mention.sentence]
            assert sentence.start <= mention.start < mention.end <= sentence.end


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        # surname joins the full name
        ("Angela Merkel arrived in Paris. Merkel said she was pleased.", "Angela Merkel", "Merkel"),
        # honorific form joins the full name
        ("Boris Johnson resigned on Friday. Mr. Johnson left London.", "Boris Johnson", "Johnson"),
        # head noun joins the one organisation it ends
        (
            "The Russian Embassy issued a statement. The Embassy said it was concerned.",
            "Russian Embassy",
            "Embassy",
        ),
        # acronym joins the name whose initials it spells
        (
            "The Federal Bureau of Investigation opened a case. The FBI declined to comment.",
            "Federal Bureau of Investigation",
            "FBI",
        ),
    ],
)
def test_short_forms_join_their_full_form(facts_of, text, name, alias):
    facts = facts_of(text)
    [entity] = entities_named(facts, name)
    assert alias in entity.aliases


def test_a_shared_surname_does_not_join_two_people(facts_of):
    facts = facts_of(
        "George Bush met Laura Bush in Texas. Later, Bush spoke to reporters in Dallas."
    )
    people = {e.name: e for e in facts.entities if e.type == "Person"}
    assert "George Bush" in people and "Laura Bush" in people
    assert "Bush" not in people["George Bush"].aliases
    assert "Bush" not in people["Laura Bush"].aliases


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("The U.S. imposed sanctions on Iran last week.", "USA"),
        ("Officials in America reacted quickly to the news from Brussels.", "USA"),
        ("The German government met British ministers in Berlin.", "DEU"),
    ],
)
def test_country_aliases_and_demonyms(facts_of, text, iso3):
    facts = facts_of(text)
    assert iso3 in {e.iso3 for e in facts.entities}


def test_cities_are_places_not_countries(facts_of):
    facts = facts_of("The minister flew from Paris to Berlin on Tuesday.")
    types = {e.name: e.type for e in facts.entities}
    assert types.get("Paris") == "Place"
    assert types.get("Berlin") == "Place"


def test_seed_envoy_is_a_nominal_mention_of_antonov(seed_facts):
    [antonov] = entities_named(seed_facts, "Anatoly Antonov")
    by_kind = {m.text: m.kind for m in antonov.mentions}
    assert by_kind["the envoy"] == "nominal"
    assert by_kind["Antonov"] == "name"
    assert "the envoy" not in antonov.aliases
    assert "ambassador" in antonov.roles


def test_nominal_mention_needs_one_earlier_person_with_that_role(facts_of):
    facts = facts_of(
        "Ambassador John Smith met Ambassador Mary Jones in Geneva. The envoy said little."
    )
    assert not [m for e in facts.entities for m in e.mentions if m.kind == "nominal"]


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # a role noun before a name marks a person, whatever spaCy's label
        ("The club signed striker Lukas Podolski on Monday.", "Lukas Podolski", "Person"),
        # a kind-of-organisation noun before a name marks an organisation
        ("The French daily Le Monde reported the arrests on Friday.", "Le Monde", "Organization"),
        # a head noun at the end marks an organisation
        ("He spoke to the Famagusta Gazette about the vote.", "Famagusta Gazette", "Organization"),
    ],
)
def test_context_decides_the_type(facts_of, text, name, type_):
    facts = facts_of(text)
    [entity] = entities_named(facts, name)
    assert entity.type == type_


def test_title_inside_the_name_becomes_a_role(facts_of):
    facts = facts_of("President Jacob Zuma visited Durban on Friday.")
    [zuma] = entities_named(facts, "Jacob Zuma")
    assert zuma.roles == ("president",)


def test_closing_credit_names_no_entity(facts_of):
    facts = facts_of(
        "The talks in Berlin ended without a deal on Friday. Author: Jane Doe (jd) Editor: John Roe"
    )
    names = {e.name for e in facts.entities}
    assert "Jane Doe" not in names and "John Roe" not in names
    assert "Berlin" in names


def test_wire_initials_credit_names_no_entity(facts_of):
    facts = facts_of("Angela Merkel met Emmanuel Macron in Paris. mz/msh (AP, AFP, dpa)")
    assert {e.name for e in facts.entities} >= {"Angela Merkel", "Emmanuel Macron"}
    assert not entities_named(facts, "AFP")


def test_a_lone_one_word_person_without_support_is_dropped(facts_of):
    facts = facts_of("He told Bild on Sunday that the plan would fail.")
    assert not [e for e in facts.entities if e.type == "Person"]


def test_places_know_their_country(facts_of):
    facts = facts_of("The minister flew from Paris to Kiev on Tuesday.")
    located = {e.name: e.located_in for e in facts.entities if e.type == "Place"}
    assert located.get("Paris") == "FRA"
    assert "UKR" in located.values()


def test_all_caps_headlines_are_read_in_headline_case(facts_of):
    from kg.nlp.load import analysis_text

    text = (
        "LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY\nLONDON 1996-08-30\nPlay was slow."
    )
    recased = analysis_text(text)
    assert len(recased) == len(text)
    assert recased.startswith("Leicestershire Take Over at Top")
    assert "London 1996-08-30" in recased
    assert recased.endswith("Play was slow.")
    facts = facts_of(text)
    # mentions quote the article as written, not the recased copy spaCy read
    for entity in facts.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def _candidate(start, text, label, type_):
    from kg.extract.mentions import Candidate

    return Candidate(start, start + len(text), text, label, type_, 0)


@pytest.mark.parametrize(
    ("full", "short", "short_label", "short_type", "expected"),
    [
        # spaCy calls the surname an organisation four times: it is the person's short form
        ("Jeff Tarango", "Tarango", "ORG", "Organization", "Person"),
        # a place label stands: the village in the airline's name stays a place
        ("Air Zermatt", "Zermatt", "GPE", "Place", "Place"),
        # a "full name" that is not name-shaped lends nothing to its short forms
        ("Edmonton UTC", "UTC", "ORG", "Organization", "Organization"),
    ],
)
def test_short_forms_of_a_full_person_name_vote_person(
    full, short, short_label, short_type, expected
):
    from kg.extract.entities import group_mentions

    candidates = [_candidate(0, full, "PERSON", "Person")]
    candidates += [_candidate(100 * i, short, short_label, short_type) for i in range(1, 5)]
    [cluster] = group_mentions(candidates)
    assert cluster.type() == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "kept"),
    [
        # lowercase words at the edges are not the name
        ("The Interfax news agency said so .", 1, 4, "Interfax"),
        ("The national CFDT union struck .", 1, 4, "CFDT"),
        # particles and hyphenated prefixes belong to it
        ("He prayed at al-Aqsa on Friday .", 3, 6, "al-Aqsa"),
        ("Bowler de Silva took two .", 1, 3, "de Silva"),
        # nothing but lowercase words: no name at all
        ("The senate voted .", 1, 2, None),
    ],
)
def test_trim_drops_lowercase_words_at_the_edges(text, start, end, kept):
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _trim

    doc = spacy.blank("en")(text)
    trimmed = _trim(Span(doc, start, end, label="ORG"))
    assert (trimmed.text if trimmed is not None else None) == kept


@pytest.mark.parametrize(
    ("text", "start", "end", "run_on"),
    [
        # the sport before the dash, and spans across the dash, in a capitals headline
        ("CRICKET - ESSEX TAKE OVER AT TOP", 0, 1, True),
        ("CRICKET - ESSEX TAKE OVER AT TOP", 0, 3, True),
        ("GOLF WOODS MAKES PRO DEBUT", 1, 5, True),
        # a name in the headline stays
        ("CRICKET - ESSEX TAKE OVER AT TOP", 2, 3, False),
        ("GOLF - BANK OF ENGLAND CUP", 2, 5, False),
        # running text is not a headline
        ("The Bank of New England said so", 1, 5, False),
    ],
)
def test_headline_run_on_spans(text, start, end, run_on):
    import spacy
    from spacy.tokens import Span

    from kg.extract.mentions import _headline_run_on
    from kg.nlp.load import analysis_text

    doc = spacy.blank("en")(analysis_text(text))
    assert _headline_run_on(Span(doc, start, end, label="ORG"), text) is run_on


def test_the_west_bank_is_no_bank():
    from kg.extract.orgs import looks_like_org

    assert not looks_like_org(["West", "Bank"])
    assert looks_like_org(["World", "Bank"]) and looks_like_org(["Bank"])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # a team's captain, a company's shares: the name is an organisation
        ("Surrey captain Chris Lewis scored 80 .", True),
        ("Cofinec shares fell on Friday .", True),
        # a person has spokesmen and advisers too
        ("Merkel spokesman Steffen Seibert said so .", False),
        ("Surrey scored 80 .", False),
    ],
)
def test_a_company_or_team_noun_after_the_name_marks_an_organisation(text, cue):
    import spacy

    from kg.extract.orgs import org_cue_before

    doc = spacy.blank("en")(text)
    assert org_cue_before(doc[0:1]) is cue


@pytest.mark.parametrize(
    ("form", "text", "spans"),
    [
        ("Kim", "Kim met Kim-Jong and Kimberly, then Kim.", [(0, 3), (36, 39)]),
        ("Nasa", "_Nasa Nasa1 (Nasa) ÉNasa", [(13, 17)]),
        ("aa", "aaa aa", [(4, 6)]),
        ("May", "In May", [(3, 6)]),
    ],
)
def test_whole_word_spans_finds_names_not_parts_of_words(form, text, spans):
    from kg.extract.entities import whole_word_spans

    assert list(whole_word_spans(form, text)) == spans


def test_whole_word_spans_agrees_with_the_regex_it_replaces():
    import random
    import re

    from kg.extract.entities import whole_word_spans

    rng = random.Random(7)
    alphabet = "ab -_1é."
    for _ in range(2000):
        form = "".join(rng.choice("ab") for _ in range(rng.randint(1, 3)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pattern = rf"(?<![\w-]){re.escape(form)}(?![\w-])"
        expected = [m.span() for m in re.finditer(pattern, text)]
        assert list(whole_word_spans(form, text)) == expected, (form, text)


@pytest.mark.parametrize(
    ("text", "form", "inside"),
    [
        # a capitalised word on both sides in running text: another name's middle
        ("The daughter, Isabel Allende Bussi, thanked him.", "Allende", True),
        # a repeat of its own
        ("He later met Allende in Santiago.", "Allende", False),
        ("Critics Say Allende Erred\nHe later met Allende.", "Allende", False),
    ],
)
def test_a_name_between_capitalised_words_is_part_of_another(text, form, inside):
    from kg.extract.entities import _inside_longer_name

    start = text.index(form)
    assert _inside_longer_name(text, start, start + len(form)) is inside


def _marked(text: str, names: list[tuple[str, str]]):
    """Candidates for (name, type) pairs found in `text`, marked by
    `_parenthesised_short_forms`."""
    from kg.extract.mentions import _parenthesised_short_forms

    found = [_candidate(text.index(name), name, "ORG", type_) for name, type_ in names]
    return _parenthesised_short_forms(found, text)


@pytest.mark.parametrize(
    ("text", "names", "joined"),
    [
        # a short form in parentheses right after an organisation's name, whatever its letters
        (
            "He ran the Australian Securities Exchange ( ASX ) until 2016. ASX shares fell.",
            [("Australian Securities Exchange", "Organization"), ("ASX", "Organization")],
            True,
        ),
        (
            "the Christian Democrats (CDU) won",
            [("Christian Democrats", "Organization"), ("CDU", "Organization")],
            True,
        ),
        # a score after a person, a wire after a place, or no parenthesis: no short form
        ("Marek Mintal ( MM ) scored", [("Marek Mintal", "Person"), ("MM", "Organization")], False),
        ("BERLIN ( AFP ) - Police", [("BERLIN", "Place"), ("AFP", "Organization")], False),
        (
            "the Christian Democrats and CDU voters",
            [("Christian Democrats", "Organization"), ("CDU", "Organization")],
            False,
        ),
    ],
)
def test_a_short_form_in_parentheses_joins_the_name_before_it(text, names, joined):
    from kg.extract.entities import group_mentions

    clusters = group_mentions(_marked(text, names))
    assert (len(clusters) == 1) is joined


@pytest.mark.parametrize(
    ("short", "full", "joined"),
    [
        # a company's name and the same name with the kind of company after it
        ("Union Carbide", "Union Carbide Corporation", True),
        ("Volkswagen", "Volkswagen Group", True),
        # a club's name and its full name
        ("Bayern", "Bayern Munich", True),
        # words that make another body: a branch, a factory, a second company
        ("Union", "Union Carbide", False),
        ("Union Carbide", "Union Carbide Factory", False),
    ],
)
def test_an_organisation_joins_its_name_with_a_kind_of_company_after_it(short, full, joined):
    from kg.extract.entities import group_mentions

    candidates = [
        _candidate(0, full, "ORG", "Organization"),
        _candidate(100, short, "ORG", "Organization"),
    ]
    assert (len(group_mentions(candidates)) == 1) is joined


@pytest.mark.parametrize(
    ("full", "short", "joined"),
    [
        # the last words of one person's full name, read as a person's too
        ("Hasan al - Momani", "al - Momani", True),
        ("Johanna Doering - Smirnov", "Doering - Smirnov", True),
        # another person of the same family name
        ("Hans Weber", "Anna Weber", False),
    ],
)
def test_a_person_named_by_the_last_words_of_a_full_name(full, short, joined):
    from kg.extract.entities import group_mentions

    candidates = [
        _candidate(0, full, "PERSON", "Person"),
        _candidate(100, short, "PERSON", "Person"),
    ]
    assert (len(group_mentions(candidates)) == 1) is joined


def test_repeats_of_a_name_skip_the_wire_credit():
    from kg.extract.entities import add_missed_mentions, group_mentions

    text = (
        "Residents told Reuters the city was calm. Reuters saw no troops. hc / rc ( Reuters , AP )"
    )
    clusters = group_mentions([_candidate(15, "Reuters", "ORG", "Organization")])
    add_missed_mentions(clusters, text, [0], frozenset())
    [cluster] = clusters
    # the repeat in the body is found, the one in the credit is not
    assert sorted(m.start for m in cluster.mentions) == [15, 42]
