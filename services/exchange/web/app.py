"""The exchange Flask app."""

from __future__ import annotations

from flask import Flask

from shared.web.context import ServiceContext
from shared.web.factory import create_service_app

from . import balances
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The exchange web app, its routes under ``/exchange``."""
    return create_service_app(
        "exchange",
        context,
        blueprints=[balances.blp],
        errors=ERRORS,
        description="The double-entry ledger of FOOD and TIME credits.",
    )
