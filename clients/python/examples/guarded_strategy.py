"""A strategy whose order function is wrapped by Riskgate.

The strategy below is a toy moving-average crossover on a price list; its ``send_order``
would talk to a venue (here a simulated one that fills every order at once). Wrapped by
:func:`riskgate.guard.guard_orders`, every order is checked by Riskgate first and reaches
the venue only when approved; the venue's fills are reported back, so Riskgate holds the
positions its limits are judged on.

    RISKGATE_URL=http://127.0.0.1:8080 RISKGATE_TOKEN=... python3 guarded_strategy.py A1 S1 BTC-USD
"""

from __future__ import annotations

import os
import sys
import uuid
from decimal import Decimal
from typing import Dict, List, Optional

import riskgate
from riskgate.guard import guard_orders


class SimulatedVenue:
    """Fills every order in full at its price; a real venue adapter goes here."""

    def __init__(self) -> None:
        self.orders: List[Dict[str, object]] = []

    def place(self, symbol: str, side: str, quantity: Decimal, price: Decimal, order_id: str) -> Dict[str, object]:
        order = {"id": order_id, "symbol": symbol, "side": side, "quantity": quantity, "price": price}
        self.orders.append(order)
        return order


def run(
    client: riskgate.Client,
    account: str,
    strategy: str,
    symbol: str,
    prices: List[Decimal],
    quantity: Decimal,
    venue: Optional[SimulatedVenue] = None,
) -> Dict[str, object]:
    """Trades ``prices`` (one quote each) with a 2/4 moving-average crossover; answers what
    was sent, what Riskgate rejected and why."""
    venue = venue or SimulatedVenue()
    rejected: List[riskgate.Decision] = []

    @guard_orders(client, account=account, strategy=strategy, on_reject=rejected.append)
    def send_order(symbol: str, side: str, quantity: Decimal, price: Decimal, *, order_id: str):
        order = venue.place(symbol, side, quantity, price, order_id)
        # The simulated venue fills at once; report it so Riskgate counts the position.
        client.report_fill(uuid.uuid4().hex, order_id, quantity, price)
        return order

    history: List[Decimal] = []
    long = False
    for price in prices:
        client.post_price(symbol, bid=price, ask=price)
        history.append(price)
        if len(history) < 4:
            continue
        fast = sum(history[-2:]) / 2
        slow = sum(history[-4:]) / 4
        if fast > slow and not long:
            long = send_order(symbol, "buy", quantity, price) is not None
        elif fast < slow and long:
            long = send_order(symbol, "sell", quantity, price) is None
    return {"sent": venue.orders, "rejected": rejected}


def main(argv: List[str]) -> int:
    account, strategy, symbol = argv[1:4]
    client = riskgate.Client(os.environ["RISKGATE_URL"], os.environ["RISKGATE_TOKEN"])
    prices = [Decimal(p) for p in ("100", "101", "102", "104", "103", "101", "99", "100", "103", "106")]
    result = run(client, account, strategy, symbol, prices, Decimal("1"))
    for order in result["sent"]:
        print("sent", order["side"], order["quantity"], order["symbol"], "at", order["price"])
    for decision in result["rejected"]:
        print("rejected", decision.order_id, decision.rejected_by, [c.describe() for c in decision.failed_checks])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
