"""The learned relation scorer (kg.extract.relation_scorer), its shipped model and its trainer
(tools.train_relations), and `kg build --min-confidence`."""

from __future__ import annotations

import json
import re
from importlib import resources

import numpy as np
import pytest

from kg.extract import relation_scorer as scorer
from kg.model import RELATION_TYPES, Article
from tests.conftest import shared_data
from tools import train_relations as trainer

HEADER = json.loads((resources.files("kg.data") / scorer.MODEL_HEADER).read_text("utf-8"))


def test_the_shipped_header_is_what_the_trainer_writes() -> None:
    assert HEADER["format_version"] == scorer.FORMAT_VERSION
    assert HEADER["features"] == scorer.FEATURE_SPEC
    labels = HEADER["labels"]
    assert labels and set(labels) <= set(RELATION_TYPES)
    for label in labels:
        subjects, objects = trainer.SIGNATURES[label]
        assert HEADER["signatures"][label] == [list(subjects), list(objects)]
        assert 0 < HEADER["thresholds"][label] <= 1.01
    assert HEADER["trained_on"] == list(trainer.TRAINING_FILES)
    assert HEADER["seed"] == trainer.SEED
    assert re.fullmatch(r"[0-9a-f]{64}", HEADER["training_sha256"])


def test_the_shipped_weights_fit_the_header_and_stay_small() -> None:
    model = scorer.load_model()
    assert model is not None
    assert model.labels == tuple(HEADER["labels"])
    assert model.weights.shape == (scorer.FEATURE_SPEC["dim"], len(model.labels))
    assert np.isfinite(model.weights).all() and np.isfinite(model.platt).all()
    size = (resources.files("kg.data") / scorer.MODEL_NPZ).stat().st_size  # type: ignore[attr-defined]
    assert size <= 20 * 1024 * 1024


def test_the_shipped_model_was_trained_on_the_data_it_names() -> None:
    data = shared_data("train/re-docred").parent.parent
    assert trainer.data_hash(data) == HEADER["training_sha256"]


def _scored(text: str) -> dict[tuple[str, str, str], float]:
    """(subject name, relation, object name) -> the scorer's probability, rules left out."""
    from kg.extract.anchors import Anchors
    from kg.extract.facts import extract_facts
    from kg.nlp.load import analysis_text, load_pipeline

    doc = load_pipeline()(analysis_text(text))
    facts = extract_facts(doc, Article(id="t", text=text))
    model = scorer.load_model()
    assert model is not None
    batch = scorer.candidates(doc, Anchors(doc, facts.entities), (), model.pair_types())
    names = {e.id: e.name for e in facts.entities}
    probs = model.probabilities(batch)
    return {
        (names[c.subject], label, names[c.object]): float(probs[row, column])
        for row, c in enumerate(batch)
        for column, label in enumerate(model.labels)
        if probs[row, column] > 0
    }


def _threshold(label: str) -> float:
    return HEADER["thresholds"][label]


@pytest.mark.parametrize(
    "text, subject, obj",
    [
        (
            "Angela Merkel, the German chancellor, arrived in Paris on Monday.",
            "Angela Merkel",
            "Germany",
        ),
        ("Kenyan runner Eliud Kipchoge won the race in Berlin.", "Eliud Kipchoge", "Kenya"),
    ],
)
def test_a_person_described_by_a_demonym_is_its_countrys_citizen(
    text: str, subject: str, obj: str
) -> None:
    scores = _scored(text)
    assert scores[(subject, "citizenOf", obj)] >= _threshold("citizenOf")
    # the scorer has a direction: the country is no citizen of the person
    assert (obj, "citizenOf", subject) not in scores
    # and the city named beside them is not put in that country
    assert all(p < _threshold(k[1]) for k, p in scores.items() if k[1] == "locatedIn")


def test_a_sentence_that_states_no_relation_gives_none() -> None:
    scores = _scored("The film by Steven Spielberg opened in cinemas in Brazil and Spain.")
    assert scores  # there are candidates (a person, two countries) ...
    assert all(p < _threshold(label) for (_, label, _), p in scores.items())  # ... none kept


_PEOPLE = [
    ("Anna Berg", "Sweden", "Kenya"),
    ("Paul Dubois", "France", "Peru"),
    ("Marta Ruiz", "Spain", "Japan"),
    ("Luca Bianchi", "Italy", "Chile"),
    ("Jonas Weber", "Germany", "Egypt"),
    ("Sara Costa", "Portugal", "India"),
    ("Omar Haddad", "Jordan", "Brazil"),
    ("Ivan Petrov", "Russia", "Canada"),
    ("Lena Novak", "Croatia", "Mexico"),
    ("Piet de Vries", "Netherlands", "Ghana"),
    ("Kofi Mensah", "Ghana", "Norway"),
    ("Mei Lin", "China", "Austria"),
]


def _invented_record(person: str, country: str, visited: str) -> dict:
    """A Re-DocRED-shaped document: the person is a citizen of one country, visits another."""
    words = person.split()
    first = [*words, "is", "a", "politician", "from", country, "."]
    second = ["Last", "year", words[-1], "visited", visited, "."]
    return {
        "title": person,
        "sents": [first, second],
        "vertexSet": [
            [
                {"name": person, "pos": [0, len(words)], "sent_id": 0, "type": "PER"},
                {"name": words[-1], "pos": [2, 3], "sent_id": 1, "type": "PER"},
            ],
            [
                {
                    "name": country,
                    "pos": [len(words) + 4, len(words) + 5],
                    "sent_id": 0,
                    "type": "LOC",
                }
            ],
            [{"name": visited, "pos": [4, 5], "sent_id": 1, "type": "LOC"}],
        ],
        "labels": [{"r": "P27", "h": 0, "t": 1, "evidence": [0]}],
    }


