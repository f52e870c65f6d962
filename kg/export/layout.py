"""Where the HTML page draws each node: a force layout, then no dot on another.

The page is read by eye, so its positions have two jobs: nodes joined by edges sit near each
other (clusters show), and no dot covers another (a click opens the node under the pointer).
A force layout does the first and a separate pass does the second.

**The force layout.** Each connected component is laid out on its own with igraph's
Fruchterman-Reingold layout: edges pull (heavier edges harder), every pair of nodes pushes.
igraph runs it in C, and with its grid variant the push is counted only between nearby
nodes, so 20,000 nodes take seconds where networkx's pure-Python spring layout takes minutes.
Above a thousand nodes it runs fewer rounds, and from a better start than random points:
igraph's multilevel community detection (Louvain) finds the clusters, the graph of clusters
is laid out first, and each node starts at its cluster's place, so the rounds left only
settle the clusters instead of first pulling them out of a cloud. A layout of a whole
disconnected graph would let small components drift anywhere, and the grid variant would
let them lie across big ones; apart, each component is a round patch of its own.

**Scale.** Force layouts know nothing of the dots' sizes. Each component is scaled so that
its dots (with the gap) would cover a fixed share, `DENSITY`, of the disc it spans: dense
enough to read as one cluster, loose enough that few dots touch.

**Overlap removal.** What still overlaps is pushed apart, pair by pair, as in the force
layouts' own repulsion but only between dots that overlap: each overlapping pair moves
apart along the line between them by what it lacks, the smaller dot moving more, all pairs
of a round at once. A pair moves only along its own line and only by its own overlap, so
the picture keeps its shape (relative positions hold; this is the "push" family of overlap
removal, of which PRISM is the stress-based refinement). Overlapping pairs are found with a
uniform grid: each dot enters the cells its square touches, and two dots are compared only
when they share a cell, so a round costs about the number of dots even when a few are much
bigger than the rest. Rounds repeat until no pair overlaps; the few pairs left after
`PUSH_ROUNDS` (a crowded knot) are settled one dot at a time, each moved to the nearest free
spot of a spiral around it, which always ends and guarantees the result: after this pass,
every pair of dots is at least `radius_a + radius_b + gap` apart, exactly, also after
rounding to 0.1.

**Packing.** The components, biggest first, are then packed as circles with the front-chain
method (Wang et al. 2006, as d3's `packSiblings`): the biggest component in the middle,
smaller ones around it, a margin between any two, so clusters stay apart. Isolated nodes
are not scattered through the picture but set in a grid of their own, packed last.

Everything is sorted on the way in and every random draw comes from `seed`, so the same
graph gives the same positions whatever the order of its nodes and edges.

>>> placed = layout_positions(["a", "b", "c"], [("a", "b", 1.0)], {"a": 5, "b": 5, "c": 5})
>>> a, b = placed["a"], placed["b"]
>>> math.hypot(a.x - b.x, a.y - b.y) >= 5 + 5 + 4.0
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import igraph
import numpy as np

# Rounding to 0.1 moves a coordinate by at most 0.05, so the distance of two dots by at most
# 2 * 0.05 * sqrt(2) < 0.15: the layout keeps that much more than `gap` apart.
ROUNDING_SLACK = 0.15
# The share of a component's disc its dots (each with half the gap around it) cover.
DENSITY = 0.35
# Rounds of pairwise pushing before the knots left are settled one dot at a time.
PUSH_ROUNDS = 150
# How fast the whole component grows while its dots overlap: by STRETCH times the share of
# dots in an overlap, each round.
STRETCH = 0.05
# Fruchterman-Reingold rounds for a component of up to FULL_ROUNDS_UP_TO nodes; bigger ones
# get fewer (by the square root of their size), from the cluster-aware start.
FR_ROUNDS = 500
FULL_ROUNDS_UP_TO = 1000
MIN_FR_ROUNDS = 100
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True, slots=True)
class Placed:
    """A node's centre, in the same world units as its radius."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class _Piece:
    """A laid-out component: its nodes (indices) and their positions around (0, 0)."""

    members: np.ndarray
    xy: np.ndarray


