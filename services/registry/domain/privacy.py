"""Consent and the audit log of who read or changed personal data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from shared.auth.principal import Principal
from shared.correlation import new_id


@dataclass
class Consent:
    """A member agreed to a version of the privacy notice on a date."""

    id: str
    member_id: str
    notice_version: str
    given_on: datetime
    recorded_by: str
    events: list = field(default_factory=list, repr=False, compare=False)


class AuditAction(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    EXPORT = "export"
    MERGE = "merge"
    ERASE = "erase"
    IMPORT = "import"


@dataclass
class AuditEntry:
    id: str
    at: datetime
    actor: str
    actor_role: str
    action: AuditAction
    member_id: str
    network_id: str
    detail: str = ""
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def of(
        cls, actor: Principal, action: AuditAction, member_id: str, network_id: str, detail=""
    ) -> AuditEntry:
        return cls(
            new_id(),
            datetime.now(UTC),
            actor.subject,
            actor.role.value,
            action,
            member_id,
            network_id,
            detail,
        )
