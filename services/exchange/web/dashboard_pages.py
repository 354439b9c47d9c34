"""The operator's credits: allocations, hours to confirm, settlement, impact."""

from __future__ import annotations

from flask import Blueprint

blp = Blueprint("exchange_dashboard", __name__)

WORDS: dict[str, dict[str, str]] = {"it": {}, "en": {}}
