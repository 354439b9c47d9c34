"""The shop's till: card, amount, PIN, receipt; the day's takings; spesa sospesa.

A till is a paired device: its ``fabene_session`` cookie holds the device
token, from which the exchange knows its shop and network, as for the API.
Payments are the API's commands with the key each form carries
(till_forms.py): a re-posted form gets the first receipt and moves nothing
twice. The forms work as plain posts; till.js adds a keypad, scanning the
card's QR code, and retries when the connection drops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps
from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from shared.auth.principal import Principal, Role
from shared.formatting import format_clock_time, format_euros
from shared.web.context import bus, database
from shared.web.forms import new_form_key
from shared.web.pages import page_principal, words

from .. import views
from ..domain import commands
from ..domain.calendar import PROGRAMME_TIMEZONE, local_day
from ..domain.errors import ExchangeError, WrongPin
from .till_forms import DonationForm, RedemptionForm
from .till_refusals import refusal_status, refusal_words
from .till_words import WORDS

__all__ = ["WORDS", "blp"]

blp = Blueprint(
    "till_pages",
    __name__,
    static_folder=str(Path(__file__).parents[1] / "static"),
    static_url_path="/till/static",
)

PAIRING = "/registry/pair"
# The redemption form's field for a problem its schema names otherwise.
_FIELD_OF = {"amount_cents": "amount"}


@blp.after_request
def never_cached(response):
    # A receipt is for the moment it was given; the back button must not show an old one.
    response.headers["Cache-Control"] = "no-store"
    return response


def till_required(view: Callable) -> Callable:
    """A page for a paired till: a device without a session is sent to pair, people refused."""

    @wraps(view)
    def guarded(*args, **kwargs):
        principal = page_principal()
        if principal is None:
            return redirect(url_for(".till"), code=303)
        if principal.role is not Role.DEVICE:
            abort(403)
        return view(*args, **kwargs)

    return guarded


@blp.get("/till")
def till():
    """The till, ready for a payment; or how to pair this device as one."""
    principal = page_principal()
    if principal is None or principal.role is not Role.DEVICE:
        return render_template("till/pair.html", pairing=PAIRING, as_person=principal is not None)
    return _till_page(200)


@blp.get("/till/redeem")
@blp.get("/till/donate")
def back_to_the_till():
    """The forms' addresses, opened by a language link or a bookmark: the till itself."""
    return redirect(url_for(".till", **request.args), code=303)


@blp.post("/till/redeem")
@till_required
def redeem():
    """Pay with a card's FOOD credits: the receipt, or why not, and a fresh form."""
    form = RedemptionForm.read(request.form)
    if problems := form.problems():
        return _corrections(problems, form.typed, [_FIELD_OF.get(p, p) for p in problems])
    till = page_principal()
    command = commands.Redeem(till, form.request(till), form.number, form.pin, form.amount_cents)
    try:
        receipt = bus().handle(command)
    except ExchangeError as refusal:
        focus = "pin" if isinstance(refusal, WrongPin) else "card_number"
        return _refused(refusal, form.typed, focus)
    return _till_page(201, receipt=_receipt(receipt))


@blp.post("/till/donate")
@till_required
def donate():
    """Record a spesa sospesa paid at this till: it goes to the network's food pool."""
    form = DonationForm.read(request.form)
    if problems := form.problems():
        return _corrections(problems, {"donation": form.amount}, ["donation"])
    till = page_principal()
    try:
        answer = bus().handle(commands.Donate(till, form.request(till), form.amount_cents))
    except ExchangeError as refusal:
        return _refused(refusal, {"donation": form.amount}, "donation")
    return _till_page(201, donation=_receipt(answer))


@blp.get("/till/takings")
@till_required
def takings():
    """What this shop redeemed and collected as spesa sospesa today."""
    today = _takings_today(page_principal())
    movements = [
        {**movement, "time": _clock(movement["created_at"])} for movement in today["movements"]
    ]
    return render_template("till/takings.html", takings=today, movements=movements)


def _till_page(
    status: int,
    *,
    receipt: dict | None = None,
    donation: dict | None = None,
    typed: dict | None = None,
    invalid: Iterable[str] = (),
    focus: str = "card_number",
    notices: Iterable[tuple[str, str]] = (),
):
    # New keys on every rendering: a form shown anew is a new payment.
    page = render_template(
        "till/till.html",
        redeem_key=new_form_key(),
        donate_key=new_form_key(),
        typed=typed or {},
        invalid=set(invalid),
        focus=focus,
        receipt=receipt,
        donation=donation,
        takings=_takings_today(page_principal()),
        notices=list(notices),
    )
    return page, status


def _corrections(problems: list[str], typed: dict, fields: list[str]):
    """The form again, saying what to correct; ``fields`` are the form's fields to mark."""
    t = words()
    notices = [("error", t(f"till_check_{problem}")) for problem in problems]
    return _till_page(422, typed=typed, invalid=fields, focus=fields[0], notices=notices)


def _refused(refusal: ExchangeError, typed: dict, focus: str):
    message = refusal_words(refusal, words(), _euros)
    return _till_page(
        refusal_status(refusal), typed=typed, focus=focus, notices=[("error", message)]
    )


def _receipt(answer: dict) -> dict:
    """The handler's answer, with when it happened as the till's people read it."""
    moment = datetime.fromisoformat(answer["created_at"])
    return {**answer, "day": local_day(moment), "time": _clock(moment)}


def _takings_today(till: Principal) -> dict:
    return views.shop_takings(database(), till, till.member_id, local_day())


def _clock(moment: datetime) -> str:
    return format_clock_time(moment, g.get("language", "it"), PROGRAMME_TIMEZONE)


def _euros(cents: int) -> str:
    return format_euros(cents, g.get("language", "it"))
