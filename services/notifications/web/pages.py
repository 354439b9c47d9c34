"""Messages, preferences, and deliveries at a glance.

A member reads their messages and chooses how they hear from the programme;
a network's operators see what failed to go out, what waits, and the dead
letters. Forms go through the message bus as the JSON API does, reads are
the queries of ``views.py``. The addresses are wired here.
"""

from __future__ import annotations

from flask import Blueprint

from shared.auth.principal import Role
from shared.web.pages import login_required

from . import pages_dashboard as deliveries
from . import pages_inbox as inbox
from . import pages_preferences as preferences
from .pages_words import WORDS

__all__ = ["WORDS", "blp"]

blp = Blueprint("notifications_pages", __name__)

anyone = login_required()
staff_only = login_required(Role.ADMIN, Role.OPERATOR)
PAGES = [
    ("/inbox", inbox.inbox_page, ["GET"], anyone),
    ("/inbox/<message_id>/read", inbox.mark_read, ["POST"], anyone),
    ("/preferences", preferences.preferences_page, ["GET"], anyone),
    ("/preferences", preferences.save_preferences, ["POST"], anyone),
    ("/dashboard", deliveries.dashboard_page, ["GET"], staff_only),
    ("/dashboard/deliveries/<delivery_id>/requeue", deliveries.requeue, ["POST"], staff_only),
    (
        "/dashboard/deliveries/<delivery_id>/requeue",
        deliveries.back_to_the_page,
        ["GET"],
        staff_only,
    ),
]
for rule, view, methods, guard in PAGES:
    blp.add_url_rule(rule, view.__name__, guard(view), methods=methods)


@blp.after_request
def never_stored(response):
    """Messages are personal, and a phone or an office computer may be shared."""
    response.headers["Cache-Control"] = "no-store"
    return response