def layout_positions(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str, float]],
    radii: Mapping[str, float],
    *,
    seed: int = 42,
    gap: float = 4.0,
) -> dict[str, Placed]:
    """Positions of `nodes`, rounded to 0.1, with every two dots `gap` or more apart.

    `edges` are (a, b, weight) with weight > 0; an edge named twice counts with the sum of
    its weights, self-loops and edges to nodes not in `nodes` are left out. `radii` gives
    every node's drawn radius (>= 0). The result does not depend on the order of `nodes`
    or `edges`.
    """
    if not (math.isfinite(gap) and gap >= 0):
        raise ValueError(f"gap must be a finite number >= 0, got {gap}")
    names = sorted(set(nodes))
    if not names:
        return {}
    radius = _radii(names, radii)
    pairs, weights = _edges(names, edges)
    rng = np.random.default_rng(seed)
    pieces, singles = [], []
    # igraph draws from Python's `random` by default; a seeded generator of its own keeps
    # the layout independent of whatever else the process draws. igraph cannot tell which
    # generator it had, so the default is put back.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        for members, local_pairs, local_weights in _components(len(names), pairs, weights):
            if len(members) == 1:
                singles.append(members[0])
                continue
            xy = _force_layout(len(members), local_pairs, local_weights, rng)
            xy = _scaled(xy, radius[members], gap)
            pieces.append(_Piece(members, remove_overlaps(xy, radius[members], gap)))
    finally:
        igraph.set_random_number_generator(random)
    if singles:
        members = np.array(sorted(singles, key=lambda i: (-radius[i], i)))
        pieces.append(_Piece(members, _grid_block(radius[members], gap)))
    xy = _packed(pieces, radius, len(names), gap)
    return {
        name: Placed(float(x), float(y)) for name, (x, y) in zip(names, _rounded(xy), strict=True)
    }


def _radii(names: list[str], radii: Mapping[str, float]) -> np.ndarray:
    missing = [name for name in names if name not in radii]
    if missing:
        raise ValueError(f"no radius for {len(missing)} node(s), e.g. {missing[0]!r}")
    radius = np.array([float(radii[name]) for name in names])
    if not np.all(np.isfinite(radius)) or np.any(radius < 0):
        raise ValueError("every radius must be a finite number >= 0")
    return radius


def _edges(
    names: list[str], edges: Sequence[tuple[str, str, float]]
) -> tuple[np.ndarray, np.ndarray]:
    """Edges as sorted index pairs (a < b), each once, with the sum of its weights."""
    index = {name: i for i, name in enumerate(names)}
    summed: dict[tuple[int, int], float] = {}
    # Summed in sorted order, so that the float sums do not depend on the input's order.
    for a, b, weight in sorted((a, b, float(w)) for a, b, w in edges):
        if not (math.isfinite(weight) and weight > 0):
            raise ValueError(f"edge weights must be > 0, got {weight} for {a!r} - {b!r}")
        i, j = index.get(a), index.get(b)
        if i is None or j is None or i == j:
            continue
        key = (min(i, j), max(i, j))
        summed[key] = summed.get(key, 0.0) + weight
    keys = sorted(summed)
    pairs = np.array(keys, dtype=np.int64).reshape(-1, 2)
    return pairs, np.array([summed[k] for k in keys], dtype=float)


