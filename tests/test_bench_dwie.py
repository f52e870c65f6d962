"""The DWIE scorer on hand-made documents, and the loader on the real dev set."""

from __future__ import annotations

import json

import pytest
from conftest import shared_data

from bench.dwie import (
    OVERALL,
    DwieFormatError,
    GoldConcept,
    GoldDocument,
    GoldMention,
    PredictedEntity,
    PredictedMention,
    PredictionFormatError,
    Score,
    articles_jsonl,
    concept_type,
    join_tokens,
    load_documents,
    read_predictions,
    score_entities,
    score_mentions,
)

TEXT = "Angela Merkel visited Berlin . Merkel said Germany and the UN agree . Merkel left ."


def at(text: str, occurrence: int = 0) -> tuple[int, int]:
    """The `[start, end)` of the n-th occurrence of `text` in TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def concept(index: int, kind: str | None, *spans: tuple[int, int]) -> GoldConcept:
    mentions = tuple(GoldMention(s, e, TEXT[s:e]) for s, e in spans)
    return GoldConcept(index, index, mentions[0].name, kind, mentions)


MERKEL = concept(0, "Person", at("Angela Merkel"), at("Merkel", 1), at("Merkel", 2))
BERLIN = concept(1, None, at("Berlin"))  # a city: DWIE tags it, this benchmark does not score it
GERMANY = concept(2, "Country", at("Germany"))
UN = concept(3, "Organization", at("UN"))
GOLD = GoldDocument("d1", "Merkel", TEXT, (MERKEL, BERLIN, GERMANY, UN))


def entity(kind: str, *spans: tuple[int, int]) -> PredictedEntity:
    return PredictedEntity(
        kind, TEXT[spans[0][0] : spans[0][1]], tuple(PredictedMention(*s) for s in spans)
    )


def perfect() -> tuple[PredictedEntity, ...]:
    return tuple(
        PredictedEntity(c.type, c.name, tuple(PredictedMention(m.start, m.end) for m in c.mentions))
        for c in GOLD.concepts
        if c.type is not None
    )


def test_perfect_prediction_scores_one_everywhere() -> None:
    for scores in (
        score_entities([GOLD], {"d1": perfect()}),
        score_mentions([GOLD], {"d1": perfect()}),
    ):
        assert {name: (s.precision, s.recall, s.f1) for name, s in scores.items()} == {
            name: (1.0, 1.0, 1.0) for name in ("Person", "Organization", "Country", OVERALL)
        }
    assert score_entities([GOLD], {"d1": perfect()})[OVERALL] == Score(3, 3, 3)


def test_split_entity_gives_one_correct_and_one_wrong() -> None:
    # the smaller part comes first: best match still gives the concept to the larger part
    small = entity("Person", at("Merkel", 2))
    large = entity("Person", at("Angela Merkel"), at("Merkel", 1))
    person = score_entities([GOLD], {"d1": (small, large)})["Person"]
    assert person == Score(correct=1, predicted=2, gold=1)
    assert (person.precision, person.recall) == (0.5, 1.0)


def test_type_mismatch_is_wrong_for_both_types() -> None:
    scores = score_entities([GOLD], {"d1": (entity("Organization", at("Germany")),)})
    assert scores["Organization"] == Score(correct=0, predicted=1, gold=1)
    assert scores["Country"] == Score(correct=0, predicted=0, gold=1)


def test_unscored_gold_concept_is_not_in_recall_but_catches_a_wrong_guess() -> None:
    only_merkel = score_entities([GOLD], {"d1": (perfect()[0],)})
    assert only_merkel[OVERALL].gold == 3  # Merkel, Germany, UN: not Berlin
    assert only_merkel["Person"].recall == 1.0
    berlin_as_country = score_entities([GOLD], {"d1": (entity("Country", at("Berlin")),)})
    assert berlin_as_country["Country"] == Score(correct=0, predicted=1, gold=1)


def test_an_entity_needs_more_than_half_of_its_mentions_on_one_concept() -> None:
    half = entity("Person", at("Angela Merkel"), at("Berlin"))
    assert score_entities([GOLD], {"d1": (half,)})["Person"].correct == 0
    most = entity("Person", at("Angela Merkel"), at("Merkel", 1), at("Berlin"))
    assert score_entities([GOLD], {"d1": (most,)})["Person"].correct == 1


def test_partial_overlap_counts_for_entities_but_not_for_mentions() -> None:
    start, end = at("Angela Merkel")
    merkel = (entity("Person", (start + len("Angela "), end)),)  # "Merkel" inside the gold span
    assert score_entities([GOLD], {"d1": merkel})["Person"].correct == 1
    assert score_mentions([GOLD], {"d1": merkel})["Person"] == Score(0, 1, 3)


def test_mentions_need_the_exact_span_and_the_type() -> None:
    predicted = (
        entity("Person", at("Merkel", 1), at("Merkel", 2)),
        entity("Organization", at("Germany")),
    )
    scores = score_mentions([GOLD], {"d1": predicted})
    assert scores["Person"] == Score(correct=2, predicted=2, gold=3)
    assert scores["Organization"] == Score(correct=0, predicted=1, gold=1)


def test_unscored_predicted_types_and_missing_documents_are_ignored() -> None:
    scores = score_entities([GOLD], {"other": perfect(), "d1": (entity("Place", at("Berlin")),)})
    assert scores[OVERALL] == Score(correct=0, predicted=0, gold=3)


def test_score_without_predictions_or_gold_is_zero() -> None:
    assert (Score(0, 0, 0).precision, Score(0, 0, 0).recall, Score(0, 0, 0).f1) == (0, 0, 0)
    assert Score(1, 2, 1).as_dict() == {
        "correct": 1,
        "predicted": 2,
        "gold": 1,
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
    }


def test_join_tokens_gives_character_offsets() -> None:
    text, offsets = join_tokens(["Al", "Qaeda", "\n", "said"])
    assert text == "Al Qaeda \n said"
    assert [text[s:e] for s, e in offsets] == ["Al", "Qaeda", "\n", "said"]


@pytest.mark.parametrize(
    "tags, expected",
    [
        (["type::entity", "type::gpe", "type::gpe0", "type::location"], "Country"),
        (["type::gpe", "type::gpe2", "type::location"], None),  # a city
        (["type::gpe0-x", "type::other"], None),  # "German": an adjective, not the country
        (["type::armed_movement", "type::organization"], "Organization"),
        (["type::offender", "type::person"], "Person"),
    ],
)
def test_concept_type_from_annos_tags(tags: list[str], expected: str | None) -> None:
    assert concept_type(tags) == expected


def test_read_predictions_reads_the_extract_contract(tmp_path) -> None:
    path = tmp_path / "out.jsonl"
    record = {
        "id": "d1",
        "entities": [
            {
                "id": "e0",
                "type": "Person",
                "name": "Angela Merkel",
                "mentions": [{"start": 0, "end": 13}, {"start": 31, "end": 37}],
            }
        ],
        "relations": [],
    }
    path.write_text(json.dumps(record) + "\n\n" + json.dumps({"id": "d2", "entities": []}) + "\n")
    assert read_predictions(path) == {
        "d1": (
            PredictedEntity(
                "Person", "Angela Merkel", (PredictedMention(0, 13), PredictedMention(31, 37))
            ),
        ),
        "d2": (),
    }


@pytest.mark.parametrize(
    "lines, message",
    [
        (['{"id": "d1", "entities": []}', "not json"], r"out\.jsonl:2: not a `kg extract` record"),
        (['{"entities": []}'], r"out\.jsonl:1: not a `kg extract` record"),
        (['{"id": "d1"}', '{"id": "d1"}'], r"out\.jsonl:2: article id 'd1' appears twice"),
    ],
)
def test_read_predictions_names_the_bad_line(tmp_path, lines: list[str], message: str) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(PredictionFormatError, match=message):
        read_predictions(path)


def test_articles_jsonl_keeps_the_text_exactly() -> None:
    (line,) = articles_jsonl([GOLD]).splitlines()
    assert json.loads(line) == {"id": "d1", "title": "Merkel", "text": TEXT}


def test_loader_reads_the_98_dev_documents() -> None:
    documents = load_documents(shared_data("dev/dwie"))
    assert len(documents) == 98
    assert len({d.id for d in documents}) == 98
    first = documents[0]
    assert first.title == "Mzoudi Verdict Postponed Amid New Testimony"
    mentions = sorted((m for c in first.concepts for m in c.mentions), key=lambda m: m.start)
    assert [first.text[m.start : m.end] for m in mentions[:6]] == [m.name for m in mentions[:6]]
    assert [m.name for m in mentions[:3]] == ["Mzoudi", "Al Qaeda", "Abdelghani Mzoudi"]


def test_loader_types_come_from_annos_tags() -> None:
    first = load_documents(shared_data("dev/dwie"), limit=1)[0]
    types = {c.name: c.type for c in first.concepts}
    # DocRED calls both "type::location": only the annos tags tell a country from a city
    assert (types["Germany"], types["Hamburg"]) == ("Country", None)
    assert (types["Abdelghani Mzoudi"], types["Al Qaeda"]) == ("Person", "Organization")


def test_loader_names_a_missing_folder(tmp_path) -> None:
    with pytest.raises(DwieFormatError, match=r"dev\.json: DWIE dev\.json not found"):
        load_documents(tmp_path)


def test_folding_moves_demonyms_into_their_country() -> None:
    plain, folded = (
        load_documents(shared_data("dev/dwie"), limit=1, fold_demonyms=fold)[0]
        for fold in (False, True)
    )
    countries = {
        c.name: [m.name for m in c.mentions] for c in folded.concepts if c.type == "Country"
    }
    # "German" joins Germany; "Iranian" points at Iran, which has no mention of its own
    assert countries["Germany"] == ["Germany", "Germany", "German", "Germany"]
    assert countries["Iran"] == ["Iranian", "Iranian"]
    assert "German" in {c.name for c in plain.concepts}
    assert "German" not in {c.name for c in folded.concepts}
    assert len({c.index for c in folded.concepts}) == len(folded.concepts)


def test_conll_overall_leaves_misc_out() -> None:
    """bench.conll: MISC gold names are not scored overall (newskg has no such type); the
    older figure that counted them as misses is kept as "overall+misc"."""
    from bench.conll import Name, score

    gold = {("d", Name(0, 5, "PER")), ("d", Name(6, 9, "LOC")), ("d", Name(10, 14, "MISC"))}
    predicted = {("d", Name(0, 5, "PER")), ("d", Name(6, 9, "LOC"))}
    result = score(gold, predicted)
    assert result["overall"]["recall"] == 1.0
    assert result["overall"]["gold"] == 2
    assert result["overall+misc"]["recall"] == 0.667
    assert result["PER"]["f1"] == 1.0
