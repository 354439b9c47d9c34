"""At a shop's till: PINs, spesa sospesa, redemptions, TIME spent."""

from __future__ import annotations

from shared.auth.principal import Principal
from shared.round_trips import together

from ..domain import commands, flows
from ..domain.calendar import local_day
from ..domain.directory import Card
from ..domain.errors import NotAllowed, UnknownCard
from ..domain.ledger import AccountKind, Transaction, Unit
from ..domain.pins import PinHasher, check_acceptable_pin
from ..domain.till import CardAtTill, TillVisit, check_limits
from ..metrics import counted_payment
from ..unit_of_work import ExchangeUnitOfWork
from .common import answer_once, check_till, member_of, network_account, once, shop_clearing


def set_pin(cmd: commands.SetPin, uow: ExchangeUnitOfWork, pins: PinHasher) -> None:
    """The holder or an operator sets the card's PIN; a locked card is unlocked by it."""
    check_acceptable_pin(cmd.pin)
    with uow:
        card = uow.cards.by_number(cmd.card_number, lock=True)
        if card is None or not _may_manage_card(cmd.actor, card):
            raise UnknownCard("no such card")
        card.set_pin(pins.hash(card.card_id, cmd.pin))
        uow.commit()


def donate(cmd: commands.Donate, uow: ExchangeUnitOfWork) -> dict:
    """A spesa sospesa paid at this till goes to the network's food pool."""
    check_till(cmd.actor)
    with uow:
        return once(uow, cmd.request, lambda: _donate(cmd, uow))


def redeem(cmd: commands.Redeem, uow: ExchangeUnitOfWork, pins: PinHasher) -> dict:
    """Spend a household's FOOD credits at this till, with its card and PIN.

    The key's claim and everything the decision needs are read in one round
    trip; the writes go with the commit in a second (adapters/till.py).
    """
    check_till(cmd.actor)
    shop_id, day = cmd.actor.member_id, local_day()
    with counted_payment("FOOD") as payment, uow:
        with together(uow.session) as batch:
            claim = uow.idempotency.claim_in(batch, cmd.request)
            visit = uow.till.visit_in(batch, cmd.card_number, shop_id, day)
        stored = claim()
        if stored is not None:
            return stored
        work = payment.runs(lambda: _redeem(cmd, visit(), uow, pins))
        return answer_once(uow, cmd.request, work)


def spend_time(cmd: commands.SpendTime, uow: ExchangeUnitOfWork, pins: PinHasher) -> dict:
    """Spend TIME credits at a shop that takes them, at the shop's rate."""
    check_till(cmd.actor)
    with counted_payment("TIME") as payment, uow:
        return once(uow, cmd.request, payment.runs(lambda: _spend_time(cmd, uow, pins)))


def _donate(cmd: commands.Donate, uow: ExchangeUnitOfWork) -> dict:
    network_id, shop_id = cmd.actor.network_id, cmd.actor.member_id
    pool = network_account(uow, network_id, AccountKind.FOOD_POOL, Unit.FOOD)
    clearing = shop_clearing(uow, shop_id, network_id)
    locked = uow.accounts.lock(pool.id, clearing.id)
    tx = flows.donate(
        locked[pool.id],
        locked[clearing.id],
        cmd.amount_cents,
        cmd.actor,
        device_id=cmd.actor.subject,
    )
    uow.transactions.add(tx)
    return {
        "transaction_id": tx.id,
        "amount_cents": cmd.amount_cents,
        "shop_id": shop_id,
        "created_at": tx.created_at.isoformat(),
    }


