"""The dashboard's credits page: the pool and grants, allocations, the cycle's batch, hours, PINs.

Each form posts to its own address and gets the whole page back with a
notice; opening one of those addresses leads back to the page.
"""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from shared.formatting import format_duration, format_euros
from shared.web.context import bus, database
from shared.web.forms import new_form_key
from shared.web.pages import page_principal, words

from .. import views
from ..domain import commands
from ..domain.calendar import local_day
from ..domain.cards import normalised
from .dashboard_forms import (
    REFUSED,
    InvalidForm,
    cents_from_euros,
    form_request,
    refusal,
)
from .dashboard_scope import Scope, network_scope
from .schemas import GrantSchema, RejectionSchema


def credits_page(scope: Scope | None = None, notices=(), status: int = 200, batch=None):
    """The page: what the network's pool holds, its households, the hours waiting."""
    scope = scope or network_scope()
    page = {"scope": scope, "tab": "credits", "notices": list(notices), "batch": batch}
    if scope.network_id is not None:
        db, actor, network_id = database(), page_principal(), scope.network_id
        page.update(
            pool_cents=views.pool_balance(db, actor, network_id),
            households=views.households_to_allocate(db, actor, network_id),
            pending_hours=views.time_entries(db, actor, network_id, "pending"),
        )
    return render_template("dashboard/credits.html", fresh_key=new_form_key, **page), status


def back_to_the_page(**_address):
    """A form's address opened as a page (a reload, a language link): the page itself."""
    return redirect(url_for(".credits_page", **request.args))


def allocate():
    """Credits from the pool to one household, once per form as drawn."""
    scope, t = network_scope(), words()
    member_id = request.form.get("member_id", "")
    try:
        cents = cents_from_euros(request.form.get("amount", ""))
        asked = form_request("allocation", member=member_id, amount=cents)
        moved = bus().handle(commands.Allocate(page_principal(), asked, member_id, cents))
    except REFUSED as error:
        return credits_page(scope, *refusal(error))
    balance = _euros(moved["balance_cents"])
    notice = t("dashboard_allocated", amount=_euros(cents), member=member_id[:8], balance=balance)
    return credits_page(scope, [("ok", notice)])


def allocate_entitlements():
    """Every active household's entitlement for this cycle; who was left out, and why."""
    scope = network_scope()
    command = commands.AllocateEntitlements(page_principal(), scope.chosen, local_day())
    try:
        run = bus().handle(command)
    except REFUSED as error:
        return credits_page(scope, *refusal(error))
    summary = words()(
        "dashboard_batch_done", allocated=len(run.allocated), left_out=len(run.left_out)
    )
    return credits_page(scope, [("ok", summary)], batch=run)


def grant():
    """Money from a funder into the pool, once per form as drawn."""
    scope = network_scope()
    memo = request.form.get("memo", "")
    try:
        cents = cents_from_euros(request.form.get("amount", ""))
        _check(GrantSchema(), {"network_id": scope.chosen, "amount_cents": cents, "memo": memo})
        asked = form_request("grant", network=scope.chosen, amount=cents)
        command = commands.Grant(page_principal(), asked, scope.chosen, cents, memo.strip())
        moved = bus().handle(command)
    except REFUSED as error:
        return credits_page(scope, *refusal(error))
    notice = words()("dashboard_granted", amount=_euros(cents), pool=_euros(moved["pool_cents"]))
    return credits_page(scope, [("ok", notice)])


def set_pin():
    """A card's new PIN, typed twice, set at the office (it unlocks a locked card)."""
    scope, form = network_scope(), request.form
    number = normalised(form.get("card_number", ""))
    try:
        if form.get("pin", "") != form.get("pin_again", ""):
            raise InvalidForm("dashboard_pins_differ")
        bus().handle(commands.SetPin(page_principal(), number, form.get("pin", "")))
    except REFUSED as error:
        return credits_page(scope, *refusal(error, not_allowed="dashboard_pin_not_acceptable"))
    return credits_page(scope, [("ok", words()("dashboard_pin_set", ending=number[-4:]))])


def confirm_hours(entry_id: str):
    """The hours become the household's TIME credits."""
    scope = network_scope()
    try:
        entry = bus().handle(commands.ConfirmTime(page_principal(), entry_id))
    except REFUSED as error:
        return credits_page(scope, *refusal(error, not_allowed="dashboard_hours_decided_already"))
    return credits_page(
        scope, [("ok", words()("dashboard_hours_confirmed", hours=_duration(entry)))]
    )


def reject_hours(entry_id: str):
    """The hours are refused, with the reason the household will read."""
    scope = network_scope()
    reason = request.form.get("reason", "")
    try:
        _check(RejectionSchema(), {"reason": reason}, invalid="dashboard_invalid_reason")
        entry = bus().handle(commands.RejectTime(page_principal(), entry_id, reason.strip()))
    except REFUSED as error:
        return credits_page(scope, *refusal(error, not_allowed="dashboard_hours_decided_already"))
    return credits_page(
        scope, [("ok", words()("dashboard_hours_rejected", hours=_duration(entry)))]
    )


def _check(schema, body: dict, invalid: str = "dashboard_invalid_memo") -> None:
    """The API's own rules for this input, so a form and a request agree."""
    try:
        schema.load(body)
    except ValidationError:
        raise InvalidForm(invalid) from None


def _euros(cents: int) -> str:
    return format_euros(cents, g.language)


def _duration(entry) -> str:
    return format_duration(entry.minutes, g.language)
