"""Household cards to print on A4: holder, network, number in fours and its QR code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import render_template, request
from markupsafe import Markup

from shared.web.context import database
from shared.web.pages import login_required, page_principal

from .. import views
from ..domain.cards import display_card_number
from .card_qr import card_qr_inline_svg
from .dashboard_support import MANAGERS, REFUSALS, networks_to_choose, refused_page

RECENT_DAYS, MAX_DAYS = 7, 90


@dataclass(frozen=True)
class PrintedCard:
    holder: str
    network: str
    number: str
    qr_svg: Markup


@login_required(*MANAGERS)
def print_cards():
    """The cards of the members named (``?member=``), or the network's recent ones."""
    try:
        rows = _cards_asked_for(page_principal(), request.args.getlist("member"))
    except REFUSALS as error:
        return refused_page(error)
    cards = [
        PrintedCard(
            holder.display_name,
            network.name,
            display_card_number(card.number),
            # segno writes the SVG from digits only: nothing of the visitor's gets in.
            Markup(card_qr_inline_svg(card.number)),
        )
        for card, holder, network in rows
    ]
    return render_template("dashboard/print.html", cards=cards)


def _cards_asked_for(principal, member_ids: list[str]) -> list:
    if member_ids:
        return views.members_cards_to_print(database(), principal, member_ids)
    _networks, network = networks_to_choose(principal)
    if network is None:
        return []
    since = datetime.now(UTC) - timedelta(days=_days())
    return views.new_cards_to_print(database(), principal, network.id, since)


def _days() -> int:
    days = request.args.get("days", type=int) or RECENT_DAYS
    return min(max(days, 1), MAX_DAYS)
