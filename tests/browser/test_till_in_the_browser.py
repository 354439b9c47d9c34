"""The till in a real browser: a payment is made once, however it is pressed or resent.

Each test's household, card, PIN and credit are set up through the JSON APIs
(quicker than the pages, which test_journey.py walks through); the till is
paired through the pages, as a shop pairs its tablet. What moved is read back
from the API, and from the till's own page of today's takings.
"""

from __future__ import annotations

import re
import uuid

import pytest
import requests
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.browser.test_journey import (
    TABLET,
    log_in_as_operator,
    pair_till,
    pairing_code,
    wait_until,
)

NETWORK = "Moncalieri"  # not the journey's, whose settlement counts its shops
CREDIT_CENTS = 3000
PIN = "7294"
REDEEM = "**/exchange/till/redeem"


class Api:
    """The system's JSON APIs, as the administrator."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        answer = self.session.post(
            f"{base_url}/registry/api/v1/auth/token",
            json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            timeout=10,
        )
        answer.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def call(self, method: str, path: str, expected: int, **options) -> requests.Response:
        answer = self.session.request(method, f"{self.base_url}{path}", timeout=10, **options)
        assert answer.status_code == expected, f"{method} {path}: {answer.text}"
        return answer

    def once_heard(self, method: str, path: str, expected: int, **options) -> requests.Response:
        """Call until the service has heard of what it needs (it learns by events)."""
        answers = []

        def answered() -> bool:
            url = f"{self.base_url}{path}"
            answers.append(self.session.request(method, url, timeout=10, **options))
            return answers[-1].status_code == expected

        wait_until(answered, last_seen=lambda: answers[-1].text)
        return answers[-1]

    def food_cents(self, member_id: str) -> int:
        answer = self.call("GET", f"/exchange/api/v1/members/{member_id}/balances", 200)
        return answer.json()["FOOD"]["balance"]


@pytest.fixture(scope="module")
def api(system_url) -> Api:
    return Api(system_url)


@pytest.fixture(scope="module")
def network_id(api) -> str:
    networks = api.call("GET", "/registry/api/v1/networks", 200).json()
    return next(network["id"] for network in networks if network["town"] == NETWORK)


@pytest.fixture
def shop_id(api, network_id, request) -> str:
    """A shop of its own, so its takings are this test's alone."""
    name = f"Panetteria della prova {request.node.name}"
    shop = api.call(
        "POST",
        "/registry/api/v1/members",
        201,
        json={"kind": "shop", "network_id": network_id, "display_name": name},
    ).json()
    assert shop["status"] == "active"  # only households wait for an operator's yes
    return shop["id"]


@pytest.fixture
def household(api, network_id, request) -> tuple[str, str]:
    """An active household of its own with a card, its PIN and €30 of credit: (id, card)."""
    name = f"Famiglia della prova {request.node.name}"
    member = api.call(
        "POST",
        "/registry/api/v1/members",
        201,
        json={"kind": "household", "network_id": network_id, "display_name": name},
    ).json()
    status = {"status": "active", "reason": "Inviata dai servizi sociali"}
    api.call("POST", f"/registry/api/v1/members/{member['id']}/status", 200, json=status)
    card = api.call("POST", f"/registry/api/v1/members/{member['id']}/cards", 201).json()
    api.once_heard(
        "PUT", f"/exchange/api/v1/cards/{card['card_number']}/pin", 204, json={"pin": PIN}
    )
    grant = {"network_id": network_id, "amount_cents": CREDIT_CENTS, "memo": "Per i test"}
    api.call("POST", "/exchange/api/v1/grants", 201, json=grant, headers=_new_key())
    allocation = {"member_id": member["id"], "amount_cents": CREDIT_CENTS}
    api.once_heard("POST", "/exchange/api/v1/allocations", 201, json=allocation, headers=_new_key())
    return member["id"], card["card_number"]


@pytest.fixture
def paired_till(new_page, shop_id):
    """A tablet paired as the shop's till, through the pages: ``paired_till(**options)``."""

    def pair(**options) -> Page:
        laptop = new_page(viewport=(1366, 900))
        log_in_as_operator(laptop)
        laptop.goto(f"/registry/dashboard/members/{shop_id}")
        code = pairing_code(laptop)
        tablet = new_page(viewport=TABLET, **options)
        pair_till(tablet, code)
        return tablet

    return pair


