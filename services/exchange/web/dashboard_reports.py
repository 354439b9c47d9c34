"""The dashboard's reports: settling up between shops for a period, and a year of impact."""

from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from marshmallow import ValidationError

from shared.web.context import bus, database
from shared.web.pages import page_principal, words

from .. import views
from ..domain import commands
from ..domain.calendar import local_day
from .dashboard_charts import impact_charts
from .dashboard_forms import REFUSED, InvalidForm, refusal
from .dashboard_scope import Scope, network_scope
from .schemas import PeriodSchema


def settlement_page():
    """Each shop's position over the period asked (by default, this month so far)."""
    scope = network_scope()
    try:
        start, end = _period()
    except InvalidForm as error:
        return _settlement(scope, *_default_period(), *refusal(error))
    return _settlement(scope, start, end)


def settlement_csv():
    """The same rows as the API's ``format=csv``, to open in a spreadsheet."""
    scope = network_scope()
    try:
        start, end = _period()
    except InvalidForm:
        start, end = _default_period()
    report = views.settlement(database(), page_principal(), scope.chosen, start, end)
    return Response(
        views.settlement_csv(report),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="settlement-{start}-{end}.csv"'},
    )


def record_settlement():
    """Close the period: the shops' positions go back to zero, once."""
    scope = network_scope()
    try:
        start, end = _period()
        command = commands.RecordSettlement(page_principal(), scope.chosen, start, end)
        bus().handle(command)
    except REFUSED as error:
        start, end = _period_or_default()
        return _settlement(
            scope, start, end, *refusal(error, not_allowed="dashboard_settlement_overlaps")
        )
    return _settlement(scope, start, end, [("ok", words()("dashboard_settlement_recorded"))])


def impact_page():
    """The last twelve months as bar charts, each with its numbers in a table."""
    scope = network_scope()
    charts = []
    if scope.network_id is not None:
        report = views.recent_impact(database(), page_principal(), scope.network_id, local_day())
        charts = impact_charts(report, words())
    return render_template(
        "dashboard/impact.html", scope=scope, tab="impact", charts_of_the_year=charts
    )


def _settlement(scope: Scope, start: date, end: date, notices=(), status: int = 200):
    report = None
    if scope.network_id is not None:
        report = views.settlement(database(), page_principal(), scope.network_id, start, end)
    page = render_template(
        "dashboard/settlement.html",
        scope=scope,
        tab="settlement",
        period_start=start,
        period_end=end,
        report=report,
        notices=list(notices),
    )
    return page, status


def _period() -> tuple[date, date]:
    """The period asked, by the API's rules; none asked: this month so far."""
    if not request.values.get("period_start") and not request.values.get("period_end"):
        return _default_period()
    try:
        period = PeriodSchema().load(
            {key: request.values.get(key, "") for key in ("period_start", "period_end")}
        )
    except ValidationError:
        raise InvalidForm("dashboard_period_invalid") from None
    if period["period_end"] < period["period_start"]:
        raise InvalidForm("dashboard_period_invalid")
    return period["period_start"], period["period_end"]


def _period_or_default() -> tuple[date, date]:
    try:
        return _period()
    except InvalidForm:
        return _default_period()


def _default_period() -> tuple[date, date]:
    today = local_day()
    return today.replace(day=1), today
