"""Two tills at once, and one till's retries at once: money moves exactly as it should."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from services.exchange.adapters import orm
from tests.support.ledger import check_ledger
from tests.support.town import new_key

TILLS = 50


def generous_limits(town) -> None:
    rules = {"visits_per_day_limit": 100, "per_card_daily_limit_cents": 1_000_000}
    response = town.call("put", f"/networks/{town.network['id']}/rules", town.operator, rules)
    assert response.status_code == 200, response.json


def test_fifty_concurrent_redemptions_spend_exactly_what_the_balance_covers(town):
    generous_limits(town)
    town.grant(100_000)
    town.allocate(1_000)
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: town.redeem(100).status_code, range(TILLS)))

    assert answers.count(201) == 10
    assert answers.count(409) == TILLS - 10
    assert set(answers) <= {201, 409}
    assert town.balance()["FOOD"] == 0
    assert check_ledger(town.exchange).clean


def test_the_same_key_twenty_times_at_once_moves_credit_once_and_answers_alike(town):
    town.grant(100_000)
    town.allocate(5_000)
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: town.redeem(700, key="one-press-0001"), range(20)))

    assert {a.status_code for a in answers} == {201}
    assert len({a.json["transaction_id"] for a in answers}) == 1
    assert town.balance()["FOOD"] == 4_300
    with town.exchange.database.session() as session:
        redemptions = session.scalar(
            select(func.count())
            .select_from(orm.transactions)
            .where(orm.transactions.c.kind == "redemption")
        )
    assert redemptions == 1
    assert check_ledger(town.exchange).clean


def test_donations_and_redemptions_at_many_tills_keep_the_ledger_balanced(town):
    generous_limits(town)
    town.grant(50_000)
    town.allocate(3_000)

    def work(n: int) -> int:
        if n % 3 == 0:
            return town.donate(150, till=town.other_till).status_code
        return town.redeem(90, key=new_key()).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(work, range(60)))
    assert set(answers) <= {201, 409}
    assert check_ledger(town.exchange).clean


def test_the_daily_visits_limit_holds_under_concurrency(town):
    town.grant(100_000)
    town.allocate(5_000)
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: town.redeem(100), range(10)))
    assert [a.status_code for a in answers].count(201) == 3
    refusals = {a.json["error"]["details"]["limit"] for a in answers if a.status_code == 409}
    assert refusals == {"visits_per_day"}
    assert town.balance()["FOOD"] == 4_700
