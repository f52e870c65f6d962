"""Crash safety: `kg build` killed with SIGKILL at random moments never damages the outputs.

Every output is written beside its final name and renamed over it (kg.export.atomic), so a kill
leaves each file either as it was or as the new build wrote it, whole. The test kills a
real `kg build` process 20+ times, at moments spread over a whole build, and after each
kill parses every output: Turtle with pyoxigraph, GraphML with networkx, JSON and JSON
Lines with json. Then a build runs to the end. The corpus is ten short articles with a
warm facts cache, so a build takes seconds and most kills land in the writing phase.
"""

from __future__ import annotations

import ast
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest

KILLS = 20
OUTPUTS = ("graph.ttl", "graph.graphml", "graph.html", "facts.jsonl", "merges.jsonl", "report.json")
PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Joe Biden", "Rishi Sunak"]


def write_corpus(folder: Path, edition: int = 0) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(10):
        a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
        (folder / f"a{i}.txt").write_text(
            f"Talks number {i}\n\n{a} met {b} in Berlin on Monday. Google and the United "
            f"Nations said Russia and France agreed (edition {edition if i == 0 else 0}).\n"
        )


def start_build(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(inputs), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill reaches any child too
    )


def check_outputs(out: Path) -> dict[str, bytes]:
    """Parse every output; return their bytes."""
    files = {name: (out / name).read_bytes() for name in OUTPUTS}
    store = pyoxigraph.Store()
    store.load(files["graph.ttl"], format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 100
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() > 3
    for name in ("facts.jsonl", "merges.jsonl"):
        lines = files[name].decode().splitlines()
        assert all(json.loads(line) for line in lines), name
    assert len(files["facts.jsonl"].decode().splitlines()) == 10
    assert json.loads(files["report.json"])["articles"] == 10
    assert files["graph.html"].rstrip().endswith(b"</html>")
    return files


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_previous_outputs_whole(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_corpus(inputs)
    started = time.perf_counter()
    first = start_build(inputs, out)
    assert first.wait(timeout=120) == 0, first.stderr.read().decode()
    full = time.perf_counter() - started
    check_outputs(out)

    rng = random.Random(7)
    states = set()
    for kill in range(KILLS):
        if kill % 5 == 4:
            write_corpus(inputs, edition=kill)  # one changed article: new outputs to write
        build = start_build(inputs, out)
        time.sleep(rng.uniform(0.05, full * 1.1))
        finished = build.poll() is not None
        if not finished:
            os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        assert build.returncode in (0, -signal.SIGKILL), build.stderr.read().decode()
        files = check_outputs(out)  # whole and parseable after every kill
        states.add(files["facts.jsonl"])

    final = start_build(inputs, out)
    assert final.wait(timeout=120) == 0, final.stderr.read().decode()
    files = check_outputs(out)
    assert b"(edition 19)" in files["facts.jsonl"] or b"edition 19" in files["graph.ttl"]
    # the work folders of the killed builds are cleared by the next one
    assert list((out / ".cache").glob("build-*")) == []


def _writes_in_place(tree: ast.AST) -> list[int]:
    """Lines that open a file for writing, or write one, other than through a buffer."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        if name in ("write_text", "write_bytes"):
            lines.append(node.lineno)
        elif name in ("open", "fdopen"):
            modes = [a for a in node.args[1:2]] + [
                k.value for k in node.keywords if k.arg == "mode"
            ]
            if any(isinstance(m, ast.Constant) and set(str(m.value)) & set("wax") for m in modes):
                lines.append(node.lineno)
        elif name.startswith("write_") and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            target = node.args[1] if len(node.args) > 1 else None
            if (
                isinstance(owner, ast.Name)
                and owner.id == "nx"
                and not (isinstance(target, ast.Name) and target.id == "buffer")
            ):
                lines.append(node.lineno)
    return lines


def test_every_writer_goes_through_an_atomic_rename() -> None:
    """No module of kg writes a file in place: all go through kg.export.atomic or atomic_stream."""
    root = Path(__file__).resolve().parent.parent / "kg"
    found = {
        str(path.relative_to(root)): _writes_in_place(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(root.rglob("*.py"))
    }
    # the atomic writer itself: a temporary file, fsync, then os.replace
    assert len(found.pop("export/atomic.py")) == 1
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_temp_files_of_killed_runs_are_removed_by_the_next_write(tmp_path: Path) -> None:
    from kg.export.atomic import atomic_write

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = os.getppid()
    old = time.time() - 3600
    abandoned = tmp_path / f".graph.ttl.{dead.pid}.abcd1234.tmp"
    running = tmp_path / f".graph.ttl.{alive}.abcd1234.tmp"
    unowned_old = tmp_path / ".graph.ttl.k2j4_x9q.tmp"  # named as kg did before the pid
    unowned_new = tmp_path / ".graph.ttl.z9q4_x2k.tmp"
    other = tmp_path / f".facts.jsonl.{dead.pid}.abcd1234.tmp"
    for temp in (abandoned, running, unowned_old, unowned_new, other):
        temp.write_bytes(b"half")
    os.utime(unowned_old, (old, old))
    atomic_write(tmp_path / "graph.ttl", "whole\n")
    left = sorted(path.name for path in tmp_path.iterdir())
    assert left == sorted(["graph.ttl", running.name, unowned_new.name, other.name])


def test_a_build_removes_the_temp_files_a_killed_build_left(tmp_path: Path) -> None:
    from kg.pipeline.scratch import work_folder

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / f".report.json.{dead.pid}.abcd1234.tmp").write_bytes(b"{")
    with work_folder(out / ".cache"):
        assert list(out.glob(".*.tmp")) == []
