"""Riskgate in a Freqtrade strategy, through its documented callbacks.

Freqtrade asks a strategy before it places an order (``confirm_trade_entry``,
``confirm_trade_exit``) and tells it when one filled (``order_filled``). This adapter
answers the first two with Riskgate's pre-trade check and reports the fills, so Riskgate
holds the bot's positions and stops it when a limit, a breaker or the kill switch says
so. It needs nothing from Freqtrade itself (the objects it gets are read by attribute), so
it is tested without Freqtrade; ``examples/freqtrade_strategy.py`` shows the strategy.

Fail closed: an entry is refused when Riskgate rejects it or cannot be reached. An exit is
risk-reducing and Riskgate passes it unless the kill switch is on; when Riskgate cannot be
reached the exit is let through, since trapping a position is the greater risk.
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict, defaultdict, deque
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Deque, Dict, Mapping, Optional, Tuple, Union

from .client import Client
from .errors import Conflict, ProblemError, RiskgateError
from .models import Decision

log = logging.getLogger("riskgate.freqtrade")


def default_symbol(pair: str) -> str:
    """Freqtrade's ``BTC/USDT`` (or futures ``BTC/USDT:USDT``) as ``BTC-USDT``."""
    return pair.split(":", 1)[0].replace("/", "-")


