"""The HTML page's layout (kg.export.layout) on random graphs: seconds and overlaps.

    python -m bench.layout_speed                      # 5,000 / 20,000 and 20,000 / 60,000
    python -m bench.layout_speed --sizes 1000x3000    # nodes x edges, one or more

Each graph is random with a fixed seed: edges between uniformly drawn nodes with weights 1
to 5, and dots sized as the page sizes them (8 + 3 * sqrt(mentions), mentions from a
Pareto law, so a few hubs are several times bigger). Prints one row per size: wall-clock
and CPU seconds of `layout_positions`, its components, the overlapping pairs before the
overlap-removal pass (the same layout with the pass left out) and after it, and the mean
edge length over the mean distance of random pairs (lower: edges kept short). Targets
(issue 18): 5,000 nodes / 20,000 edges in <= 3 s, 20,000 / 60,000 in <= 15 s, on one core;
0 overlapping pairs after. Run it alone: on a busy machine the wall clock counts the waits.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path
from unittest import mock

# One core, as the targets say (numpy's BLAS would take more for nothing here).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.export import layout  # noqa: E402

GAP = 4.0


def random_graph(nodes: int, edges: int, seed: int):
    """Names, (a, b, weight) edges and radii of a random graph, the same for one seed."""
    rng = np.random.default_rng(seed)
    names = [f"n{i}" for i in range(nodes)]
    ends = rng.integers(0, nodes, size=(edges, 2))
    weights = rng.integers(1, 6, size=edges)
    pairs = [(names[a], names[b], float(w)) for (a, b), w in zip(ends, weights, strict=True)]
    mentions = np.floor(rng.pareto(1.2, size=nodes)) + 1
    radii = {k: round(8 + 3 * math.sqrt(m), 2) for k, m in zip(names, mentions, strict=True)}
    return names, pairs, radii


def overlapping_pairs(placed, radii) -> int:
    names = sorted(placed)
    xy = np.array([[placed[k].x, placed[k].y] for k in names])
    radius = np.array([radii[k] for k in names])
    # the module's own grid search, with the gap asked for and no rounding slack
    return len(layout._overlapping_pairs(xy, radius, GAP)[0])


def edge_ratio(placed, pairs, seed: int) -> float:
    """Mean edge length over the mean distance of as many random pairs of nodes."""
    rng = np.random.default_rng(seed + 1)
    names = sorted(placed)
    xy = {k: (placed[k].x, placed[k].y) for k in names}
    edge = np.mean([math.dist(xy[a], xy[b]) for a, b, _ in pairs if a != b])
    picks = rng.integers(0, len(names), size=(len(pairs), 2))
    spread = np.mean([math.dist(xy[names[a]], xy[names[b]]) for a, b in picks])
    return float(edge / spread)


def measure(nodes: int, edges: int, seed: int) -> str:
    names, pairs, radii = random_graph(nodes, edges, seed)
    wall, cpu = time.perf_counter(), time.process_time()
    placed = layout.layout_positions(names, pairs, radii, gap=GAP)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with mock.patch.object(layout, "remove_overlaps", lambda xy, radius, gap: xy):
        before = overlapping_pairs(layout.layout_positions(names, pairs, radii, gap=GAP), radii)
    after = overlapping_pairs(placed, radii)
    components = len(layout._components(nodes, *layout._edges(sorted(names), pairs)))
    ratio = edge_ratio(placed, pairs, seed)
    return (
        f"| {nodes:,} | {edges:,} | {components:,} | {wall:.2f} s | {cpu:.2f} s "
        f"| {before:,} | {after:,} | {ratio:.3f} |"
    )


def size(text: str) -> tuple[int, int]:
    nodes, _, edges = text.partition("x")
    return int(nodes), int(edges)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=size,
        default=[(5000, 20000), (20000, 60000)],
        help="graphs as NODESxEDGES (default: 5000x20000 20000x60000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the random graphs' seed")
    args = parser.parse_args()
    print(
        "| nodes | edges | components | wall | CPU | overlapping pairs before | after "
        "| edge / random pair |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for nodes, edges in args.sizes:
        print(measure(nodes, edges, args.seed), flush=True)


if __name__ == "__main__":
    main()
