"""A year of impact as four bar charts, in the reader's language (services/exchange/charts.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from flask import g

from shared.formatting import conventions_for, format_count, format_euros

from ..charts import BarChart, Month, Series, bar_chart, peak


def impact_charts(report: Sequence[dict], t: Callable[..., str]) -> list[BarChart]:
    """Euros donated and redeemed, hours given, households served, kg recovered, per month."""
    language = g.language
    months = month_names([row["month"] for row in report], language)

    def euros(cents: int) -> str:
        return format_euros(cents, language)

    def number(value: float) -> str:
        return write_number(value, language)

    def series(name: str, key: str, write: Callable, per: int = 1) -> Series:
        values = [row[key] / per for row in report]
        return Series(t(name), values, [write(row[key]) for row in report])

    def chart(key: str, title: str, each: list[Series], whole: bool = False) -> BarChart:
        return bar_chart(key, t(title), describe(months, each, t), months, each, number, whole)

    return [
        chart(
            "chart-euros",
            "dashboard_chart_euros",
            [
                series("dashboard_donated", "donated_cents", euros, per=100),
                series("dashboard_redeemed", "redeemed_cents", euros, per=100),
            ],
        ),
        chart(
            "chart-hours",
            "dashboard_chart_hours",
            [series("dashboard_hours_given", "hours_given", number)],
        ),
        chart(
            "chart-households",
            "dashboard_chart_households",
            [series("dashboard_households_served", "households_served", number)],
            whole=True,
        ),
        chart(
            "chart-kg",
            "dashboard_chart_kg",
            [series("dashboard_kg_recovered", "kg_recovered", number)],
        ),
    ]


def describe(months: Sequence[Month], each: Sequence[Series], t: Callable[..., str]) -> str:
    """What a screen reader says of the chart: the months it spans, and each series' peak."""
    text = [t("dashboard_chart_spans", first=months[0].full, last=months[-1].full)]
    for one in each:
        highest = peak(one)
        if highest is None:
            text.append(t("dashboard_chart_nothing", series=one.name))
        else:
            month, value = months[highest].full, one.written[highest]
            text.append(t("dashboard_chart_peak", series=one.name, value=value, month=month))
    return " ".join(text)


def month_names(firsts: Sequence[date], language: str) -> list[Month]:
    """Each month short under its bars, in full in titles; the year where it changes."""
    names = conventions_for(language).full_month_names or [f"{n:02d}" for n in range(1, 13)]
    return [
        Month(
            short=names[first.month - 1][:3],
            full=f"{names[first.month - 1]} {first.year}",
            year=str(first.year) if index == 0 or first.month == 1 else None,
        )
        for index, first in enumerate(firsts)
    ]


def write_number(value: float, language: str) -> str:
    """A count or a measure with one decimal, the reader's way: 1.234 or 12,5."""
    if float(value).is_integer():
        return format_count(int(value), language)
    whole, tenths = f"{value:.1f}".split(".")
    return f"{format_count(int(whole), language)}{conventions_for(language).decimal_mark}{tenths}"
