"""Broker connections: kombu for every transport, pika parameters for RabbitMQ.

Connections are opened lazily by the thread that uses them, never at import
time and never before a fork, and publishing on RabbitMQ waits for the
broker's confirm.
"""

from __future__ import annotations

import pika
from kombu import Connection

from shared.config import Settings


class BrokerUnavailable(ConnectionError):
    """The broker cannot be reached or refused the work."""


def kombu_connection(settings: Settings) -> Connection:
    """A new, not yet connected kombu connection to the configured broker."""
    return Connection(
        settings.broker_url,
        heartbeat=0 if settings.uses_memory_broker else settings.broker_heartbeat_seconds,
        connect_timeout=5,
        transport_options={
            "confirm_publish": True,
            "confirm_timeout": settings.confirm_timeout_seconds,
            "max_retries": 1,
            # The in-memory transport polls its queues; a second would be felt.
            "polling_interval": 0.05,
        },
    )


def pika_parameters(settings: Settings) -> pika.ConnectionParameters:
    """pika parameters for the same RabbitMQ the kombu URL names."""
    parsed = Connection(settings.broker_url)
    return pika.ConnectionParameters(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5672,
        virtual_host=parsed.virtual_host or "/",
        credentials=pika.PlainCredentials(parsed.userid or "guest", parsed.password or "guest"),
        heartbeat=settings.broker_heartbeat_seconds,
        blocked_connection_timeout=settings.confirm_timeout_seconds,
        connection_attempts=1,
        socket_timeout=5,
    )


def check_broker(settings: Settings) -> None:
    """Raise BrokerUnavailable unless the broker accepts a connection now."""
    connection = kombu_connection(settings)
    try:
        connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:
        raise BrokerUnavailable(str(error)) from error
    finally:
        connection.release()
