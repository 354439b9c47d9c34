"""Networks: one local programme per town."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain.commands import CreateNetwork
from .schemas import NetworkCreateSchema, NetworkSchema

blp = Blueprint("networks", __name__, url_prefix="/api/v1/networks", description="Networks")
blp.before_request(require_principal)


@blp.route("")
class Networks(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, NetworkSchema(many=True))
    def get(self):
        """The networks the caller may see."""
        return views.networks(database(), current_principal())

    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(NetworkCreateSchema)
    @blp.response(201, NetworkSchema)
    def post(self, body):
        """Create a network for a town (administrators)."""
        return bus().handle(CreateNetwork(actor=current_principal(), **body))


@blp.route("/<uuid:network_id>")
class NetworkById(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, NetworkSchema)
    def get(self, network_id):
        """One network."""
        return views.network(database(), current_principal(), str(network_id))
