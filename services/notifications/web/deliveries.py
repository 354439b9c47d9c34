"""A network's delivery log, for its operators: statistics and what failed."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import database

from .. import views
from .schemas import (
    DeliveriesPageSchema,
    DeliveriesQuerySchema,
    DeliveryStatsSchema,
    StatsQuerySchema,
)

blp = Blueprint("deliveries", __name__, url_prefix="/api/v1/networks", description="Delivery log")
blp.before_request(require_principal)


@blp.route("/<uuid:network_id>/deliveries/stats")
class NetworkDeliveryStats(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(StatsQuerySchema, location="query")
    @blp.response(200, DeliveryStatsSchema)
    def get(self, query, network_id):
        """Deliveries of a period per channel and status (the network's operators)."""
        since, until = StatsQuerySchema().period(query)
        return views.delivery_stats(database(), current_principal(), str(network_id), since, until)


@blp.route("/<uuid:network_id>/deliveries")
class NetworkDeliveries(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(DeliveriesQuerySchema, location="query")
    @blp.response(200, DeliveriesPageSchema)
    def get(self, query, network_id):
        """A network's failing and given-up deliveries (or those of ``status``), newest first.

        No message bodies, addresses or values: what went where, and how it ended.
        """
        return views.deliveries(
            database(),
            current_principal(),
            str(network_id),
            query["status"],
            query["channel"],
            query["page"],
            query["page_size"],
        )
