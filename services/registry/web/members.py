"""Members: enrol, search, read, change contact details, give a login."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .schemas import (
    ContactUpdateSchema,
    LoginCreateSchema,
    LoginSchema,
    MemberCreateSchema,
    MemberPageSchema,
    MemberSchema,
    MemberSearchQuerySchema,
)

blp = Blueprint("members", __name__, url_prefix="/api/v1/members", description="Members")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


def _optional_id(value) -> str | None:
    return str(value) if value else None


@blp.route("")
class Members(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(MemberSearchQuerySchema, location="query")
    @blp.response(200, MemberPageSchema)
    def get(self, query):
        """Search members: by network, kind, status and name, e-mail, phone or card number."""
        return views.search_members(
            database(),
            current_principal(),
            network_id=_optional_id(query["network_id"]),
            kind=query["kind"],
            status=query["status"],
            text=query["q"],
            page=query["page"],
            page_size=query["page_size"],
        )

    @blp.doc(**AUTH)
    @blp.arguments(MemberCreateSchema)
    @blp.response(201, MemberSchema)
    def post(self, body):
        """Enrol a member in a network (its operators).

        A household or citizen that looks like someone already registered
        (same phone, e-mail, or name and birth year) is refused with 409 and
        the candidates; send ``confirm_not_duplicate: true`` to go ahead.
        """
        people = tuple(commands.Person(**person) for person in body["people"])
        referral = commands.Referral(**body["referral"]) if body["referral"] else None
        command = commands.RegisterMember(
            actor=current_principal(),
            network_id=str(body["network_id"]),
            kind=body["kind"],
            display_name=body["display_name"],
            email=body["email"].lower() if body["email"] else None,
            phone=body["phone"],
            language=body["language"],
            birth_year=body["birth_year"],
            people=people,
            referral=referral,
            educator_id=_optional_id(body["educator_id"]),
            confirm_not_duplicate=body["confirm_not_duplicate"],
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>")
class MemberById(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, MemberSchema)
    def get(self, member_id):
        """One member, for themselves, their educator or their network's operators."""
        return views.member(database(), current_principal(), str(member_id))


@blp.route("/<uuid:member_id>/contact")
class MemberContact(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ContactUpdateSchema)
    @blp.response(200, MemberSchema)
    def put(self, body, member_id):
        """Change name, e-mail, phone and language (the member or an operator)."""
        email = body["email"].lower() if body["email"] else None
        command = commands.UpdateContact(
            current_principal(),
            str(member_id),
            body["display_name"],
            email,
            body["phone"],
            body["language"],
        )
        return bus().handle(command)


@blp.route("/<uuid:member_id>/login")
class MemberLogin(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(LoginCreateSchema)
    @blp.response(201, LoginSchema)
    def post(self, body, member_id):
        """Give a member a password login (operators; an operator's, administrators)."""
        command = commands.CreateLogin(
            current_principal(), str(member_id), body["email"], body["password"]
        )
        return bus().handle(command)
