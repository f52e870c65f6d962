"""A learned relation scorer: entity pairs of one article -> calibrated relation probabilities.

The dependency rules (kg.extract.relations) are precise but see only a title, an apposition
or a name; most relations a reader takes from an article are said across a clause, a
sentence or a paragraph. This scorer looks at every pair of entities whose types fit a
relation (Person -> Country for citizenOf, Organization -> Country or Place for basedIn, ...)
and whose names come within `window` sentences of each other, describes the pair by a bag of
hashed features (the words and the dependency path between its closest mentions, the
mentions' heads, distances, mention counts, the rules' findings), and scores it with one
linear model per relation, calibrated (Platt) on held-out folds, so a probability means the
same across relations. A relation above its type's threshold is kept with that probability
as its confidence and `extractor="relations.learned"`; a rule's relation is always kept.

The model is trained by `python -m tools.train_relations` on Re-DocRED (Wikipedia, with
Wikidata properties mapped to newskg's relations) and ships as `kg/data/relation_model.npz`
(weights) with `kg/data/relation_model.json` (format version, labels, their subject/object
types, the feature spec, per-type thresholds, the training data's hash). At run time it
needs only numpy; it is loaded once per process.
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LOWER
from spacy.tokens import Doc

from kg.extract.anchors import Anchors
from kg.extract.places import countries_in_name
from kg.model import Entity, Relation, Span

__all__ = [
    "FEATURE_SPEC",
    "FORMAT_VERSION",
    "Candidate",
    "RelationModel",
    "batch_indices",
    "candidates",
    "learned_relations",
    "load_model",
    "scored",
]

# Bumped whenever the features or the files' layout change: the trainer writes it, the
# scorer refuses a model of another version (its weights would mean other features).
FORMAT_VERSION = 1
EXTRACTOR = "relations.learned"
# How candidates and features are made; the trainer copies it into the header and the test
# checks the shipped header against it.
FEATURE_SPEC: dict[str, object] = {
    "hash": "crc32",
    "dim": 1 << 18,
    "window": 1,  # sentences between the two mentions, at most
    "nearest": 8,  # object mentions looked at on each side of a subject mention
    "pairs": 3,  # closest mention pairs of an entity pair that give features
    "between": 10,  # words between two mentions read one by one; more is "far"
    "kinds": ["name", "demonym"],  # mention kinds read (nominals and pronouns are guesses)
    "salient": 3,  # the most named objects of each type pair with every subject, at any distance
    "salient_mentions": 6,  # the first mentions of each compared for the closest pair there
}
_KINDS = frozenset(FEATURE_SPEC["kinds"])  # type: ignore[arg-type]
_DIM = int(FEATURE_SPEC["dim"])  # type: ignore[call-overload]
_WINDOW = int(FEATURE_SPEC["window"])  # type: ignore[call-overload]
_NEAREST = int(FEATURE_SPEC["nearest"])  # type: ignore[call-overload]
_PAIRS = int(FEATURE_SPEC["pairs"])  # type: ignore[call-overload]
_BETWEEN = int(FEATURE_SPEC["between"])  # type: ignore[call-overload]
_SALIENT = int(FEATURE_SPEC["salient"])  # type: ignore[call-overload]
_SALIENT_MENTIONS = int(FEATURE_SPEC["salient_mentions"])  # type: ignore[call-overload]
_PATH_MAX = 6


@dataclass(frozen=True, slots=True)
class _Mention:
    entity: str
    type: str
    start: int  # characters
    end: int
    first: int  # tokens [first, last]
    last: int
    sentence: int
    kind: str
    root: int  # the token heading the mention in the parse


@dataclass(frozen=True, slots=True)
class Candidate:
    """An ordered entity pair that some relation's types fit, with its features and evidence."""

    subject: str
    object: str
    features: tuple[str, ...]
    evidence: Span  # from the first to the last character of its closest mention pair
    sentence: int  # the sentence of the earlier of those two mentions


