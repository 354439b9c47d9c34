"""The digests: a shop's daily takings and a household's monthly hours, each sent once.

The numbers come from the exchange's and the registry's events, kept in this
service's own tables; the digests are sent by the commands a scheduler runs.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from services.cli import main
from services.notifications.adapters.repositories import SqlAlchemyDeliveryRepository
from services.notifications.domain.commands import SendDailyTakings, SendMonthlyReciprocity
from services.notifications.domain.digests import Month, digest_key
from services.notifications.handlers.digests import ALREADY_SENT, MUTED, SENT, UNKNOWN
from shared.auth.principal import Role
from tests.notifications.support import Member
from tests.support.processes import settings_to_env

MARCH_14 = date(2026, 3, 14)


def new_id() -> str:
    return str(uuid.uuid4())


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def till(exchange_event):
    """Movements at a shop's till, as the exchange announces them."""

    class Till:
        def __init__(self, shop) -> None:
            self.shop = shop

        def _event(self, event_type: str, when: str, **data) -> str:
            transaction_id = new_id()
            exchange_event(
                event_type,
                occurred_at=at(when),
                transaction_id=transaction_id,
                network_id=self.shop.network_id,
                shop_id=self.shop.member_id,
                **data,
            )
            return transaction_id

        def redeem(self, cents: int, when: str = "2026-03-14T10:00:00") -> str:
            member = {"member_id": new_id(), "balance_cents": 0}
            return self._event("exchange.credits.redeemed", when, amount_cents=cents, **member)

        def donate(self, cents: int, when: str = "2026-03-14T10:00:00") -> str:
            return self._event("exchange.credits.donated", when, amount_cents=cents)

        def reverse(self, original: str, cents: int, member=True, when="2026-03-14T11:00:00"):
            return self._event(
                "exchange.credits.reversed",
                when,
                reversed_transaction_id=original,
                member_id=new_id() if member else None,
                unit="FOOD",
                amount=cents,
            )

    return Till


def digest_of(log_of, member, topic):
    deliveries, inbox, _ = log_of(member.member_id)
    planned = sorted(d.channel.value for d in deliveries if d.topic == topic)
    return planned, [message for message in inbox if message.topic == topic]


def test_a_shop_gets_its_takings_of_the_day_once(notifications, enrol, till, log_of):
    shop = enrol(language="it")
    at_the_till = till(shop)
    first = at_the_till.redeem(1250)
    at_the_till.redeem(3000, when="2026-03-14T18:59:00")  # 19:59 in Rome
    at_the_till.reverse(first, 500)  # a refund
    at_the_till.donate(1000)
    at_the_till.reverse(at_the_till.donate(700), 700, member=False)  # a donation cancelled
    at_the_till.redeem(999, when="2026-03-14T23:30:00")  # 00:30 on the 15th in Rome
    at_the_till.redeem(888, when="2026-03-13T12:00:00")

    run = notifications.bus.handle(SendDailyTakings(MARCH_14))
    assert run.outcomes == {shop.member_id: SENT}
    channels, [message] = digest_of(log_of, shop, "daily_takings")
    assert channels == ["email", "inbox"]  # an SMS only to who opts in
    assert message.title == "Fa Bene: gli incassi del 14/03/2026"
    assert "- Spese pagate con i crediti: 2, in tutto € 42,50\n" in message.body
    assert "- Rimborsi ai clienti: € 5,00\n" in message.body
    assert "- Spese sospese raccolte: 1, in tutto € 10,00\n" in message.body

    again = notifications.bus.handle(SendDailyTakings(MARCH_14))
    assert again.outcomes == {shop.member_id: ALREADY_SENT}
    assert digest_of(log_of, shop, "daily_takings") == (channels, [message])
    next_day = notifications.bus.handle(SendDailyTakings(date(2026, 3, 15)))
    assert next_day.outcomes == {shop.member_id: SENT}


def test_shops_with_nothing_on_the_day_get_nothing(notifications, enrol, till):
    busy, quiet = enrol(), enrol()
    till(busy).donate(500)
    till(quiet).donate(500, when="2026-03-10T10:00:00")
    run = notifications.bus.handle(SendDailyTakings(MARCH_14))
    assert run.outcomes == {busy.member_id: SENT}


