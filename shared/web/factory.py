"""The base of every service's Flask app: API, errors, health, metrics, auth."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask
from flask_smorest import Blueprint

from shared.auth.keys import token_verifier_provider
from shared.messaging.connection import check_broker
from shared.web.auth import EXTENSION, Authenticator, access_token_authenticator
from shared.web.context import ServiceContext, attach
from shared.web.correlation import init_correlation
from shared.web.errors import ErrorMapping, FabeneApi, register_error_mapping
from shared.web.guards import init_guards
from shared.web.health import health_blueprint
from shared.web.i18n import Catalogue
from shared.web.metrics import init_request_metrics, metrics_blueprint
from shared.web.pages import init_pages

MAX_REQUEST_BYTES = 2 * 1024 * 1024


def create_service_app(
    service: str,
    context: ServiceContext,
    *,
    blueprints: Sequence[Blueprint],
    errors: ErrorMapping,
    description: str,
    authenticate: Authenticator | None = None,
    pages: Sequence[Blueprint] = (),
    words: Catalogue | None = None,
) -> Flask:
    """A service's Flask app, its routes mounted under ``/<service>``."""
    settings = context.settings
    app = Flask(f"services.{service}")
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        API_TITLE=f"Fa Bene {service}",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "servers": [{"url": f"/{service}"}],
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                }
            },
        },
    )
    app.extensions[EXTENSION] = authenticate or access_token_authenticator(
        token_verifier_provider(settings)
    )
    attach(app, context)
    api = FabeneApi(app)
    register_error_mapping(app, errors)
    init_correlation(app)
    init_guards(app)
    init_request_metrics(app, service)
    readiness_checks = {
        "database": context.database.ping,
        "broker": lambda: check_broker(settings),
    }
    app.register_blueprint(health_blueprint(readiness_checks))
    app.register_blueprint(metrics_blueprint())
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    if pages:
        init_pages(app, service, words or {}, pages)
    return app
