"""Train the relation scorer that ships as kg/data/relation_model.{npz,json}.

    python -m tools.train_relations [--data ../shared/data] [--out kg/data] [--no-tune]

One reproducible command (fixed seed; same inputs -> same weights): parses Re-DocRED's
Wikipedia documents (`dev/re-docred/dev_revised.json`, `train/re-docred/test_revised.json`;
MIT annotations, CC BY-SA text) with newskg's own spaCy pipeline, turns the gold entities into
newskg entities (PER -> Person, ORG -> Organization, LOC -> Country when the country table
knows the name, else Place; a demonym -> its country), runs the rules on them, builds the
scorer's candidates and features (kg.extract.relation_scorer) and labels each candidate with
the Wikidata properties of `PROPERTIES` mapped to newskg relations. Properties not in the
table are negatives (P39 position held, P69 educated at, ...). One logistic regression per
relation (scikit-learn, liblinear) on all candidates whose types fit; Platt scaling fitted on
out-of-fold scores (3 folds grouped by document). Thresholds: 0.5, or, when DWIE dev is
present (and not `--no-tune`), per relation the one that maximises DWIE dev micro F1 with
precision >= 0.705, at least 0.5 for a relation with fewer than 30 gold pairs there; one DWIE
does not score (employedBy) gets 0.7. Dev data is for
tuning: DWIE text and annotations never enter the model's weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from kg.extract.anchors import Anchors
from kg.extract.countries import lookup_country, lookup_demonym
from kg.extract.relation_scorer import (
    EXTRACTOR,
    FEATURE_SPEC,
    FORMAT_VERSION,
    MODEL_HEADER,
    MODEL_NPZ,
    Candidate,
    RelationModel,
    batch_indices,
    candidates,
    scored,
)
from kg.extract.relations import extract_relations
from kg.model import RELATION_TYPES, Entity, Mention
from kg.nlp.load import analysis_text, load_pipeline

SEED = 17
# run as `python -m tools.train_relations` from the repository root, ../shared beside it
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
TRAINING_FILES = ("dev/re-docred/dev_revised.json", "train/re-docred/test_revised.json")

# Each relation the scorer learns: (subject types, object types).
SIGNATURES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "citizenOf": (("Person",), ("Country",)),
    "memberOf": (("Person", "Country", "Organization"), ("Organization",)),
    "employedBy": (("Person",), ("Organization",)),
    "leaderOf": (("Person",), ("Organization",)),
    "headOfState": (("Person",), ("Country",)),
    "headOfGovernment": (("Person",), ("Country",)),
    "basedIn": (("Organization",), ("Country", "Place")),
    "locatedIn": (("Place",), ("Country", "Place")),
    "partOf": (("Organization", "Place"), ("Organization", "Country", "Place")),
    "spouseOf": (("Person",), ("Person",)),
    "parentOf": (("Person",), ("Person",)),
    "childOf": (("Person",), ("Person",)),
    "founderOf": (("Person",), ("Organization",)),
}
# Wikidata property (head h, tail t) -> the newskg relations it gives: (type, inverted).
# A relation whose types do not fit the pair (P17 of a person) gives nothing.
PROPERTIES: dict[str, tuple[tuple[str, bool], ...]] = {
    "P27": (("citizenOf", False),),  # country of citizenship
    "P463": (("memberOf", False),),  # member of
    "P102": (("memberOf", False),),  # member of political party
    "P54": (("memberOf", False),),  # member of sports team (DWIE: a player is a member)
    "P108": (("employedBy", False),),  # employer
    "P488": (("leaderOf", True),),  # chairperson: org -> person
    "P35": (("headOfState", True),),  # head of state: country -> person
    "P6": (("headOfGovernment", True),),  # head of government: country -> person
    "P159": (("basedIn", False),),  # headquarters location
    "P17": (("basedIn", False), ("locatedIn", False)),  # country: org or place -> country
    "P131": (("basedIn", False), ("locatedIn", False)),  # located in the admin. territory
    "P150": (("locatedIn", True),),  # contains the admin. territory
    "P1001": (("basedIn", False),),  # applies to jurisdiction: a government body
    "P361": (("partOf", False),),  # part of
    "P527": (("partOf", True),),  # has part
    "P749": (("partOf", False),),  # parent organisation
    "P355": (("partOf", True),),  # subsidiary
    "P26": (("spouseOf", False), ("spouseOf", True)),  # spouse (symmetric)
    "P40": (("parentOf", False), ("childOf", True)),  # child: parent -> child
    "P22": (("childOf", False), ("parentOf", True)),  # father: child -> father
    "P25": (("childOf", False), ("parentOf", True)),  # mother: child -> mother
    "P112": (("founderOf", True),),  # founded by: org -> person
}
_KIND = {"PER": "Person", "ORG": "Organization"}


@dataclass(frozen=True)
class Example:
    """One document's candidates, their gold relations and its index (for the folds)."""

    document: int
    candidates: tuple[Candidate, ...]
    labels: tuple[frozenset[str], ...]