def test_a_shop_unknown_here_gets_its_takings_once_it_is_known(
    notifications, deliver, till, log_of
):
    shop = Member(new_id(), new_id(), None, None)
    shop_id, network_id = shop.member_id, shop.network_id
    till(shop).redeem(1000)
    assert notifications.bus.handle(SendDailyTakings(MARCH_14)).outcomes == {shop_id: UNKNOWN}
    deliver(
        "registry.member.registered",
        member_id=shop_id,
        network_id=network_id,
        kind="shop",
        status="active",
        language="en",
    )
    assert notifications.bus.handle(SendDailyTakings(MARCH_14)).outcomes == {shop_id: SENT}
    [message] = [m for m in log_of(shop_id)[1] if m.topic == "daily_takings"]
    assert message.title == "Fa Bene: your takings on 14 Mar 2026"


def test_two_runs_at_once_send_the_digest_once(notifications, enrol, till, log_of, monkeypatch):
    shop = enrol()
    till(shop).donate(500)
    assert notifications.bus.handle(SendDailyTakings(MARCH_14)).outcomes[shop.member_id] == SENT
    # The second run looks before the first one commits: the unique key stops it.
    monkeypatch.setattr(SqlAlchemyDeliveryRepository, "has_event", lambda *_: False)
    again = notifications.bus.handle(SendDailyTakings(MARCH_14))
    assert again.outcomes[shop.member_id] == ALREADY_SENT
    channels, messages = digest_of(log_of, shop, "daily_takings")
    assert (channels, len(messages)) == (["email", "inbox"], 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-3", "26-03", "abcd-03", "2026-0x", ""])
def test_a_month_is_written_as_yyyy_mm(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        Month.parse(text)
    assert Month.parse("2026-01").previous() == Month(2025, 12)
    assert Month(2024, 2).last_day == date(2024, 2, 29)


def test_the_digest_key_is_stable_per_topic_member_and_period():
    member = new_id()
    assert digest_key("daily_takings", member, "2026-03-14") == digest_key(
        "daily_takings", member, "2026-03-14"
    )
    assert digest_key("daily_takings", member, "2026-03-14") != digest_key(
        "daily_takings", member, "2026-03-15"
    )
    assert len(digest_key("monthly_reciprocity", member, "2026-03")) == 36


@pytest.fixture
def contract(deliver):
    def contract(household, hours=20, starts="2026-01-01", ends="2026-12-31", revision=1, **kw):
        contract_id = kw.pop("contract_id", None) or new_id()
        deliver(
            kw.pop("event_type", "registry.contract.signed"),
            contract_id=contract_id,
            household_id=household.member_id,
            educator_id=new_id(),
            network_id=household.network_id,
            hours_per_month=hours,
            starts_on=starts,
            ends_on=ends,
            revision=revision,
        )
        return contract_id

    return contract


@pytest.fixture
def confirm(exchange_event):
    def confirm(member, minutes: int, when: str, **data) -> None:
        exchange_event(
            "exchange.time.confirmed",
            occurred_at=at(when),
            time_entry_id=new_id(),
            transaction_id=new_id(),
            network_id=member.network_id,
            member_id=member.member_id,
            organisation_id=new_id(),
            minutes=minutes,
            balance_minutes=minutes,
            **data,
        )

    return confirm


def test_a_household_gets_its_hours_of_the_month_against_its_contract_once(
    notifications, enrol, contract, confirm, log_of
):
    household = enrol(language="it")
    contract(household, hours=20)
    confirm(household, 180, "2026-03-02T09:00:00")
    confirm(household, 150, "2026-03-31T21:30:00")  # 23:30 in Rome: still March
    confirm(household, 600, "2026-03-31T22:30:00")  # 00:30 on 1 April in Rome
    march = Month(2026, 3)

    run = notifications.bus.handle(SendMonthlyReciprocity(march))
    assert run.outcomes == {household.member_id: SENT}
    channels, [message] = digest_of(log_of, household, "monthly_reciprocity")
    assert channels == ["email", "inbox", "sms"]
    assert message.title == "Le vostre ore per la comunità: marzo 2026"
    assert "svolte nel mese di marzo 2026 e confermate: 5 ore e 30 minuti.\n" in message.body
    assert "previste dal vostro patto di restituzione: 20 ore." in message.body

    again = notifications.bus.handle(SendMonthlyReciprocity(march))
    assert again.outcomes == {household.member_id: ALREADY_SENT}
    assert len(digest_of(log_of, household, "monthly_reciprocity")[1]) == 1


def test_hours_count_in_the_month_they_were_given_not_confirmed(
    notifications, enrol, contract, confirm, log_of
):
    household = enrol(language="en")
    contract(household, hours=10)
    confirm(household, 120, "2026-04-02T09:00:00", activity_date="2026-03-30")
    notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3)))
    _, [message] = digest_of(log_of, household, "monthly_reciprocity")
    assert "done in March 2026 and confirmed: 2 hours.\n" in message.body


