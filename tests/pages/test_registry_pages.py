"""The operator's dashboard (members, enrolment, status, cards, tills) and pairing a till."""

from __future__ import annotations

import re

from werkzeug.test import Client, TestResponse

from services.exchange.domain.directory import Device
from services.registry.domain.cards import display_card_number
from shared.auth.principal import Principal, Role
from shared.correlation import new_id
from shared.web.pages import SESSION_COOKIE
from tests.support.pages import browse_as, submit, text_of, token_of
from tests.support.system import eventually
from tests.support.town import known_to_exchange

DASHBOARD = "/registry/dashboard"


def member_page(member_id: str) -> str:
    return f"{DASHBOARD}/members/{member_id}"


def as_operator(town) -> Client:
    browse_as(town.running.client, token_of(town.operator))
    return town.running.client


def as_operator_of_another_network(town) -> Client:
    elsewhere = town.running.create_network(town.running.admin_headers())
    principal = Principal(new_id(), Role.OPERATOR, network_id=elsewhere["id"])
    browse_as(town.running.client, token_of(town.token(principal)))
    return town.running.client


def a_new_tablet(town) -> Client:
    """A browser nobody logged in on, as a till at a market stall is before pairing."""
    tablet = Client(town.running.app, response_wrapper=TestResponse)
    browse_as(tablet, None)
    return tablet


def api(town, method: str, path: str, body=None):
    headers = town.running.admin_headers()
    return getattr(town.running.client, method)(
        f"/registry/api/v1{path}", json=body, headers=headers
    )


def enrol_pending_household(town, name="Famiglia Neri") -> dict:
    body = {"kind": "household", "network_id": town.network["id"], "display_name": name}
    response = api(town, "post", "/members", body)
    assert response.status_code == 201, response.json
    return response.json


def pairing_code_on(page: TestResponse) -> str:
    [code] = re.findall(r'class="pairing-code"[^>]*>(\d{4} \d{4})<', page.get_data(as_text=True))
    return code


def session_cookie_of(response: TestResponse) -> str:
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE)]
    return cookie


def test_the_dashboard_lists_the_networks_members_in_italian_and_in_english(town):
    client = as_operator(town)
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    words = text_of(page)
    assert "Famiglia Rossi" in words and "Nucleo familiare" in words and "Bottega" in words
    assert "Iscrivi un nucleo familiare" in words
    assert f'href="{member_page(town.household["id"])}"' in page.get_data(as_text=True)

    english = text_of(client.get(f"{DASHBOARD}?lang=en"))
    assert "Enrol a household" in english and "Household" in english


def test_the_search_finds_a_household_by_its_card_number_and_filters_by_kind(town):
    client = as_operator(town)
    by_card = text_of(client.get(DASHBOARD, query_string={"q": town.card_number[:8]}))
    assert "Famiglia Rossi" in by_card and "Bottega" not in by_card
    spaced = text_of(
        client.get(DASHBOARD, query_string={"q": display_card_number(town.card_number)})
    )
    assert "Famiglia Rossi" in spaced
    shops = text_of(client.get(DASHBOARD, query_string={"kind": "shop"}))
    assert "Bottega" in shops and "Forno" in shops and "Famiglia Rossi" not in shops
    by_name = text_of(client.get(DASHBOARD, query_string={"q": "rossi", "kind": "nonsense"}))
    assert "Famiglia Rossi" in by_name and "Forno" not in by_name


def test_an_administrator_picks_the_network_to_look_at(town):
    admin = town.running.admin_headers()
    elsewhere = town.running.create_network(admin, "Rivoli")
    town.running.register_member(admin, elsewhere["id"], display_name="Famiglia Verdi")
    client = town.running.client
    browse_as(client, token_of(admin))
    page = client.get(DASHBOARD, query_string={"network_id": elsewhere["id"]})
    assert '<select id="network_id"' in page.get_data(as_text=True)
    words = text_of(page)
    assert "Famiglia Verdi" in words and "Famiglia Rossi" not in words


