"""Likely duplicates of a build, checked pair by pair against the report's count.

    python -m bench.duplicates [PATH ...]      # default ../shared/data/news-sample
    python -m bench.duplicates --from OUT      # the articles of a finished `kg build --out OUT`

The report (kg.export.report) finds its likely duplicates through indexes so that it stays
fast on 20,000 nodes. This benchmark writes the same definition out plainly, over every pair
of nodes of one type (fine for news-sample's ~750 nodes), and prints both counts and the
pairs, by reason. It also checks the pairs issue 17 names: each must be one node where the
corpus names both (Northrop / Northrop Grumman, U.S. Treasury / U.S. Treasury Department,
East L.A. / East Los Angeles, L.A. / Los Angeles), and the different things it names must
stay apart (Washington / Washington D.C., the company Ford / Gerald Ford, Bank of America /
America, Apple Inc. / Apple Corps, ...). Exit status 1 when the two counts disagree, a merge
lacks its reason, a named pair is two nodes or a pair to keep apart is one.

A pair's reason is the first of these that holds:

- same name: the normalised labels are equal (kg.resolve.names.normalised_name);
- alias: the label of one is an alias of the other;
- shared alias: the two share an alias;
- acronym: one label is an acronym ("IAEA", "U.N.") the other's words spell;
- abbreviation: one label spells the other with abbreviated words ("East L.A." / "East Los
  Angeles", "M. Sears" / "Michael Sears", "Corp." / "Corporation");
- extension: the shorter's words begin the longer ("Northrop" / "Northrop Grumman"), or for
  a person end it ("Bush" / "W. Bush"), unless the shorter is a common word ("Bank") or, for
  anything but a person, a country, demonym or city ("US" / "US Army").
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.export.report import DUPLICATE_REASONS, build_report  # noqa: E402
from kg.export.report import likely_duplicates as report_duplicates  # noqa: E402
from kg.extract.countries import lookup_country, lookup_demonym  # noqa: E402
from kg.extract.places import lookup_city  # noqa: E402
from kg.model import KnowledgeGraph, Node  # noqa: E402
from kg.resolve.names import generic_words, name_initials, normalised_name  # noqa: E402

DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news-sample"

Pair = tuple[str, str, str, str]  # type, key, key (in order), reason
Name = tuple[str, str]  # type, name

# The pairs issue 17 names: one entity each, so one node wherever the corpus names both.
ONE_NODE: tuple[tuple[Name, Name], ...] = (
    (("Organization", "Northrop"), ("Organization", "Northrop Grumman")),
    (("Organization", "U.S. Treasury"), ("Organization", "U.S. Treasury Department")),
    (("Place", "East L.A."), ("Place", "East Los Angeles")),
    (("Place", "L.A."), ("Place", "Los Angeles")),
)
# Different things with like names: never one node.
APART: tuple[tuple[Name, Name], ...] = (
    (("Place", "Washington"), ("Place", "Washington D.C.")),
    (("Organization", "Ford"), ("Person", "Gerald Ford")),
    (("Organization", "Bank of America"), ("Country", "America")),
    (("Organization", "Apple Inc."), ("Organization", "Apple Corps")),
    (("Organization", "Google"), ("Organization", "Google Science Fair")),
    (("Organization", "EADS"), ("Organization", "EADS North America")),
    (("Organization", "Ford"), ("Organization", "Ford Australia")),
    # news-sample: Britain's Labour (2023) and Hong Kong's Labour Party (2016)
    (("Organization", "Labour"), ("Organization", "Labour Party")),
)

_SMALL = "of|the|and|for|on|in|de|&"  # words an acronym skips (kg.extract.orgs)
_WORD = r"[^\s.]*"  # the rest of a word after its first letter


def _norm(name: str) -> str:
    """ "The U.S. Treasury" -> "united states treasury", as resolution compares names."""
    return normalised_name(name)


def _acronym(label: str) -> str | None:
    """ "U.N." -> "UN"; None unless 2 to 6 capitals and nothing else."""
    letters = label.replace(".", "")
    ok = " " not in label and 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
    return letters if ok else None


def _spells(label: str, letters: str) -> bool:
    """ "International Atomic Energy Agency" spells "IAEA"; "GM Europe" spells nothing."""
    words = [w for w in re.split(r"[\s.-]+", label) if w]
    if len(label.split()) < 2 or any(len(w) > 1 and w.isupper() for w in words):
        return False
    return name_initials(label) == letters


def _token_pattern(token: str) -> str:
    """A regular expression for what `token` may stand for in the longer name."""
    same = "(?i:" + re.escape(token) + ")"
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):  # "L.A." -> Los Angeles
        first, *rest = [c.upper() for c in token if c != "."]
        end = r"(?:\s|$)"
        word = f"(?!(?i:{_SMALL}){end})(?![A-Z]{{2,}}{end})"  # no small word, no acronym
        between = f"(?:\\s+(?i:{_SMALL}))*\\s+"
        spelled = word + first + _WORD + "".join(between + word + c + _WORD for c in rest)
        return f"(?:{same}|{spelled})"
    if re.fullmatch(r"[A-Za-z]\.", token):  # "M." -> Michael
        return f"(?:{same}|{token[0].upper()}[^\\s.]+)"
    if re.fullmatch(r"[A-Za-z]{2,}\.", token):  # "Corp." -> Corporation
        letters = token[:-1].casefold()
        spelled = letters[0] + "".join(_WORD + c for c in letters[1:]) + _WORD
        return f"(?:{same}|(?i:{spelled}))"
    return same


def _abbreviation(short: str, full: str) -> bool:
    """ "East L.A." spells "East Los Angeles" by a pattern made of its words."""
    if short.casefold().split() == full.casefold().split():
        return False
    pattern = r"\s+".join(_token_pattern(t) for t in short.split())
    return re.fullmatch(pattern, " ".join(full.split())) is not None


def _generic(node: Node) -> bool:
    """ "Bank" (a common word), "US" (a country) or "Paris" (a city) extends nothing."""
    words = _norm(node.label).split()
    if len(words) == 1 and words[0] in generic_words():
        return True
    if node.type == "Person":
        return False
    label = node.label
    return bool(lookup_country(label) or lookup_demonym(label) or lookup_city(label))


def _extension(a: Node, b: Node) -> bool:
    """The shorter's words begin (a person's also end) the longer's."""
    short, full = sorted((a, b), key=lambda n: len(_norm(n.label).split()))
    s, f = _norm(short.label).split(), _norm(full.label).split()
    if len(s) >= len(f):
        return False
    ends = f[: len(s)] == s or (a.type == "Person" and f[-len(s) :] == s)
    return ends and not _generic(short)


