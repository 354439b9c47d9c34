"""Hours given to the community, their confirmation, and TIME given to others."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .idempotency import IDEMPOTENCY_DOC, idempotent_request
from .schemas import (
    MovedSchema,
    RejectionSchema,
    TimeEntryQuerySchema,
    TimeEntrySchema,
    TimeEntryWriteSchema,
    TimeGiftSchema,
)

blp = Blueprint("time", __name__, url_prefix="/api/v1", description="Time credits")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/time-entries")
class TimeEntries(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(TimeEntryQuerySchema, location="query")
    @blp.response(200, TimeEntrySchema(many=True))
    def get(self, query):
        """Time entries of a network the caller may see (pending ones to confirm, say)."""
        status = query["status"].value if query["status"] else None
        return views.time_entries(database(), current_principal(), str(query["network_id"]), status)

    @blp.doc(**AUTH)
    @blp.arguments(TimeEntryWriteSchema)
    @blp.response(201, TimeEntrySchema)
    def post(self, body):
        """Log hours of an activity at an organisation (the member, their educator, operators)."""
        command = commands.LogTime(
            current_principal(),
            str(body["member_id"]),
            str(body["organisation_id"]),
            body["minutes"],
            body["activity"],
            body["activity_date"],
        )
        return bus().handle(command)


@blp.route("/time-entries/<uuid:entry_id>/confirm")
class TimeConfirmation(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, TimeEntrySchema)
    def post(self, entry_id):
        """Confirm the hours (the organisation, the educator or operators): TIME is earned."""
        return bus().handle(commands.ConfirmTime(current_principal(), str(entry_id)))


@blp.route("/time-entries/<uuid:entry_id>/reject")
class TimeRejection(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(RejectionSchema)
    @blp.response(200, TimeEntrySchema)
    def post(self, body, entry_id):
        """Reject the hours, with a reason."""
        command = commands.RejectTime(current_principal(), str(entry_id), body["reason"])
        return bus().handle(command)


@blp.route("/time-gifts")
class TimeGifts(MethodView):
    @blp.doc(**AUTH, **IDEMPOTENCY_DOC)
    @blp.arguments(TimeGiftSchema)
    @blp.response(201, MovedSchema)
    def post(self, body):
        """Give some of your TIME credits to another member of your network."""
        to = str(body["to_member_id"])
        request = idempotent_request("time_gift", to=to, minutes=body["minutes"])
        command = commands.GiveTime(current_principal(), request, to, body["minutes"])
        return bus().handle(command)