def test_an_operator_enrols_a_household_and_confirms_it_is_not_a_duplicate(town):
    client = as_operator(town)
    form = client.get(f"{DASHBOARD}/enrol", query_string={"kind": "household"})
    assert form.status_code == 200 and "Adulti" in text_of(form)
    household = {
        "kind": "household",
        "network_id": town.network["id"],
        "display_name": "Famiglia Esposito",
        "phone": "+39 333 7654321",
        "language": "it",
        "adults": "Anna, Pietro",
        "minors": "Sara",
        "referred_by": "Servizi sociali",
        "referred_on": "2026-03-01",
    }
    enrolled = submit(client, f"{DASHBOARD}/enrol", household)
    assert enrolled.status_code == 302
    first = client.get(enrolled.headers["Location"])
    words = text_of(first)
    assert "Iscrizione fatta." in words and "Famiglia Esposito" in words
    assert "Sara (minore)" in words and "In attesa" in words

    again = submit(client, f"{DASHBOARD}/enrol", {**household, "display_name": "Fam. Esposito"})
    assert again.status_code == 409
    assert "Sembra già iscritto" in text_of(again) and "Famiglia Esposito" in text_of(again)
    assert 'name="confirm_not_duplicate"' in again.get_data(as_text=True)
    anyway = submit(
        client,
        f"{DASHBOARD}/enrol",
        {**household, "display_name": "Fam. Esposito", "confirm_not_duplicate": "true"},
    )
    assert anyway.status_code == 302
    found = api(town, "get", "/members", None)
    names = {member["display_name"] for member in found.json["items"]}
    assert {"Famiglia Esposito", "Fam. Esposito"} <= names


def test_a_form_with_a_wrong_field_says_which_in_the_pages_language(town):
    client = as_operator(town)
    bad = {"kind": "household", "network_id": town.network["id"], "display_name": "X"}
    italian = submit(client, f"{DASHBOARD}/enrol", {**bad, "phone": "abc"})
    assert italian.status_code == 422 and "Controlla il campo «Telefono»." in text_of(italian)
    english = submit(client, f"{DASHBOARD}/enrol?lang=en", {**bad, "referred_by": "ASL"})
    assert "A referral needs both who made it and its date." in text_of(english)


def test_an_operator_enrols_a_shop(town):
    client = as_operator(town)
    shop = {"kind": "shop", "network_id": town.network["id"], "display_name": "Frutta Gianni"}
    enrolled = submit(client, f"{DASHBOARD}/enrol", shop)
    assert enrolled.status_code == 302
    words = text_of(client.get(enrolled.headers["Location"]))
    assert "Frutta Gianni" in words and "Negozio" in words and "Abbina una nuova cassa" in words


def test_a_household_is_activated_given_a_card_and_the_card_printed(town):
    household = enrol_pending_household(town)
    client, page = as_operator(town), member_page(household["id"])

    refused = submit(client, f"{page}/status", {"status": "suspended", "reason": "prova"})
    assert refused.status_code == 409
    assert "Questo cambio di stato non è possibile." in text_of(refused)
    activated = submit(client, f"{page}/status", {"status": "active", "reason": "documenti ok"})
    assert activated.status_code == 302
    words = text_of(client.get(activated.headers["Location"]))
    assert "Stato cambiato." in words and "documenti ok" in words

    issued = submit(client, f"{page}/cards")
    assert issued.status_code == 302
    [card] = api(town, "get", f"/members/{household['id']}/cards").json
    assert display_card_number(card["card_number"]) in text_of(client.get(page))

    printed = client.get(f"{DASHBOARD}/cards/print", query_string={"member": household["id"]})
    assert printed.status_code == 200
    html = printed.get_data(as_text=True)
    assert "<svg" in html and "size: A4" in html
    words = text_of(printed)
    assert "Famiglia Neri" in words and town.network["name"] in words
    assert display_card_number(card["card_number"]) in words

    blocked = submit(client, f"{page}/cards/{card['id']}/block", {"reason": "lost"})
    assert blocked.status_code == 302
    assert api(town, "get", f"/cards/{card['id']}").json["status"] == "blocked"