def _redeem(
    cmd: commands.Redeem, visit: TillVisit | None, uow: ExchangeUnitOfWork, pins: PinHasher
) -> dict:
    shown = _with_right_pin(visit.shown if visit else None, cmd.actor, cmd.pin, pins, uow)
    card, network = shown.card, shown.network
    shown.member.check_may_spend()
    check_limits(network, cmd.amount_cents, visit.card_today, visit.shop_today_cents)
    household, clearing = visit.household, visit.clearing
    if household is None:
        raise NotAllowed("this card's holder has no FOOD account")
    if clearing is None:
        clearing_id = _open_clearing(uow, cmd.actor.member_id, network.network_id)
        locked = uow.till.lock_accounts(household.id, clearing_id)
        household, clearing = locked[household.id], locked[clearing_id]
    household.check_can_take(-cmd.amount_cents)
    tx = flows.redeem(
        household, clearing, cmd.amount_cents, cmd.actor, network, device_id=cmd.actor.subject
    )
    uow.transactions.add_with_commit(tx)
    uow.till.record_redemption(
        card.card_id, cmd.actor.member_id, visit.day, cmd.amount_cents, [household, clearing]
    )
    return _receipt(tx, card, cmd.amount_cents, household.balance, "FOOD")


def _open_clearing(uow: ExchangeUnitOfWork, shop_id: str, network_id: str) -> str:
    """The first redemption at a shop opens its clearing account."""
    clearing = shop_clearing(uow, shop_id, network_id)
    uow.session.flush()
    return clearing.id


def _spend_time(cmd: commands.SpendTime, uow: ExchangeUnitOfWork, pins: PinHasher) -> dict:
    shop = uow.shops.get(cmd.actor.member_id)
    if shop is None or not shop.accepts_time or not shop.time_rate_cents_per_hour:
        raise NotAllowed("this shop does not take TIME credits")
    card = _card_with_right_pin(uow, cmd.actor, cmd.card_number, cmd.pin, pins).card
    member = member_of(uow, card.member_id)
    member.check_may_spend()
    shop_member = member_of(uow, shop.member_id)
    source, destination = member.account(Unit.TIME), shop_member.account(Unit.TIME)
    locked = uow.accounts.lock(source.id, destination.id)
    locked[source.id].check_can_take(-cmd.minutes)
    tx = flows.spend_time(
        locked[source.id],
        locked[destination.id],
        cmd.minutes,
        shop.time_rate_cents_per_hour,
        cmd.actor,
    )
    uow.transactions.add(tx)
    return _receipt(tx, card, cmd.minutes, locked[source.id].balance, "TIME")


def _card_with_right_pin(
    uow: ExchangeUnitOfWork, till: Principal, number: str, pin: str, pins: PinHasher
) -> CardAtTill:
    """The card, locked for this work, once its PIN is right (or a refusal, wrong PINs counted)."""
    shown = uow.till.card_at_till(number, till.member_id)
    return _with_right_pin(shown, till, pin, pins, uow)


def _with_right_pin(
    shown: CardAtTill | None, till: Principal, pin: str, pins: PinHasher, uow: ExchangeUnitOfWork
) -> CardAtTill:
    """The card shown, once its PIN is right (or a refusal, wrong PINs counted)."""
    if shown is None or shown.card.network_id != till.network_id:
        raise UnknownCard("no card with this number here: check the number")
    before = shown.pin_state
    try:
        shown.card.verify_pin(pins.hash(shown.card.card_id, pin))
    finally:
        if shown.pin_state != before:
            uow.till.save_pin_state(shown.card)
    return shown


def _receipt(tx: Transaction, card: Card, amount: int, balance: int, unit: str) -> dict:
    return {
        "transaction_id": tx.id,
        "unit": unit,
        "amount": amount,
        "balance": balance,
        "amount_cents": amount if unit == "FOOD" else None,
        "balance_cents": balance if unit == "FOOD" else None,
        "card_ending": card.card_number[-4:],
        "shop_id": tx.shop_id,
        "created_at": tx.created_at.isoformat(),
    }


def _may_manage_card(actor: Principal, card: Card) -> bool:
    return actor.manages_network(card.network_id) or actor.member_id == card.member_id
