"""Reuters ticker codes: "San Miguel Corp <SMC.PS>" names San Miguel Corp, ticker SMC.PS."""

from __future__ import annotations

import json

import pytest
import rdflib

from kg.export.contract import facts_to_json
from kg.extract.orgs import ticker_after, ticker_names, ticker_spans
from kg.graph.rdf import DEFAULT_BASE_IRI, graph_triples, to_rdflib
from kg.graph.vocab import KG
from kg.resolve import resolve


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("San Miguel Corp <SMC.PS> said", "SMC.PS"),
        ("San Miguel Corp's <SMC.PS> Chairman", "SMC.PS"),
        ("San Miguel Corp'<SMC.PS> unit", "SMC.PS"),
        # a private company's name in brackets is a name, not a code
        ("San Miguel Corp, <Banque Paribas> and", None),
        # no brackets: no ticker
        ("San Miguel Corp said", None),
        # a comparison in running text is no markup
        ("San Miguel Corp < 5 pct", None),
    ],
)
def test_ticker_after_a_name(text: str, ticker: str | None) -> None:
    assert ticker_after(text, len("San Miguel Corp")) == ticker


def test_ticker_spans_are_codes_after_words_only() -> None:
    text = "<NTT> said Nokia Oy <NOKS.HE> and <Banque Paribas> agreed; 3 < 4 > 2."
    assert [text[start:end] for start, end in ticker_spans(text)] == ["<NOKS.HE>"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("MARCH 6 - Valero Energy Corp <VLO> said", [("Valero Energy Corp", "VLO")]),
        ("a facility with Wells Fargo and Co's <WFC> unit", [("Wells Fargo and Co", "WFC")]),
        ("The Coca-Cola Co <KO> said", [("Coca-Cola Co", "KO")]),
        # a sentence word before the name is not the name's; a word in capitals is
        ("But Asarco Inc <AR> fell", [("Asarco Inc", "AR")]),
        ("US Steel <X> rose", [("US Steel", "X")]),
        # "and" inside one company's name, or between two companies
        ("Procter and Gamble Co <PG> said", [("Procter and Gamble Co", "PG")]),
        ("Bear Stearns and Co Inc <BSC> said", [("Bear Stearns and Co Inc", "BSC")]),
        ("by Wagner and Brown and AFG Industries Inc <AFG>", [("AFG Industries Inc", "AFG")]),
        ("Beta Group and CooperVision Inc <EYE> said", [("CooperVision Inc", "EYE")]),
        # no capitalised word before the code: no name to give it
        ("analysts said <VLO> rose", []),
        # a private company's name in brackets is no ticker
        ("Valero Energy Corp said <Banque Paribas> rose", []),
    ],
)
def test_ticker_names_are_the_capitalised_words_before_a_ticker(text, names) -> None:
    assert [(text[start:end], code) for start, end, code in ticker_names(text)] == names


def test_a_company_spacy_misses_at_a_wire_opening_is_found_by_its_ticker(facts_of) -> None:
    facts = facts_of("SAN ANTONIO, TEX., MARCH 6 - Valero Energy Corp <VLO> said it was ready.")
    assert organisations(facts)["Valero Energy Corp"] == ("VLO",)


def test_spacys_organisation_before_a_ticker_keeps_its_longer_name(facts_of) -> None:
    # the capitalised words before the ticker stop at "of"; spaCy's name does not
    facts = facts_of("The unit was bought from Bank of New York Co Inc <BK.N>, which held it.")
    assert organisations(facts)["Bank of New York Co Inc"] == ("BK.N",)


def organisations(facts) -> dict[str, tuple[str, ...]]:
    return {e.name: e.tickers for e in facts.entities if e.type == "Organization"}


def test_a_ticker_is_cut_from_the_name_and_kept_on_the_organisation(facts_of) -> None:
    text = "International Business Machines Corp <IBM.N> said it bought <Banque Paribas>."
    facts = facts_of(text)
    found = organisations(facts)
    assert found["International Business Machines Corp"] == ("IBM.N",)
    # the bracketed private company keeps its name, without brackets, and has no ticker
    assert found["Banque Paribas"] == ()
    for entity in facts.entities:
        assert "<" not in entity.name and ">" not in entity.name
        for mention in entity.mentions:
            # offsets stay those of the text as given
            assert text[mention.start : mention.end] == mention.text
            assert "<" not in mention.text and ">" not in mention.text


def test_a_text_without_markup_gives_no_ticker(facts_of) -> None:
    facts = facts_of("International Business Machines Corp said 3 < 4 in its report.")
    assert all(not e.tickers for e in facts.entities)


def test_tickers_reach_the_contract_and_the_graph(facts_of) -> None:
    facts = facts_of("San Miguel Corp <SMC.PS> said profits rose.")
    record = json.loads(json.dumps(facts_to_json(facts, base_iri=DEFAULT_BASE_IRI)))
    [company] = [e for e in record["entities"] if e["type"] == "Organization"]
    assert (company["name"], company["tickers"]) == ("San Miguel Corp", ["SMC.PS"])
    graph = to_rdflib(graph_triples(resolve([facts])))
    node = rdflib.URIRef(company["iri"])
    assert list(graph.objects(node, KG.ticker)) == [rdflib.Literal("SMC.PS")]
