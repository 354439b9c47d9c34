"""Structured logs: one JSON object a line, carrying the correlation id."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from shared.config import Settings
from shared.correlation import current_causation_id, current_correlation_id

_base_factory = logging.getLogRecordFactory()


def _record_with_correlation(*args, **kwargs) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.correlation_id = current_correlation_id()
    record.causation_id = current_causation_id()
    return record


def install_correlation_ids() -> None:
    """Give every log record the correlation and causation ids of the current work."""
    logging.setLogRecordFactory(_record_with_correlation)


def configure_logging(settings: Settings, service: str = "fabene") -> None:
    """Send logs to stderr as JSON (or plain text when ``log_format=text``)."""
    install_correlation_ids()
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(
            JsonFormatter(
                ["asctime", "levelname", "name", "message", "correlation_id", "causation_id"],
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
