"""The registry's Flask app."""

from __future__ import annotations

from flask import Flask

from shared.web.context import ServiceContext
from shared.web.factory import create_service_app
from shared.web.i18n import merge_words

from . import (
    auth,
    cards,
    contracts,
    dashboard_pages,
    imports,
    lifecycle,
    members,
    networks,
    pages,
    pairing,
    privacy,
)
from .errors import ERRORS
from .words import WORDS


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
            pairing.blp,
        ],
        errors=ERRORS,
        description="Networks, members, households, cards, shop tills, contracts and logins.",
        pages=[pages.blp, dashboard_pages.blp],
        words=merge_words(WORDS, dashboard_pages.WORDS),
    )