@dataclass(frozen=True)
class RelationModel:
    """The shipped weights (features x labels) with each label's calibration and threshold."""

    labels: tuple[str, ...]
    signatures: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    weights: np.ndarray  # (dim, labels) float32
    bias: np.ndarray  # (labels,)
    platt: np.ndarray  # (2, labels): p = sigmoid(platt[0] * score + platt[1])
    thresholds: np.ndarray  # (labels,)
    header: dict = field(default_factory=dict)

    def pair_types(self) -> frozenset[tuple[str, str]]:
        return frozenset(
            (s, o) for subj, obj in self.signatures.values() for s in subj for o in obj
        )

    def probabilities(self, batch: Sequence[Candidate]) -> np.ndarray:
        """(candidates, labels) calibrated probabilities; 0 where a label's types do not fit."""
        if not batch:
            return np.zeros((0, len(self.labels)), dtype=np.float64)
        flat, starts = batch_indices([c.features for c in batch])
        scores = np.add.reduceat(self.weights[flat], starts, axis=0).astype(np.float64)
        scores += self.bias
        probs = 1.0 / (1.0 + np.exp(-(self.platt[0] * scores + self.platt[1])))
        return probs * self._fits(batch)

    def _fits(self, batch: Sequence[Candidate]) -> np.ndarray:
        # one mask per type pair, and each candidate's row of it
        masks: list[list[bool]] = []
        pairs: dict[str, int] = {}
        rows = []
        for candidate in batch:
            pair = candidate.features[0]
            row = pairs.get(pair)
            if row is None:
                subject, obj = _pair_of(candidate)
                row = pairs[pair] = len(masks)
                masks.append(
                    [
                        subject in self.signatures[label][0] and obj in self.signatures[label][1]
                        for label in self.labels
                    ]
                )
            rows.append(row)
        return np.array(masks, dtype=np.float64)[rows]


def _pair_of(candidate: Candidate) -> tuple[str, str]:
    # the first feature is always the type pair ("T:Person>Country")
    subject, _, obj = candidate.features[0][2:].partition(">")
    return subject, obj


# Feature text -> column, remembered: most features recur from article to article, and
# hashing each anew was a fifth of the scorer's time. Forgotten when it grows past the cap.
_COLUMNS: dict[str, int] = {}
_COLUMNS_MAX = 100_000


def _column(feature: str) -> int:
    column = _COLUMNS.get(feature)
    if column is None:
        if len(_COLUMNS) >= _COLUMNS_MAX:
            _COLUMNS.clear()
        column = _COLUMNS[feature] = zlib.crc32(feature.encode("utf-8")) % _DIM
    return column


def feature_indices(features: Iterable[str]) -> np.ndarray:
    """Each feature's column, sorted: crc32 of its UTF-8 text modulo the dimension (stable
    across processes, unlike hash()); the same column twice counts once."""
    return np.array(sorted({_column(f) for f in features}), dtype=np.int64)


