"""`kg export --from` against the build it converts: time, and the same bytes as the build.

    python -m bench.export_speed [PATH ...]      # default ../shared/data/news-sample

Builds PATH into a fresh folder with `kg build` (whole commands, start-up included), then
writes each build file again with `kg export --from` and compares its bytes with the
build's. Prints one row per format: seconds, share of the build's time, and whether the
bytes are equal. The target (the architecture issue): GraphML in at most a quarter of the
build's time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export.formats import FORMATS  # noqa: E402

DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news-sample"


def timed(*args: str) -> float:
    """Seconds a `kg` command takes, start-up included; it must succeed."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_INPUT])
    args = parser.parse_args()
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        sys.exit(f"no such input: {', '.join(missing)} (the news sample of ../shared/data)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        build = timed("build", *map(str, args.paths), "--out", str(out))
        print(f"kg build: {build:.2f} s")
        print("| format | kg export --from | share of the build | same bytes |")
        print("|---|---|---|---|")
        for name, spec in FORMATS.items():
            if spec.build_file is None:
                continue
            target = Path(folder) / f"again-{spec.build_file}"
            seconds = timed("export", "--from", str(out), "--format", name, "--out", str(target))
            same = target.read_bytes() == (out / spec.build_file).read_bytes()
            print(f"| {name} | {seconds:.2f} s | {seconds / build:.2f} | {same} |")


if __name__ == "__main__":
    main()
