"""The web inbox."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import database

from .. import views
from .schemas import InboxPageSchema, PageQuerySchema

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
