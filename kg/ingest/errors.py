"""What a reader reports when an input cannot become an article, and how it is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and
# isolates (they reorder what a terminal shows), and lone surrogates (undecodable bytes
# of a file name): any of them in a name could forge or hide a line of output.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every control character escaped (`\\n`, `\\x1b`, `\\u202e`), so that a
    file name or a reason shown on a terminal is one line and shows what it holds."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class InputError(Exception):
    """An input could not be read as articles."""


class OutputOverlapsInput(InputError):
    """An output path would overwrite an input, or be read as one by the next run."""


@dataclass(frozen=True)
class Skipped:
    """One input (a file, or one line of a JSON Lines file) that was not read, and why."""

    source: str  # "path" or "path:line"
    reason: str  # one line

    def __str__(self) -> str:
        return printable(f"{self.source}: {self.reason}")
