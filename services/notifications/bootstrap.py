"""The notifications composition root."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from shared.config import Settings
from shared.db import Database
from shared.messagebus import MessageBus
from shared.web.context import ServiceContext

from . import configuration, handlers
from .adapters import orm
from .adapters.translators import SUBSCRIPTIONS
from .dispatcher import DeliveryDispatcher
from .domain import commands
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
            commands.WelcomeMember: partial(handlers.welcome_member, **sending),
            commands.SendLoginCode: partial(handlers.send_login_code, **sending),
            commands.UpdateContact: handlers.update_contact,
            commands.EraseRecipient: handlers.erase_recipient,
            commands.SetPreferences: handlers.set_preferences,
            commands.MarkMessageRead: handlers.mark_message_read,
            commands.RequeueDelivery: handlers.requeue_delivery,
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
