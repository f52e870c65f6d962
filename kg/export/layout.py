"""Where the HTML page draws each node: a force layout, then no dot on another.

The page is read by eye, so its positions have two jobs: nodes joined by edges sit near each
other (clusters show), and no dot covers another (a click opens the node under the pointer).
A force layout does the first, an overlap-removal pass the second, and a packing step puts
the connected components side by side. `layout_positions` is the whole; `view_fit` tells a
page the scale at which everything fits its view, so it can check its dots' sizes on screen.

**Why igraph.** Each connected component is laid out on its own with igraph's
Fruchterman-Reingold layout (500 rounds, fewer above 8,000 nodes): edges pull, heavier
ones harder, and nodes push each other away. igraph runs it in C, and from 1,000 nodes on
in its grid variant, where only nearby nodes push, so 20,000 nodes take a second or two of
CPU where networkx's pure-Python spring layout takes minutes. (A start from igraph's
Louvain clusters laid out first was tried: on planted-cluster graphs of 5,000 and 20,000
nodes it kept clusters less together than a random start and made the grid rounds slower,
so the start is random, from `seed`.) What igraph's Louvain method finds as communities is
made to show: edges inside a community pull harder than edges between two, so clusters
read as clusters rather than one round blob. A layout of a whole disconnected graph would
let small components drift anywhere, and the grid variant would let them lie across big
ones; apart, each component is a patch of its own.

**Scale.** A force layout knows nothing of the dots' sizes. Each component is scaled so that
its dots (with the gap) would cover a fixed share, `DENSITY`, of the disc it spans: dense
enough to read as one cluster, loose enough that few dots touch.

**Why this overlap removal.** What still overlaps is pushed apart: each overlapping pair
moves apart along the line between its centres by what it lacks, the smaller dot moving
more, all pairs of a round at once. A pair moves only along its own line and only by its
own overlap, so the picture keeps its shape: neighbours stay neighbours and the relative
positions hold, which is what matters for a drawing someone has started to read. Pushing
alone jams in a crowd (a dot pushed from every side does not move), so each round the whole
component also grows a little, by the share of its dots still in an overlap; that is the
idea of PRISM (Gansner and Hu), which grows the crowded edges of a proximity graph most, in
a cheap form that needs no triangulation (and so no scipy) and converges in a few dozen
rounds. Overlapping pairs are found with a uniform grid: each dot enters the cells its
square touches, and two dots are compared only in the one cell where their squares first
meet, so a round costs about the number of dots even when a few are much bigger than the
rest. The knots left after `PUSH_ROUNDS`, if any, are settled one dot at a time, each moved
to the nearest free spot of a spiral around it, which always ends; so the result is
guaranteed: every two dots are at least `radius_a + radius_b + gap` apart, exactly, also
after the positions are rounded to 0.1.

**Packing.** The components, biggest first, are then packed as polyominoes (Freivalds,
Dogrusoz and Kikusts 2002, as Graphviz packs): each is drawn onto a grid as the cells its
dots cover, with a margin, and put at the free place nearest the middle. Unlike bounding
circles, this uses the room beside a big component's arms, so the picture stays compact,
the biggest component sits in the middle, and two components are always at least the margin
apart. Isolated nodes are not scattered through the picture but set in rows of their own
(biggest first), packed last.

Everything is sorted on the way in and every random draw comes from `seed`, so the same
graph gives the same positions whatever the order of its nodes and edges.

>>> placed = layout_positions(["a", "b", "c"], [("a", "b", 1.0)], {"a": 5, "b": 5, "c": 5})
>>> a, b = placed["a"], placed["b"]
>>> math.hypot(a.x - b.x, a.y - b.y) >= 5 + 5 + 4.0
True
"""

from __future__ import annotations