class FreqtradeRiskGuard:
    """The Riskgate side of a Freqtrade strategy's callbacks.

    Args:
        client: a client with a trader token for ``strategy``.
        account: the Riskgate account the bot trades in.
        strategy: the Riskgate strategy the bot is.
        symbols: a mapping from Freqtrade pairs to Riskgate symbols, or a function;
            :func:`default_symbol` by default.
        use_strategy_time: stamp events with Freqtrade's ``current_time`` instead of now.
            Only for a server whose clock is off (``engine.timerMillis: 0``), such as a
            replay; with the clock on, events must carry the present time.
    """

    def __init__(
        self,
        client: Client,
        account: str,
        strategy: str,
        *,
        symbols: Union[None, Mapping[str, str], Callable[[str], str]] = None,
        use_strategy_time: bool = False,
    ):
        self.client = client
        self.account = account
        self.strategy = strategy
        if symbols is None:
            self._symbol = default_symbol
        elif callable(symbols):
            self._symbol = symbols
        else:
            table = dict(symbols)
            self._symbol = lambda pair: table.get(pair, default_symbol(pair))
        self.use_strategy_time = use_strategy_time
        # Riskgate order ids approved and not yet filled, by (pair, side), oldest first.
        self._approved: Dict[Tuple[str, str], Deque[str]] = defaultdict(deque)
        # Freqtrade order ids whose fills were reported, so a repeated callback is ignored.
        self._reported: "OrderedDict[str, None]" = OrderedDict()
        self.last_decision: Optional[Decision] = None

    # ------------------------------------------------------------ Freqtrade's callbacks

    def confirm_trade_entry(
        self,
        pair: str,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        current_time: datetime,
        entry_tag: Optional[str],
        side: str,
        **kwargs: Any,
    ) -> bool:
        """True when Riskgate approves the entry; ``side`` is ``long`` or ``short``."""
        order_side = "sell" if side == "short" else "buy"
        return self._check(pair, order_side, order_type, amount, rate, current_time, entry=True)

    def confirm_trade_exit(
        self,
        pair: str,
        trade: Any,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        exit_reason: str,
        current_time: datetime,
        **kwargs: Any,
    ) -> bool:
        """True unless Riskgate rejects the exit (only the kill switch does)."""
        order_side = "buy" if getattr(trade, "is_short", False) else "sell"
        return self._check(pair, order_side, order_type, amount, rate, current_time, entry=False)

    def order_filled(
        self, pair: str, trade: Any, order: Any, current_time: datetime, **kwargs: Any
    ) -> None:
        """Reports the fill of an order to Riskgate.

        The order is the oldest one Riskgate approved for this pair and side. A fill of an
        order Riskgate never saw (a stop loss placed on the exchange, say) is first checked
        as a risk-reducing order, so the books stay right.
        """
        side = str(getattr(order, "ft_order_side", None) or getattr(order, "side", "")).lower()
        quantity = _number(order, "safe_filled", "filled", "amount")
        price = _number(order, "safe_price", "average", "price")
        if side not in ("buy", "sell") or not quantity or not price:
            log.warning("riskgate: fill of %s without side, quantity or price: skipped", pair)
            return
        exchange_id = getattr(order, "order_id", None)
        if exchange_id is not None and exchange_id in self._reported:
            return
        queue = self._approved.get((pair, side))
        order_id = queue.popleft() if queue else None
        registered = order_id is None
        if registered:
            order_id = self._new_id(pair)
            try:
                decision = self.client.check_order(
                    order_id,
                    self.account,
                    self.strategy,
                    self._symbol(pair),
                    side,
                    quantity,
                    price,
                    ts=self._ts(current_time),
                )
            except RiskgateError as e:
                log.error("riskgate: the fill of %s could not be registered: %s", pair, e)
                return
            if decision.rejected:
                log.error(
                    "riskgate: the fill of %s is of an order Riskgate rejects (%s); not reported",
                    pair,
                    decision.rejected_by,
                )
                return
        fee_base = _number(order, "safe_fee_base", "ft_fee_base") or Decimal(0)
        fill_id = f"ft-{exchange_id}" if exchange_id is not None else f"{order_id}:fill"
        try:
            self.client.report_fill(
                fill_id,
                order_id,
                quantity,
                price,
                fee=(fee_base * price).quantize(Decimal("0.00000001")),
                ts=self._ts(current_time),
            )
        except Conflict as e:
            # Reported before under this fill id (by this bot before a restart, say).
            log.info("riskgate: the fill %s was reported before: %s", fill_id, e.detail)
            if registered:
                self._cancel_quietly(order_id)
        except RiskgateError as e:
            log.error("riskgate: the fill of order %s was not reported: %s", order_id, e)
        else:
            if exchange_id is not None:
                self._reported[exchange_id] = None
                while len(self._reported) > 10_000:
                    self._reported.popitem(last=False)

    def _cancel_quietly(self, order_id: str) -> None:
        try:
            self.client.cancel(order_id)
        except RiskgateError as e:
            log.error("riskgate: order %s could not be cancelled: %s", order_id, e)

    # ------------------------------------------------------------ the checks

    def _check(
        self,
        pair: str,
        side: str,
        order_type: str,
        amount: float,
        rate: float,
        current_time: datetime,
        entry: bool,
    ) -> bool:
        order_id = self._new_id(pair)
        try:
            decision = self.client.check_order(
                order_id,
                self.account,
                self.strategy,
                self._symbol(pair),
                side,
                amount,
                None if order_type == "market" else rate,
                ts=self._ts(current_time),
            )
        except ProblemError as e:
            log.error("riskgate: %s order for %s refused: %s", side, pair, e)
            return not entry
        except RiskgateError as e:
            log.error("riskgate: unreachable for the %s order of %s: %s", side, pair, e)
            return not entry
        self.last_decision = decision
        if decision.approved:
            self._approved[(pair, side)].append(order_id)
        else:
            log.warning(
                "riskgate: %s %s %s rejected by %s: %s",
                side,
                amount,
                pair,
                decision.rejected_by,
                "; ".join(c.describe() for c in decision.failed_checks),
            )
        return decision.approved

    def _new_id(self, pair: str) -> str:
        return f"ft-{self._symbol(pair)}-{uuid.uuid4().hex[:12]}"

    def _ts(self, current_time: datetime) -> Optional[datetime]:
        return current_time if self.use_strategy_time else None


def _number(obj: Any, *names: str) -> Optional[Decimal]:
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    return None
