"""Credits moved by operators: grants, allocations, entitlements, refunds, reversals."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus

from ..domain import commands
from ..domain.calendar import local_day
from .idempotency import IDEMPOTENCY_DOC, idempotent_request
from .schemas import (
    AllocationSchema,
    EntitlementRunRequestSchema,
    EntitlementRunSchema,
    GrantSchema,
    MovedSchema,
    RefundSchema,
    ReversalSchema,
)

blp = Blueprint("credits", __name__, url_prefix="/api/v1", description="Credits")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/grants")
class Grants(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(GrantSchema)
    @blp.response(201, MovedSchema)
    def post(self, body):
        """Money from a municipality or funder, as credits in a network's pool (operators)."""
        network_id = str(body["network_id"])
        request = idempotent_request("grant", network=network_id, amount=body["amount_cents"])
        command = commands.Grant(
            current_principal(), request, network_id, body["amount_cents"], body["memo"]
        )
        return bus().handle(command)


@blp.route("/allocations")
class Allocations(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(AllocationSchema)
    @blp.response(201, MovedSchema)
    def post(self, body):
        """Credits from the network's pool to an active household (operators)."""
        member_id = str(body["member_id"])
        request = idempotent_request("allocation", member=member_id, amount=body["amount_cents"])
        command = commands.Allocate(
            current_principal(), request, member_id, body["amount_cents"], body["memo"]
        )
        return bus().handle(command)


@blp.route("/networks/<uuid:network_id>/entitlements")
class Entitlements(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(EntitlementRunRequestSchema)
    @blp.response(200, EntitlementRunSchema)
    def post(self, body, network_id):
        """Give active households their entitlement for the cycle, never twice.

        The answer lists who received how much, and who was left out and why
        (``not_active``, ``already_allocated``, ``pool_empty``).
        """
        member_ids = body["member_ids"]
        command = commands.AllocateEntitlements(
            current_principal(),
            str(network_id),
            body["day"] or local_day(),
            tuple(map(str, member_ids)) if member_ids is not None else None,
        )
        return bus().handle(command)


@blp.route("/transactions/<uuid:transaction_id>/refund")
class Refund(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(RefundSchema)
    @blp.response(201, MovedSchema)
    def post(self, body, transaction_id):
        """Refund part or all of a redemption: an operator, or the shop on the same day."""
        request = idempotent_request(
            "refund", transaction=str(transaction_id), amount=body["amount_cents"]
        )
        command = commands.Refund(
            current_principal(), request, str(transaction_id), body["amount_cents"], body["reason"]
        )
        return bus().handle(command)


@blp.route("/transactions/<uuid:transaction_id>/reverse")
class Reverse(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(ReversalSchema)
    @blp.response(201, MovedSchema)
    def post(self, body, transaction_id):
        """Undo a transaction by its mirror image, with a reason (operators)."""
        request = idempotent_request("reversal", transaction=str(transaction_id))
        command = commands.Reverse(
            current_principal(), request, str(transaction_id), body["reason"]
        )
        return bus().handle(command)
