"""Members of a network: citizens, households, shops, organisations and staff."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain.commands import RegisterMember
from .schemas import MemberCreateSchema, MemberSchema

blp = Blueprint("members", __name__, url_prefix="/api/v1/members", description="Members")
blp.before_request(require_principal)


@blp.route("")
class Members(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(MemberCreateSchema)
    @blp.response(201, MemberSchema)
    def post(self, body):
        """Register a member in a network (its operators)."""
        command = RegisterMember(
            actor=current_principal(),
            network_id=str(body["network_id"]),
            kind=body["kind"],
            display_name=body["display_name"],
            email=body["email"].lower() if body["email"] else None,
            phone=body["phone"],
            language=body["language"],
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>")
class MemberById(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, MemberSchema)
    def get(self, member_id):
        """One member, for themselves or their network's operators."""
        return views.member(database(), current_principal(), str(member_id))