def data_hash(data: Path) -> str:
    digest = hashlib.sha256()
    for name in TRAINING_FILES:
        digest.update((data / name).read_bytes())
    return digest.hexdigest()


def read_documents(data: Path) -> list[dict]:
    documents: list[dict] = []
    for name in TRAINING_FILES:
        documents.extend(json.loads((data / name).read_text(encoding="utf-8")))
    return documents


def _offsets(sents: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The tokens joined by single spaces, and each token's characters, sentence by sentence."""
    parts, offsets, at = [], [], 0
    for sentence in sents:
        row = []
        for token in sentence:
            row.append((at, at + len(token)))
            parts.append(token)
            at += len(token) + 1
        offsets.append(row)
    return " ".join(parts), offsets


def _entity_type(vertex: list[dict]) -> tuple[str, str | None] | None:
    """newskg's type of a Re-DocRED vertex and the ISO code of a country, or None."""
    kinds = sorted({m["type"] for m in vertex})
    names = sorted({m["name"] for m in vertex}, key=lambda n: (-len(n), n))
    if "PER" in kinds or "ORG" in kinds:
        return _KIND["PER" if "PER" in kinds else "ORG"], None
    for name in names:
        country = lookup_country(name) or lookup_demonym(name)
        if country is not None and ("LOC" in kinds or "MISC" in kinds):
            return "Country", country.iso3
    return ("Place", None) if "LOC" in kinds else None


def gold_entities(
    record: dict, offsets: list[list[tuple[int, int]]], starts: list[int], text: str
) -> tuple[tuple[Entity, ...], dict[int, str]]:
    """The document's entities (one per country, demonyms folded) and vertex -> entity id."""
    merged: dict[str, list[Mention]] = {}
    kinds: dict[str, tuple[str, str | None]] = {}
    of_vertex: dict[int, str] = {}
    for index, vertex in enumerate(record["vertexSet"]):
        typed = _entity_type(vertex)
        if typed is None:
            continue
        key = f"c{typed[1]}" if typed[1] else f"v{index}"
        kinds[key] = typed
        of_vertex[index] = key
        for mention in vertex:
            row = offsets[mention["sent_id"]]
            start, end = row[mention["pos"][0]][0], row[mention["pos"][1] - 1][1]
            words = text[start:end]
            kind = "demonym" if typed[0] == "Country" and lookup_demonym(words) else "name"
            sentence = max(0, bisect_right(starts, start) - 1)
            merged.setdefault(key, []).append(Mention(start, end, words, sentence, kind))
    ids = {key: f"e{n}" for n, key in enumerate(merged)}
    entities = []
    for key, mentions in merged.items():
        mentions = sorted(set(mentions), key=lambda m: (m.start, m.end))
        name = max((m.text for m in mentions if m.kind == "name"), key=len, default="")
        kind, iso3 = kinds[key]
        entities.append(Entity(ids[key], kind, name, tuple(mentions), iso3=iso3))
    return tuple(entities), {v: ids[k] for v, k in of_vertex.items()}


def gold_labels(record: dict, of_vertex: dict[int, str]) -> dict[tuple[str, str], set[str]]:
    """(subject id, object id) -> newskg relations, from the mapped Wikidata properties."""
    found: dict[tuple[str, str], set[str]] = {}
    for label in record["labels"]:
        head, tail = of_vertex.get(label["h"]), of_vertex.get(label["t"])
        if head is None or tail is None or head == tail:
            continue
        for kind, inverted in PROPERTIES.get(label["r"], ()):
            pair = (tail, head) if inverted else (head, tail)
            found.setdefault(pair, set()).add(kind)
    return found


def pair_types() -> frozenset[tuple[str, str]]:
    return frozenset((s, o) for subj, obj in SIGNATURES.values() for s in subj for o in obj)


def parsed(texts: Iterable[str], model: str | None) -> Iterator[Doc]:
    return load_pipeline(model).pipe((analysis_text(t) for t in texts), batch_size=32)


def examples(
    records: Sequence[dict], model: str | None = None, docs: Iterable[Doc] | None = None
) -> Iterator[Example]:
    """Each document parsed (unless `docs` has them), its gold entities anchored, its
    candidates labelled."""
    prepared = [(record, *_offsets(record["sents"])) for record in records]
    if docs is None:
        docs = parsed((text for _, text, _ in prepared), model)
    types = pair_types()
    for number, (doc, (record, text, offsets)) in enumerate(zip(docs, prepared, strict=True)):
        starts = [s.start_char for s in doc.sents]
        entities, of_vertex = gold_entities(record, offsets, starts, text)
        anchors = Anchors(doc, entities, sentence_starts=starts)
        rules = extract_relations(doc, anchors)
        found = candidates(doc, anchors, rules, types)
        gold = gold_labels(record, of_vertex)
        labels = []
        for candidate in found:
            fit = _fitting(anchors, candidate)
            labels.append(frozenset(gold.get((candidate.subject, candidate.object), set()) & fit))
        yield Example(number, tuple(found), tuple(labels))


def _fitting(anchors: Anchors, candidate: Candidate) -> set[str]:
    s, o = anchors.type_of(candidate.subject), anchors.type_of(candidate.object)
    return {label for label, (subj, obj) in SIGNATURES.items() if s in subj and o in obj}


def design(batch: Iterable[Example]):
    """The hashed feature matrix, one row per candidate, its labels and documents."""
    from scipy.sparse import csr_matrix

    rows, groups, labels, types = [], [], [], []
    for example in batch:
        for candidate, gold in zip(example.candidates, example.labels, strict=True):
            rows.append(candidate.features)
            groups.append(example.document)
            labels.append(gold)
            types.append(candidate.features[0][2:].split(">"))
    # the columns exactly as the scorer computes them at run time
    indices, starts = batch_indices(rows) if rows else (np.zeros(0, dtype=np.int64), [])
    indptr = np.append(np.asarray(starts, dtype=np.int64), len(indices))
    dim = int(FEATURE_SPEC["dim"])  # type: ignore[call-overload]
    matrix = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), dim))
    return matrix, np.array(groups), labels, types


