"""The registry Flask app."""

from __future__ import annotations

from flask import Flask

from shared.web.context import ServiceContext
from shared.web.factory import create_service_app

from . import auth, members, networks
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The registry web app, its routes under ``/registry``."""
    return create_service_app(
        "registry",
        context,
        blueprints=[auth.blp, networks.blp, members.blp],
        errors=ERRORS,
        description="Networks, members, cards, shop tills, contracts and logins.",
    )