def pair_reason(a: Node, b: Node) -> str | None:
    """Why two nodes of one type look like one entity, or None."""
    aliases_a = {_norm(x) for x in a.aliases}
    aliases_b = {_norm(x) for x in b.aliases}
    checks = {
        "same name": lambda: _norm(a.label) == _norm(b.label),
        "alias": lambda: _norm(a.label) in aliases_b or _norm(b.label) in aliases_a,
        "shared alias": lambda: bool(aliases_a & aliases_b),
        "acronym": lambda: any(
            (x := _acronym(one.label)) is not None and _spells(other.label, x)
            for one, other in ((a, b), (b, a))
        ),
        "abbreviation": lambda: _abbreviation(a.label, b.label) or _abbreviation(b.label, a.label),
        "extension": lambda: _extension(a, b),
    }
    assert tuple(checks) == DUPLICATE_REASONS, "the report's reasons changed"
    return next((reason for reason, check in checks.items() if check()), None)


def pairwise_duplicates(nodes: list[Node]) -> list[Pair]:
    """Every pair of nodes of one type with its reason: all pairs, one by one."""
    nodes = sorted(nodes, key=lambda n: n.key)
    pairs = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if a.type == b.type and (reason := pair_reason(a, b)) is not None:
                pairs.append((a.type, a.key, b.key, reason))
    return sorted(pairs)


def report_pairs(nodes: Iterable[Node]) -> list[Pair]:
    """The report's pairs, in the same form."""
    return sorted(
        (p["type"], p["a"]["key"], p["b"]["key"], p["reason"]) for p in report_duplicates(nodes)
    )


