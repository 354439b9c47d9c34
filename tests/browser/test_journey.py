"""The whole story in a real browser: enrolment, credits, a till, the wallet, the settlement.

Three devices, each a browser context of its own: the operator's laptop, the
shop's tablet and the household's phone. Each step is a screenshot under
``test-results/screenshots/``. The services learn of each other's changes by
events, a moment later: where a page depends on that, the test reloads it
until it shows what it should.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

LAPTOP, TABLET, PHONE = (1366, 900), (1024, 768), (390, 844)
NETWORK = "Rivoli"
HOUSEHOLD = "Famiglia Bianchi"
HOUSEHOLD_EMAIL = "famiglia.bianchi@example.org"
SHOP = "Frutta e Verdura da Gianni"  # one of the demo data's shops, active in every town
PIN, WRONG_PIN = "2468", "1357"
EVENTS_ARRIVE_WITHIN = 15.0  # seconds


def test_a_household_is_enrolled_gets_credits_and_spends_them_at_a_till(new_page, shots, mailbox):
    laptop = new_page(viewport=LAPTOP)
    log_in_as_operator(laptop)
    shots.take(laptop, "operator-members")

    network_id = choose_network(laptop, NETWORK)
    household_id, card_number = enrol_a_household_with_a_card(laptop, shots)
    laptop.goto(f"/registry/dashboard?network_id={network_id}")
    enrolled = laptop.get_by_role("row").filter(has_text=HOUSEHOLD)
    expect(enrolled).to_contain_text("Attivo")
    expect(enrolled).to_contain_text(HOUSEHOLD_EMAIL)
    shots.take(laptop, "members")
    give_credit(laptop, shots, network_id, household_id, card_number)
    shop_id = open_shop(laptop, network_id, SHOP)
    code = pairing_code(laptop)
    shots.take(laptop, "pairing-code")

    tablet = new_page(viewport=TABLET)
    pair_till(tablet, code)
    shots.take(tablet, "till-paired")
    pay_at_the_till(tablet, shots, card_number)

    phone = new_page(viewport=PHONE)
    citizen_logs_in_with_a_code(phone, mailbox, HOUSEHOLD_EMAIL)
    wallet = phone.locator("#movements")
    expect(phone.locator("#food-balance")).to_have_text("€ 13,00")
    expect(wallet.get_by_role("row").filter(has_text="Spesa")).to_contain_text("-€ 12,00")
    shots.take(phone, "wallet")
    phone.goto("/exchange/wallet?lang=ar")  # a family that reads Arabic better
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("#food-balance")).to_have_text("13,00 €")
    shots.take(phone, "wallet-in-arabic")
    phone.goto("/exchange/wallet?lang=it")
    phone.goto("/notifications/inbox")
    reload_until(phone, lambda: phone.get_by_text("Ricevuta: spesa di € 12,00").count() > 0)
    shots.take(phone, "inbox")

    laptop.goto(f"/exchange/dashboard?network={network_id}")
    laptop.get_by_role("link", name="Liquidazione").click()
    expect(laptop.get_by_label("Dal")).to_have_value(re.compile(r"-01$"))  # this month so far
    position = laptop.locator(f"table#positions tr[data-shop-id='{shop_id}']")
    expect(position.locator("td").first).to_have_text("€ 12,00")
    shots.take(laptop, "settlement")
    csv = laptop.request.get(laptop.locator("a#settlement-csv").get_attribute("href"))
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    assert f"{shop_id},1200," in csv.text()


# The steps, as the people at each device take them.


def log_in_as_operator(page: Page) -> None:
    page.goto("/registry/login")
    page.get_by_label("E-mail", exact=True).fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Accedi").last.click()
    page.wait_for_url("**/registry/dashboard**")


def choose_network(page: Page, town: str) -> str:
    """Pick the town's network in the members list; its id, from the address."""
    page.get_by_label("Rete").select_option(label=f"{town} ({town})")
    page.get_by_role("button", name="Mostra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Iscritti · {town}")
    return parse_qs(urlparse(page.url).query)["network_id"][0]


