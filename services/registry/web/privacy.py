"""Privacy: consent, a member's data export, and erasure."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .schemas import ConsentSchema, ConsentWriteSchema

blp = Blueprint("privacy", __name__, url_prefix="/api/v1/members", description="Privacy (GDPR)")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/<uuid:member_id>")
class MemberErasure(MethodView):
    @blp.doc(**AUTH)
    @blp.response(204)
    def delete(self, member_id):
        """Erase a member's personal data here and, by event, in every service.

        Anonymous facts stay (ids, kind, network, dates), so the ledger keeps
        adding up. The member exits, their cards are blocked, logins removed.
        """
        bus().handle(commands.EraseMember(current_principal(), str(member_id)))


@blp.route("/<uuid:member_id>/export")
class MemberExport(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200)
    def get(self, member_id):
        """Everything the registry holds about a member, as JSON (the member or operators)."""
        return views.export(database(), current_principal(), str(member_id))


@blp.route("/<uuid:member_id>/consents")
class MemberConsents(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, ConsentSchema(many=True))
    def get(self, member_id):
        """Consents recorded for the member, oldest first."""
        return views.consents_of(database(), current_principal(), str(member_id))

    @blp.doc(**AUTH)
    @blp.arguments(ConsentWriteSchema)
    @blp.response(201, ConsentSchema)
    def post(self, body, member_id):
        """Record the member's consent to a version of the privacy notice, dated now."""
        command = commands.RecordConsent(
            current_principal(), str(member_id), body["notice_version"]
        )
        return bus().handle(command)
