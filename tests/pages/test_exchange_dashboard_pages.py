"""The operator's credits dashboard: allocations, the batch, grants, PINs, hours, settlement,
impact charts, and who may use it."""

from __future__ import annotations

import html
import re

import pytest

from services.exchange.domain.calendar import local_day
from services.exchange.domain.model import LedgerMember
from services.exchange.web.dashboard_forms import InvalidForm, cents_from_euros
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from shared.formatting import format_month
from tests.support.pages import browse_as, submit, token_of
from tests.support.pages import text_of as tagless_text
from tests.support.system import eventually
from tests.support.town import PIN, known_to_exchange

DASHBOARD = "/exchange/dashboard"


def text_of(page) -> str:
    return html.unescape(tagless_text(page))


def as_operator(town, query: str = ""):
    """The dashboard, on the town operator's browser."""
    browse_as(town.running.client, token_of(town.operator))
    return town.running.client.get(DASHBOARD + query)


def key_of_form(page, marker: str) -> str:
    """The idempotency key in the form that follows ``marker`` on the page."""
    rest = page.get_data(as_text=True).split(marker, 1)[1]
    return re.search(r'name="idempotency_key" value="([^"]+)"', rest).group(1)


def allocate(town, amount: str, key: str | None = None):
    page = as_operator(town)
    form = {
        "network": town.network["id"],
        "member_id": town.household["id"],
        "amount": amount,
        "idempotency_key": key or key_of_form(page, f'data-member-id="{town.household["id"]}"'),
    }
    return submit(town.running.client, f"{DASHBOARD}/allocations", form)


def grant(town, amount: str, memo: str = "Comune", key: str | None = None):
    page = as_operator(town)
    form = {
        "network": town.network["id"],
        "amount": amount,
        "memo": memo,
        "idempotency_key": key or key_of_form(page, 'id="pool-title"'),
    }
    return submit(town.running.client, f"{DASHBOARD}/grants", form)


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("25", 2500), ("25,00", 2500), ("25.00", 2500), ("25,5", 2550), ("1.234,50", 123450)],
)
def test_amounts_are_typed_in_euros_as_people_write_them(typed, cents):
    assert cents_from_euros(typed) == cents


@pytest.mark.parametrize("typed", ["", "0", "25.000", "-5", "abc", "25,123", "200000"])
def test_what_is_not_an_amount_is_refused(typed):
    with pytest.raises(InvalidForm):
        cents_from_euros(typed)


def test_the_operator_allocates_to_a_household_once_even_if_the_form_is_posted_twice(town):
    town.grant(10_000)
    page = as_operator(town)
    assert page.status_code == 200
    assert "Famiglie attive" in text_of(page)
    key = key_of_form(page, f'data-member-id="{town.household["id"]}"')

    first = allocate(town, "25,00", key=key)
    again = allocate(town, "25,00", key=key)

    assert first.status_code == again.status_code == 200
    assert "Assegnati € 25,00" in text_of(first) and "ora ha € 25,00" in text_of(again)
    assert town.balance()["FOOD"] == 2_500
    assert "€ 75,00" in text_of(again)  # the pool, on the page


def test_a_refused_allocation_says_why_and_moves_nothing(town):
    nothing_in_the_pool = allocate(town, "25")
    assert nothing_in_the_pool.status_code == 409
    assert "Il fondo non basta" in text_of(nothing_in_the_pool)
    not_an_amount = allocate(town, "venti")
    assert not_an_amount.status_code == 422
    assert "Scrivi un importo in euro" in text_of(not_an_amount)
    assert town.balance()["FOOD"] == 0


def test_the_batch_gives_each_household_its_entitlement_and_says_who_was_left_out(town):
    town.grant(10_000)
    as_operator(town)
    form = {"network": town.network["id"]}
    first = submit(town.running.client, f"{DASHBOARD}/entitlements", form)
    assert first.status_code == 200
    assert "1 famiglie hanno ricevuto la quota, 0 escluse" in text_of(first)
    assert town.balance()["FOOD"] == 3_000

    second = text_of(submit(town.running.client, f"{DASHBOARD}/entitlements", form))
    assert "ha già avuto la quota di questo ciclo" in second
    assert town.household["id"][:8] in second
    assert town.balance()["FOOD"] == 3_000


