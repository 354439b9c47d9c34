"""``/metrics`` for Prometheus, and the timing of every request.

Under gunicorn, ``PROMETHEUS_MULTIPROC_DIR`` (set by deploy/gunicorn.conf.py)
makes every worker's figures add up in one scrape.
"""

from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from shared.metrics import HTTP_LATENCY, HTTP_REQUESTS


def init_request_metrics(app: Flask, service: str) -> None:
    """Count and time every request by endpoint and status."""

    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def record(response):
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        started = g.pop("request_started", None)
        if started is not None:
            HTTP_LATENCY.labels(service, endpoint).observe(time.perf_counter() - started)
        HTTP_REQUESTS.labels(service, endpoint, str(response.status_code)).inc()
        return response


def metrics_blueprint() -> Blueprint:
    """The Prometheus scrape endpoint."""
    blueprint = Blueprint("metrics", __name__)

    @blueprint.get("/metrics")
    def metrics():
        """Prometheus metrics of this service."""
        if "PROMETHEUS_MULTIPROC_DIR" in os.environ:  # set by gunicorn.conf.py, read by the client
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
        return Response(generate_latest(), content_type=CONTENT_TYPE_LATEST)

    return blueprint
