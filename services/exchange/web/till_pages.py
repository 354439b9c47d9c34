"""The shop's till: card, amount, PIN, receipt; takings; spesa sospesa."""

from __future__ import annotations

from flask import Blueprint

blp = Blueprint("till_pages", __name__)

WORDS: dict[str, dict[str, str]] = {"it": {}, "en": {}}
