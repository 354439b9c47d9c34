"""``/healthz`` (the process answers) and ``/readyz`` (its database and broker do)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from flask import Blueprint, jsonify

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], None]


def health_blueprint(checks: Mapping[str, ReadinessCheck]) -> Blueprint:
    """Liveness and readiness endpoints; each check raises when its dependency is down."""
    blueprint = Blueprint("health", __name__)

    @blueprint.get("/healthz")
    def healthz():
        """The process is alive."""
        return jsonify(status="ok")

    @blueprint.get("/readyz")
    def readyz():
        """The database and the broker answer now."""
        results = {}
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as error:
                log.warning("readiness check %s failed: %r", name, error)
                results[name] = "unavailable"
        ready = all(result == "ok" for result in results.values())
        return jsonify(status="ok" if ready else "unavailable", checks=results), (
            200 if ready else 503
        )

    return blueprint
