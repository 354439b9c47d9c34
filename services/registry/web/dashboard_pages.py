"""The operator's dashboard and pairing a till: every page's address, in one table.

Operators see their network (an administrator picks one); educators see
their households read-only. The views live in ``dashboard_*.py``, one
module per page family, and hand their commands to the registry's bus as
the API does, so the same rules apply.
"""

from __future__ import annotations

from flask import Blueprint

from . import dashboard_cards, dashboard_member, dashboard_members, dashboard_pairing
from .dashboard_words import WORDS

__all__ = ["WORDS", "blp"]

MEMBER = "/dashboard/members/<uuid:member_id>"

ROUTES = [
    ("/dashboard", dashboard_members.members, "GET"),
    ("/dashboard/enrol", dashboard_members.enrolment_form, "GET"),
    ("/dashboard/enrol", dashboard_members.enrol, "POST"),
    (MEMBER, dashboard_member.member, "GET"),
    (f"{MEMBER}/status", dashboard_member.change_status, "POST"),
    (f"{MEMBER}/cards", dashboard_member.issue_card, "POST"),
    (f"{MEMBER}/cards/<uuid:card_id>/block", dashboard_member.block_card, "POST"),
    (f"{MEMBER}/pairing-codes", dashboard_member.issue_pairing_code, "POST"),
    (f"{MEMBER}/tills/<uuid:device_id>/revoke", dashboard_member.revoke_till, "POST"),
    ("/dashboard/cards/print", dashboard_cards.print_cards, "GET"),
    ("/pair", dashboard_pairing.pairing_form, "GET"),
    ("/pair", dashboard_pairing.pair, "POST"),
]

blp = Blueprint("registry_dashboard", __name__)
for rule, view, method in ROUTES:
    blp.add_url_rule(rule, view_func=view, methods=[method])
