"""What the dashboard's pages share: who uses them, the network shown, refusals."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from shared.auth.principal import PermissionDenied, Principal, Role
from shared.web.context import database
from shared.web.pages import refusal_text, words

from .. import views
from ..domain.errors import RegistryError
from ..domain.networks import Network
from .errors import ERRORS

STAFF = (Role.ADMIN, Role.OPERATOR, Role.EDUCATOR)
MANAGERS = (Role.ADMIN, Role.OPERATOR)
REFUSALS = (RegistryError, PermissionDenied)
DONE = ("enrolled", "status", "card_issued", "card_blocked", "till_revoked")


def refusal(error: Exception) -> tuple[str, int]:
    """The words and the HTTP status of a refused action, as the API would answer it."""
    status, _code = ERRORS.get(type(error), (403, "forbidden"))
    return refusal_text(error, ERRORS, words()), status


def refused_page(error: Exception):
    """A page saying why, for what cannot be shown at all (another network's member...)."""
    text, status = refusal(error)
    return render_template("dashboard/refused.html", notices=[("error", text)]), status


def done_notices() -> list[tuple[str, str]]:
    """What the form before the redirect did (``?done=``), to say so on the page."""
    done = request.args.get("done", "")
    return [("ok", words()(f"done_{done}"))] if done in DONE else []


def back_to_member(member_id: str, done: str):
    return redirect(url_for("registry_dashboard.member", member_id=member_id, done=done))


def networks_to_choose(principal: Principal) -> tuple[list[Network], Network | None]:
    """The networks this person may look at, and the one chosen (``network_id``)."""
    networks = views.networks(database(), principal)
    wanted = request.values.get("network_id")
    chosen = next((network for network in networks if network.id == wanted), None)
    return networks, chosen or (networks[0] if networks else None)