def fit(batch: Sequence[Example], c: float = 1.0) -> tuple[RelationModel, dict[str, int]]:
    """One calibrated logistic regression per relation with enough positives."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    matrix, groups, labels, types = design(batch)
    kept, columns, biases, platts, positives = [], [], [], [], {}
    for label, (subj, obj) in SIGNATURES.items():
        rows = np.array([s in subj and o in obj for s, o in types])
        y = np.array([label in gold for gold in labels])[rows]
        positives[label] = int(y.sum())
        if y.sum() < 10 or len(set(groups[rows])) < 3:
            continue
        x, folds = matrix[rows], groups[rows]

        def model() -> LogisticRegression:
            return LogisticRegression(C=c, solver="liblinear", dual=True, random_state=SEED)

        held_out = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=3).split(x, y, folds):
            if y[train].any():
                held_out[test] = model().fit(x[train], y[train]).decision_function(x[test])
        platt = LogisticRegression(C=1e6, solver="lbfgs").fit(held_out.reshape(-1, 1), y)
        final = model().fit(x, y)
        kept.append(label)
        columns.append(final.coef_[0])
        biases.append(final.intercept_[0])
        platts.append((platt.coef_[0][0], platt.intercept_[0]))
    return (
        RelationModel(
            labels=tuple(kept),
            signatures={label: SIGNATURES[label] for label in kept},
            weights=np.array(columns, dtype=np.float32).T.copy(),
            bias=np.array(biases),
            platt=np.array(platts).T.copy(),
            thresholds=np.full(len(kept), 0.5),
        ),
        positives,
    )


def write_model(model: RelationModel, out: Path, header: dict) -> None:
    """The weights (compressed; the unseen columns are zeros) and the JSON header."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / MODEL_NPZ).open("wb") as handle:
        np.savez_compressed(
            handle,
            weights=model.weights.astype(np.float32),
            bias=model.bias.astype(np.float64),
            platt=model.platt.astype(np.float64),
        )
    full = {
        "format_version": FORMAT_VERSION,
        "labels": list(model.labels),
        "signatures": {k: [list(v[0]), list(v[1])] for k, v in model.signatures.items()},
        "features": FEATURE_SPEC,
        "thresholds": {k: float(t) for k, t in zip(model.labels, model.thresholds, strict=True)},
        **header,
    }
    (out / MODEL_HEADER).write_text(json.dumps(full, indent=2, sort_keys=True) + "\n")


