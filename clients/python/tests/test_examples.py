"""The two examples against the live server: the wrapped order function, and the
Freqtrade callbacks driven with stand-ins for Freqtrade's Trade and Order objects (Freqtrade
itself is not installed here; the stand-ins carry the attributes its documentation names)."""

from __future__ import annotations

import py_compile
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import guarded_strategy
import riskgate
from conftest import TRADER
from riskgate.freqtrade import FreqtradeRiskGuard, default_symbol

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def holding(client, strategy, symbol):
    for p in client.positions():
        if p.strategy == strategy and p.symbol == symbol:
            return p.quantity
    return Decimal(0)


def test_the_wrapped_order_function_reaches_the_venue_only_when_approved(trader, risk):
    prices = [Decimal(p) for p in ("100", "101", "102", "104", "103", "101", "99", "100", "103", "106")]
    result = guarded_strategy.run(trader, "A1", "GUARD", "GRD-USD", prices, Decimal("10"))
    sides = [o["side"] for o in result["sent"]]
    assert sides == ["buy", "sell", "buy"], sides
    assert result["rejected"] == []
    assert holding(trader, "GUARD", "GRD-USD") == Decimal("10")

    risk.set_limits("strategy:GUARD", {"maxOrderQuantity": 5})
    try:
        again = guarded_strategy.run(trader, "A1", "GUARD", "GRD-USD", prices, Decimal("10"))
    finally:
        risk.set_limits("strategy:GUARD", {"maxOrderQuantity": None})
    assert again["sent"] == []
    assert again["rejected"], "every order is over the limit"
    decision = again["rejected"][0]
    assert decision.rejected_by == "ORDER_QUANTITY_LIMIT"
    assert decision.check("ORDER_QUANTITY_LIMIT").limit == pytest.approx(5)


def test_guard_orders_raises_order_rejected_without_a_handler(trader, risk):
    from riskgate.guard import guard_orders

    sent = []

    @guard_orders(trader, account="A1", strategy="GUARD")
    def send(symbol, side, quantity, price=None, *, order_id):
        sent.append(order_id)

    trader.post_price("GRD-USD", bid="100", ask="100")
    with pytest.raises(riskgate.OrderRejected) as raised:
        send("GRD-USD", "buy", 100000, "100")
    assert raised.value.decision.rejected_by == "POSITION_LIMIT"
    assert "POSITION_LIMIT at account:A1" in str(raised.value)
    assert sent == [] and send.last_decision is raised.value.decision


@dataclass
class FakeTrade:
    """What the adapter reads of Freqtrade's Trade."""

    pair: str
    is_short: bool = False
    entry_side: str = "buy"


@dataclass
class FakeOrder:
    """What the adapter reads of Freqtrade's Order (``safe_*`` are Freqtrade's properties)."""

    order_id: str
    ft_order_side: str
    safe_filled: float
    safe_price: float
    safe_fee_base: float = 0.0


NOW = datetime.now(timezone.utc)


def test_freqtrade_entries_exits_and_fills_keep_riskgate_s_books(trader):
    guard = FreqtradeRiskGuard(trader, "A1", "FT")
    trade = FakeTrade("ETH/USDT")
    held = holding(trader, "FT", "ETH-USDT")

    assert guard.confirm_trade_entry("ETH/USDT", "limit", 0.5, 2500.5, "GTC", NOW, None, "long")
    assert guard.last_decision.approved
    guard.order_filled("ETH/USDT", trade, FakeOrder("x-1", "buy", 0.5, 2500.5, 0.0005), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held + Decimal("0.5")
    fees = next(p.fees for p in trader.positions() if p.strategy == "FT")
    assert fees >= Decimal("1.25025")

    assert not guard.confirm_trade_entry("ETH/USDT", "limit", 1000, 2500.5, "GTC", NOW, None, "long")
    assert guard.last_decision.rejected_by == "POSITION_LIMIT"

    assert guard.confirm_trade_exit("ETH/USDT", trade, "market", 0.5, 2500, "GTC", "roi", NOW)
    guard.order_filled("ETH/USDT", trade, FakeOrder("x-2", "sell", 0.5, 2500.0), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held

    # The same callback again is not a second fill, nor after a restart of the bot.
    guard.order_filled("ETH/USDT", trade, FakeOrder("x-2", "sell", 0.5, 2500.0), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held
    restarted = FreqtradeRiskGuard(trader, "A1", "FT")
    restarted.order_filled("ETH/USDT", trade, FakeOrder("x-2", "sell", 0.5, 2500.0), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held
    assert all(p.open_sell == 0 for p in trader.positions() if p.strategy == "FT")


def test_a_fill_of_an_order_riskgate_never_saw_is_registered_first(trader):
    guard = FreqtradeRiskGuard(trader, "A1", "FT")
    trade = FakeTrade("ETH/USDT")
    held = holding(trader, "FT", "ETH-USDT")
    guard.order_filled("ETH/USDT", trade, FakeOrder("stop-1", "buy", 0.2, 2500.5), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held + Decimal("0.2")
    guard.order_filled("ETH/USDT", trade, FakeOrder("stop-2", "sell", 0.2, 2500.0), NOW)
    assert holding(trader, "FT", "ETH-USDT") == held


def test_freqtrade_fails_closed_for_entries_and_open_for_exits_without_riskgate():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = riskgate.Client(f"http://127.0.0.1:{port}", TRADER, retries=0)
    guard = FreqtradeRiskGuard(client, "A1", "FT")
    assert not guard.confirm_trade_entry("ETH/USDT", "limit", 1, 2500, "GTC", NOW, None, "long")
    assert guard.confirm_trade_exit("ETH/USDT", FakeTrade("ETH/USDT"), "market", 1, 2500, "GTC", "stop_loss", NOW)


def test_pairs_map_to_symbols():
    assert default_symbol("BTC/USDT") == "BTC-USDT"
    assert default_symbol("BTC/USDT:USDT") == "BTC-USDT"
    guard = FreqtradeRiskGuard(None, "A1", "FT", symbols={"XBT/EUR": "BTC-EUR"})
    assert guard._symbol("XBT/EUR") == "BTC-EUR" and guard._symbol("ETH/EUR") == "ETH-EUR"


def test_the_freqtrade_example_compiles():
    py_compile.compile(str(EXAMPLES / "freqtrade_strategy.py"), doraise=True)
