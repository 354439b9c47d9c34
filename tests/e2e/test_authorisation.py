"""Who may call the slice's endpoints, and who may not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from services.registry.domain.logins import Login
from shared.auth.keys import token_signer_provider
from shared.auth.passwords import hash_password
from shared.auth.principal import Principal, Role
from shared.correlation import new_id


def token_for(settings, principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_signer_provider(settings)().issue(principal)}"}


@pytest.fixture
def two_networks(web):
    admin = web.admin_headers()
    collegno = web.create_network(admin, "Collegno")
    rivoli = web.create_network(admin, "Rivoli")
    household = web.register_member(admin, rivoli["id"])
    return admin, collegno, rivoli, household


def operator_of(settings, network) -> dict[str, str]:
    return token_for(
        settings, Principal(subject=new_id(), role=Role.OPERATOR, network_id=network["id"])
    )


def test_no_token_means_401_before_the_body_is_even_read(web):
    for method, path in [
        ("post", "/registry/api/v1/networks"),
        ("get", "/registry/api/v1/networks"),
        ("post", "/registry/api/v1/members"),
        ("get", f"/registry/api/v1/members/{new_id()}"),
        ("get", f"/exchange/api/v1/members/{new_id()}/balances"),
        ("get", f"/notifications/api/v1/members/{new_id()}/inbox"),
    ]:
        response = getattr(web.client, method)(path, json={"unexpected": True})
        assert response.status_code == 401, (path, response.json)
        assert response.json["error"]["code"] == "unauthenticated"
        assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "authorization", ["Bearer", "Bearer not-a-jwt", "Basic YWRtaW46YWRtaW4=", "bearer a.b.c"]
)
def test_a_malformed_token_is_refused(web, authorization):
    response = web.client.get("/registry/api/v1/networks", headers={"Authorization": authorization})
    assert response.status_code == 401


def test_only_an_administrator_creates_networks(web, settings, two_networks):
    _, collegno, _, _ = two_networks
    response = web.client.post(
        "/registry/api/v1/networks",
        json={"name": "Venaria Reale", "town": "Venaria Reale"},
        headers=operator_of(settings, collegno),
    )
    assert response.status_code == 403


def test_an_operator_cannot_register_members_in_another_network(web, settings, two_networks):
    _, collegno, rivoli, _ = two_networks
    response = web.client.post(
        "/registry/api/v1/members",
        json={"kind": "household", "network_id": rivoli["id"], "display_name": "Intruso"},
        headers=operator_of(settings, collegno),
    )
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_an_operator_registers_members_in_their_own_network(web, settings, two_networks):
    _, collegno, _, _ = two_networks
    response = web.client.post(
        "/registry/api/v1/members",
        json={"kind": "shop", "network_id": collegno["id"], "display_name": "Panetteria"},
        headers=operator_of(settings, collegno),
    )
    assert response.status_code == 201
    assert response.json["status"] == "active"


def test_an_operator_cannot_see_another_network_or_its_members(web, settings, two_networks):
    _, collegno, rivoli, household = two_networks
    outsider = operator_of(settings, collegno)
    for path in [
        f"/registry/api/v1/networks/{rivoli['id']}",
        f"/registry/api/v1/members/{household['id']}",
    ]:
        response = web.client.get(path, headers=outsider)
        assert response.status_code == 404, path
    listed = web.client.get("/registry/api/v1/networks", headers=outsider).json
    assert [network["name"] for network in listed] == ["Collegno"]


def test_a_citizen_sees_only_their_own_member_record(web, settings, two_networks):
    admin, _, rivoli, household = two_networks
    neighbour = web.register_member(admin, rivoli["id"])
    as_household = token_for(
        settings,
        Principal(
            subject=household["id"],
            role=Role.CITIZEN,
            network_id=rivoli["id"],
            member_id=household["id"],
        ),
    )
    own = web.client.get(f"/registry/api/v1/members/{household['id']}", headers=as_household)
    other = web.client.get(f"/registry/api/v1/members/{neighbour['id']}", headers=as_household)
    assert own.status_code == 200
    assert other.status_code == 404


def test_the_balances_and_inbox_of_another_network_are_not_found(running, settings, two_networks):
    _, collegno, _, household = two_networks
    outsider = operator_of(settings, collegno)
    admin = running.admin_headers()
    from tests.support.system import eventually

    eventually(lambda: running.balances(admin, household["id"]).status_code == 200)
    eventually(lambda: running.inbox(admin, household["id"]).status_code == 200)
    assert running.balances(outsider, household["id"]).status_code == 404
    assert running.inbox(outsider, household["id"]).status_code == 404


def test_wrong_passwords_slow_down_then_lock_the_login(web, services):
    registry = services["registry"]
    with registry.database.session() as session:
        session.add(
            Login(
                id=new_id(),
                email="operatore@collegno.example",
                password_hash=hash_password("la-password-giusta"),
                role=Role.OPERATOR,
            )
        )
        session.commit()

    def attempt(password: str):
        return web.client.post(
            "/registry/api/v1/auth/token",
            json={"email": "operatore@collegno.example", "password": password},
        )

    def skip_the_wait() -> None:
        with registry.database.session() as session:
            session.execute(update(Login).values(locked_until=datetime.now(UTC)))
            session.commit()

    assert [attempt("sbagliata").status_code for _ in range(3)] == [401] * 3
    slowed = attempt("la-password-giusta")
    assert slowed.status_code == 429
    assert slowed.json["error"]["details"]["retry_after_seconds"] > 0
    skip_the_wait()
    assert attempt("sbagliata").status_code == 401
    skip_the_wait()
    assert attempt("sbagliata").status_code == 401  # the fifth failure locks
    locked = attempt("la-password-giusta")
    assert locked.status_code == 423
    assert locked.json["error"]["code"] == "login_locked"


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(web):
    unknown = web.client.post(
        "/registry/api/v1/auth/token", json={"email": "nobody@example.org", "password": "x"}
    )
    wrong = web.client.post(
        "/registry/api/v1/auth/token",
        json={"email": "admin@test.fabene.example", "password": "wrong"},
    )
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json == wrong.json
