"""The three services by name: only the CLI and the all-in-one runner need all of them."""

from __future__ import annotations

from shared.config import SERVICE_NAMES, Settings
from shared.messaging.connection import kombu_connection
from shared.messaging.topology import declare_exchange, declare_service_queues
from shared.service import Service


def bootstrap_service(name: str, settings: Settings) -> Service:
    """Build one service by name."""
    if name == "registry":
        from services.registry.bootstrap import bootstrap
    elif name == "exchange":
        from services.exchange.bootstrap import bootstrap
    elif name == "notifications":
        from services.notifications.bootstrap import bootstrap
    else:
        raise ValueError(f"unknown service {name!r}; choose one of {', '.join(SERVICE_NAMES)}")
    return bootstrap(settings)


def bootstrap_all(settings: Settings) -> list[Service]:
    return [bootstrap_service(name, settings) for name in SERVICE_NAMES]


def set_up_broker(settings: Settings, services: list[Service]) -> None:
    """Declare the exchange and every consuming service's queues and bindings."""
    connection = kombu_connection(settings)
    try:
        connection.ensure_connection(max_retries=3)
        declare_exchange(connection, settings)
        for service in services:
            if service.queues is not None:
                declare_service_queues(connection, service.queues, settings)
    finally:
        connection.release()


def consumers_by_event_type(settings: Settings) -> dict[str, list[str]]:
    """For each event type, the services that consume it."""
    consumers: dict[str, list[str]] = {}
    for service in bootstrap_all(settings):
        for event_type in service.subscriptions.binding_keys if service.subscriptions else ():
            consumers.setdefault(event_type, []).append(service.name)
    return consumers
