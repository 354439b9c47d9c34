"""Members' balances."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import database

from .. import views
from .schemas import BalancesSchema

blp = Blueprint("balances", __name__, url_prefix="/api/v1/members", description="Balances")
blp.before_request(require_principal)


@blp.route("/<uuid:member_id>/balances")
class MemberBalances(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, BalancesSchema)
    def get(self, member_id):
        """A member's FOOD (cents) and TIME (minutes) balances."""
        return views.balances(database(), current_principal(), str(member_id))
