"""Time and memory of one long article of ordinary text, by article size.

    python -m bench.long_articles [--sizes 20,50,100,200,400] [--profile KB]

Each article repeats the paragraphs of seeds/*.txt up to the size (in kB of text). Each size
runs in a child process of its own, twice: `kg extract` (analysis, extractors and the
contract records) and spaCy alone (the same pipeline over the same text). A child loads the
model and analyses a short text first, then resets its peak memory (/proc/self/clear_refs),
so the figures are what the article itself costs. Prints seconds and MiB per kB of text: a
cost that grows faster than the text shows as a growing figure per kB.

--profile KB runs `kg extract` on one article of that size under cProfile instead and
prints the 25 functions with the most cumulative time and the 15 with the most own time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (20, 50, 100, 200, 400)


def ordinary_text(kilobytes: int) -> str:
    """Paragraphs of the seed articles, repeated in order up to `kilobytes` kB."""
    paragraphs = [
        paragraph.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if paragraph.strip()
    ]
    parts: list[str] = []
    size = 0
    while size < kilobytes * 1000:
        paragraph = paragraphs[len(parts) % len(paragraphs)]
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[: kilobytes * 1000]


def _peak_mib() -> float:
    """The process's peak resident memory since the last reset, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: the peak since the process started

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    # "5" resets VmHWM to the current RSS (Linux 4.0 and later); elsewhere nothing
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def child(mode: str, kilobytes: int) -> dict[str, float]:
    """One measurement in this process: warm up, reset the peak, run, report."""
    from kg.nlp.load import analysis_text, load_pipeline
    from kg.pipeline.extraction import contract_records

    text = ordinary_text(kilobytes)
    nlp = load_pipeline()
    list(contract_records("Roman Seleznev, a Russian hacker, was arrested in 2014."))
    _reset_peak()
    before = _peak_mib()
    started = time.perf_counter()
    if mode == "extract":
        records = list(contract_records(text))
        found = len(records[0]["entities"])
    else:
        found = len(nlp(analysis_text(text)))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "mib": _peak_mib() - before, "found": found}


def measure(mode: str, kilobytes: int) -> dict[str, float]:
    """`child` in a fresh interpreter, so no run inherits another's heap."""
    command = [sys.executable, "-m", "bench.long_articles", "--child", mode, str(kilobytes)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(kilobytes: int) -> None:
    from kg.pipeline.extraction import contract_records

    text = ordinary_text(kilobytes)
    list(contract_records("Roman Seleznev, a Russian hacker, was arrested in 2014."))
    profiler = cProfile.Profile()
    profiler.runcall(lambda: list(contract_records(text)))
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--profile", type=int, metavar="KB")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "KB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]))))
        return
    if args.profile:
        profile(args.profile)
        return
    print(f"{'kB':>5} {'stage':>8} {'s':>8} {'MiB':>8} {'ms/kB':>8} {'MiB/kB':>8}")
    for kilobytes in (int(size) for size in args.sizes.split(",")):
        for mode in ("extract", "spacy"):
            found = measure(mode, kilobytes)
            print(
                f"{kilobytes:>5} {mode:>8} {found['seconds']:>8.2f} {found['mib']:>8.0f} "
                f"{1000 * found['seconds'] / kilobytes:>8.1f} {found['mib'] / kilobytes:>8.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
