"""One colour per node type, shared by every visual export (GraphML, HTML)."""

from __future__ import annotations

# Colour-blind-friendly hues from the Okabe-Ito palette, so types stay apart for most readers.
TYPE_COLORS: dict[str, str] = {
    "Person": "#0072B2",
    "Organization": "#E69F00",
    "Country": "#009E73",
    "Place": "#56B4E9",
    "Event": "#D55E00",
    "Article": "#999999",
}

# Types added later (the vocabulary may grow) still get drawn, in a colour no known type uses.
UNKNOWN_COLOR = "#CC79A7"


class ColorError(ValueError):
    """A colour string is not of the form #RRGGBB."""


def color_for(node_type: str) -> str:
    """The hex colour (`#RRGGBB`) of a node type."""
    return TYPE_COLORS.get(node_type, UNKNOWN_COLOR)


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """`#RRGGBB` -> (r, g, b) integers 0-255, the form Gephi's GraphML importer reads."""
    digits = color.removeprefix("#")
    if len(digits) != 6:
        raise ColorError(f"not a #RRGGBB colour: {color!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def type_order(node_type: str) -> tuple[int, str]:
    """Sort key that lists the known types in their usual order, then any others by name."""
    known = tuple(TYPE_COLORS)
    return (known.index(node_type), "") if node_type in known else (len(known), node_type)
