"""The registry's command handlers: plain functions of a command and a unit of work."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from shared.auth.passwords import hash_password, verify_password
from shared.auth.principal import Role
from shared.auth.tokens import TokenSigner

from .domain import commands
from .domain.errors import DuplicateNetwork, InvalidCredentials, UnknownNetwork
from .domain.model import Login, Member, Network
from .unit_of_work import RegistryUnitOfWork


def issue_token(cmd: commands.IssueToken, uow: RegistryUnitOfWork, signer: TokenSigner) -> str:
    """An access token for a correct email and password; failures count towards a lock."""
    now = datetime.now(UTC)
    with uow:
        login = uow.logins.by_email(cmd.email)
        if login is None:
            verify_password(None, cmd.password)  # same time as a real check
            raise InvalidCredentials("the email or the password is wrong")
        login.check_not_locked(now)
        if not verify_password(login.password_hash, cmd.password):
            login.record_failure(now)
            uow.commit()
            raise InvalidCredentials("the email or the password is wrong")
        login.record_success()
        uow.commit()
        return signer.issue(login.principal)


def create_network(cmd: commands.CreateNetwork, uow: RegistryUnitOfWork) -> Network:
    cmd.actor.check_is_admin()
    with uow:
        if uow.networks.by_name(cmd.name) is not None:
            raise DuplicateNetwork(f"a network named {cmd.name!r} exists already")
        network = Network.create(cmd.name, cmd.town)
        uow.networks.add(network)
        uow.commit()
        return network


def register_member(cmd: commands.RegisterMember, uow: RegistryUnitOfWork) -> Member:
    cmd.actor.check_manages_network(cmd.network_id)
    with uow:
        network = uow.networks.get(cmd.network_id)
        if network is None:
            raise UnknownNetwork(f"there is no network {cmd.network_id}")
        member = Member.register(
            network, cmd.kind, cmd.display_name, cmd.email, cmd.phone, cmd.language
        )
        uow.members.add(member)
        uow.commit()
        return member


def ensure_administrator(cmd: commands.EnsureAdministrator, uow: RegistryUnitOfWork) -> bool:
    """Create the first administrator's login unless it exists; True if created."""
    with uow:
        if uow.logins.by_email(cmd.email) is not None:
            return False
        uow.logins.add(
            Login(
                id=str(uuid.uuid4()),
                email=cmd.email.lower(),
                password_hash=hash_password(cmd.password),
                role=Role.ADMIN,
            )
        )
        uow.commit()
        return True
