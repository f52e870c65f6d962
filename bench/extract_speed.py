"""`kg extract` time now against an earlier revision, on the same input and model.

    python -m bench.extract_speed [--baseline REV] [--runs N] [--limit N]

The baseline is checked out with `git archive` into a temporary folder and run from there
(`python -m kg.cli extract`, PYTHONPATH set to it), so both use the installed spaCy and
model. The input is DWIE dev (98 Deutsche Welle articles) as JSON Lines. Prints the median
wall time of each and their ratio; issue 3 asks that entity quality keep the ratio to the
foundation (the default baseline, 644b14a) within 1.2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.dwie import articles_jsonl, load_documents  # noqa: E402

FOUNDATION = "644b14a"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dev" / "dwie"


def checkout(revision: str, target: Path) -> Path:
    """The package of `revision` unpacked into target (no work tree is touched)."""
    archive = subprocess.run(
        ["git", "archive", revision, "kg"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def timed_extract(source_root: Path, articles: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    command = [sys.executable, "-m", "kg.cli", "extract", str(articles), "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(command, cwd=source_root, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=FOUNDATION, help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=3, help="runs of each; the median counts")
    parser.add_argument("--limit", type=int, default=None, help="first N DWIE documents")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    documents = load_documents(args.data, args.limit)
    with tempfile.TemporaryDirectory(prefix="extract-speed-") as work:
        work_dir = Path(work)
        articles = work_dir / "articles.jsonl"
        articles.write_text(articles_jsonl(documents), encoding="utf-8")
        baseline = checkout(args.baseline, work_dir / "baseline")
        times: dict[str, list[float]] = {"baseline": [], "current": []}
        for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
            times["baseline"].append(timed_extract(baseline, articles, work_dir / "b.jsonl"))
            times["current"].append(timed_extract(ROOT, articles, work_dir / "c.jsonl"))
    baseline_s = statistics.median(times["baseline"])
    current_s = statistics.median(times["current"])
    print(f"kg extract on {len(documents)} DWIE dev articles, median of {args.runs} runs")
    print(f"  baseline {args.baseline}: {baseline_s:.1f} s")
    print(f"  current:            {current_s:.1f} s")
    print(f"  ratio current/baseline: {current_s / baseline_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
