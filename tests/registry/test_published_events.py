"""What the registry publishes matches the event catalogue, field for field."""

from __future__ import annotations

import json

from marshmallow import RAISE
from sqlalchemy import select

from services.registry.adapters.translators import PUBLISHED
from shared.contracts.base import EventContract
from shared.messaging.envelope import Envelope


def exercise_every_flow(world) -> None:
    household = world.household["id"]
    world.web.client.post("/registry/api/v1/auth/code", json={"phone": "+39 333 1111111"})
    world.post(f"/members/{household}/status", {"status": "active", "reason": "verified"})
    world.put(f"/members/{household}/people", {"people": [{"first_name": "Ada", "is_minor": True}]})
    world.put(
        f"/members/{household}/contact",
        {"display_name": "Famiglia Rossi", "language": "en", "email": "r@example.org"},
    )
    world.put(
        f"/members/{world.shop['id']}/shop-profile", {"shop_type": "shop", "accepts_time": False}
    )
    card = world.post(f"/members/{household}/cards").json
    world.post(f"/cards/{card['id']}/replace", {"reason": "lost"})
    device = world.post(f"/members/{world.shop['id']}/devices", {"label": "Cassa"}).json
    world.post(f"/devices/{device['device_id']}/revoke")
    contract = world.post(
        f"/members/{household}/contracts",
        {
            "educator_id": world.educator["id"],
            "hours_per_month": 10,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    ).json
    world.post(f"/contracts/{contract['id']}/renew", {"ends_on": "2027-12-31"})
    world.post(f"/contracts/{contract['id']}/end", {"ended_on": "2027-01-31", "reason": "done"})
    duplicate = world.enrol(world.collegno, display_name="Doppio")
    world.post(f"/members/{household}/merge", {"duplicate_id": duplicate["id"]})
    world.delete(f"/members/{world.other_household['id']}")


def test_every_published_event_matches_its_contract_exactly(world):
    exercise_every_flow(world)
    table = world.registry.outbox
    with world.registry.database.session() as session:
        payloads = session.scalars(select(table.c.payload).order_by(table.c.position)).all()

    contracts: dict[str, EventContract] = {c.type: c for c in PUBLISHED.values()}
    seen = set()
    for payload in payloads:
        envelope = Envelope.from_json(payload)
        assert set(json.loads(payload)) == {
            "id",
            "type",
            "version",
            "occurred_at",
            "producer",
            "correlation_id",
            "causation_id",
            "data",
        }
        contract = contracts[envelope.type]
        assert envelope.producer == "registry" and envelope.version == contract.version
        assert contract.schema(unknown=RAISE).validate(envelope.data) == {}, envelope.type
        seen.add(envelope.type)
    assert seen == set(contracts), f"not exercised: {set(contracts) - seen}"
