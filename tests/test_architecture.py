"""The shape of the package: stages that import each other one way, and short functions."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
MAX_FUNCTION_LINES = 80


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The kg modules a file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from kg.a import b` imports the module kg.a.b when there is one.
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


def import_graph() -> nx.DiGraph:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        graph.add_edges_from((name, target) for target in imports_of(path, set(files)))
    return graph


def test_no_module_of_kg_imports_itself_round_a_cycle():
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()) if len(c) > 1)
    assert cycles == []


def test_the_stages_import_only_earlier_stages():
    graph = import_graph()
    earlier = {
        "kg.ingest": {"kg.model"},
        "kg.nlp": {"kg.model", "kg.extract"},
        "kg.extract": {"kg.model"},
        "kg.resolve": {"kg.model", "kg.extract"},  # country names and acronyms
        "kg.graph": {"kg.model"},
    }
    for stage, allowed in earlier.items():
        reached = {
            target.rsplit(".", 1)[0] if target.count(".") > 1 else target
            for source, target in graph.edges
            if source.startswith(stage + ".") or source == stage
        }
        outside = {m for m in reached if not m.startswith(stage)} - allowed
        assert outside == set(), stage


def test_no_function_in_kg_is_longer_than_80_lines():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} {lines}")
    assert long == []
