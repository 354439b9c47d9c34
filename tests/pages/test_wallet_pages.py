"""The citizen's wallet: balances, movements, hours against the contract, and the card."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.exchange.domain.calendar import local_day
from services.exchange.domain.directory import Contract
from services.exchange.domain.model import LedgerMember
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from tests.support.pages import browse_as, token_of
from tests.support.pages import text_of as tagless_text
from tests.support.system import eventually
from tests.support.town import known_to_exchange


def text_of(page) -> str:
    """The page's words as a person reads them (entities such as &#39; decoded)."""
    return html.unescape(tagless_text(page))


def as_household(town) -> dict:
    network_id, household_id = town.network["id"], town.household["id"]
    return town.token(Principal(household_id, Role.CITIZEN, network_id, household_id))


def open_wallet(town, *query):
    client = town.running.client
    browse_as(client, token_of(as_household(town)))
    return client.get("/exchange/wallet" + "".join(query))


def a_month_of_reciprocity(town, hours_per_month=12, minutes_given=150):
    """A contract of ``hours_per_month`` and ``minutes_given`` confirmed this month."""
    running, admin, network_id = town.running, town.running.admin_headers(), town.network["id"]
    educator = running.register_member(admin, network_id, kind="educator", display_name="Edu")
    organisation = running.register_member(
        admin, network_id, kind="organisation", display_name="Casa del Quartiere"
    )
    today = local_day()
    signed = running.client.post(
        f"/registry/api/v1/members/{town.household['id']}/contracts",
        json={
            "educator_id": educator["id"],
            "hours_per_month": hours_per_month,
            "starts_on": str(today.replace(day=1)),
            "ends_on": str(today + timedelta(days=365)),
        },
        headers=admin,
    )
    assert signed.status_code == 201, signed.json
    eventually(lambda: known_to_exchange(town.exchange, Contract, signed.json["id"]), timeout=15)
    eventually(
        lambda: known_to_exchange(town.exchange, LedgerMember, organisation["id"]), timeout=15
    )
    entry = town.call(
        "post",
        "/time-entries",
        as_household(town),
        {
            "member_id": town.household["id"],
            "organisation_id": organisation["id"],
            "minutes": minutes_given,
            "activity": "orto condiviso",
            "activity_date": str(today),
        },
    )
    assert entry.status_code == 201, entry.json
    as_organisation = town.token(
        Principal(organisation["id"], Role.ORGANISATION, network_id, organisation["id"])
    )
    confirmed = town.call("post", f"/time-entries/{entry.json['id']}/confirm", as_organisation)
    assert confirmed.status_code == 200, confirmed.json


def test_the_wallet_shows_the_balances_and_the_latest_movements(town):
    town.grant(10_000)
    town.allocate(2_500)
    assert town.redeem(1_200).status_code == 201

    page = open_wallet(town)

    assert page.status_code == 200
    text = text_of(page)
    assert "€ 13,00 Crediti spesa" in text
    assert "0 minuti Crediti tempo" in text
    today = local_day().strftime("%d/%m/%Y")
    assert f"{today} Spesa -€ 12,00" in text
    assert f"{today} Crediti ricevuti +€ 25,00" in text
    assert text.index("Spesa -€ 12,00") < text.index("Crediti ricevuti"), "newest first"
    assert page.headers["Cache-Control"] == "no-store"


def test_the_wallet_lists_only_the_last_ten_movements(town):
    town.grant(10_000)
    for _ in range(12):
        town.allocate(100)
    text = text_of(open_wallet(town))
    assert text.count("Crediti ricevuti +€ 1,00") == 10
    assert "€ 12,00 Crediti spesa" in text


def test_the_wallet_shows_the_hours_given_against_the_contract(town):
    a_month_of_reciprocity(town, hours_per_month=12, minutes_given=150)
    page = open_wallet(town)
    text = text_of(page)
    assert "Hai dato 2 ore e 30 minuti su 12 ore del patto." in text
    assert '<progress value="150" max="720">' in page.get_data(as_text=True)
    assert "2 ore e 30 minuti Crediti tempo" in text
    assert "+2 ore e 30 minuti" in text


def test_without_a_contract_the_wallet_says_so(town):
    assert "Non c'è un patto per questo mese." in text_of(open_wallet(town))


def test_the_wallet_shows_the_card_and_its_qr_code_to_show_at_the_till(town):
    page = open_wallet(town)
    html = page.get_data(as_text=True)
    number = town.card_number
    grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    assert grouped in text_of(page)
    assert '<svg viewBox="0 0 ' in html and 'class="qr"' in html
    assert f"<title>{grouped}</title>" in html
    assert 'href="/notifications/inbox"' in html
    assert 'href="/notifications/preferences"' in html
    assert "<script" not in html, "the wallet needs no JavaScript"


def test_the_wallet_speaks_english_when_asked(town):
    town.grant(10_000)
    town.allocate(2_500)
    town.redeem(1_200)
    text = text_of(open_wallet(town, "?lang=en"))
    assert "Your wallet" in text
    assert "€13.00 Food credits" in text
    assert "Shopping -€12.00" in text
    assert "Messages" in text and "Preferences" in text


def test_anonymous_visitors_are_sent_to_log_in(town):
    client = town.running.client
    browse_as(client, None)
    page = client.get("/exchange/wallet")
    assert page.status_code == 302
    assert page.headers["Location"] == "/registry/login?next=/exchange/wallet"


@pytest.mark.parametrize("who", ["operator", "till", "shop"])
def test_the_wallet_is_only_for_citizens(town, who):
    tokens = {
        "operator": town.operator,
        "till": town.till,
        "shop": town.token(
            Principal(town.shop["id"], Role.SHOP, town.network["id"], town.shop["id"])
        ),
    }
    client = town.running.client
    browse_as(client, token_of(tokens[who]))
    assert client.get("/exchange/wallet").status_code == 403


def test_a_citizen_sees_only_their_own_household(town):
    stranger = new_id()
    client = town.running.client
    token = town.token(Principal(stranger, Role.CITIZEN, town.network["id"], stranger))
    browse_as(client, token_of(token))
    assert client.get("/exchange/wallet").status_code == 404


def test_a_blocked_card_is_not_shown(town):
    response = town.running.client.get(
        f"/registry/api/v1/members/{town.household['id']}/cards",
        headers=town.running.admin_headers(),
    )
    [card] = response.json
    blocked = town.running.client.post(
        f"/registry/api/v1/cards/{card['id']}/block",
        json={"reason": "lost"},
        headers=town.running.admin_headers(),
    )
    assert blocked.status_code == 200, blocked.json
    eventually(lambda: _card_status(town) == "blocked", timeout=15)
    assert "Non hai ancora una tessera" in text_of(open_wallet(town))


def _card_status(town) -> str:
    from services.exchange.adapters import orm

    with town.exchange.database.session() as session:
        return session.scalar(
            select(orm.cards.c.status).where(orm.cards.c.card_number == town.card_number)
        )
