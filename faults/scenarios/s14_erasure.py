"""14. Erasure of a seeded member while the tills of another town pay.

A household with a recognisable name, phone and e-mail gets a card, credit,
a payment and a contact in notifications; then the registry erases it
(``DELETE /members/{id}``, an operator's call) while traffic runs. Once the
erasure event has been handled everywhere, the name, the phone (as given
and as digits) and the e-mail are searched for in every text column of
every table of the three databases, in every message of every queue of the
namespace (dead letters included, peeked and put back), and in every log
file of the stack. The seeded town's ledger totals must not move.
"""

from __future__ import annotations

import contextlib
import re
import time

import pika

from faults.checker import drain
from faults.context import Context, Outcome
from faults.stack import FaultStack, wait_until
from faults.town import redeem
from faults.traffic import Traffic, failures
from shared.config import SERVICE_NAMES

TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb")


def run(ctx: Context) -> Outcome:
    token = f"{ctx.rng.randrange(10**6):06d}"
    name = f"Famiglia Zanzibarotti {token}"
    phone = f"+39 347 {token[:3]} {token[3:]}0"
    email = f"zanzibarotti.{token}@faults.fabene.example"
    needles = [name, phone, re.sub(r"\D", "", phone), email]
    notes = [f"seeded: {name!r}, phone {phone!r}, e-mail {email!r}"]
    busy = ctx.town(households=20, credit_cents=100_000, tills=4)
    seeded_town = ctx.town(
        households=2,
        tills=1,
        extra_households=[{"display_name": name, "phone": phone, "email": email}],
    )
    index = len(seeded_town.households) - 1
    member = seeded_town.households[index]["id"]
    paid = redeem(ctx.recorder, seeded_town, index, 250)
    notes.append(f"seeded household paid: {paid.status}")
    stack = ctx.stack
    wait_until(
        "notifications to hold the seeded contact",
        lambda: stack.scalar(
            "notifications",
            "SELECT count(*) FROM recipients WHERE member_id = %(m)s AND phone IS NOT NULL",
            {"m": member},
        ),
        stack,
    )
    before = _ledger_totals(stack, seeded_town.network_id)
    found_before = sum(n for _, n in _search_databases(stack, needles))
    with Traffic(ctx, busy, threads=6, pause=0.05) as traffic:
        time.sleep(2)
        erased = ctx.recorder.call(
            "DELETE", "registry", f"/members/{member}", None, seeded_town.admin
        )
        wait_until("every service to handle the erasure", lambda: _erasure_handled(stack), stack)
    after = _ledger_totals(stack, seeded_town.network_id)
    drain(stack)
    places = _search_databases(stack, needles) + _search_queues(stack, needles)
    places += _search_logs(stack, needles)
    found = sum(n for _, n in places)
    notes += [f"found in {where}: {n}" for where, n in places if n]
    errors = failures(traffic.records)
    figure = (
        f"erasure {erased.status}; occurrences {found} (before erasure {found_before} in the"
        f" databases); ledger totals unchanged {before == after}; till errors {len(errors)}"
        f" of {len(traffic.records)}"
    )
    passed = (
        erased.status in (200, 202, 204)
        and found_before > 0
        and found == 0
        and before == after
        and not errors
    )
    return Outcome(figure, passed, notes)


def _erasure_handled(stack: FaultStack) -> bool:
    return all(
        stack.scalar(
            service,
            "SELECT count(*) FROM handled_events WHERE event_type = 'registry.member.erased'",
        )
        for service in ("exchange", "notifications")
    )


def _ledger_totals(stack: FaultStack, network: str) -> list[tuple]:
    return stack.query(
        "exchange",
        "SELECT a.kind::text, a.unit::text, sum(a.balance), count(*) FROM accounts a"
        " WHERE a.network_id = %(n)s GROUP BY 1, 2 ORDER BY 1, 2",
        {"n": network},
    )


def _search_databases(stack: FaultStack, needles: list[str]) -> list[tuple[str, int]]:
    """(table.column of a service, matching rows) for every text-like column."""
    places = []
    for service in SERVICE_NAMES:
        columns = stack.query(
            service,
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND data_type = ANY(%(t)s)",
            {"t": list(TEXT_TYPES)},
        )
        for table, column in columns:
            count = stack.scalar(
                service,
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE ANY(%(p)s)',
                {"p": [f"%{n}%" for n in needles]},
            )
            places.append((f"{service}.{table}.{column}", count))
    return places


def _search_queues(stack: FaultStack, needles: list[str]) -> list[tuple[str, int]]:
    """Every message of every queue of the namespace, peeked and put back."""
    names = [n for q in stack.queues().values() for n in (q.main, q.retry, q.dead)]
    connection = pika.BlockingConnection(pika.URLParameters(stack.settings.broker_url))
    places = []
    try:
        for name in names:
            channel = connection.channel()
            hits = 0
            while True:
                method, properties, body = channel.basic_get(name, auto_ack=False)
                if method is None:
                    break
                text = body.decode("utf-8", "replace") + repr(properties.headers)
                hits += _contains(text, needles)
            channel.close()  # unacked messages go back to their queue
            places.append((f"queue {name}", hits))
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return places


def _search_logs(stack: FaultStack, needles: list[str]) -> list[tuple[str, int]]:
    return [
        (f"log {path.name}", _contains(path.read_text(errors="replace"), needles))
        for path in sorted(stack.processes._log_dir.glob("*.log"))
    ]


def _contains(text: str, needles: list[str]) -> int:
    lowered = text.lower()
    return sum(lowered.count(n.lower()) for n in needles)
