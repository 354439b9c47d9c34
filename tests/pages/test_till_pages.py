"""The shop's till as pages: pay with card and PIN, receipts, refusals, takings, spesa sospesa."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from services.exchange.adapters import orm
from services.exchange.domain.ledger import AccountKind
from services.exchange.web.till_forms import cents_from_euros
from shared.auth.principal import Principal, Role
from tests.support.pages import browse_as, submit, token_of
from tests.support.pages import text_of as tagless_text
from tests.support.town import PIN

KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def text_of(page) -> str:
    """The page's words as a person reads them (entities such as &#39; decoded)."""
    return html.unescape(tagless_text(page))


def at_the_till(town, *query):
    """The till's page on this town's paired device."""
    client = town.running.client
    browse_as(client, token_of(town.till))
    return client.get("/exchange/till" + "".join(query))


def keys_of(page) -> tuple[str, str]:
    """The keys of the page's payment form and spesa sospesa form."""
    redeem_key, donate_key = KEY.findall(page.get_data(as_text=True))
    return redeem_key, donate_key


def pay(town, amount: str, pin: str = PIN, key: str | None = None, card: str | None = None):
    key = key or keys_of(at_the_till(town))[0]
    form = {
        "card_number": card or town.card_number,
        "amount": amount,
        "pin": pin,
        "idempotency_key": key,
    }
    return submit(town.running.client, "/exchange/till/redeem", form)


def field_value(page, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page.get_data(as_text=True))
    return match.group(1) if match else ""


def household_transactions(town) -> int:
    path = f"/members/{town.household['id']}/transactions"
    return town.call("get", path, town.operator).json["total"]


def with_credit(town, cents: int = 2_500):
    town.grant(10_000)
    assert town.allocate(cents).status_code == 201


def test_the_till_pays_with_card_and_pin_and_gives_a_receipt(town):
    with_credit(town)
    page = pay(town, "12,00")
    assert page.status_code == 201
    text = text_of(page)
    assert "Pagato: € 12,00" in text
    assert "Credito rimasto € 13,00" in text
    assert f"Tessera •••• {town.card_number[-4:]}" in text
    assert re.search(r"Quando \d\d/\d\d/\d{4} \d\d:\d\d", text)
    assert town.balance()["FOOD"] == 1_300
    assert page.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("typed", "cents"), [("12", 1200), ("12,50", 1250), ("12.50", 1250)])
def test_the_amount_is_typed_in_euros(town, typed, cents):
    with_credit(town, 5_000)
    assert pay(town, typed).status_code == 201
    assert town.balance()["FOOD"] == 5_000 - cents


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("7", 700), ("7,5", 750), ("€ 7,05", 705), ("0,99", 99), ("", None), ("7,505", None)],
)
def test_amounts_as_people_type_them(typed, cents):
    assert cents_from_euros(typed) == cents


def test_a_wrong_pin_says_how_many_attempts_are_left_and_keeps_the_form(town):
    with_credit(town)
    first_key = keys_of(at_the_till(town))[0]
    page = pay(town, "12,50", pin="1357", key=first_key)
    assert page.status_code == 401
    assert "PIN sbagliato. Tentativi rimasti: 4." in text_of(page)
    assert field_value(page, "card_number") == town.card_number
    assert field_value(page, "amount") == "12,50"
    assert "1357" not in page.get_data(as_text=True), "the PIN is never shown again"
    new_key = keys_of(page)[0]
    assert new_key != first_key, "a refused payment is retried with a new key"
    assert pay(town, "12,50", key=new_key).status_code == 201
    assert town.balance()["FOOD"] == 1_250


def test_not_enough_credit_is_refused_with_the_balance(town):
    with_credit(town, 500)
    page = pay(town, "6")
    assert page.status_code == 409
    assert "Credito insufficiente: sulla tessera restano € 5,00." in text_of(page)
    assert town.balance()["FOOD"] == 500


def test_the_same_form_posted_twice_pays_once_with_the_same_receipt(town):
    with_credit(town)
    key = keys_of(at_the_till(town))[0]
    first, again = pay(town, "3", key=key), pay(town, "3", key=key)
    assert first.status_code == again.status_code == 201
    receipt = re.compile(r'id="receipt" data-transaction-id="([^"]+)"')
    [paid] = receipt.findall(first.get_data(as_text=True))
    assert receipt.findall(again.get_data(as_text=True)) == [paid]
    assert "Credito rimasto € 22,00" in text_of(again)
    assert town.balance()["FOOD"] == 2_200
    assert household_transactions(town) == 2, "the allocation and one redemption"
    assert keys_of(first)[0] != key, "after a receipt, a fresh form for the next payment"


def test_a_refusal_posted_again_with_its_key_is_the_same_refusal(town):
    with_credit(town, 500)
    key = keys_of(at_the_till(town))[0]
    assert pay(town, "6", key=key).status_code == 409
    town.allocate(1_000)
    assert pay(town, "6", key=key).status_code == 409, "the key's answer, not a new payment"
    assert pay(town, "6").status_code == 201


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"card_number": "12"}, "Controlla il numero della tessera"),
        ({"amount": "dodici"}, "Scrivi l'importo in euro"),
        ({"amount": "0"}, "Scrivi l'importo in euro"),
        ({"pin": "12"}, "Il PIN è di 4, 5 o 6 cifre"),
        ({"idempotency_key": ""}, "Il modulo è scaduto"),
    ],
)
def test_a_form_filled_in_wrong_says_what_to_correct(town, form, says):
    with_credit(town)
    filled = {
        "card_number": town.card_number,
        "amount": "5",
        "pin": PIN,
        "idempotency_key": keys_of(at_the_till(town))[0],
        **form,
    }
    page = submit(town.running.client, "/exchange/till/redeem", filled)
    assert page.status_code == 422
    assert says in text_of(page)
    assert town.balance()["FOOD"] == 2_500


