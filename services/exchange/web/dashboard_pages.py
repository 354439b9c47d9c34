"""The operator's credits: allocations, hours to confirm, settlement, impact.

Pages for a network's operators on a laptop; an administrator picks the
network. Every form goes through the message bus as the JSON API does, so
the same rules and the same authorisation apply; every read is a query of
``views.py``. The addresses are wired here, the views live beside it.
"""

from __future__ import annotations

from flask import Blueprint

from shared.auth.principal import Role
from shared.web.pages import login_required

from . import dashboard_credits as credits
from . import dashboard_reports as reports
from .dashboard_words import WORDS

__all__ = ["WORDS", "blp"]

blp = Blueprint("exchange_dashboard", __name__)

PAGES = [
    ("/dashboard", credits.credits_page, ["GET"]),
    ("/dashboard/settlement", reports.settlement_page, ["GET"]),
    ("/dashboard/settlement", reports.record_settlement, ["POST"]),
    ("/dashboard/settlement.csv", reports.settlement_csv, ["GET"]),
    ("/dashboard/impact", reports.impact_page, ["GET"]),
]
# The credits page's forms answer with the page itself; their address opened
# later (a reload, a language link) leads back to the page.
CREDITS_FORMS = [
    ("/dashboard/allocations", credits.allocate),
    ("/dashboard/entitlements", credits.allocate_entitlements),
    ("/dashboard/grants", credits.grant),
    ("/dashboard/pins", credits.set_pin),
    ("/dashboard/time-entries/<entry_id>/confirm", credits.confirm_hours),
    ("/dashboard/time-entries/<entry_id>/reject", credits.reject_hours),
]

# A household's or shop's name is personal data the registry keeps: the pages
# show the start of its id, a link to its record in the registry's dashboard.
REGISTRY_MEMBER_PAGE = "/registry/dashboard/members/{}"

staff_only = login_required(Role.ADMIN, Role.OPERATOR)
for rule, view, methods in PAGES:
    blp.add_url_rule(rule, view.__name__, staff_only(view), methods=methods)
for rule, view in CREDITS_FORMS:
    blp.add_url_rule(rule, view.__name__, staff_only(view), methods=["POST"])
    back = staff_only(credits.back_to_the_page)
    blp.add_url_rule(rule, f"{view.__name__}_as_page", back, methods=["GET"])


@blp.context_processor
def registry_links() -> dict:
    return {"registry_member_page": REGISTRY_MEMBER_PAGE.format}


@blp.after_request
def never_stored(response):
    """Pages the browser never keeps: going back draws them anew, with fresh keys.

    A form's idempotency key is for one use, and the office laptop may be shared.
    """
    response.headers["Cache-Control"] = "no-store"
    return response
