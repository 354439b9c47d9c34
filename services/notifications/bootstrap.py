"""The notifications composition root."""

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
from .unit_of_work import NotificationsUnitOfWork
from .web.app import create_app


def bootstrap(settings: Settings) -> Service:
    """The notifications service, ready to serve, consume, relay or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("notifications"))
    bus = MessageBus(
        uow_factory=lambda: NotificationsUnitOfWork(database),
        handlers={
            commands.WelcomeMember: handlers.welcome_member,
            commands.UpdateContact: handlers.update_contact,
            commands.EraseRecipient: handlers.erase_recipient,
        },
    )
    context = ServiceContext(settings=settings, bus=bus, database=database)
    return Service(
        name="notifications",
        settings=settings,
        database=database,
        metadata=orm.metadata,
        outbox=orm.outbox,
        bus=bus,
        subscriptions=SUBSCRIPTIONS,
        app_factory=partial(create_app, context),
        migrations_dir=Path(__file__).parent / "migrations",
    )
