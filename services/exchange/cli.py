"""``fabene exchange …``: the exchange's scheduled jobs and operator commands."""

from __future__ import annotations

from datetime import date, datetime

import click

from shared.auth.principal import Principal, Role
from shared.config import Settings
from shared.logging import configure_logging

from .domain import commands
from .domain.calendar import local_day

COMMAND_LINE = Principal(subject="command-line", role=Role.ADMIN)
DAY = click.DateTime(["%Y-%m-%d"])


@click.group("exchange")
def exchange_cli() -> None:
    """Exchange: scheduled jobs (expiry, entitlements)."""


@exchange_cli.command("expire")
@click.option("--today", type=DAY, help="Pretend it is this day (Turin's date by default).")
@click.pass_obj
def expire(settings: Settings, today: datetime | None) -> None:
    """Return credits unspent past their lifetime to the pools; warn households a week ahead.

    A daily job; running it twice the same day changes nothing more.
    """
    day: date = today.date() if today else local_day()
    run = _exchange(settings).bus.handle(commands.ExpireCredits(day))
    expired = sum(row["amount_cents"] for row in run.expired)
    click.echo(
        f"{len(run.expired)} household(s): {expired} cents expired back to the pools; "
        f"{len(run.warned)} household(s) warned of credits expiring within a week"
    )


@exchange_cli.command("entitlements")
@click.option("--network", "network_id", required=True, help="The network's id.")
@click.option("--day", type=DAY, help="A day of the cycle (today by default).")
@click.pass_obj
def entitlements(settings: Settings, network_id: str, day: datetime | None) -> None:
    """Give every active household of a network its entitlement for the cycle, once."""
    when = day.date() if day else local_day()
    run = _exchange(settings).bus.handle(
        commands.AllocateEntitlements(COMMAND_LINE, network_id, when)
    )
    given = sum(row["amount_cents"] for row in run.allocated)
    click.echo(f"cycle {run.cycle}: {len(run.allocated)} household(s), {given} cents")
    for row in run.left_out:
        click.echo(f"left out {row['member_id']}: {row['reason']}")


def _exchange(settings: Settings):
    from services.wiring import bootstrap_service

    configure_logging(settings, "exchange")
    return bootstrap_service("exchange", settings)
