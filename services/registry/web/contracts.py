"""Reciprocity contracts: sign, change, renew, end."""

from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from .schemas import (
    ContractCreateSchema,
    ContractEndSchema,
    ContractRenewSchema,
    ContractSchema,
    ContractWriteSchema,
)

blp = Blueprint("contracts", __name__, url_prefix="/api/v1", description="Reciprocity contracts")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/members/<uuid:household_id>/contracts")
class HouseholdContracts(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, ContractSchema(many=True))
    def get(self, household_id):
        """A household's contracts, newest first."""
        return views.contracts_of(database(), current_principal(), str(household_id))

    @blp.doc(**AUTH)
    @blp.arguments(ContractCreateSchema)
    @blp.response(201, ContractSchema)
    def post(self, body, household_id):
        """Sign a contract: hours a month (at most 20 without an operator's override)."""
        command = commands.SignContract(
            current_principal(),
            str(household_id),
            str(body.pop("educator_id")),
            **body,
        )
        return bus().handle(command)


@blp.route("/contracts/<uuid:contract_id>")
class ContractById(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, ContractSchema)
    def get(self, contract_id):
        """One contract."""
        return views.contract(database(), current_principal(), str(contract_id))

    @blp.doc(**AUTH)
    @blp.arguments(ContractWriteSchema)
    @blp.response(200, ContractSchema)
    def put(self, body, contract_id):
        """Change a contract's hours, activities or dates."""
        return bus().handle(commands.ChangeContract(current_principal(), str(contract_id), **body))


@blp.route("/contracts/<uuid:contract_id>/renew")
class ContractRenewal(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ContractRenewSchema)
    @blp.response(200, ContractSchema)
    def post(self, body, contract_id):
        """Renew a contract to a later end, on the same terms."""
        command = commands.RenewContract(current_principal(), str(contract_id), body["ends_on"])
        return bus().handle(command)


@blp.route("/contracts/<uuid:contract_id>/end")
class ContractEnding(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(ContractEndSchema)
    @blp.response(200, ContractSchema)
    def post(self, body, contract_id):
        """End a contract, with a reason."""
        command = commands.EndContract(current_principal(), str(contract_id), **body)
        return bus().handle(command)
