"""Handlers of the scheduled digests: a shop's daily takings, a household's monthly hours.

Each member's digest is planned in a transaction of its own, under a key
made of the topic, the member and the period (``domain/digests.py``): a
second run for the same period finds the key in the delivery log and sends
nothing; two runs at once meet the log's unique constraint, and one gives
way. A digest is not sent to a member this service does not know (yet): a
later run for the same period sends it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from ..domain import commands
from ..domain.channels import Channel
from ..domain.digests import DailyTakings, MonthlyReciprocity, digest_key
from ..metrics import count_delivered_to_inbox
from ..unit_of_work import NotificationsUnitOfWork
from .common import notify

SENT, ALREADY_SENT, MUTED, UNKNOWN = "sent", "already_sent", "muted", "unknown"


@dataclass
class DigestRun:
    """What one run of a digest did, member by member."""

    topic: str
    period: str
    outcomes: dict[str, str] = field(default_factory=dict)

    def members(self, outcome: str) -> list[str]:
        return sorted(member for member, seen in self.outcomes.items() if seen == outcome)


def send_daily_takings(
    cmd: commands.SendDailyTakings,
    uow: NotificationsUnitOfWork,
    *,
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> DigestRun:
    """To each shop with movements on the day: what it redeemed, refunded and collected."""
    with uow:
        summaries = DailyTakings.per_shop(cmd.day, uow.takings.of_day(cmd.day))
    run = DigestRun("daily_takings", cmd.day.isoformat())
    for summary in summaries:
        shop_id = summary.shop_id
        run.outcomes[shop_id] = _send(uow, run, shop_id, summary.values(), offered, zone)
    return run


def send_monthly_reciprocity(
    cmd: commands.SendMonthlyReciprocity,
    uow: NotificationsUnitOfWork,
    *,
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> DigestRun:
    """To each household with a contract in the month: hours given against hours agreed."""
    month = cmd.month
    with uow:
        summaries = MonthlyReciprocity.per_household(
            month,
            uow.contracts.in_force_during(month.first_day, month.last_day),
            uow.hours.minutes_per_member(str(month)),
        )
    run = DigestRun("monthly_reciprocity", str(month))
    for summary in summaries:
        member_id = summary.household_id
        run.outcomes[member_id] = _send(uow, run, member_id, summary.values(), offered, zone)
    return run


def _send(
    uow: NotificationsUnitOfWork,
    run: DigestRun,
    member_id: str,
    values: Mapping[str, Any],
    offered: Collection[Channel],
    zone: ZoneInfo,
) -> str:
    key = digest_key(run.topic, member_id, run.period)
    try:
        with uow:
            recipient = uow.recipients.get(member_id)
            if recipient is None or recipient.is_erased:
                return UNKNOWN
            if uow.deliveries.has_event(key, member_id):
                return ALREADY_SENT
            notification = notify(
                uow, recipient, run.topic, values, event_id=key, offered=offered, zone=zone
            )
            uow.commit()
    except IntegrityError:  # another run planned it in the meantime
        return ALREADY_SENT
    count_delivered_to_inbox(notification)
    return SENT if notification.deliveries else MUTED
