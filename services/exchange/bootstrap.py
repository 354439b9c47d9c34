"""The exchange's composition root."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.service import Service
from shared.web.context import ServiceContext

from .adapters import orm
from .adapters.translators import SUBSCRIPTIONS
from .domain import commands
from .domain.pins import PinHasher
from .handlers import credits, directory, records, till, time
from .unit_of_work import ExchangeUnitOfWork
from .web.app import create_app

log = logging.getLogger(__name__)


def bootstrap(settings: Settings) -> Service:
    """The exchange, ready to serve, consume, relay or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("exchange"))
    pins = PinHasher(settings.pin_pepper.encode())

    def with_pins(handler):
        return lambda cmd, uow: handler(cmd, uow, pins)

    bus = MessageBus(
        uow_factory=lambda: ExchangeUnitOfWork(database),
        handlers={
            commands.KnowNetwork: directory.know_network,
            commands.OpenMemberAccounts: directory.open_member_accounts,
            commands.ChangeMemberStatus: directory.change_member_status,
            commands.RecordHouseholdComposition: directory.record_household_composition,
            commands.RecordMerge: directory.record_merge,
            commands.RecordErasure: directory.record_erasure,
            commands.RecordShopProfile: directory.record_shop_profile,
            commands.RecordIssuedCard: directory.record_issued_card,
            commands.BlockCard: directory.block_card,
            commands.RecordDevice: directory.record_device,
            commands.RevokeDevice: directory.revoke_device,
            commands.RecordContract: directory.record_contract,
            commands.EndContract: directory.end_contract,
            commands.SetPin: with_pins(till.set_pin),
            commands.Donate: till.donate,
            commands.Redeem: with_pins(till.redeem),
            commands.SpendTime: with_pins(till.spend_time),
            commands.Grant: credits.grant,
            commands.Allocate: credits.allocate,
            commands.AllocateEntitlements: credits.allocate_entitlements,
            commands.Refund: credits.refund,
            commands.Reverse: credits.reverse,
            commands.ExpireCredits: credits.expire_credits,
            commands.LogTime: time.log_time,
            commands.ConfirmTime: time.confirm_time,
            commands.RejectTime: time.reject_time,
            commands.GiveTime: time.give_time,
            commands.RecordFoodRecovery: records.record_food_recovery,
            commands.RecordSettlement: records.record_settlement,
            commands.UpdateRules: records.update_rules,
        },
    )
    if settings.pin_pepper_is_development_default:
        log.warning("FABENE_PIN_PEPPER is not set: till PINs use the development key")
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
