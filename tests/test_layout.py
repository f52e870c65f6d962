"""The page's layout (kg.export.layout): no dot on another, clusters kept, same input same output.

Overlaps are counted over all pairs by brute force, independently of the grid the module
uses to find them.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kg.export import layout
from kg.export.layout import (
    Placed,
    layout_positions,
    remove_overlaps,
    view_fit,
)

GAP = 4.0
Edge = tuple[str, str, float]


def clearances(xy: np.ndarray, radius: np.ndarray, gap: float) -> np.ndarray:
    """For every pair i < j, distance - (r_i + r_j + gap); all >= 0 means no overlap."""
    found = []
    for start in range(0, len(xy), 500):
        block = slice(start, start + 500)
        distance = np.hypot(
            xy[block, None, 0] - xy[None, :, 0], xy[block, None, 1] - xy[None, :, 1]
        )
        slack = distance - (radius[block, None] + radius[None, :] + gap)
        rows, cols = np.nonzero(np.arange(len(xy))[None, :] > np.arange(len(xy))[block, None])
        found.append(slack[rows, cols])
    return np.concatenate(found) if found else np.zeros(0)


def arrays(placed: dict[str, Placed], radii: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    names = sorted(placed)
    xy = np.array([[placed[k].x, placed[k].y] for k in names])
    return xy, np.array([radii[k] for k in names])


def dot_radii(names: list[str], rng: random.Random) -> dict[str, float]:
    # Like the page's: most dots small, a few hubs several times bigger.
    return {k: round(8 + 3 * math.sqrt(rng.paretovariate(1.2)), 2) for k in names}


def random_graph(n: int, m: int, seed: int) -> tuple[list[str], list[Edge], dict[str, float]]:
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(n)]
    edges = [(rng.choice(names), rng.choice(names), float(rng.randint(1, 5))) for _ in range(m)]
    return names, edges, dot_radii(names, rng)


def clustered_graph(
    clusters: int, size: int, seed: int
) -> tuple[list[str], list[Edge], dict[str, str]]:
    """Clusters dense inside, a few edges between them; returns each node's cluster."""
    rng = random.Random(seed)
    cluster_of = {f"c{c}-{i}": f"c{c}" for c in range(clusters) for i in range(size)}
    members = {c: [k for k, v in cluster_of.items() if v == c] for c in set(cluster_of.values())}
    edges = []
    for names in members.values():
        edges += [(rng.choice(names), rng.choice(names), 1.0) for _ in range(3 * size)]
    everyone = sorted(cluster_of)
    edges += [(rng.choice(everyone), rng.choice(everyone), 1.0) for _ in range(clusters * 2)]
    return everyone, edges, cluster_of


def components_graph(seed: int) -> tuple[list[str], list[Edge], dict[str, int]]:
    """Trees of 2 to 30 nodes and isolated nodes; returns each node's component."""
    rng = random.Random(seed)
    names, edges, component = [], [], {}
    for c in range(40):
        tree = [f"t{c}-{i}" for i in range(rng.choice([2, 3, 5, 12, 30]))]
        edges += [(tree[i], rng.choice(tree[:i]), 1.0) for i in range(1, len(tree))]
        names += tree
        component.update(dict.fromkeys(tree, c))
    for i in range(25):
        names.append(f"alone{i}")
        component[f"alone{i}"] = 100 + i
    return names, edges, component


def star(leaves: int) -> tuple[list[str], list[Edge], dict[str, float]]:
    names = ["hub"] + [f"leaf{i}" for i in range(leaves)]
    radii = dict.fromkeys(names, 8.0) | {"hub": 60.0}
    return names, [("hub", leaf, 1.0) for leaf in names[1:]], radii


