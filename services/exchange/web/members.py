"""A member's balances and statement."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import database

from .. import views
from .schemas import BalancesSchema, StatementQuerySchema, StatementSchema

blp = Blueprint("members", __name__, url_prefix="/api/v1/members", description="Balances")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/<uuid:member_id>/balances")
class MemberBalances(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, BalancesSchema)
    def get(self, member_id):
        """A member's FOOD (cents) and TIME (minutes) balances."""
        return views.balances(database(), current_principal(), str(member_id))


@blp.route("/<uuid:member_id>/transactions")
class MemberStatement(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(StatementQuerySchema, location="query")
    @blp.response(200, StatementSchema)
    def get(self, query, member_id):
        """A member's movements, newest first, by unit and dates, a page at a time."""
        return views.statement(database(), current_principal(), str(member_id), **query)
