"""The slice with every service as its own gunicorn web and worker processes."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import func, select

from services.exchange.adapters import orm as exchange_orm
from services.notifications.adapters import orm as notifications_orm
from shared.config import SERVICE_NAMES
from tests.support.backends import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.processes import ServiceProcesses
from tests.support.system import eventually

pytestmark = pytest.mark.real_stack

MEMBERS = 12


@pytest.fixture
def processes(settings, tmp_path):
    running = ServiceProcesses(settings, tmp_path)
    try:
        for service in SERVICE_NAMES:
            running.start_web(service)
            running.start_worker(service)
        running.wait_until_ready()
        yield running
    finally:
        running.stop()


def test_members_registered_over_http_reach_the_other_services_once(processes, services):
    registry = processes.urls["registry"]
    token = requests.post(
        f"{registry}/registry/api/v1/auth/token",
        json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
        timeout=10,
    ).json()["access_token"]
    admin = {"Authorization": f"Bearer {token}"}
    network = requests.post(
        f"{registry}/registry/api/v1/networks",
        json={"name": "Grugliasco", "town": "Grugliasco"},
        headers=admin,
        timeout=10,
    ).json()
    member_ids = [
        requests.post(
            f"{registry}/registry/api/v1/members",
            json={"kind": "household", "network_id": network["id"], "display_name": f"F{n}"},
            headers=admin,
            timeout=10,
        ).json()["id"]
        for n in range(MEMBERS)
    ]

    exchange, notifications = processes.urls["exchange"], processes.urls["notifications"]
    for member_id in member_ids:
        balances = eventually(
            lambda member_id=member_id: requests.get(
                f"{exchange}/exchange/api/v1/members/{member_id}/balances",
                headers=admin,
                timeout=10,
            ),
            timeout=15,
            predicate=lambda response: response.status_code == 200,
        )
        assert balances.json() == {"FOOD": {"balance": 0}, "TIME": {"balance": 0}}
        inbox = eventually(
            lambda member_id=member_id: requests.get(
                f"{notifications}/notifications/api/v1/members/{member_id}/inbox",
                headers=admin,
                timeout=10,
            ),
            timeout=15,
            predicate=lambda response: response.status_code == 200,
        )
        assert [message["topic"] for message in inbox.json()["items"]] == ["welcome"]

    with services["exchange"].database.session() as session:
        members_accounts = exchange_orm.accounts.c.owner_id.in_(member_ids)
        assert session.scalar(
            select(func.count()).select_from(exchange_orm.accounts).where(members_accounts)
        ) == (2 * MEMBERS)
    with services["notifications"].database.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(notifications_orm.inbox_messages))
            == MEMBERS
        )
