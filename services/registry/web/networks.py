"""Networks (one per town), their markets, expiring eligibility and the audit log."""

from datetime import UTC, datetime

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .schemas import (
    AuditPageSchema,
    AuditQuerySchema,
    ExpiringQuerySchema,
    MarketSchema,
    MarketWriteSchema,
    MemberSchema,
    NetworkCreateSchema,
    NetworkSchema,
    NetworkUpdateSchema,
)

blp = Blueprint("networks", __name__, url_prefix="/api/v1", description="Networks and markets")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/networks")
class Networks(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, NetworkSchema(many=True))
    def get(self):
        """The networks the caller may see."""
        return views.networks(database(), current_principal())

    @blp.doc(**AUTH)
    @blp.arguments(NetworkCreateSchema)
    @blp.response(201, NetworkSchema)
    def post(self, body):
        """Create a network for a town (administrators)."""
        return bus().handle(commands.CreateNetwork(actor=current_principal(), **body))


@blp.route("/networks/<uuid:network_id>")
class NetworkById(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, NetworkSchema)
    def get(self, network_id):
        """One network."""
        return views.network(database(), current_principal(), str(network_id))

    @blp.doc(**AUTH)
    @blp.arguments(NetworkUpdateSchema)
    @blp.response(200, NetworkSchema)
    def patch(self, body, network_id):
        """Change a network's settings (its operators)."""
        command = commands.UpdateNetwork(current_principal(), str(network_id), **body)
        return bus().handle(command)


@blp.route("/networks/<uuid:network_id>/markets")
class Markets(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, MarketSchema(many=True))
    def get(self, network_id):
        """A network's markets."""
        return views.markets(database(), current_principal(), str(network_id))

    @blp.doc(**AUTH)
    @blp.arguments(MarketWriteSchema)
    @blp.response(201, MarketSchema)
    def post(self, body, network_id):
        """Add a market with its address and market days (operators)."""
        return bus().handle(commands.OpenMarket(current_principal(), str(network_id), **body))


@blp.route("/markets/<uuid:market_id>")
class MarketById(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(MarketWriteSchema)
    @blp.response(200, MarketSchema)
    def put(self, body, market_id):
        """Change a market (operators)."""
        return bus().handle(commands.UpdateMarket(current_principal(), str(market_id), **body))


@blp.route("/networks/<uuid:network_id>/households/expiring")
class ExpiringHouseholds(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ExpiringQuerySchema, location="query")
    @blp.response(200, MemberSchema(many=True))
    def get(self, query, network_id):
        """Active households whose eligibility ends within the next days (30 by default)."""
        today = datetime.now(UTC).date()
        return views.households_expiring(
            database(), current_principal(), str(network_id), query["within_days"], today
        )


@blp.route("/networks/<uuid:network_id>/audit")
class AuditLog(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, query, network_id):
        """Who read or changed personal data in the network, newest first (operators)."""
        member_id = str(query["member_id"]) if query["member_id"] else None
        return views.audit_log(
            database(),
            current_principal(),
            str(network_id),
            member_id,
            query["page"],
            query["page_size"],
        )