def batch_indices(rows: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """`feature_indices` of every row, concatenated, and where each row's columns start:
    one array operation for an article's candidates instead of a sort per candidate (each
    row holds one feature at least, as a candidate holds its type pair)."""
    features = [feature for row in rows for feature in row]
    missing = set(features).difference(_COLUMNS)
    if missing:
        if len(_COLUMNS) + len(missing) > _COLUMNS_MAX:
            _COLUMNS.clear()
            missing = set(features)
        for feature in missing:
            _COLUMNS[feature] = zlib.crc32(feature.encode("utf-8")) % _DIM
    columns = np.fromiter(map(_COLUMNS.__getitem__, features), np.int64, len(features))
    owners = np.repeat(np.arange(len(rows), dtype=np.int64), [len(row) for row in rows])
    # sorted and distinct by (row, column): each row's columns, sorted, once each
    keys = np.sort(owners * _DIM + columns)
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    owners = keys // _DIM
    starts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
    return keys % _DIM, starts


MODEL_NPZ = "relation_model.npz"
MODEL_HEADER = "relation_model.json"


def read_model(npz: Path, header_path: Path) -> RelationModel:
    """A model from its two files; ValueError when its format is not this scorer's."""
    header = json.loads(header_path.read_text(encoding="utf-8"))
    if header.get("format_version") != FORMAT_VERSION or header.get("features") != FEATURE_SPEC:
        raise ValueError(f"{header_path}: a relation model of another format")
    arrays = np.load(npz)
    labels = tuple(header["labels"])
    return RelationModel(
        labels=labels,
        signatures={
            label: (tuple(header["signatures"][label][0]), tuple(header["signatures"][label][1]))
            for label in labels
        },
        weights=arrays["weights"].astype(np.float32),
        bias=arrays["bias"].astype(np.float64),
        platt=arrays["platt"].astype(np.float64),
        thresholds=np.array([header["thresholds"][label] for label in labels]),
        header=header,
    )


@cache
def load_model() -> RelationModel | None:
    """The shipped model, read once per process; None when the package has none."""
    data = resources.files("kg.data")
    npz, header = data / MODEL_NPZ, data / MODEL_HEADER
    if not (npz.is_file() and header.is_file()):
        return None
    with resources.as_file(npz) as npz_path, resources.as_file(header) as header_path:
        return read_model(npz_path, header_path)


# ---------------------------------------------------------------- candidates and features


def _mentions(doc: Doc, anchors: Anchors, entities: Iterable[Entity]) -> list[_Mention]:
    found = []
    for entity in entities:
        for mention in entity.mentions:
            if mention.kind not in _KINDS:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            found.append(
                _Mention(
                    entity.id,
                    entity.type,
                    mention.start,
                    mention.end,
                    span.start,
                    span.end - 1,
                    anchors.sentence_of(mention.start),
                    mention.kind,
                    span.root.i,
                )
            )
    found.sort(key=lambda m: (m.first, m.last, m.entity))
    return found


def _near(
    mentions: list[_Mention], firsts: list[int], subject: _Mention, fits: frozenset[str]
) -> list[_Mention]:
    """Up to `_NEAREST` mentions of fitting types on each side of `subject`, in the window."""
    out: list[_Mention] = []
    middle = bisect_left(firsts, subject.first)
    for step, stop in ((-1, -1), (1, len(mentions))):
        taken = 0
        index = middle if step == 1 else middle - 1
        while index != stop and taken < _NEAREST:
            other = mentions[index]
            index += step
            if abs(other.sentence - subject.sentence) > _WINDOW:
                break
            if other.entity != subject.entity and other.type in fits:
                out.append(other)
                taken += 1
    return out


class _Parse:
    """Each token's lower case form, dependency label and head, as lists read once per
    article from the Doc's arrays: a Token object made at every visit of a word was a
    fifth of the scorer's time."""

    __slots__ = ("_up", "dep", "head", "lower")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        array = doc.to_array([LOWER, DEP, HEAD]).reshape(-1, 3)
        self.lower: list[str] = [strings[i] for i in array[:, 0].tolist()]
        self.dep: list[str] = [strings[i] for i in array[:, 1].tolist()]
        # HEAD is the offset to the head, stored unsigned: int64 reads it back signed
        offsets = array[:, 2].astype(np.int64)
        self.head: list[int] = (offsets + np.arange(len(array))).tolist()
        self._up: dict[int, list[int]] = {}  # a mention's root is on many paths

    def ancestors(self, token: int) -> list[int]:
        """As Token.ancestors: up the heads to the root, never more steps than tokens."""
        out = self._up.get(token)
        if out is None:
            out = self._up[token] = []
            head, at = self.head, token
            while head[at] != at and len(out) < len(head):
                at = head[at]
                out.append(at)
        return out


def _path(parse: _Parse, a: int, b: int) -> list[str] | None:
    """The dependency path from a to b: labels up to their common ancestor, then down."""
    up = [a, *parse.ancestors(a)]
    seen = {t: n for n, t in enumerate(up)}
    down = [b]
    for token in parse.ancestors(b):
        if down[-1] in seen:
            break
        down.append(token)
    if down[-1] not in seen:
        return None
    top = seen[down[-1]]
    dep, lower = parse.dep, parse.lower
    steps = [f"{dep[t]}^" for t in up[:top]] + [f"{dep[t]}v" for t in reversed(down[:-1])]
    if len(steps) > _PATH_MAX:
        return None
    words = [lower[t] for t in up[1 : top + 1]] + [lower[t] for t in reversed(down[1:-1])]
    return steps + words


def _pair_features(parse: _Parse, anchors: Anchors, s: _Mention, o: _Mention) -> list[str]:
    """What lies between two mentions: order, distance, words, the dependency path."""
    out = [f"K:{s.kind}>{o.kind}"]
    if s.sentence != o.sentence:
        gap = abs(s.sentence - o.sentence)
        out.append("SD:1" if gap == 1 else "SD:2" if gap <= 3 else "SD:far")
        return out
    left, right = (s, o) if s.first < o.first else (o, s)
    out.append("ORD:so" if left is s else "ORD:os")
    if s.first <= o.first <= s.last or o.first <= s.first <= o.last:
        out.append("NEST")
        return out
    gap = right.first - left.last - 1
    out.append(f"GAP:{min(gap, 12) // 3}")
    if gap <= _BETWEEN:
        words = []
        for token in range(left.last + 1, right.first):
            entity = anchors.token_entity.get(token)
            words.append(f"[{anchors.type_of(entity)}]" if entity else parse.lower[token])
        out.extend(f"B:{w}" for w in set(words))
        out.append("BS:" + " ".join(words) if gap <= 4 else "BS:long")
    else:
        out.append("FAR")
    path = _path(parse, s.root, o.root)
    if path is None:
        out.append("P:none")
    else:
        out.append("P:" + " ".join(path))
        out.extend(f"PW:{w}" for w in path)
    before = parse.lower[left.first - 1] if left.first > 0 else "<s>"
    out.append(f"L:{'s' if left is s else 'o'}:{before}")
    return out


def _entity_features(
    prefix: str, entity: Entity, rank: int, count: int, parse: _Parse, mention: _Mention
) -> list[str]:
    out = [f"{prefix}R:{min(rank, 3)}", f"{prefix}N:{min(count, 4)}"]
    if entity.type in ("Organization", "Place"):
        # the head of a name says what kind of body it is: "party", "ministry", "university"
        out.append(f"{prefix}H:{parse.lower[mention.root]}")
        out.extend(f"{prefix}NW:{word.lower()}" for word in entity.name.split())
    return out


def _rule_features(rules: Sequence[Relation]) -> dict[tuple[str, str], set[str]]:
    """What the rules said of each entity pair ("R:") and of its subject with any object
    ("RO:", a rule said the subject's relation of this type is to another entity), by
    (subject, object) and by (subject, "")."""
    out: dict[tuple[str, str], set[str]] = {}
    for rule in rules:
        out.setdefault((rule.subject, rule.object), set()).add(f"R:{rule.type}")
        out.setdefault((rule.subject, ""), set()).add(f"RO:{rule.type}")
    return out


_Pairs = dict[tuple[str, str], list[tuple[int, int, "_Mention", "_Mention"]]]


def _window_pairs(mentions: list[_Mention], objects_of: dict[str, frozenset[str]]) -> _Pairs:
    """Mention pairs of fitting types within the window, by entity pair."""
    firsts = [m.first for m in mentions]
    pairs: _Pairs = {}
    for subject in mentions:
        fits = objects_of.get(subject.type)
        if not fits:
            continue
        for other in _near(mentions, firsts, subject, fits):
            distance = (abs(other.sentence - subject.sentence), abs(other.first - subject.first))
            pairs.setdefault((subject.entity, other.entity), []).append((*distance, subject, other))
    return pairs


def _salient_pairs(
    mentions: list[_Mention],
    objects_of: dict[str, frozenset[str]],
    ranks: dict[str, int],
    pairs: _Pairs,
) -> None:
    """Adds to `pairs` each subject with the article's most named objects of each fitting
    type, wherever they are named: news says a country or company once and means it after."""
    by_entity: dict[str, list[_Mention]] = {}
    for mention in mentions:
        by_entity.setdefault(mention.entity, []).append(mention)
    salient = [e for e in by_entity if ranks[e] <= _SALIENT]
    for subject, own in by_entity.items():
        fits = objects_of.get(own[0].type, frozenset())
        for obj in salient:
            if obj == subject or by_entity[obj][0].type not in fits or (subject, obj) in pairs:
                continue
            found = [
                (abs(o.sentence - s.sentence), abs(o.first - s.first), s, o)
                for s in own[:_SALIENT_MENTIONS]
                for o in by_entity[obj][:_SALIENT_MENTIONS]
            ]
            pairs[(subject, obj)] = found


def candidates(
    doc: Doc,
    anchors: Anchors,
    rules: Sequence[Relation],
    pair_types: frozenset[tuple[str, str]],
) -> list[Candidate]:
    """Every ordered entity pair of the article that some relation's types fit, each with
    mentions within the window of each other or with a salient object, in text order."""
    mentions = _mentions(doc, anchors, anchors.entities.values())
    objects_of: dict[str, frozenset[str]] = {}
    for s, o in pair_types:
        objects_of[s] = objects_of.get(s, frozenset()) | {o}
    counts = Counter(m.entity for m in mentions)
    ranks = _ranks(anchors, counts)
    pairs = _window_pairs(mentions, objects_of)
    near: dict[tuple[str, str], int] = Counter((s, anchors.entities[o].type) for s, o in pairs)
    _salient_pairs(mentions, objects_of, ranks, pairs)
    ruled = _rule_features(rules)
    nothing: set[str] = set()
    described: dict[tuple[str, str, int], list[str]] = {}
    parse = _Parse(doc)

    def about(prefix: str, entity: Entity, mention: _Mention) -> list[str]:
        key = (prefix, entity.id, mention.first)
        if key not in described:
            rank, count = ranks[entity.id], counts[entity.id]
            described[key] = _entity_features(prefix, entity, rank, count, parse, mention)
        return described[key]

    out = []
    for (s_id, o_id), found in pairs.items():
        found.sort(key=lambda item: (item[0], item[1], item[2].first, item[3].first))
        s_entity, o_entity = anchors.entities[s_id], anchors.entities[o_id]
        type_pair = f"T:{s_entity.type}>{o_entity.type}"
        features = _closest_features(parse, anchors, found, type_pair)
        s0, o0 = found[0][2], found[0][3]
        features.update(about("S", s_entity, s0))
        features.update(about("O", o_entity, o0))
        features.add(f"CO:{min(sum(1 for item in found if item[0] == 0), 3)}")
        # how many entities of the object's type the subject meets in its window
        features.add(f"NEAR:{min(near[(s_id, o_entity.type)], 3)}")
        features.update(ruled.get((s_id, o_id), nothing), ruled.get((s_id, ""), nothing))
        if found[0][0] > 1:  # far apart: the subject's own mention is the evidence
            evidence, sentence = Span(s0.start, s0.end), s0.sentence
        else:
            first, second = (s0, o0) if s0.start <= o0.start else (o0, s0)
            evidence = Span(first.start, max(first.end, second.end))
            sentence = first.sentence
        features.discard(type_pair)
        out.append(Candidate(s_id, o_id, (type_pair, *sorted(features)), evidence, sentence))
    out.sort(key=lambda c: (c.evidence.start, c.evidence.end, c.subject, c.object))
    return out


def _closest_features(
    parse: _Parse,
    anchors: Anchors,
    found: list[tuple[int, int, _Mention, _Mention]],
    type_pair: str,
) -> set[str]:
    """The features of an entity pair's closest mention pairs."""
    features = {type_pair}
    for _, _, s, o in found[:_PAIRS]:
        features.update(_pair_features(parse, anchors, s, o))
    return features


def _ranks(anchors: Anchors, counts: Counter[str]) -> dict[str, int]:
    """Each entity's rank among the entities of its type by mentions (1: the most named)."""
    ranks: dict[str, int] = {}
    by_type: dict[str, list[str]] = {}
    for entity in anchors.entities.values():
        by_type.setdefault(entity.type, []).append(entity.id)
    for ids in by_type.values():
        ids.sort(key=lambda i: (-counts[i], i))
        for rank, entity_id in enumerate(ids, start=1):
            ranks[entity_id] = rank
    return ranks


def scored(
    doc: Doc, anchors: Anchors, rules: Sequence[Relation], model: RelationModel
) -> list[tuple[Candidate, int, float]]:
    """Each candidate, label column and probability the model gives a pair no rule relates
    so, after the one-country cut; probabilities of 0 left out."""
    return _kept(doc, anchors, rules, model, None)


def _kept(
    doc: Doc,
    anchors: Anchors,
    rules: Sequence[Relation],
    model: RelationModel,
    floors: np.ndarray | None,
) -> list[tuple[Candidate, int, float]]:
    """`scored`, only the probabilities at or above `floors` (by label) where given: most
    pairs score below their threshold, so the cut is made on the array, not per tuple."""
    batch = candidates(doc, anchors, rules, model.pair_types())
    if not batch:
        return []
    probs = _one_country_each(model, batch, model.probabilities(batch), anchors, rules)
    known = {(r.type, r.subject, r.object) for r in rules}
    chosen = probs if floors is None else (probs > 0) & (probs >= floors)
    rows, columns = np.nonzero(chosen)
    return [
        (batch[row], column, float(probs[row, column]))
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True)
        if (model.labels[column], batch[row].subject, batch[row].object) not in known
    ]


