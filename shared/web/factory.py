"""The base of every service's Flask app: API, errors, health, metrics, auth."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask

from shared.auth.tokens import TokenVerifier
from shared.config import Settings
from shared.web.auth import EXTENSION
from shared.web.correlation import init_correlation
from shared.web.errors import ErrorMapping, FabeneApi, register_error_mapping
from shared.web.health import ReadinessCheck, health_blueprint
from shared.web.metrics import init_request_metrics, metrics_blueprint

MAX_REQUEST_BYTES = 2 * 1024 * 1024


def create_service_app(
    service: str,
    settings: Settings,
    *,
    readiness_checks: Mapping[str, ReadinessCheck],
    token_verifier: Callable[[], TokenVerifier],
    errors: ErrorMapping,
    description: str,
    collect_gauges: Callable[[], None] | None = None,
) -> tuple[Flask, FabeneApi]:
    """A Flask app mounted at ``/<service>``, with the API object to register blueprints on."""
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
    app.extensions[EXTENSION] = token_verifier
    api = FabeneApi(app)
    register_error_mapping(app, errors)
    init_correlation(app)
    init_request_metrics(app, service)
    app.register_blueprint(health_blueprint(readiness_checks))
    app.register_blueprint(metrics_blueprint(collect_gauges))
    return app, api
