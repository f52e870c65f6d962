"""Extractors: pure functions from a spaCy Doc to the facts of one article.

`extract_facts` (kg.extract.facts) is loaded on first use, so that the light modules here
(countries, places, roles) can be imported without importing spaCy: `kg query` and
`kg serve` never need it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_facts"]


def __getattr__(name: str) -> Any:
    if name == "extract_facts":
        from kg.extract.facts import extract_facts

        return extract_facts
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
