"""``fabene registry …``: the registry's commands for operators and scheduled jobs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click

from shared.auth.principal import Principal, Role
from shared.config import Settings
from shared.logging import configure_logging

from .domain import commands
from .domain.errors import NotFound

# What the command line acts as: whoever runs it on the server is trusted.
COMMAND_LINE = Principal(subject="command-line", role=Role.ADMIN)


@click.group("registry")
def registry_cli() -> None:
    """Registry: imports and scheduled jobs."""


@registry_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--network", "network_id", required=True, help="The network's id.")
@click.option(
    "--allow-partial", is_flag=True, help="Import the good rows even if some rows are bad."
)
@click.pass_obj
def import_members(settings: Settings, csv_file: Path, network_id: str, allow_partial: bool):
    """Import households and shops from a CSV file, checking every row first.

    Columns: kind, display_name, email, phone, language, birth_year; for
    households referred_by, referred_on, adults, minors (names split by ;);
    for shops shop_type, accepts_time, time_rate_cents_per_hour.
    """
    registry = _registry(settings)
    text = csv_file.read_text(encoding="utf-8-sig")
    rows = max(len(text.splitlines()) - 1, 0)
    with click.progressbar(length=2 * rows, label="Checking and importing", file=None) as bar:
        try:
            report = registry.bus.handle(
                commands.ImportMembers(COMMAND_LINE, network_id, text, allow_partial, bar.update)
            )
        except NotFound:
            raise click.BadParameter(f"no network {network_id}", param_hint="--network") from None
    for error in report.errors:
        click.echo(f"line {error.line}: {_describe(error.errors)}", err=True)
    if report.errors and not allow_partial:
        click.echo(f"{len(report.errors)} bad row(s): nothing imported (see --allow-partial)")
        raise SystemExit(1)
    click.echo(f"{report.imported} of {report.rows} row(s) imported")


@registry_cli.command("expire-eligibility")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Pretend it is this day.")
@click.pass_obj
def expire_eligibility(settings: Settings, today: datetime | None) -> None:
    """Suspend active households whose eligibility has expired (a daily job; safe to repeat)."""
    day: date = today.date() if today else datetime.now(UTC).date()
    suspended = _registry(settings).bus.handle(commands.SuspendExpiredHouseholds(day))
    click.echo(f"{len(suspended)} household(s) suspended: eligibility expired before {day}")


def _registry(settings: Settings):
    from services.wiring import bootstrap_service

    configure_logging(settings, "registry")
    return bootstrap_service("registry", settings)


def _describe(errors: dict) -> str:
    return "; ".join(
        f"{field}: {' '.join(map(str, messages)) if isinstance(messages, list) else messages}"
        for field, messages in errors.items()
    )
