"""Duplicate rate of a build: nodes of one type whose label is another's label or alias.

    python -m bench.duplicates [PATH ...]      # default ../shared/data/news-sample

Prints the node count, the duplicate pairs (and their rate per node), the merges made and
how many of them lack a reason. Exit status 1 when a duplicate or an unexplained merge is
found, so the script can gate a change.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.model import KnowledgeGraph  # noqa: E402
from kg.pipeline.run import build_graph  # noqa: E402

DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news-sample"


def duplicate_pairs(graph: KnowledgeGraph) -> list[tuple[str, str, str]]:
    """(type, label, other label) for every node whose alias or label is another's label."""
    by_label: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in graph.nodes:
        by_label[(node.type, node.label.casefold())].append(node.key)
    pairs = set()
    for node in graph.nodes:
        for name in (node.label, *node.aliases):
            for other in by_label.get((node.type, name.casefold()), []):
                if other != node.key:
                    pairs.add((node.type, *sorted((node.key, other))))
    return sorted(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_INPUT])
    args = parser.parse_args(argv)
    graph = build_graph(args.paths)
    pairs = duplicate_pairs(graph)
    unexplained = [m for m in graph.merges if not m.reason.strip()]
    print(f"articles: {len(graph.articles)}  nodes: {len(graph.nodes)}")
    print(f"duplicate pairs: {len(pairs)}  rate: {len(pairs) / max(1, len(graph.nodes)):.4f}")
    for type_, a, b in pairs:
        print(f"  {type_}: {a} ~ {b}")
    print(f"merges: {len(graph.merges)}  without a reason: {len(unexplained)}")
    return 1 if pairs or unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