def learned_relations(
    doc: Doc, anchors: Anchors, rules: Sequence[Relation], model: RelationModel | None = None
) -> list[Relation]:
    """The relations the model scores at or above its type's threshold, one per (type,
    subject, object) that no rule found, with the probability (3 places) as confidence; then
    basedIn through places."""
    model = load_model() if model is None else model
    if model is None:
        return []
    out = [
        Relation(
            type=model.labels[column],
            subject=candidate.subject,
            object=candidate.object,
            evidence=candidate.evidence,
            sentence=candidate.sentence,
            confidence=round(p, 3),
            extractor=EXTRACTOR,
        )
        for candidate, column, p in _kept(doc, anchors, rules, model, model.thresholds)
    ]
    out.extend(_through_places(anchors, rules, out))
    return out


# Relations a subject has with one country at most in a news story: a person's nationality
# or office, an organisation's home country. The rules' country wins; else the surest.
FUNCTIONAL = ("citizenOf", "headOfState", "headOfGovernment", "basedIn", "locatedIn")


def _one_country_each(
    model: RelationModel,
    batch: Sequence[Candidate],
    probs: np.ndarray,
    anchors: Anchors,
    rules: Sequence[Relation],
) -> np.ndarray:
    """`probs` with each subject's country objects of a FUNCTIONAL relation cut to the best."""
    ruled = {(r.type, r.subject) for r in rules if anchors.type_of(r.object) == "Country"}
    best: dict[tuple[int, str], int] = {}
    for column, label in enumerate(model.labels):
        if label not in FUNCTIONAL:
            continue
        for row, candidate in enumerate(batch):
            if probs[row, column] <= 0 or anchors.type_of(candidate.object) != "Country":
                continue
            if (label, candidate.subject) in ruled or _named_elsewhere(label, candidate, anchors):
                probs[row, column] = 0.0
                continue
            key = (column, candidate.subject)
            kept = best.get(key)
            if kept is None or probs[row, column] > probs[kept, column]:
                if kept is not None:
                    probs[kept, column] = 0.0
                best[key] = row
            else:
                probs[row, column] = 0.0
    return probs