GRID = (*(round(0.05 + 0.025 * n, 3) for n in range(37)), 1.01)  # 1.01: never
MIN_PRECISION = 0.705
UNTUNED = 0.7
FEW_GOLD = 30


@dataclass
class _Tally:
    """One relation type on DWIE dev: the rules' fixed part and the scorer's scored pairs."""

    gold: int = 0
    fixed_correct: int = 0
    fixed_predicted: int = 0
    scored: dict | None = None  # (document, head, tail) -> best probability
    correct_keys: frozenset = frozenset()
    unmatched: list | None = None  # probabilities of relations with an unmatched entity

    def counts(self, threshold: float) -> tuple[int, int]:
        hits = [k for k, p in (self.scored or {}).items() if p >= threshold]
        wrong = sum(1 for p in self.unmatched or () if p >= threshold)
        correct = self.fixed_correct + sum(1 for k in hits if k in self.correct_keys)
        return correct, self.fixed_predicted + len(hits) + wrong


def _dwie_tallies(
    model: RelationModel, dwie_dir: Path, spacy_model: str | None, docs: Iterable[Doc] | None
) -> dict[str, _Tally]:
    """Per relation type, DWIE dev's gold and the predictions, scored as
    bench.dwie_relations does."""
    from bench.dwie import load_documents
    from bench.dwie_relations import ALIGNED, SCORED_TYPES, gold_triples

    documents = load_documents(dwie_dir, fold_demonyms=True)
    tallies = {kind: _Tally(scored={}, unmatched=[]) for kind in SCORED_TYPES}
    if docs is None:
        docs = parsed((d.text for d in documents), spacy_model)
    for doc, document in zip(docs, documents, strict=True):
        concept, rules, pairs = _dwie_document(doc, document, model)
        gold = gold_triples(document, dwie_dir / "annos")
        fixed: dict[str, set] = {}
        for relation in rules:
            head, tail = concept.get(relation.subject), concept.get(relation.object)
            kind = ALIGNED.get(relation.type, relation.type)
            if kind not in tallies:
                continue
            if head is None or tail is None:
                tallies[kind].fixed_predicted += 1
            else:
                fixed.setdefault(kind, set()).add((document.id, head, tail))
        for candidate, column, p in pairs:
            tally = tallies.get(model.labels[column])
            head, tail = concept.get(candidate.subject), concept.get(candidate.object)
            if tally is None or p < GRID[0]:
                continue
            if head is None or tail is None:
                tally.unmatched.append(p)
                continue
            key = (document.id, head, tail)
            tally.scored[key] = max(p, tally.scored.get(key, 0.0))
        for kind, tally in tallies.items():
            expected = {(document.id, h, t) for h, k, t in gold if k == kind}
            mine = fixed.get(kind, set())
            tally.gold += len(expected)
            tally.fixed_predicted += len(mine)
            tally.fixed_correct += len(mine & expected)
            for key in mine:
                tally.scored.pop(key, None)
            tally.correct_keys = tally.correct_keys | frozenset(expected - mine)
    return tallies


