"""Ways in: password logins, one-time codes, and refresh tokens.

Operators and educators log in with a password (argon2); citizens with a
six-digit code sent by notifications, or a password. Failed passwords slow
down and then lock a login. Access tokens are short-lived JWTs; a refresh
token is a random secret kept hashed, used once and replaced: presenting a
used one again revokes its whole family (it was stolen or replayed).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from shared.auth.passwords import hash_password, verify_password
from shared.auth.principal import Principal, Role
from shared.correlation import new_id

from .errors import AccountLocked, InvalidCredentials, LoginCoolingDown
from .events import LoginCodeRequested
from .members import Member

ROLE_OF_KIND = {
    "operator": Role.OPERATOR,
    "educator": Role.EDUCATOR,
    "household": Role.CITIZEN,
    "citizen": Role.CITIZEN,
    "shop": Role.SHOP,
    "organisation": Role.ORGANISATION,
    "school": Role.ORGANISATION,
}


@dataclass
class Login:
    """A password login, with the role and scope its tokens carry."""

    id: str
    email: str
    password_hash: str
    role: Role
    network_id: str | None = None
    member_id: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    COOL_DOWN_FROM_FAILURE = 3
    COOL_DOWN_SECONDS = 30
    LOCK_AT_FAILURE = 5
    LOCK_MINUTES = 15

    @property
    def principal(self) -> Principal:
        return Principal(
            subject=self.member_id or self.id,
            role=self.role,
            network_id=self.network_id,
            member_id=self.member_id,
        )

    def check_may_try(self, now: datetime) -> None:
        """Refuse while cooling down after failures, or while locked."""
        if self.locked_until is None or self.locked_until <= now:
            return
        wait = int((self.locked_until - now).total_seconds()) + 1
        if self.failed_attempts == 0:
            raise AccountLocked(
                "too many failed logins: this login is locked for a while",
                {"retry_after_seconds": wait},
            )
        raise LoginCoolingDown("too many failed logins in a row: wait a moment", wait)

    def record_failure(self, now: datetime) -> None:
        self.failed_attempts += 1
        if self.failed_attempts >= self.LOCK_AT_FAILURE:
            self.failed_attempts = 0
            self.locked_until = now + timedelta(minutes=self.LOCK_MINUTES)
        elif self.failed_attempts >= self.COOL_DOWN_FROM_FAILURE:
            self.locked_until = now + timedelta(seconds=self.COOL_DOWN_SECONDS)

    def record_success(self) -> None:
        self.failed_attempts = 0
        self.locked_until = None


@dataclass
class LoginCode:
    """A one-time code for a citizen, sent by notifications; only its hash is kept."""

    id: str
    member_id: str
    code_hash: str
    expires_at: datetime
    created_at: datetime
    attempts: int = 0
    used_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    LIFETIME = timedelta(minutes=10)
    MAX_ATTEMPTS = 5
    MAX_PER_QUARTER_HOUR = 3

    @classmethod
    def send_to(cls, member: Member, now: datetime) -> LoginCode:
        """A new code for the member, on its way by SMS (or e-mail without a phone)."""
        code = new_login_code()
        login_code = cls(
            id=new_id(),
            member_id=member.id,
            code_hash=hash_password(code),
            expires_at=now + cls.LIFETIME,
            created_at=now,
        )
        channel = "sms" if member.phone else "email"
        login_code.events.append(
            LoginCodeRequested(member.id, member.network_id, code, channel, login_code.expires_at)
        )
        return login_code

    def redeem(self, code: str, now: datetime) -> None:
        """Use the code once; a wrong one counts towards the limit."""
        self.check_usable(now)
        if not verify_password(self.code_hash, code):
            self.attempts += 1
            raise InvalidCredentials("the code is wrong")
        self.used_at = now

    def check_usable(self, now: datetime) -> None:
        if self.used_at is not None or self.expires_at <= now:
            raise InvalidCredentials("this code has expired: ask for a new one")
        if self.attempts >= self.MAX_ATTEMPTS:
            raise InvalidCredentials("too many wrong codes: ask for a new one")


def new_login_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@dataclass
class RefreshToken:
    id: str
    family_id: str
    token_sha256: str
    subject: str
    role: Role
    network_id: str | None
    member_id: str | None
    expires_at: datetime
    created_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    LIFETIME = timedelta(days=30)

    @classmethod
    def issue(cls, principal: Principal, family_id: str | None = None) -> tuple[RefreshToken, str]:
        secret = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        token = cls(
            id=new_id(),
            family_id=family_id or new_id(),
            token_sha256=refresh_token_sha256(secret),
            subject=principal.subject,
            role=principal.role,
            network_id=principal.network_id,
            member_id=principal.member_id,
            expires_at=now + cls.LIFETIME,
            created_at=now,
        )
        return token, secret

    @property
    def principal(self) -> Principal:
        return Principal(self.subject, self.role, self.network_id, self.member_id)

    def is_live(self, now: datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


def refresh_token_sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