def test_an_unknown_card_and_a_limit_are_named(town):
    with_credit(town, 5_000)
    unknown = pay(town, "5", card="9999 0000 1111")
    assert unknown.status_code == 404
    assert "Tessera sconosciuta: controlla il numero." in text_of(unknown)
    rules = town.call(
        "put",
        f"/networks/{town.network['id']}/rules",
        town.operator,
        {"per_redemption_limit_cents": 2_000},
    )
    assert rules.status_code == 200, rules.json
    over = pay(town, "25")
    assert over.status_code == 409
    assert "Oltre il limite per un pagamento: al massimo € 20,00." in text_of(over)


def test_a_locked_card_is_refused_at_the_till(town):
    with_credit(town)
    for _ in range(5):
        pay(town, "1", pin="1357")
    page = pay(town, "1")
    assert page.status_code == 423
    assert "Tessera bloccata dopo troppi PIN sbagliati" in text_of(page)


def test_the_takings_show_todays_redemption_and_spesa_sospesa(town):
    with_credit(town)
    pay(town, "12")
    donate_key = keys_of(at_the_till(town))[1]
    submit(
        town.running.client,
        "/exchange/till/donate",
        {"amount": "20", "idempotency_key": donate_key},
    )

    takings = town.running.client.get("/exchange/till/takings")
    assert takings.status_code == 200
    text = text_of(takings)
    assert "€ 12,00 Pagato con i crediti" in text
    assert "€ 20,00 Spese sospese" in text
    assert "Pagamento con crediti € 12,00" in text
    assert "Spesa sospesa € 20,00" in text
    assert "€ 12,00 Pagato con i crediti" in text_of(at_the_till(town))


def test_a_spesa_sospesa_fills_the_networks_pool_once(town):
    before = pool_balance(town)
    donate_key = keys_of(at_the_till(town))[1]
    form = {"amount": "15,50", "idempotency_key": donate_key}
    first = submit(town.running.client, "/exchange/till/donate", form)
    again = submit(town.running.client, "/exchange/till/donate", form)
    assert first.status_code == again.status_code == 201
    assert "Spesa sospesa registrata: € 15,50" in text_of(first)
    assert pool_balance(town) == before + 1_550


def test_without_a_device_the_till_explains_how_to_pair_it(town):
    client = town.running.client
    browse_as(client, None)
    page = client.get("/exchange/till")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'action="/registry/pair"' in html
    assert 'name="code"' in html and 'name="label"' in html and 'name="csrf_token"' in html
    assert "Collega questa cassa" in text_of(page)
    refused = submit(client, "/exchange/till/redeem", {"card_number": town.card_number})
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/till")


def test_a_person_logged_in_sees_how_to_pair_and_cannot_pay(town):
    with_credit(town)
    citizen = town.token(
        Principal(town.household["id"], Role.CITIZEN, town.network["id"], town.household["id"])
    )
    client = town.running.client
    for headers in (citizen, town.operator):
        browse_as(client, token_of(headers))
        assert "Sei entrato con un account personale" in text_of(client.get("/exchange/till"))
        form = {
            "card_number": town.card_number,
            "amount": "5",
            "pin": PIN,
            "idempotency_key": "a-key-of-someone-else",
        }
        assert submit(client, "/exchange/till/redeem", form).status_code == 403
        assert submit(client, "/exchange/till/donate", form).status_code == 403
        assert client.get("/exchange/till/takings").status_code == 403
    assert town.balance()["FOOD"] == 2_500


def test_each_till_pays_for_its_own_shop(town):
    with_credit(town)
    client = town.running.client
    browse_as(client, token_of(town.other_till))
    key = KEY.findall(client.get("/exchange/till").get_data(as_text=True))[0]
    form = {"card_number": town.card_number, "amount": "4", "pin": PIN, "idempotency_key": key}
    assert submit(client, "/exchange/till/redeem", form).status_code == 201
    assert "€ 4,00 Pagato con i crediti" in text_of(client.get("/exchange/till"))
    assert "€ 0,00 Pagato con i crediti" in text_of(at_the_till(town))


def test_the_till_speaks_english(town):
    with_credit(town, 500)
    page = at_the_till(town, "?lang=en")
    assert "Pay with the card" in text_of(page)
    assert "Wrong PIN. Attempts left: 4." in text_of(pay(town, "1", pin="1357"))
    assert "Not enough credit: the card has €5.00 left." in text_of(pay(town, "6"))
    paid = text_of(pay(town, "1.50"))
    assert "Paid: €1.50" in paid and "Credit left €3.50" in paid


def test_the_till_script_is_served_and_the_forms_work_without_it(town):
    page = at_the_till(town)
    html = page.get_data(as_text=True)
    assert 'src="/exchange/till/static/till.js"' in html
    assert 'inputmode="numeric"' in html and 'type="password"' in html
    assert 'id="scan" hidden' in html, "scanning is offered only where the browser can"
    script = town.running.client.get("/exchange/till/static/till.js")
    assert script.status_code == 200 and b"BarcodeDetector" in script.data
    script.close()


def test_the_forms_addresses_opened_by_a_link_lead_to_the_till(town):
    at_the_till(town)
    page = town.running.client.get("/exchange/till/redeem?lang=en")
    assert page.status_code == 303
    assert page.headers["Location"].endswith("/till?lang=en")


def pool_balance(town) -> int:
    accounts = orm.accounts
    with town.exchange.database.session() as session:
        return session.scalar(
            select(accounts.c.balance).where(
                accounts.c.owner_id == town.network["id"],
                accounts.c.kind == AccountKind.FOOD_POOL.value,
            )
        )
