"""Hours given to the community, and their confirmation as TIME credits.

A member (or their educator) logs the hours of an activity at an
organisation; the organisation, the educator or an operator confirms or
rejects them. Only confirmed hours become TIME credits, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from shared.correlation import new_id

from .errors import NotAllowed
from .events import TimeLogged, TimeRejected

MAX_MINUTES_PER_ENTRY = 12 * 60


class TimeEntryStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass
class TimeEntry:
    id: str
    network_id: str
    member_id: str
    organisation_id: str
    minutes: int
    activity: str
    activity_date: date
    logged_by: str
    logged_at: datetime
    status: TimeEntryStatus = TimeEntryStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None
    transaction_id: str | None = None
    rejection_reason: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def log(
        cls,
        network_id: str,
        member_id: str,
        organisation_id: str,
        minutes: int,
        activity: str,
        activity_date: date,
        logged_by: str,
    ) -> TimeEntry:
        if not 0 < minutes <= MAX_MINUTES_PER_ENTRY:
            raise NotAllowed(f"an entry is between 1 and {MAX_MINUTES_PER_ENTRY} minutes")
        entry = cls(
            new_id(),
            network_id,
            member_id,
            organisation_id,
            minutes,
            activity,
            activity_date,
            logged_by,
            datetime.now(UTC),
        )
        entry.events.append(
            TimeLogged(entry.id, network_id, member_id, organisation_id, minutes, activity_date)
        )
        return entry

    def confirm(self, decided_by: str, transaction_id: str) -> None:
        self._check_pending()
        self.status = TimeEntryStatus.CONFIRMED
        self.decided_by, self.decided_at = decided_by, datetime.now(UTC)
        self.transaction_id = transaction_id

    def reject(self, decided_by: str, reason: str) -> None:
        self._check_pending()
        self.status = TimeEntryStatus.REJECTED
        self.decided_by, self.decided_at = decided_by, datetime.now(UTC)
        self.rejection_reason = reason
        self.events.append(
            TimeRejected(
                self.id,
                self.network_id,
                self.member_id,
                self.organisation_id,
                self.minutes,
                self.activity_date,
                reason,
            )
        )

    def _check_pending(self) -> None:
        if self.status is not TimeEntryStatus.PENDING:
            raise NotAllowed(f"these hours were {self.status.value} already")
