"""Messages, preferences, and deliveries at a glance."""

from __future__ import annotations

from flask import Blueprint

blp = Blueprint("notifications_pages", __name__)

WORDS: dict[str, dict[str, str]] = {"it": {}, "en": {}}
