"""Articles built to be expensive: outputs, time and memory stay bounded."""

from __future__ import annotations

import json
import time
from pathlib import Path

from kg.pipeline.options import BuildOptions
from kg.pipeline.run import build

_FIRST = (
    "Alice Brian Carol David Emma Frank Grace Henry Irene James Karen Louis Maria Nathan "
    "Olivia Peter Quinn Rachel Samuel Teresa Ursula Victor Wendy Xavier Yvonne Zachary "
    "Albert Beatrice Charles Diana Edward Fiona George Helen Isaac Julia Kevin Laura Martin Nora"
).split()
_LAST = (
    "Anderson Baker Carter Dawson Ellis Fischer Garcia Harris Ingram Jensen Keller Lawson "
    "Morgan Nolan Owens Parker Quincy Reyes Sutton Turner Underwood Vaughn Walsh Young Zimmerman"
).split()


def thousand_people() -> str:
    """15 kB: one sentence naming 1,000 different people."""
    names = [f"{first} {last}" for first in _FIRST for last in _LAST][:1_000]
    return f"The meeting in London was attended by {', '.join(names[:-1])} and {names[-1]}.\n"


def write_article(path: Path, text: str) -> Path:
    record = {"id": "long", "title": "A long article", "date": "2020-01-01", "text": text}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_a_thousand_people_in_one_sentence_give_a_bounded_graph(tmp_path):
    # All pairs gave 3,015,624 triples (225 MB of Turtle) in 28 s.
    corpus = write_article(tmp_path / "people.jsonl", thousand_people())
    started = time.monotonic()
    result = build([corpus], tmp_path / "out", options=BuildOptions(cache=False))
    assert result.entities_by_type["Person"] > 900
    assert result.triples < 100_000
    assert time.monotonic() - started < 20
