"""The registry's Flask app."""

from __future__ import annotations

from flask import Flask

from shared.web.context import ServiceContext
from shared.web.factory import create_service_app

from . import auth, cards, contracts, imports, lifecycle, members, networks, privacy
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The registry web app, its routes under ``/registry``."""
    return create_service_app(
        "registry",
        context,
        blueprints=[
            auth.blp,
            networks.blp,
            members.blp,
            lifecycle.blp,
            privacy.blp,
            cards.blp,
            contracts.blp,
            imports.blp,
        ],
        errors=ERRORS,
        description="Networks, members, households, cards, shop tills, contracts and logins.",
    )