def _components(
    n: int, pairs: np.ndarray, weights: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each component's nodes, its edges in local indices and their weights, biggest first."""
    graph = igraph.Graph(n=n, edges=pairs.tolist())
    membership = np.array(graph.connected_components().membership)
    by_node = np.argsort(membership, kind="stable")
    groups = np.split(by_node, np.flatnonzero(np.diff(membership[by_node])) + 1)
    order = sorted(range(len(groups)), key=lambda c: (-len(groups[c]), groups[c][0]))
    local = np.empty(n, dtype=np.int64)
    for c in order:
        local[groups[c]] = np.arange(len(groups[c]))
    edge_component = membership[pairs[:, 0]] if len(pairs) else np.zeros(0, dtype=np.int64)
    by_component = np.argsort(edge_component, kind="stable")
    bounds = np.searchsorted(edge_component[by_component], np.arange(len(groups) + 1))
    result = []
    for c in order:
        chosen = by_component[bounds[c] : bounds[c + 1]]
        result.append((groups[c], local[pairs[chosen]], weights[chosen]))
    return result


def _force_layout(n: int, pairs: np.ndarray, weights: np.ndarray, rng: np.random.Generator):
    """Fruchterman-Reingold positions of one connected component (igraph's units)."""
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    graph = igraph.Graph(n=n, edges=pairs.tolist())
    # Weights pull harder; scaled to their median and kept within a factor of 4 of it, so
    # that one heavy edge (two names in every article) does not fold its ends onto each other.
    pull = np.clip(np.sqrt(weights / np.median(weights)), 0.25, 4.0)
    rounds = FR_ROUNDS
    if n > FULL_ROUNDS_UP_TO:
        rounds = max(MIN_FR_ROUNDS, int(FR_ROUNDS * math.sqrt(FULL_ROUNDS_UP_TO / n)))
        start = _cluster_start(graph, pull, rng)
    else:
        start = rng.uniform(-0.5, 0.5, size=(n, 2)) * math.sqrt(n)
    layout = graph.layout_fruchterman_reingold(
        weights=pull.tolist(), niter=rounds, seed=start.tolist(), grid=n >= FULL_ROUNDS_UP_TO
    )
    return np.array(layout.coords, dtype=float)


def _cluster_start(graph: igraph.Graph, pull: np.ndarray, rng: np.random.Generator):
    """Start positions: each node near its cluster's place in a layout of the clusters."""
    n = graph.vcount()
    membership = np.array(graph.community_multilevel(weights=pull.tolist()).membership)
    clusters = graph.copy()
    clusters.es["weight"] = pull.tolist()
    clusters.contract_vertices(membership.tolist())
    clusters.simplify(combine_edges="sum")
    sizes = np.bincount(membership)
    count = clusters.vcount()
    if count > 1:
        weight = np.array(clusters.es["weight"]) if clusters.ecount() else np.zeros(0)
        pull_of_clusters = (weight / weight.max()).tolist() if len(weight) else None
        centres = np.array(
            clusters.layout_fruchterman_reingold(
                weights=pull_of_clusters,
                niter=FR_ROUNDS,
                seed=(rng.uniform(-0.5, 0.5, size=(count, 2)) * math.sqrt(count)).tolist(),
            ).coords
        )
        # Cluster layouts put neighbours about 1 apart; a cluster of k nodes needs about
        # sqrt(k) of the final layout's units, so the cluster map is stretched to fit.
        centres *= math.sqrt(n / count)
    else:
        centres = np.zeros((1, 2))
    spread = np.sqrt(sizes)[membership] / 2
    return centres[membership] + rng.uniform(-1, 1, size=(n, 2)) * spread[:, None]


def _scaled(xy: np.ndarray, radius: np.ndarray, gap: float) -> np.ndarray:
    """Positions about (0, 0), stretched so that the dots cover DENSITY of their disc."""
    xy = xy - xy.mean(axis=0)
    spread = float(np.mean(np.sum(xy * xy, axis=1)))
    if spread == 0:
        return xy
    # A uniform disc of radius R has mean squared distance R^2 / 2 from its centre.
    disc = 2 * math.pi * spread
    needed = float(np.sum(np.pi * (radius + gap / 2) ** 2)) / DENSITY
    return xy * math.sqrt(needed / disc)


def remove_overlaps(xy: np.ndarray, radius: np.ndarray, gap: float) -> np.ndarray:
    """Positions near `xy` where every two dots are `gap` + ROUNDING_SLACK or more apart.

    Overlapping pairs are pushed apart along their own line, the smaller dot moving more,
    until none overlaps; a knot left after PUSH_ROUNDS is settled one dot at a time.
    """
    radius = np.asarray(radius, dtype=float)
    xy = np.array(xy, dtype=float)
    if len(xy) < 2:
        return xy
    xy = _spread_coincident(xy, radius, gap)
    need_gap = gap + ROUNDING_SLACK
    centre = xy.mean(axis=0)
    for _ in range(PUSH_ROUNDS):
        i, j = _overlapping_pairs(xy, radius, need_gap)
        if not len(i):
            return xy
        xy += _pushes(xy, radius, need_gap, i, j)
        # Pushing alone jams where the layout is crowded: dots pushed from every side do not
        # move. The whole picture grows a little as well, by the share of dots in an overlap,
        # so that a crowd has room to spread (a PRISM-like global stretch, in small steps).
        crowded = len(np.union1d(i, j)) / len(xy)
        xy = centre + (xy - centre) * (1 + STRETCH * crowded)
    return _settle(xy, radius, need_gap)


def _pushes(
    xy: np.ndarray, radius: np.ndarray, gap: float, i: np.ndarray, j: np.ndarray
) -> np.ndarray:
    """Each dot's move: the sum of its overlapping pairs' pushes along their lines."""
    delta = xy[j] - xy[i]
    distance = np.hypot(delta[:, 0], delta[:, 1])
    # Pairs still on one point after earlier pushes part along a direction of their own.
    angle = (i * 7919 + j) * GOLDEN_ANGLE
    away = np.where(
        (distance > 1e-9)[:, None],
        delta / np.maximum(distance, 1e-9)[:, None],
        np.stack([np.cos(angle), np.sin(angle)], axis=1),
    )
    # A little past the target, so that a pair pushed back by its neighbours still parts.
    lack = (radius[i] + radius[j] + gap - distance) * 1.05
    area = radius * radius + 1e-9
    share_i = area[j] / (area[i] + area[j])
    move = np.zeros_like(xy)
    for axis in (0, 1):
        move[:, axis] = np.bincount(
            j, away[:, axis] * lack * (1 - share_i), minlength=len(xy)
        ) - np.bincount(i, away[:, axis] * lack * share_i, minlength=len(xy))
    return move


def _spread_coincident(xy: np.ndarray, radius: np.ndarray, gap: float) -> np.ndarray:
    """Dots on exactly one point set out on a sunflower spiral around it, in index order."""
    if len(xy) < 2:
        return xy
    _, group, counts = np.unique(xy, axis=0, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    if counts.max() == 1:
        return xy
    # A sunflower spiral r = step * sqrt(k) has one point per pi * step^2 of area, about a
    # typical dot's room (with its gap) apart; the pushes then make room for bigger ones.
    step = 0.6 * (2 * float(np.median(radius)) + gap)
    rank = np.zeros(len(xy), dtype=np.int64)
    order = np.argsort(group, kind="stable")
    starts = np.cumsum(counts) - counts
    rank[order] = np.arange(len(xy)) - np.repeat(starts, counts)
    shared = counts[group] > 1
    turn = rank * GOLDEN_ANGLE
    offset = step * np.sqrt(rank)[:, None] * np.stack([np.cos(turn), np.sin(turn)], axis=1)
    xy[shared] += offset[shared]
    return xy


def _overlapping_pairs(
    xy: np.ndarray, radius: np.ndarray, gap: float
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of dots closer than radius_i + radius_j + gap, in a fixed order.

    A uniform grid: each dot enters every cell its square (radius + gap / 2 around the
    centre) touches, and two dots are compared only in the cell holding the lower-left
    corner of where their squares meet, so each pair is counted once.
    """
    reach = radius + gap / 2
    span = float(np.max(np.ptp(xy, axis=0)))
    # Cells about as wide as a typical dot, but never so small that the biggest dot spans
    # more than 32 of them, or that there are many more cells than dots.
    cell = max(
        2 * float(np.median(reach)),
        2 * float(np.max(reach)) / 32,
        span / (4 * math.sqrt(len(xy)) + 1),
        1e-9,
    )
    low = np.floor((xy - reach[:, None] - xy.min(axis=0)) / cell).astype(np.int64)
    high = np.floor((xy + reach[:, None] - xy.min(axis=0)) / cell).astype(np.int64)
    low += 1
    high += 1
    width = high - low + 1
    per_dot = width[:, 0] * width[:, 1]
    dot = np.repeat(np.arange(len(xy)), per_dot)
    within = np.arange(len(dot)) - np.repeat(np.cumsum(per_dot) - per_dot, per_dot)
    cx = low[dot, 0] + within // width[dot, 1]
    cy = low[dot, 1] + within % width[dot, 1]
    stride = int(high[:, 1].max()) + 2
    key = cx * stride + cy
    order = np.lexsort((dot, key))
    key, dot = key[order], dot[order]
    group_end = np.searchsorted(key, key, side="right")
    partners = group_end - np.arange(len(key)) - 1
    first = np.repeat(np.arange(len(key)), partners)
    second = np.arange(len(first)) - np.repeat(np.cumsum(partners) - partners, partners)
    second += first + 1
    i, j = dot[first], dot[second]
    corner = np.maximum(xy[i] - reach[i, None], xy[j] - reach[j, None]) - xy.min(axis=0)
    corner_cell = np.floor(corner / cell).astype(np.int64) + 1
    here = corner_cell[:, 0] * stride + corner_cell[:, 1] == key[first]
    i, j = i[here], j[here]
    delta = xy[j] - xy[i]
    need = radius[i] + radius[j] + gap
    close = np.sum(delta * delta, axis=1) < need * need
    i, j = np.minimum(i[close], j[close]), np.maximum(i[close], j[close])
    order = np.lexsort((j, i))
    return i[order], j[order]


def _settle(xy: np.ndarray, radius: np.ndarray, gap: float) -> np.ndarray:
    """Moves one dot of each pair still overlapping to the nearest free spot around it.

    The dots that stay overlap no other (every overlapping pair loses one of its two), and
    each moved dot is placed clear of all that stay and of those placed before it.
    """
    i, j = _overlapping_pairs(xy, radius, gap)
    # Of each pair the smaller dot moves (ties: the later one), the big ones keep the shape.
    smaller_i = (radius[i] < radius[j]) | ((radius[i] == radius[j]) & (i > j))
    moving = np.unique(np.where(smaller_i, i, j))
    fixed = np.ones(len(xy), dtype=bool)
    fixed[moving] = False
    for dot in moving:
        xy[dot] = _free_spot(xy, radius, gap, dot, fixed)
        fixed[dot] = True
    return xy


def _free_spot(xy: np.ndarray, radius: np.ndarray, gap: float, dot: int, fixed: np.ndarray):
    """The first point of a sunflower spiral around `dot` clear of every fixed dot."""
    step = (radius[dot] + gap) / 2 + 1e-3
    widest = float(radius[fixed].max()) if fixed.any() else 0.0
    k = np.arange(1, 257)
    while True:
        # Only the fixed dots within reach of this stretch of the spiral can be in the way.
        reach = step * math.sqrt(k[-1]) + radius[dot] + widest + gap
        near = fixed & (np.hypot(*(xy - xy[dot]).T) <= reach)
        others, other_radius = xy[near], radius[near]
        turn = k * GOLDEN_ANGLE
        spots = xy[dot] + step * np.sqrt(k)[:, None] * np.stack(
            [np.cos(turn), np.sin(turn)], axis=1
        )
        distance = np.hypot(
            spots[:, None, 0] - others[None, :, 0], spots[:, None, 1] - others[None, :, 1]
        )
        clear = np.all(distance >= other_radius[None, :] + radius[dot] + gap, axis=1)
        if clear.any():
            return spots[int(np.argmax(clear))]
        k = k + 256


def _grid_block(radius: np.ndarray, gap: float) -> np.ndarray:
    """Isolated nodes in rows, biggest first: a tidy block instead of a scatter."""
    columns = math.ceil(math.sqrt(len(radius)))
    pitch = 2 * float(np.max(radius)) + gap + ROUNDING_SLACK
    index = np.arange(len(radius))
    xy = np.stack([index % columns, -(index // columns)], axis=1) * pitch
    return xy - xy.mean(axis=0)


def _packed(pieces: list[_Piece], radius: np.ndarray, n: int, gap: float) -> np.ndarray:
    """Every node's position, the components packed as circles with a margin between."""
    margin = 2 * (2 * float(np.median(radius)) + gap)
    centres, extents = [], []
    for piece in pieces:
        low = np.min(piece.xy - radius[piece.members, None], axis=0)
        high = np.max(piece.xy + radius[piece.members, None], axis=0)
        centre = (low + high) / 2
        reach = np.hypot(*(piece.xy - centre).T) + radius[piece.members]
        centres.append(centre)
        extents.append(float(reach.max()) + margin / 2)
    spots = pack_circles(extents)
    xy = np.zeros((n, 2))
    for piece, centre, spot in zip(pieces, centres, spots, strict=True):
        xy[piece.members] = piece.xy - centre + np.array(spot)
    return xy


def _rounded(xy: np.ndarray) -> list[tuple[float, float]]:
    # + 0.0 turns -0.0 into 0.0, so that equal positions print equal.
    return [(round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for x, y in xy]


def pack_circles(radii: Sequence[float]) -> list[tuple[float, float]]:
    """Centres of circles of `radii`, packed without overlap, the first near (0, 0).

    The front-chain packing of Wang et al. (2006) as d3's `packSiblings` does it: each
    circle is put against two of the chain around the packed ones, next to the pair
    closest to the centre, so that circles given biggest first pack into a round heap.
    """
    r = [float(value) for value in radii]
    x, y = [0.0] * len(r), [0.0] * len(r)
    if len(r) < 2:
        return list(zip(x, y, strict=True))
    x[0], x[1] = -r[1], r[0]
    if len(r) == 2:
        return list(zip(x, y, strict=True))
    _place_beside(x, y, r, 1, 0, 2)
    nxt, prv = [0] * len(r), [0] * len(r)
    a, b = 0, 1
    nxt[0], prv[1], nxt[1], prv[2], nxt[2], prv[0] = 1, 0, 2, 1, 0, 2
    c = 3
    while c < len(r):
        _place_beside(x, y, r, a, b, c)
        blocker = _first_blocker(x, y, r, nxt, prv, a, b, c)
        if blocker is not None:
            # The chain is cut short at the blocking circle, and c is tried again.
            if blocker[0] == "after":
                b = blocker[1]
            else:
                a = blocker[1]
            nxt[a], prv[b] = b, a
            continue
        prv[c], nxt[c], nxt[a], prv[b] = a, b, c, c
        b = c
        a = _closest_pair(x, y, r, nxt, a, b)
        b = nxt[a]
        c += 1
    return list(zip(x, y, strict=True))


def _place_beside(x: list[float], y: list[float], r: list[float], b: int, a: int, c: int):
    """Puts circle c touching circles a and b (d3's `place(b, a, c)`)."""
    dx, dy = x[b] - x[a], y[b] - y[a]
    d2 = dx * dx + dy * dy
    if not d2:
        x[c], y[c] = x[a] + r[c], y[a]
        return
    a2, b2 = (r[a] + r[c]) ** 2, (r[b] + r[c]) ** 2
    if a2 > b2:
        s = (d2 + b2 - a2) / (2 * d2)
        t = math.sqrt(max(0.0, b2 / d2 - s * s))
        x[c], y[c] = x[b] - s * dx - t * dy, y[b] - s * dy + t * dx
    else:
        s = (d2 + a2 - b2) / (2 * d2)
        t = math.sqrt(max(0.0, a2 / d2 - s * s))
        x[c], y[c] = x[a] + s * dx - t * dy, y[a] + s * dy + t * dx


def _first_blocker(x, y, r, nxt, prv, a: int, b: int, c: int) -> tuple[str, int] | None:
    """The circle of the chain nearest along it (after b or before a) that c overlaps."""
    j, k, sj, sk = nxt[b], prv[a], r[b], r[a]
    while True:
        if sj <= sk:
            if _intersects(x, y, r, j, c):
                return ("after", j)
            sj, j = sj + r[j], nxt[j]
        else:
            if _intersects(x, y, r, k, c):
                return ("before", k)
            sk, k = sk + r[k], prv[k]
        if j == nxt[k]:
            return None


def _intersects(x, y, r, a: int, b: int) -> bool:
    reach = r[a] + r[b] - 1e-6
    dx, dy = x[b] - x[a], y[b] - y[a]
    return reach > 0 and reach * reach > dx * dx + dy * dy


def _closest_pair(x, y, r, nxt, a: int, b: int) -> int:
    """The chain circle whose pair with the next lies closest to (0, 0)."""

    def score(node: int) -> float:
        other = nxt[node]
        both = r[node] + r[other]
        if not both:
            return x[node] ** 2 + y[node] ** 2
        px = (x[node] * r[other] + x[other] * r[node]) / both
        py = (y[node] * r[other] + y[other] * r[node]) / both
        return px * px + py * py

    best, best_score = a, score(a)
    node = nxt[b]
    while node != b:
        value = score(node)
        if value < best_score:
            best, best_score = node, value
        node = nxt[node]
    return best


def view_fit(
    placed: Mapping[str, Placed],
    radii: Mapping[str, float],
    width: float,
    height: float,
    margin: float = 20.0,
) -> tuple[float, float, float]:
    """(scale, dx, dy) that fit every dot in a width x height view with `margin` around.

    A position (x, y) is drawn at (x * scale + dx, y * scale + dy) and a radius r as
    r * scale, so a page can check how big its dots are on screen.

    >>> view_fit({"a": Placed(0, 0), "b": Placed(100, 0)}, {"a": 10, "b": 10}, 140, 100, 10)
    (1.0, 20.0, 50.0)
    """
    if not placed:
        return 1.0, width / 2, height / 2
    low_x = min(p.x - radii[k] for k, p in placed.items())
    high_x = max(p.x + radii[k] for k, p in placed.items())
    low_y = min(p.y - radii[k] for k, p in placed.items())
    high_y = max(p.y + radii[k] for k, p in placed.items())
    room_x, room_y = max(width - 2 * margin, 1e-9), max(height - 2 * margin, 1e-9)
    scale = min(room_x / max(high_x - low_x, 1e-9), room_y / max(high_y - low_y, 1e-9))
    dx = width / 2 - scale * (low_x + high_x) / 2
    dy = height / 2 - scale * (low_y + high_y) / 2
    return scale, dx, dy