def test_the_operator_grants_into_the_pool_once_per_form(town):
    page = as_operator(town)
    key = key_of_form(page, 'id="pool-title"')
    first = grant(town, "1.234,50", "Comune di Collegno", key=key)
    again = grant(town, "1.234,50", "Comune di Collegno", key=key)
    assert "Versati € 1.234,50 nel fondo, che ora ha € 1.234,50" in text_of(first)
    assert "che ora ha € 1.234,50" in text_of(again)
    assert 'id="pool-balance">€ 1.234,50<' in as_operator(town).get_data(as_text=True)
    assert grant(town, "10", memo="").status_code == 422


def test_a_pin_set_at_the_office_is_the_one_the_till_accepts(town):
    as_operator(town)
    client, new_pin = town.running.client, "8642"
    form = {"network": town.network["id"], "card_number": town.card_number}
    differ = submit(client, f"{DASHBOARD}/pins", {**form, "pin": new_pin, "pin_again": "8643"})
    assert differ.status_code == 422 and "I due PIN non sono uguali" in text_of(differ)
    easy = submit(client, f"{DASHBOARD}/pins", {**form, "pin": "1111", "pin_again": "1111"})
    assert "non facile da indovinare" in text_of(easy)

    done = submit(client, f"{DASHBOARD}/pins", {**form, "pin": new_pin, "pin_again": new_pin})
    assert f"finisce con {town.card_number[-4:]}" in text_of(done)
    town.grant(5_000)
    town.allocate(2_000)
    assert town.redeem(500, pin=PIN).status_code == 401
    assert town.redeem(500, pin=new_pin).status_code == 201


def test_the_operator_confirms_an_hour_entry_from_the_dashboard(town):
    running = town.running
    organisation = running.register_member(
        running.admin_headers(), town.network["id"], kind="organisation", display_name="Orto"
    )
    eventually(lambda: known_to_exchange(town.exchange, LedgerMember, organisation["id"]))
    as_household = town.token(
        Principal(town.household["id"], Role.CITIZEN, town.network["id"], town.household["id"])
    )
    body = {
        "member_id": town.household["id"],
        "organisation_id": organisation["id"],
        "minutes": 150,
        "activity": "orto condiviso",
        "activity_date": str(local_day()),
    }
    entry = town.call("post", "/time-entries", as_household, body).json

    page = as_operator(town)
    assert "orto condiviso" in text_of(page)
    confirmed = submit(running.client, f"{DASHBOARD}/time-entries/{entry['id']}/confirm", {})
    assert "Confermate 2 ore e 30 minuti" in text_of(confirmed)
    assert "Nessuna ora in attesa" in text_of(confirmed)
    assert town.balance()["TIME"] == 150
    twice = submit(running.client, f"{DASHBOARD}/time-entries/{entry['id']}/confirm", {})
    assert twice.status_code == 409 and "già state decise" in text_of(twice)


def a_redemption_today(town, cents: int) -> dict:
    """A household given credit spends ``cents`` at the shop; the settlement period of today."""
    town.grant(10_000)
    town.allocate(3_000)
    assert town.redeem(cents).status_code == 201
    today = str(local_day())
    return {"network": town.network["id"], "period_start": today, "period_end": today}


def test_the_settlement_shows_a_shops_position_after_a_redemption_and_downloads_as_csv(town):
    period = a_redemption_today(town, 1_200)
    as_operator(town)
    client = town.running.client

    page = client.get(f"{DASHBOARD}/settlement", query_string=period)
    assert page.status_code == 200
    row = re.search(
        rf'data-shop-id="{town.shop["id"]}">(.*?)</tr>', page.get_data(as_text=True), re.S
    )
    assert "€ 12,00" in row.group(1)
    csv_link = html.unescape(re.search(r'id="settlement-csv" href="([^"]+)"', page.text).group(1))
    spreadsheet = client.get(csv_link)
    api = town.call(
        "get",
        f"/networks/{town.network['id']}/settlement",
        town.operator,
        query_string={**period, "format": "csv"},
    )
    assert spreadsheet.mimetype == "text/csv"
    assert spreadsheet.get_data(as_text=True) == api.get_data(as_text=True)
    assert f"{town.shop['id']},1200,0,1200" in spreadsheet.get_data(as_text=True)

    recorded = submit(client, f"{DASHBOARD}/settlement", period)
    assert "Liquidazione registrata" in text_of(recorded)
    assert "Questo periodo è già liquidato" in text_of(recorded)
    again = submit(client, f"{DASHBOARD}/settlement", period)
    assert again.status_code == 409
    assert "si sovrappone a uno già liquidato" in text_of(again)


