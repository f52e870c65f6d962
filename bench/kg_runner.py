"""Run `kg extract` the way a user would, for the accuracy benchmarks."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ExtractorError(RuntimeError):
    """`kg extract` could not be run or did not finish."""


class ExtractorMissingError(ExtractorError):
    """The module kg.cli does not exist yet."""


def run_kg_extract(articles_jsonl: str, workdir: Path, model: str) -> Path:
    """Write the articles to workdir, run `python -m kg.cli extract`; returns its output."""
    if importlib.util.find_spec("kg.cli") is None:
        raise ExtractorMissingError("kg.cli not found: `kg extract` is not available yet")
    articles = workdir / "articles.jsonl"
    out = workdir / "extracted.jsonl"
    articles.write_text(articles_jsonl, encoding="utf-8")
    command = [sys.executable, "-m", "kg.cli", "extract", str(articles), "--out", str(out)]
    command += ["--model", model]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip()[-2000:]
        raise ExtractorError(f"`kg extract` exited with status {result.returncode}:\n{tail}")
    if not out.exists():
        raise ExtractorError(f"`kg extract` wrote no output file {out}")
    return out
