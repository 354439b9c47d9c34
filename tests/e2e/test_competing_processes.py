"""Two web and two worker processes of every service at once: each event handled once.

Competing consumers share each service's queue, competing relays share its
outbox (``FOR UPDATE SKIP LOCKED``), and requests land on either web process.
Under a burst of registrations and of redemptions at many tills, every event
must reach each consuming service exactly once: no account opened twice, no
message written twice, no event left behind.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import time
import uuid

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

HOUSEHOLDS = 24
TILLS = 4
REDEMPTIONS = 72  # three a household: the network's default visits a day
PIN = "2468"


@pytest.fixture
def processes(settings, tmp_path):
    running = ServiceProcesses(settings, tmp_path)
    try:
        for service in SERVICE_NAMES:
            for _ in range(2):
                running.start_web(service, workers=1)
                running.start_worker(service)
        running.wait_until_ready(timeout=60)
        yield running
    finally:
        running.stop()


class Api:
    """Calls spread over every web process of a service, in turn."""

    def __init__(self, processes: ServiceProcesses) -> None:
        self._next = {s: itertools.cycle(urls) for s, urls in processes.all_urls.items()}
        self.headers: dict[str, str] = {}

    def call(self, method, service, path, body=None, expect=(200, 201, 204), headers=None):
        url = f"{next(self._next[service])}/{service}/api/v1{path}"
        response = requests.request(
            method, url, json=body, headers={**self.headers, **(headers or {})}, timeout=30
        )
        assert response.status_code in expect, (path, response.status_code, response.text)
        return response.json() if response.content else None


def in_parallel(work, items, threads=16):
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(work, items))


def test_two_of_every_process_handle_every_event_once(processes, services):
    api = Api(processes)
    token = api.call(
        "POST", "registry", "/auth/token", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    )["access_token"]
    api.headers = {"Authorization": f"Bearer {token}"}
    network = api.call("POST", "registry", "/networks", {"name": "Rivoli", "town": "Rivoli"})
    network_id = network["id"]

    def household(index):
        member = api.call(
            "POST",
            "registry",
            "/members",
            {"kind": "household", "network_id": network_id, "display_name": f"Famiglia {index}"},
        )
        api.call(
            "POST",
            "registry",
            f"/members/{member['id']}/status",
            {"status": "active", "reason": "documents checked"},
        )
        card = api.call("POST", "registry", f"/members/{member['id']}/cards")
        return member["id"], card["card_number"]

    def shop_till(index):
        shop = api.call(
            "POST",
            "registry",
            "/members",
            {"kind": "shop", "network_id": network_id, "display_name": f"Bottega {index}"},
        )
        device = api.call("POST", "registry", f"/members/{shop['id']}/devices", {"label": "Cassa"})
        return device["device_token"]

    households = in_parallel(household, range(HOUSEHOLDS))
    tills = in_parallel(shop_till, range(TILLS))
    member_ids = [member_id for member_id, _ in households]

    def exchange_knows_everyone():
        with services["exchange"].database.session() as session:
            cards = session.scalar(
                select(func.count())
                .select_from(exchange_orm.cards)
                .where(exchange_orm.cards.c.network_id == network_id)
            )
            devices = session.scalar(
                select(func.count())
                .select_from(exchange_orm.devices)
                .where(exchange_orm.devices.c.network_id == network_id)
            )
        return cards == HOUSEHOLDS and devices == TILLS

    eventually(exchange_knows_everyone, timeout=60)
    in_parallel(
        lambda h: api.call("PUT", "exchange", f"/cards/{h[1]}/pin", {"pin": PIN}), households
    )
    api.call(
        "POST",
        "exchange",
        "/grants",
        {"network_id": network_id, "amount_cents": 100_000, "memo": "Comune"},
        headers={"Idempotency-Key": f"grant-{uuid.uuid4()}"},
    )
    in_parallel(
        lambda member_id: api.call(
            "POST",
            "exchange",
            "/allocations",
            {"member_id": member_id, "amount_cents": 2_000},
            headers={"Idempotency-Key": f"allocation-{uuid.uuid4()}"},
        ),
        member_ids,
    )

    def redeem(number):
        _, card_number = households[number % HOUSEHOLDS]
        return api.call(
            "POST",
            "exchange",
            "/redemptions",
            {"card_number": card_number, "pin": PIN, "amount_cents": 100},
            headers={
                "Authorization": f"Bearer {tills[number % TILLS]}",
                "Idempotency-Key": f"redemption-{uuid.uuid4()}",
            },
        )

    receipts = in_parallel(redeem, range(REDEMPTIONS))
    assert len({receipt["transaction_id"] for receipt in receipts}) == REDEMPTIONS

    def notifications_counts():
        with services["notifications"].database.session() as session:
            rows = session.execute(
                select(
                    notifications_orm.inbox_messages.c.topic,
                    func.count(),
                    func.count(notifications_orm.inbox_messages.c.member_id.distinct()),
                )
                .where(notifications_orm.inbox_messages.c.member_id.in_(member_ids))
                .group_by(notifications_orm.inbox_messages.c.topic)
            ).all()
        return {topic: (count, members) for topic, count, members in rows}

    expected_receipts = (REDEMPTIONS, HOUSEHOLDS)
    counts = eventually(
        notifications_counts,
        timeout=60,
        predicate=lambda c: c.get("purchase_receipt") == expected_receipts,
    )
    assert counts["welcome"] == (HOUSEHOLDS, HOUSEHOLDS), "one welcome per household"

    with services["exchange"].database.session() as session:
        accounts = session.scalar(
            select(func.count())
            .select_from(exchange_orm.accounts)
            .where(exchange_orm.accounts.c.owner_id.in_(member_ids))
        )
        redeemed = session.scalar(
            select(func.count())
            .select_from(exchange_orm.transactions)
            .where(
                exchange_orm.transactions.c.network_id == network_id,
                exchange_orm.transactions.c.kind == "redemption",
            )
        )
    assert accounts == 2 * HOUSEHOLDS, "each household's FOOD and TIME accounts, once"
    assert redeemed == REDEMPTIONS
    for service in SERVICE_NAMES:
        eventually(lambda service=service: _unpublished(services[service]) == 0, timeout=30)
    time.sleep(1)  # a duplicate handled late would show now
    assert notifications_counts() == counts


def _unpublished(service) -> int:
    outbox = service.outbox
    with service.database.session() as session:
        return session.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
        )