def test_a_tiny_retrain_is_deterministic_and_learns_its_labels() -> None:
    records = [_invented_record(*row) for row in _PEOPLE]
    batch = list(trainer.examples(records))
    first, positives = trainer.fit(batch)
    second, _ = trainer.fit(list(trainer.examples(records)))
    assert positives["citizenOf"] == len(records)
    assert first.labels == ("citizenOf",)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.platt, second.platt) and np.array_equal(first.bias, second.bias)
    # the country the person is from outscores the one visited, in every document
    for example in batch:
        probs = first.probabilities(example.candidates)[:, 0]
        chosen = {bool(gold): p for gold, p in zip(example.labels, probs, strict=True)}
        assert chosen[True] > chosen[False]


def test_min_confidence_leaves_out_relations_below_it_and_the_cache_keeps_them(
    tmp_path,
) -> None:
    import kg
    from kg.pipeline.options import BuildOptions

    def confidences(floor: float | None) -> list[float]:
        kg.build(["seeds"], out=tmp_path, options=BuildOptions(min_confidence=floor))
        lines = (tmp_path / "facts.jsonl").read_text("utf-8").splitlines()
        return sorted(r["confidence"] for line in lines for r in json.loads(line)["relations"])

    high = confidences(0.86)
    every = confidences(None)  # the same cache: the relations left out come back
    assert high and min(high) >= 0.86
    assert min(every) < 0.86 and set(high) <= set(every)
    assert len(every) > len(high)


def test_build_help_shows_min_confidence_with_an_example() -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "--min-confidence" in result.output
    assert "--min-confidence 0.6" in result.output
    refused = CliRunner().invoke(app, ["build", "--min-confidence", "1.5"])
    assert refused.exit_code == 2


def test_a_person_gets_one_learned_country_at_most(facts_of) -> None:
    facts = facts_of("Angela Merkel watched the match between Brazil and Spain on television.")
    learned = [r for r in facts.relations if r.extractor == scorer.EXTRACTOR]
    assert all(0 < r.confidence <= 1 for r in learned)
    countries = {r.object for r in learned if r.type == "citizenOf"}
    assert len(countries) <= 1


def test_batch_indices_are_each_rows_feature_indices_concatenated() -> None:
    rows = [
        ("T:Person>Country", "B:the", "PW:of"),
        ("T:Person>Country",),
        # two spellings of one feature and a repeat: distinct columns once each, sorted
        ("T:Organization>Place", "SN:2", "SN:2", "B:ünïcode", "B:ministry", "ORD:so"),
        ("T:Person>Country", "B:the", "PW:of"),
    ]
    flat, starts = scorer.batch_indices(rows)
    expected = [scorer.feature_indices(row) for row in rows]
    assert starts.tolist() == np.cumsum([0] + [len(e) for e in expected[:-1]]).tolist()
    assert flat.tolist() == np.concatenate(expected).tolist()
    assert len(expected[2]) == 5


def test_batch_indices_give_a_column_that_collides_once_per_row(monkeypatch) -> None:
    # two features of one row on one column count once, as feature_indices counts them
    monkeypatch.setattr(scorer, "_COLUMNS", {"a": 7, "b": 7, "c": 3})
    flat, starts = scorer.batch_indices([("a", "b", "c"), ("b",)])
    assert flat.tolist() == [3, 7, 7] and starts.tolist() == [0, 2]


def test_the_parse_lists_agree_with_spacys_tokens() -> None:
    from kg.nlp.load import load_pipeline

    text = (
        "The German chancellor, Angela Merkel, met Emmanuel Macron in Paris.\n\n"
        "Officials of the French foreign ministry said talks would go on  next week."
    )
    doc = load_pipeline()(text)
    parse = scorer._Parse(doc)
    assert parse.lower == [t.lower_ for t in doc]
    assert parse.dep == [t.dep_ for t in doc]
    assert parse.head == [t.head.i for t in doc]
    assert all(parse.ancestors(t.i) == [a.i for a in t.ancestors] for t in doc)
    assert any(parse.ancestors(t.i) for t in doc)


def test_an_organisation_named_after_another_country_is_not_based_in_this_one() -> None:
    from types import SimpleNamespace

    from kg.model import Entity

    entities = {
        "bank": Entity(id="bank", type="Organization", name="Bank of England", mentions=()),
        "fed": Entity(id="fed", type="Organization", name="Federal Reserve", mentions=()),
        "rus": Entity(id="rus", type="Country", name="Russia", mentions=(), iso3="RUS"),
        "gbr": Entity(id="gbr", type="Country", name="United Kingdom", mentions=(), iso3="GBR"),
    }
    anchors = SimpleNamespace(entities=entities)

    def vetoed(subject: str, obj: str, label: str = "basedIn") -> bool:
        candidate = SimpleNamespace(subject=subject, object=obj)
        return scorer._named_elsewhere(label, candidate, anchors)  # type: ignore[arg-type]

    assert vetoed("bank", "rus")  # the Bank of England in an article on Russia
    assert not vetoed("bank", "gbr")
    assert not vetoed("fed", "rus")  # a name that places it nowhere says nothing
    assert not vetoed("bank", "rus", label="partOf")
