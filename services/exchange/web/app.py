"""The exchange's Flask app."""

from __future__ import annotations

from flask import Flask

from shared.auth.keys import token_verifier_provider
from shared.web.auth import access_token_authenticator
from shared.web.context import ServiceContext
from shared.web.factory import create_service_app
from shared.web.i18n import merge_words

from . import credits, dashboard_pages, members, reports, till, till_pages, time, wallet_pages
from .auth import exchange_authenticator
from .errors import ERRORS


def create_app(context: ServiceContext) -> Flask:
    """The exchange web app, its routes under ``/exchange``."""
    access_tokens = access_token_authenticator(token_verifier_provider(context.settings))
    return create_service_app(
        "exchange",
        context,
        blueprints=[members.blp, till.blp, credits.blp, time.blp, reports.blp],
        errors=ERRORS,
        description="The double-entry ledger of FOOD and TIME credits, the till, settlement.",
        authenticate=exchange_authenticator(context.database, access_tokens),
        pages=[wallet_pages.blp, till_pages.blp, dashboard_pages.blp],
        words=merge_words(wallet_pages.WORDS, till_pages.WORDS, dashboard_pages.WORDS),
    )
