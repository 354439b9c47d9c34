"""The citizen's wallet: balances, movements, hours against the contract, the card."""

from __future__ import annotations

from flask import Blueprint

blp = Blueprint("wallet_pages", __name__)

WORDS: dict[str, dict[str, str]] = {"it": {}, "en": {}}
