"""Random sequences of real operations against the database keep every invariant."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.ledger import check_ledger
from tests.support.town import new_key

operations = st.lists(
    st.one_of(
        st.tuples(st.just("grant"), st.integers(1, 5_000)),
        st.tuples(st.just("donate"), st.integers(1, 3_000)),
        st.tuples(st.just("allocate"), st.integers(1, 4_000)),
        st.tuples(st.just("redeem"), st.integers(1, 2_000)),
        st.tuples(st.just("refund"), st.integers(1, 2_000)),
        st.tuples(st.just("reverse"), st.integers(0, 10)),
        st.tuples(st.just("retry"), st.integers(0, 10)),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_any_sequence_of_operations_keeps_the_ledger_sound(town, steps):
    rules = {"visits_per_day_limit": 100, "per_card_daily_limit_cents": 10_000_000}
    town.call("put", f"/networks/{town.network['id']}/rules", town.operator, rules)
    done: list[tuple[str, str, dict]] = []  # (kind, key, answer) of what succeeded
    for operation, value in steps:
        answer = _perform(town, operation, value, done)
        assert answer is None or answer.status_code < 500, answer.json
    report = check_ledger(town.exchange)
    assert report.clean, report


def _perform(town, operation, value, done):
    if operation == "grant":
        return town.call(
            "post",
            "/grants",
            town.operator,
            {"network_id": town.network["id"], "amount_cents": value, "memo": "fund"},
            new_key(),
        )
    if operation == "donate":
        return _remember(done, "donation", town.donate, value)
    if operation == "allocate":
        return _remember(done, "allocation", town.allocate, value)
    if operation == "redeem":
        return _remember(done, "redemption", town.redeem, value)
    if operation == "refund" and (sales := [d for d in done if d[0] == "redemption"]):
        _, _, receipt = sales[value % len(sales)]
        return town.call(
            "post",
            f"/transactions/{receipt['transaction_id']}/refund",
            town.operator,
            {"amount_cents": value, "reason": "refund"},
            new_key(),
        )
    if operation == "reverse" and done:
        _, _, answer = done[value % len(done)]
        return town.call(
            "post",
            f"/transactions/{answer['transaction_id']}/reverse",
            town.operator,
            {"reason": "mistake"},
            new_key(),
        )
    if operation == "retry" and done:
        kind, key, answer = done[value % len(done)]
        amount = answer.get("amount_cents") or answer.get("amount")
        retried = {"donation": town.donate, "allocation": town.allocate, "redemption": town.redeem}[
            kind
        ](amount, key=key)
        assert retried.json == answer, "a retry answers what the first request answered"
        return retried
    return None


def _remember(done, kind, call, amount):
    key = new_key()
    response = call(amount, key=key)
    if response.status_code == 201:
        done.append((kind, key, response.json))
    return response