def test_a_shops_or_households_code_opens_its_record_with_its_name_in_the_registry(town):
    period = a_redemption_today(town, 500)
    client = town.running.client

    def record_behind(page, row_attribute: str, member_id: str):
        """The page its code links to, in the row of ``member_id``."""
        row = page.get_data(as_text=True).split(f'{row_attribute}="{member_id}"', 1)[1]
        link = re.search(r'<a class="id" href="([^"]+)"', row).group(1)
        assert link == f"/registry/dashboard/members/{member_id}"
        return client.get(link)

    credits = as_operator(town)
    household = record_behind(credits, "data-member-id", town.household["id"])
    settlement = client.get(f"{DASHBOARD}/settlement", query_string=period)
    shop = record_behind(settlement, "data-shop-id", town.shop["id"])

    assert household.status_code == shop.status_code == 200
    assert "Famiglia Rossi" in text_of(household)
    assert "Bottega" in text_of(shop)


def test_the_impact_page_draws_the_months_redeemed_euros_as_a_chart(town):
    town.grant(10_000)
    town.allocate(3_000)
    town.redeem(1_200)
    as_operator(town)
    page = town.running.client.get(f"{DASHBOARD}/impact")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert body.count("<svg viewBox") == 4  # euros, hours, households, kg
    this_month = format_month(local_day().year, local_day().month, "it")
    assert f"<title>{this_month} · Riscattati nei negozi: € 12,00</title>" in body
    assert 'aria-labelledby="chart-euros-title chart-euros-desc"' in body
    assert f"Riscattati nei negozi: il mese più alto è {this_month}, con € 12,00." in body
    assert f'<th scope="row">{this_month}</th>' in body  # the table under <details>


def test_the_dashboard_is_in_italian_and_in_english_on_asking(town):
    assert "Crediti della rete" in text_of(as_operator(town))
    english = text_of(as_operator(town, "?lang=en"))
    assert "The network's credits" in english and "Active households" in english


def test_only_the_networks_operators_and_administrators_use_the_dashboard(town):
    client, network_id = town.running.client, town.network["id"]
    browse_as(client, None)
    assert client.get(DASHBOARD).status_code == 302

    citizen = Principal(town.household["id"], Role.CITIZEN, network_id, town.household["id"])
    browse_as(client, token_of(town.token(citizen)))
    assert client.get(DASHBOARD).status_code == 403
    assert submit(client, f"{DASHBOARD}/allocations", {"network": network_id}).status_code == 403

    stranger = Principal(new_id(), Role.OPERATOR, network_id=new_id())
    browse_as(client, token_of(town.token(stranger)))
    assert client.get(f"{DASHBOARD}?network={network_id}").status_code == 403
    assert client.get(f"{DASHBOARD}/settlement?network={network_id}").status_code == 403
    town.grant(10_000)
    own_network = client.get(DASHBOARD)
    assert town.household["id"] not in own_network.get_data(as_text=True)
    reaching_over = {
        "member_id": town.household["id"],
        "amount": "25",
        "idempotency_key": "a-key-of-my-own-0001",
    }
    in_their_network = {**reaching_over, "network": network_id}
    assert submit(client, f"{DASHBOARD}/allocations", in_their_network).status_code == 403
    from_my_own = submit(client, f"{DASHBOARD}/allocations", reaching_over)
    assert from_my_own.status_code == 404 and "Non c'è in questa rete" in text_of(from_my_own)
    assert town.balance()["FOOD"] == 0

    browse_as(client, token_of(town.token(Principal(new_id(), Role.ADMIN))))
    assert town.household["id"] in client.get(f"{DASHBOARD}?network={network_id}").text
