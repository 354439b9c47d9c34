"""Bar charts drawn on the server, as inline SVG a person reads at a glance; no JavaScript.

Plain geometry: given the months and one or two series of values, where
each bar, grid line and label goes in a fixed ``WIDTH`` by ``HEIGHT`` box
(the SVG scales to the page). The template draws it; the words (titles,
the description for screen readers, values as the reader writes them)
come with the series. The scale starts at zero and climbs in round steps
(1, 2 or 5 times a power of ten), so bars of different months compare
honestly and the grid reads easily.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 12, 44
MOST_GRID_LINES = 4
GROUP_FILL = 0.8  # of a month's width, the rest is the gap between months


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    written: Sequence[str]  # each value as the reader writes it


@dataclass(frozen=True)
class Month:
    short: str  # under its bars
    full: str  # in each bar's title
    year: str | None = None  # under January and the first month


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class MonthLabel:
    x: float
    month: Month


@dataclass(frozen=True)
class BarChart:
    key: str  # unique on the page: the ids of its title and description
    title: str
    description: str
    months: Sequence[Month]
    series: Sequence[Series]
    bars: Sequence[Bar]
    ticks: Sequence[Tick]
    labels: Sequence[MonthLabel]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM


def bar_chart(
    key: str,
    title: str,
    description: str,
    months: Sequence[Month],
    series: Sequence[Series],
    write_tick: Callable[[float], str],
    whole: bool = False,
) -> BarChart:
    """One bar per month and series, side by side; ``whole``: counts, ticked 0, 1, 2..."""
    step, lines = scale(max((v for s in series for v in s.values), default=0), whole)
    plot_height = HEIGHT - TOP - BOTTOM
    month_width = (WIDTH - LEFT - RIGHT) / len(months)
    bar_width = month_width * GROUP_FILL / len(series)
    bars, labels = [], []
    for index, month in enumerate(months):
        start = LEFT + index * month_width + month_width * (1 - GROUP_FILL) / 2
        labels.append(MonthLabel(_r(LEFT + (index + 0.5) * month_width), month))
        for number, each in enumerate(series):
            height = plot_height * max(each.values[index], 0) / (step * lines)
            bars.append(
                Bar(
                    x=_r(start + number * bar_width),
                    y=_r(HEIGHT - BOTTOM - height),
                    width=_r(bar_width),
                    height=_r(height),
                    series=number,
                    title=f"{month.full} · {each.name}: {each.written[index]}",
                )
            )
    ticks = [
        Tick(_r(HEIGHT - BOTTOM - plot_height * line / lines), write_tick(round(step * line, 9)))
        for line in range(lines + 1)
    ]
    return BarChart(key, title, description, months, series, bars, ticks, labels)


def scale(highest: float, whole: bool = False) -> tuple[float, int]:
    """The grid's round step and how many lines reach ``highest`` (at most MOST_GRID_LINES)."""
    if highest <= 0:
        return 1, 1
    rough = highest / MOST_GRID_LINES
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if rough <= m * magnitude)
    if whole:
        step = max(step, 1)
    return step, math.ceil(round(highest / step, 9))


def peak(series: Series) -> int | None:
    """The index of the series' highest value, or None when every value is zero."""
    highest = max(series.values, default=0)
    return series.values.index(highest) if highest > 0 else None


def _r(value: float) -> float:
    return round(value, 1)