def test_a_household_that_gave_no_hours_hears_so_too(notifications, enrol, contract, log_of):
    household = enrol(language="en")
    contract(household, hours=10)
    notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3)))
    [message] = digest_of(log_of, household, "monthly_reciprocity")[1]
    assert "done in March 2026 and confirmed: 0 minutes.\n" in message.body
    assert "Hours a month in your reciprocity contract: 10 hours." in message.body


def test_only_households_under_contract_in_the_month_get_the_digest(
    notifications, enrol, contract, confirm, deliver
):
    under, ended, later, none = enrol(), enrol(), enrol(), enrol()
    contract(under)
    ended_id = contract(ended)
    deliver(
        "registry.contract.ended",
        contract_id=ended_id,
        household_id=ended.member_id,
        network_id=ended.network_id,
        ended_on="2026-02-15",
    )
    contract(later, starts="2026-04-01")
    confirm(none, 60, "2026-03-10T10:00:00")  # a volunteer's hours: no contract, no digest
    run = notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3)))
    assert run.outcomes == {under.member_id: SENT}


def test_the_newest_terms_of_a_contract_count_whatever_order_they_arrive_in(
    notifications, enrol, contract, log_of, deliver
):
    household = enrol(language="en")
    contract_id = new_id()
    contract(
        household,
        hours=12,
        revision=2,
        contract_id=contract_id,
        event_type="registry.contract.changed",
    )
    contract(household, hours=20, revision=1, contract_id=contract_id)
    notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3)))
    [message] = digest_of(log_of, household, "monthly_reciprocity")[1]
    assert "Hours a month in your reciprocity contract: 12 hours." in message.body


def test_an_end_that_arrives_before_the_signing_still_ends_the_contract(
    notifications, enrol, contract, deliver
):
    household = enrol()
    contract_id = new_id()
    deliver(
        "registry.contract.ended",
        contract_id=contract_id,
        household_id=household.member_id,
        network_id=household.network_id,
        ended_on="2026-02-28",
    )
    contract(household, contract_id=contract_id)
    assert notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 2))).outcomes == {
        household.member_id: SENT
    }
    assert notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3))).outcomes == {}


def test_a_member_who_muted_the_digest_gets_none(notifications, enrol, contract, web, token):
    household = enrol()
    contract(household)
    response = web.client.put(
        f"/notifications/api/v1/members/{household.member_id}/preferences",
        json={"channels": ["inbox"], "muted_topics": ["monthly_reciprocity"]},
        headers=token(Role.OPERATOR, household.network_id),
    )
    assert response.status_code == 200, response.json
    run = notifications.bus.handle(SendMonthlyReciprocity(Month(2026, 3)))
    assert run.outcomes == {household.member_id: MUTED}


def test_the_commands_a_scheduler_runs_send_once_and_say_what_they_did(
    notifying_settings, enrol, till, contract
):
    shop, household = enrol(), enrol()
    till(shop).donate(500)
    contract(household)
    runner = CliRunner(env=settings_to_env(notifying_settings))

    def fabene(*arguments: str) -> str:
        result = runner.invoke(main, ["notifications", *arguments], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output.strip()

    assert fabene("daily-takings", "--day", "2026-03-14") == (
        "daily_takings 2026-03-14: 1 shop(s); sent 1, already sent 0, muted 0, unknown 0"
    )
    assert fabene("daily-takings", "--day", "2026-03-14") == (
        "daily_takings 2026-03-14: 1 shop(s); sent 0, already sent 1, muted 0, unknown 0"
    )
    assert fabene("monthly-reciprocity", "--month", "2026-03").endswith(
        "1 household(s); sent 1, already sent 0, muted 0, unknown 0"
    )
    assert "nothing" not in fabene("daily-takings")  # yesterday: no shop, no error
    refused = runner.invoke(main, ["notifications", "monthly-reciprocity", "--month", "2026-13"])
    assert refused.exit_code == 2 and "YYYY-MM" in refused.output
