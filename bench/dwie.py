"""DWIE entity benchmark: load the gold documents, read predictions, score them.

Text. `dev.json` is DocRED-formatted: `sents` holds one token list per document (the headline,
a "\\n" token, then the body). The evaluation text is those tokens joined by single spaces, so
token `i` starts at the sum of the lengths of the tokens before it plus one space each, and a
mention with token `pos` [s, e) covers `[start(s), end(e - 1))` in characters.

Gold types. A `vertexSet` entry has a coarse `type` ("type::location" for Germany and Hamburg
alike), so types come from the official annotations `annos/<title>.json`, whose concepts carry
tags: `type::person` -> Person, `type::organization` -> Organization, `type::gpe0` (countries)
-> Country; concepts with none of these are kept (their mentions still catch wrong
predictions) but are not scored. The vertexSet index is not the annos concept id (annos keeps
concepts that have no mention in the text). The join is by mention: the annos `mentions`
sorted by (begin, end) and the DocRED mentions sorted by token (start, end) are the same list
in the same order (checked: same count and same surface text, pair by pair, in all 98 dev
documents), so each pair names the concept of one vertexSet entry. A pair whose texts differ,
or a vertexSet entry whose mentions point at two concepts, raises DwieFormatError.

Demonyms (optional, `fold_demonyms=True`). DWIE keeps "German" apart from Germany: a concept
tagged `type::gpe0-x` with a `gpe0` relation to its country, which often has no mention of
its own ("Iranian" -> Iran). newskg folds demonyms into their country
(docs/vocabulary.md), which the plain scoring counts against it. Folded, the demonym's
mentions join that country's concept
(created, typed Country and named by its annos text or Wikipedia link, when it has no
mention). Only relations to a concept tagged `type::gpe0`, or to one without mentions, fold:
one dev document links "Chilean" to a football team.

Entity scoring (document level, per type and micro overall). A predicted entity of a scored
type has a *majority concept* when more than half of its mentions overlap (share at least one
character with) mentions of that one gold concept. It is correct when that concept has the
predicted type and no other predicted entity has already taken it. Matching is greedy best
first: candidates are taken in order of how many of their mentions overlap the concept (most
first), ties by their order in the prediction, so an entity split in two scores its larger
part as correct and the smaller as wrong. Precision = correct / predicted of that type;
recall = matched gold concepts / gold concepts of that type. A predicted entity whose majority
concept has an unscored type (a city predicted as a Country), or that has no majority
concept, is wrong for its predicted type. When nested gold mentions give two concepts a
majority, the one with more overlaps wins, then the one of the predicted type.

Mention scoring: a predicted mention (of an entity of a scored type) is correct when its span
equals exactly the span of a gold mention whose concept has that type.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

SCORED_TYPES: tuple[str, ...] = ("Person", "Organization", "Country")
OVERALL = "overall"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "dwie"

# annos concept tag -> scored type; checked in this order (no dev concept has two of them)
TAG_TYPES: tuple[tuple[str, str], ...] = (
    ("type::person", "Person"),
    ("type::organization", "Organization"),
    ("type::gpe0", "Country"),
)


class DwieFormatError(ValueError):
    """The DWIE files do not have the shape this loader relies on."""


class PredictionFormatError(ValueError):
    """A prediction file is not JSON Lines in the `kg extract` contract."""


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: `[start, end)` characters of the document text, and its words."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class GoldConcept:
    """One gold entity (a DWIE concept with mentions in the text)."""

    index: int  # position in the document's vertexSet
    concept: int  # concept id in annos/<title>.json
    name: str
    type: str | None  # one of SCORED_TYPES, or None when this benchmark does not score it
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class GoldDocument:
    """One DWIE document as text plus its gold entities."""

    id: str
    title: str  # the headline: the tokens before the first line break
    text: str
    concepts: tuple[GoldConcept, ...]


@dataclass(frozen=True)
class PredictedMention:
    """A predicted `[start, end)` character span."""

    start: int
    end: int


@dataclass(frozen=True)
class PredictedEntity:
    """One entity of a system's output for one document."""

    type: str
    name: str
    mentions: tuple[PredictedMention, ...]


@dataclass(frozen=True)
class Score:
    """Counts for one type; precision, recall and F1 follow from them (0.0 when undefined)."""

    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


# ---------------------------------------------------------------- loading


