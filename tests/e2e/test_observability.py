"""Health, readiness, metrics and the correlation id that follows a request."""

from __future__ import annotations

import json
import logging

import pytest
from kombu import Connection
from sqlalchemy import select

from services.allinone import AllInOne
from shared.config import SERVICE_NAMES
from tests.support.system import RunningSystem, eventually
from tests.support.tcp_proxy import TcpProxy


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_each_service_is_alive_and_ready(web, service):
    assert web.client.get(f"/{service}/healthz").json == {"status": "ok"}
    ready = web.client.get(f"/{service}/readyz")
    assert ready.status_code == 200
    assert ready.json["checks"] == {"database": "ok", "broker": "ok"}


@pytest.mark.real_stack
def test_a_service_is_not_ready_while_its_broker_is_unreachable(settings):
    upstream = Connection(settings.broker_url)
    proxy = TcpProxy(upstream.hostname, upstream.port or 5672)
    cut_off = settings.with_overrides(
        broker_url=f"amqp://{upstream.userid}:{upstream.password}@127.0.0.1:{proxy.port}/"
    )
    web = RunningSystem(AllInOne(cut_off))
    try:
        proxy.cut()
        ready = web.client.get("/exchange/readyz")
        assert ready.status_code == 503
        assert ready.json["checks"] == {"database": "ok", "broker": "unavailable"}
        assert web.client.get("/exchange/healthz").status_code == 200
        proxy.restore()
        assert web.client.get("/exchange/readyz").status_code == 200
    finally:
        web.close()
        proxy.close()


def test_metrics_count_requests_by_endpoint_and_status(web):
    web.client.get("/registry/api/v1/networks")
    metrics = web.client.get("/registry/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["Content-Type"].startswith("text/plain")
    text = metrics.data.decode()
    assert (
        'fabene_http_requests_total{endpoint="/api/v1/networks",service="registry",status="401"}'
        in text
    )
    assert "fabene_outbox_published_total" in text


def test_the_correlation_id_of_a_request_follows_its_events_to_the_consumers(running, caplog):
    admin = running.admin_headers()
    network = running.create_network(admin)
    caplog.set_level(logging.DEBUG, logger="shared.messaging.consumer")

    response = running.client.post(
        "/registry/api/v1/members",
        json={"kind": "household", "network_id": network["id"], "display_name": "Verdi"},
        headers={**admin, "X-Correlation-ID": "till-7-request-42"},
    )

    assert response.headers["X-Correlation-ID"] == "till-7-request-42"
    registry = running.services["registry"]
    with registry.database.session() as session:
        payloads = session.scalars(select(registry.outbox.c.payload)).all()
    envelopes = [json.loads(payload) for payload in payloads]
    member_events = [e for e in envelopes if e["type"].startswith("registry.member.")]
    assert {e["correlation_id"] for e in member_events} == {"till-7-request-42"}
    eventually(
        lambda: (
            any(
                getattr(record, "correlation_id", None) == "till-7-request-42"
                and record.name == "shared.messaging.consumer"
                for record in caplog.records
            )
            or running.inbox(admin, response.json["id"]).json.get("items")
        )
    )


def test_a_request_without_a_correlation_id_is_given_one(web):
    response = web.client.get("/registry/healthz")
    assert len(response.headers["X-Correlation-ID"]) == 36


def test_a_correlation_id_that_could_forge_log_lines_is_replaced(web):
    response = web.client.get(
        "/registry/healthz", headers={"X-Correlation-ID": "evil level=CRITICAL msg=forged"}
    )
    assert response.headers["X-Correlation-ID"] != "evil level=CRITICAL msg=forged"
