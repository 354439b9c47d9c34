"""The citizen's wallet: balances, movements, hours against the contract, the card.

A citizen logs in for their household (the registry's login code goes to the
household's phone or e-mail), so the token's ``member_id`` is the household
whose wallet this is. One small page, no script: it has to be quick on a
cheap phone.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from shared.auth.principal import Role
from shared.web.context import database
from shared.web.i18n import for_households
from shared.web.pages import login_required, page_principal

from .. import views
from ..domain.calendar import local_day
from .wallet_card import card_qr_svg, grouped
from .wallet_words import WORDS

__all__ = ["WORDS", "blp"]

blp = Blueprint("wallet_pages", __name__)

RECENT_MOVEMENTS = 10


@blp.after_request
def never_cached(response):
    # Balances change at every purchase, and a phone may be shared.
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.get("/wallet")
@login_required(Role.CITIZEN)
@for_households
def wallet():
    """The household's balances, latest movements, hours this month and card."""
    principal = page_principal()
    household_id = principal.member_id
    if household_id is None:
        abort(403)
    db, today = database(), local_day()
    balances = views.balances(db, principal, household_id)
    statement = views.statement(
        db,
        principal,
        household_id,
        unit=None,
        since=None,
        until=None,
        page=1,
        page_size=RECENT_MOVEMENTS,
    )
    return render_template(
        "wallet/wallet.html",
        food_cents=balances["FOOD"]["balance"],
        time_minutes=balances["TIME"]["balance"],
        movements=_movements(statement["items"]),
        hours=views.household_reciprocity(db, principal, household_id, today),
        cards=[
            (grouped(number), card_qr_svg(number))
            for number in views.card_numbers(db, principal, household_id)
        ],
    )


def _movements(items: list[dict]) -> list[dict]:
    """Statement lines as the wallet lists them: the programme's day, and the kind of shop."""
    shop_ids = {item["shop_id"] for item in items if item["shop_id"]}
    shop_types = views.shop_types(database(), shop_ids) if shop_ids else {}
    return [
        {
            "day": local_day(item["created_at"]),
            "kind": item["kind"],
            "unit": item["unit"],
            "amount": item["amount"],
            "shop_type": shop_types.get(item["shop_id"]),
        }
        for item in items
    ]
