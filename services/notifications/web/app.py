"""The notifications Flask app."""

from __future__ import annotations

from flask import Flask

from shared.auth.keys import token_verifier_provider
from shared.messaging.connection import check_broker
from shared.web.context import ServiceContext, attach
from shared.web.factory import create_service_app

from . import inbox
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The notifications web app, its routes under ``/notifications``."""
    settings = context.settings
    app, api = create_service_app(
        "notifications",
        settings,
        readiness_checks={
            "database": context.database.ping,
            "broker": lambda: check_broker(settings),
        },
        token_verifier=token_verifier_provider(settings),
        errors=ERRORS,
        description="E-mail, SMS and the web inbox, in the member's language.",
    )
    attach(app, context)
    api.register_blueprint(inbox.blp)
    return app
