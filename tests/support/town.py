"""A town with a household, its card and PIN, and a shop with its till, on the running system."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from services.exchange.domain.directory import Card, Device
from services.exchange.domain.model import LedgerMember
from shared.auth.keys import token_signer_provider
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from tests.support.system import eventually

PIN = "2468"


@dataclass
class Town:
    running: object
    settings: object
    network: dict
    operator: dict
    household: dict
    card_number: str
    shop: dict
    till: dict
    other_shop: dict = field(default_factory=dict)
    other_till: dict = field(default_factory=dict)

    @property
    def exchange(self):
        return self.running.services["exchange"]

    def call(self, method: str, path: str, headers: dict, body=None, key: str | None = None, **kw):
        headers = dict(headers)
        if key is not None:
            headers["Idempotency-Key"] = key
        return getattr(self.running.client, method)(
            f"/exchange/api/v1{path}", json=body, headers=headers, **kw
        )

    def redeem(self, amount: int, pin: str = PIN, key: str | None = None, till=None, card=None):
        body = {"card_number": card or self.card_number, "pin": pin, "amount_cents": amount}
        return self.call("post", "/redemptions", till or self.till, body, key or new_key())

    def donate(self, amount: int, key: str | None = None, till=None):
        return self.call(
            "post", "/donations", till or self.till, {"amount_cents": amount}, key or new_key()
        )

    def grant(self, amount: int):
        body = {"network_id": self.network["id"], "amount_cents": amount, "memo": "Comune"}
        response = self.call("post", "/grants", self.operator, body, new_key())
        assert response.status_code == 201, response.json
        return response.json

    def allocate(self, amount: int, member_id: str | None = None, key: str | None = None):
        body = {"member_id": member_id or self.household["id"], "amount_cents": amount}
        return self.call("post", "/allocations", self.operator, body, key or new_key())

    def balance(self, member_id: str | None = None) -> dict:
        response = self.call(
            "get", f"/members/{member_id or self.household['id']}/balances", self.operator
        )
        return {unit: value["balance"] for unit, value in response.json.items()}

    def token(self, principal: Principal) -> dict:
        signer = token_signer_provider(self.settings)()
        return {"Authorization": f"Bearer {signer.issue(principal)}"}


def new_key() -> str:
    return f"key-{uuid.uuid4()}"


def known_to_exchange(exchange, record_class, key) -> bool:
    with exchange.database.session() as session:
        return session.get(record_class, key) is not None


def enrol_active_household(running, admin, network, **fields) -> dict:
    household = running.register_member(admin, network["id"], **fields)
    response = running.client.post(
        f"/registry/api/v1/members/{household['id']}/status",
        json={"status": "active", "reason": "documents checked"},
        headers=admin,
    )
    assert response.status_code == 200, response.json
    return household


def issue_card(running, admin, member_id) -> str:
    response = running.client.post(f"/registry/api/v1/members/{member_id}/cards", headers=admin)
    assert response.status_code == 201, response.json
    return response.json["card_number"]


def register_till(running, admin, shop_id) -> dict:
    response = running.client.post(
        f"/registry/api/v1/members/{shop_id}/devices", json={"label": "Cassa"}, headers=admin
    )
    assert response.status_code == 201, response.json
    return response.json


def wait_until_exchange_knows(exchange, member_id, card_number=None, device_id=None) -> None:
    def ready():
        with exchange.database.session() as session:
            member = session.get(LedgerMember, member_id)
            ok = member is not None and member.status == "active"
            if card_number:
                ok = (
                    ok
                    and session.scalars(select(Card).where(Card.card_number == card_number)).first()
                    is not None
                )
            if device_id:
                ok = ok and session.get(Device, device_id) is not None
            return ok

    eventually(ready, timeout=15)


@pytest.fixture
def town(running, settings) -> Town:
    admin = running.admin_headers()
    network = running.create_network(admin)
    household = enrol_active_household(running, admin, network, display_name="Famiglia Rossi")
    card_number = issue_card(running, admin, household["id"])
    shop = running.register_member(admin, network["id"], kind="shop", display_name="Bottega")
    other_shop = running.register_member(admin, network["id"], kind="shop", display_name="Forno")
    device = register_till(running, admin, shop["id"])
    other_device = register_till(running, admin, other_shop["id"])
    exchange = running.services["exchange"]
    wait_until_exchange_knows(exchange, household["id"], card_number, device["device_id"])
    wait_until_exchange_knows(exchange, other_shop["id"], device_id=other_device["device_id"])
    town = Town(
        running=running,
        settings=settings,
        network=network,
        operator={},
        household=household,
        card_number=card_number,
        shop=shop,
        till={"Authorization": f"Bearer {device['device_token']}"},
        other_shop=other_shop,
        other_till={"Authorization": f"Bearer {other_device['device_token']}"},
    )
    town.operator = town.token(Principal(new_id(), Role.OPERATOR, network_id=network["id"]))
    response = town.call("put", f"/cards/{card_number}/pin", town.operator, {"pin": PIN})
    assert response.status_code == 204, response.json
    return town
