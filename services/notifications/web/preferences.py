"""A member's preferences: channels, language, quiet hours, muted and opted-in topics."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database, settings

from .. import views
from ..configuration import default_quiet_hours
from ..domain.commands import SetPreferences
from ..domain.quiet_hours import QuietHours
from .schemas import AppliedPreferencesSchema, PreferencesSchema

blp = Blueprint(
    "preferences", __name__, url_prefix="/api/v1/members", description="Members' preferences"
)
blp.before_request(require_principal)


@blp.route("/<uuid:member_id>/preferences")
class MemberPreferences(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, AppliedPreferencesSchema)
    def get(self, member_id):
        """A member's preferences as they apply now (the programme's defaults until set)."""
        return _applied(str(member_id))

    @blp.doc(security=[{"bearerAuth": []}])
    @blp.arguments(PreferencesSchema)
    @blp.response(200, AppliedPreferencesSchema)
    def put(self, body, member_id):
        """Replace a member's preferences (the member, or an operator of their network)."""
        quiet_hours = body["quiet_hours"]
        bus().handle(
            SetPreferences(
                actor=current_principal(),
                member_id=str(member_id),
                channels=tuple(body["channels"]),
                language=body["language"],
                quiet_hours=QuietHours.parse(quiet_hours["start"], quiet_hours["end"])
                if quiet_hours
                else None,
                muted_topics=tuple(body["muted_topics"]),
                opted_in_topics=tuple(body["opted_in_topics"]),
            )
        )
        return _applied(str(member_id))


def _applied(member_id: str) -> dict:
    return views.preferences(
        database(), current_principal(), member_id, default_quiet_hours(settings())
    )
