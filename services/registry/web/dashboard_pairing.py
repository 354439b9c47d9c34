"""The till's side of pairing: type the operator's code, and this browser becomes the till.

Nobody is logged in on a new tablet, so the form is anonymous (still
CSRF-checked). A right code registers the device and puts its token in the
``fabene_session`` cookie for a year: the exchange's till pages then know
which shop's till this is.
"""

from __future__ import annotations

from flask import redirect, render_template, request
from marshmallow import ValidationError

from shared.web.context import bus
from shared.web.pages import log_in, words

from ..domain import commands
from ..domain.errors import InvalidPairingCode
from .dashboard_forms import PairForm, read_form
from .dashboard_support import REFUSALS, refusal

TILL_PAGE = "/exchange/till"
ONE_YEAR = 365 * 24 * 3600


def pairing_form():
    """The form a new till shows: the code, and a name for the till."""
    return render_template("dashboard/pair.html", values={})


def pair():
    """Redeem the code: register this till for the code's shop and remember its token."""
    try:
        form = read_form(PairForm(), request.form)
        label = form["label"] or words()("default_till_label")
        _device, token = bus().handle(commands.PairTill(form["code"], label))
    except ValidationError:
        return _refused(InvalidPairingCode("the code is eight digits"))
    except REFUSALS as error:
        return _refused(error)
    response = redirect(TILL_PAGE)
    log_in(response, token, max_age=ONE_YEAR)
    return response


def _refused(error: Exception):
    text, status = refusal(error)
    page = render_template("dashboard/pair.html", values=request.form, notices=[("error", text)])
    return page, status
