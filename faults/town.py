"""A town set up through the APIs for one scenario: a network, shops with tills, households.

Each scenario gets a network of its own, so the checker can count its
transactions, accounts and events apart from the other scenarios'.
"""

from __future__ import annotations

import concurrent.futures
import uuid
from dataclasses import dataclass, field

from benchmarks.stack import BenchmarkError
from faults.record import Recorder
from faults.stack import FaultStack, wait_until

PIN = "2468"
GENEROUS_RULES = {
    "per_card_daily_limit_cents": 10_000_000,
    "visits_per_day_limit": 100,
    "per_redemption_limit_cents": 5000,
    "shop_daily_takings_limit_cents": 1_000_000_000,
}


@dataclass
class Town:
    network_id: str
    admin: dict[str, str]
    tills: list[dict] = field(default_factory=list)  # device_id, device_token, shop_id
    households: list[dict] = field(default_factory=list)  # id, card_number

    def till(self, index: int) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tills[index % len(self.tills)]['device_token']}"}


def new_key(prefix: str = "faults") -> str:
    return f"{prefix}-{uuid.uuid4()}"


def in_parallel(work, items, threads: int = 16) -> list:
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(work, items))


def admin_headers(stack: FaultStack, recorder: Recorder) -> dict[str, str]:
    login = _ok(
        recorder.call(
            "POST",
            "registry",
            "/auth/token",
            {"email": stack.settings.admin_email, "password": stack.settings.admin_password},
        )
    )
    return {"Authorization": f"Bearer {login['access_token']}"}


def set_up_town(
    stack: FaultStack,
    recorder: Recorder,
    name: str,
    *,
    tills: int = 2,
    households: int = 4,
    credit_cents: int = 10_000,
    extra_households: list[dict] | None = None,
) -> Town:
    """A network with tills and active households holding a card, a PIN and some credit."""
    admin = admin_headers(stack, recorder)
    network = _ok(
        recorder.call("POST", "registry", "/networks", {"name": name, "town": name}, admin)
    )
    town = Town(network["id"], admin)
    wait_until(
        "the exchange to open the network's accounts",
        lambda: (
            stack.scalar(
                "exchange",
                "SELECT count(*) FROM accounts WHERE owner_id = %(n)s",
                {"n": town.network_id},
            )
            >= 3
        ),
        stack,
    )
    _ok(
        recorder.call(
            "PUT", "exchange", f"/networks/{town.network_id}/rules", GENEROUS_RULES, admin
        )
    )
    town.tills = in_parallel(lambda i: _till(recorder, town, i), range(tills))
    members = [{"display_name": f"Famiglia {name} {i:03d}"} for i in range(households)]
    town.households = in_parallel(
        lambda m: enrol(recorder, town, m), members + (extra_households or [])
    )
    wait_until_exchange_knows(stack, town)
    in_parallel(lambda h: set_pin(recorder, town, h), town.households)
    if credit_cents:
        total = credit_cents * len(town.households)
        grant(recorder, town, total)
        in_parallel(lambda h: allocate(recorder, town, h["id"], credit_cents), town.households)
    return town


def enrol(recorder: Recorder, town: Town, member: dict) -> dict:
    """An active household with a card."""
    body = {"kind": "household", "network_id": town.network_id, **member}
    created = _ok(recorder.call("POST", "registry", "/members", body, town.admin))
    _ok(
        recorder.call(
            "POST",
            "registry",
            f"/members/{created['id']}/status",
            {"status": "active", "reason": "documents checked"},
            town.admin,
        )
    )
    card = _ok(
        recorder.call("POST", "registry", f"/members/{created['id']}/cards", None, town.admin)
    )
    return {"id": created["id"], "card_number": card["card_number"]}


def wait_until_exchange_knows(stack: FaultStack, town: Town) -> None:
    expected = 2 * len(town.households) + len(town.tills)
    wait_until(
        "the exchange to know every household, card and till",
        lambda: (
            stack.scalar(
                "exchange",
                "SELECT (SELECT count(*) FROM ledger_members WHERE network_id = %(n)s"
                " AND kind = 'household' AND status = 'active')"
                " + (SELECT count(*) FROM cards WHERE network_id = %(n)s)"
                " + (SELECT count(*) FROM devices WHERE network_id = %(n)s AND status = 'active')",
                {"n": town.network_id},
            )
            >= expected
        ),
        stack,
    )


def set_pin(recorder: Recorder, town: Town, household: dict) -> None:
    path = f"/cards/{household['card_number']}/pin"
    _ok(recorder.call("PUT", "exchange", path, {"pin": PIN}, town.admin))


def grant(recorder: Recorder, town: Town, cents: int) -> None:
    body = {"network_id": town.network_id, "amount_cents": cents, "memo": "Comune (faults)"}
    _ok(recorder.call("POST", "exchange", "/grants", body, town.admin, key=new_key("grant")))


def allocate(recorder: Recorder, town: Town, member_id: str, cents: int) -> None:
    body = {"member_id": member_id, "amount_cents": cents}
    _ok(recorder.call("POST", "exchange", "/allocations", body, town.admin, key=new_key("alloc")))


def redeem(recorder: Recorder, town: Town, number: int, cents: int = 100, key=None, **kwargs):
    """One payment at a till, recorded; the household and till chosen by ``number``."""
    household = town.households[number % len(town.households)]
    body = {"card_number": household["card_number"], "pin": PIN, "amount_cents": cents}
    return recorder.call(
        "POST", "exchange", "/redemptions", body, town.till(number), key or new_key(), **kwargs
    )


def balance(recorder: Recorder, town: Town, member_id: str) -> int:
    answer = _ok(
        recorder.call("GET", "exchange", f"/members/{member_id}/balances", None, town.admin)
    )
    return answer["FOOD"]["balance"]


def _till(recorder: Recorder, town: Town, index: int) -> dict:
    body = {"kind": "shop", "network_id": town.network_id, "display_name": f"Bottega {index:02d}"}
    shop = _ok(recorder.call("POST", "registry", "/members", body, town.admin))
    path = f"/members/{shop['id']}/devices"
    device = _ok(recorder.call("POST", "registry", path, {"label": "Cassa"}, town.admin))
    return {**device, "shop_id": shop["id"]}


def _ok(record) -> dict:
    if record.status not in (200, 201, 204):
        raise BenchmarkError(
            f"set-up {record.method} {record.path}: {record.status} {record.answer}"
        )
    return record.answer or {}
