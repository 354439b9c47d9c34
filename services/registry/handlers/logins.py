"""Logging in with a password or a one-time code, refreshing and logging out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shared.auth.passwords import hash_password, verify_password
from shared.auth.principal import PermissionDenied, Principal, Role
from shared.auth.tokens import TokenSigner
from shared.correlation import new_id

from ..domain import commands
from ..domain.errors import EmailTaken, InvalidCredentials, NotAllowedForKind
from ..domain.logins import ROLE_OF_KIND, Login, LoginCode, RefreshToken, refresh_token_sha256
from ..domain.members import MemberStatus
from ..unit_of_work import RegistryUnitOfWork
from .common import managed_member, now

WRONG_LOGIN = "the e-mail or the password is wrong"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int


def issue_token(cmd: commands.IssueToken, uow: RegistryUnitOfWork, signer: TokenSigner) -> Tokens:
    """Tokens for a right e-mail and password; failures slow down, then lock the login."""
    moment = now()
    with uow:
        login = uow.logins.by_email(cmd.email)
        if login is None:
            verify_password(None, cmd.password)  # as slow as a real check
            raise InvalidCredentials(WRONG_LOGIN)
        login.check_may_try(moment)
        if not verify_password(login.password_hash, cmd.password):
            login.record_failure(moment)
            uow.commit()
            raise InvalidCredentials(WRONG_LOGIN)
        if login.member_id is not None:
            member = uow.members.get(login.member_id)
            if member is None or member.status is MemberStatus.EXITED or member.is_erased:
                raise InvalidCredentials(WRONG_LOGIN)
        login.record_success()
        tokens = _tokens(uow, signer, login.principal)
        uow.commit()
        return tokens


def request_login_code(cmd: commands.RequestLoginCode, uow: RegistryUnitOfWork) -> None:
    """Send a code to the household or citizen with this phone or e-mail, if there is one.

    The answer is the same either way, so nobody can learn who is registered.
    """
    moment = now()
    with uow:
        holders = uow.members.card_holders_by_contact(cmd.phone, cmd.email)
        if len(holders) != 1:
            return
        [member] = holders
        recent = [
            code
            for code in uow.login_codes.of_member(member.id)
            if code.created_at > moment - timedelta(minutes=15)
        ]
        if len(recent) >= LoginCode.MAX_PER_QUARTER_HOUR:
            return
        uow.login_codes.add(LoginCode.send_to(member, moment))
        uow.commit()


def redeem_login_code(
    cmd: commands.RedeemLoginCode, uow: RegistryUnitOfWork, signer: TokenSigner
) -> Tokens:
    moment = now()
    with uow:
        holders = uow.members.card_holders_by_contact(cmd.phone, cmd.email)
        codes = uow.login_codes.of_member(holders[0].id) if len(holders) == 1 else []
        if not codes:
            raise InvalidCredentials("the code is wrong or has expired")
        [member], latest = holders, codes[0]
        try:
            latest.redeem(cmd.code, moment)
        except InvalidCredentials:
            uow.commit()  # the failed attempt counts
            raise
        principal = Principal(member.id, Role.CITIZEN, member.network_id, member.id)
        tokens = _tokens(uow, signer, principal)
        uow.commit()
        return tokens


def refresh_tokens(
    cmd: commands.RefreshTokens, uow: RegistryUnitOfWork, signer: TokenSigner
) -> Tokens:
    """New tokens for a live refresh token, used once; a replayed one ends its family."""
    moment = now()
    with uow:
        token = uow.refresh_tokens.by_hash(refresh_token_sha256(cmd.refresh_token))
        if token is None or token.expires_at <= moment:
            raise InvalidCredentials("the refresh token is not valid: log in again")
        if not token.is_live(moment):
            for sibling in uow.refresh_tokens.family(token.family_id):
                sibling.revoked_at = sibling.revoked_at or moment
            uow.commit()
            raise InvalidCredentials("the refresh token was used already: log in again")
        token.used_at = moment
        tokens = _tokens(uow, signer, token.principal, family_id=token.family_id)
        uow.commit()
        return tokens


def logout(cmd: commands.Logout, uow: RegistryUnitOfWork) -> None:
    """End the session the refresh token belongs to (its whole family)."""
    moment = now()
    with uow:
        token = uow.refresh_tokens.by_hash(refresh_token_sha256(cmd.refresh_token))
        if token is not None:
            for sibling in uow.refresh_tokens.family(token.family_id):
                sibling.revoked_at = sibling.revoked_at or moment
        uow.commit()


def create_login(cmd: commands.CreateLogin, uow: RegistryUnitOfWork) -> Login:
    """A password login for a member; an operator's only by an administrator."""
    with uow:
        member = managed_member(uow, cmd.actor, cmd.member_id)
        role = ROLE_OF_KIND.get(member.kind.value)
        if role is None or member.is_erased:
            raise NotAllowedForKind(f"a {member.kind.value} cannot have a login")
        if role is Role.OPERATOR and not cmd.actor.is_admin:
            raise PermissionDenied("only an administrator may create an operator's login")
        if uow.logins.by_email(cmd.email) is not None:
            raise EmailTaken("another login uses this e-mail address")
        login = Login(
            id=new_id(),
            email=cmd.email.lower(),
            password_hash=hash_password(cmd.password),
            role=role,
            network_id=member.network_id,
            member_id=member.id,
        )
        uow.logins.add(login)
        uow.commit()
        return login


def ensure_administrator(cmd: commands.EnsureAdministrator, uow: RegistryUnitOfWork) -> bool:
    """Create the first administrator's login unless it exists; True if created."""
    with uow:
        if uow.logins.by_email(cmd.email) is not None:
            return False
        uow.logins.add(
            Login(
                id=new_id(),
                email=cmd.email.lower(),
                password_hash=hash_password(cmd.password),
                role=Role.ADMIN,
            )
        )
        uow.commit()
        return True


def _tokens(
    uow: RegistryUnitOfWork,
    signer: TokenSigner,
    principal: Principal,
    family_id: str | None = None,
) -> Tokens:
    refresh, secret = RefreshToken.issue(principal, family_id)
    uow.refresh_tokens.add(refresh)
    return Tokens(signer.issue(principal), secret, signer.ttl_seconds)