def _named_elsewhere(label: str, candidate: Candidate, anchors: Anchors) -> bool:
    """An organisation whose own name places it in other countries is not based in this
    one: the Bank of England in an article on Russia is not Russian."""
    if label != "basedIn":
        return False
    named = countries_in_name(anchors.entities[candidate.subject].name)
    country = anchors.entities[candidate.object].iso3
    return bool(named) and country not in named


def _through_places(
    anchors: Anchors, rules: Sequence[Relation], learned: Sequence[Relation]
) -> list[Relation]:
    """basedIn an organisation's country, from its learned place and that place's country:
    a reader of "the Jena-based Jenoptik" in an article on Germany knows both."""
    found = [*rules, *learned]
    known = {(r.type, r.subject, r.object) for r in found}
    country_of: dict[str, Relation] = {}
    for relation in found:
        if relation.type == "locatedIn" and anchors.type_of(relation.object) == "Country":
            kept = country_of.get(relation.subject)
            if kept is None or relation.confidence > kept.confidence:
                country_of[relation.subject] = relation
    out: dict[tuple[str, str, str], Relation] = {}
    for relation in learned:
        located = country_of.get(relation.object)
        if relation.type != "basedIn" or located is None:
            continue
        key = ("basedIn", relation.subject, located.object)
        if key in known or key in out:
            continue
        out[key] = Relation(
            type="basedIn",
            subject=relation.subject,
            object=located.object,
            evidence=relation.evidence,
            sentence=relation.sentence,
            confidence=min(relation.confidence, located.confidence),
            extractor=EXTRACTOR,
        )
    return list(out.values())
