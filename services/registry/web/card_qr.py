"""A card's number as a QR code: served by the cards API and drawn on the print page."""

from __future__ import annotations

import io

import segno

from ..domain.cards import display_card_number

SCALE, BORDER = 8, 2


def _qr(number: str) -> segno.QRCode:
    # Medium error correction survives a worn or creased card.
    return segno.make(number, error="m")


def card_qr_svg(number: str) -> bytes:
    """A standalone SVG document, titled with the number as printed."""
    image = io.BytesIO()
    _qr(number).save(
        image, kind="svg", scale=SCALE, border=BORDER, title=display_card_number(number)
    )
    return image.getvalue()


def card_qr_png(number: str) -> bytes:
    image = io.BytesIO()
    _qr(number).save(image, kind="png", scale=SCALE, border=BORDER)
    return image.getvalue()


def card_qr_inline_svg(number: str) -> str:
    """An ``<svg>`` element to put in a page; it scales with the CSS around it."""
    return _qr(number).svg_inline(
        scale=SCALE, border=BORDER, title=display_card_number(number), omitsize=True
    )
