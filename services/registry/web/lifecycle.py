"""A member's lifecycle: status, people, referral, educator, shop profile, merges."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .schemas import (
    EducatorAssignmentSchema,
    MemberSchema,
    MergeSchema,
    PeopleSchema,
    ReferralSchema,
    ShopProfileSchema,
    StatusChangeRequestSchema,
    StatusChangeSchema,
)

blp = Blueprint("lifecycle", __name__, url_prefix="/api/v1/members", description="Member lifecycle")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/<uuid:member_id>/status")
class MemberStatusChanges(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, StatusChangeSchema(many=True))
    def get(self, member_id):
        """The member's status history, oldest first."""
        return views.status_history(database(), current_principal(), str(member_id))

    @blp.doc(**AUTH)
    @blp.arguments(StatusChangeRequestSchema)
    @blp.response(200, MemberSchema)
    def post(self, body, member_id):
        """Move a member along pending → active → suspended → exited, with a reason."""
        command = commands.ChangeStatus(
            current_principal(), str(member_id), body["status"], body["reason"]
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>/people")
class HouseholdPeople(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(PeopleSchema)
    @blp.response(200, MemberSchema)
    def put(self, body, member_id):
        """Replace a household's people (first names; adult or minor)."""
        people = tuple(commands.Person(**person) for person in body["people"])
        return bus().handle(commands.SetPeople(current_principal(), str(member_id), people))


@blp.route("/<uuid:member_id>/referral")
class HouseholdReferral(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ReferralSchema)
    @blp.response(200, MemberSchema)
    def put(self, body, member_id):
        """Record a (new) referral: re-certifies the household's eligibility from its date."""
        command = commands.Recertify(current_principal(), str(member_id), commands.Referral(**body))
        return bus().handle(command)


@blp.route("/<uuid:member_id>/educator")
class HouseholdEducator(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(EducatorAssignmentSchema)
    @blp.response(200, MemberSchema)
    def put(self, body, member_id):
        """Assign the household's educator (operators)."""
        command = commands.AssignEducator(
            current_principal(), str(member_id), str(body["educator_id"])
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>/shop-profile")
class ShopProfile(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ShopProfileSchema)
    @blp.response(200, ShopProfileSchema)
    def put(self, body, member_id):
        """Describe a participating shop: stall or shop, market, days, TIME and its rate."""
        market_id = body.pop("market_id")
        market_id = str(market_id) if market_id else None
        command = commands.SetShopProfile(
            current_principal(), str(member_id), market_id=market_id, **body
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>/merge")
class MergeDuplicate(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(MergeSchema)
    @blp.response(200, MemberSchema)
    def post(self, body, member_id):
        """Merge a duplicate record into this one (operators); the duplicate exits."""
        command = commands.MergeMembers(
            current_principal(), str(member_id), str(body["duplicate_id"])
        )
        return bus().handle(command)