def join_tokens(tokens: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The tokens joined by single spaces, and each token's `[start, end)` in that text."""
    offsets = []
    position = 0
    for token in tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(tokens), tuple(offsets)


def concept_type(tags: Iterable[str]) -> str | None:
    """The scored type named by an annos concept's tags, or None."""
    tag_set = set(tags)
    for tag, name in TAG_TYPES:
        if tag in tag_set:
            return name
    return None


def _document_tokens(record: dict, where: str) -> list[str]:
    sents = record.get("sents")
    if not isinstance(sents, list) or not sents:
        raise DwieFormatError(f"{where}: 'sents' is missing or empty")
    # one token list per document in this copy; a list of sentences would also join the same way
    if all(isinstance(sent, list) for sent in sents):
        return [token for sent in sents for token in sent]
    raise DwieFormatError(f"{where}: 'sents' is not a list of token lists")


def _concept_of_vertex(record: dict, annos: dict, where: str) -> dict[int, int]:
    """vertexSet index -> annos concept id, by pairing the two mention lists in text order."""
    ours = sorted(
        (m["pos"][0], m["pos"][1], index, m["name"])
        for index, vertex in enumerate(record["vertexSet"])
        for m in vertex
    )
    theirs = sorted(annos["mentions"], key=lambda m: (m["begin"], m["end"]))
    if len(ours) != len(theirs):
        raise DwieFormatError(
            f"{where}: {len(ours)} DocRED mentions but {len(theirs)} annos mentions"
        )
    mapping: dict[int, int] = {}
    for (_, _, index, name), anno in zip(ours, theirs, strict=True):
        if anno["text"] != name:
            raise DwieFormatError(f"{where}: mention {name!r} pairs with {anno['text']!r}")
        if mapping.setdefault(index, anno["concept"]) != anno["concept"]:
            raise DwieFormatError(f"{where}: vertexSet entry {index} spans two concepts")
    return mapping


def _by_position(mentions: Iterable[GoldMention]) -> tuple[GoldMention, ...]:
    return tuple(sorted(mentions, key=lambda m: (m.start, m.end)))


def _fold_demonyms(concepts: list[GoldConcept], annos: dict) -> list[GoldConcept]:
    """The concepts with each demonym's mentions moved into its country (see module docstring)."""
    present = {c.concept: c for c in concepts}
    described = {c["concept"]: c for c in annos["concepts"]}
    country_of: dict[int, int] = {}
    for relation in annos["relations"]:
        source, target = relation["s"], relation["o"]
        if (
            relation["p"] == "gpe0"
            and source in present
            and "type::gpe0-x" in described[source].get("tags", [])
            and (target not in present or present[target].type == "Country")
        ):
            country_of[source] = target
    moved: dict[int, list[GoldMention]] = {}
    for source, target in sorted(country_of.items()):
        moved.setdefault(target, []).extend(present[source].mentions)

    folded = []
    for concept in concepts:
        if concept.concept in country_of:
            continue
        if concept.concept in moved:
            mentions = _by_position([*concept.mentions, *moved.pop(concept.concept)])
            concept = replace(concept, mentions=mentions)
        folded.append(concept)
    for offset, (target, mentions) in enumerate(sorted(moved.items())):
        about = described[target]
        name = about.get("text") or about.get("link", "").replace("_", " ") or mentions[0].name
        folded.append(
            GoldConcept(len(concepts) + offset, target, name, "Country", _by_position(mentions))
        )
    return folded


def _load_document(record: dict, annos_dir: Path, fold_demonyms: bool) -> GoldDocument:
    doc_id = record.get("title")
    if not isinstance(doc_id, str):
        raise DwieFormatError(f"dev.json: a document has no string 'title': {str(record)[:80]}")
    tokens = _document_tokens(record, doc_id)
    text, offsets = join_tokens(tokens)
    annos_path = annos_dir / f"{doc_id}.json"
    try:
        annos = json.loads(annos_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DwieFormatError(f"{annos_path}: annotations for {doc_id} not found") from error
    tags = {c["concept"]: c.get("tags", []) for c in annos["concepts"]}
    names = {c["concept"]: c.get("text") for c in annos["concepts"]}
    concept_ids = _concept_of_vertex(record, annos, str(annos_path))

    concepts = []
    for index, vertex in enumerate(record["vertexSet"]):
        mentions = _by_position(
            GoldMention(offsets[m["pos"][0]][0], offsets[m["pos"][1] - 1][1], m["name"])
            for m in vertex
        )
        concept = concept_ids[index]
        concepts.append(
            GoldConcept(
                index,
                concept,
                names[concept] or vertex[0]["name"],
                concept_type(tags[concept]),
                mentions,
            )
        )
    if fold_demonyms:
        concepts = _fold_demonyms(concepts, annos)
    headline = tokens[: tokens.index("\n")] if "\n" in tokens else tokens
    return GoldDocument(doc_id, " ".join(headline), text, tuple(concepts))


def load_documents(
    dwie_dir: str | Path, limit: int | None = None, *, fold_demonyms: bool = False
) -> tuple[GoldDocument, ...]:
    """The gold documents of `dwie_dir` (holding dev.json and annos/), in file order."""
    dwie_dir = Path(dwie_dir)
    path = dwie_dir / "dev.json"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DwieFormatError(f"{path}: DWIE dev.json not found") from error
    if not isinstance(records, list):
        raise DwieFormatError(f"{path}: expected a JSON list of documents")
    if limit is not None:
        records = records[:limit]
    return tuple(_load_document(record, dwie_dir / "annos", fold_demonyms) for record in records)


def articles_jsonl(documents: Iterable[GoldDocument]) -> str:
    """The documents as JSON Lines articles (`id`, `title`, `text`) for `kg extract`."""
    return "".join(
        json.dumps({"id": d.id, "title": d.title, "text": d.text}, ensure_ascii=False) + "\n"
        for d in documents
    )


# Mention kinds DWIE annotates as mentions of an entity's own concept. It keeps
# demonyms ("German") as concepts of their own, so they count only when folded.
NAME_KINDS = frozenset({"name"})
FOLDED_KINDS = NAME_KINDS | {"demonym"}


def read_predictions(
    path: str | Path, *, kinds: frozenset[str] = NAME_KINDS
) -> dict[str, tuple[PredictedEntity, ...]]:
    """Entities per article id from a `kg extract` output file (JSON Lines).

    Only mentions of the given `kind`s are read (a mention without a kind is a name);
    an entity left with no mention is dropped.
    """
    path = Path(path)
    predictions: dict[str, tuple[PredictedEntity, ...]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                entities = tuple(
                    entity
                    for entity in (
                        PredictedEntity(
                            str(e["type"]),
                            str(e.get("name", "")),
                            tuple(
                                PredictedMention(int(m["start"]), int(m["end"]))
                                for m in e["mentions"]
                                if m.get("kind", "name") in kinds
                            ),
                        )
                        for e in record.get("entities", [])
                    )
                    if entity.mentions
                )
                article_id = str(record["id"])
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
                raise PredictionFormatError(
                    f"{where}: not a `kg extract` record ({error})"
                ) from error
            if article_id in predictions:
                raise PredictionFormatError(f"{where}: article id {article_id!r} appears twice")
            predictions[article_id] = entities
    return predictions


# ---------------------------------------------------------------- scoring


def _overlaps(a: PredictedMention, b: GoldMention) -> bool:
    return a.start < b.end and b.start < a.end


def majority_concept(
    entity: PredictedEntity, document: GoldDocument
) -> tuple[GoldConcept, int] | None:
    """The gold concept that more than half of the entity's mentions overlap, with that count."""
    counts: Counter[int] = Counter()
    for mention in entity.mentions:
        for position, concept in enumerate(document.concepts):
            if any(_overlaps(mention, gold) for gold in concept.mentions):
                counts[position] += 1
    # nested gold mentions can give two concepts a majority: most overlaps first, then the
    # concept of the predicted type, then text order
    ranked = sorted(
        counts.items(),
        key=lambda item: (-item[1], document.concepts[item[0]].type != entity.type, item[0]),
    )
    for position, count in ranked:
        if 2 * count > len(entity.mentions):
            return document.concepts[position], count
    return None


def with_overall(
    correct: Counter, predicted: Counter, gold: Counter, types: Iterable[str] = SCORED_TYPES
) -> dict[str, Score]:
    """A Score per type from the counts, and their micro sum as OVERALL."""
    scores = {t: Score(correct[t], predicted[t], gold[t]) for t in types}
    scores[OVERALL] = Score(
        sum(s.correct for s in scores.values()),
        sum(s.predicted for s in scores.values()),
        sum(s.gold for s in scores.values()),
    )
    return scores


def score_entities(
    documents: Iterable[GoldDocument],
    predictions: Mapping[str, Iterable[PredictedEntity]],
) -> dict[str, Score]:
    """Entity P/R/F1 per scored type and micro overall (see the module docstring)."""
    correct: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for document in documents:
        gold.update(c.type for c in document.concepts if c.type in SCORED_TYPES)
        candidates = []
        for order, entity in enumerate(predictions.get(document.id, ())):
            if entity.type not in SCORED_TYPES:
                continue
            predicted[entity.type] += 1
            hit = majority_concept(entity, document)
            if hit is not None and hit[0].type == entity.type:
                candidates.append((-hit[1], order, hit[0].index, entity.type))
        taken: set[int] = set()
        for _, _, concept_index, entity_type in sorted(candidates):
            if concept_index not in taken:
                taken.add(concept_index)
                correct[entity_type] += 1
    return with_overall(correct, predicted, gold)


def score_mentions(
    documents: Iterable[GoldDocument],
    predictions: Mapping[str, Iterable[PredictedEntity]],
) -> dict[str, Score]:
    """Mention P/R/F1 per scored type: exact span and same type."""
    correct: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for document in documents:
        gold_spans = {
            (m.start, m.end, c.type)
            for c in document.concepts
            if c.type in SCORED_TYPES
            for m in c.mentions
        }
        predicted_spans = {
            (m.start, m.end, e.type)
            for e in predictions.get(document.id, ())
            if e.type in SCORED_TYPES
            for m in e.mentions
        }
        gold.update(t for _, _, t in gold_spans)
        predicted.update(t for _, _, t in predicted_spans)
        correct.update(t for _, _, t in gold_spans & predicted_spans)
    return with_overall(correct, predicted, gold)
