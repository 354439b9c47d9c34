"""The notifications Flask app."""

from __future__ import annotations

from flask import Flask

from shared.web.context import ServiceContext
from shared.web.factory import create_service_app

from . import deliveries, inbox, pages, preferences
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The notifications web app, its routes under ``/notifications``."""
    return create_service_app(
        "notifications",
        context,
        blueprints=[inbox.blp, preferences.blp, deliveries.blp],
        errors=ERRORS,
        description="E-mail, SMS and the web inbox, in the member's language.",
        pages=[pages.blp],
        words=pages.WORDS,
    )
