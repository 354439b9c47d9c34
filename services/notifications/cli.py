"""``fabene notifications``: dispatch deliveries, send the digests, look into the delivery log."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import click

from services.wiring import bootstrap_service
from shared.auth.principal import Principal, Role
from shared.config import Settings
from shared.logging import configure_logging

from . import views
from .configuration import time_zone
from .domain.commands import RequeueDelivery, SendDailyTakings, SendMonthlyReciprocity
from .domain.digests import Month
from .domain.errors import NotificationsError
from .handlers.digests import ALREADY_SENT, MUTED, SENT, UNKNOWN, DigestRun
from .service import NotificationsService

OPERATIONS = Principal(subject="fabene-cli", role=Role.ADMIN)


@contextmanager
def _notifications(settings: Settings) -> Iterator[NotificationsService]:
    """The service for one command; its database connections closed afterwards."""
    service = bootstrap_service("notifications", settings)
    try:
        yield service
    finally:
        service.database.dispose()


@click.group()
def notifications() -> None:
    """E-mail, SMS and inbox deliveries; the daily and monthly digests."""


@notifications.command()
@click.option("--once", is_flag=True, help="One round, then exit (otherwise until SIGTERM).")
@click.pass_obj
def dispatch(settings: Settings, once: bool) -> None:
    """Send due e-mails and SMS; the worker's dispatcher does the same in a thread."""
    configure_logging(settings, "notifications")
    with _notifications(settings) as service:
        dispatcher = service.dispatcher()
        if once:
            outcomes = dispatcher.run_once()
            summary = ", ".join(f"{outcome} {n}" for outcome, n in sorted(outcomes.items()))
            click.echo(f"dispatched: {summary or 'nothing was due'}")
            return
        stop = threading.Event()
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, lambda *_: stop.set())
        dispatcher.run(stop)


@notifications.command()
@click.argument("network_id")
@click.option("--days", type=int, default=30, show_default=True, help="The period, up to now.")
@click.pass_obj
def stats(settings: Settings, network_id: str, days: int) -> None:
    """A network's deliveries per channel and status, then per topic and channel."""
    until = datetime.now(UTC)
    with _notifications(settings) as service:
        counts = views.delivery_stats(
            service.database, OPERATIONS, network_id, until - timedelta(days=days), until
        )
    for channel, by_status in counts["by_channel"].items():
        shown = "  ".join(f"{status}={count}" for status, count in by_status.items())
        click.echo(f"{channel:<6} {shown}")
    for topic, by_channel in counts["by_topic"].items():
        shown = "  ".join(f"{channel}={count}" for channel, count in by_channel.items())
        click.echo(f"{topic:<20} {shown}")
    click.echo(f"{counts['total']} deliveries in the last {days} day(s)")


@notifications.command()
@click.argument("network_id")
@click.option("--limit", type=int, default=50, show_default=True)
@click.pass_obj
def failures(settings: Settings, network_id: str, limit: int) -> None:
    """A network's failing and given-up deliveries, newest first, with their last error."""
    with _notifications(settings) as service:
        page = views.deliveries(
            service.database, OPERATIONS, network_id, ["failed", "given_up"], None, 1, limit
        )
    for item in page["items"]:
        click.echo(
            f"{item.id}  {item.channel.value:<5} {item.topic:<20} {item.status.value:<8} "
            f"attempts={item.attempts}  {item.updated_at:%Y-%m-%d %H:%M}\n"
            f"    {item.last_error or '-'}"
        )
    click.echo(f"{page['total']} failing or given up; {len(page['items'])} shown")


@notifications.command()
@click.argument("delivery_ids", nargs=-1, required=True)
@click.pass_obj
def requeue(settings: Settings, delivery_ids: tuple[str, ...]) -> None:
    """Try given-up deliveries again (after mending the cause: SMTP password, gateway...)."""
    with _notifications(settings) as service:
        for delivery_id in delivery_ids:
            try:
                service.bus.handle(RequeueDelivery(delivery_id))
            except NotificationsError as error:
                raise click.ClickException(f"{delivery_id}: {error}") from None
            click.echo(f"{delivery_id}: queued again")


@notifications.command("daily-takings")
@click.option(
    "--day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day, as YYYY-MM-DD (default: yesterday, in FABENE_TIMEZONE).",
)
@click.pass_obj
def daily_takings(settings: Settings, day: datetime | None) -> None:
    """Send each shop its takings of a day; a second run for the same day sends nothing."""
    the_day = day.date() if day else _today(settings) - timedelta(days=1)
    with _notifications(settings) as service:
        run = service.bus.handle(SendDailyTakings(the_day))
    _report(run, "shop(s)")


@notifications.command("monthly-reciprocity")
@click.option("--month", help="The month, as YYYY-MM (default: last month, in FABENE_TIMEZONE).")
@click.pass_obj
def monthly_reciprocity(settings: Settings, month: str | None) -> None:
    """Send each household under contract its hours of a month; a second run sends nothing."""
    try:
        the_month = Month.parse(month) if month else Month.of(_today(settings)).previous()
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--month") from None
    with _notifications(settings) as service:
        run = service.bus.handle(SendMonthlyReciprocity(the_month))
    _report(run, "household(s)")


def _today(settings: Settings) -> date:
    return datetime.now(time_zone(settings)).date()


def _report(run: DigestRun, whom: str) -> None:
    counts = {outcome: len(run.members(outcome)) for outcome in (SENT, ALREADY_SENT, MUTED)}
    for member_id in run.members(UNKNOWN):
        click.echo(f"{member_id}: not known here yet (no registry event about them)")
    click.echo(
        f"{run.topic} {run.period}: {len(run.outcomes)} {whom}; sent {counts[SENT]}, "
        f"already sent {counts[ALREADY_SENT]}, muted {counts[MUTED]}, "
        f"unknown {len(run.members(UNKNOWN))}"
    )
