"""Score newskg's names against CoNLL-2003 English dev (eng.testa), next to raw spaCy.

    python -m bench.conll [--limit N] [--model NAME] [--json PATH]

Each `-DOCSTART-` document becomes one article: its tokens joined by single spaces, its
sentences by newlines, so token offsets map to characters directly. Gold names are the IOB1
spans of PER, ORG and LOC (MISC is not scored: newskg has no such type, and demonyms, which
CoNLL tags MISC, are mention kind "demonym" in newskg and left out). newskg's types map
Person -> PER, Organization -> ORG, Country and Place -> LOC; raw spaCy's PERSON -> PER,
ORG -> ORG, GPE and LOC -> LOC. A predicted name is correct when its span and type equal a
gold name's (the CoNLL rule). Scores are micro P/R/F1 over the PER, ORG and LOC names and
per type; "overall+misc" also counts the MISC gold names as misses (the figure reported
before 2026-11-30).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.kg_runner import ExtractorError, run_kg_extract  # noqa: E402
from kg.export.atomic import atomic_write  # noqa: E402
from kg.nlp.load import DEFAULT_MODEL  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev" / "conll2003" / "eng.testa"
TYPES = ("PER", "ORG", "LOC")
NEWSKG_TYPES = {"Person": "PER", "Organization": "ORG", "Country": "LOC", "Place": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    names: frozenset[Name]


def _spans(tokens: list[tuple[int, int, str]]) -> Iterator[Name]:
    """IOB1 tags to spans: I-X continues X, B-X starts a new X right after another."""
    current: list | None = None
    for start, end, tag in tokens:
        kind = tag[2:] if tag != "O" else None
        if current and (kind != current[2] or tag.startswith("B-")):
            yield Name(current[0], current[1], current[2])
            current = None
        if kind is not None:
            current = [current[0], end, kind] if current else [start, end, kind]
    if current:
        yield Name(current[0], current[1], current[2])


def load_documents(path: Path, limit: int | None = None) -> tuple[Document, ...]:
    """CoNLL-2003 documents as texts with their gold names."""
    documents: list[Document] = []
    sentences: list[list[tuple[str, str]]] = [[]]

    def flush() -> None:
        kept = [s for s in sentences if s]
        if not kept:
            return
        parts: list[str] = []
        tagged: list[tuple[int, int, str]] = []
        offset = 0
        for index, sentence in enumerate(kept):
            if index:
                parts.append("\n")
                offset += 1
                tagged.append((offset, offset, "O"))  # a sentence break ends any name
            for position, (word, tag) in enumerate(sentence):
                if position:
                    parts.append(" ")
                    offset += 1
                tagged.append((offset, offset + len(word), tag))
                parts.append(word)
                offset += len(word)
        documents.append(
            Document(f"conll-{len(documents):03d}", "".join(parts), frozenset(_spans(tagged)))
        )
        sentences.clear()
        sentences.append([])

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            continue
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        fields = line.split()
        sentences[-1].append((fields[0], fields[-1]))
    flush()
    return tuple(documents[:limit] if limit else documents)


def score(
    gold: set[tuple[str, Name]], predicted: set[tuple[str, Name]]
) -> dict[str, dict[str, float]]:
    """Exact-span, same-type P/R/F1 per type and overall; names keyed by document id.

    Overall counts the gold names of TYPES only: MISC is not scored (newskg has no such
    type). Until 2026-11-30 overall also counted the MISC gold names as misses, which no
    system here can find; "overall+misc" keeps that older figure for comparison.
    """
    result = {}
    for kind in (*TYPES, "overall", "overall+misc"):
        if kind == "overall+misc":
            g = set(gold)
        else:
            g = {k for k in gold if k[1].type in TYPES and kind in ("overall", k[1].type)}
        p = {k for k in predicted if kind in ("overall", "overall+misc", k[1].type)}
        correct = len(g & p)
        precision = correct / len(p) if p else 0.0
        recall = correct / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "gold": len(g),
            "predicted": len(p),
        }
    return result


def newskg_names(documents: tuple[Document, ...], model: str) -> set[tuple[str, Name]]:
    lines = "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in documents)
    with tempfile.TemporaryDirectory(prefix="conll-") as workdir:
        out = run_kg_extract(lines, Path(workdir), model)
        found: set[tuple[str, Name]] = set()
        for line in out.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for entity in record["entities"]:
                kind = NEWSKG_TYPES.get(entity["type"])
                for mention in entity["mentions"]:
                    if kind and mention.get("kind", "name") == "name":
                        found.add((record["id"], Name(mention["start"], mention["end"], kind)))
    return found


def spacy_names(documents: tuple[Document, ...], model: str) -> set[tuple[str, Name]]:
    import spacy

    nlp = spacy.load(model)
    found: set[tuple[str, Name]] = set()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        for ent in doc.ents:
            if ent.label_ in SPACY_TYPES:
                found.add(
                    (document.id, Name(ent.start_char, ent.end_char, SPACY_TYPES[ent.label_]))
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model of both systems")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eng.testa")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"CoNLL-2003 dev set not found: {args.data}", file=sys.stderr)
        return 2
    documents = load_documents(args.data, args.limit)
    gold = {(d.id, name) for d in documents for name in d.names}
    results, seconds = {}, {}
    for system, function in (("raw spaCy", spacy_names), ("newskg", newskg_names)):
        started = time.perf_counter()
        try:
            predicted = function(documents, args.model)
        except ExtractorError as error:
            print(f"{system}: {error}", file=sys.stderr)
            return 1
        seconds[system] = round(time.perf_counter() - started, 1)
        results[system] = score(gold, predicted)
    print(f"CoNLL-2003 dev (eng.testa), {len(documents)} documents, exact-span names")
    print(f"{'type':12s} " + "  ".join(f"{s:>22s}" for s in results))
    for kind in (*TYPES, "overall", "overall+misc"):
        cells = [
            f"{r[kind]['precision']:.3f} {r[kind]['recall']:.3f} {r[kind]['f1']:.3f}"
            for r in results.values()
        ]
        print(f"{kind:12s} " + "  ".join(f"{c:>22s}" for c in cells))
    print("(P R F1)   run time: " + ", ".join(f"{s} {t} s" for s, t in seconds.items()))
    if args.json:
        atomic_write(args.json, json.dumps({"results": results, "seconds": seconds}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
