"""The registry's Flask app."""

from __future__ import annotations

from flask import Flask

from shared.auth.keys import token_verifier_provider
from shared.messaging.connection import check_broker
from shared.web.context import ServiceContext, attach
from shared.web.factory import create_service_app

from . import auth, members, networks
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The registry's web app, its routes under ``/registry``."""
    settings = context.settings
    app, api = create_service_app(
        "registry",
        settings,
        readiness_checks={
            "database": context.database.ping,
            "broker": lambda: check_broker(settings),
        },
        token_verifier=token_verifier_provider(settings),
        errors=ERRORS,
        description="Networks, members, cards, shop tills, contracts and logins.",
    )
    attach(app, context)
    for blueprint in (auth.blp, networks.blp, members.blp):
        api.register_blueprint(blueprint)
    return app
