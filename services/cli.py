"""The ``fabene`` command line: run, serve, work, migrate, set up the broker, dead letters."""

from __future__ import annotations

import logging
import signal
import sys

import click

from services.exchange.cli import exchange_cli
from services.notifications.cli import notifications as notifications_cli
from services.registry.cli import registry_cli
from services.wiring import (
    bootstrap_all,
    bootstrap_service,
    consumers_by_event_type,
    set_up_broker,
)
from shared.config import SERVICE_NAMES, ConfigurationError, Settings
from shared.contracts.docs import catalogue_markdown
from shared.logging import configure_logging
from shared.messaging.deadletters import list_dead_letters, replay_dead_letters

SERVICE = click.Choice(SERVICE_NAMES)
CONSUMING_SERVICE = click.Choice([name for name in SERVICE_NAMES if name != "registry"])


@click.group()
@click.pass_context
def main(context: click.Context) -> None:
    """Fa Bene Exchange: food and time credits for food-reciprocity programmes."""
    try:
        context.obj = Settings.from_env()
    except ConfigurationError as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.option("--port", type=int, help="Port to listen on (default 8000, or FABENE_PORT).")
@click.option("--host", help="Address to listen on (default 127.0.0.1, or FABENE_HOST).")
@click.option("--demo/--no-demo", default=True, help="Seed demo data on the first start.")
@click.pass_obj
def run(settings: Settings, port: int | None, host: str | None, demo: bool) -> None:
    """The whole system in one process, on SQLite and the in-memory broker."""
    from services.allinone import run as run_all_in_one

    settings = settings.with_overrides(
        port=port or settings.port, host=host or settings.host, log_format="text"
    )
    configure_logging(settings.with_overrides(log_level="WARNING"), "fabene")
    if not settings.uses_memory_broker:
        click.echo("note: FABENE_BROKER_URL points at a real broker; fabene run uses it.")
    run_all_in_one(settings, demo=demo, echo=click.echo)


@main.command()
@click.argument("service", type=SERVICE)
@click.option("--bind", help="host:port (default FABENE_HOST:FABENE_PORT).")
@click.option("--workers", type=int, help="Web processes (default FABENE_WEB_WORKERS).")
@click.option("--threads", type=int, help="Threads per process (default FABENE_WEB_THREADS).")
@click.pass_obj
def web(
    settings: Settings, service: str, bind: str | None, workers: int | None, threads: int | None
):
    """One service's web app under gunicorn, mounted at /SERVICE."""
    from shared.web.gateway import mount
    from shared.web.gunicorn import GunicornServer, gunicorn_options, prepare_metrics_directory

    configure_logging(settings, service)
    prepare_metrics_directory()

    def app_factory():
        return mount({service: bootstrap_service(service, settings).create_app()})

    options = gunicorn_options(
        settings,
        bind=bind or f"{settings.host}:{settings.port}",
        workers=workers or settings.web_workers,
        threads=threads or settings.web_threads,
    )
    GunicornServer(app_factory, options).run()


@main.command()
@click.argument("service", type=SERVICE)
@click.option("--relay/--no-relay", default=True, help="Publish the outbox.")
@click.option("--consume/--no-consume", default=True, help="Consume the service's queue.")
@click.option(
    "--background/--no-background",
    default=True,
    help="Run the service's own loops (the notifications dispatcher).",
)
@click.option(
    "--metrics-port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Serve /metrics for Prometheus on this port (FABENE_WORKER_METRICS_PORT; 0: none).",
)
@click.pass_obj
def worker(
    settings: Settings,
    service: str,
    relay: bool,
    consume: bool,
    background: bool,
    metrics_port: int | None,
) -> None:
    """One service's outbox relay, event consumer and own loops, until SIGTERM or Ctrl+C."""
    from prometheus_client import start_http_server

    from shared import fault_hook
    from shared.garbage_collection import settle_after_startup
    from shared.worker import Worker

    configure_logging(settings, service)
    if settings.uses_memory_broker:
        raise click.UsageError(
            "the in-memory broker lives inside one process: set FABENE_BROKER_URL "
            "to RabbitMQ for separate workers, or use `fabene run`"
        )
    fault_hook.arm(settings.fault_kill_at)
    running = Worker(
        bootstrap_service(service, settings), relay=relay, consume=consume, background=background
    )
    settle_after_startup()
    running.start()
    port = settings.worker_metrics_port if metrics_port is None else metrics_port
    if port:
        # The relay's backlog and lag, retries and dead letters live in this process.
        start_http_server(port)
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: running.stop())
    logging.getLogger(__name__).info(
        "worker started", extra={"relay": relay, "consume": consume, "metrics_port": port}
    )
    running.join()


