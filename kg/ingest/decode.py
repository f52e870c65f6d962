"""Bytes to text: which encodings are read, and which files are not text at all.

News arrives in whatever encoding its scraper or export used, so nothing that can be
text is rejected for its encoding:

1. a byte order mark decides: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE);
2. otherwise bytes that are valid UTF-8 are UTF-8;
3. otherwise they are read as Windows-1252 (the superset of Latin-1 that Windows and most
   old web pages wrote), and the five bytes cp1252 leaves undefined as Latin-1.

A file is binary, and skipped, when it holds a NUL byte outside a UTF-16/32 encoding (no
text format writes one) or, once decoded, more than 10% control characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
LEGACY_ENCODING = "cp1252"
MAX_CONTROL_SHARE = 0.10
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


class NotText(ValueError):
    """Bytes that are not text in any encoding this reader accepts (a binary file)."""


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read in (`cp1252` means it was not UTF-8)."""

    text: str
    encoding: str


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte order mark at the start of `data` names, and the mark's length."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None, 0


def decode_legacy(data: bytes) -> str:
    """cp1252, with the bytes it leaves undefined (0x81, 0x8d, ...) read as Latin-1."""
    return data.decode(LEGACY_ENCODING, errors="latin1fallback")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("latin1fallback", _latin1_fallback)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file's bytes as described in the module docstring; NotText if binary."""
    encoding, skip = sniff_bom(data)
    if encoding is not None:
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as error:
            offset = skip + error.start
            raise NotText(
                f"not valid {encoding.upper()} after its byte order mark (at offset {offset})"
            ) from error
    else:
        if b"\x00" in data:
            raise NotText(f"binary data (NUL byte at offset {data.index(0)}), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = decode_legacy(data), LEGACY_ENCODING
    check_text(text)
    return Decoded(text, encoding)


def check_text(text: str) -> None:
    """NotText when `text` is mostly control characters: binary data that decoded anyway."""
    if not text:
        return
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_SHARE * len(text):
        raise NotText(f"binary data ({controls} control characters in {len(text)}), not text")
