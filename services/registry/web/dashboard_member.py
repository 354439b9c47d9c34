"""A member's page on the dashboard: details, status, cards, and a shop's tills."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import g, render_template, request
from marshmallow import ValidationError

from shared.formatting import format_clock_time
from shared.web.context import bus, database, settings
from shared.web.pages import login_required, page_principal, words

from .. import views
from ..domain import commands
from ..domain.cards import display_card_number
from ..domain.members import ALLOWED_TRANSITIONS, CARD_HOLDER_KINDS, MemberKind, MemberStatus
from ..domain.pairing import display_pairing_code
from .dashboard_forms import BLOCK_REASONS, BlockForm, StatusForm, problems, read_form
from .dashboard_support import (
    MANAGERS,
    REFUSALS,
    STAFF,
    back_to_member,
    done_notices,
    refusal,
    refused_page,
)


@login_required(*STAFF)
def member(member_id):
    """Everything the dashboard shows about one member, with what may be done."""
    return _member_page(str(member_id), done_notices())


@login_required(*MANAGERS)
def change_status(member_id):
    """Move the member along pending → active → suspended → exited, with a reason."""
    try:
        form = read_form(StatusForm(), request.form)
    except ValidationError as error:
        return _member_page(str(member_id), problems(error, words()), 422)
    command = commands.ChangeStatus(
        page_principal(), str(member_id), form["status"], form["reason"]
    )
    return _act(str(member_id), command, "status")


@login_required(*MANAGERS)
def issue_card(member_id):
    """A first card for a household or a volunteering citizen."""
    return _act(str(member_id), commands.IssueCard(page_principal(), str(member_id)), "card_issued")


@login_required(*MANAGERS)
def block_card(member_id, card_id):
    """Block a lost (stolen, damaged) card: it stops working at every till."""
    try:
        form = read_form(BlockForm(), request.form)
    except ValidationError as error:
        return _member_page(str(member_id), problems(error, words()), 422)
    command = commands.BlockCard(page_principal(), str(card_id), form["reason"])
    return _act(str(member_id), command, "card_blocked")


@login_required(*MANAGERS)
def revoke_till(member_id, device_id):
    """Revoke a shop's till: its token stops working."""
    command = commands.RevokeDevice(page_principal(), str(device_id))
    return _act(str(member_id), command, "till_revoked")


@login_required(*MANAGERS)
def issue_pairing_code(member_id):
    """A one-time code for a new till of this shop, shown big, once."""
    principal = page_principal()
    try:
        pairing, code = bus().handle(commands.IssuePairingCode(principal, str(member_id)))
    except REFUSALS as error:
        text, status = refusal(error)
        return _member_page(str(member_id), [("error", text)], status)
    valid_until = format_clock_time(pairing.expires_at, g.language, ZoneInfo(settings().timezone))
    return render_template(
        "dashboard/pairing_code.html",
        shop=views.member(database(), principal, pairing.shop_id),
        code=display_pairing_code(code),
        valid_until=valid_until,
    )


def _act(member_id: str, command, done: str):
    """Hand a form's command to the registry; back to the member's page either way."""
    try:
        bus().handle(command)
    except REFUSALS as error:
        text, status = refusal(error)
        return _member_page(member_id, [("error", text)], status)
    return back_to_member(member_id, done)


def _member_page(member_id: str, notices=(), status: int = 200):
    principal, db = page_principal(), database()
    try:
        shown = views.member(db, principal, member_id)
    except REFUSALS as error:
        return refused_page(error)
    manages = principal.manages_network(shown.network_id)
    holds_cards, has_tills = shown.kind in CARD_HOLDER_KINDS, shown.kind is MemberKind.SHOP
    page = render_template(
        "dashboard/member.html",
        member=shown,
        network=views.network(db, principal, shown.network_id),
        history=views.status_history(db, principal, member_id),
        cards=views.cards_of(db, principal, member_id) if holds_cards else None,
        tills=views.devices_of(db, principal, member_id) if manages and has_tills else None,
        manages=manages,
        next_statuses=[s for s in MemberStatus if s in ALLOWED_TRANSITIONS[shown.status]],
        block_reasons=BLOCK_REASONS,
        card_number=display_card_number,
        notices=list(notices),
    )
    return page, status
