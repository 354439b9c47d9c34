"""The household's card as its wallet shows it: the number, and a QR code for the till."""

from __future__ import annotations

import segno
from markupsafe import Markup

# As the registry prints it; the page's CSS sets the size it is shown at.
QR_SCALE = 8


def grouped(card_number: str) -> str:
    """The card number in fours, as printed on the card: ``1234 5678 9012``."""
    return " ".join(card_number[i : i + 4] for i in range(0, len(card_number), 4))


def card_qr_svg(card_number: str) -> Markup:
    """The card number as an inline SVG QR code, made as the registry makes the printed one."""
    code = segno.make(card_number, error="m")
    svg = code.svg_inline(
        scale=QR_SCALE, border=2, title=grouped(card_number), svgclass="qr", omitsize=True
    )
    return Markup(svg)  # segno escapes the title; the rest is its own markup
