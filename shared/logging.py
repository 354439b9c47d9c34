"""Structured logs: one JSON object a line, carrying the correlation id."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from shared.config import Settings
from shared.correlation import current_causation_id, current_correlation_id


class CorrelationFilter(logging.Filter):
    """Adds the correlation and causation ids of the current work to each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = current_correlation_id()
        record.causation_id = current_causation_id()
        return True


def configure_logging(settings: Settings, service: str = "fabene") -> None:
    """Send logs to stderr as JSON (or plain text when ``log_format=text``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(CorrelationFilter())
    if settings.log_format == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                static_fields={"service": service},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    for noisy in ("pika", "amqp", "kombu", "waitress.queue"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
