"""The pages people use: one layout, one login, the same on every service.

Pages are rendered on the server and work without JavaScript for the
essentials. Whoever logged in carries their access token in the
``fabene_session`` cookie (HttpOnly, SameSite=Lax, Secure behind TLS), read
by every service the way it reads a bearer token. Forms carry a CSRF token
that must match the ``fabene_csrf`` cookie (double submit), checked before any
page form is handled.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Flask, abort, current_app, g, redirect, render_template, request
from jinja2 import ChoiceLoader, FileSystemLoader

from shared.auth.principal import AuthenticationRequired, PermissionDenied, Principal, Role
from shared.formatting import format_date, format_duration, format_euros
from shared.web.auth import EXTENSION as AUTHENTICATE
from shared.web.context import settings
from shared.web.errors import ErrorMapping
from shared.web.i18n import COOKIE as LANGUAGE_COOKIE
from shared.web.i18n import (
    HOUSEHOLD_LANGUAGES,
    LANGUAGES,
    NATIVE_NAMES,
    RIGHT_TO_LEFT,
    Catalogue,
    languages_of,
    negotiate,
    translator,
)

SESSION_COOKIE = "fabene_session"
CSRF_COOKIE = "fabene_csrf"
CSRF_FIELD = "csrf_token"
LOGIN_PAGE = "/registry/login"
SHARED_TEMPLATES = Path(__file__).parent / "templates"
SHARED_STATIC = Path(__file__).parent / "static"
WORDS = "fabene_words"


def init_pages(
    app: Flask, service: str, catalogue: Catalogue, blueprints: Sequence[Blueprint]
) -> None:
    """Give a service's app the shared layout, words, session and CSRF protection.

    Views find ``t`` (the words), ``principal``, ``csrf_token``, ``euros``,
    ``duration`` and ``day`` in every template, and ``words()`` in views.
    """
    app.jinja_loader = ChoiceLoader(
        [FileSystemLoader(Path(app.root_path) / "templates"), FileSystemLoader(SHARED_TEMPLATES)]
    )
    app.register_blueprint(
        Blueprint(
            "shared_static",
            __name__,
            static_folder=str(SHARED_STATIC),
            static_url_path="/static/shared",
        )
    )
    t = translator(catalogue)
    app.extensions[WORDS] = t

    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    page_blueprints = {blueprint.name for blueprint in blueprints}

    @app.before_request
    def choose_language() -> None:
        g.languages = languages_of(app.view_functions.get(request.endpoint))
        g.language = negotiate(g.languages)

    @app.before_request
    def refuse_forms_from_elsewhere() -> None:
        if request.method == "POST" and request.blueprint in page_blueprints:
            check_csrf()

    @app.context_processor
    def page_context() -> dict:
        language = g.get("language", "it")
        return {
            "t": t,
            "language": language,
            "direction": "rtl" if language in RIGHT_TO_LEFT else "ltr",
            "languages": [(code, NATIVE_NAMES[code]) for code in g.get("languages", LANGUAGES)],
            "service": service,
            "principal": page_principal(),
            "csrf_token": csrf_token(),
            "euros": lambda cents: format_euros(cents, language),
            "duration": lambda minutes: format_duration(minutes, language),
            "day": lambda value: format_date(value, language),
        }

    @app.after_request
    def remember_choices(response):
        if request.args.get("lang") in HOUSEHOLD_LANGUAGES:
            remember_language(response, request.args["lang"])
        if g.get("new_csrf_token"):
            _set_cookie(response, CSRF_COOKIE, g.new_csrf_token, max_age=None)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def remember_language(response, language: str) -> None:
    """The next pages, of every service, speak ``language`` (where they offer it)."""
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="Lax", path="/")


def words() -> Callable[..., str]:
    """``t(key, **values)`` of this app's pages, for messages made in views."""
    return current_app.extensions[WORDS]


def page_principal() -> Principal | None:
    """Who is logged in on this browser, or None."""
    if "page_principal" not in g:
        token = request.cookies.get(SESSION_COOKIE)
        principal = None
        if token:
            try:
                principal = current_app.extensions[AUTHENTICATE](token)
            except AuthenticationRequired:
                principal = None
        g.page_principal = principal
    return g.page_principal


def login_required(*roles: Role) -> Callable:
    """A page for logged-in people (of these roles): others go to the login page."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            principal = page_principal()
            if principal is None:
                here = request.script_root + request.full_path.rstrip("?")
                return redirect(f"{LOGIN_PAGE}?next={quote(here)}")
            if roles and principal.role not in roles:
                return render_template("forbidden.html"), 403
            return view(*args, **kwargs)

        return guarded

    return decorate


def csrf_token() -> str:
    """This browser's CSRF token, made on its first page."""
    token = request.cookies.get(CSRF_COOKIE) or g.get("new_csrf_token")
    if not token:
        token = g.new_csrf_token = secrets.token_urlsafe(24)
    return token


def check_csrf() -> None:
    """Refuse a form whose token does not match the browser's cookie (another site's form)."""
    sent, expected = request.form.get(CSRF_FIELD, ""), request.cookies.get(CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(sent, expected):
        abort(400, description="The form expired: reload the page and try again.")


def log_in(response, access_token: str, max_age: int) -> None:
    """Remember who logged in, for every service's pages."""
    _set_cookie(response, SESSION_COOKIE, access_token, max_age=max_age)


def log_out(response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def _set_cookie(response, name: str, value: str, max_age: int | None) -> None:
    secure = request.is_secure or settings().cookie_secure
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="Lax", secure=secure, path="/"
    )


def refusal_text(error: Exception, errors: ErrorMapping, t: Callable[..., str]) -> str:
    """What to tell a person about a refused action: the catalogue's words for its code."""
    mapped = errors.get(type(error))
    code = mapped[1] if mapped else None
    if code is None and isinstance(error, PermissionDenied):
        code = "forbidden"
    if code is None:
        return str(error)
    words = t(f"refused_{code}", **getattr(error, "details", None) or {})
    return str(error) if words == f"refused_{code}" else words
