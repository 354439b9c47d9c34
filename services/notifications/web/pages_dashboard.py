"""Deliveries at a glance, for a network's operators: what failed, what waits, dead letters.

Reads are the delivery log's own queries (the API's); trying a given-up
delivery again is the ``requeue`` command the CLI runs, for a delivery of
a network the operator manages.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import abort, redirect, render_template, request, url_for

from shared.web.context import bus, database, settings
from shared.web.pages import page_principal, refusal_text, words

from .. import views
from ..domain.commands import RequeueDelivery
from ..domain.deliveries import DeliveryStatus
from ..domain.errors import NotificationsError
from .errors import ERRORS
from .pages_dead_letters import count_dead_letters
from .pages_inbox import when
from .schemas import DEFAULT_STATS_PERIOD

FAILING = [DeliveryStatus.FAILED.value, DeliveryStatus.GIVEN_UP.value]
WAITING = [DeliveryStatus.QUEUED.value, DeliveryStatus.SENDING.value]
ROWS = 20


def dashboard_page(notices=(), status: int = 200):
    """The network's deliveries of the last 30 days per channel, the failing and the waiting."""
    network_id, networks = _network()
    page = {"network_id": network_id, "networks": networks, "notices": list(notices)}
    if network_id is not None:
        db, actor, until = database(), page_principal(), datetime.now(UTC)
        page.update(
            stats=views.delivery_stats(db, actor, network_id, until - DEFAULT_STATS_PERIOD, until),
            failing=views.deliveries(db, actor, network_id, FAILING, None, 1, ROWS),
            waiting=views.deliveries(db, actor, network_id, WAITING, None, 1, ROWS),
            dead_letters=count_dead_letters(settings()),
        )
    return render_template("dashboard.html", when=when, **page), status


def requeue(delivery_id: str):
    """Try a given-up delivery again, once its cause is mended."""
    try:
        views.visible_delivery(database(), page_principal(), delivery_id)
        bus().handle(RequeueDelivery(delivery_id))
    except NotificationsError as error:
        notice = ("error", refusal_text(error, ERRORS, words()))
        return dashboard_page([notice], ERRORS[type(error)][0])
    return dashboard_page([("ok", words()("pages_requeued"))])


def back_to_the_page(**_address):
    """The requeue address opened as a page (a reload, a language link): the page itself."""
    return redirect(url_for(".dashboard_page", **request.args))


def _network() -> tuple[str | None, list[str]]:
    """An operator's own network; an administrator's pick (or the only one there is)."""
    principal = page_principal()
    known = views.networks(database(), principal)
    asked = request.values.get("network", "").strip()
    if asked and not principal.manages_network(asked):
        abort(403)
    if asked or not principal.is_admin:
        return asked or principal.network_id, known
    return (known[0] if len(known) == 1 else None), known