@main.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.argument("service", type=click.Choice([*SERVICE_NAMES, "all"]))
@click.pass_obj
def db_upgrade(settings: Settings, service: str) -> None:
    """Migrate a service's database (or all) to the newest revision."""
    configure_logging(settings, "fabene")
    names = SERVICE_NAMES if service == "all" else (service,)
    for name in names:
        bootstrap_service(name, settings).upgrade_database()
        click.echo(f"{name}: database is up to date")


@main.group()
def broker() -> None:
    """The message broker."""


@broker.command("setup")
@click.pass_obj
def broker_setup(settings: Settings) -> None:
    """Declare the events exchange and every service's queues and bindings."""
    configure_logging(settings, "fabene")
    set_up_broker(settings, bootstrap_all(settings))
    click.echo(f"exchange {settings.events_exchange} and service queues declared")


@main.group()
def dlq() -> None:
    """Dead letters: messages a service could not handle."""


@dlq.command("list")
@click.argument("service", type=CONSUMING_SERVICE)
@click.option("--limit", type=int, default=100, show_default=True)
@click.pass_obj
def dlq_list(settings: Settings, service: str, limit: int) -> None:
    """Show a service's dead letters with their reasons (they stay in the queue)."""
    _refuse_memory_broker(settings)
    queues = bootstrap_service(service, settings).queues
    letters = list_dead_letters(settings, queues, limit)
    for letter in letters:
        click.echo(
            f"{letter.message_id or '-'}  {letter.event_type or '-'}  "
            f"attempts={letter.attempts}  failed_at={letter.failed_at or '-'}\n"
            f"    reason: {letter.reason}\n    body: {letter.body_preview}"
        )
    click.echo(f"{len(letters)} dead letter(s) in {queues.dead}")


@dlq.command("replay")
@click.argument("service", type=CONSUMING_SERVICE)
@click.option("--id", "message_ids", multiple=True, help="Replay only these message ids.")
@click.option("--all", "replay_all", is_flag=True, help="Replay every dead letter.")
@click.pass_obj
def dlq_replay(settings: Settings, service: str, message_ids: tuple[str, ...], replay_all: bool):
    """Send dead letters back to the service's queue (handled at most once each)."""
    _refuse_memory_broker(settings)
    if not (message_ids or replay_all):
        raise click.UsageError("name messages with --id, or pass --all")
    queues = bootstrap_service(service, settings).queues
    wanted = set(message_ids)
    count = replay_dead_letters(
        settings, queues, lambda letter: replay_all or letter.message_id in wanted
    )
    click.echo(f"{count} dead letter(s) sent back to {queues.main}")


@main.group()
def events() -> None:
    """The event catalogue."""


@events.command("catalogue")
@click.pass_obj
def events_catalogue(settings: Settings) -> None:
    """Print the catalogue of every event and its schema (docs/events.md)."""
    click.echo(catalogue_markdown(consumers_by_event_type(settings)), nl=False)


main.add_command(registry_cli)
main.add_command(exchange_cli)
main.add_command(notifications_cli, "notifications")


def _refuse_memory_broker(settings: Settings) -> None:
    if settings.uses_memory_broker:
        raise click.UsageError(
            "dead letters of the in-memory broker live inside the running `fabene run` "
            "process; set FABENE_BROKER_URL to RabbitMQ"
        )


if __name__ == "__main__":
    sys.exit(main())