def enrol_a_household_with_a_card(page: Page, shots) -> tuple[str, str]:
    page.get_by_role("link", name="Iscrivi un nucleo familiare").click()
    page.get_by_label("Nome", exact=True).fill(HOUSEHOLD)
    page.get_by_label("E-mail", exact=True).fill(HOUSEHOLD_EMAIL)
    page.get_by_label("Adulti").fill("Marco, Lucia")
    page.get_by_label("Minori").fill("Sofia")
    shots.take(page, "enrol-household")
    page.get_by_role("button", name="Iscrivi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOUSEHOLD)
    household_id = urlparse(page.url).path.rsplit("/", 1)[-1]

    page.get_by_label("Nuovo stato").select_option("active")
    page.get_by_label("Motivo").fill("Inviata dai servizi sociali")
    page.get_by_role("button", name="Cambia stato").click()
    expect(page.get_by_text("Stato cambiato.")).to_be_visible()
    page.get_by_role("button", name="Emetti una tessera").click()
    expect(page.get_by_text("Tessera emessa")).to_be_visible()
    card_number = re.sub(r"\D", "", page.locator("td.num strong").first.inner_text())
    shots.take(page, "household-with-card")

    page.get_by_role("link", name="Stampa la tessera").click()
    printed = page.locator(".printed-card")
    expect(printed.locator("svg")).to_be_visible()
    expect(printed).to_contain_text(HOUSEHOLD)
    shots.take(page, "card-to-print")
    return household_id, card_number


def give_credit(page: Page, shots, network_id: str, household_id: str, card: str) -> None:
    """Fill the pool if it holds less than €25, set the card's PIN, allocate €25."""
    page.goto(f"/exchange/dashboard?network={network_id}")
    row = page.locator(f"table#households tr[data-member-id='{household_id}']")
    reload_until(page, lambda: card in (row.inner_text() if row.count() else ""))
    if euro_cents(page.locator("#pool-balance").inner_text()) < 2500:
        page.get_by_label("Importo in euro", exact=True).fill("500")
        page.get_by_label("Causale").fill("Contributo del Comune")
        page.get_by_role("button", name="Versa nel fondo").click()
        expect(page.get_by_text("Versati € 500,00 nel fondo")).to_be_visible()

    pin_form = page.locator("form", has=page.locator("#pin-card"))
    pin_form.get_by_label("Numero della tessera").fill(card)
    pin_form.get_by_label("Nuovo PIN").fill(PIN)
    pin_form.get_by_label("Ripeti il PIN").fill(PIN)
    pin_form.get_by_role("button", name="Imposta il PIN").click()
    expect(
        page.get_by_text(f"PIN impostato per la tessera che finisce con {card[-4:]}")
    ).to_be_visible()

    row.locator(f"#amount-{household_id}").fill("25")
    row.get_by_role("button", name="Assegna").click()
    expect(page.get_by_text("Assegnati € 25,00")).to_be_visible()
    expect(row.locator("td.num").nth(1)).to_have_text("€ 25,00")
    shots.take(page, "credits-allocated")


def open_shop(page: Page, network_id: str, name: str) -> str:
    """The shop's record on the dashboard; its id."""
    page.goto(f"/registry/dashboard?network_id={network_id}&kind=shop")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return urlparse(page.url).path.rsplit("/", 1)[-1]


def pairing_code(page: Page) -> str:
    """A new till's one-time code, from the open shop's record."""
    page.get_by_role("button", name="Abbina una nuova cassa").click()
    code = page.locator(".pairing-code").inner_text()
    assert re.fullmatch(r"\d{4} \d{4}", code), code
    return code


def pair_till(page: Page, code: str) -> None:
    """The tablet becomes the shop's till; ready once the exchange has heard of it."""
    page.goto("/exchange/till")
    pairing = page.locator("#pair-form")
    pairing.get_by_label("Codice di abbinamento").fill(code)
    pairing.get_by_label("Nome della cassa").fill("Banco 1")
    pairing.get_by_role("button", name="Collega").click()
    page.wait_for_url("**/exchange/till")
    reload_until(page, lambda: page.locator("#redeem-form").count() > 0)


def pay_at_the_till(page: Page, shots, card_number: str) -> None:
    page.get_by_label("Numero della tessera").fill(card_number)
    for key in "12":
        page.locator(".keypad button", has_text=key).first.click()
    expect(page.locator("#amount")).to_have_value("12")
    page.locator("#pin").fill(WRONG_PIN)
    shots.take(page, "till-filled")
    page.locator("#pay").click()
    expect(page.locator(".notice.error")).to_contain_text("PIN sbagliato. Tentativi rimasti:")
    expect(page.locator("#pin")).to_be_focused()
    shots.take(page, "till-wrong-pin")

    expect(page.locator("#amount")).to_have_value("12")  # the till keeps what was typed
    page.locator("#pin").fill(PIN)
    page.locator("#pay").click()
    expect(page.locator("#receipt-amount")).to_have_text("€ 12,00")
    expect(page.locator("#receipt-balance")).to_have_text("€ 13,00")
    expect(page.locator("#receipt-card")).to_have_text(f"•••• {card_number[-4:]}")
    shots.take(page, "till-receipt")


def citizen_logs_in_with_a_code(page: Page, mailbox, address: str) -> None:
    page.goto("/registry/login")
    already = len(mailbox.to(address))
    page.get_by_label("Telefono o e-mail").fill(address)
    page.get_by_role("button", name="Mandami il codice").click()
    expect(page.get_by_label("Codice ricevuto")).to_be_visible()
    wait_until(lambda: len(mailbox.to(address)) > already)
    codes = [
        re.search(r"codice di accesso a Fa Bene è (\d{6})", mail.text)
        for mail in mailbox.to(address)[already:]
    ]
    code = next(found.group(1) for found in codes if found)
    page.get_by_label("Codice ricevuto").fill(code)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url("**/exchange/wallet")


# Waiting for what the services tell each other.


def reload_until(page: Page, shown: Callable[[], bool], within: float = EVENTS_ARRIVE_WITHIN):
    """Reload the page until it shows what the other services have heard by now."""
    deadline = time.monotonic() + within
    while not shown():
        assert time.monotonic() < deadline, f"{page.url} did not show it within {within}s"
        page.wait_for_timeout(200)
        page.reload()


def wait_until(
    happened: Callable[[], bool],
    within: float = EVENTS_ARRIVE_WITHIN,
    last_seen: Callable[[], str] = str,
) -> None:
    """Wait for something outside the browser (an e-mail, an API's answer), polling."""
    deadline = time.monotonic() + within
    while not happened():
        assert time.monotonic() < deadline, f"not within {within}s; last seen: {last_seen()}"
        time.sleep(0.1)


def euro_cents(shown: str) -> int:
    """ "€ 1.234,50" as the Italian pages write it, in cents."""
    digits = re.sub(r"[^\d,]", "", shown)
    euros, _, cents = digits.partition(",")
    return int(euros or 0) * 100 + int((cents or "0").ljust(2, "0"))