def test_the_print_page_shows_the_networks_cards_of_this_week(town):
    client = as_operator(town)
    printed = client.get(f"{DASHBOARD}/cards/print", query_string={"lang": "en"})
    assert printed.status_code == 200
    assert printed.get_data(as_text=True).count("<svg") == 1
    words = text_of(printed)
    assert "Famiglia Rossi" in words and display_card_number(town.card_number) in words


def test_a_till_pairs_itself_with_the_code_an_operator_asked_for(town):
    client = as_operator(town)
    asked = submit(client, f"{member_page(town.shop['id'])}/pairing-codes")
    assert asked.status_code == 200
    assert "Per una nuova cassa di Bottega" in text_of(asked)
    code = pairing_code_on(asked)

    tablet = a_new_tablet(town)
    assert "Abbina questa cassa" in text_of(tablet.get("/registry/pair"))
    paired = submit(tablet, "/registry/pair", {"code": code, "label": "Banco frutta"})
    assert paired.status_code == 302
    assert paired.headers["Location"].endswith("/exchange/till")
    cookie = session_cookie_of(paired)
    assert "HttpOnly" in cookie and "Max-Age=31536000" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    device_id = token.split(".")[1]

    devices = api(town, "get", f"/members/{town.shop['id']}/devices").json
    assert {"device_id": device_id, "label": "Banco frutta"}.items() <= next(
        d for d in devices if d["device_id"] == device_id
    ).items()
    eventually(lambda: known_to_exchange(town.exchange, Device, device_id), timeout=15)
    donation = town.donate(500, till={"Authorization": f"Bearer {token}"})
    assert donation.status_code == 201, donation.json

    used = submit(a_new_tablet(town), "/registry/pair", {"code": code})
    assert used.status_code == 422
    assert "Questo codice non funziona" in text_of(used)
    english = submit(a_new_tablet(town), "/registry/pair?lang=en", {"code": "12"})
    assert english.status_code == 422
    assert "That code does not work" in text_of(english)
    assert SESSION_COOKIE not in " ".join(english.headers.getlist("Set-Cookie"))


def test_another_networks_operator_sees_nothing_and_gets_no_code(town):
    client = as_operator_of_another_network(town)
    household, shop = member_page(town.household["id"]), member_page(town.shop["id"])
    page = client.get(household)
    assert page.status_code == 404 and "Famiglia Rossi" not in text_of(page)
    assert "Non trovato" in text_of(page)
    assert submit(client, f"{shop}/pairing-codes").status_code == 404
    assert (
        submit(client, f"{household}/status", {"status": "exited", "reason": "no"}).status_code
        == 404
    )
    printed = client.get(f"{DASHBOARD}/cards/print", query_string={"member": town.household["id"]})
    assert printed.status_code == 404
    listed = text_of(client.get(DASHBOARD))
    assert "Famiglia Rossi" not in listed


def test_an_educator_sees_their_household_read_only(town):
    admin = town.running.admin_headers()
    educator = town.running.register_member(
        admin, town.network["id"], kind="educator", display_name="Educatrice Anna"
    )
    household = town.running.register_member(
        admin, town.network["id"], display_name="Famiglia Gialli", educator_id=educator["id"]
    )
    principal = Principal(educator["id"], Role.EDUCATOR, town.network["id"], educator["id"])
    client = town.running.client
    browse_as(client, token_of(town.token(principal)))
    listed = text_of(client.get(DASHBOARD))
    assert "Famiglia Gialli" in listed and "Famiglia Rossi" not in listed
    page = client.get(member_page(household["id"]))
    assert page.status_code == 200 and "Cambia stato" not in text_of(page)
    status = {"status": "active", "reason": "ok ok"}
    assert submit(client, f"{member_page(household['id'])}/status", status).status_code == 403


def test_the_dashboard_asks_who_you_are_first(town):
    client = a_new_tablet(town)
    page = client.get(DASHBOARD)
    assert page.status_code == 302 and page.headers["Location"].startswith("/registry/login")
