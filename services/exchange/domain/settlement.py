"""Settling up between shops and the network, for a period.

A shop's net position is what the network owes it: the credits it honoured
at its till, minus the spesa sospesa money it collected. Shops that collected
more than they honoured pay; shops that honoured more are paid. Transfers go
from the largest debtor to the largest creditor first, so there are few of
them; what donations do not cover the network pays from its funding.
"""

from __future__ import annotations

from dataclasses import dataclass

NETWORK = "network"


@dataclass(frozen=True)
class ShopPosition:
    shop_id: str
    honoured_cents: int
    collected_cents: int

    @property
    def net_cents(self) -> int:
        """Positive: the network owes the shop. Negative: the shop owes the network."""
        return self.honoured_cents - self.collected_cents


@dataclass(frozen=True)
class SettlementTransfer:
    payer: str  # a shop id, or "network"
    payee: str
    amount_cents: int


def settlement_transfers(positions: list[ShopPosition]) -> list[SettlementTransfer]:
    """The payments that bring every shop's position to zero."""
    debtors = sorted(
        ([p.shop_id, -p.net_cents] for p in positions if p.net_cents < 0), key=lambda d: -d[1]
    )
    creditors = sorted(
        ([p.shop_id, p.net_cents] for p in positions if p.net_cents > 0), key=lambda c: -c[1]
    )
    transfers = []
    while debtors and creditors:
        debtor, creditor = debtors[0], creditors[0]
        amount = min(debtor[1], creditor[1])
        transfers.append(SettlementTransfer(debtor[0], creditor[0], amount))
        debtor[1] -= amount
        creditor[1] -= amount
        if debtor[1] == 0:
            debtors.pop(0)
        if creditor[1] == 0:
            creditors.pop(0)
    transfers += [SettlementTransfer(NETWORK, shop, amount) for shop, amount in creditors]
    transfers += [SettlementTransfer(shop, NETWORK, amount) for shop, amount in debtors]
    return transfers
