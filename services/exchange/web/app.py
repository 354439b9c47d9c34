"""The exchange's Flask app."""

from __future__ import annotations

from flask import Flask

from shared.auth.keys import token_verifier_provider
from shared.messaging.connection import check_broker
from shared.web.context import ServiceContext, attach
from shared.web.factory import create_service_app

from . import balances
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The exchange's web app, its routes under ``/exchange``."""
    settings = context.settings
    app, api = create_service_app(
        "exchange",
        settings,
        readiness_checks={
            "database": context.database.ping,
            "broker": lambda: check_broker(settings),
        },
        token_verifier=token_verifier_provider(settings),
        errors=ERRORS,
        description="The double-entry ledger of FOOD and TIME credits.",
    )
    attach(app, context)
    api.register_blueprint(balances.blp)
    return app
