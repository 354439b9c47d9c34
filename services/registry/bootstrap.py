"""The registry's composition root: every part built and wired here, explicitly."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from shared.auth.keys import ensure_signing_keys, token_signer_provider
from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.service import Service
from shared.web.context import ServiceContext

from .adapters import orm
from .domain import commands
from .handlers import cards, contracts, imports, logins, members, networks, pairing
from .unit_of_work import RegistryUnitOfWork
from .web.app import create_app

log = logging.getLogger(__name__)


def bootstrap(settings: Settings) -> Service:
    """The registry, ready to serve, relay its outbox or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("registry"))
    signer = token_signer_provider(settings)

    def signed(handler):
        return lambda cmd, uow: handler(cmd, uow, signer())

    bus = MessageBus(
        uow_factory=lambda: RegistryUnitOfWork(database),
        handlers={
            commands.EnsureAdministrator: logins.ensure_administrator,
            commands.IssueToken: signed(logins.issue_token),
            commands.RequestLoginCode: logins.request_login_code,
            commands.RedeemLoginCode: signed(logins.redeem_login_code),
            commands.RefreshTokens: signed(logins.refresh_tokens),
            commands.Logout: logins.logout,
            commands.CreateLogin: logins.create_login,
            commands.CreateNetwork: networks.create_network,
            commands.UpdateNetwork: networks.update_network,
            commands.OpenMarket: networks.open_market,
            commands.UpdateMarket: networks.update_market,
            commands.SetShopProfile: networks.set_shop_profile,
            commands.RegisterMember: members.register_member,
            commands.UpdateContact: members.update_contact,
            commands.ChangeStatus: members.change_status,
            commands.SetPeople: members.set_people,
            commands.Recertify: members.recertify,
            commands.AssignEducator: members.assign_educator,
            commands.SuspendExpiredHouseholds: members.suspend_expired_households,
            commands.MergeMembers: members.merge_members,
            commands.EraseMember: members.erase_member,
            commands.RecordConsent: members.record_consent,
            commands.IssueCard: cards.issue_card,
            commands.BlockCard: cards.block_card,
            commands.ReplaceCard: cards.replace_card,
            commands.RegisterDevice: cards.register_device,
            commands.RevokeDevice: cards.revoke_device,
            commands.IssuePairingCode: pairing.issue_pairing_code,
            commands.PairTill: pairing.pair_till,
            commands.SignContract: contracts.sign_contract,
            commands.ChangeContract: contracts.change_contract,
            commands.RenewContract: contracts.renew_contract,
            commands.EndContract: contracts.end_contract,
            commands.ImportMembers: imports.import_members,
        },
    )
    context = ServiceContext(settings=settings, bus=bus, database=database)
    return Service(
        name="registry",
        settings=settings,
        database=database,
        metadata=orm.metadata,
        outbox=orm.outbox,
        bus=bus,
        subscriptions=None,
        app_factory=partial(create_app, context),
        migrations_dir=Path(__file__).parent / "migrations",
        after_upgrade=partial(_prepare_first_start, settings, bus),
    )


def _prepare_first_start(settings: Settings, bus: MessageBus) -> None:
    """The signing keys and the first administrator, made once."""
    ensure_signing_keys(settings.signing_keys_dir)
    created = bus.handle(
        commands.EnsureAdministrator(email=settings.admin_email, password=settings.admin_password)
    )
    if created:
        log.info("administrator login created", extra={"email": settings.admin_email})
    if settings.admin_is_development_default:
        log.warning(
            "FABENE_ADMIN_PASSWORD is not set: the administrator uses the development "
            "default password. Set FABENE_ADMIN_EMAIL and FABENE_ADMIN_PASSWORD in production."
        )
