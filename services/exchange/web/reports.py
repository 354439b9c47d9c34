"""What a shop took today, and what operators report: settlement, reciprocity, impact, kg."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.web.auth import current_principal, require_principal
from shared.web.context import bus, database

from .. import views
from ..domain import commands
from ..domain.calendar import local_day
from .schemas import (
    DayQuerySchema,
    FoodRecoverySchema,
    FoodRecoveryWriteSchema,
    MonthQuerySchema,
    PeriodQuerySchema,
    PeriodSchema,
    RulesSchema,
    SettlementReportSchema,
    SettlementSchema,
    TakingsSchema,
    YearQuerySchema,
)

blp = Blueprint("reports", __name__, url_prefix="/api/v1", description="Reports and records")
blp.before_request(require_principal)
AUTH = {"security": [{"bearerAuth": []}]}


@blp.route("/shops/<uuid:shop_id>/takings")
class ShopTakings(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(DayQuerySchema, location="query")
    @blp.response(200, TakingsSchema)
    def get(self, query, shop_id):
        """What a shop redeemed and collected as spesa sospesa on a day (the shop, operators)."""
        day = query["day"] or local_day()
        return views.shop_takings(database(), current_principal(), str(shop_id), day)


@blp.route("/networks/<uuid:network_id>/settlement")
class SettlementReport(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(PeriodQuerySchema, location="query")
    @blp.response(200, SettlementReportSchema)
    def get(self, query, network_id):
        """Each shop's net position for a period and the transfers that settle them.

        ``format=csv`` gives the same as a spreadsheet.
        """
        report = views.settlement(
            database(),
            current_principal(),
            str(network_id),
            query["period_start"],
            query["period_end"],
        )
        if query["format"] == "csv":
            filename = f"settlement-{query['period_start']}-{query['period_end']}.csv"
            return Response(
                views.settlement_csv(report),
                mimetype="text/csv",
                headers={"Content-Disposition": f'attachment; filename="{filename}"'},
            )
        return report


@blp.route("/networks/<uuid:network_id>/settlements")
class Settlements(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(PeriodSchema)
    @blp.response(201, SettlementSchema)
    def post(self, body, network_id):
        """Record a period as settled: shops' positions go back to zero (operators)."""
        command = commands.RecordSettlement(current_principal(), str(network_id), **body)
        return bus().handle(command)


@blp.route("/networks/<uuid:network_id>/reciprocity")
class Reciprocity(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(MonthQuerySchema, location="query")
    @blp.response(200)
    def get(self, query, network_id):
        """Per household: hours given in the month against its contract, food received."""
        return views.reciprocity(database(), current_principal(), str(network_id), query["month"])


@blp.route("/networks/<uuid:network_id>/impact")
class Impact(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(YearQuerySchema, location="query")
    @blp.response(200)
    def get(self, query, network_id):
        """Per month: euros donated, granted, allocated, redeemed; hours; households; kg."""
        return views.impact(database(), current_principal(), str(network_id), query["year"])


@blp.route("/networks/<uuid:network_id>/food-recoveries")
class FoodRecoveryTotals(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(MonthQuerySchema, location="query")
    @blp.response(200)
    def get(self, query, network_id):
        """Grams recovered in a month, per stall, market, destination and network."""
        return views.food_recovery(database(), current_principal(), str(network_id), query["month"])


@blp.route("/food-recoveries")
class FoodRecoveries(MethodView):
    @blp.doc(**AUTH)
    @blp.arguments(FoodRecoveryWriteSchema)
    @blp.response(201, FoodRecoverySchema)
    def post(self, body):
        """Record a market day's food recovered at a stall (the shop, a volunteer, operators)."""
        market_id = body.pop("market_id")
        command = commands.RecordFoodRecovery(
            current_principal(),
            str(body.pop("shop_id")),
            market_id=str(market_id) if market_id else None,
            **body,
        )
        return bus().handle(command)


@blp.route("/networks/<uuid:network_id>/rules")
class NetworkRules(MethodView):
    @blp.doc(**AUTH)
    @blp.response(200, RulesSchema)
    def get(self, network_id):
        """The network's entitlement, limits, credit lifetime and low-balance threshold."""
        return views.rules(database(), current_principal(), str(network_id))

    @blp.doc(**AUTH)
    @blp.arguments(RulesSchema)
    @blp.response(200, RulesSchema)
    def put(self, body, network_id):
        """Change some of the network's rules (operators)."""
        return bus().handle(commands.UpdateRules(current_principal(), str(network_id), body))
