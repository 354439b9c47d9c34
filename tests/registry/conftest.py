"""A small programme to test the registry against: two towns and their people."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from shared.auth.keys import token_signer_provider
from shared.auth.principal import Principal, Role
from shared.correlation import new_id


@dataclass
class Actor:
    """Someone calling the API, with the headers that say who they are."""

    name: str
    headers: dict[str, str]
    member_id: str | None = None


@dataclass
class World:
    web: object
    settings: object
    registry: object
    collegno: dict = field(default_factory=dict)
    rivoli: dict = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    household: dict = field(default_factory=dict)
    other_household: dict = field(default_factory=dict)
    shop: dict = field(default_factory=dict)
    educator: dict = field(default_factory=dict)

    def as_(self, name: str) -> dict[str, str]:
        return self.actors[name].headers

    def token(self, principal: Principal) -> dict[str, str]:
        signer = token_signer_provider(self.settings)()
        return {"Authorization": f"Bearer {signer.issue(principal)}"}

    def post(self, path: str, body=None, actor: str = "admin", **kwargs):
        return self.web.client.post(
            f"/registry/api/v1{path}", json=body, headers=self.as_(actor), **kwargs
        )

    def put(self, path: str, body=None, actor: str = "admin"):
        return self.web.client.put(f"/registry/api/v1{path}", json=body, headers=self.as_(actor))

    def get(self, path: str, actor: str = "admin", **kwargs):
        return self.web.client.get(f"/registry/api/v1{path}", headers=self.as_(actor), **kwargs)

    def delete(self, path: str, actor: str = "admin"):
        return self.web.client.delete(f"/registry/api/v1{path}", headers=self.as_(actor))

    def enrol(self, network: dict, actor: str = "admin", **fields) -> dict:
        body = {"kind": "household", "display_name": f"Famiglia {new_id()[:6]}", **fields}
        response = self.post("/members", {"network_id": network["id"], **body}, actor)
        assert response.status_code == 201, response.json
        return response.json

    def published(self, event_type: str | None = None) -> list[dict]:
        """The data of every event the registry wrote to its outbox, oldest first."""
        table = self.registry.outbox
        query = select(table.c.payload).order_by(table.c.position)
        with self.registry.database.session() as session:
            envelopes = [json.loads(payload) for payload in session.scalars(query)]
        return [
            envelope["data"]
            for envelope in envelopes
            if event_type is None or envelope["type"] == event_type
        ]


@pytest.fixture
def world(web, settings, services) -> World:
    world = World(web=web, settings=settings, registry=services["registry"])
    world.actors["admin"] = Actor("admin", web.admin_headers())
    world.collegno = web.create_network(world.as_("admin"), "Collegno")
    world.rivoli = web.create_network(world.as_("admin"), "Rivoli")
    for town in ("collegno", "rivoli"):
        network = getattr(world, town)
        world.actors[f"operator_{town}"] = Actor(
            f"operator_{town}",
            world.token(Principal(new_id(), Role.OPERATOR, network_id=network["id"])),
        )
    world.educator = world.enrol(world.collegno, kind="educator", display_name="Educatrice Anna")
    world.household = world.enrol(
        world.collegno,
        display_name="Famiglia Rossi",
        phone="+39 333 1111111",
        educator_id=world.educator["id"],
        people=[
            {"first_name": "Maria", "is_minor": False},
            {"first_name": "Luca", "is_minor": True},
        ],
    )
    world.other_household = world.enrol(world.collegno, display_name="Famiglia Bianchi")
    world.shop = world.enrol(world.collegno, kind="shop", display_name="Frutta da Gianni")
    principals = {
        "educator": (world.educator, Role.EDUCATOR),
        "household": (world.household, Role.CITIZEN),
        "other_household": (world.other_household, Role.CITIZEN),
        "shop": (world.shop, Role.SHOP),
    }
    for name, (member, role) in principals.items():
        principal = Principal(member["id"], role, member["network_id"], member["id"])
        world.actors[name] = Actor(name, world.token(principal), member["id"])
    world.actors["anonymous"] = Actor("anonymous", {})
    return world