SHAPES = {
    "tiny": lambda: random_graph(3, 2, 1),
    "random 300": lambda: random_graph(300, 600, 2),
    "random 2000": lambda: random_graph(2000, 6000, 3),
    "star": lambda: star(300),
    "many components": lambda: (lambda n, e, _: (n, e, dot_radii(n, random.Random(4))))(
        *components_graph(4)
    ),
    "no edges": lambda: (lambda n: (n, [], dot_radii(n, random.Random(5))))(
        [f"n{i}" for i in range(500)]
    ),
    "clusters": lambda: (lambda n, e, _: (n, e, dot_radii(n, random.Random(6))))(
        *clustered_graph(6, 60, 6)
    ),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_two_dots_overlap(shape):
    names, edges, radii = SHAPES[shape]()
    placed = layout_positions(names, edges, radii, gap=GAP)
    assert sorted(placed) == sorted(set(names))
    xy, radius = arrays(placed, radii)
    assert clearances(xy, radius, GAP).min(initial=0.0) >= 0


@pytest.mark.parametrize("gap", [0.0, 1.5, 25.0])
def test_the_gap_asked_for_is_kept(gap):
    names, edges, radii = random_graph(400, 800, 7)
    xy, radius = arrays(layout_positions(names, edges, radii, gap=gap), radii)
    assert clearances(xy, radius, gap).min() >= 0


def test_radii_of_any_size_are_respected():
    rng = random.Random(8)
    names = [f"n{i}" for i in range(300)]
    # zero-sized dots, tiny ones and a few giants in one graph
    radii = {k: rng.choice([0.0, 0.5, 8.0, 8.0, 8.0, 40.0, 250.0]) for k in names}
    edges = [(rng.choice(names), rng.choice(names), 1.0) for _ in range(500)]
    xy, radius = arrays(layout_positions(names, edges, radii), radii)
    assert clearances(xy, radius, GAP).min() >= 0


def test_dots_that_start_on_one_point_are_parted():
    radius = np.array([5.0] * 150 + [30.0] * 10 + [0.0] * 5)
    xy = remove_overlaps(np.zeros((len(radius), 2)), radius, GAP)
    assert clearances(xy, radius, GAP).min() >= 0
    # ... into a compact heap, not flung far away
    assert np.max(np.hypot(*xy.T)) < 40 * math.sqrt(len(radius)) * 5


def test_two_heaps_on_two_points_are_parted_and_stay_on_their_sides():
    radius = np.full(200, 6.0)
    start = np.repeat([[-1000.0, 0.0], [1000.0, 0.0]], 100, axis=0)
    xy = remove_overlaps(start, radius, GAP)
    assert clearances(xy, radius, GAP).min() >= 0
    assert np.all(xy[:100, 0] < xy[100:, 0].min())


@pytest.mark.parametrize("rounds", [0, 3])
def test_what_the_pushes_leave_is_settled_one_dot_at_a_time(monkeypatch, rounds):
    # With few or no rounds of pushing, the last step alone must part a crowded heap.
    monkeypatch.setattr(layout, "PUSH_ROUNDS", rounds)
    rng = np.random.default_rng(19)
    radius = rng.choice([3.0, 8.0, 30.0], size=300)
    start = rng.normal(0, 40, size=(300, 2))
    xy = remove_overlaps(start, radius, GAP)
    assert clearances(xy, radius, GAP).min() >= 0
    # the dots that moved went to a free spot near where they were
    assert np.median(np.hypot(*(xy - start).T)) < 200


def test_removing_overlaps_keeps_a_layout_that_has_none():
    rng = np.random.default_rng(9)
    # a jittered lattice 30 apart: dots of radius <= 10 clear each other by 5 or more
    xy = np.stack(np.meshgrid(np.arange(15), np.arange(14)), axis=-1).reshape(-1, 2) * 30.0
    xy = rng.permutation(xy + rng.uniform(-2.5, 2.5, size=xy.shape))
    radius = rng.uniform(1, 10, size=len(xy))
    assert clearances(xy, radius, GAP + 1).min() >= 0
    assert np.array_equal(remove_overlaps(xy, radius, GAP), xy)


def test_same_graph_in_any_order_gives_the_same_positions():
    names, edges, radii = clustered_graph(4, 40, 10)
    edges += [("c0-1", "c0-1", 1.0), ("c0-1", "nowhere", 2.0)]
    radii = dot_radii(names, random.Random(10))
    first = layout_positions(names, edges, radii, seed=3)
    rng = random.Random(11)
    shuffled_names = rng.sample(names, len(names)) + names[:5]  # also a few named twice
    flipped = [(b, a, w) if rng.random() < 0.5 else (a, b, w) for a, b, w in edges]
    shuffled_edges = rng.sample(flipped, len(flipped))
    shuffled_radii = dict(rng.sample(sorted(radii.items()), len(radii)))
    again = layout_positions(shuffled_names, shuffled_edges, shuffled_radii, seed=3)
    assert repr(sorted(again.items())) == repr(sorted(first.items()))
    assert all(round(p.x, 1) == p.x and round(p.y, 1) == p.y for p in first.values())
    assert layout_positions(names, edges, radii, seed=4) != first


def test_two_processes_with_different_hash_seeds_give_the_same_bytes():
    script = (
        "from kg.export.layout import layout_positions\n"
        "names = [f'n{i}' for i in range(60)]\n"
        "edges = [(names[i], names[(i * 7) % 60], 1.0 + i % 3) for i in range(60)]\n"
        "print(sorted(layout_positions(names, edges, dict.fromkeys(names, 6.0)).items()))\n"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1 and b"Placed" in outputs.pop()


def test_the_layout_neither_draws_from_nor_depends_on_python_random():
    names, edges, radii = random_graph(200, 400, 12)
    random.seed(1)
    first = layout_positions(names, edges, radii)
    after_first = random.random()
    random.seed(1)
    random.random()
    again = layout_positions(names, edges, radii)
    random.seed(1)
    assert after_first == random.random()
    assert again == first


def test_edges_are_shorter_than_random_pairs_and_clusters_stay_together():
    names, edges, cluster_of = clustered_graph(6, 60, 13)
    radii = dot_radii(names, random.Random(13))
    placed = layout_positions(names, edges, radii)
    rng = random.Random(14)

    def length(a: str, b: str) -> float:
        return math.dist((placed[a].x, placed[a].y), (placed[b].x, placed[b].y))

    edge_length = np.mean([length(a, b) for a, b, _ in edges if a != b])
    pairs = [(rng.choice(names), rng.choice(names)) for _ in range(5000)]
    assert edge_length < 0.5 * np.mean([length(a, b) for a, b in pairs])
    same = [length(a, b) for a, b in pairs if a != b and cluster_of[a] == cluster_of[b]]
    other = [length(a, b) for a, b in pairs if cluster_of[a] != cluster_of[b]]
    assert np.mean(same) < 0.5 * np.mean(other)


def test_heavier_edges_are_drawn_shorter():
    rng = random.Random(15)
    names = [f"n{i}" for i in range(400)]
    edges = [(rng.choice(names), rng.choice(names), rng.choice([1.0, 20.0])) for _ in range(1200)]
    placed = layout_positions(names, edges, dict.fromkeys(names, 5.0))

    def mean_length(weight: float) -> float:
        return float(
            np.mean(
                [
                    math.dist((placed[a].x, placed[a].y), (placed[b].x, placed[b].y))
                    for a, b, w in edges
                    if w == weight and a != b
                ]
            )
        )

    assert mean_length(20.0) < 0.8 * mean_length(1.0)


def test_components_are_packed_apart_and_isolated_nodes_kept_together():
    names, edges, component = components_graph(16)
    radii = dict.fromkeys(names, 8.0)
    placed = layout_positions(names, edges, radii)
    xy, _ = arrays(placed, radii)
    # (the isolated nodes as one group)
    of = np.array([min(component[k], 100) for k in sorted(placed)])
    distance = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(distance, np.inf)
    same = of[:, None] == of[None, :]
    trees = of < 100
    nearest_same = np.where(same, distance, np.inf).min(axis=1)[trees]
    nearest_other = np.where(same, np.inf, distance).min(axis=1)
    # Between two components there is more room than between neighbours of one.
    assert nearest_other.min() > 2 * np.median(nearest_same)
    assert nearest_other.min() - 16 >= 4 * GAP
    # The isolated nodes sit in one block of their own, not scattered among the rest.
    alone = xy[of >= 100]
    low, high = alone.min(axis=0), alone.max(axis=0)
    inside = np.all((xy[trees] >= low - 8) & (xy[trees] <= high + 8), axis=1)
    assert not inside.any()
    # A biggest component is in the middle of the picture.
    middle = (xy.min(axis=0) + xy.max(axis=0)) / 2
    centres = {c: xy[of == c].mean(axis=0) for c in set(of)}
    central = min(centres, key=lambda c: np.hypot(*(centres[c] - middle)))
    assert np.sum(of == central) == max(np.sum(of == c) for c in centres if c < 100)


def test_big_components_are_packed_apart(monkeypatch):
    # Two components too big to be tried offset by offset: their room is found by FFT.
    calls = []
    fft = layout._Occupancy._free_shift_fft
    monkeypatch.setattr(
        layout._Occupancy,
        "_free_shift_fft",
        lambda self, cells: calls.append(1) or fft(self, cells),
    )
    rng = random.Random(21)
    names, edges, side = [], [], {}
    for part in ("a", "b", "c"):
        members = [f"{part}{i}" for i in range(250)]
        edges += [(members[i], rng.choice(members[:i]), 1.0) for i in range(1, 250)]
        edges += [(rng.choice(members), rng.choice(members), 1.0) for _ in range(250)]
        names += members
        side.update(dict.fromkeys(members, part))
    radii = dot_radii(names, rng)
    placed = layout_positions(names, edges, radii)
    assert calls
    xy, radius = arrays(placed, radii)
    assert clearances(xy, radius, GAP).min() >= 0
    of = np.array([side[k] for k in sorted(placed)])
    for part in ("a", "b"):
        mine, others = of == part, of != part
        distance = np.hypot(
            xy[mine, None, 0] - xy[None, others, 0], xy[mine, None, 1] - xy[None, others, 1]
        )
        clear = distance - radius[mine, None] - radius[None, others]
        assert clear.min() >= 4 * GAP


def test_many_isolated_nodes_go_beside_a_small_graph():
    path = [f"p{i}" for i in range(10)]
    alone = [f"alone{i}" for i in range(500)]
    edges = [(a, b, 1.0) for a, b in itertools.pairwise(path)]
    radii = dot_radii(path + alone, random.Random(22))
    placed = layout_positions(path + alone, edges, radii)
    xy, radius = arrays(placed, radii)
    assert clearances(xy, radius, GAP).min() >= 0
    block = np.array([[placed[k].x, placed[k].y] for k in alone])
    low, high = block.min(axis=0), block.max(axis=0)
    for k in path:
        p = np.array([placed[k].x, placed[k].y])
        assert np.any((p < low - radii[k]) | (p > high + radii[k]))


def test_many_components_are_packed_compactly():
    names, edges, component = components_graph(20)
    radii = dict.fromkeys(names, 8.0)
    xy, _ = arrays(layout_positions(names, edges, radii), radii)
    of = np.array([min(component[k], 100) for k in sorted(names)])
    # The picture is not much bigger than its components' boxes together (not a sparse
    # ring of small components around the biggest): the margins between them take the rest.
    box = np.prod(np.ptp(xy, axis=0) + 16)
    parts = sum(np.prod(np.ptp(xy[of == c], axis=0) + 16) for c in set(of))
    assert box / parts < 4


def test_view_fit_puts_every_dot_in_the_view():
    names, edges, radii = random_graph(200, 300, 18)
    placed = layout_positions(names, edges, radii)
    scale, dx, dy = view_fit(placed, radii, 800, 600, 10)
    left = min((p.x - radii[k]) * scale + dx for k, p in placed.items())
    right = max((p.x + radii[k]) * scale + dx for k, p in placed.items())
    top = min((p.y - radii[k]) * scale + dy for k, p in placed.items())
    bottom = max((p.y + radii[k]) * scale + dy for k, p in placed.items())
    assert left >= 10 - 1e-6 and top >= 10 - 1e-6
    assert right <= 790 + 1e-6 and bottom <= 590 + 1e-6
    # ... and fills it in one direction
    assert min(left - 10, top - 10) < 1e-6 or max(790 - right, 590 - bottom) < 1e-6
    assert abs((left + right) / 2 - 400) < 1e-6 and abs((top + bottom) / 2 - 300) < 1e-6


def test_bad_input_is_refused_and_empty_input_is_empty():
    assert layout_positions([], [], {}) == {}
    assert list(layout_positions(["a"], [], {"a": 3})) == ["a"]
    with pytest.raises(ValueError, match="radius"):
        layout_positions(["a", "b"], [], {"a": 3})
    with pytest.raises(ValueError, match="weight"):
        layout_positions(["a", "b"], [("a", "b", 0.0)], {"a": 3, "b": 3})
    with pytest.raises(ValueError, match="radius"):
        layout_positions(["a"], [], {"a": -1})
    with pytest.raises(ValueError, match="gap"):
        layout_positions(["a"], [], {"a": 1}, gap=float("nan"))
