"""The till's forms as people fill them in at a busy stall.

Amounts are typed in euros ("12", "12,50", "12.50"), card numbers with or
without spaces. Each form carries the idempotency key it was rendered with,
so a double press or a browser re-posting the form is one payment; every
form the till shows anew has a new key. The rules of the API's bodies apply
(its schemas check the values), and the same key asks for the same payment
as it would through the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from shared.auth.principal import Principal
from shared.web.forms import cents_from_euros

from ..domain.cards import normalised
from ..domain.idempotency import IdempotentRequest
from .idempotency import ACCEPTABLE_KEY
from .schemas import DonationSchema, RedemptionSchema

FIELDS = ("card_number", "amount", "pin", "idempotency_key")
# The order of the redemption form, so problems are told from the top.
ORDER = ("card_number", "amount_cents", "pin", "idempotency_key")


@dataclass(frozen=True)
class RedemptionForm:
    """A payment with a card: number and amount as typed, the customer's PIN, the form's key."""

    card_number: str
    amount: str
    pin: str
    key: str

    @classmethod
    def read(cls, form: Mapping[str, str]) -> RedemptionForm:
        return cls(*(form.get(name, "").strip() for name in FIELDS))

    @property
    def amount_cents(self) -> int | None:
        return cents_from_euros(self.amount)

    @property
    def number(self) -> str:
        return normalised(self.card_number)

    @property
    def typed(self) -> dict[str, str]:
        """What the form shows again after a refusal: never the PIN."""
        return {"card_number": self.card_number, "amount": self.amount}

    def problems(self) -> list[str]:
        """The fields to correct before asking for the payment, in the form's order."""
        body = {"card_number": self.card_number, "pin": self.pin, "amount_cents": self.amount_cents}
        return _problems(RedemptionSchema(), body, self.key)

    def request(self, till: Principal) -> IdempotentRequest:
        return IdempotentRequest.of(
            till.subject, self.key, "redemption", card=self.number, amount=self.amount_cents
        )


@dataclass(frozen=True)
class DonationForm:
    """A spesa sospesa: its amount as typed, and the form's key."""

    amount: str
    key: str

    @classmethod
    def read(cls, form: Mapping[str, str]) -> DonationForm:
        return cls(form.get("amount", "").strip(), form.get("idempotency_key", "").strip())

    @property
    def amount_cents(self) -> int | None:
        return cents_from_euros(self.amount)

    def problems(self) -> list[str]:
        return _problems(DonationSchema(), {"amount_cents": self.amount_cents}, self.key)

    def request(self, till: Principal) -> IdempotentRequest:
        return IdempotentRequest.of(
            till.subject, self.key, "donation", amount_cents=self.amount_cents
        )


def _problems(schema, body: dict, key: str) -> list[str]:
    wrong = set(schema.validate(body))
    if not ACCEPTABLE_KEY.match(key):
        wrong.add("idempotency_key")
    return [name for name in ORDER if name in wrong]
