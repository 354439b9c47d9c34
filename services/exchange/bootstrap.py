"""The exchange's composition root."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.service import Service
from shared.web.context import ServiceContext

from . import handlers
from .adapters import orm
from .adapters.translators import SUBSCRIPTIONS
from .domain import commands
from .unit_of_work import ExchangeUnitOfWork
from .web.app import create_app


def bootstrap(settings: Settings) -> Service:
    """The exchange, ready to serve, consume, relay or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("exchange"))
    bus = MessageBus(
        uow_factory=lambda: ExchangeUnitOfWork(database),
        handlers={
            commands.KnowNetwork: handlers.know_network,
            commands.OpenMemberAccounts: handlers.open_member_accounts,
            commands.ChangeMemberStatus: handlers.change_member_status,
            commands.RecordHouseholdComposition: handlers.record_household_composition,
            commands.RecordMerge: handlers.record_merge,
            commands.RecordErasure: handlers.record_erasure,
            commands.RecordShopProfile: handlers.record_shop_profile,
            commands.RecordIssuedCard: handlers.record_issued_card,
            commands.BlockCard: handlers.block_card,
            commands.RecordDevice: handlers.record_device,
            commands.RevokeDevice: handlers.revoke_device,
            commands.RecordContract: handlers.record_contract,
            commands.EndContract: handlers.end_contract,
        },
    )
    context = ServiceContext(settings=settings, bus=bus, database=database)
    return Service(
        name="exchange",
        settings=settings,
        database=database,
        metadata=orm.metadata,
        outbox=orm.outbox,
        bus=bus,
        subscriptions=SUBSCRIPTIONS,
        app_factory=partial(create_app, context),
        migrations_dir=Path(__file__).parent / "migrations",
    )
