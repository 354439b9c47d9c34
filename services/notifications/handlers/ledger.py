"""Handlers of what the exchange did: a message to the member it concerns, the digests' numbers.

Each runs in the transaction in which the idempotent consumer records the
event as handled, so a duplicated event writes nothing twice. A member this
service does not know (no registry event about them has arrived) gets no
message; the digests' numbers are kept all the same. ``offered`` (the
channels this installation can send by) and ``zone`` (the programme's time
zone) come from the composition root.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from zoneinfo import ZoneInfo

from ..domain import commands
from ..domain.channels import Channel
from ..domain.digests import HoursGiven, Month, ReciprocityContract, TakingsEntry, TakingsKind
from ..domain.model import Notification
from ..metrics import count_delivered_to_inbox
from ..unit_of_work import NotificationsUnitOfWork
from .common import local_day, notify_if_known

Offered = Collection[Channel]


def notify_member(
    cmd: commands.Notify, uow: NotificationsUnitOfWork, *, offered: Offered, zone: ZoneInfo
) -> None:
    """Write to the member about what the exchange did."""
    with uow:
        notification = notify_if_known(
            uow, cmd.member_id, cmd.topic, cmd.values, offered=offered, zone=zone
        )
        uow.commit()
    count_delivered_to_inbox(notification)


def record_redemption(
    cmd: commands.RecordRedemption,
    uow: NotificationsUnitOfWork,
    *,
    offered: Offered,
    zone: ZoneInfo,
) -> None:
    """The household's receipt (inbox, unless they opted in to more); the shop's takings."""
    with uow:
        notification = _redemption(cmd, uow, offered, zone)
        uow.commit()
    count_delivered_to_inbox(notification)


def record_redemptions(
    cmds: Sequence[commands.RecordRedemption],
    uow: NotificationsUnitOfWork,
    *,
    offered: Offered,
    zone: ZoneInfo,
) -> None:
    """Redemptions that arrived together (a busy hour at the tills), in one transaction:
    each as ``record_redemption`` would, each once."""
    with uow:
        uow.recipients.load({cmd.member_id for cmd in cmds})
        notifications = [_redemption(cmd, uow, offered, zone) for cmd in uow.each_claimed(cmds)]
        uow.commit()
    for notification in notifications:
        count_delivered_to_inbox(notification)


def _redemption(cmd, uow, offered: Offered, zone: ZoneInfo) -> Notification:
    _keep_takings(uow, cmd, cmd.shop_id, TakingsKind.REDEMPTION, cmd.amount_cents, zone)
    values = {"amount": cmd.amount_cents, "balance": cmd.balance_cents}
    return notify_if_known(
        uow, cmd.member_id, "purchase_receipt", values, offered=offered, zone=zone
    )


def record_donation(
    cmd: commands.RecordDonation, uow: NotificationsUnitOfWork, *, zone: ZoneInfo
) -> None:
    """A spesa sospesa: no message of its own, it counts in the shop's daily takings."""
    with uow:
        _keep_takings(uow, cmd, cmd.shop_id, TakingsKind.DONATION, cmd.amount_cents, zone)
        uow.commit()


def record_reversal(
    cmd: commands.RecordReversal,
    uow: NotificationsUnitOfWork,
    *,
    offered: Offered,
    zone: ZoneInfo,
) -> None:
    """Credits back from a shop ("returned"), or an operator's correction; the shop's takings.

    With a shop, the reversed transaction was a purchase (credits go back to
    the member) or, with no member, a spesa sospesa. Without one it was
    something else an operator undid (an allocation, an expiry, a gift), and
    the message says so without saying which way the credits went.
    """
    with uow:
        if cmd.shop_id is not None and cmd.unit == "FOOD":
            kind = TakingsKind.REFUND if cmd.member_id else TakingsKind.DONATION_CANCELLED
            _keep_takings(uow, cmd, cmd.shop_id, kind, cmd.amount, zone)
        notification = Notification()
        if cmd.member_id is not None:
            topic = "credits_returned" if cmd.shop_id else "credits_corrected"
            values = {"amount": {"unit": cmd.unit, "amount": cmd.amount}}
            notification = notify_if_known(
                uow, cmd.member_id, topic, values, offered=offered, zone=zone
            )
        uow.commit()
    count_delivered_to_inbox(notification)


def record_time_spent(
    cmd: commands.RecordTimeSpent,
    uow: NotificationsUnitOfWork,
    *,
    offered: Offered,
    zone: ZoneInfo,
) -> None:
    """The member's receipt for TIME credits spent at a shop (inbox, unless they opted in)."""
    values = {"minutes": cmd.minutes, "value": cmd.value_cents, "balance": cmd.balance_minutes}
    with uow:
        notification = notify_if_known(
            uow, cmd.member_id, "time_receipt", values, offered=offered, zone=zone
        )
        uow.commit()
    count_delivered_to_inbox(notification)


def record_hours_confirmed(
    cmd: commands.RecordHoursConfirmed,
    uow: NotificationsUnitOfWork,
    *,
    offered: Offered,
    zone: ZoneInfo,
) -> None:
    """The member hears their hours were confirmed; they count in the month they were given
    (or, from an exchange too old to say when, the month of the confirmation)."""
    with uow:
        month = Month.of(cmd.activity_date or local_day(uow.occurred_at, zone))
        uow.hours.add(
            HoursGiven(
                cmd.time_entry_id,
                cmd.network_id,
                cmd.member_id,
                cmd.minutes,
                str(month),
                uow.occurred_at,
            )
        )
        values = {"minutes": cmd.minutes, "balance": cmd.balance_minutes}
        notification = notify_if_known(
            uow, cmd.member_id, "hours_confirmed", values, offered=offered, zone=zone
        )
        uow.commit()
    count_delivered_to_inbox(notification)


def record_contract(cmd: commands.RecordContract, uow: NotificationsUnitOfWork) -> None:
    """A contract signed or changed: its newest terms, whatever order the events came in."""
    with uow:
        contract = uow.contracts.get(cmd.contract_id)
        if contract is None:
            contract = ReciprocityContract(
                cmd.contract_id,
                cmd.household_id,
                cmd.network_id,
                cmd.hours_per_month,
                cmd.starts_on,
                cmd.ends_on,
            )
            uow.contracts.add(contract)
        contract.record_terms(cmd.hours_per_month, cmd.starts_on, cmd.ends_on, cmd.revision)
        uow.commit()


def end_contract(cmd: commands.EndContract, uow: NotificationsUnitOfWork) -> None:
    with uow:
        contract = uow.contracts.get(cmd.contract_id)
        if contract is None:
            contract = ReciprocityContract.ended_before_signed(
                cmd.contract_id, cmd.household_id, cmd.network_id, cmd.ended_on
            )
            uow.contracts.add(contract)
        contract.end(cmd.ended_on)
        uow.commit()


def _keep_takings(uow, cmd, shop_id: str, kind: TakingsKind, amount: int, zone: ZoneInfo):
    occurred_at = uow.occurred_at
    uow.takings.add(
        TakingsEntry(
            cmd.transaction_id,
            cmd.network_id,
            shop_id,
            kind,
            amount,
            local_day(occurred_at, zone),
            occurred_at,
        )
    )
