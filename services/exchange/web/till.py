"""At the till: spesa sospesa, redemptions, TIME spent, and setting a card's PIN.

A till authenticates with its device token; its shop and network come from
it, never from the body. Money-moving requests need an Idempotency-Key: a
retry with the same key gets the first answer and moves nothing twice.
"""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus

from ..domain import commands
from ..domain.cards import normalised
from .idempotency import IDEMPOTENCY_DOC, idempotent_request
from .schemas import (
    DonationReceiptSchema,
    DonationSchema,
    PinSchema,
    ReceiptSchema,
    RedemptionSchema,
    TimeSpendSchema,
)

blp = Blueprint("till", __name__, url_prefix="/api/v1", description="At the till")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/donations")
class Donations(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(DonationSchema)
    @blp.response(201, DonationReceiptSchema)
    def post(self, body):
        """A spesa sospesa paid at this till: the amount goes to the network's food pool."""
        request = idempotent_request("donation", **body)
        return bus().handle(commands.Donate(current_principal(), request, body["amount_cents"]))


@blp.route("/redemptions")
class Redemptions(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(RedemptionSchema)
    @blp.response(201, ReceiptSchema)
    def post(self, body):
        """Pay with a card's FOOD credits: card number, PIN and amount; the receipt answers.

        Not enough credit: 409 ``not_enough_credit``; wrong PIN: 401 ``wrong_pin``
        with the attempts left; locked card: 423 ``card_locked``; over a limit:
        409 ``limit_exceeded`` naming it.
        """
        number = normalised(body["card_number"])
        request = idempotent_request("redemption", card=number, amount=body["amount_cents"])
        command = commands.Redeem(
            current_principal(), request, number, body["pin"], body["amount_cents"]
        )
        return bus().handle(command)


@blp.route("/time-spends")
class TimeSpends(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(TimeSpendSchema)
    @blp.response(201, ReceiptSchema)
    def post(self, body):
        """Pay with TIME credits at a shop that takes them, at the shop's rate."""
        number = normalised(body["card_number"])
        request = idempotent_request("time_spend", card=number, minutes=body["minutes"])
        command = commands.SpendTime(
            current_principal(), request, number, body["pin"], body["minutes"]
        )
        return bus().handle(command)


@blp.route("/cards/<card_number>/pin")
class CardPin(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(PinSchema)
    @blp.response(204)
    def put(self, body, card_number):
        """Set a card's PIN (its holder or an operator); this also unlocks a locked card."""
        bus().handle(commands.SetPin(current_principal(), normalised(card_number), body["pin"]))
