"""Reading the tab-separated tables of kg/data (kg/data/README.md says what each holds)."""

from __future__ import annotations

from importlib import resources


def table_rows(name: str) -> list[list[str]]:
    """The rows of a table of kg/data, header line and blank lines left out:
    `table_rows("relation_words.tsv")` -> [["appoints", "appoint"], ...]."""
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line]
