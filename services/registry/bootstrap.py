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

from . import handlers
from .adapters import orm
from .domain import commands
from .unit_of_work import RegistryUnitOfWork
from .web.app import create_app

log = logging.getLogger(__name__)


def bootstrap(settings: Settings) -> Service:
    """The registry, ready to serve, relay its outbox or migrate."""
    orm.start_mappers()
    database = Database(settings.database_url_for("registry"))
    signer = token_signer_provider(settings)
    bus = MessageBus(
        uow_factory=lambda: RegistryUnitOfWork(database),
        handlers={
            commands.IssueToken: lambda cmd, uow: handlers.issue_token(cmd, uow, signer()),
            commands.CreateNetwork: handlers.create_network,
            commands.RegisterMember: handlers.register_member,
            commands.EnsureAdministrator: handlers.ensure_administrator,
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