def test_pressing_pay_twice_or_double_clicking_pays_once(api, household, paired_till, shots):
    member_id, card = household
    till = paired_till()
    posts = _posts_to_redeem(till)

    _fill(till, card, "4", PIN)
    pay = till.locator("#pay")
    pay.scroll_into_view_if_needed()
    box = pay.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    till.mouse.click(x, y)
    till.mouse.click(x, y)  # the impatient second press, wherever the page is by then
    expect(till.locator("#receipt-amount")).to_have_text("€ 4,00")
    shots.take(till, "pressed-twice")

    _fill(till, card, "5", PIN)
    till.locator("#pay").dblclick()
    expect(till.locator("#receipt-amount")).to_have_text("€ 5,00")
    expect(till.locator("#receipt-balance")).to_have_text("€ 21,00")
    shots.take(till, "double-clicked")

    assert len(posts) == 2
    assert api.food_cents(member_id) == CREDIT_CENTS - 900
    till.get_by_role("link", name="Tutti i movimenti di oggi").click()
    expect(till.locator("#takings-movements tbody tr")).to_have_count(2)
    expect(till.locator("#takings-redeemed")).to_have_text("€ 9,00")
    shots.take(till, "takings")


def test_a_payment_whose_answer_is_lost_is_retried_with_its_key_and_paid_once(
    api, household, paired_till, shots
):
    member_id, card = household
    till = paired_till()
    lost = []

    def lose_the_first_answer(route: Route) -> None:
        if lost:
            route.continue_()
        else:
            lost.append(route.fetch())  # the exchange has paid; the answer never arrives
            route.abort("failed")

    till.route(REDEEM, lose_the_first_answer)
    posts = _posts_to_redeem(till)
    _fill(till, card, "6", PIN)
    till.locator("#pay").click()
    expect(till.locator("#till-status")).to_have_text(re.compile("Connessione persa: riprovo"))
    expect(till.locator("#receipt-amount")).to_have_text("€ 6,00")
    shots.take(till, "receipt-after-retry")

    assert lost[0].status == 201
    paid_first = re.search(r'id="receipt" data-transaction-id="([^"]+)"', lost[0].text())
    expect(till.locator("#receipt-transaction")).to_have_text(paid_first.group(1))
    assert len(posts) == 2 and posts[0].post_data == posts[1].post_data  # same key, same form
    expect(till.locator("#receipt-balance")).to_have_text("€ 24,00")
    assert api.food_cents(member_id) == CREDIT_CENTS - 600


def test_without_javascript_the_form_pays_and_a_reposted_form_pays_once(
    api, household, paired_till, shots
):
    member_id, card = household
    till = paired_till(java_script_enabled=False)
    expect(till.locator(".keypad")).to_have_count(0)  # typed on the tablet's own keyboard

    _fill(till, card, "7,50", PIN)
    form = till.locator("#redeem-form")
    sent = {
        name: form.locator(f"[name='{name}']").input_value()
        for name in ("csrf_token", "idempotency_key", "card_number", "amount", "pin")
    }
    till.locator("#pay").click()
    expect(till.locator("#receipt-amount")).to_have_text("€ 7,50")
    expect(till.locator("#receipt-balance")).to_have_text("€ 22,50")
    paid = till.locator("#receipt-transaction").inner_text()
    shots.take(till, "receipt-without-javascript", scripts=False)

    reloaded = till.reload()  # Chromium posts the same form again
    assert reloaded.request.method == "POST" and reloaded.status == 201
    expect(till.locator("#receipt-transaction")).to_have_text(paid)
    again = till.request.post("/exchange/till/redeem", form=sent)  # and once more, by hand
    assert again.status == 201
    assert f'id="receipt" data-transaction-id="{paid}"' in again.text()
    assert api.food_cents(member_id) == CREDIT_CENTS - 750
    till.goto("/exchange/till/takings")
    expect(till.locator("#takings-movements tbody tr")).to_have_count(1)


def _fill(till: Page, card: str, amount: str, pin: str) -> None:
    till.get_by_label("Numero della tessera").fill(card)
    till.locator("#amount").fill(amount)
    till.locator("#pin").fill(pin)


def _posts_to_redeem(till: Page) -> list:
    """The redemption requests the page sends, as they leave the browser."""
    posts = []
    till.on("request", lambda sent: posts.append(sent) if sent.url.endswith(REDEEM[2:]) else None)
    return posts


def _new_key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}
