"""The operator's members: search, enrol, status, cards, tills."""

from __future__ import annotations

from flask import Blueprint

blp = Blueprint("registry_dashboard", __name__)

WORDS: dict[str, dict[str, str]] = {"it": {}, "en": {}}
