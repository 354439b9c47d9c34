"""The notifications composition root."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.web.context import ServiceContext

from . import configuration
from .adapters import orm
from .adapters.translators import SUBSCRIPTIONS
from .dispatcher import DeliveryDispatcher
from .domain import commands
from .handlers import digests, ledger, members
from .service import NotificationsService
from .unit_of_work import NotificationsUnitOfWork
from .web.app import create_app


def bootstrap(settings: Settings) -> NotificationsService:
    """The notifications service, ready to serve, consume, relay, dispatch or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("notifications"))
    channels = configuration.channels(settings)
    sending = {"offered": channels.offered, "zone": configuration.time_zone(settings)}

    def uow_factory() -> NotificationsUnitOfWork:
        return NotificationsUnitOfWork(database)

    bus = MessageBus(
        uow_factory=uow_factory,
        handlers={
            commands.WelcomeMember: partial(members.welcome_member, **sending),
            commands.SendLoginCode: partial(members.send_login_code, **sending),
            commands.UpdateContact: members.update_contact,
            commands.EraseRecipient: members.erase_recipient,
            commands.SetPreferences: members.set_preferences,
            commands.MarkMessageRead: members.mark_message_read,
            commands.RequeueDelivery: members.requeue_delivery,
            commands.Notify: partial(ledger.notify_member, **sending),
            commands.RecordRedemption: partial(ledger.record_redemption, **sending),
            commands.RecordDonation: partial(ledger.record_donation, zone=sending["zone"]),
            commands.RecordReversal: partial(ledger.record_reversal, **sending),
            commands.RecordTimeSpent: partial(ledger.record_time_spent, **sending),
            commands.RecordHoursConfirmed: partial(ledger.record_hours_confirmed, **sending),
            commands.RecordContract: ledger.record_contract,
            commands.EndContract: ledger.end_contract,
            commands.SendDailyTakings: partial(digests.send_daily_takings, **sending),
            commands.SendMonthlyReciprocity: partial(digests.send_monthly_reciprocity, **sending),
        },
        batch_handlers={
            commands.RecordRedemption: partial(ledger.record_redemptions, **sending),
        },
    )
    context = ServiceContext(settings=settings, bus=bus, database=database)
    dispatcher_factory = partial(
        DeliveryDispatcher,
        uow_factory=uow_factory,
        channels=channels,
        rules=configuration.dispatch_rules(settings),
        batch_size=settings.dispatch_batch_size,
        idle_seconds=settings.dispatch_idle_seconds,
    )
    return NotificationsService(
        name="notifications",
        settings=settings,
        database=database,
        metadata=orm.metadata,
        outbox=orm.outbox,
        bus=bus,
        subscriptions=SUBSCRIPTIONS,
        app_factory=partial(create_app, context),
        migrations_dir=Path(__file__).parent / "migrations",
        dispatcher_factory=dispatcher_factory,
        background={"dispatcher": lambda stop: dispatcher_factory().run(stop)},
    )