import functools
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
# Up to this many dots, overlapping pairs are found by trying every pair.
BRUTE_FORCE_UP_TO = 48
# How fast the whole component grows while its dots overlap: by STRETCH times the share of
# dots in an overlap, each round.
STRETCH = 0.05
# Fruchterman-Reingold: igraph's default 500 rounds, but no more than FR_NODE_ROUNDS node
# moves in all (20,000 nodes: 200 rounds; on planted-cluster graphs of that size 200 rounds
# and 500 keep edges equally short), and its grid variant (repulsion only between nearby
# nodes) from igraph's own threshold up, where all pairs cost too much.
FR_ROUNDS = 500
FR_NODE_ROUNDS = 4_000_000
FR_MIN_ROUNDS = 100
FR_GRID_FROM = 1000
# The pull of an edge within one Louvain community is multiplied by COMMUNITY_PULL, of one
# between two by BETWEEN_PULL. On a planted-cluster graph of 5,000 nodes this brings two
# nodes of one cluster from 0.35 to 0.22 of the mean distance of two random nodes (edges
# from 0.30 to 0.23); pulling less between communities (1/3) parts them more but flings a
# community hanging by one path far out on a real graph. Communities from this many nodes:
COMMUNITY_PULL = 3.0
BETWEEN_PULL = 0.5
COMMUNITIES_FROM = 12
# The packing grid: at most about PACK_CELLS cells, tested PACK_BATCH at a time.
PACK_CELLS = 200_000
PACK_BATCH = 200_000
# Pieces of more cells than this look for room with an FFT correlation instead.
PACK_DIRECT_UP_TO = 400
# A piece's search starts this many rings inside the ring where the piece before found room.
PACK_RINGS_BACK = 4
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
    if n >= COMMUNITIES_FROM:
        # Edges inside one of igraph's Louvain communities pull harder and those between
        # communities less, so that clusters show as clusters rather than one round blob.
        community = np.array(graph.community_multilevel(weights=pull.tolist()).membership)
        inside = community[pairs[:, 0]] == community[pairs[:, 1]]
        pull = pull * np.where(inside, COMMUNITY_PULL, BETWEEN_PULL)
    start = rng.uniform(-0.5, 0.5, size=(n, 2)) * math.sqrt(n)
    rounds = max(FR_MIN_ROUNDS, min(FR_ROUNDS, FR_NODE_ROUNDS // n))
    layout = graph.layout_fruchterman_reingold(
        weights=pull.tolist(), niter=rounds, seed=start.tolist(), grid=n >= FR_GRID_FROM
    )
    return np.array(layout.coords, dtype=float)


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
    if len(xy) <= BRUTE_FORCE_UP_TO:
        return _overlapping_pairs_of_few(xy, radius, gap)
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


def _overlapping_pairs_of_few(
    xy: np.ndarray, radius: np.ndarray, gap: float
) -> tuple[np.ndarray, np.ndarray]:
    """As _overlapping_pairs, every pair tried: for a few dots the grid costs more."""
    i, j = np.triu_indices(len(xy), k=1)
    delta = xy[j] - xy[i]
    need = radius[i] + radius[j] + gap
    close = np.sum(delta * delta, axis=1) < need * need
    return i[close], j[close]


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
    """Isolated nodes in rows, biggest first: a tidy block instead of a scatter.

    `radius` is sorted biggest first. Rows are about as wide as the block is high; in a
    row each dot sits just clear of the one before, and each row is as high as its
    biggest dot, so that one hub among them does not stretch the whole block.
    """
    room = 2 * radius + gap + ROUNDING_SLACK
    width = math.sqrt(float(np.sum(room * room)))
    xy = np.zeros((len(radius), 2))
    x, top, row_height = 0.0, 0.0, float(room[0])
    for dot, size in enumerate(room):
        if dot and x + size / 2 > width:
            top -= row_height
            x, row_height = 0.0, float(size)
        xy[dot] = (x + size / 2, top - row_height / 2)
        x += size
    return xy - (xy.min(axis=0) + xy.max(axis=0)) / 2


def _packed(pieces: list[_Piece], radius: np.ndarray, n: int, gap: float) -> np.ndarray:
    """Every node's position: the components packed as polyominoes, biggest in the middle.

    Each component is drawn onto a grid of square cells as the cells its dots (with half
    the margin around each) cover; components are placed in turn, each at the free grid
    offset nearest the middle where none of its cells is taken (Freivalds, Dogrusoz and
    Kikusts 2002, as Graphviz packs). Unlike bounding circles, a component's hollows and
    the room beside a long arm are used, so the picture stays compact, and two components'
    dots are at least the margin apart.
    """
    margin = 2 * (2 * float(np.median(radius)) + gap)
    reach = [radius[piece.members] + margin / 2 for piece in pieces]
    covered = sum(float(np.sum((2 * r) ** 2)) for r in reach)
    # Cells half a margin wide (coarser cells waste room), but fewer than PACK_CELLS of
    # them in all (the grid's memory and the FFT's time).
    cell = max(margin / 2, math.sqrt(covered / PACK_CELLS))
    grid = _Occupancy()
    hint = 0
    xy = np.zeros((n, 2))
    for piece, piece_reach in zip(pieces, reach, strict=True):
        low = np.floor((piece.xy - piece_reach[:, None]) / cell).astype(np.int64)
        high = np.floor((piece.xy + piece_reach[:, None]) / cell).astype(np.int64)
        cells = _square_cells(low, high)
        centre = np.round(cells.mean(axis=0)).astype(np.int64)
        cells -= centre
        # Pieces come biggest first, so a piece's room is rarely far inside the ring where
        # the one before found room: the search starts a few rings in from there.
        shift, hint = grid.free_shift(cells, max(0, hint - PACK_RINGS_BACK))
        grid.take(cells + shift)
        xy[piece.members] = piece.xy + (shift - centre) * cell
    return xy


def _square_cells(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The distinct cells of the rectangles low..high (inclusive), as (x, y) rows."""
    width = high - low + 1
    per = width[:, 0] * width[:, 1]
    owner = np.repeat(np.arange(len(low)), per)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(per) - per, per)
    cells = np.stack(
        [low[owner, 0] + within // width[owner, 1], low[owner, 1] + within % width[owner, 1]],
        axis=1,
    )
    return np.unique(cells, axis=0)


class _Occupancy:
    """Taken cells of the packing grid: a boolean array that grows as pieces are added."""

    def __init__(self) -> None:
        self.taken = np.zeros((0, 0), dtype=bool)
        self.origin = np.zeros(2, dtype=np.int64)

    def take(self, cells: np.ndarray) -> None:
        low = np.minimum(cells.min(axis=0), -self.origin)
        high = np.maximum(cells.max(axis=0), np.array(self.taken.shape) - self.origin - 1)
        if np.any(low < -self.origin) or np.any(high >= np.array(self.taken.shape) - self.origin):
            grown = np.zeros(tuple(high - low + 1), dtype=bool)
            at = self.origin + low
            grown[-at[0] : -at[0] + self.taken.shape[0], -at[1] : -at[1] + self.taken.shape[1]] = (
                self.taken
            )
            self.taken, self.origin = grown, -low
        index = cells + self.origin
        self.taken[index[:, 0], index[:, 1]] = True

    def free_shift(self, cells: np.ndarray, ring: int) -> tuple[np.ndarray, int]:
        """The offset nearest (0, 0) where `cells` fit, and its ring (distance, rounded down).

        Small pieces try offsets ring by ring from `ring` out; big ones test every offset
        at once, counting collisions with a correlation by FFT.
        """
        if not self.taken.size:
            return np.zeros(2, dtype=np.int64), 0
        low, high = cells.min(axis=0), cells.max(axis=0)
        if np.prod(high - low + 1) >= self.taken.size:
            # Bigger than all placed so far (the block of isolated nodes, which comes last):
            # beside them is as near as it can be.
            return self._beside(low, high)
        if len(cells) > PACK_DIRECT_UP_TO:
            best = self._free_shift_fft(cells)
            return best, _ring_of(best)
        # Most offsets near the middle are taken: a few probe cells (the piece's extremes)
        # rule them out cheaply, and only the offsets they leave are tried with every cell.
        middle = int(np.argmin(np.abs(cells).sum(axis=1)))
        extremes = np.unique(np.concatenate([np.argmin(cells, axis=0), np.argmax(cells, axis=0)]))
        while True:
            offsets = _rings(ring, ring + 4)
            offsets = offsets[self._fits(cells[middle : middle + 1], offsets)]
            # The rest, nearest first, in growing batches: the first that fits wins.
            first, batch = 0, 64
            while first < len(offsets):
                tried = offsets[first : first + batch]
                tried = tried[self._fits(cells[extremes], tried)]
                tried = tried[self._fits(cells, tried)]
                if len(tried):
                    return tried[0], _ring_of(tried[0])
                first, batch = first + batch, batch * 4
            ring += 5

    def _beside(self, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, int]:
        """The nearest of the offsets that put cells low..high right beside the taken ones."""
        first, last = -self.origin, np.array(self.taken.shape) - self.origin - 1
        middle = (first + last) // 2 - (low + high) // 2
        choices = [
            np.array([last[0] + 1 - low[0], middle[1]]),
            np.array([first[0] - 1 - high[0], middle[1]]),
            np.array([middle[0], last[1] + 1 - low[1]]),
            np.array([middle[0], first[1] - 1 - high[1]]),
        ]
        best = min(choices, key=lambda c: (int(c @ c), tuple(c)))
        return best.astype(np.int64), _ring_of(best)

    def _fits(self, cells: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Which offsets leave every one of `cells` on a free (or outside) grid cell."""
        shape = np.array(self.taken.shape)
        if len(cells) == 1:
            index = offsets + (cells[0] + self.origin)
            inside = (index >= 0).all(axis=1) & (index < shape).all(axis=1)
            fits = np.ones(len(offsets), dtype=bool)
            fits[inside] = ~self.taken[index[inside, 0], index[inside, 1]]
            return fits
        fits = np.zeros(len(offsets), dtype=bool)
        chunk = max(1, PACK_BATCH // len(cells))
        for first in range(0, len(offsets), chunk):
            index = cells[None, :, :] + offsets[first : first + chunk, None, :] + self.origin
            inside = np.all((index >= 0) & (index < shape), axis=2)
            clipped = np.minimum(np.maximum(index, 0), shape - 1)
            hit = inside & self.taken[clipped[..., 0], clipped[..., 1]]
            fits[first : first + chunk] = ~hit.any(axis=1)
        return fits

    def _free_shift_fft(self, cells: np.ndarray) -> np.ndarray:
        low = cells.min(axis=0)
        mask_shape = tuple(cells.max(axis=0) - low + 1)
        pad = np.array(mask_shape)
        padded = np.zeros(tuple(np.array(self.taken.shape) + 2 * pad))
        padded[pad[0] : pad[0] + self.taken.shape[0], pad[1] : pad[1] + self.taken.shape[1]] = (
            self.taken
        )
        mask = np.zeros(padded.shape)
        mask[cells[:, 0] - low[0], cells[:, 1] - low[1]] = 1
        hits = np.fft.irfft2(np.fft.rfft2(padded) * np.conj(np.fft.rfft2(mask)), s=padded.shape)
        # Only corner positions from which the piece stays inside the padded grid count.
        valid = hits[: self.taken.shape[0] + pad[0] + 1, : self.taken.shape[1] + pad[1] + 1]
        px, py = np.nonzero(valid < 0.5)
        sx = px - pad[0] - self.origin[0] - low[0]
        sy = py - pad[1] - self.origin[1] - low[1]
        best = np.lexsort((sy, sx, np.arctan2(sy, sx), sx * sx + sy * sy))[0]
        return np.array([sx[best], sy[best]], dtype=np.int64)


@functools.lru_cache(maxsize=64)
def _rings(first: int, last: int) -> np.ndarray:
    """Integer offsets at distance first..last + 1 (exclusive) from (0, 0), nearest first.

    Round rings, so that pieces gather in a round heap rather than a square one.
    """
    outer = (last + 1) ** 2
    dx = np.arange(-last, last + 1)
    # for each dx, the dy with first^2 <= dx^2 + dy^2 < (last + 1)^2
    high = np.floor(np.sqrt(np.maximum(outer - 1 - dx * dx, -1))).astype(np.int64)
    low = np.ceil(np.sqrt(np.maximum(first * first - dx * dx, 0))).astype(np.int64)
    dxs, dys = [], []
    for sign in (1, -1):
        count = np.maximum(high - low + 1, 0)
        if sign == -1:
            # the negative side, without dy = 0 twice
            count = np.maximum(high - np.maximum(low, 1) + 1, 0)
        start = low if sign == 1 else np.maximum(low, 1)
        column = np.repeat(dx, count)
        step = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        dxs.append(column)
        dys.append(sign * (np.repeat(start, count) + step))
    x, y = np.concatenate(dxs), np.concatenate(dys)
    # ties broken by angle, then by position, so the order is fixed
    order = np.lexsort((y, x, np.arctan2(y, x), x * x + y * y))
    return np.stack([x[order], y[order]], axis=1)


def _ring_of(offset: np.ndarray) -> int:
    return math.isqrt(int(offset @ offset))


def _rounded(xy: np.ndarray) -> list[tuple[float, float]]:
    # + 0.0 turns -0.0 into 0.0, so that equal positions print equal.
    return [(round(float(x), 1) + 0.0, round(float(y), 1) + 0.0) for x, y in xy]


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