def nodes_named(nodes: Iterable[Node], name: Name) -> set[str]:
    """Keys of the nodes of that type whose label or an alias is the name."""
    type_, text = name
    wanted = _norm(text)
    return {
        n.key
        for n in nodes
        if n.type == type_ and wanted in {_norm(x) for x in (n.label, *n.aliases)}
    }


def check_pairs(nodes: Sequence[Node]) -> list[tuple[str, Name, Name]]:
    """Each pair of ONE_NODE and APART with its state: "joined", "split" (a named pair on
    two nodes: wrong), "apart", "JOINED" (a pair to keep apart on one node: wrong) or
    "absent" (the corpus does not name both)."""
    found = []
    for pairs, together in ((ONE_NODE, True), (APART, False)):
        for a, b in pairs:
            keys_a, keys_b = nodes_named(nodes, a), nodes_named(nodes, b)
            if not keys_a or not keys_b:
                state = "absent"
            elif together:
                state = "joined" if keys_a & keys_b else "split"
            else:
                state = "JOINED" if keys_a & keys_b else "apart"
            found.append((state, a, b))
    return found


def _graph(args: argparse.Namespace) -> KnowledgeGraph:
    """The graph of the articles, analysed now, or of a build's facts cache (--from)."""
    if args.from_dir is None:
        from kg.pipeline.run import build_graph

        return build_graph(args.paths)
    from kg.pipeline.cache import CACHE_DIR, CACHE_FILE, FactsCache
    from kg.pipeline.unchanged import read_build_record
    from kg.resolve import resolve
    from kg.resolve.rules import rules_from_json

    scratch = args.from_dir / CACHE_DIR
    record = read_build_record(scratch)
    if record is None:
        raise SystemExit(f"{args.from_dir}: no kg build with a facts cache here")
    with FactsCache(scratch / CACHE_FILE, model=record["model"]) as cache:
        facts = [cache.stored(key) for key, _ in record["articles"]]
    if any(f is None for f in facts):
        raise SystemExit(f"{args.from_dir}: the facts cache lacks articles of the build")
    return resolve(facts, rules=rules_from_json(record["options"]["rules"]))


def _print_pairs(mine: list[Pair], labels: dict[str, str]) -> None:
    by_reason: dict[str, list[Pair]] = defaultdict(list)
    for pair in mine:
        by_reason[pair[3]].append(pair)
    for reason in DUPLICATE_REASONS:
        if by_reason[reason]:
            print(f"  {reason} ({len(by_reason[reason])}):")
        for type_, a, b, _ in by_reason[reason]:
            print(f"    {type_}: {labels[a]} ~ {labels[b]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_INPUT])
    parser.add_argument("--from", dest="from_dir", type=Path, default=None, metavar="OUT")
    args = parser.parse_args(argv)
    graph = _graph(args)
    count = build_report(graph)["likely_duplicates"]["count"]
    mine, theirs = pairwise_duplicates(list(graph.nodes)), report_pairs(graph.nodes)
    labels = {node.key: node.label for node in graph.nodes}
    unexplained = [m for m in graph.merges if not m.reason.strip()]
    print(f"articles: {len(graph.articles)}  nodes: {len(graph.nodes)}")
    print(f"likely duplicates: report {count}, pairwise check {len(mine)}")
    _print_pairs(mine, labels)
    for pair in sorted(set(mine) ^ set(theirs)):
        print(f"  DISAGREE ({'pairwise only' if pair in mine else 'report only'}): {pair}")
    print(f"merges: {len(graph.merges)}  without a reason: {len(unexplained)}")
    checked = check_pairs(graph.nodes)
    print("pairs of issue 17 (one node) and different things (apart):")
    for state, (type_a, a), (type_b, b) in checked:
        print(f"  {state:7} {type_a} {a!r} / {type_b} {b!r}")
    wrong = [c for c in checked if c[0] in ("split", "JOINED")]
    return 1 if count != len(mine) or set(mine) != set(theirs) or unexplained or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