def _dwie_document(doc: Doc, document: Any, model: RelationModel) -> tuple:
    """Entity id -> gold concept (or None), the rules' relations, the model's scored pairs."""
    from bench.dwie import PredictedEntity, PredictedMention, majority_concept
    from kg.extract.facts import extract_facts
    from kg.model import Article

    article = Article(id=document.id, text=document.text, title=document.title)
    facts = extract_facts(doc, article, relation_model=model)
    rules = [r for r in facts.relations if r.extractor != EXTRACTOR]
    starts = [s.start_char for s in doc.sents]
    anchors = Anchors(doc, facts.entities, sentence_starts=starts, source=document.text)
    concept = {}
    for entity in facts.entities:
        mentions = tuple(PredictedMention(m.start, m.end) for m in entity.mentions)
        found = majority_concept(PredictedEntity(entity.type, entity.name, mentions), document)
        concept[entity.id] = None if found is None else found[0].concept
    return concept, rules, scored(doc, anchors, rules, model)


def _micro(tallies: dict, thresholds: dict[str, float]) -> tuple[float, float, float]:
    correct = predicted = gold = 0
    for kind, tally in tallies.items():
        c, p = tally.counts(thresholds.get(kind, 1.01))
        correct, predicted, gold = correct + c, predicted + p, gold + tally.gold
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tune(
    model: RelationModel,
    dwie_dir: Path,
    spacy_model: str | None = None,
    docs: Iterable[Doc] | None = None,
) -> tuple:
    """Per-type thresholds that maximise DWIE dev micro F1 at precision >= MIN_PRECISION
    (coordinate ascent from 'never', three rounds, types in label order)."""
    from dataclasses import replace

    if not (dwie_dir / "dev.json").is_file():
        print(f"no DWIE dev at {dwie_dir}: thresholds stay 0.5")
        return model, {"tuned_on": None}
    tallies = _dwie_tallies(model, dwie_dir, spacy_model, docs)
    # a type DWIE does not score (employedBy) keeps UNTUNED: nothing there to tune it on
    thresholds = {label: 1.01 if label in tallies else UNTUNED for label in model.labels}
    before = _micro(tallies, thresholds)
    for _ in range(3):
        for key in (label for label in model.labels if label in tallies):
            best = None
            # a relation dev says little of is kept only where more likely than not
            lowest = GRID[0] if tallies[key].gold >= FEW_GOLD else 0.5
            for value in (v for v in GRID if v >= lowest):
                p, _, f1 = _micro(tallies, {**thresholds, key: value})
                if p >= MIN_PRECISION and (best is None or f1 > best[0] + 1e-12):
                    best = (f1, value)
            if best is not None:
                thresholds[key] = best[1]
    after = _micro(tallies, thresholds)
    print("DWIE dev P/R/F1 rules only {:.3f} {:.3f} {:.3f}".format(*before))
    print("DWIE dev P/R/F1 with scorer {:.3f} {:.3f} {:.3f}".format(*after))
    print("thresholds:", json.dumps(thresholds, sort_keys=True))
    tuned = replace(model, thresholds=np.array([thresholds[label] for label in model.labels]))
    info = {"tuned_on": "dev/dwie/dev.json", "tuned_min_precision": MIN_PRECISION}
    return tuned, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--out", type=Path, default=ROOT / "kg" / "data")
    parser.add_argument("--no-tune", action="store_true", help="thresholds 0.5, no DWIE dev")
    parser.add_argument("--limit", type=int, default=None, help="first N documents (a test)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: kg's)")
    args = parser.parse_args(argv)
    assert set(SIGNATURES) <= set(RELATION_TYPES)
    records = read_documents(args.data)[: args.limit]
    batch = list(examples(records, args.model))
    model, positives = fit(batch)
    print(f"{len(records)} documents, {sum(len(e.candidates) for e in batch)} candidates")
    print("positives:", json.dumps(positives, sort_keys=True))
    tuning: dict = {"tuned_on": None}
    if not args.no_tune:
        model, tuning = tune(model, args.data / "dev" / "dwie", args.model)
    header = {
        "trained_on": list(TRAINING_FILES),
        "training_sha256": data_hash(args.data),
        "seed": SEED,
        "documents": len(records),
        "positives": positives,
        **tuning,
    }
    write_model(model, args.out, header)
    print(f"wrote {args.out / MODEL_NPZ} and {args.out / MODEL_HEADER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
