"""What a reader reports when an input cannot become an article."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """An input could not be read as articles."""


@dataclass(frozen=True)
class Skipped:
    """One input (a file, or one line of a JSON Lines file) that was not read, and why."""

    source: str  # "path" or "path:line"
    reason: str  # one line

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
