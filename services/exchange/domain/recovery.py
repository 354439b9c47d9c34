"""Food recovered at the markets: unsold food and spesa sospesa goods, in grams.

Recorded per market day and stall, with where it went, so totals add up per
stall, market, network and month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from shared.correlation import new_id

DESTINATIONS = ("households", "canteen", "preserving_lab", "other")


@dataclass
class FoodRecovery:
    id: str
    network_id: str
    shop_id: str
    day: date
    unsold_grams: int
    spesa_goods_grams: int
    destination: str
    recorded_by: str
    recorded_at: datetime
    market_id: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def record(cls, network_id, shop_id, day, unsold, spesa_goods, destination, by, market_id):
        return cls(
            new_id(),
            network_id,
            shop_id,
            day,
            unsold,
            spesa_goods,
            destination,
            by,
            datetime.now(UTC),
            market_id,
        )


@dataclass
class Settlement:
    """A period of a network settled: every shop's position was brought to zero."""

    id: str
    network_id: str
    period_start: date
    period_end: date
    recorded_by: str
    recorded_at: datetime
    transaction_id: str | None = None
    events: list = field(default_factory=list, repr=False, compare=False)
