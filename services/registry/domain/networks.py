"""Networks (one per town) and their markets.

A network is a town's local programme. Its operators enrol households, whose
eligibility lasts ``eligibility_months`` from their referral (12 by default).
A market is where stalls stand on its market days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from shared.correlation import new_id

from .events import NetworkCreated

DEFAULT_ELIGIBILITY_MONTHS = 12
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Network:
    id: str
    name: str
    town: str
    created_at: datetime
    eligibility_months: int = DEFAULT_ELIGIBILITY_MONTHS
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def create(cls, name: str, town: str, eligibility_months: int | None = None) -> Network:
        network = cls(
            id=new_id(),
            name=name,
            town=town,
            created_at=datetime.now(UTC),
            eligibility_months=eligibility_months or DEFAULT_ELIGIBILITY_MONTHS,
        )
        network.events.append(NetworkCreated(network_id=network.id, name=name, town=town))
        return network


@dataclass
class Market:
    id: str
    network_id: str
    name: str
    address: str
    market_days: list[str]
    events: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def open(cls, network: Network, name: str, address: str, market_days: list[str]) -> Market:
        return cls(
            id=new_id(),
            network_id=network.id,
            name=name,
            address=address,
            market_days=_in_week_order(market_days),
        )

    def update(self, name: str, address: str, market_days: list[str]) -> None:
        self.name, self.address, self.market_days = name, address, _in_week_order(market_days)


def _in_week_order(days: list[str]) -> list[str]:
    return [day for day in WEEKDAYS if day in set(days)]
