"""The registry's pages: logging in (password or one-time code) and out.

A person logs in once for every service's pages: the access token goes into
the ``fabene_session`` cookie (shared/web/pages.py). Where they land depends
on who they are: a citizen on the wallet, staff on the dashboard.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request

from shared.auth.principal import Role
from shared.web.auth import EXTENSION as AUTHENTICATE
from shared.web.context import bus, settings
from shared.web.i18n import for_households
from shared.web.pages import log_in, log_out, page_principal, refusal_text, words

from ..domain import commands
from ..domain.errors import RegistryError
from .errors import ERRORS

blp = Blueprint("registry_pages", __name__)

HOME = {
    Role.CITIZEN: "/exchange/wallet",
    Role.DEVICE: "/exchange/till",
}
STAFF_HOME = "/registry/dashboard"


def home_of(role: Role) -> str:
    return HOME.get(role, STAFF_HOME)


@blp.get("/login")
@for_households
def login():
    principal = page_principal()
    if principal is not None and principal.role is not Role.DEVICE:
        return redirect(_next() or home_of(principal.role))
    return render_template("login.html", next=_next(), step="start", contact="")


@blp.post("/login")
@for_households
def login_with_password():
    try:
        tokens = bus().handle(
            commands.IssueToken(request.form.get("email", ""), request.form.get("password", ""))
        )
    except RegistryError as error:
        return _again(refusal_text(error, ERRORS, words()), step="start")
    return _logged_in(tokens)


@blp.post("/login/code")
@for_households
def send_code():
    contact = request.form.get("contact", "").strip()
    phone, email = (None, contact) if "@" in contact else (contact, None)
    try:
        bus().handle(commands.RequestLoginCode(phone, email))
    except RegistryError as error:
        return _again(refusal_text(error, ERRORS, words()), step="start")
    return render_template(
        "login.html",
        next=_next(),
        step="code",
        contact=contact,
        notices=[("ok", words()("code_sent"))],
    )


@blp.post("/login/code/verify")
@for_households
def verify_code():
    contact = request.form.get("contact", "").strip()
    phone, email = (None, contact) if "@" in contact else (contact, None)
    try:
        tokens = bus().handle(
            commands.RedeemLoginCode(phone, email, request.form.get("code", "").strip())
        )
    except RegistryError as error:
        return _again(refusal_text(error, ERRORS, words()), step="code", contact=contact)
    return _logged_in(tokens)


@blp.post("/logout")
def logout():
    response = redirect("/registry/login")
    log_out(response)
    return response


def _logged_in(tokens):
    principal = current_app.extensions[AUTHENTICATE](tokens.access_token)
    response = redirect(_next() or home_of(principal.role))
    log_in(response, tokens.access_token, settings().token_ttl_seconds)
    return response


def _again(message: str, *, step: str, contact: str = ""):
    page = render_template(
        "login.html", next=_next(), step=step, contact=contact, notices=[("error", message)]
    )
    return page, 401


def _next() -> str:
    """Where to go after logging in: only a path on this site."""
    target = request.values.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""
