"""The web inbox: a member's messages, how many are unread, and marking one read."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain.commands import MarkMessageRead
from .schemas import InboxMessageSchema, InboxPageSchema, PageQuerySchema, UnreadSchema

blp = Blueprint("inbox", __name__, url_prefix="/api/v1/members", description="Web inbox")
blp.before_request(require_principal)


@blp.route("/<uuid:member_id>/inbox")
class MemberInbox(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, InboxPageSchema)
    def get(self, query, member_id):
        """A member's messages, newest first, a page at a time."""
        return views.inbox(
            database(), current_principal(), str(member_id), query["page"], query["page_size"]
        )


@blp.route("/<uuid:member_id>/inbox/unread")
class MemberInboxUnread(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, UnreadSchema)
    def get(self, member_id):
        """How many of a member's messages are unread."""
        return views.unread_count(database(), current_principal(), str(member_id))


@blp.route("/<uuid:member_id>/inbox/<uuid:message_id>/read")
class InboxMessageRead(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, InboxMessageSchema)
    def post(self, member_id, message_id):
        """Mark one message read (again: no change)."""
        command = MarkMessageRead(
            actor=current_principal(), member_id=str(member_id), message_id=str(message_id)
        )
        return bus().handle(command)
